#include "quality/learner/text_features.h"

#include <gtest/gtest.h>

#include <cmath>

namespace chorus::quality {
namespace {

double Norm(const SparseVector& v) {
  double sum = 0;
  for (const float x : v.value) sum += static_cast<double>(x) * x;
  return std::sqrt(sum);
}

TEST(TextFeaturesTest, SameWordsSameVectorWhateverTheCaseAndPunctuation) {
  const auto a = HashTextFeatures("Great value, would buy again!");
  const auto b = HashTextFeatures("great VALUE would   buy again");
  EXPECT_EQ(a.index, b.index);
  EXPECT_EQ(a.value, b.value);
  EXPECT_NEAR(Norm(a), 1.0, 1e-6);
}

TEST(TextFeaturesTest, BucketsAreAscendingDistinctAndWithinTheTable) {
  const TextFeatureOptions options{.bits = 10, .word_bigrams = true, .char_min = 3, .char_max = 5};
  const auto v = HashTextFeatures("the quick brown fox jumps over the lazy dog", options);
  ASSERT_FALSE(v.index.empty());
  for (size_t i = 0; i < v.index.size(); ++i) {
    EXPECT_LT(v.index[i], 1u << 10);
    if (i > 0) {
      EXPECT_LT(v.index[i - 1], v.index[i]);
    }
  }
}

TEST(TextFeaturesTest, WordsOnlyWithoutCharacterNgramsAndUtf8WordsStayWhole) {
  const TextFeatureOptions words_only{
      .bits = 18, .word_bigrams = false, .char_min = 3, .char_max = 0};
  // One word, one feature; "café" and "cafe" are different words.
  EXPECT_EQ(HashTextFeatures("café", words_only).index.size(), 1u);
  EXPECT_NE(HashTextFeatures("café", words_only).index, HashTextFeatures("cafe", words_only).index);
  // A repeated word is damped: 1 + ln 3 before scaling, a single feature of length 1.
  const auto repeated = HashTextFeatures("so so so", words_only);
  ASSERT_EQ(repeated.value.size(), 1u);
  EXPECT_NEAR(std::abs(repeated.value[0]), 1.0, 1e-6);
  EXPECT_TRUE(HashTextFeatures("  ...  ").index.empty());
}

}  // namespace
}  // namespace chorus::quality
