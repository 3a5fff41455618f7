// What every SQLite aggregate store shares: the single writer and the read pool, plus the
// Status helpers they use. Internal to store/sqlite.
// Thread-safety: as Writer and ReadPool.
#pragma once

#include <string>
#include <utility>

#include "core/status.h"
#include "store/page.h"
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

// The rows of a bound page query whose LIMIT was bound to limit + 1, each read by
// `read_row(const Query&) -> Result<T>`; the extra row only sets next_after_id.
template <typename T, typename ReadRow>
Result<Page<T>> ReadPageRows(Query& q, int64_t limit, ReadRow&& read_row) {
  Page<T> out;
  while (true) {
    Result<bool> row = q.Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    if (static_cast<int64_t>(out.items.size()) == limit) {
      out.next_after_id = out.items.back().id;
      break;
    }
    Result<T> item = read_row(q);
    if (!item.ok()) return item.status();
    out.items.push_back(std::move(item).value());
  }
  return out;
}

}  // namespace chorus::store::sqlite
