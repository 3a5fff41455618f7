// The wellbeing policy's JSON: defaults (disabled), a round trip, unknown and mistyped fields
// refused with their path, and the ranges ValidateWellbeingPolicy enforces.
#include "domain/wellbeing_policy.h"

#include <gtest/gtest.h>

#include <utility>

namespace chorus::domain {
namespace {

TEST(WellbeingPolicyTest, EmptyObjectIsTheDisabledDefaults) {
  auto policy = WellbeingPolicyFromText("{}");
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ(*policy, WellbeingPolicy{});
  EXPECT_FALSE(policy->enabled);
  EXPECT_EQ(policy->daily_cap, 50);
  EXPECT_EQ(policy->session_cap, 20);
  EXPECT_EQ(policy->session_gap_minutes, 30);
  EXPECT_EQ(policy->break_after, 10);
  EXPECT_EQ(policy->break_minutes, 15);
  EXPECT_EQ(policy->ordinary_between, 1);
  EXPECT_TRUE(policy->opt_out_allowed);
  EXPECT_TRUE(ValidateWellbeingPolicy(*policy).ok());
}

TEST(WellbeingPolicyTest, RoundTripsThroughItsStoredText) {
  WellbeingPolicy p;
  p.enabled = true;
  p.daily_cap = 7;
  p.session_cap = 3;
  p.session_gap_minutes = 45;
  p.break_after = 2;
  p.break_minutes = 5;
  p.ordinary_between = 0;
  p.opt_out_allowed = false;
  auto back = WellbeingPolicyFromText(WellbeingPolicyToText(p));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, p);
}

TEST(WellbeingPolicyTest, RefusesUnknownAndMistypedFieldsByPath) {
  EXPECT_EQ(WellbeingPolicyFromText(R"({"cap": 1})").status().field(), "wellbeing.cap");
  EXPECT_EQ(WellbeingPolicyFromText(R"({"daily_cap": "5"})").status().field(),
            "wellbeing.daily_cap");
  EXPECT_EQ(WellbeingPolicyFromText(R"({"enabled": 1})").status().field(), "wellbeing.enabled");
  EXPECT_EQ(WellbeingPolicyFromText("[]").status().field(), "wellbeing");
  EXPECT_EQ(WellbeingPolicyFromText("nope").status().field(), "wellbeing");
}

TEST(WellbeingPolicyTest, ValidatesRanges) {
  const std::pair<int64_t WellbeingPolicy::*, const char*> fields[] = {
      {&WellbeingPolicy::daily_cap, "wellbeing.daily_cap"},
      {&WellbeingPolicy::session_cap, "wellbeing.session_cap"},
      {&WellbeingPolicy::session_gap_minutes, "wellbeing.session_gap_minutes"},
      {&WellbeingPolicy::break_after, "wellbeing.break_after"},
      {&WellbeingPolicy::break_minutes, "wellbeing.break_minutes"}};
  for (const auto& [member, field] : fields) {
    WellbeingPolicy p;
    p.*member = 0;
    EXPECT_EQ(ValidateWellbeingPolicy(p).field(), field);
  }
  WellbeingPolicy p;
  p.ordinary_between = -1;
  EXPECT_EQ(ValidateWellbeingPolicy(p).field(), "wellbeing.ordinary_between");
  p.ordinary_between = 0;  // No rotation is allowed.
  EXPECT_TRUE(ValidateWellbeingPolicy(p).ok());
  p.break_minutes = 7 * 24 * 60 + 1;
  EXPECT_EQ(ValidateWellbeingPolicy(p).field(), "wellbeing.break_minutes");
}

}  // namespace
}  // namespace chorus::domain
