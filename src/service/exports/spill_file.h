// An anonymous temporary file (std::tmpfile, removed when closed) for the parts of an export
// that must come after what is still streaming (COCO's annotations after its images), so memory
// stays bounded whatever the project's size.
// Thread-safety: one owner.
#pragma once

#include <cstdio>
#include <string>
#include <string_view>

#include "service/exports/export_writer.h"
#include "service/exports/tar_writer.h"

namespace chorus::service::exports {

class SpillFile {
 public:
  SpillFile() : file_(std::tmpfile()) {}
  ~SpillFile() {
    if (file_ != nullptr) std::fclose(file_);
  }
  SpillFile(const SpillFile&) = delete;
  SpillFile& operator=(const SpillFile&) = delete;

  bool ok() const { return file_ != nullptr; }
  // False when the file could not be created or written.
  bool Write(std::string_view text) {
    if (file_ == nullptr || std::fwrite(text.data(), 1, text.size(), file_) != text.size()) {
      return false;
    }
    size_ += text.size();
    return true;
  }
  size_t size() const { return size_; }
  // Everything written, in pieces of at most 64 KiB.
  void CopyTo(const Sink& sink) {
    if (file_ == nullptr) return;
    std::rewind(file_);
    char buffer[1 << 16];
    size_t n;
    while ((n = std::fread(buffer, 1, sizeof buffer, file_)) > 0) sink({buffer, n});
  }
  // Everything written as one tar entry named `name` (header, content, padding): an archive
  // member whose size is known only at the end (tar_writer.h).
  void CopyToTar(const Sink& sink, std::string_view name) {
    std::string header;
    AppendTarHeader(header, name, size_, 0);
    sink(header);
    CopyTo(sink);
    sink(TarPadding(size_));
  }

 private:
  std::FILE* file_;
  size_t size_ = 0;
};

}  // namespace chorus::service::exports
