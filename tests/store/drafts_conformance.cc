// Conformance: drafts and the annotator's own updates (issue 4: "drafts autosaved", "update
// with a version", "a label is never overwritten by another person"). A draft takes no slot of
// its task; submitting it turns the same row into the label, taking exactly one slot and only
// under the cap; autosaves name the version they read; skip reasons are kept.
#include <atomic>
#include <thread>

#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::Annotation;
using domain::AnnotationState;

// `annotator_id`'s autosave of `task_id` naming `version` (0: the first save).
Annotation DraftOf(int64_t project_id, int64_t task_id, int64_t annotator_id, int64_t version,
                   const std::string& result) {
  Annotation d;
  d.project_id = project_id;
  d.task_id = task_id;
  d.annotator_id = annotator_id;
  d.state = AnnotationState::kDraft;
  d.result = result;
  d.lead_time_ms = 1000 * (version + 1);
  d.active_time_ms = 800 * (version + 1);
  d.version = version;
  d.created_at = 1'700'000'100'000 + version;
  d.updated_at = d.created_at;
  return d;
}

// With overlap 2: after the draft is submitted, one more annotator fits and a second does not,
// so the draft-then-submit row counts exactly once (twice would leave no room, zero two).
TEST_P(StoreConformanceTest, DraftThenSubmitKeepsOneRowAndTakesExactlyOneSlot) {
  const int64_t project = AddProject(AddUser("o").id, 2).id;
  const int64_t task = AddTasks(project, 1)[0];
  const int64_t ann = AddUser("ann").id;
  const Annotation draft =
      Must(store().annotations().SaveDraft(DraftOf(project, task, ann, 0, R"({"label":"pos"})")));
  EXPECT_EQ(draft.version, 1);
  EXPECT_EQ(draft.state, AnnotationState::kDraft);
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), 0);

  Annotation submission = MakeAnnotation(project, task, ann, "k");
  submission.result = R"({"label":"neg"})";
  submission.created_at = draft.created_at + 5000;
  submission.updated_at = submission.created_at;
  const SubmitResult done = Must(store().annotations().Submit(submission, {2}));
  EXPECT_FALSE(done.replayed);
  EXPECT_EQ(done.annotation.id, draft.id);
  EXPECT_EQ(done.annotation.version, 2);
  EXPECT_EQ(done.annotation.state, AnnotationState::kSubmitted);
  EXPECT_EQ(done.annotation.result, R"({"label":"neg"})");
  EXPECT_EQ(done.annotation.created_at, draft.created_at);  // When the work began.
  EXPECT_EQ(done.annotation.updated_at, submission.updated_at);
  EXPECT_EQ(done.annotation.lead_time_ms, submission.lead_time_ms);
  EXPECT_EQ(done.annotation.idempotency_key, "k");
  EXPECT_EQ(Must(store().annotations().Get(draft.id)), done.annotation);
  EXPECT_EQ(Must(store().annotations().ListByTask(task)).size(), 1u);
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), 1);

  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, AddUser("b").id, 2)))->task.id, task);
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, AddUser("c").id, 2))));

  // A retry of the submission replays the row it made.
  const SubmitResult retry = Must(store().annotations().Submit(submission, {2}));
  EXPECT_TRUE(retry.replayed);
  EXPECT_EQ(retry.annotation, done.annotation);
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), 1);
}

TEST_P(StoreConformanceTest, DraftTakesNoSlot) {
  const int64_t project = AddProject(AddUser("o").id, 1).id;
  const int64_t task = AddTasks(project, 1)[0];
  const int64_t ann = AddUser("ann").id;
  Must(store().annotations().SaveDraft(DraftOf(project, task, ann, 0, "{}")));
  Must(store().annotations().SaveDraft(DraftOf(project, task, ann, 1, "{}")));
  const int64_t other = AddUser("b").id;
  auto next = Must(store().tasks().ReserveNextTask(Ask(project, other, 1)));
  ASSERT_TRUE(next.has_value()) << "a draft took the only slot";
  EXPECT_EQ(next->task.id, task);
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), 0);
  // Their own work in progress does not shut its owner out of the task either.
  ASSERT_TRUE(store().tasks().ReleaseReservation(task, other).ok());
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, ann, 1)))->task.id, task);
}

TEST_P(StoreConformanceTest, SubmitAfterDraftRespectsTheCap) {
  const int64_t project = AddProject(AddUser("o").id, 1).id;
  const int64_t task = AddTasks(project, 1)[0];
  const int64_t ann = AddUser("ann").id;
  const Annotation draft =
      Must(store().annotations().SaveDraft(DraftOf(project, task, ann, 0, R"({"label":"x"})")));
  Must(store().annotations().Submit(MakeAnnotation(project, task, AddUser("b").id, "kb"), {1}));

  auto refused = store().annotations().Submit(MakeAnnotation(project, task, ann, "ka"), {1});
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(refused.status().field(), "task_id");
  EXPECT_EQ(Must(store().annotations().Get(draft.id)), draft);  // Their work is kept.
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), 1);

  // A skip takes no slot: the draft can still become one, with its reason.
  Annotation skip = MakeAnnotation(project, task, ann, "ka");
  skip.state = AnnotationState::kSkipped;
  skip.skip_reason = "the text is in a language I do not read";
  const SubmitResult skipped = Must(store().annotations().Submit(skip, {1}));
  EXPECT_EQ(skipped.annotation.id, draft.id);
  EXPECT_EQ(skipped.annotation.state, AnnotationState::kSkipped);
  EXPECT_EQ(skipped.annotation.skip_reason, "the text is in a language I do not read");
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), 1);
}

