// The labelling service against a real SQLite store in a temporary directory, with a
// hand-driven clock: the rules it adds over the store's (tests/store/drafts_conformance.cc):
// which times a write keeps when the client sends none, how skip reasons are trimmed and
// dropped, that a correction checks the owner before anything else, that drafts stay out of
// the reviewers' list, and that annotators answer only what was handed to them.
#include "service/labelling_service.h"

#include <gtest/gtest.h>

#include <memory>
#include <string>

#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::AnnotationState;
using domain::Role;

constexpr char kAnswer[] = R"({"sentiment":{"choices":["positive"]}})";

class LabellingServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    service_ = std::make_unique<LabellingService>(*store_, [this] { return now_; });
    ann_ = AddUser("ann");
    bob_ = AddUser("bob", Role::kAdmin);
    domain::Project project;
    project.name = "sentiment";
    project.label_interface = R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
                              R"("options":["positive","negative"]}]})";
    project.overlap = 1;
    project.created_by = bob_.user_id;
    project.created_at = now_;
    auto created = store_->projects().Create(project);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    domain::Task task;
    task.data = R"({"text":"fine"})";
    task.created_at = now_;
    auto inserted = store_->tasks().InsertBatch(created->id, {task});
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    task_ = inserted->task_ids[0];
    project_ = created->id;
    Hand(ann_);
  }

  Principal AddUser(const std::string& name, Role role = Role::kAnnotator) {
    return AddTestUser(*store_, name, role, now_);
  }
  // `who` asks for the next task, which must be the project's only task.
  void Hand(const Principal& who) {
    auto next = service_->Next(who, project_);
    ASSERT_TRUE(next.ok()) << next.status().ToString();
    ASSERT_TRUE(next->has_value());
    EXPECT_EQ((*next)->task.id, task_);
  }
  // A new annotator who was handed the task.
  Principal Handed(const std::string& name) {
    const Principal who = AddUser(name);
    Hand(who);
    return who;
  }

  domain::Annotation Skip(const std::string& reason) {
    Submission skip;
    skip.state = AnnotationState::kSkipped;
    skip.skip_reason = reason;
    skip.idempotency_key = "skip";
    auto stored = service_->Submit(ann_, task_, skip);
    EXPECT_TRUE(stored.ok()) << stored.status().ToString();
    return stored.ok() ? stored->annotation : domain::Annotation();
  }

  ScratchStore store_;  // Declared first: destroyed after the services that use it.
  std::unique_ptr<LabellingService> service_;
  int64_t now_ = 1'700'000'000'000;
  Principal ann_, bob_;
  int64_t project_ = 0;
  int64_t task_ = 0;
};

TEST_F(LabellingServiceTest, TimesNotSentAreKeptFromTheDraft) {
  DraftSave first;
  first.lead_time_ms = 3000;
  first.active_time_ms = 2000;
  ASSERT_TRUE(service_->SaveDraft(ann_, task_, first).ok());
  DraftSave second;
  second.version = 1;
  second.lead_time_ms = 4000;  // Active time not sent: kept.
  auto saved = service_->SaveDraft(ann_, task_, second);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_EQ(saved->lead_time_ms, 4000);
  EXPECT_EQ(saved->active_time_ms, 2000);
  Submission submission;
  submission.result = kAnswer;
  submission.active_time_ms = 2500;  // Lead time not sent: the draft's.
  auto done = service_->Submit(ann_, task_, submission);
  ASSERT_TRUE(done.ok()) << done.status().ToString();
  EXPECT_EQ(done->annotation.lead_time_ms, 4000);
  EXPECT_EQ(done->annotation.active_time_ms, 2500);
  EXPECT_EQ(done->annotation.id, saved->id);
}

TEST_F(LabellingServiceTest, DraftResultsMustBeObjectsButNeedNotAnswerTheInterface) {
  DraftSave half_done;
  half_done.result = R"({"sentiment":{"choices":["maybe"]}})";
  EXPECT_TRUE(service_->SaveDraft(ann_, task_, half_done).ok());
  DraftSave list;
  list.result = "[1]";
  list.version = 1;
  EXPECT_EQ(service_->SaveDraft(ann_, task_, list).status().field(), "result");
  // Submitting the half-done answer is checked like any other.
  Submission submission;
  submission.result = half_done.result;
  EXPECT_EQ(service_->Submit(ann_, task_, submission).status().field(),
            "result.sentiment.choices[0]");
}

