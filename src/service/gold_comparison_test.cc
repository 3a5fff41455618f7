// CompareToGold per control type: the measure chosen, its value on a hand-checked case, and
// the pass mark. The measures' own reference values are in quality/similarity/*_test.cc.
#include "service/gold_comparison.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace chorus::service {
namespace {

using nlohmann::json;

domain::LabelInterface Interface(const char* controls) {
  auto parsed = domain::ParseLabelInterface(std::string(R"({"controls":)") + controls + "}");
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? *parsed : domain::LabelInterface{};
}

const ControlComparison& Only(const GoldComparison& c) {
  EXPECT_EQ(c.controls.size(), 1u);
  return c.controls.at(0);
}

TEST(GoldComparisonTest, ChoicesMatchExactlyAsSets) {
  const auto ui = Interface(R"([{"type":"choices","name":"tags","to":"text","multiple":true,
                                 "options":["a","b","c"]}])");
  const json reference = json::parse(R"({"tags":{"choices":["a","b"]}})");
  auto same = CompareToGold(ui, reference, json::parse(R"({"tags":{"choices":["b","a"]}})"));
  EXPECT_TRUE(same.correct);
  EXPECT_EQ(Only(same).measure, "exact");
  auto fewer = CompareToGold(ui, reference, json::parse(R"({"tags":{"choices":["a"]}})"));
  EXPECT_FALSE(fewer.correct);
  // A control the answer left out is wrong, not skipped.
  EXPECT_FALSE(CompareToGold(ui, reference, json::object()).correct);
}

TEST(GoldComparisonTest, AmbiguousMatchesOnlyAnAmbiguousReference) {
  const auto ui = Interface(R"([{"type":"choices","name":"tags","to":"text","multiple":true,
                                 "ambiguous":true,"options":["a","b"]}])");
  const json ambiguous = json::parse(R"({"tags":{"ambiguous":true}})");
  const json some = json::parse(R"({"tags":{"choices":["a"]}})");
  const json none = json::parse(R"({"tags":{"choices":[]}})");
  // "It is ambiguous" on a gold item with a clear answer is wrong, and the other way round.
  EXPECT_FALSE(CompareToGold(ui, some, ambiguous).correct);
  EXPECT_FALSE(CompareToGold(ui, ambiguous, some).correct);
  // An empty choice list is not an ambiguous answer (both select nothing).
  EXPECT_FALSE(CompareToGold(ui, ambiguous, none).correct);
  EXPECT_FALSE(CompareToGold(ui, none, ambiguous).correct);
  const auto both = CompareToGold(ui, ambiguous, ambiguous);
  EXPECT_TRUE(both.correct);
  EXPECT_EQ(Only(both).measure, "exact");
  EXPECT_EQ(both.score, 1);
}

TEST(GoldComparisonTest, SpansBySpanF1) {
  const auto ui =
      Interface(R"([{"type":"spans","name":"ner","to":"text","labels":["PER","ORG"]}])");
  const json reference = json::parse(
      R"({"ner":{"spans":[{"start":0,"end":3,"label":"PER"},{"start":8,"end":11,"label":"ORG"}]}})");
  // One of two found exactly, the other with the wrong label: F1 = 2·1 / (2 + 2) = 0.5.
  const auto half = CompareToGold(
      ui, reference,
      json::parse(
          R"({"ner":{"spans":[{"start":0,"end":3,"label":"PER"},{"start":8,"end":11,"label":"PER"}]}})"));
  EXPECT_EQ(Only(half).measure, "span_f1");
  EXPECT_NEAR(half.score, 0.5, 1e-12);
  EXPECT_FALSE(half.correct);
  EXPECT_TRUE(CompareToGold(ui, reference, reference).correct);
}