TEST_P(StoreConformanceTest, DraftSavesNameTheirVersionAndNeverReplaceALabel) {
  const int64_t project = AddProject(AddUser("o").id).id;
  const int64_t task = AddTasks(project, 1)[0];
  const int64_t ann = AddUser("ann").id;
  // A version for a draft that does not exist yet.
  auto early = store().annotations().SaveDraft(DraftOf(project, task, ann, 3, "{}"));
  EXPECT_EQ(early.status().code(), StatusCode::kConflict);
  EXPECT_EQ(early.current_version(), 0);

  Must(store().annotations().SaveDraft(DraftOf(project, task, ann, 0, R"({"a":1})")));
  const Annotation second =
      Must(store().annotations().SaveDraft(DraftOf(project, task, ann, 1, R"({"a":2})")));
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(second.result, R"({"a":2})");
  EXPECT_EQ(second.lead_time_ms, 2000);  // Times follow every save.
  EXPECT_EQ(second.active_time_ms, 1600);
  EXPECT_EQ(second.created_at, DraftOf(project, task, ann, 0, "").created_at);
  for (int64_t stale : {1, 0}) {
    auto refused = store().annotations().SaveDraft(DraftOf(project, task, ann, stale, "{}"));
    EXPECT_EQ(refused.status().code(), StatusCode::kConflict) << stale;
    EXPECT_EQ(refused.status().field(), "version");
    EXPECT_EQ(refused.current_version(), 2);
  }
  EXPECT_EQ(Must(store().annotations().FindOwn(task, ann)), second);
  // Blind: another annotator has no row of the task, and sees none.
  EXPECT_FALSE(Must(store().annotations().FindOwn(task, AddUser("b").id)).has_value());

  const Annotation label =
      Must(store().annotations().Submit(MakeAnnotation(project, task, ann, "k"))).annotation;
  auto after = store().annotations().SaveDraft(DraftOf(project, task, ann, label.version, "{}"));
  EXPECT_EQ(after.status().code(), StatusCode::kConflict);
  EXPECT_EQ(after.status().field(), "state");
  EXPECT_EQ(Must(store().annotations().Get(label.id)), label);
  // A second submission (another key) is still refused: there is no draft left to complete.
  EXPECT_EQ(store().annotations().Submit(MakeAnnotation(project, task, ann, "k2")).status().code(),
            StatusCode::kConflict);
}

// Catalogue entry 10 with drafts: every annotator has a draft of the task and all submit at
// the same instant; exactly `cap` become labels, the others keep their drafts.
TEST_P(StoreConformanceTest, SimultaneousDraftSubmissionsNeverPassTheCap) {
  constexpr int kSubmitters = 12;
  constexpr int64_t kCap = 2;
  const int64_t project = AddProject(AddUser("o").id, kCap).id;
  const int64_t task = AddTasks(project, 1)[0];
  std::vector<int64_t> annotators;
  for (int i = 0; i < kSubmitters; ++i) {
    annotators.push_back(AddUser("s" + std::to_string(i)).id);
    Must(store().annotations().SaveDraft(DraftOf(project, task, annotators.back(), 0, "{}")));
  }
  const SubmitRace race = SubmitAllAtOnce(project, task, annotators, kCap);
  EXPECT_EQ(race.accepted, kCap);
  EXPECT_EQ(race.refused, kSubmitters - kCap);
  EXPECT_EQ(race.other, 0);
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), kCap);
  EXPECT_EQ(Must(store().annotations().ListByTask(task)).size(),
            static_cast<size_t>(kSubmitters));  // Still one row each.
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, AddUser("late").id, kCap))));
}

