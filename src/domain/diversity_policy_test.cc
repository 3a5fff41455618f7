// The diversity policy's JSON (defaults, round trip, unknown fields), its validation naming the
// field at fault, and the quota rule the reservation applies.
#include "domain/diversity_policy.h"

#include <gtest/gtest.h>

namespace chorus::domain {
namespace {

DiversityPolicy RegionPolicy() {
  DiversityPolicy p;
  p.attributes.push_back({"region", "Where do you live?", {"EU", "Asia", "Americas"}});
  p.attributes.push_back({"language", "Your first language?", {"en", "fr"}});
  p.quota = DiversityQuota{"region", {{"EU", 1}, {"Asia", 1}}};
  return p;
}

TEST(DiversityPolicyTest, EmptyObjectAsksNothingAndHasNoQuota) {
  auto policy = DiversityPolicyFromText("{}");
  ASSERT_TRUE(policy.ok());
  EXPECT_EQ(*policy, DiversityPolicy{});
  EXPECT_TRUE(ValidateDiversityPolicy(*policy, 1).ok());
}

TEST(DiversityPolicyTest, RoundTripsThroughItsStoredText) {
  const DiversityPolicy p = RegionPolicy();
  auto back = DiversityPolicyFromText(DiversityPolicyToText(p));
  ASSERT_TRUE(back.ok()) << back.status().message();
  EXPECT_EQ(*back, p);
  EXPECT_TRUE(ValidateDiversityPolicy(p, 3).ok());
}

TEST(DiversityPolicyTest, RefusesUnknownAndMistypedFieldsWithTheirPath) {
  auto unknown = DiversityPolicyFromText(R"({"attributes": [], "extra": 1})");
  EXPECT_EQ(unknown.status().field(), "diversity.extra");
  auto value = DiversityPolicyFromText(
      R"({"attributes": [{"name": "region", "question": "q", "values": ["EU", 3]}]})");
  EXPECT_EQ(value.status().field(), "diversity.attributes[0].values[1]");
  auto minimum =
      DiversityPolicyFromText(R"({"quota": {"attribute": "region", "minimums": {"EU": "one"}}})");
  EXPECT_EQ(minimum.status().field(), "diversity.quota.minimums.EU");
  auto null_quota = DiversityPolicyFromText(R"({"quota": null})");
  ASSERT_TRUE(null_quota.ok());
  EXPECT_FALSE(null_quota->quota.has_value());
}

TEST(DiversityPolicyTest, ValidationNamesTheFieldAtFault) {
  DiversityPolicy p = RegionPolicy();
  EXPECT_EQ(ValidateDiversityPolicy(p, 1).field(), "diversity.quota.minimums");  // 2 > overlap 1

  p = RegionPolicy();
  p.quota->minimums["Mars"] = 1;
  EXPECT_EQ(ValidateDiversityPolicy(p, 5).field(), "diversity.quota.minimums.Mars");

  p = RegionPolicy();
  p.quota->minimums["EU"] = 0;
  EXPECT_EQ(ValidateDiversityPolicy(p, 5).field(), "diversity.quota.minimums.EU");

  p = RegionPolicy();
  p.quota->attribute = "age";
  EXPECT_EQ(ValidateDiversityPolicy(p, 5).field(), "diversity.quota.attribute");

  p = RegionPolicy();
  p.attributes[1].name = "region";
  EXPECT_EQ(ValidateDiversityPolicy(p, 5).field(), "diversity.attributes[1].name");

  p = RegionPolicy();
  p.attributes[0].values.push_back("EU");
  EXPECT_EQ(ValidateDiversityPolicy(p, 5).field(), "diversity.attributes[0].values[3]");

  p = RegionPolicy();
  p.attributes[0].name = "Region!";
  EXPECT_EQ(ValidateDiversityPolicy(p, 5).field(), "diversity.attributes[0].name");

  p = RegionPolicy();
  p.attributes[0].question.clear();
  EXPECT_EQ(ValidateDiversityPolicy(p, 5).field(), "diversity.attributes[0].question");
}

TEST(DiversityPolicyTest, QuotaKeepsRoomForTheOtherGroups) {
  const std::map<std::string, int64_t> minimums{{"EU", 1}, {"Asia", 1}};
  // Overlap 3, nothing taken: anyone may take the first slot (2 left cover EU and Asia).
  EXPECT_TRUE(QuotaAdmits(minimums, {}, std::nullopt, 3));
  EXPECT_TRUE(QuotaAdmits(minimums, {}, std::string("Americas"), 3));
  // One unaffiliated slot taken: 2 free, both needed by EU and Asia.
  EXPECT_FALSE(QuotaAdmits(minimums, {}, std::string("Americas"), 2));
  EXPECT_TRUE(QuotaAdmits(minimums, {}, std::string("EU"), 2));
  // EU met: one free slot is Asia's alone.
  EXPECT_FALSE(QuotaAdmits(minimums, {{"EU", 1}}, std::string("EU"), 1));
  EXPECT_TRUE(QuotaAdmits(minimums, {{"EU", 1}}, std::string("Asia"), 1));
  // Both met: the last slot is anyone's.
  EXPECT_TRUE(QuotaAdmits(minimums, {{"EU", 1}, {"Asia", 1}}, std::nullopt, 1));
}

}  // namespace
}  // namespace chorus::domain
