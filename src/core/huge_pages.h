// Transparent huge pages for every large allocation through operator new (over-aligned types
// excepted): the columns, name indexes and buffers that reading and grouping millions of votes
// fill at once.
//
// Filling a fresh array faults each 4 KiB page in separately; on this project's benchmark VM
// that runs at about 2.5 GB/s, against about 10 GB/s for 2 MiB pages. Where the kernel's THP
// mode is "madvise" (Debian's default), the replaced global operator new (huge_pages.cc) gives
// every allocation of kHugePageBytes or more its own 2 MiB-aligned block, rounded up to whole
// huge pages, and asks for huge pages on all of it: advising only the aligned middle of an
// ordinary allocation left up to 4 MiB of small pages per array (about 9,000 faults in a 2M-vote
// Cohen run, 2,200 now). The advice changes speed only, never contents, and is ignored where
// unsupported. The cost is memory: a block's last huge page is resident whole once touched, so
// a live block can hold up to 2 MiB more than it asked for (a 2.1 MB buffer, 4 MiB). Fixing
// glibc's mmap threshold at 2 MiB, so that freed blocks always leave the process, was measured
// and dropped: Fleiss on 1M items went from 240 to 258 ms (median of 10, interleaved).
// Builds with AddressSanitizer keep its allocator instead.
// Thread-safety: thread-safe.
#pragma once

#include <cstddef>

namespace chorus {

// The size of a transparent huge page on x86-64; the smallest allocation that gets its own.
inline constexpr size_t kHugePageBytes = size_t{2} << 20;

// Whether this build replaces operator new as above (not under AddressSanitizer).
#if defined(__SANITIZE_ADDRESS__)
inline constexpr bool kHugePageAllocations = false;
#else
inline constexpr bool kHugePageAllocations = true;
#endif

}  // namespace chorus
