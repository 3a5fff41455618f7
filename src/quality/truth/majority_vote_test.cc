#include "quality/truth/majority_vote.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "quality/truth/argmax.h"
#include "quality/testdata/test_tables.h"

namespace chorus::quality {
namespace {

using testdata::Name;

using testdata::IdVote;
using testdata::TableOfIds;

// Items 0..3, annotators 0..2, labels 0 (x), 1 (y).
//   item 0: a0 x, a1 x, a2 y  -> x, 2/3
//   item 1: a0 y, a1 y, a2 y  -> y, 1
//   item 2: a0 x, a1 y        -> tie
//   item 3: no votes          -> uniform, tie
std::vector<IdVote> ToyVotes() {
  return {{0, 0, 0}, {0, 1, 0}, {0, 2, 1}, {1, 0, 1}, {1, 1, 1}, {1, 2, 1}, {2, 0, 0}, {2, 1, 1}};
}

TEST(MajorityVoteTest, ToyCaseByHand) {
  const VoteTable table = TableOfIds(4, 3, 2, ToyVotes());
  const TruthEstimate mv = MajorityVote(table);
  EXPECT_EQ(mv.method, "mv");
  EXPECT_EQ(mv.class_count, 2u);
  ASSERT_EQ(mv.labels.size(), 4u);
  EXPECT_DOUBLE_EQ(mv.posterior.at(0, 0), 2.0 / 3);
  EXPECT_DOUBLE_EQ(mv.posterior.at(0, 1), 1.0 / 3);
  EXPECT_EQ(mv.labels[0], 0u);
  EXPECT_EQ(mv.tied[0], 0);
  EXPECT_DOUBLE_EQ(mv.confidence[0], 2.0 / 3);
  EXPECT_EQ(mv.labels[1], 1u);
  EXPECT_DOUBLE_EQ(mv.confidence[1], 1.0);
  EXPECT_EQ(mv.tied[2], 1);
  EXPECT_DOUBLE_EQ(mv.confidence[2], 0.5);
  // No votes: uniform posterior, confidence 1/k, flagged as a tie.
  EXPECT_DOUBLE_EQ(mv.posterior.at(3, 0), 0.5);
  EXPECT_DOUBLE_EQ(mv.posterior.at(3, 1), 0.5);
  EXPECT_DOUBLE_EQ(mv.confidence[3], 0.5);
  EXPECT_EQ(mv.tied[3], 1);
  // Skills: agreement with the MV labels. a2: item 0 wrong, item 1 right.
  const LabelId tie = mv.labels[2];
  EXPECT_EQ(mv.annotators[0].votes, 3u);
  EXPECT_DOUBLE_EQ(mv.annotators[0].accuracy, (2.0 + (tie == 0)) / 3);
  EXPECT_DOUBLE_EQ(mv.annotators[1].accuracy, (2.0 + (tie == 1)) / 3);
  EXPECT_DOUBLE_EQ(mv.annotators[2].accuracy, 0.5);
  EXPECT_EQ(mv.iterations, 0);
  EXPECT_TRUE(mv.converged);
  EXPECT_TRUE(mv.annotators[0].confusion.empty());
}

TEST(MajorityVoteTest, TiesAreBrokenBySeedIndependentOfVoteOrder) {
  std::vector<IdVote> votes = ToyVotes();
  std::mt19937_64 rng(7);
  std::vector<int> chose(2, 0);
  for (uint64_t seed = 0; seed < 64; ++seed) {
    MajorityVoteOptions options;
    options.seed = seed;
    const TruthEstimate first = MajorityVote(TableOfIds(4, 3, 2, votes), options);
    // The rule of argmax.h, applied to the tied distribution directly.
    const std::vector<double> half = {0.5, 0.5};
    EXPECT_EQ(first.labels[2], SeededArgmax(half, seed, 2).label);
    ++chose[first.labels[2]];
    for (int shuffle = 0; shuffle < 3; ++shuffle) {
      std::shuffle(votes.begin(), votes.end(), rng);
      const TruthEstimate again = MajorityVote(TableOfIds(4, 3, 2, votes), options);
      EXPECT_EQ(again.labels, first.labels);
      EXPECT_EQ(again.posterior.values, first.posterior.values);
    }
  }
  // Over 64 seeds both tied classes win sometimes: the seed, not the class order, decides.
  EXPECT_GT(chose[0], 0);
  EXPECT_GT(chose[1], 0);
}

TEST(MajorityVoteTest, GoldClampsItemsAndSkills) {
  const VoteTable table = TableOfIds(4, 3, 2, ToyVotes());
  std::vector<std::optional<LabelId>> gold = {1, std::nullopt, 0};  // Shorter than items.
  MajorityVoteOptions options;
  options.gold = gold;
  const TruthEstimate mv = MajorityVote(table, options);
  EXPECT_EQ(mv.labels[0], 1u);
  EXPECT_DOUBLE_EQ(mv.posterior.at(0, 0), 0.0);
  EXPECT_DOUBLE_EQ(mv.posterior.at(0, 1), 1.0);
  EXPECT_DOUBLE_EQ(mv.confidence[0], 1.0);
  EXPECT_EQ(mv.tied[0], 0);
  EXPECT_EQ(mv.labels[2], 0u);
  EXPECT_EQ(mv.tied[2], 0);
  EXPECT_EQ(mv.labels[1], 1u);
  // a0: item 0 wrong, 1 right, 2 right; a1: wrong, right, wrong; a2: right, right.
  EXPECT_DOUBLE_EQ(mv.annotators[0].accuracy, 2.0 / 3);
  EXPECT_DOUBLE_EQ(mv.annotators[1].accuracy, 1.0 / 3);
  EXPECT_DOUBLE_EQ(mv.annotators[2].accuracy, 1.0);
}

TEST(MajorityVoteTest, RepeatedVotesCountInPosteriorButOnceInSkill) {
  // Item 0: a0 x twice, a1 y -> x by 2 to 1 (crowd-kit's value_counts counts rows).
  // Item 1: a0 x and y, a1 y -> y by 2 to 1; a0 scores one of two distinct answers.
  const VoteTable table =
      TableOfIds(2, 2, 2, {{0, 0, 0}, {0, 0, 0}, {0, 1, 1}, {1, 0, 0}, {1, 0, 1}, {1, 1, 1}});
  const TruthEstimate mv = MajorityVote(table);
  EXPECT_DOUBLE_EQ(mv.posterior.at(0, 0), 2.0 / 3);
  EXPECT_EQ(mv.labels[0], 0u);
  EXPECT_EQ(mv.labels[1], 1u);
  EXPECT_EQ(mv.annotators[0].votes, 4u);
  // a0: item 0 {x} right; item 1 {x wrong, y right} -> 2 of 3 distinct answers.
  EXPECT_DOUBLE_EQ(mv.annotators[0].accuracy, 2.0 / 3);
  EXPECT_DOUBLE_EQ(mv.annotators[1].accuracy, 0.5);
}

TEST(WeightedMajorityVoteTest, CrowdKitDocstringExample) {
  // crowd-kit MajorityVote docstring (majority_vote.py): t1: p1 0, p2 0, p3 1; t2: p1 1,
  // p2 0, p3 1; skills p1 0.5, p2 0.7, p3 0.4. By hand: t1 0 gets 1.2 of 1.6 = 0.75;
  // t2 1 gets 0.9 of 1.6 = 0.5625.
  const VoteTable table =
      TableOfIds(2, 3, 2, {{0, 0, 0}, {0, 1, 0}, {0, 2, 1}, {1, 0, 1}, {1, 1, 0}, {1, 2, 1}});
  const std::vector<double> weights = {0.5, 0.7, 0.4};
  const TruthEstimate wmv = WeightedMajorityVote(table, weights);
  EXPECT_EQ(wmv.method, "wmv");
  EXPECT_NEAR(wmv.posterior.at(0, 0), 0.75, 1e-15);
  EXPECT_NEAR(wmv.posterior.at(1, 1), 0.5625, 1e-15);
  EXPECT_EQ(wmv.labels[0], 0u);
  EXPECT_EQ(wmv.labels[1], 1u);
  // Skills against the WMV labels: p1 right twice, p2 once, p3 once.
  EXPECT_DOUBLE_EQ(wmv.annotators[0].accuracy, 1.0);
  EXPECT_DOUBLE_EQ(wmv.annotators[1].accuracy, 0.5);
  EXPECT_DOUBLE_EQ(wmv.annotators[2].accuracy, 0.5);
}

TEST(WeightedMajorityVoteTest, ZeroOrNegativeWeightsNeverGiveNaN) {
  const VoteTable table = TableOfIds(2, 2, 3, {{0, 0, 0}, {0, 1, 2}, {1, 1, 1}});
  const std::vector<double> weights = {-3.0, 0.0};
  const TruthEstimate wmv = WeightedMajorityVote(table, weights);
  for (double p : wmv.posterior.values) EXPECT_DOUBLE_EQ(p, 1.0 / 3);
  EXPECT_EQ(wmv.tied[0], 1);
  EXPECT_EQ(wmv.tied[1], 1);
  EXPECT_DOUBLE_EQ(wmv.confidence[1], 1.0 / 3);
}

TEST(WeightedMajorityVoteTest, UnitWeightsEqualMajorityVote) {
  const VoteTable table = TableOfIds(4, 3, 2, ToyVotes());
  const std::vector<double> ones(3, 1.0);
  const TruthEstimate wmv = WeightedMajorityVote(table, ones);
  const TruthEstimate mv = MajorityVote(table);
  EXPECT_EQ(wmv.labels, mv.labels);
  EXPECT_EQ(wmv.tied, mv.tied);
  EXPECT_EQ(wmv.posterior.values, mv.posterior.values);
}

TEST(LogOddsWeightsTest, LaplaceSmoothedLogOddsByHand) {
  // Binary. a0: 8 gold votes, all right -> p = 9/10, w = log 9. a1: 1 of 4 right -> p = 1/3,
  // below chance -> 0. a2: no gold -> mean of the others, log(9) / 2.
  std::vector<IdVote> votes;
  for (ItemId i = 0; i < 8; ++i) votes.push_back({i, 0, 1});
  for (ItemId i = 0; i < 4; ++i) votes.push_back({i, 1, i == 0 ? 1u : 0u});
  votes.push_back({8, 2, 0});
  const VoteTable table = TableOfIds(9, 3, 2, votes);
  std::vector<std::optional<LabelId>> gold(8, 1);
  const std::vector<double> w = LogOddsWeightsFromGold(table, gold);
  ASSERT_EQ(w.size(), 3u);
  EXPECT_NEAR(w[0], std::log(9.0), 1e-12);
  EXPECT_DOUBLE_EQ(w[1], 0.0);
  EXPECT_NEAR(w[2], std::log(9.0) / 2, 1e-12);
  LogOddsWeightOptions fixed;
  fixed.weight_without_gold = 0.25;
  EXPECT_DOUBLE_EQ(LogOddsWeightsFromGold(table, gold, fixed)[2], 0.25);
}

TEST(LogOddsWeightsTest, ThreeClassesAddLogOfWrongClasses) {
  // k = 3, a0 right on 2 of 2 gold: p = 3/4, w = log 2 + log 3 = log 6. a1 right on 1 of 4:
  // p = 2/6 = 1/3 = chance -> log 2 + log(1/2) = 0. Nobody without gold; no gold at all -> 1.
  const VoteTable table =
      TableOfIds(4, 2, 3, {{0, 0, 2}, {1, 0, 2}, {0, 1, 2}, {1, 1, 0}, {2, 1, 0}, {3, 1, 1}});
  std::vector<std::optional<LabelId>> gold(4, 2);
  const std::vector<double> w = LogOddsWeightsFromGold(table, gold);
  EXPECT_NEAR(w[0], std::log(6.0), 1e-12);
  EXPECT_NEAR(w[1], 0.0, 1e-12);
  const std::vector<double> none = LogOddsWeightsFromGold(table, {});
  EXPECT_EQ(none, std::vector<double>(2, 1.0));
}

TEST(MajorityVoteTest, DegenerateInputs) {
  const TruthEstimate empty = MajorityVote(VoteTable());
  EXPECT_TRUE(empty.labels.empty());
  EXPECT_TRUE(empty.annotators.empty());
  // One class, one annotator, one vote: certain, no tie, accuracy 1.
  const TruthEstimate one = MajorityVote(TableOfIds(1, 1, 1, {{0, 0, 0}}));
  EXPECT_DOUBLE_EQ(one.confidence[0], 1.0);
  EXPECT_EQ(one.tied[0], 0);
  EXPECT_DOUBLE_EQ(one.annotators[0].accuracy, 1.0);
  // An annotator with no votes and a class nobody used.
  const TruthEstimate sparse = MajorityVote(TableOfIds(1, 2, 3, {{0, 0, 1}}));
  EXPECT_EQ(sparse.annotators[1].votes, 0u);
  EXPECT_DOUBLE_EQ(sparse.annotators[1].accuracy, 0.0);
  EXPECT_DOUBLE_EQ(sparse.posterior.at(0, 2), 0.0);
  EXPECT_EQ(sparse.labels[0], 1u);
  // Items but no classes (names interned, no votes): no NaN, confidence 0.
  const TruthEstimate no_classes = MajorityVote(TableOfIds(2, 1, 0, {}));
  EXPECT_EQ(no_classes.labels, std::vector<LabelId>(2, 0));
  EXPECT_EQ(no_classes.confidence, std::vector<double>(2, 0.0));
}

// Random table: items x annotators, each annotator voting with probability 0.6.
std::vector<IdVote> RandomVotes(size_t items, size_t annotators, size_t k, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::bernoulli_distribution votes(0.6);
  std::uniform_int_distribution<LabelId> label(0, static_cast<LabelId>(k - 1));
  std::vector<IdVote> out;
  for (ItemId i = 0; i < items; ++i) {
    const LabelId truth = label(rng);
    for (AnnotatorId a = 0; a < annotators; ++a) {
      if (!votes(rng)) continue;
      out.push_back({i, a, std::bernoulli_distribution(0.7)(rng) ? truth : label(rng)});
    }
  }
  return out;
}

TEST(MajorityVoteTest, MatchesNaiveCountOnRandomData) {
  const size_t items = 300, annotators = 7, k = 4;
  const std::vector<IdVote> votes = RandomVotes(items, annotators, k, 11);
  const TruthEstimate mv = MajorityVote(TableOfIds(items, annotators, k, votes));
  std::map<std::pair<ItemId, LabelId>, int> count;
  std::vector<int> total(items, 0);
  for (const IdVote& v : votes) {
    ++count[{v.item, v.label}];
    ++total[v.item];
  }
  for (ItemId i = 0; i < items; ++i) {
    int best = -1;
    for (LabelId c = 0; c < k; ++c) {
      const int n = count[{i, c}];
      best = std::max(best, n);
      const double expected = total[i] == 0 ? 1.0 / k : static_cast<double>(n) / total[i];
      EXPECT_NEAR(mv.posterior.at(i, c), expected, 1e-15);
    }
    EXPECT_EQ(count[std::make_pair(i, mv.labels[i])], best);
    int at_best = 0;
    for (LabelId c = 0; c < k; ++c) at_best += count[{i, c}] == best ? 1 : 0;
    EXPECT_EQ(mv.tied[i], at_best > 1 ? 1 : 0);
  }
}

TEST(MajorityVoteTest, InvariantToRelabellingClassesAndDuplicatingData) {
  const size_t items = 200, annotators = 6, k = 3;
  std::vector<IdVote> votes = RandomVotes(items, annotators, k, 5);
  const TruthEstimate mv = MajorityVote(TableOfIds(items, annotators, k, votes));
  // Relabel classes c -> (c + 1) mod k: the posterior permutes; untied labels follow.
  std::vector<IdVote> relabelled = votes;
  for (IdVote& v : relabelled) v.label = (v.label + 1) % k;
  const TruthEstimate r = MajorityVote(TableOfIds(items, annotators, k, relabelled));
  // A second copy of every item (new item ids): same posterior, same untied labels and the
  // same skills whenever no item is tied.
  std::vector<IdVote> doubled = votes;
  for (const IdVote& v : votes)
    doubled.push_back({v.item + static_cast<ItemId>(items), v.annotator, v.label});
  const TruthEstimate d = MajorityVote(TableOfIds(2 * items, annotators, k, doubled));
  bool any_tie = false;
  for (ItemId i = 0; i < items; ++i) {
    for (LabelId c = 0; c < k; ++c) {
      EXPECT_DOUBLE_EQ(r.posterior.at(i, (c + 1) % k), mv.posterior.at(i, c));
      EXPECT_DOUBLE_EQ(d.posterior.at(i + items, c), mv.posterior.at(i, c));
    }
    EXPECT_EQ(r.tied[i], mv.tied[i]);
    any_tie = any_tie || mv.tied[i];
    if (mv.tied[i]) continue;
    EXPECT_EQ(r.labels[i], (mv.labels[i] + 1) % k);
    EXPECT_EQ(d.labels[i], mv.labels[i]);
    EXPECT_EQ(d.labels[i + items], mv.labels[i]);
  }
  EXPECT_TRUE(any_tie);  // The data exercise the tie path too.
  // With ties excluded (one annotator removed from tied items would change the data), check
  // skills on a tie-free table instead: every item gets a decisive extra vote by a new annotator.
  std::vector<IdVote> decisive = votes;
  for (ItemId i = 0; i < items; ++i) {
    for (int extra = 0; extra < 20; ++extra)
      decisive.push_back({i, static_cast<AnnotatorId>(annotators), mv.labels[i]});
  }
  const TruthEstimate base = MajorityVote(TableOfIds(items, annotators + 1, k, decisive));
  std::vector<IdVote> decisive_doubled = decisive;
  for (const IdVote& v : decisive)
    decisive_doubled.push_back({v.item + static_cast<ItemId>(items), v.annotator, v.label});
  const TruthEstimate twice =
      MajorityVote(TableOfIds(2 * items, annotators + 1, k, decisive_doubled));
  for (AnnotatorId a = 0; a <= annotators; ++a) {
    EXPECT_DOUBLE_EQ(twice.annotators[a].accuracy, base.annotators[a].accuracy);
    EXPECT_EQ(twice.annotators[a].votes, 2 * base.annotators[a].votes);
  }
}

// Minimal CSV for the test data (header line, comma-separated, no quoting).
std::vector<std::vector<std::string>> ReadCsv(const std::string& path) {
  std::vector<std::vector<std::string>> rows;
  std::ifstream in(path);
  std::string line;
  bool header = true;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (header || line.empty()) {
      header = false;
      continue;
    }
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string field;
    while (std::getline(ss, field, ',')) fields.push_back(field);
    rows.push_back(fields);
  }
  return rows;
}

// Welinder, Branson, Belongie & Perona (2010) "The multidimensional wisdom of crowds", NIPS:
// the bluebirds set (CUBAM repository welinder/cubam, commit
// fe5ba700f1adbb489c69af311558d64370d73d36, demo/bluebirds), 108 images x 39 workers, dense,
// binary. 39 voters per image: no ties.
TEST(MajorityVoteTest, BluebirdsAccuracyAgainstGold) {
  const std::string dir = (testdata::SharedDataDir() / "bluebirds_welinder").string() + "/";
  const auto answers = ReadCsv(dir + "answers.csv");
  const auto gold_rows = ReadCsv(dir + "gold.csv");
  if (answers.empty() || gold_rows.empty()) {
    GTEST_SKIP() << "bluebirds data not found at " << dir << " (answers.csv, gold.csv)";
  }
  VoteTable table;
  for (const auto& row : answers) table.Add(row[0], row[1], row[2]);
  ASSERT_EQ(table.size(), 4212u);
  ASSERT_EQ(table.item_count(), 108u);
  std::vector<std::optional<LabelId>> gold(table.item_count());
  for (const auto& row : gold_rows) {
    const auto item = table.item_names().Find(row[0]);
    const auto label = table.label_names().Find(row[1]);
    ASSERT_TRUE(item.has_value() && label.has_value());
    gold[*item] = *label;
  }
  const TruthEstimate mv = MajorityVote(table);
  // Independent naive count straight from the CSV rows: task -> (#"1", #votes).
  std::map<std::string, std::pair<int, int>> ones;
  for (const auto& row : answers) {
    ones[row[0]].first += row[2] == "1" ? 1 : 0;
    ++ones[row[0]].second;
  }
  int naive_correct = 0;
  for (const auto& row : gold_rows) {
    const auto [n1, n] = ones[row[0]];
    const std::string majority = 2 * n1 > n ? "1" : "0";
    naive_correct += majority == row[1] ? 1 : 0;
  }
  int correct = 0;
  for (ItemId i = 0; i < table.item_count(); ++i) {
    EXPECT_EQ(mv.tied[i], 0);
    correct += mv.labels[i] == *gold[i] ? 1 : 0;
  }
  EXPECT_EQ(correct, naive_correct);
  const double accuracy = static_cast<double>(correct) / 108;
  std::printf("bluebirds MV accuracy: %d / 108 = %.4f\n", correct, accuracy);
  // 82 of 108 (error 24.07%): the MV error usually quoted for this set, e.g. the "Bird" row of
  // Zhang, Chen, Zhou & Jordan (2016) "Spectral methods meet EM", JMLR 17(102) (from memory,
  // not re-checked here); the naive count above is the independent check.
  EXPECT_EQ(correct, 82);
  EXPECT_NEAR(accuracy, 0.7593, 1e-4);
}

}  // namespace
}  // namespace chorus::quality
