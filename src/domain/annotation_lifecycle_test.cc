#include "domain/annotation_lifecycle.h"

#include <gtest/gtest.h>

namespace chorus::domain {
namespace {

Annotation Draft() {
  Annotation a;
  a.id = 9;
  a.task_id = 3;
  a.project_id = 1;
  a.annotator_id = 7;
  a.result = R"({"label":["pos"]})";
  a.state = AnnotationState::kDraft;
  a.lead_time_ms = 5000;
  a.active_time_ms = 4000;
  a.guideline_version = 2;
  a.draft_shown = true;
  a.version = 4;
  a.created_at = 10;
  a.updated_at = 20;
  return a;
}

Annotation Submission() {
  Annotation s;
  s.id = 99;  // Ignored: the row keeps its identity.
  s.task_id = 3;
  s.project_id = 1;
  s.annotator_id = 7;
  s.created_at = 50;
  s.updated_at = 60;
  s.result = R"({"label":["neg"]})";
  s.state = AnnotationState::kSkipped;
  s.skip_reason = "offensive";
  s.idempotency_key = "k";
  s.lead_time_ms = 7000;
  s.active_time_ms = 6000;
  s.guideline_version = 3;
  return s;
}

TEST(AnnotationLifecycleTest, OnlyTheSameAnnotatorsDraftOfTheTaskIsCompleted) {
  EXPECT_TRUE(CompletesDraft(Draft(), Submission()));
  Annotation s = Submission();
  s.state = AnnotationState::kDraft;  // A draft does not complete a draft.
  EXPECT_FALSE(CompletesDraft(Draft(), s));
  s = Submission();
  s.annotator_id = 8;
  EXPECT_FALSE(CompletesDraft(Draft(), s));
  s = Submission();
  s.task_id = 4;  // Their draft of another task found by the idempotency key.
  EXPECT_FALSE(CompletesDraft(Draft(), s));
  Annotation submitted = Draft();
  submitted.state = AnnotationState::kSubmitted;
  EXPECT_FALSE(CompletesDraft(submitted, Submission()));
}

// Submitting a draft keeps the row's identity and history and takes the submission's answer.
TEST(AnnotationLifecycleTest, SubmitDraftKeepsIdentityAndTakesTheAnswer) {
  const Annotation done = SubmitDraft(Draft(), Submission());
  EXPECT_EQ(done.id, 9);
  EXPECT_EQ(done.created_at, 10);
  EXPECT_EQ(done.updated_at, 60);
  EXPECT_EQ(done.version, 5);
  EXPECT_EQ(done.state, AnnotationState::kSkipped);
  EXPECT_EQ(done.result, R"({"label":["neg"]})");
  EXPECT_EQ(done.skip_reason, "offensive");
  EXPECT_EQ(done.idempotency_key, "k");
  EXPECT_EQ(done.lead_time_ms, 7000);
  EXPECT_EQ(done.active_time_ms, 6000);
  EXPECT_EQ(done.guideline_version, 3);
  EXPECT_TRUE(done.draft_shown);  // Shown once, shown: the submission cannot unsee it.
}

// An autosave changes the work, never the state, key or reason.
TEST(AnnotationLifecycleTest, ResaveChangesTheWorkOnly) {
  const Annotation resaved = ResaveDraft(Draft(), Submission());
  EXPECT_EQ(resaved.state, AnnotationState::kDraft);
  EXPECT_EQ(resaved.idempotency_key, "");
  EXPECT_EQ(resaved.skip_reason, "");
  EXPECT_EQ(resaved.result, R"({"label":["neg"]})");
  EXPECT_EQ(resaved.lead_time_ms, 7000);
  EXPECT_EQ(resaved.version, 5);
  EXPECT_EQ(resaved.id, 9);
}

TEST(AnnotationLifecycleTest, DraftSavesNameTheVersionTheyRead) {
  int64_t current = -1;
  Annotation save = Submission();
  save.version = 0;
  EXPECT_TRUE(CheckDraftSave(std::nullopt, save, &current).ok());  // The first save.
  save.version = 4;
  EXPECT_TRUE(CheckDraftSave(Draft(), save, &current).ok());
  EXPECT_EQ(current, -1);
  // Stale: a save from a tab that missed version 4, or a first save while a draft exists.
  for (int64_t stale : {3, 0, 5}) {
    save.version = stale;
    current = -1;
    Status refused = CheckDraftSave(Draft(), save, &current);
    EXPECT_EQ(refused.code(), StatusCode::kConflict) << stale;
    EXPECT_EQ(refused.field(), "version");
    EXPECT_EQ(current, 4);
  }
  save.version = 2;  // A version of nothing.
  EXPECT_EQ(CheckDraftSave(std::nullopt, save, &current).field(), "version");
  EXPECT_EQ(current, 0);
}

TEST(AnnotationLifecycleTest, AFinishedAnnotationIsNotADraft) {
  for (AnnotationState state : {AnnotationState::kSubmitted, AnnotationState::kSkipped}) {
    Annotation stored = Draft();
    stored.state = state;
    Annotation save = Submission();
    save.version = stored.version;  // Even with the right version.
    int64_t current = -1;
    Status refused = CheckDraftSave(stored, save, &current);
    EXPECT_EQ(refused.code(), StatusCode::kConflict);
    EXPECT_EQ(refused.field(), "state");
    EXPECT_NE(refused.message().find("update your annotation"), std::string::npos);
    EXPECT_EQ(current, -1);
  }
}

TEST(AnnotationLifecycleTest, UpdateKeepsIdentityKeyAndSource) {
  Annotation current = Draft();
  current.state = AnnotationState::kSubmitted;
  current.idempotency_key = "first";
  current.source = AnnotationSource::kHuman;
  Annotation changed = Submission();
  changed.source = AnnotationSource::kModel;
  changed.draft_shown = false;
  const Annotation out = ApplyUpdate(current, changed);
  EXPECT_EQ(out.id, 9);
  EXPECT_EQ(out.idempotency_key, "first");
  EXPECT_EQ(out.source, AnnotationSource::kHuman);
  EXPECT_EQ(out.created_at, 10);
  EXPECT_EQ(out.state, AnnotationState::kSkipped);
  EXPECT_EQ(out.skip_reason, "offensive");
  EXPECT_FALSE(out.draft_shown);
  EXPECT_EQ(out.version, 5);
}

}  // namespace
}  // namespace chorus::domain
