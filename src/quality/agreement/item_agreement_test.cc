#include "quality/agreement/item_agreement.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>
#include <vector>

namespace chorus::quality {
namespace {

// Hand-checked counts over 4 label columns; label 3 is never used, so K_used = 3.
CategoryCounts HandTable() {
  return CountsFromRows({
      {3, 0, 0, 0},  // 0: unanimous.
      {1, 1, 0, 0},  // 1: two-way tie.
      {1, 1, 1, 0},  // 2: three-way tie, uniform over the used categories.
      {0, 0, 0, 0},  // 3: no votes, omitted.
      {0, 2, 1, 0},  // 4: a 2-1 majority.
      {0, 1, 0, 0},  // 5: a single vote.
      {0, 2, 2, 0},  // 6: tie between labels 1 and 2.
  });
}

TEST(PerItemAgreementTest, HandCheckedPluralityTiesAndEntropy) {
  const std::vector<ItemAgreement> items = PerItemAgreement(HandTable());
  ASSERT_EQ(items.size(), 6u);  // Item 3 has no votes.
  const double log3 = std::log(3.0);

  EXPECT_EQ(items[0].item, 0u);
  EXPECT_EQ(items[0].votes, 3u);
  EXPECT_EQ(items[0].plurality_label, 0u);
  EXPECT_FALSE(items[0].tied);
  EXPECT_EQ(items[0].plurality_share, 1.0);
  EXPECT_EQ(items[0].normalized_entropy, 0.0);

  EXPECT_EQ(items[1].item, 1u);
  EXPECT_EQ(items[1].plurality_label, 0u);
  EXPECT_TRUE(items[1].tied);
  EXPECT_DOUBLE_EQ(items[1].plurality_share, 0.5);
  // ln 2 / ln 3: a 1-1 split cannot reach 1 when three categories are in use.
  EXPECT_NEAR(items[1].normalized_entropy, 0.6309297535714574, 1e-12);

  EXPECT_EQ(items[2].item, 2u);
  EXPECT_TRUE(items[2].tied);
  EXPECT_EQ(items[2].plurality_label, 0u);
  EXPECT_NEAR(items[2].plurality_share, 1.0 / 3, 1e-15);
  EXPECT_NEAR(items[2].normalized_entropy, 1.0, 1e-12);

  EXPECT_EQ(items[3].item, 4u);
  EXPECT_EQ(items[3].votes, 3u);
  EXPECT_EQ(items[3].plurality_label, 1u);
  EXPECT_FALSE(items[3].tied);
  EXPECT_NEAR(items[3].plurality_share, 2.0 / 3, 1e-15);
  // -(2/3 ln 2/3 + 1/3 ln 1/3) / ln 3, computed by hand (0.6365141682948128 / 1.0986122886681098).
  EXPECT_NEAR(items[3].normalized_entropy, 0.5793801642856949, 1e-12);
  EXPECT_NEAR(items[3].normalized_entropy,
              -(2.0 / 3 * std::log(2.0 / 3) + 1.0 / 3 * std::log(1.0 / 3)) / log3, 1e-12);

  EXPECT_EQ(items[4].item, 5u);
  EXPECT_EQ(items[4].votes, 1u);
  EXPECT_EQ(items[4].plurality_label, 1u);
  EXPECT_FALSE(items[4].tied);
  EXPECT_EQ(items[4].plurality_share, 1.0);
  EXPECT_EQ(items[4].normalized_entropy, 0.0);

  EXPECT_EQ(items[5].item, 6u);
  EXPECT_EQ(items[5].plurality_label, 1u);  // Lowest of the tied labels 1 and 2.
  EXPECT_TRUE(items[5].tied);
  EXPECT_DOUBLE_EQ(items[5].plurality_share, 0.5);
}

TEST(PerItemAgreementTest, UnusedCategoriesDoNotChangeTheScale) {
  // The same votes with 10 extra never-used label columns.
  std::vector<std::vector<uint32_t>> wide;
  for (const auto& row : std::vector<std::vector<uint32_t>>{{1, 1, 0}, {2, 1, 1}, {0, 0, 4}}) {
    std::vector<uint32_t> w(row);
    w.resize(13, 0);
    wide.push_back(w);
  }
  const auto narrow = PerItemAgreement(CountsFromRows({{1, 1, 0}, {2, 1, 1}, {0, 0, 4}}));
  const auto widened = PerItemAgreement(CountsFromRows(wide));
  ASSERT_EQ(narrow.size(), widened.size());
  for (size_t i = 0; i < narrow.size(); ++i) {
    EXPECT_DOUBLE_EQ(narrow[i].normalized_entropy, widened[i].normalized_entropy);
  }
}

TEST(PerItemAgreementTest, OneCategoryInUseGivesZeroEntropyEverywhere) {
  const auto items = PerItemAgreement(CountsFromRows({{0, 5, 0}, {0, 1, 0}, {0, 0, 0}}));
  ASSERT_EQ(items.size(), 2u);
  for (const ItemAgreement& item : items) {
    EXPECT_EQ(item.normalized_entropy, 0.0);
    EXPECT_EQ(item.plurality_share, 1.0);
    EXPECT_EQ(item.plurality_label, 1u);
    EXPECT_FALSE(item.tied);
  }
}

TEST(PerItemAgreementTest, EmptyInputsGiveNoItems) {
  EXPECT_TRUE(PerItemAgreement(CategoryCounts{}).empty());
  EXPECT_TRUE(PerItemAgreement(CountsFromRows({{0, 0}, {0, 0}})).empty());
}

TEST(PerItemAgreementTest, RenamingLabelsAndReorderingItemsLeavesValuesUnchanged) {
  std::mt19937_64 rng(20240611);
  const size_t n_items = 200, k = 5;
  std::vector<std::vector<uint32_t>> rows(n_items, std::vector<uint32_t>(k));
  for (auto& row : rows) {
    for (auto& cell : row) cell = static_cast<uint32_t>(rng() % 4);
  }
  const auto base = PerItemAgreement(CountsFromRows(rows));

  std::vector<size_t> label_perm(k), item_perm(n_items);
  std::iota(label_perm.begin(), label_perm.end(), 0);
  std::iota(item_perm.begin(), item_perm.end(), 0);
  std::shuffle(label_perm.begin(), label_perm.end(), rng);
  std::shuffle(item_perm.begin(), item_perm.end(), rng);
  // New item item_perm[i] holds old item i, with old label c renamed label_perm[c].
  std::vector<std::vector<uint32_t>> moved(n_items, std::vector<uint32_t>(k));
  for (size_t i = 0; i < n_items; ++i) {
    for (size_t c = 0; c < k; ++c) moved[item_perm[i]][label_perm[c]] = rows[i][c];
  }
  const auto renamed = PerItemAgreement(CountsFromRows(moved));
  ASSERT_EQ(base.size(), renamed.size());
  std::vector<const ItemAgreement*> by_item(n_items, nullptr);
  for (const ItemAgreement& item : renamed) by_item[item.item] = &item;
  for (const ItemAgreement& item : base) {
    const ItemAgreement* other = by_item[item_perm[item.item]];
    ASSERT_NE(other, nullptr);
    EXPECT_EQ(other->votes, item.votes);
    EXPECT_EQ(other->tied, item.tied);
    EXPECT_DOUBLE_EQ(other->plurality_share, item.plurality_share);
    EXPECT_NEAR(other->normalized_entropy, item.normalized_entropy, 1e-12);
    if (!item.tied) {
      EXPECT_EQ(other->plurality_label, label_perm[item.plurality_label]);
    }
  }
}

}  // namespace
}  // namespace chorus::quality
