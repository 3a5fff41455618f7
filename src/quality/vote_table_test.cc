#include "quality/vote_table.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <tuple>

#include "quality/statistic.h"

namespace chorus::quality {
namespace {

TEST(VoteTableTest, InternsNamesIntoColumns) {
  VoteTable table;
  table.Add("i1", "alice", "cat");
  table.Add("i1", "bob", "dog");
  table.Add("i2", "alice", "cat");
  EXPECT_EQ(table.size(), 3u);
  EXPECT_EQ(table.item_count(), 2u);
  EXPECT_EQ(table.annotator_count(), 2u);
  EXPECT_EQ(table.label_count(), 2u);
  EXPECT_EQ(table.labels()[2], 0u);
}

TEST(VoteTableTest, GroupsByItemSortedByAnnotator) {
  VoteTable table;
  table.Add("i1", "a", "x");
  table.Add("i2", "b", "y");
  table.Add("i1", "b", "y");
  table.Add("i1", "a", "w");
  ItemVotes grouped = GroupByItem(table);
  ASSERT_EQ(grouped.item_count(), 2u);
  // Ids follow first appearance: a=0, b=1; x=0, y=1, w=2.
  EXPECT_EQ(grouped.VotesOn(0), 3u);
  EXPECT_EQ(grouped.annotators[0], 0u);
  EXPECT_EQ(grouped.labels[0], 0u);
  EXPECT_EQ(grouped.annotators[1], 0u);
  EXPECT_EQ(grouped.labels[1], 2u);
  EXPECT_EQ(grouped.annotators[2], 1u);
  EXPECT_EQ(grouped.VotesOn(1), 1u);
}

TEST(VoteTableTest, GroupingEqualsANaiveSortOnRandomTables) {
  std::mt19937_64 rng(42);
  for (int trial = 0; trial < 20; ++trial) {
    VoteTable table;
    const int votes = 1 + static_cast<int>(rng() % 400);
    for (int v = 0; v < votes; ++v) {
      table.Add(std::to_string(rng() % 30), std::to_string(rng() % 7), std::to_string(rng() % 4));
    }
    std::vector<std::tuple<ItemId, AnnotatorId, LabelId>> expected;
    for (size_t v = 0; v < table.size(); ++v) {
      expected.emplace_back(table.items()[v], table.annotators()[v], table.labels()[v]);
    }
    std::sort(expected.begin(), expected.end());
    const ItemVotes grouped = GroupByItem(table);
    std::vector<std::tuple<ItemId, AnnotatorId, LabelId>> actual;
    for (ItemId item = 0; item < grouped.item_count(); ++item) {
      for (uint32_t k = grouped.offsets[item]; k < grouped.offsets[item + 1]; ++k) {
        actual.emplace_back(item, grouped.annotators[k], grouped.labels[k]);
      }
    }
    EXPECT_EQ(actual, expected) << "trial " << trial;
  }
}

TEST(VoteTableTest, CountsVotesPerItemAndCategory) {
  VoteTable table;
  table.Add("i1", "a", "x");
  table.Add("i1", "b", "x");
  table.Add("i1", "c", "y");
  CategoryCounts counts = CountByItem(table);
  EXPECT_EQ(counts.at(0, 0), 2u);
  EXPECT_EQ(counts.at(0, 1), 1u);
}

TEST(VoteTableTest, NumericLabelValuesNamesTheFirstNonNumber) {
  VoteTable table;
  table.Add("i1", "a", "2.5");
  EXPECT_EQ(table.NumericLabelValues().value()[0], 2.5);
  table.Add("i1", "b", "high");
  auto values = table.NumericLabelValues();
  ASSERT_FALSE(values.ok());
  EXPECT_NE(values.status().message().find("\"high\""), std::string::npos);
}

TEST(LandisKochTest, BandsFollowThePaper) {
  EXPECT_STREQ(LandisKochBand(-0.1), "poor");
  EXPECT_STREQ(LandisKochBand(0.2), "slight");
  EXPECT_STREQ(LandisKochBand(0.21), "fair");
  EXPECT_STREQ(LandisKochBand(0.5), "moderate");
  EXPECT_STREQ(LandisKochBand(0.743), "substantial");
  EXPECT_STREQ(LandisKochBand(0.9), "almost perfect");
}

}  // namespace
}  // namespace chorus::quality
