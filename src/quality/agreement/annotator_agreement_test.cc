#include "quality/agreement/annotator_agreement.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdio>
#include <numeric>
#include <random>
#include <string>
#include <vector>

#include "quality/agreement/cohen.h"
#include "quality/agreement/contingency.h"
#include "quality/testdata/test_tables.h"

namespace chorus::quality {
namespace {

// "prefix<i>"; built by appending, since g++ 12 -O3 gives a false -Wrestrict on
// "literal" + std::to_string(i) (GCC bugs 105329, 105651).
// R irr::anxiety (20 subjects, 3 raters, scores 1..6), as typed in statsmodels'
// statsmodels/stats/tests/test_inter_rater.py @ 039c320d9237ac92faed99a0b6fb0cea538457d5.
constexpr int kAnxiety[20][3] = {
    {3, 3, 2}, {3, 6, 1}, {3, 4, 4}, {4, 6, 4}, {5, 2, 3}, {5, 4, 2}, {2, 2, 1},
    {3, 4, 6}, {5, 3, 1}, {2, 3, 1}, {2, 2, 1}, {6, 3, 2}, {1, 3, 3}, {5, 3, 3},
    {2, 2, 1}, {2, 2, 1}, {1, 1, 3}, {2, 3, 3}, {4, 3, 2}, {3, 4, 2},
};

VoteTable AnxietyTable() {
  VoteTable table;
  for (int s = 0; s < 20; ++s) {
    for (int r = 0; r < 3; ++r) {
      table.Add(testdata::Name("subject", s + 1), testdata::Name("rater", r + 1),
                std::to_string(kAnxiety[s][r]));
    }
  }
  return table;
}

const AnnotatorPairAgreement* FindPair(const AnnotatorAgreement& result, AnnotatorId a,
                                       AnnotatorId b) {
  for (const auto& pair : result.pairs) {
    if (pair.first == a && pair.second == b) return &pair;
  }
  return nullptr;
}

TEST(AnnotatorAgreementTest, ReproducesIrrKappa2OnAnxietyRaters2And3) {
  const VoteTable table = AnxietyTable();
  const AnnotatorAgreement result =
      ComputeAnnotatorAgreement(GroupByItem(table), table.label_count(), table.annotator_count());
  ASSERT_EQ(result.pairs.size(), 3u);
  EXPECT_EQ(result.items_labelled, (std::vector<uint64_t>{20, 20, 20}));

  // R irr::kappa2(anxiety[, 2:3]) unweighted: kappa = -0.006289308 (printed to 7 significant
  // digits; see ../shared/data/agreement_examples/SOURCE.txt).
  const AnnotatorPairAgreement* p23 = FindPair(result, 1, 2);
  ASSERT_NE(p23, nullptr);
  EXPECT_EQ(p23->shared_items, 20u);
  ASSERT_TRUE(p23->cohen_kappa.defined());
  EXPECT_NEAR(*p23->cohen_kappa.value, -0.006289308, 5e-10);
  // 4 of 20 subjects get the same score from raters 2 and 3 (subjects 3, 13, 14, 18).
  EXPECT_DOUBLE_EQ(*p23->percent_agreement.value, 0.2);

  // The other pairs, computed here by hand (p_o and marginals counted in Python); unpublished.
  const AnnotatorPairAgreement* p12 = FindPair(result, 0, 1);
  const AnnotatorPairAgreement* p13 = FindPair(result, 0, 2);
  ASSERT_TRUE(p12 && p13);
  EXPECT_NEAR(*p12->cohen_kappa.value, 0.11949685534591192, 1e-12);
  EXPECT_NEAR(*p13->cohen_kappa.value, -0.16564417177914112, 1e-12);
  EXPECT_DOUBLE_EQ(*p12->percent_agreement.value, 0.3);
  EXPECT_DOUBLE_EQ(*p13->percent_agreement.value, 0.05);

  // Each annotator's mean is over their two pairs.
  ASSERT_EQ(result.mean_kappa_with_others.size(), 3u);
  EXPECT_NEAR(*result.mean_kappa_with_others[0].value,
              (*p12->cohen_kappa.value + *p13->cohen_kappa.value) / 2, 1e-15);
  EXPECT_NEAR(*result.mean_kappa_with_others[1].value,
              (*p12->cohen_kappa.value + *p23->cohen_kappa.value) / 2, 1e-15);
  EXPECT_NEAR(*result.mean_kappa_with_others[2].value,
              (*p13->cohen_kappa.value + *p23->cohen_kappa.value) / 2, 1e-15);
}

TEST(AnnotatorAgreementTest, MatchesCohenOnPairTableForEveryPair) {
  const VoteTable table = AnxietyTable();
  const ItemVotes votes = GroupByItem(table);
  const AnnotatorAgreement result =
      ComputeAnnotatorAgreement(votes, table.label_count(), table.annotator_count());
  for (const auto& pair : result.pairs) {
    const ContingencyTable t = PairTable(votes, table.label_count(), pair.first, pair.second);
    EXPECT_EQ(*pair.cohen_kappa.value, *CohenKappa(t).value);
    EXPECT_EQ(*pair.percent_agreement.value, *PercentAgreement(t).value);
  }
}

// Random votes: each annotator labels each item with probability `density`, sometimes twice.
VoteTable RandomTable(std::mt19937_64& rng, size_t items, size_t annotators, size_t labels,
                      double density, double repeat_rate) {
  VoteTable table;
  for (size_t a = 0; a < annotators; ++a) table.annotator_names().Intern(testdata::Name("a", a));
  for (size_t l = 0; l < labels; ++l) table.label_names().Intern(testdata::Name("l", l));
  std::uniform_real_distribution<double> unit(0, 1);
  for (size_t i = 0; i < items; ++i) {
    const ItemId item = table.item_names().Intern(testdata::Name("i", i));
    // A per-item "truth" makes the annotators agree more than chance.
    const auto truth = static_cast<LabelId>(rng() % labels);
    for (size_t a = 0; a < annotators; ++a) {
      if (unit(rng) >= density) continue;
      const int copies = unit(rng) < repeat_rate ? 2 : 1;
      for (int c = 0; c < copies; ++c) {
        const auto label = unit(rng) < 0.6 ? truth : static_cast<LabelId>(rng() % labels);
        table.AddIds(item, static_cast<AnnotatorId>(a), label);
      }
    }
  }
  return table;
}

TEST(AnnotatorAgreementTest, OnePassTablesEqualPairTable) {
  std::mt19937_64 rng(7);
  for (double repeat_rate : {0.0, 0.1}) {
    const VoteTable table = RandomTable(rng, 300, 9, 4, 0.5, repeat_rate);
    const ItemVotes votes = GroupByItem(table);
    std::vector<uint64_t> items_labelled;
    const PairTables tables =
        BuildPairTables(votes, table.label_count(), table.annotator_count(), &items_labelled);
    ASSERT_EQ(tables.cells.size(), 36u * 16u);
    for (AnnotatorId a = 0; a < 9; ++a) {
      for (AnnotatorId b = a + 1; b < 9; ++b) {
        const ContingencyTable expected = PairTable(votes, table.label_count(), a, b);
        const auto cells = tables.Cells(a, b);
        ASSERT_EQ(cells.size(), expected.counts.size());
        for (size_t c = 0; c < cells.size(); ++c) {
          EXPECT_EQ(static_cast<double>(cells[c]), expected.counts[c])
              << "pair " << a << "," << b << " cell " << c << " repeat " << repeat_rate;
        }
      }
    }
    // Distinct items per annotator, counted a second way.
    for (AnnotatorId a = 0; a < 9; ++a) {
      uint64_t distinct = 0;
      for (size_t i = 0; i < votes.item_count(); ++i) {
        const auto first = votes.annotators.begin() + votes.offsets[i];
        const auto last = votes.annotators.begin() + votes.offsets[i + 1];
        distinct += std::find(first, last, a) != last ? 1 : 0;
      }
      EXPECT_EQ(items_labelled[a], distinct);
    }
  }
}

TEST(AnnotatorAgreementTest, ReorderingAnnotatorsItemsAndLabelsLeavesResultsUnchanged) {
  std::mt19937_64 rng(11);
  const size_t n_ann = 7, n_lab = 3;
  const VoteTable base = RandomTable(rng, 200, n_ann, n_lab, 0.6, 0.0);
  std::vector<AnnotatorId> ann_perm(n_ann);
  std::vector<LabelId> lab_perm(n_lab);
  std::vector<ItemId> item_perm(base.item_count());
  std::iota(ann_perm.begin(), ann_perm.end(), 0);
  std::iota(lab_perm.begin(), lab_perm.end(), 0);
  std::iota(item_perm.begin(), item_perm.end(), 0);
  std::shuffle(ann_perm.begin(), ann_perm.end(), rng);
  std::shuffle(lab_perm.begin(), lab_perm.end(), rng);
  std::shuffle(item_perm.begin(), item_perm.end(), rng);
  VoteTable moved;
  for (size_t i = 0; i < base.item_count(); ++i) moved.item_names().Intern(testdata::Name("i", i));
  for (size_t a = 0; a < n_ann; ++a) moved.annotator_names().Intern(testdata::Name("a", a));
  for (size_t l = 0; l < n_lab; ++l) moved.label_names().Intern(testdata::Name("l", l));
  // Votes in reverse order too, so GroupByItem has to sort.
  for (size_t v = base.size(); v-- > 0;) {
    moved.AddIds(item_perm[base.items()[v]], ann_perm[base.annotators()[v]],
                 lab_perm[base.labels()[v]]);
  }
  const AnnotatorAgreement r1 = ComputeAnnotatorAgreement(GroupByItem(base), n_lab, n_ann);
  const AnnotatorAgreement r2 = ComputeAnnotatorAgreement(GroupByItem(moved), n_lab, n_ann);
  ASSERT_EQ(r1.pairs.size(), r2.pairs.size());
  for (const auto& pair : r1.pairs) {
    AnnotatorId a = ann_perm[pair.first], b = ann_perm[pair.second];
    if (a > b) std::swap(a, b);  // The table is transposed; kappa and p_o are symmetric.
    const AnnotatorPairAgreement* other = FindPair(r2, a, b);
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(other->shared_items, pair.shared_items);
    ASSERT_EQ(other->cohen_kappa.defined(), pair.cohen_kappa.defined());
    EXPECT_NEAR(*other->cohen_kappa.value, *pair.cohen_kappa.value, 1e-12);
    EXPECT_NEAR(*other->percent_agreement.value, *pair.percent_agreement.value, 1e-12);
  }
  for (size_t a = 0; a < n_ann; ++a) {
    EXPECT_EQ(r2.items_labelled[ann_perm[a]], r1.items_labelled[a]);
    EXPECT_NEAR(*r2.mean_kappa_with_others[ann_perm[a]].value, *r1.mean_kappa_with_others[a].value,
                1e-12);
  }
}

TEST(AnnotatorAgreementTest, PerfectAgreementGivesKappaOne) {
  VoteTable table;
  for (int i = 0; i < 30; ++i) {
    for (const char* who : {"x", "y", "z"}) {
      table.Add(testdata::Name("item", i), who, std::to_string(i % 4));
    }
  }
  const auto result =
      ComputeAnnotatorAgreement(GroupByItem(table), table.label_count(), table.annotator_count());
  ASSERT_EQ(result.pairs.size(), 3u);
  for (const auto& pair : result.pairs) {
    EXPECT_DOUBLE_EQ(*pair.cohen_kappa.value, 1.0);
    EXPECT_DOUBLE_EQ(*pair.percent_agreement.value, 1.0);
  }
  for (const auto& mean : result.mean_kappa_with_others) EXPECT_DOUBLE_EQ(*mean.value, 1.0);
}

TEST(AnnotatorAgreementTest, DegenerateInputsAreUndefinedWithAReason) {
  VoteTable table;
  // p and q share 12 items but both always say "yes": chance agreement is 1.
  for (int i = 0; i < 12; ++i) {
    table.Add(testdata::Name("s", i), "p", "yes");
    table.Add(testdata::Name("s", i), "q", "yes");
  }
  // r shares 3 items with p only (below the default minimum of 10).
  for (int i = 0; i < 3; ++i) table.Add(testdata::Name("s", i), "r", "no");
  // loner labels an item nobody else does.
  table.Add("alone", "loner", "no");
  const auto result =
      ComputeAnnotatorAgreement(GroupByItem(table), table.label_count(), table.annotator_count());
  // Pairs with a shared item: (p,q), (p,r), (q,r); none with the loner.
  ASSERT_EQ(result.pairs.size(), 3u);
  const AnnotatorPairAgreement* pq = FindPair(result, 0, 1);
  ASSERT_NE(pq, nullptr);
  EXPECT_EQ(pq->shared_items, 12u);
  EXPECT_TRUE(pq->percent_agreement.defined());
  EXPECT_FALSE(pq->cohen_kappa.defined());
  EXPECT_FALSE(pq->cohen_kappa.undefined_reason.empty());
  const AnnotatorPairAgreement* pr = FindPair(result, 0, 2);
  ASSERT_NE(pr, nullptr);
  EXPECT_EQ(pr->shared_items, 3u);
  EXPECT_FALSE(pr->cohen_kappa.defined());
  EXPECT_FALSE(pr->percent_agreement.defined());
  EXPECT_NE(pr->cohen_kappa.undefined_reason.find("share only 3"), std::string::npos);
  EXPECT_EQ(FindPair(result, 0, 3), nullptr);

  ASSERT_EQ(result.mean_kappa_with_others.size(), 4u);
  for (size_t a = 0; a < 3; ++a) {
    EXPECT_FALSE(result.mean_kappa_with_others[a].defined());
    EXPECT_NE(result.mean_kappa_with_others[a].undefined_reason.find("none of this"),
              std::string::npos);
  }
  EXPECT_NE(result.mean_kappa_with_others[3].undefined_reason.find("shares no item"),
            std::string::npos);
  EXPECT_EQ(result.items_labelled, (std::vector<uint64_t>{12, 12, 3, 1}));

  // Lowering the minimum makes (p, r) defined: "yes" vs "no" three times.
  AnnotatorAgreementOptions options;
  options.min_shared_items = 1;
  const auto relaxed = ComputeAnnotatorAgreement(GroupByItem(table), table.label_count(),
                                                 table.annotator_count(), options);
  EXPECT_DOUBLE_EQ(*FindPair(relaxed, 0, 2)->percent_agreement.value, 0.0);
}

TEST(AnnotatorAgreementTest, EmptyAndSingleAnnotatorInputs) {
  const auto none = ComputeAnnotatorAgreement(ItemVotes{}, 0, 0);
  EXPECT_TRUE(none.pairs.empty());
  EXPECT_TRUE(none.mean_kappa_with_others.empty());
  VoteTable solo;
  solo.Add("i", "only", "x");
  solo.Add("j", "only", "y");
  const auto one = ComputeAnnotatorAgreement(GroupByItem(solo), 2, 1);
  EXPECT_TRUE(one.pairs.empty());
  EXPECT_EQ(one.items_labelled, std::vector<uint64_t>{2});
  EXPECT_FALSE(one.mean_kappa_with_others[0].defined());
}

TEST(AnnotatorAgreementTest, WeightedKappaUsesTheOptions) {
  const VoteTable table = AnxietyTable();
  AnnotatorAgreementOptions options;
  options.weighting = Weighting::kQuadratic;
  const auto result = ComputeAnnotatorAgreement(GroupByItem(table), table.label_count(),
                                                table.annotator_count(), options);
  const ItemVotes votes = GroupByItem(table);
  const ContingencyTable t23 = PairTable(votes, table.label_count(), 1, 2);
  EXPECT_EQ(*FindPair(result, 1, 2)->cohen_kappa.value,
            *CohenKappa(t23, Weighting::kQuadratic).value);
}

}  // namespace
}  // namespace chorus::quality
