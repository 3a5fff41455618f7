#include "quality/agreement/gold_accuracy.h"
#include "quality/testdata/test_tables.h"

#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace chorus::quality {
namespace {

// "prefix<i>"; built by appending, since g++ 12 -O3 gives a false -Wrestrict on
// "literal" + std::to_string(i) (GCC bugs 105329, 105651).
// Items i0..i4 with gold a, b, a, c, (none); labels interned in the order a, b, c.
struct Fixture {
  VoteTable table;
  std::vector<std::optional<LabelId>> gold;
};

Fixture HandFixture() {
  Fixture f;
  // Intern labels first so the ids are a=0, b=1, c=2.
  f.table.label_names().Intern("a");
  f.table.label_names().Intern("b");
  f.table.label_names().Intern("c");
  const char* votes[][3] = {
      {"i0", "ann", "a"}, {"i1", "ann", "b"}, {"i2", "ann", "b"},
      {"i3", "ann", "c"}, {"i4", "ann", "a"},  // No gold on i4: ignored.
      {"i0", "bob", "b"}, {"i1", "bob", "a"}, {"i3", "bob", "c"},
      {"i4", "cat", "c"},  // cat only labelled the item without gold.
  };
  for (const auto& v : votes) f.table.Add(v[0], v[1], v[2]);
  f.gold = {0, 1, 0, 2, std::nullopt};
  return f;
}

TEST(AccuracyAgainstGoldTest, HandCheckedCountsConfusionAndInterval) {
  const Fixture f = HandFixture();
  const auto result = AccuracyAgainstGold(f.table, f.gold);
  ASSERT_EQ(result.size(), 3u);

  const AnnotatorAccuracy& ann = result[0];
  EXPECT_EQ(ann.annotator, 0u);
  EXPECT_EQ(ann.gold_items_labelled, 4u);
  EXPECT_EQ(ann.correct, 3u);
  ASSERT_TRUE(ann.accuracy.defined());
  EXPECT_DOUBLE_EQ(*ann.accuracy.value, 0.75);
  ASSERT_TRUE(ann.accuracy.ci95.has_value());
  // Wilson 3/4 at z = 1.96: (3 + 1.9208) / 7.8415 ± 1.95996 / 7.8415 · sqrt(0.75 + 0.9604),
  // computed by hand as 0.300642 .. 0.954413.
  EXPECT_NEAR(ann.accuracy.ci95->low, 0.300642, 1e-6);
  EXPECT_NEAR(ann.accuracy.ci95->high, 0.954413, 1e-6);
  EXPECT_NEAR(*ann.accuracy.standard_error, std::sqrt(0.75 * 0.25 / 4), 1e-15);
  // rows = gold a, b, c; cols = ann's label.
  const std::vector<uint64_t> ann_confusion = {1, 1, 0,   // gold a: once a, once b.
                                               0, 1, 0,   // gold b: b.
                                               0, 0, 1};  // gold c: c.
  EXPECT_EQ(ann.confusion, ann_confusion);

  const AnnotatorAccuracy& bob = result[1];
  EXPECT_EQ(bob.gold_items_labelled, 3u);
  EXPECT_EQ(bob.correct, 1u);
  EXPECT_NEAR(*bob.accuracy.value, 1.0 / 3, 1e-15);
  const std::vector<uint64_t> bob_confusion = {0, 1, 0, 1, 0, 0, 0, 0, 1};
  EXPECT_EQ(bob.confusion, bob_confusion);

  const AnnotatorAccuracy& cat = result[2];
  EXPECT_EQ(cat.gold_items_labelled, 0u);
  EXPECT_FALSE(cat.accuracy.defined());
  EXPECT_NE(cat.accuracy.undefined_reason.find("no gold item"), std::string::npos);
  EXPECT_EQ(cat.confusion, std::vector<uint64_t>(9, 0));
}

TEST(AccuracyAgainstGoldTest, ShortGoldSpanMeansNoGoldForTheRest) {
  const Fixture f = HandFixture();
  // Only i0 and i1 have gold.
  const std::vector<std::optional<LabelId>> gold = {0, 1};
  const auto result = AccuracyAgainstGold(f.table, gold);
  EXPECT_EQ(result[0].gold_items_labelled, 2u);
  EXPECT_EQ(result[0].correct, 2u);
  EXPECT_EQ(result[1].gold_items_labelled, 2u);
  EXPECT_EQ(result[1].correct, 0u);
  EXPECT_EQ(*result[1].accuracy.value, 0.0);
  EXPECT_EQ(result[1].accuracy.ci95->low, 0.0);
  const auto none = AccuracyAgainstGold(f.table, {});
  for (const auto& a : none) EXPECT_FALSE(a.accuracy.defined());
}

TEST(AccuracyAgainstGoldTest, PerfectAnnotatorScoresOne) {
  VoteTable table;
  std::vector<std::optional<LabelId>> gold;
  for (int i = 0; i < 30; ++i) {
    const std::string label = i % 3 == 0 ? "x" : "y";
    table.Add(testdata::Name("item", i), "expert", label);
    gold.push_back(*table.label_names().Find(label));
  }
  const auto result = AccuracyAgainstGold(table, gold);
  ASSERT_EQ(result.size(), 1u);
  EXPECT_EQ(*result[0].accuracy.value, 1.0);
  EXPECT_EQ(result[0].accuracy.ci95->high, 1.0);
  EXPECT_EQ(*result[0].accuracy.standard_error, 0.0);
}

TEST(AccuracyAgainstGoldTest, RenamingLabelsPermutesTheConfusionOnly) {
  const Fixture f = HandFixture();
  // Rebuild the same votes with labels interned in the order c, a, b.
  VoteTable renamed;
  renamed.label_names().Intern("c");
  renamed.label_names().Intern("a");
  renamed.label_names().Intern("b");
  for (size_t v = 0; v < f.table.size(); ++v) {
    renamed.Add(f.table.item_names().Name(f.table.items()[v]),
                f.table.annotator_names().Name(f.table.annotators()[v]),
                f.table.label_names().Name(f.table.labels()[v]));
  }
  const std::vector<LabelId> new_id = {1, 2, 0};  // a -> 1, b -> 2, c -> 0.
  std::vector<std::optional<LabelId>> gold;
  for (const auto& g : f.gold) gold.push_back(g ? std::optional<LabelId>(new_id[*g]) : g);
  const auto base = AccuracyAgainstGold(f.table, f.gold);
  const auto moved = AccuracyAgainstGold(renamed, gold);
  ASSERT_EQ(base.size(), moved.size());
  for (size_t a = 0; a < base.size(); ++a) {
    EXPECT_EQ(base[a].correct, moved[a].correct);
    EXPECT_EQ(base[a].gold_items_labelled, moved[a].gold_items_labelled);
    for (size_t g = 0; g < 3; ++g) {
      for (size_t l = 0; l < 3; ++l) {
        EXPECT_EQ(base[a].confusion[g * 3 + l], moved[a].confusion[new_id[g] * 3 + new_id[l]]);
      }
    }
  }
}

// Splits a comma-separated line; the bluebirds files have no quoting.
std::vector<std::string> SplitCsv(const std::string& line) {
  std::vector<std::string> fields(1);
  for (char c : line) {
    if (c == ',') {
      fields.emplace_back();
    } else if (c != '\r') {
      fields.back() += c;
    }
  }
  return fields;
}

// Welinder, Branson, Belongie & Perona (2010) "The Multidimensional Wisdom of Crowds", NIPS:
// the bluebirds data of welinder/cubam @ fe5ba700f1adbb489c69af311558d64370d73d36
// (demo/bluebirds), converted to CSV in ../shared/data/bluebirds_welinder (see SOURCE.txt
// there: 39 workers, 108 items, 4212 answers, every worker labels every item, gold for all).
TEST(AccuracyAgainstGoldTest, BluebirdsWelinder2010) {
  const std::filesystem::path dir = testdata::SharedDataDir() / "bluebirds_welinder";
  if (!std::filesystem::exists(dir / "answers.csv") || !std::filesystem::exists(dir / "gold.csv")) {
    GTEST_SKIP() << "reference data " << dir << " is absent; this real-data test needs it";
  }
  VoteTable table;
  std::vector<std::vector<std::string>> answers;
  {
    std::ifstream in(dir / "answers.csv");
    std::string line;
    std::getline(in, line);  // task,worker,label
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      answers.push_back(SplitCsv(line));
      ASSERT_EQ(answers.back().size(), 3u) << line;
      table.Add(answers.back()[0], answers.back()[1], answers.back()[2]);
    }
  }
  std::map<std::string, std::string> gold_by_name;
  std::vector<std::optional<LabelId>> gold(table.item_count());
  {
    std::ifstream in(dir / "gold.csv");
    std::string line;
    std::getline(in, line);  // task,label
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      const auto fields = SplitCsv(line);
      ASSERT_EQ(fields.size(), 2u) << line;
      gold_by_name[fields[0]] = fields[1];
      const auto item = table.item_names().Find(fields[0]);
      const auto label = table.label_names().Find(fields[1]);
      ASSERT_TRUE(item && label) << line;
      gold[*item] = *label;
    }
  }
  ASSERT_EQ(table.size(), 4212u);
  ASSERT_EQ(table.item_count(), 108u);
  ASSERT_EQ(gold_by_name.size(), 108u);

  const auto result = AccuracyAgainstGold(table, gold);
  ASSERT_EQ(result.size(), 39u);

  // The second way: compare label strings directly, no ids involved.
  std::map<std::string, uint64_t> correct_by_worker;
  uint64_t correct_total = 0;
  for (const auto& row : answers) {
    const bool ok = gold_by_name.at(row[0]) == row[2];
    correct_by_worker[row[1]] += ok ? 1 : 0;
    correct_total += ok ? 1 : 0;
  }
  uint64_t summed = 0, votes = 0;
  for (const AnnotatorAccuracy& a : result) {
    summed += a.correct;
    votes += a.gold_items_labelled;
    EXPECT_EQ(a.gold_items_labelled, 108u);  // Dense: every worker labels every item.
    EXPECT_EQ(a.correct, correct_by_worker.at(std::string(table.annotator_names().Name(a.annotator))));
    ASSERT_TRUE(a.accuracy.defined());
    ASSERT_TRUE(a.accuracy.ci95.has_value());
    EXPECT_LE(a.accuracy.ci95->low, *a.accuracy.value);
    EXPECT_LE(*a.accuracy.value, a.accuracy.ci95->high);
    uint64_t diagonal = 0, all = 0;
    const size_t k = table.label_count();
    for (size_t g = 0; g < k; ++g) {
      diagonal += a.confusion[g * k + g];
      for (size_t l = 0; l < k; ++l) all += a.confusion[g * k + l];
    }
    EXPECT_EQ(diagonal, a.correct);
    EXPECT_EQ(all, a.gold_items_labelled);
    // Row sums are the gold label counts of SOURCE.txt: 60 items "0", 48 items "1".
    const LabelId zero = *table.label_names().Find("0"), one = *table.label_names().Find("1");
    EXPECT_EQ(a.confusion[zero * k + 0] + a.confusion[zero * k + 1], 60u);
    EXPECT_EQ(a.confusion[one * k + 0] + a.confusion[one * k + 1], 48u);
  }
  EXPECT_EQ(votes, 4212u);
  EXPECT_EQ(summed, correct_total);
}

}  // namespace
}  // namespace chorus::quality
