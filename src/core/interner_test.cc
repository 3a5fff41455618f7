#include "core/interner.h"

#include <gtest/gtest.h>

namespace chorus {
namespace {

TEST(InternerTest, AssignsDenseIdsInOrderOfFirstAppearance) {
  Interner interner;
  EXPECT_EQ(interner.Intern("b"), 0u);
  EXPECT_EQ(interner.Intern("a"), 1u);
  EXPECT_EQ(interner.Intern("b"), 0u);
  EXPECT_EQ(interner.size(), 2u);
  EXPECT_EQ(interner.Name(1), "a");
  EXPECT_EQ(interner.Find("a"), 1u);
  EXPECT_FALSE(interner.Find("c").has_value());
}

TEST(InternerTest, CopyKeepsLookupsWorkingAfterTheOriginalDies) {
  Interner copy;
  {
    Interner original;
    for (int i = 0; i < 1000; ++i) original.Intern("name" + std::to_string(i));
    copy = original;
  }
  EXPECT_EQ(copy.Find("name999"), 999u);
  EXPECT_EQ(copy.Intern("name5"), 5u);
}

}  // namespace
}  // namespace chorus
