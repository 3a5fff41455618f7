#include "domain/draft_policy.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/prediction.h"

namespace chorus::domain {
namespace {

TEST(DraftPolicyTest, DefaultsAreOffWithATenPercentBlindShareAndRoundTrip) {
  const DraftPolicy defaults;
  EXPECT_FALSE(defaults.enabled);
  EXPECT_EQ(defaults.blind_share, 0.10);
  EXPECT_EQ(*DraftPolicyFromText("{}"), defaults);
  DraftPolicy p;
  p.enabled = true;
  p.model_version = "m2";
  p.blind_share = 0.25;
  EXPECT_EQ(*DraftPolicyFromText(DraftPolicyToText(p)), p);
}

TEST(DraftPolicyTest, RefusesWhatItCannotHonourNamingTheField) {
  EXPECT_EQ(DraftPolicyFromJson(nlohmann::json{{"blind", 0.1}}).status().field(), "drafts.blind");
  EXPECT_EQ(DraftPolicyFromJson(nlohmann::json{{"enabled", "yes"}}).status().field(),
            "drafts.enabled");
  DraftPolicy p;
  p.blind_share = -0.01;
  EXPECT_EQ(ValidateDraftPolicy(p).field(), "drafts.blind_share");
  p.blind_share = 1.01;
  EXPECT_EQ(ValidateDraftPolicy(p).field(), "drafts.blind_share");
  p.blind_share = 1;
  EXPECT_TRUE(ValidateDraftPolicy(p).ok());
  p.model_version = std::string(201, 'm');
  EXPECT_EQ(ValidateDraftPolicy(p).field(), "drafts.model_version");
}

TEST(PredictionTest, ReadsLabelStudioStyleRecordsAndNamesTheFieldAtFault) {
  auto p = PredictionFromJson(
      nlohmann::json::parse(R"({"model_version":"m1","score":0.5,"result":{"a":1}})"));
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->model_version, "m1");
  EXPECT_EQ(p->score, 0.5);
  EXPECT_EQ(p->result, R"({"a":1})");
  auto unscored = PredictionFromJson(
      nlohmann::json::parse(R"({"model_version":"m1","score":null,"result":{}})"));
  ASSERT_TRUE(unscored.ok()) << unscored.status().ToString();
  EXPECT_FALSE(unscored->score.has_value());
  EXPECT_EQ(PredictionFromJson(nlohmann::json::parse(R"({"result":{}})")).status().field(),
            "model_version");
  EXPECT_EQ(PredictionFromJson(nlohmann::json::parse(R"({"model_version":"m","result":[1]})"))
                .status()
                .field(),
            "result");
  EXPECT_EQ(PredictionFromJson(
                nlohmann::json::parse(R"({"model_version":"m","result":{},"score":"high"})"))
                .status()
                .field(),
            "score");
  EXPECT_EQ(
      PredictionFromJson(nlohmann::json::parse(R"({"model_version":"m","result":{},"label":"x"})"))
          .status()
          .field(),
      "label");
}

}  // namespace
}  // namespace chorus::domain
