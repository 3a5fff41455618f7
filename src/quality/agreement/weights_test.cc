#include "quality/agreement/weights.h"

#include <gtest/gtest.h>

#include <vector>

namespace chorus::quality {
namespace {

TEST(WeightingTest, NamesRoundTrip) {
  for (Weighting w : {Weighting::kUnweighted, Weighting::kLinear, Weighting::kQuadratic}) {
    Result<Weighting> parsed = ParseWeighting(WeightingName(w));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, w);
  }
  EXPECT_STREQ(WeightingName(Weighting::kUnweighted), "unweighted");
  EXPECT_STREQ(WeightingName(Weighting::kLinear), "linear");
  EXPECT_STREQ(WeightingName(Weighting::kQuadratic), "quadratic");
}

TEST(WeightingTest, ParsesIrrAliasesAndCase) {
  EXPECT_EQ(*ParseWeighting("equal"), Weighting::kLinear);
  EXPECT_EQ(*ParseWeighting("squared"), Weighting::kQuadratic);
  EXPECT_EQ(*ParseWeighting("Quadratic"), Weighting::kQuadratic);
  EXPECT_EQ(*ParseWeighting("none"), Weighting::kUnweighted);
}

TEST(WeightingTest, RejectsUnknownName) {
  Result<Weighting> parsed = ParseWeighting("cubic");
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(parsed.status().field(), "weighting");
  EXPECT_NE(parsed.status().message().find("linear"), std::string::npos);
}

TEST(AgreementWeightsTest, UnweightedIsIdentity) {
  const std::vector<double> w = AgreementWeights(Weighting::kUnweighted, 3);
  EXPECT_EQ(w, (std::vector<double>{1, 0, 0, 0, 1, 0, 0, 0, 1}));
}

// irrCAC vignette "weighting" (kgwet/irrCAC): linear.weights(1:3) rows 1 .5 0 / .5 1 .5 /
// 0 .5 1 and quadratic.weights(1:3) rows 1 .75 0 / .75 1 .75 / 0 .75 1.
TEST(AgreementWeightsTest, LinearAndQuadraticOnIndex) {
  EXPECT_EQ(AgreementWeights(Weighting::kLinear, 3),
            (std::vector<double>{1, 0.5, 0, 0.5, 1, 0.5, 0, 0.5, 1}));
  EXPECT_EQ(AgreementWeights(Weighting::kQuadratic, 3),
            (std::vector<double>{1, 0.75, 0, 0.75, 1, 0.75, 0, 0.75, 1}));
}

TEST(AgreementWeightsTest, UsesCategoryValues) {
  const std::vector<double> values = {1, 2, 3, 4, 6};
  const std::vector<double> lin = AgreementWeights(Weighting::kLinear, 5, values);
  const std::vector<double> quad = AgreementWeights(Weighting::kQuadratic, 5, values);
  EXPECT_DOUBLE_EQ(lin[3 * 5 + 4], 1.0 - 2.0 / 5.0);  // |4 - 6| / (6 - 1).
  EXPECT_DOUBLE_EQ(quad[3 * 5 + 4], 1.0 - 0.16);
  EXPECT_DOUBLE_EQ(lin[0 * 5 + 4], 0.0);
  // Values out of order give the same weights as the sorted scale, permuted.
  const std::vector<double> shuffled = {6, 1, 4, 2, 3};
  const std::vector<double> w = AgreementWeights(Weighting::kLinear, 5, shuffled);
  EXPECT_DOUBLE_EQ(w[0 * 5 + 2], lin[4 * 5 + 3]);
}

TEST(AgreementWeightsTest, SymmetricUnitDiagonalInRange) {
  for (Weighting kind : {Weighting::kUnweighted, Weighting::kLinear, Weighting::kQuadratic}) {
    for (size_t k : {size_t{1}, size_t{2}, size_t{4}, size_t{7}}) {
      const std::vector<double> w = AgreementWeights(kind, k);
      ASSERT_EQ(w.size(), k * k);
      for (size_t i = 0; i < k; ++i) {
        EXPECT_EQ(w[i * k + i], 1.0);
        for (size_t j = 0; j < k; ++j) {
          EXPECT_EQ(w[i * k + j], w[j * k + i]);
          EXPECT_GE(w[i * k + j], 0.0);
          EXPECT_LE(w[i * k + j], 1.0);
        }
      }
    }
  }
}

TEST(AgreementWeightsTest, DegenerateScalesFallBackToIdentity) {
  EXPECT_TRUE(AgreementWeights(Weighting::kLinear, 0).empty());
  EXPECT_EQ(AgreementWeights(Weighting::kQuadratic, 1), (std::vector<double>{1}));
  const std::vector<double> equal = {2, 2, 2};
  EXPECT_EQ(AgreementWeights(Weighting::kLinear, 3, equal),
            AgreementWeights(Weighting::kUnweighted, 3));
  // Two categories: every weighting is the identity.
  EXPECT_EQ(AgreementWeights(Weighting::kLinear, 2), AgreementWeights(Weighting::kUnweighted, 2));
}

}  // namespace
}  // namespace chorus::quality
