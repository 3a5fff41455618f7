// What every SQLite aggregate store shares: the single writer and the read pool, plus the
// Status helpers they use. Internal to store/sqlite.
// Thread-safety: as Writer and ReadPool.
#pragma once

#include <string>
#include <utility>

#include "core/status.h"
#include "store/sqlite/read_pool.h"
#include "store/sqlite/writer.h"

namespace chorus::store::sqlite {

struct SqliteContext {
  Writer& writer;
  ReadPool& reads;
};

inline Status Conflict(std::string message, std::string field = {}) {
  return {StatusCode::kConflict, std::move(message), std::move(field)};
}

inline Status PermissionDenied(std::string message, std::string field = {}) {
  return {StatusCode::kPermissionDenied, std::move(message), std::move(field)};
}

// Runs `read(Connection&)` (returning Result<T> or Status) on a pooled read connection.
template <typename F>
auto WithReader(ReadPool& reads, F&& read) -> decltype(read(std::declval<Connection&>())) {
  Result<ReadPool::Lease> lease = reads.Acquire();
  if (!lease.ok()) return lease.status();
  return read(**lease);
}

}  // namespace chorus::store::sqlite