// Two tabs start the same draft at once: one creates it, the others are told its version.
TEST_P(StoreConformanceTest, SimultaneousFirstSavesMakeOneDraft) {
  constexpr int kTabs = 8;
  const int64_t project = AddProject(AddUser("o").id).id;
  const int64_t task = AddTasks(project, 1)[0];
  const int64_t ann = AddUser("ann").id;
  std::atomic<int> ready{0}, created{0}, stale{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kTabs; ++i) {
    threads.emplace_back([&] {
      ++ready;
      while (ready.load() < kTabs) std::this_thread::yield();
      auto r = store().annotations().SaveDraft(DraftOf(project, task, ann, 0, "{}"));
      if (r.ok()) {
        ++created;
      } else if (r.status().code() == StatusCode::kConflict && r.current_version() == 1) {
        ++stale;
      } else {
        ++other;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(stale.load(), kTabs - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(Must(store().annotations().ListByTask(task)).size(), 1u);
}

TEST_P(StoreConformanceTest, SaveDraftChecksTaskProjectAndAnnotator) {
  const int64_t owner = AddUser("o").id;
  const int64_t p1 = AddProject(owner).id;
  const int64_t p2 = AddProject(owner).id;
  const int64_t task = AddTasks(p1, 1)[0];
  const int64_t ann = AddUser("ann").id;
  EXPECT_EQ(store().annotations().SaveDraft(DraftOf(p2, task, ann, 0, "{}")).status().field(),
            "project_id");
  EXPECT_EQ(store().annotations().SaveDraft(DraftOf(p1, task + 9, ann, 0, "{}")).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().annotations().SaveDraft(DraftOf(p1, task, ann, 0, "[oops")).status().field(),
            "result");
  EXPECT_FALSE(Must(store().annotations().FindOwn(task, ann)).has_value());
}

// Nobody changes another person's draft or label, whatever version they name.
TEST_P(StoreConformanceTest, UpdateByAnotherActorIsRefusedAndChangesNothing) {
  const int64_t project = AddProject(AddUser("o").id).id;
  const int64_t task = AddTasks(project, 1)[0];
  const int64_t ann = AddUser("ann").id;
  const int64_t manager = AddUser("m", domain::Role::kManager).id;
  const Annotation draft =
      Must(store().annotations().SaveDraft(DraftOf(project, task, ann, 0, R"({"a":1})")));
  Annotation theirs = draft;
  theirs.result = R"({"a":"overwritten"})";
  EXPECT_EQ(store().annotations().Update(theirs, manager).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(Must(store().annotations().Get(draft.id)), draft);
  const Annotation label =
      Must(store().annotations().Submit(MakeAnnotation(project, task, ann, "k"))).annotation;
  theirs = label;
  theirs.state = AnnotationState::kSkipped;
  EXPECT_EQ(store().annotations().Update(theirs, manager).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(Must(store().annotations().Get(label.id)), label);
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), 1);
}

// Becoming submitted through an update is capped like a submission; leaving submitted frees
// the slot (migration 0007's trigger).
TEST_P(StoreConformanceTest, UpdateIntoSubmittedRespectsTheCapAndASkipFreesTheSlot) {
  const int64_t project = AddProject(AddUser("o").id, 1).id;
  const int64_t task = AddTasks(project, 1)[0];
  const int64_t a = AddUser("a").id, b = AddUser("b").id;
  Annotation skip = MakeAnnotation(project, task, a, "ka");
  skip.state = AnnotationState::kSkipped;
  skip.skip_reason = "unsure";
  const Annotation skipped = Must(store().annotations().Submit(skip, {1})).annotation;
  EXPECT_EQ(skipped.skip_reason, "unsure");
  const Annotation label =
      Must(store().annotations().Submit(MakeAnnotation(project, task, b, "kb"), {1})).annotation;

  Annotation change = skipped;
  change.state = AnnotationState::kSubmitted;
  change.skip_reason.clear();
  auto refused = store().annotations().Update(change, a, {1});
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  EXPECT_EQ(refused.current_version(), 0);  // Not stale: full.
  EXPECT_EQ(Must(store().annotations().Get(skipped.id)), skipped);

  Annotation give_up = label;
  give_up.state = AnnotationState::kSkipped;
  give_up.skip_reason = "changed my mind";
  const Annotation freed = Must(store().annotations().Update(give_up, b, {1}));
  EXPECT_EQ(freed.skip_reason, "changed my mind");
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), 0);
  const Annotation taken = Must(store().annotations().Update(change, a, {1}));
  EXPECT_EQ(taken.state, AnnotationState::kSubmitted);
  EXPECT_EQ(taken.skip_reason, "");
  EXPECT_EQ(taken.version, 2);
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, AddUser("c").id, 1))));
}

TEST_P(StoreConformanceTest, SkipReasonIsStoredAndBelongsToSkips) {
  const int64_t project = AddProject(AddUser("o").id).id;
  const std::vector<int64_t> tasks = AddTasks(project, 2);
  const int64_t task = tasks[0];
  const int64_t ann = AddUser("ann").id;
  Annotation skip = MakeAnnotation(project, task, ann, "k");
  skip.state = AnnotationState::kSkipped;
  skip.skip_reason = "image does not load \xC3\xA9";
  const Annotation stored = Must(store().annotations().Submit(skip)).annotation;
  Reopen();
  EXPECT_EQ(Must(store().annotations().Get(stored.id)).skip_reason, "image does not load \xC3\xA9");
  EXPECT_EQ(Must(store().annotations().ListByTask(task))[0].skip_reason,
            "image does not load \xC3\xA9");
  // A label with a reason for skipping is a contradiction: refused, nothing stored.
  Annotation label = MakeAnnotation(project, tasks[1], ann, "k2");
  label.skip_reason = "why";
  EXPECT_EQ(store().annotations().Submit(label).status().field(), "skip_reason");
  EXPECT_TRUE(Must(store().annotations().ListByTask(tasks[1])).empty());
}

}  // namespace
}  // namespace chorus::store::conformance