TEST_F(LabellingServiceTest, SkipReasonsAreTrimmedAndWhitespaceIsNone) {
  EXPECT_EQ(Skip(" \t broken image \n").skip_reason, "broken image");
  auto other = Handed("cy");
  Submission skip;
  skip.state = AnnotationState::kSkipped;
  skip.skip_reason = "   ";
  auto stored = service_->Submit(other, task_, skip);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(stored->annotation.skip_reason, "");
  // 500 characters once trimmed is fine, 501 is not.
  auto third = Handed("di");
  skip.skip_reason = "  " + std::string(500, 'x') + "  ";
  EXPECT_TRUE(service_->Submit(third, task_, skip).ok());
  skip.skip_reason = std::string(501, 'x');
  EXPECT_EQ(service_->Submit(Handed("ed"), task_, skip).status().field(), "skip_reason");
}

TEST_F(LabellingServiceTest, ACorrectionToSubmittedDropsTheSkipReason) {
  const domain::Annotation skipped = Skip("unsure");
  AnnotationChange keep;
  keep.result = "{}";
  keep.version = skipped.version;
  keep.lead_time_ms = 9000;
  auto kept = service_->UpdateAnnotation(ann_, skipped.id, keep);
  ASSERT_TRUE(kept.ok()) << kept.status().ToString();
  EXPECT_EQ(kept->skip_reason, "unsure");  // Still a skip: the reason stays.
  AnnotationChange label;
  label.result = kAnswer;
  label.state = AnnotationState::kSubmitted;
  label.version = kept->version;
  auto labelled = service_->UpdateAnnotation(ann_, skipped.id, label);
  ASSERT_TRUE(labelled.ok()) << labelled.status().ToString();
  EXPECT_EQ(labelled->state, AnnotationState::kSubmitted);
  EXPECT_EQ(labelled->skip_reason, "");
  EXPECT_EQ(labelled->lead_time_ms, 9000);
}

// 403 comes first: someone else learns nothing about the row from validation or versions.
TEST_F(LabellingServiceTest, OnlyTheOwnerCorrectsAndDraftsAreNotCorrected) {
  const domain::Annotation skipped = Skip("unsure");
  AnnotationChange theirs;
  theirs.result = "[not an answer]";
  theirs.state = AnnotationState::kSubmitted;
  theirs.version = 99;
  EXPECT_EQ(service_->UpdateAnnotation(bob_, skipped.id, theirs).status().code(),
            StatusCode::kPermissionDenied);
  auto stored = store_->annotations().Get(skipped.id);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(*stored, skipped);

  auto draft = service_->SaveDraft(bob_, task_, DraftSave{});
  ASSERT_TRUE(draft.ok()) << draft.status().ToString();
  AnnotationChange change;
  change.version = draft->version;
  auto refused = service_->UpdateAnnotation(bob_, draft->id, change);
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(refused.status().field(), "state");
}