TEST(GoldComparisonTest, BoxesAndPolygonsByRegionQuality) {
  const auto ui = Interface(R"([{"type":"rectangles","name":"b","to":"image","labels":["car"]},
                                {"type":"polygons","name":"p","to":"image","labels":["road"]}])");
  const json reference = json::parse(
      R"({"b":{"boxes":[{"x":0,"y":0,"width":10,"height":10,"label":"car"}]},
          "p":{"polygons":[{"points":[[0,0],[10,0],[10,10],[0,10]],"label":"road"}]}})");
  // The box shifted by 2 along x: IoU = 80 / 120; the polygon exact.
  const auto answer = json::parse(
      R"({"b":{"boxes":[{"x":2,"y":0,"width":10,"height":10,"label":"car"}]},
          "p":{"polygons":[{"points":[[0,0],[10,0],[10,10],[0,10]],"label":"road"}]}})");
  const auto c = CompareToGold(ui, reference, answer);
  ASSERT_EQ(c.controls.size(), 2u);
  EXPECT_EQ(c.controls[0].measure, "region_pq");
  EXPECT_NEAR(c.controls[0].score, 80.0 / 120.0, 1e-9);
  EXPECT_NEAR(c.controls[1].score, 1, 1e-9);
  EXPECT_TRUE(c.correct);
  // The right box with the wrong label never matches.
  const auto wrong_label =
      json::parse(R"({"b":{"boxes":[{"x":0,"y":0,"width":10,"height":10,"label":"bus"}]}})");
  EXPECT_EQ(CompareToGold(ui, json::parse(R"({"b":{"boxes":[{"x":0,"y":0,"width":10,
      "height":10,"label":"car"}]}})"),
                          wrong_label)
                .score,
            0);
}

TEST(GoldComparisonTest, KeypointsByObjectKeypointSimilarity) {
  const auto ui = Interface(R"([{"type":"keypoints","name":"pose","to":"image",
                                 "labels":["nose","hip"]}])");
  const json reference = json::parse(
      R"({"pose":{"instances":[{"points":[{"label":"nose","x":0,"y":0},
                                          {"label":"hip","x":10,"y":10}]}]}})");
  const auto c = CompareToGold(ui, reference, reference);
  EXPECT_EQ(Only(c).measure, "keypoint_pq");
  EXPECT_NEAR(c.score, 1, 1e-12);
  const auto far = json::parse(
      R"({"pose":{"instances":[{"points":[{"label":"nose","x":50,"y":50},
                                          {"label":"hip","x":90,"y":90}]}]}})");
  EXPECT_FALSE(CompareToGold(ui, reference, far).correct);
}

TEST(GoldComparisonTest, SegmentsTextAndRankings) {
  const auto ui = Interface(R"([{"type":"audio_segments","name":"s","to":"audio","labels":["x"]},
                                {"type":"text","name":"t","to":"text"},
                                {"type":"ranking","name":"r","to":"answers"}])");
  const json reference = json::parse(
      R"({"s":{"segments":[{"start":0,"end":2,"label":"x"}]},"t":{"text":"sitting"},
          "r":{"order":[0,1,2,3]}})");
  const json answer = json::parse(
      R"({"s":{"segments":[{"start":0.5,"end":2,"label":"x"}]},"t":{"text":"kitten"},
          "r":{"order":[1,0,2,3]}})");
  const auto c = CompareToGold(ui, reference, answer);
  ASSERT_EQ(c.controls.size(), 3u);
  EXPECT_EQ(c.controls[0].measure, "segment_pq");
  EXPECT_NEAR(c.controls[0].score, 1.5 / 2.0, 1e-12);
  EXPECT_EQ(c.controls[1].measure, "edit_similarity");
  EXPECT_NEAR(c.controls[1].score, 1 - 3.0 / 7, 1e-12);  // kitten → sitting: 3 edits of 7.
  EXPECT_FALSE(c.controls[1].passed);
  EXPECT_EQ(c.controls[2].measure, "kendall_tau");
  EXPECT_NEAR(c.controls[2].score, 4.0 / 6, 1e-12);
  EXPECT_TRUE(c.controls[2].passed);
  EXPECT_FALSE(c.correct);
}

TEST(GoldComparisonTest, OnlyControlsTheReferenceAnswersAreJudged) {
  const auto ui = Interface(R"([{"type":"choices","name":"a","to":"text","options":["x","y"]},
                                {"type":"polylines","name":"l","to":"image","labels":["lane"]}])");
  const json lines = json::parse(R"({"l":{"lines":[{"points":[[0,0],[1,1]],"label":"lane"}]}})");
  const auto none = CompareToGold(ui, lines, lines);
  EXPECT_EQ(Only(none).measure, "none");
  EXPECT_FALSE(none.judged);
  EXPECT_FALSE(none.correct);
  const auto some = CompareToGold(ui, json::parse(R"({"a":{"choices":["x"]}})"),
                                  json::parse(R"({"a":{"choices":["x"]},"l":{"lines":[]}})"));
  EXPECT_TRUE(some.correct);
  EXPECT_EQ(some.controls.size(), 1u);
}

}  // namespace
}  // namespace chorus::service
