#include "store/project_policies.h"

#include <gtest/gtest.h>

namespace chorus::store {
namespace {

PolicyTexts DefaultTexts() {
  domain::Project defaults;
  return {domain::GoldPolicyToText(defaults.gold),
          domain::RoutingPolicyToText(defaults.routing),
          domain::PayPolicyToText(defaults.pay),
          domain::WellbeingPolicyToText(defaults.wellbeing),
          domain::DiversityPolicyToText(defaults.diversity),
          domain::DraftPolicyToText(defaults.drafts)};
}

TEST(ProjectPolicyCacheTest, ParsesOncePerVersion) {
  ProjectPolicyCache cache;
  int reads = 0;
  PolicyTexts texts = DefaultTexts();
  texts.gold = R"({"rate": 0.3})";
  auto read = [&] {
    ++reads;
    return texts;
  };
  domain::Project p;
  p.id = 7;
  p.version = 1;
  ASSERT_TRUE(cache.Fill(p, read).ok());
  EXPECT_EQ(p.gold.rate, 0.3);
  domain::Project again;
  again.id = 7;
  again.version = 1;
  ASSERT_TRUE(cache.Fill(again, read).ok());
  EXPECT_EQ(again.gold.rate, 0.3);
  EXPECT_EQ(reads, 1);

  texts.gold = R"({"rate": 0.2})";  // Version 2 changed the policy.
  again.version = 2;
  ASSERT_TRUE(cache.Fill(again, read).ok());
  EXPECT_EQ(again.gold.rate, 0.2);
  EXPECT_EQ(reads, 2);

  // A late reader of version 1 gets version 1's policies and leaves version 2 cached.
  texts.gold = R"({"rate": 0.3})";
  domain::Project late;
  late.id = 7;
  late.version = 1;
  ASSERT_TRUE(cache.Fill(late, read).ok());
  EXPECT_EQ(late.gold.rate, 0.3);
  again.gold = {};
  ASSERT_TRUE(cache.Fill(again, read).ok());
  EXPECT_EQ(again.gold.rate, 0.2);
  EXPECT_EQ(reads, 3);
}

TEST(ProjectPolicyCacheTest, UnreadablePolicyNamesProjectAndPolicy) {
  ProjectPolicyCache cache;
  PolicyTexts texts = DefaultTexts();
  texts.pay = "{not json";
  domain::Project p;
  p.id = 9;
  p.version = 1;
  Status status = cache.Fill(p, [&] { return texts; });
  EXPECT_EQ(status.code(), StatusCode::kInternal);
  EXPECT_EQ(status.message(), "project 9 has an unreadable pay policy");
  texts = DefaultTexts();  // Nothing was cached: the next read parses again.
  EXPECT_TRUE(cache.Fill(p, [&] { return texts; }).ok());
}

}  // namespace
}  // namespace chorus::store
