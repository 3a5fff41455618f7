#include "app/web_dir.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <system_error>

namespace chorus::app {
namespace {

Status WebDirError(const std::string& dir, const std::string& what) {
  return Status(StatusCode::kInvalidArgument, "--web-dir " + dir + ": " + what);
}

}  // namespace

Result<std::shared_ptr<const WebDir>> WebDir::Load(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    return WebDirError(dir,
                       "not a directory; build the web app (npm --prefix web run build) "
                       "and give its web/dist");
  }
  std::shared_ptr<WebDir> loaded(new WebDir());
  uint64_t total = 0;
  fs::recursive_directory_iterator it(dir, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    if (it->is_symlink(error) || !it->is_regular_file(error)) continue;
    total += it->file_size(error);
    if (total > kMaxBytes) return WebDirError(dir, "holds more than 256 MiB; is it web/dist?");
    std::ifstream in(it->path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    if (!in && !in.eof()) return WebDirError(dir, "cannot read " + it->path().string());
    loaded->paths_.push_back("/" + it->path().lexically_relative(dir).generic_string());
    loaded->contents_.push_back(std::move(bytes));
  }
  if (error) return WebDirError(dir, error.message());
  bool has_index = false;
  for (size_t i = 0; i < loaded->paths_.size(); ++i) {
    has_index = has_index || loaded->paths_[i] == "/index.html";
    loaded->files_.push_back({loaded->paths_[i], loaded->contents_[i]});
  }
  if (!has_index) return WebDirError(dir, "has no index.html; is it web/dist?");
  return std::shared_ptr<const WebDir>(std::move(loaded));
}

}  // namespace chorus::app
