#include "domain/annotation.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace chorus::domain {
namespace {

Annotation ValidAnnotation() {
  Annotation a;
  a.id = 9;
  a.task_id = 3;
  a.project_id = 1;
  a.annotator_id = 7;
  a.result = R"({"label":["pos","neg"]})";
  a.state = AnnotationState::kSkipped;
  a.lead_time_ms = 5000;
  a.active_time_ms = 4000;
  a.guideline_version = 2;
  a.source = AnnotationSource::kAdjudicated;
  a.draft_shown = true;
  a.version = 4;
  a.idempotency_key = "c0ffee";
  a.skip_reason = "image does not load";
  a.created_at = 10;
  a.updated_at = 20;
  return a;
}

TEST(AnnotationTest, JsonRoundTripEmbedsTheResult) {
  nlohmann::json j = ToJson(ValidAnnotation());
  EXPECT_TRUE(j["result"].is_object());
  EXPECT_EQ(j["state"], "skipped");
  EXPECT_EQ(j["source"], "adjudicated");
  EXPECT_EQ(j["skip_reason"], "image does not load");
  EXPECT_EQ(*AnnotationFromJson(j), ValidAnnotation());
}

TEST(AnnotationTest, ValidateNamesTheFieldAtFault) {
  EXPECT_TRUE(ValidateAnnotation(ValidAnnotation()).ok());
  Annotation a = ValidAnnotation();
  a.result = "{\"label\":";
  EXPECT_EQ(ValidateAnnotation(a).field(), "result");
  a = ValidAnnotation();
  a.task_id = 0;
  EXPECT_EQ(ValidateAnnotation(a).field(), "task_id");
  a = ValidAnnotation();
  a.lead_time_ms = -1;
  EXPECT_EQ(ValidateAnnotation(a).field(), "lead_time_ms");
  a = ValidAnnotation();
  a.idempotency_key = std::string(256, 'k');
  EXPECT_EQ(ValidateAnnotation(a).field(), "idempotency_key");
}

// 500 characters, not bytes: "é" is two bytes of UTF-8 and one character.
TEST(AnnotationTest, SkipReasonIsCountedInCharactersAndBelongsToSkips) {
  Annotation a = ValidAnnotation();
  a.skip_reason = "";
  for (int i = 0; i < 500; ++i) a.skip_reason += "\xC3\xA9";
  EXPECT_TRUE(ValidateAnnotation(a).ok());
  a.skip_reason += "x";
  EXPECT_EQ(ValidateAnnotation(a).field(), "skip_reason");
  a.skip_reason = "\xC3";  // Cut short.
  EXPECT_EQ(ValidateAnnotation(a).field(), "skip_reason");
  a = ValidAnnotation();
  a.state = AnnotationState::kSubmitted;  // A label is not a skip: no reason to keep.
  EXPECT_EQ(ValidateAnnotation(a).field(), "skip_reason");
  a.skip_reason.clear();
  EXPECT_TRUE(ValidateAnnotation(a).ok());
}

TEST(AnnotationTest, FromJsonRefusesUnknownStatesAndFields) {
  nlohmann::json j = ToJson(ValidAnnotation());
  j["state"] = "approved";
  EXPECT_EQ(AnnotationFromJson(j).status().field(), "state");
  j = ToJson(ValidAnnotation());
  j["completed_by"] = 1;
  EXPECT_EQ(AnnotationFromJson(j).status().field(), "completed_by");
  j = ToJson(ValidAnnotation());
  j.erase("result");
  EXPECT_EQ(AnnotationFromJson(j).status().field(), "result");
}

}  // namespace
}  // namespace chorus::domain
