#include "domain/review.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

namespace chorus::domain {
namespace {

Review Make(ReviewVerdict verdict, std::string comment = "", std::string result = "") {
  Review r;
  r.annotation_id = 1;
  r.reviewer_id = 2;
  r.verdict = verdict;
  r.comment = std::move(comment);
  r.result = std::move(result);
  return r;
}

TEST(ReviewTest, VerdictsHaveStableNames) {
  for (ReviewVerdict v :
       {ReviewVerdict::kAccepted, ReviewVerdict::kFixed, ReviewVerdict::kRejected}) {
    EXPECT_EQ(*ParseReviewVerdict(ReviewVerdictName(v)), v);
  }
  EXPECT_EQ(ParseReviewVerdict("approved").status().field(), "verdict");
}

TEST(ReviewTest, ARejectionSaysWhyAndOnlyAFixCarriesAResult) {
  EXPECT_TRUE(ValidateReview(Make(ReviewVerdict::kAccepted)).ok());
  EXPECT_TRUE(ValidateReview(Make(ReviewVerdict::kRejected, "wrong entity type")).ok());
  EXPECT_TRUE(ValidateReview(Make(ReviewVerdict::kFixed, "", R"({"a":{"choices":["x"]}})")).ok());
  EXPECT_EQ(ValidateReview(Make(ReviewVerdict::kRejected, " \n")).field(), "comment");
  EXPECT_EQ(ValidateReview(Make(ReviewVerdict::kFixed)).field(), "result");
  EXPECT_EQ(ValidateReview(Make(ReviewVerdict::kAccepted, "", "{}")).field(), "result");
}

TEST(ReviewTest, CommentsAreLimitedInCharactersNotBytes) {
  std::string two_thousand_emoji;
  for (size_t i = 0; i < kMaxReviewCommentChars; ++i) two_thousand_emoji += "\xF0\x9F\x99\x82";
  EXPECT_TRUE(ValidateReview(Make(ReviewVerdict::kAccepted, two_thousand_emoji)).ok());
  EXPECT_EQ(ValidateReview(Make(ReviewVerdict::kAccepted, two_thousand_emoji + "x")).field(),
            "comment");
}

TEST(ReviewTest, JsonHasTheResultAsAnObjectOrNull) {
  Review fixed = Make(ReviewVerdict::kFixed, "", R"({"a":{"choices":["x"]}})");
  EXPECT_EQ(ToJson(fixed)["result"]["a"]["choices"][0], "x");
  EXPECT_EQ(ToJson(fixed)["verdict"], "fixed");
  EXPECT_TRUE(ToJson(Make(ReviewVerdict::kAccepted))["result"].is_null());
}

}  // namespace
}  // namespace chorus::domain
