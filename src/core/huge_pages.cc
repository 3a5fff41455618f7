#include "core/huge_pages.h"

#include <sys/mman.h>

#include <cstdlib>
#include <limits>
#include <new>

#if !defined(__SANITIZE_ADDRESS__)

// The global operator new and delete (replaceable, [new.delete.single]); the other forms
// (arrays, nothrow, sized delete) forward to these. free() releases what aligned_alloc() gave.
void* operator new(std::size_t size) {
  constexpr std::size_t kPage = chorus::kHugePageBytes;
  const bool large = size >= kPage;
  // A size within a huge page of SIZE_MAX would round to a tiny block: it fails instead.
  const bool impossible = size > std::numeric_limits<std::size_t>::max() - (kPage - 1);
  const std::size_t rounded = large && !impossible ? (size + kPage - 1) & ~(kPage - 1) : size;
  while (true) {
    void* memory = impossible ? nullptr
                   : large    ? std::aligned_alloc(kPage, rounded)
                              : std::malloc(size == 0 ? 1 : size);
    if (memory != nullptr) {
#ifdef MADV_HUGEPAGE
      // Failure (an old kernel, THP off) only means ordinary pages: nothing to report.
      if (large) madvise(memory, rounded, MADV_HUGEPAGE);
#endif
      return memory;
    }
    const std::new_handler handler = std::get_new_handler();
    if (handler == nullptr) throw std::bad_alloc();
    handler();
  }
}

void operator delete(void* memory) noexcept { std::free(memory); }
void operator delete(void* memory, std::size_t) noexcept { std::free(memory); }

#endif