// Security catalogue 66: an annotator answers or drafts only a task handed to them, with one
// refusal for every task; a draft keeps the task theirs after the hand-out ends, and without
// one they ask again. Others' roles need no hand-out.
TEST_F(LabellingServiceTest, AnnotatorsAnswerOnlyTasksHandedToThem) {
  const Principal cy = AddUser("cy");
  Submission answer;
  answer.result = kAnswer;
  answer.idempotency_key = "cy";
  const Status refused = service_->Submit(cy, task_, answer).status();
  EXPECT_EQ(refused.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(refused.field(), "task_id");
  EXPECT_NE(refused.message().find("ask for the next task"), std::string::npos);
  EXPECT_EQ(service_->SaveDraft(cy, task_, DraftSave{}).status().field(), "task_id");
  EXPECT_EQ(store_->annotations().FindOwn(task_, cy.user_id)->has_value(), false);

  ASSERT_TRUE(service_->SaveDraft(ann_, task_, DraftSave{}).ok());
  now_ += 31 * 60 * 1000;  // Past the 30-minute hand-out.
  answer.idempotency_key = "ann";
  auto kept = service_->Submit(ann_, task_, answer);
  EXPECT_TRUE(kept.ok()) << kept.status().ToString();
}

TEST_F(LabellingServiceTest, AnEndedHandOutWithoutADraftIsAskedForAgain) {
  now_ += 31 * 60 * 1000;
  Submission answer;
  answer.result = kAnswer;
  answer.idempotency_key = "late";
  EXPECT_EQ(service_->Submit(ann_, task_, answer).status().field(), "task_id");
  Hand(ann_);
  auto taken = service_->Submit(ann_, task_, answer);
  EXPECT_TRUE(taken.ok()) << taken.status().ToString();
  // A reviewer needs no hand-out (the task takes one label: the overlap refuses this one).
  answer.idempotency_key = "reviewer";
  EXPECT_EQ(service_->Submit(AddUser("rex", Role::kReviewer), task_, answer).status().code(),
            StatusCode::kConflict);
}

TEST_F(LabellingServiceTest, ReviewersSeeLabelsNotDrafts) {
  ASSERT_TRUE(service_->SaveDraft(bob_, task_, DraftSave{}).ok());
  const domain::Annotation skipped = Skip("unsure");
  auto listed = service_->ListAnnotations(task_);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].id, skipped.id);
  auto own = service_->GetDraft(bob_, task_);
  ASSERT_TRUE(own.ok());
  EXPECT_EQ(own->state, AnnotationState::kDraft);
  EXPECT_EQ(service_->GetDraft(ann_, task_).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace chorus::service

namespace chorus::service {
namespace {

// Rejected work comes back first and holds no new reservation: with the task's one slot
// taken by the label itself, its annotator is still handed it, nobody else is, and the
// correction ends it.
TEST_F(LabellingServiceTest, RejectedWorkComesBackToItsAnnotatorWithoutAReservation) {
  Submission submission;
  submission.result = kAnswer;
  auto label = service_->Submit(ann_, task_, submission);
  ASSERT_TRUE(label.ok()) << label.status().ToString();
  ReviewInput reject;
  reject.verdict = domain::ReviewVerdict::kRejected;
  reject.comment = "it is sarcasm";
  now_ += 1000;
  auto review = service_->AddReview(bob_, label->annotation.id, reject);
  ASSERT_TRUE(review.ok()) << review.status().ToString();

  auto next = service_->Next(ann_, label->annotation.project_id);
  ASSERT_TRUE(next.ok()) << next.status().ToString();
  ASSERT_TRUE(next->has_value());
  EXPECT_EQ((*next)->task.id, task_);
  ASSERT_TRUE((*next)->returned.has_value());
  EXPECT_EQ((*next)->returned->annotation, label->annotation);
  EXPECT_EQ((*next)->returned->review_id, review->id);
  EXPECT_EQ((*next)->returned->comment, "it is sarcasm");
  EXPECT_EQ((*next)->returned->returned_at, now_);
  EXPECT_FALSE((*next)->draft.has_value());
  auto held = store_->tasks().HoldsReservation(task_, ann_.user_id, now_);
  ASSERT_TRUE(held.ok()) << held.status().ToString();
  EXPECT_FALSE(*held);
  // The only task is full (overlap 1): nothing for anyone else.
  auto others = service_->Next(AddUser("cy"), label->annotation.project_id);
  ASSERT_TRUE(others.ok()) << others.status().ToString();
  EXPECT_FALSE(others->has_value());

  AnnotationChange change;
  change.result = R"({"sentiment":{"choices":["negative"]}})";
  change.version = label->annotation.version;
  ASSERT_TRUE(service_->UpdateAnnotation(ann_, label->annotation.id, change).ok());
  auto after = service_->Next(ann_, label->annotation.project_id);
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_FALSE(after->has_value());
}

}  // namespace
}  // namespace chorus::service
