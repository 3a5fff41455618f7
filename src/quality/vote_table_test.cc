#include "quality/vote_table.h"

#include <gtest/gtest.h>

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
