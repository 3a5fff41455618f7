#include "core/huge_pages.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <memory>
#include <new>
#include <string>
#include <vector>

namespace chorus {
namespace {

bool HugePageAligned(const void* p) {
  return reinterpret_cast<std::uintptr_t>(p) % kHugePageBytes == 0;
}

// Large arrays start on a huge page, so all of each can be mapped 2 MiB at a time.
TEST(HugePageAllocationsTest, LargeAllocationsStartOnAHugePage) {
  if (!kHugePageAllocations) GTEST_SKIP() << "AddressSanitizer keeps its own allocator";
  std::vector<uint32_t> column;
  column.reserve(kHugePageBytes / sizeof(uint32_t) + 1);  // Just over one huge page.
  EXPECT_TRUE(HugePageAligned(column.data()));
  std::string names;
  names.reserve(3 * kHugePageBytes);
  EXPECT_TRUE(HugePageAligned(names.data()));
  const auto block = std::make_unique<char[]>(kHugePageBytes);
  EXPECT_TRUE(HugePageAligned(block.get()));
}

// Every size gets usable memory that holds what is written, and is released through both
// forms of delete.
TEST(HugePageAllocationsTest, AllocationsOfEverySizeHoldTheirContents) {
  for (size_t size : {size_t{0}, size_t{1}, size_t{4096}, kHugePageBytes - 1, kHugePageBytes,
                      kHugePageBytes + 1, 5 * kHugePageBytes + 12345}) {
    std::vector<unsigned char> bytes(size);
    for (size_t i = 0; i < size; i += 4093) bytes[i] = static_cast<unsigned char>(i % 251);
    for (size_t i = 0; i < size; i += 4093) {
      ASSERT_EQ(bytes[i], static_cast<unsigned char>(i % 251)) << size;
    }
    auto* raw = new int[size / sizeof(int) + 1];
    raw[size / sizeof(int)] = 7;
    EXPECT_EQ(raw[size / sizeof(int)], 7);
    delete[] raw;
  }
}

// Rounding up to whole huge pages must not wrap a size near SIZE_MAX round to a small block.
TEST(HugePageAllocationsTest, ASizeNoBlockCanHaveIsRefused) {
  if (!kHugePageAllocations) GTEST_SKIP() << "AddressSanitizer aborts on such a size instead";
  volatile size_t size = std::numeric_limits<size_t>::max() - 1;  // Not folded into a warning.
  EXPECT_THROW(::operator delete(::operator new(size)), std::bad_alloc);
}

}  // namespace
}  // namespace chorus
