#include "service/hashed_file.h"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

namespace chorus::service {

HashedFile::HashedFile(std::string path, HashedFileOptions options)
    : path_(std::move(path)), options_(std::move(options)) {
  const int mode = options_.exclusive ? O_EXCL : O_TRUNC;
  fd_ = ::open(path_.c_str(), O_WRONLY | O_CREAT | mode | O_CLOEXEC, 0600);
  if (fd_ < 0) status_ = Failure("create");
  created_ = fd_ >= 0;
  crypto_hash_sha256_init(&hash_);
}

HashedFile::~HashedFile() {
  if (fd_ >= 0) ::close(fd_);
  // Only a file this object opened: a failed exclusive open names someone else's file.
  if (options_.remove_unless_kept && !kept_ && created_) ::unlink(path_.c_str());
}

void HashedFile::Write(std::string_view bytes) {
  if (!status_.ok()) return;
  crypto_hash_sha256_update(&hash_, reinterpret_cast<const unsigned char*>(bytes.data()),
                            bytes.size());
  bytes_ += bytes.size();
  while (!bytes.empty()) {
    const ssize_t n = ::write(fd_, bytes.data(), bytes.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      status_ = Failure("write");
      return;
    }
    bytes.remove_prefix(static_cast<size_t>(n));
  }
}

void HashedFile::Finish() {
  if (status_.ok() && options_.durable && ::fsync(fd_) != 0) status_ = Failure("sync");
  if (fd_ >= 0 && ::close(fd_) != 0 && status_.ok()) status_ = Failure("close");
  fd_ = -1;
}

std::string HashedFile::Sha256Hex() {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256_final(&hash_, digest);
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  return hex;
}

Status HashedFile::Failure(const char* what) const {
  return Status(StatusCode::kUnavailable, std::string("could not ") + what + " " + options_.noun +
                                              " (" + std::strerror(errno) +
                                              "); check the disk and " + options_.retry);
}

}  // namespace chorus::service
