// `chorus serve --web-dir DIR`: the web app read from a directory (web/dist after `npm run
// build`) instead of the copy compiled into the binary, so the web app can be rebuilt and
// tried without compiling C++. The files are read once, at start, into memory and served
// through the same exact-path table as the embedded copy (server/static_assets.h): no file is
// opened per request, so a request path can never reach the filesystem.
// Thread-safety: immutable once loaded.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "server/embedded_file.h"

namespace chorus::app {

class WebDir {
 public:
  // Reads every regular file under `dir` (symbolic links are skipped, not followed).
  // kInvalidArgument naming --web-dir when `dir` is not a directory, has no index.html, or
  // holds more than kMaxBytes.
  static Result<std::shared_ptr<const WebDir>> Load(const std::string& dir);

  static constexpr uint64_t kMaxBytes = uint64_t{256} << 20;

  // Paths are '/' + the path relative to `dir`, as the embedded table has them.
  std::span<const server::EmbeddedFile> files() const { return files_; }

 private:
  WebDir() = default;
  std::vector<std::string> paths_;
  std::vector<std::string> contents_;
  std::vector<server::EmbeddedFile> files_;  // Views into paths_ and contents_, built last.
};

}  // namespace chorus::app
