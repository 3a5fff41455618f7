#include "quality/truth/wawa.h"
#include "quality/testdata/test_tables.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace chorus::quality {
namespace {

using testdata::Name;

using testdata::IdVote;
using testdata::TableOfIds;

// Annotators g = 0, h1 = 1, h2 = 2, x = 3, y = 4; labels A = 0, B = 1.
// Items 0-2: g, h1, h2 say A; x, y say B (MV: A by 3 to 2).
// Item 3:    g says A; x, y say B       (MV: B by 2 to 1).
std::vector<IdVote> FlipVotes() {
  std::vector<IdVote> votes;
  for (ItemId i = 0; i < 3; ++i) {
    for (AnnotatorId a = 0; a < 3; ++a) votes.push_back({i, a, 0});
    votes.push_back({i, 3, 1});
    votes.push_back({i, 4, 1});
  }
  votes.push_back({3, 0, 0});
  votes.push_back({3, 3, 1});
  votes.push_back({3, 4, 1});
  return votes;
}

// crowd-kit's Wawa (wawa.py: MajorityVote, get_accuracy against its labels, MajorityVote with
// skills) worked by hand on FlipVotes:
//   skills: g 3/4 (wrong on item 3), h1 = h2 = 1, x = y = 1/4 (right only on item 3);
//   item 3: A = 3/4, B = 1/4 + 1/4 = 1/2 -> A, 0.75 / 1.25 = 0.6 (MV said B);
//   items 0-2: A = 3/4 + 1 + 1 = 2.75, B = 0.5 -> A, 2.75 / 3.25 = 11/13.
TEST(WawaTest, CrowdKitBehaviourByHand) {
  const VoteTable table = TableOfIds(4, 5, 2, FlipVotes());
  const TruthEstimate mv = MajorityVote(table);
  EXPECT_EQ(mv.labels[3], 1u);
  const TruthEstimate wawa = Wawa(table);
  EXPECT_EQ(wawa.method, "wawa");
  EXPECT_DOUBLE_EQ(wawa.annotators[0].accuracy, 0.75);
  EXPECT_DOUBLE_EQ(wawa.annotators[1].accuracy, 1.0);
  EXPECT_DOUBLE_EQ(wawa.annotators[2].accuracy, 1.0);
  EXPECT_DOUBLE_EQ(wawa.annotators[3].accuracy, 0.25);
  EXPECT_DOUBLE_EQ(wawa.annotators[4].accuracy, 0.25);
  EXPECT_EQ(wawa.annotators[0].votes, 4u);
  EXPECT_EQ(wawa.labels[3], 0u);
  EXPECT_NEAR(wawa.posterior.at(3, 0), 0.6, 1e-15);
  EXPECT_NEAR(wawa.posterior.at(3, 1), 0.4, 1e-15);
  EXPECT_NEAR(wawa.confidence[3], 0.6, 1e-15);
  for (ItemId i = 0; i < 3; ++i) {
    EXPECT_EQ(wawa.labels[i], 0u);
    EXPECT_NEAR(wawa.posterior.at(i, 0), 11.0 / 13, 1e-15);
    EXPECT_EQ(wawa.tied[i], 0);
  }
}

TEST(WawaTest, EqualsMajorityThenWeightedMajorityWithSkills) {
  std::mt19937_64 rng(3);
  std::vector<IdVote> votes;
  std::uniform_int_distribution<LabelId> label(0, 2);
  for (ItemId i = 0; i < 150; ++i) {
    for (AnnotatorId a = 0; a < 8; ++a) {
      if (std::bernoulli_distribution(0.5)(rng)) votes.push_back({i, a, label(rng)});
    }
  }
  const VoteTable table = TableOfIds(150, 8, 3, votes);
  MajorityVoteOptions options;
  options.seed = 99;
  const TruthEstimate mv = MajorityVote(table, options);
  std::vector<double> skills;
  for (const AnnotatorSkill& s : mv.annotators) skills.push_back(s.accuracy);
  const TruthEstimate wmv = WeightedMajorityVote(table, skills, options);
  const TruthEstimate wawa = Wawa(table, options);
  EXPECT_EQ(wawa.posterior.values, wmv.posterior.values);
  EXPECT_EQ(wawa.labels, wmv.labels);
  EXPECT_EQ(wawa.tied, wmv.tied);
  for (size_t a = 0; a < skills.size(); ++a) {
    EXPECT_EQ(wawa.annotators[a].accuracy, skills[a]);
  }
  // Reordering the votes changes nothing, ties included.
  std::shuffle(votes.begin(), votes.end(), rng);
  const TruthEstimate shuffled = Wawa(TableOfIds(150, 8, 3, votes), options);
  EXPECT_EQ(shuffled.posterior.values, wawa.posterior.values);
  EXPECT_EQ(shuffled.labels, wawa.labels);
}

TEST(WawaTest, GoldClampsBothVotes) {
  // Gold says item 3 is A: step 1 takes A there, so g agrees 4 of 4 and x, y 0 of 4; step 3
  // then gives x and y weight 0 and items 0-2 become certain A.
  const VoteTable table = TableOfIds(4, 5, 2, FlipVotes());
  std::vector<std::optional<LabelId>> gold = {std::nullopt, std::nullopt, std::nullopt, 0};
  MajorityVoteOptions options;
  options.gold = gold;
  const TruthEstimate wawa = Wawa(table, options);
  EXPECT_DOUBLE_EQ(wawa.annotators[0].accuracy, 1.0);
  EXPECT_DOUBLE_EQ(wawa.annotators[3].accuracy, 0.0);
  EXPECT_DOUBLE_EQ(wawa.annotators[4].accuracy, 0.0);
  EXPECT_EQ(wawa.labels[3], 0u);
  EXPECT_DOUBLE_EQ(wawa.confidence[3], 1.0);
  for (ItemId i = 0; i < 3; ++i) EXPECT_DOUBLE_EQ(wawa.posterior.at(i, 0), 1.0);
}

TEST(WawaTest, DegenerateInputs) {
  const TruthEstimate empty = Wawa(VoteTable());
  EXPECT_TRUE(empty.labels.empty());
  // One annotator who always answers the same; an item with no votes.
  const TruthEstimate same = Wawa(TableOfIds(3, 1, 2, {{0, 0, 1}, {1, 0, 1}}));
  EXPECT_EQ(same.labels[0], 1u);
  EXPECT_DOUBLE_EQ(same.confidence[0], 1.0);
  EXPECT_DOUBLE_EQ(same.annotators[0].accuracy, 1.0);
  EXPECT_DOUBLE_EQ(same.posterior.at(2, 0), 0.5);
  EXPECT_EQ(same.tied[2], 1);
}

}  // namespace
}  // namespace chorus::quality
