// The outcome of an optimistic update: the row as written, or the reason it was not.
//
// Updates name the version they read. When the stored version differs the write is refused
// with kConflict, and current_version() tells the caller the version now stored, so the API
// can answer 409 with it instead of overwriting silently (security catalogue entry 11).
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <utility>

#include "core/status.h"

namespace chorus::store {

template <typename T>
class UpdateResult : public Result<T> {
 public:
  UpdateResult(T value) : Result<T>(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  // REQUIRES: !status.ok().
  UpdateResult(Status status, int64_t current_version = 0)  // NOLINT(google-explicit-constructor)
      : Result<T>(std::move(status)), current_version_(current_version) {}

  // On kConflict from a stale version: the version stored now. 0 otherwise.
  int64_t current_version() const { return current_version_; }

 private:
  int64_t current_version_ = 0;
};

}  // namespace chorus::store
