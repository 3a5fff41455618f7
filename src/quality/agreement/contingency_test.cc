#include "quality/agreement/contingency.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <tuple>
#include <vector>

#include "quality/testdata/test_tables.h"

namespace chorus::quality {
namespace {

using testdata::Name;

TEST(ContingencyTableTest, FromRows) {
  const ContingencyTable t = ContingencyFromRows({{1, 2}, {3, 4}});
  EXPECT_EQ(t.category_count, 2u);
  EXPECT_EQ(t.at(0, 1), 2);
  EXPECT_EQ(t.at(1, 0), 3);
  EXPECT_EQ(t.total(), 10);
  EXPECT_EQ(ContingencyFromRows({}).total(), 0);
}

VoteTable SmallTable() {
  VoteTable votes;
  votes.Add("i1", "ann", "cat");
  votes.Add("i1", "bob", "cat");
  votes.Add("i2", "ann", "dog");
  votes.Add("i2", "bob", "cat");
  votes.Add("i3", "ann", "dog");  // Only ann: not in the pair table.
  votes.Add("i4", "bob", "dog");  // Only bob.
  votes.Add("i4", "cyd", "dog");
  votes.Add("i5", "ann", "dog");
  votes.Add("i5", "bob", "dog");
  return votes;
}

TEST(PairTableTest, CountsItemsBothLabelled) {
  const VoteTable votes = SmallTable();
  const ItemVotes grouped = GroupByItem(votes);
  const AnnotatorId ann = *votes.annotator_names().Find("ann");
  const AnnotatorId bob = *votes.annotator_names().Find("bob");
  const LabelId cat = *votes.label_names().Find("cat");
  const LabelId dog = *votes.label_names().Find("dog");
  const ContingencyTable t = PairTable(grouped, votes.label_count(), ann, bob);
  EXPECT_EQ(t.category_count, 2u);
  EXPECT_EQ(t.total(), 3);
  EXPECT_EQ(t.at(cat, cat), 1);
  EXPECT_EQ(t.at(dog, cat), 1);
  EXPECT_EQ(t.at(dog, dog), 1);
  // Swapping the annotators transposes the table.
  const ContingencyTable swapped = PairTable(grouped, votes.label_count(), bob, ann);
  EXPECT_EQ(swapped.at(cat, dog), 1);
  EXPECT_EQ(swapped.at(dog, cat), 0);
}

TEST(PairTableTest, AnnotatorWithoutVotesGivesEmptyTable) {
  const VoteTable votes = SmallTable();
  const ItemVotes grouped = GroupByItem(votes);
  const ContingencyTable t = PairTable(grouped, votes.label_count(), 0, 99);
  EXPECT_EQ(t.total(), 0);
  EXPECT_EQ(t.counts.size(), 4u);
}

TEST(PairTableTest, RepeatedVotesUseTheFirstInItemVotesOrder) {
  VoteTable votes;
  votes.Add("i1", "ann", "b");
  votes.Add("i1", "ann", "a");  // ItemVotes sorts by (annotator, label id): "b" (id 0) first.
  votes.Add("i1", "bob", "a");
  const ItemVotes grouped = GroupByItem(votes);
  const ContingencyTable t = PairTable(grouped, votes.label_count(), 0, 1);
  EXPECT_EQ(t.total(), 1);
  EXPECT_EQ(t.at(0, 1), 1);  // ann "b" (id 0) × bob "a" (id 1).
}

TEST(PairTableTest, VoteOrderDoesNotMatter) {
  std::mt19937_64 rng(7);
  std::vector<std::tuple<std::string, std::string, std::string>> rows;
  for (int i = 0; i < 200; ++i) {
    for (const char* who : {"ann", "bob"}) {
      if (rng() % 5 == 0) continue;
      rows.emplace_back(Name("item", i), who, Name("L", rng() % 4));
    }
  }
  // Intern names in a fixed order so that ids match between the two tables.
  auto build = [&](const auto& ordered) {
    VoteTable votes;
    for (const char* who : {"ann", "bob"}) votes.annotator_names().Intern(who);
    for (int l = 0; l < 4; ++l) votes.label_names().Intern(Name("L", l));
    for (int i = 0; i < 200; ++i) votes.item_names().Intern(Name("item", i));
    for (const auto& [item, who, label] : ordered) votes.Add(item, who, label);
    return PairTable(GroupByItem(votes), votes.label_count(), 0, 1);
  };
  const ContingencyTable a = build(rows);
  std::shuffle(rows.begin(), rows.end(), rng);
  const ContingencyTable b = build(rows);
  EXPECT_EQ(a.counts, b.counts);
}

// Tables grouped by item take the one-pass path, shuffled ones the grouped path: both must give
// what PairTable(GroupByItem(...)) gives, repeated votes included.
TEST(PairTableTest, FromTableEqualsFromGroupedVotes) {
  std::mt19937_64 rng(11);
  VoteTable sorted, shuffled;
  std::vector<std::tuple<std::string, std::string, std::string>> rows;
  for (int i = 0; i < 300; ++i) {
    for (const char* who : {"ann", "bob", "cyd"}) {
      const int copies = static_cast<int>(rng() % 4);  // 0: no vote; 2 or 3: repeated votes.
      for (int c = 0; c < copies; ++c)
        rows.emplace_back(Name("item", i), who, Name("L", rng() % 3));
    }
  }
  for (const auto& [item, who, label] : rows) sorted.Add(item, who, label);
  std::shuffle(rows.begin(), rows.end(), rng);
  for (const auto& [item, who, label] : rows) shuffled.Add(item, who, label);
  for (const VoteTable* votes : {&sorted, &shuffled}) {
    for (const auto& [a, b] : {std::pair{0u, 1u}, {1u, 0u}, {0u, 2u}, {1u, 1u}, {0u, 99u}}) {
      const ContingencyTable expected = PairTable(GroupByItem(*votes), votes->label_count(), a, b);
      EXPECT_EQ(PairTable(*votes, a, b).counts, expected.counts) << a << " x " << b;
    }
  }
  EXPECT_GT(PairTable(sorted, 0, 1).total(), 100);
}

}  // namespace
}  // namespace chorus::quality
