// The pay policy's JSON: defaults, a round trip, unknown and mistyped fields refused with their
// path, and the ranges ValidatePayPolicy enforces.
#include "domain/pay_policy.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace chorus::domain {
namespace {

TEST(PayPolicyTest, EmptyObjectIsTheDefaults) {
  auto policy = PayPolicyFromText("{}");
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ(*policy, PayPolicy{});
  EXPECT_EQ(policy->mode, PayMode::kPerHour);
  EXPECT_EQ(policy->floor_cents_per_hour, 1200);
  EXPECT_TRUE(ValidatePayPolicy(*policy).ok());
}

TEST(PayPolicyTest, RoundTripsThroughItsStoredText) {
  PayPolicy p;
  p.mode = PayMode::kPerTask;
  p.rates = {12, 34, 56};
  p.floor_cents_per_hour = 1500;
  p.budget_cents = 1'000'000;
  p.pay_skipped = true;
  auto back = PayPolicyFromText(PayPolicyToText(p));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(*back, p);
  EXPECT_EQ(p.rates.For(Tier::kExpert), 34);
  EXPECT_EQ(p.rates.For(Tier::kGoldMaker), 56);
}

TEST(PayPolicyTest, RefusesUnknownAndMistypedFieldsByPath) {
  EXPECT_EQ(PayPolicyFromText(R"({"bonus": 1})").status().field(), "pay.bonus");
  EXPECT_EQ(PayPolicyFromText(R"({"rates": {"intern": 1}})").status().field(), "pay.rates.intern");
  EXPECT_EQ(PayPolicyFromText(R"({"rates": {"crowd": "12"}})").status().field(), "pay.rates.crowd");
  EXPECT_EQ(PayPolicyFromText(R"({"rates": 5})").status().field(), "pay.rates");
  EXPECT_EQ(PayPolicyFromText(R"({"mode": "per_minute"})").status().field(), "pay.mode");
  EXPECT_EQ(PayPolicyFromText("[]").status().field(), "pay");
  EXPECT_EQ(PayPolicyFromText("nope").status().field(), "pay");
}

TEST(PayPolicyTest, ValidatesAmounts) {
  PayPolicy p;
  p.rates.expert = -1;
  EXPECT_EQ(ValidatePayPolicy(p).field(), "pay.rates.expert");
  p = {};
  p.rates.crowd = 10'000'001;
  EXPECT_EQ(ValidatePayPolicy(p).field(), "pay.rates.crowd");
  p = {};
  p.floor_cents_per_hour = -5;
  EXPECT_EQ(ValidatePayPolicy(p).field(), "pay.floor_cents_per_hour");
  p = {};
  p.budget_cents = -1;
  EXPECT_EQ(ValidatePayPolicy(p).field(), "pay.budget_cents");
}

}  // namespace
}  // namespace chorus::domain
