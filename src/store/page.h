// Cursor pagination shared by every list method: items come in increasing id order, and the
// next page starts after the last id of this one (stable under concurrent inserts, unlike
// offsets).
// Thread-safety: value types.
#pragma once

#include <cstdint>
#include <vector>

namespace chorus::store {

struct PageRequest {
  int64_t after_id = 0;  // Return items whose id is greater than this; 0 for the first page.
  int64_t limit = 100;   // At most this many items, 1..10000 (larger values are clamped).
};

template <typename T>
struct Page {
  std::vector<T> items;
  int64_t next_after_id = 0;  // Pass as after_id for the next page; 0 when this is the last.
};

// The limit actually used: clamped to 1..10000.
inline int64_t ClampLimit(int64_t limit) { return limit < 1 ? 1 : (limit > 10000 ? 10000 : limit); }

}  // namespace chorus::store
