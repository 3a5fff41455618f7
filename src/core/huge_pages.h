// Transparent huge pages for the few large arrays that reading and grouping millions of votes
// fill at once (columns, name indexes).
//
// Filling a fresh array faults each 4 KiB page in separately; on a table of 100 MB that is
// 25,000 kernel entries and as much time as the work itself. Where the kernel's THP mode is
// "madvise" (Debian's default), asking for huge pages on such an array makes it 512 times fewer
// faults. The advice changes speed only, never contents, and is ignored where unsupported.
// Thread-safety: thread-safe.
#pragma once

#include <cstddef>
#include <vector>

namespace chorus {

// Arrays smaller than this cannot hold a whole huge page; one that does saves 511 faults, far
// more than the system call costs.
inline constexpr size_t kHugePageAdviceMinBytes = size_t{2} << 20;

// Advises huge pages for the 2 MiB-aligned part of [data, data + bytes), if it is large enough.
void AdviseHugePages(const void* data, size_t bytes);

// vector::reserve, then the advice, so that the pages are advised before they are first touched.
template <typename T>
void ReserveHuge(std::vector<T>& values, size_t count) {
  values.reserve(count);
  AdviseHugePages(values.data(), values.capacity() * sizeof(T));
}

}  // namespace chorus
