// A file written once, front to back, that counts and SHA-256-hashes what passes through and
// fsyncs at the end, so its writer learns the size and digest of exactly what reached the disk
// (export job files, uploaded media before their rename). Errors are kUnavailable naming the
// file and what to do next.
// Thread-safety: one writer per object.
#pragma once

#include <sodium.h>

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::service {

struct HashedFileOptions {
  bool exclusive = false;           // Refuse an existing file (O_EXCL) instead of replacing it.
  bool remove_unless_kept = false;  // The destructor deletes the file unless Keep() was called.
  bool durable = true;  // Finish() fsyncs; false for a spool file that is read back at once.
  std::string noun = "the file";    // Named in errors: "could not write the export file (...)".
  std::string retry = "try again";  // What to do next, ending the error message.
};

class HashedFile {
 public:
  HashedFile(std::string path, HashedFileOptions options);
  ~HashedFile();
  HashedFile(const HashedFile&) = delete;
  HashedFile& operator=(const HashedFile&) = delete;

  // Appends `bytes` (nothing once status() is an error).
  void Write(std::string_view bytes);
  // Closes (after an fsync when durable); then status() tells whether every byte was written.
  void Finish();
  void Keep() { kept_ = true; }

  const Status& status() const { return status_; }
  const std::string& path() const { return path_; }
  uint64_t bytes() const { return bytes_; }
  // Lower-case hex of the SHA-256 of everything written. Call once, after the last Write.
  std::string Sha256Hex();

 private:
  Status Failure(const char* what) const;

  std::string path_;
  HashedFileOptions options_;
  int fd_ = -1;
  bool created_ = false;  // The open succeeded.
  bool kept_ = false;
  Status status_;
  uint64_t bytes_ = 0;
  crypto_hash_sha256_state hash_;
};

}  // namespace chorus::service
