#include "quality/comparison_table.h"

#include <gtest/gtest.h>

namespace chorus::quality {
namespace {

TEST(ComparisonTableTest, OptionsShareOneInternerAcrossSides) {
  ComparisonTable table;
  table.Add("p1", "alice", "gpt", "claude", Outcome::kLeft);
  table.Add("p1", "bob", "claude", "gpt", Outcome::kTie);
  table.Add("p2", "alice", "llama", "gpt", Outcome::kRight);
  EXPECT_EQ(table.size(), 3u);
  EXPECT_EQ(table.item_count(), 2u);
  EXPECT_EQ(table.annotator_count(), 2u);
  EXPECT_EQ(table.option_count(), 3u);
  EXPECT_EQ(table.lefts()[0], table.rights()[1]);
  EXPECT_EQ(table.rights()[0], table.lefts()[1]);
  EXPECT_EQ(table.rights()[2], table.lefts()[0]);
  EXPECT_EQ(table.option_names().Name(table.lefts()[2]), "llama");
  EXPECT_EQ(table.outcomes()[1], Outcome::kTie);
}

TEST(ComparisonTableTest, FlippedSwapsSidesAndKeepsTies) {
  EXPECT_EQ(Flipped(Outcome::kLeft), Outcome::kRight);
  EXPECT_EQ(Flipped(Outcome::kRight), Outcome::kLeft);
  EXPECT_EQ(Flipped(Outcome::kTie), Outcome::kTie);
}

}  // namespace
}  // namespace chorus::quality
