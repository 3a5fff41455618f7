// Conformance: AnnotationStore. Idempotent submission (catalogue entry 12), stale updates
// refused with the current version (entry 11), no overwriting another annotator's label,
// the per-task cap (entry 10), and exactly one row per idempotency key under concurrency.
#include <atomic>
#include <set>
#include <thread>

#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::Annotation;
using domain::AnnotationState;

TEST_P(StoreConformanceTest, SubmitStoresAndReadsBack) {
  int64_t owner = AddUser("o").id;
  int64_t ann = AddUser("ann").id;
  int64_t project = AddProject(owner).id;
  int64_t task = AddTasks(project, 1)[0];
  Annotation a = MakeAnnotation(project, task, ann, "k1");
  a.guideline_version = 2;
  a.draft_shown = true;
  a.source = domain::AnnotationSource::kHuman;
  SubmitResult r = Must(store().annotations().Submit(a));
  EXPECT_FALSE(r.replayed);
  EXPECT_GT(r.annotation.id, 0);
  EXPECT_EQ(r.annotation.version, 1);
  a.id = r.annotation.id;
  a.version = 1;
  EXPECT_EQ(r.annotation, a);
  EXPECT_EQ(Must(store().annotations().Get(a.id)), a);
  EXPECT_EQ(Must(store().annotations().ListByTask(task)), std::vector<Annotation>{a});
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), 1);
}

TEST_P(StoreConformanceTest, SubmitRetryWithSameKeyReturnsTheFirstRow) {
  int64_t project = AddProject(AddUser("o").id).id;
  int64_t ann = AddUser("ann").id;
  int64_t task = AddTasks(project, 1)[0];
  SubmitResult first = Must(store().annotations().Submit(MakeAnnotation(project, task, ann, "k")));
  Annotation retry = MakeAnnotation(project, task, ann, "k");
  retry.result = R"({"label":"negative"})";  // A retry's payload never replaces the first.
  SubmitResult second = Must(store().annotations().Submit(retry));
  EXPECT_TRUE(second.replayed);
  EXPECT_EQ(second.annotation, first.annotation);
  EXPECT_EQ(Must(store().annotations().ListByTask(task)).size(), 1u);

  // Keys belong to an annotator: another annotator's "k" is a different submission.
  int64_t bob = AddUser("bob").id;
  SubmitResult bobs = Must(store().annotations().Submit(MakeAnnotation(project, task, bob, "k")));
  EXPECT_FALSE(bobs.replayed);
  EXPECT_NE(bobs.annotation.id, first.annotation.id);
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), 2);
}

// An annotator's own numbers for the annotate page: their submissions and skips in this
// project with the times recorded, not drafts, not others', not other projects'.
TEST_P(StoreConformanceTest, StatsCountOneAnnotatorsAnswersInOneProject) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner).id;
  const int64_t elsewhere = AddProject(owner).id;
  const std::vector<int64_t> tasks = AddTasks(project, 4);
  const int64_t other_task = AddTasks(elsewhere, 1)[0];
  const int64_t ann = AddUser("a").id;
  const int64_t bob = AddUser("b").id;
  EXPECT_EQ(Must(store().annotations().StatsFor(project, ann)).submitted, 0);
  for (int i = 0; i < 2; ++i) {
    domain::Annotation a = MakeAnnotation(project, tasks[i], ann, "s" + std::to_string(i));
    a.active_time_ms = 1000 * (i + 1);
    a.lead_time_ms = 1500 * (i + 1);
    Must(store().annotations().Submit(a));
  }
  domain::Annotation skip = MakeAnnotation(project, tasks[2], ann, "skip");
  skip.state = domain::AnnotationState::kSkipped;
  skip.active_time_ms = 500;
  Must(store().annotations().Submit(skip));
  domain::Annotation draft = MakeAnnotation(project, tasks[3], ann, "");
  draft.state = domain::AnnotationState::kDraft;
  draft.active_time_ms = 99999;
  Must(store().annotations().SaveDraft(draft));
  Must(store().annotations().Submit(MakeAnnotation(project, tasks[3], bob, "b")));
  Must(store().annotations().Submit(MakeAnnotation(elsewhere, other_task, ann, "e")));
  const AnnotatorStats stats = Must(store().annotations().StatsFor(project, ann));
  EXPECT_EQ(stats.submitted, 2);
  EXPECT_EQ(stats.skipped, 1);
  EXPECT_EQ(stats.active_time_ms, 3500);
  EXPECT_EQ(stats.lead_time_ms, 4500 + skip.lead_time_ms);
}

// Reviews are appended to submitted annotations only, carry their task and project, keep a
// fix's result, and come back in order; the annotation is not changed.
TEST_P(StoreConformanceTest, ReviewsAreAppendedToSubmittedAnnotations) {
  const int64_t project = AddProject(AddUser("o").id).id;
  const std::vector<int64_t> tasks = AddTasks(project, 2);
  const int64_t ann = AddUser("a").id;
  const int64_t reviewer = AddUser("r", domain::Role::kReviewer).id;
  const domain::Annotation label =
      Must(store().annotations().Submit(MakeAnnotation(project, tasks[0], ann, "k"))).annotation;
  domain::Review accept;
  accept.annotation_id = label.id;
  accept.reviewer_id = reviewer;
  accept.created_at = 7;
  const domain::Review stored = Must(store().annotations().AddReview(accept));
  EXPECT_GT(stored.id, 0);
  EXPECT_EQ(stored.task_id, tasks[0]);
  EXPECT_EQ(stored.project_id, project);
  domain::Review fix = accept;
  fix.verdict = domain::ReviewVerdict::kFixed;
  fix.result = R"({"label":{"choices":["neg"]}})";
  fix.comment = "it is sarcasm";
  const domain::Review fixed = Must(store().annotations().AddReview(fix));
  EXPECT_GT(fixed.id, stored.id);
  const std::vector<domain::Review> listed = Must(store().annotations().ListReviews(tasks[0]));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0], stored);
  EXPECT_EQ(listed[1], fixed);
  EXPECT_TRUE(Must(store().annotations().ListReviews(tasks[1])).empty());
  EXPECT_EQ(Must(store().annotations().Get(label.id)), label);  // Untouched.

  domain::Annotation skip = MakeAnnotation(project, tasks[1], ann, "s");
  skip.state = domain::AnnotationState::kSkipped;
  accept.annotation_id = Must(store().annotations().Submit(skip)).annotation.id;
  EXPECT_EQ(store().annotations().AddReview(accept).status().code(), StatusCode::kConflict);
  accept.annotation_id = label.id + 1000;
  EXPECT_EQ(store().annotations().AddReview(accept).status().code(), StatusCode::kNotFound);
  domain::Review reject = accept;
  reject.annotation_id = label.id;
  reject.verdict = domain::ReviewVerdict::kRejected;
  EXPECT_EQ(store().annotations().AddReview(reject).status().field(), "comment");
}

TEST_P(StoreConformanceTest, SecondAnnotationOfTheSameTaskIsConflict) {
  int64_t project = AddProject(AddUser("o").id).id;
  int64_t ann = AddUser("ann").id;
  int64_t task = AddTasks(project, 1)[0];
  Must(store().annotations().Submit(MakeAnnotation(project, task, ann, "k1")));
  UpdateResult<SubmitResult> again =
      store().annotations().Submit(MakeAnnotation(project, task, ann, "k2"));
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
  EXPECT_EQ(again.current_version(), 1);
  // Also without keys.
  int64_t bob = AddUser("bob").id;
  Must(store().annotations().Submit(MakeAnnotation(project, task, bob, "")));
  EXPECT_EQ(store().annotations().Submit(MakeAnnotation(project, task, bob, "")).status().code(),
            StatusCode::kConflict);
}

TEST_P(StoreConformanceTest, SubmitChecksTaskProjectAndAnnotator) {
  int64_t owner = AddUser("o").id;
  int64_t ann = AddUser("ann").id;
  int64_t p1 = AddProject(owner).id;
  int64_t p2 = AddProject(owner).id;
  int64_t task = AddTasks(p1, 1)[0];
  auto wrong_project = store().annotations().Submit(MakeAnnotation(p2, task, ann, "k"));
  EXPECT_EQ(wrong_project.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(wrong_project.status().field(), "project_id");
  EXPECT_EQ(store().annotations().Submit(MakeAnnotation(p1, task + 9, ann, "k")).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().annotations().Submit(MakeAnnotation(p1, task, 777, "k")).status().code(),
            StatusCode::kNotFound);
  Annotation bad = MakeAnnotation(p1, task, ann, "k");
  bad.result = "[unterminated";
  EXPECT_EQ(store().annotations().Submit(bad).status().field(), "result");
  EXPECT_EQ(Must(store().annotations().ListByTask(task)).size(), 0u);
}

TEST_P(StoreConformanceTest, UpdateNeedsVersionAndOwnership) {
  int64_t project = AddProject(AddUser("o").id).id;
  int64_t ann = AddUser("ann").id;
  int64_t reviewer = AddUser("rev", domain::Role::kReviewer).id;
  int64_t task = AddTasks(project, 1)[0];
  Annotation draft = MakeAnnotation(project, task, ann, "k");
  draft.state = AnnotationState::kDraft;
  Annotation stored = Must(store().annotations().Submit(draft)).annotation;
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), 0);

  Annotation change = stored;
  change.state = AnnotationState::kSubmitted;
  change.result = R"({"label":"neutral"})";
  change.updated_at = stored.updated_at + 1000;
  Annotation updated = Must(store().annotations().Update(change, ann));
  EXPECT_EQ(updated.version, 2);
  EXPECT_EQ(updated.result, R"({"label":"neutral"})");
  EXPECT_EQ(updated.created_at, stored.created_at);
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), 1);

  UpdateResult<Annotation> stale = store().annotations().Update(change, ann);  // Names v1.
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(stale.current_version(), 2);

  Annotation theirs = updated;
  theirs.result = R"({"label":"negative"})";
  UpdateResult<Annotation> overwrite = store().annotations().Update(theirs, reviewer);
  EXPECT_EQ(overwrite.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(Must(store().annotations().Get(stored.id)), updated);

  theirs.id = stored.id + 50;
  EXPECT_EQ(store().annotations().Update(theirs, ann).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, SubmitCapRefusesLabelsBeyondOverlap) {
  int64_t project = AddProject(AddUser("o").id, 1).id;
  int64_t task = AddTasks(project, 1)[0];
  SubmitOptions cap{1};
  Must(store().annotations().Submit(MakeAnnotation(project, task, AddUser("a").id, "k"), cap));
  int64_t late = AddUser("b").id;
  auto refused = store().annotations().Submit(MakeAnnotation(project, task, late, "k"), cap);
  EXPECT_EQ(refused.status().code(), StatusCode::kConflict);
  Annotation draft = MakeAnnotation(project, task, late, "k");
  draft.state = AnnotationState::kDraft;  // Their work is kept as a draft.
  EXPECT_TRUE(store().annotations().Submit(draft, cap).ok());
  EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), 1);
}

TEST_P(StoreConformanceTest, ConcurrentRetriesMakeOneRowPerKey) {
  int64_t project = AddProject(AddUser("o").id).id;
  int64_t ann = AddUser("ann").id;
  constexpr int kTasks = 40;
  constexpr int kThreads = 8;
  std::vector<int64_t> tasks = AddTasks(project, kTasks);
  // Every thread submits every task with that task's key, as a client retrying would.
  std::vector<std::vector<int64_t>> ids(kThreads, std::vector<int64_t>(kTasks));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kTasks; ++i) {
        int j = (i + t * 5) % kTasks;  // Different orders so threads collide at random.
        auto r = store().annotations().Submit(
            MakeAnnotation(project, tasks[j], ann, "key-" + std::to_string(j)));
        if (!r.ok()) {
          ++failures;
          continue;
        }
        ids[t][j] = r->annotation.id;
      }
    });
  }
  for (std::thread& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  std::set<int64_t> distinct;
  for (int i = 0; i < kTasks; ++i) {
    for (int t = 1; t < kThreads; ++t) EXPECT_EQ(ids[t][i], ids[0][i]) << "key " << i;
    distinct.insert(ids[0][i]);
    EXPECT_EQ(Must(store().annotations().ListByTask(tasks[i])).size(), 1u);
  }
  EXPECT_EQ(distinct.size(), static_cast<size_t>(kTasks));
}

// Catalogue entry 10: many annotators submit the same task at the same instant without
// reservations; with a cap of `cap` labels exactly that many are accepted, the rest kConflict.
TEST_P(StoreConformanceTest, SimultaneousSubmittersNeverPassTheCap) {
  constexpr int kSubmitters = 24;
  for (int64_t cap : {1, 3}) {
    SCOPED_TRACE("cap " + std::to_string(cap));
    int64_t project = AddProject(AddUser("o" + std::to_string(cap)).id, cap).id;
    int64_t task = AddTasks(project, 1)[0];
    std::vector<int64_t> annotators;
    for (int i = 0; i < kSubmitters; ++i) {
      annotators.push_back(AddUser("s" + std::to_string(cap) + "_" + std::to_string(i)).id);
    }
    const SubmitRace race = SubmitAllAtOnce(project, task, annotators, cap);
    EXPECT_EQ(race.accepted, cap);
    EXPECT_EQ(race.refused, kSubmitters - cap);
    EXPECT_EQ(race.other, 0);
    EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), cap);
  }
}

}  // namespace
}  // namespace chorus::store::conformance

namespace chorus::store::conformance {
namespace {

// Agreement monitoring reads every submitted label of a project, in pages: not drafts, not
// skips, not another project's, each exactly once across page boundaries.
TEST_P(StoreConformanceTest, ListSubmittedInProjectPagesEverySubmittedLabelOnce) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner).id;
  const int64_t elsewhere = AddProject(owner).id;
  const std::vector<int64_t> tasks = AddTasks(project, 3);
  const int64_t other_task = AddTasks(elsewhere, 1)[0];
  const int64_t a = AddUser("a").id;
  const int64_t b = AddUser("b").id;
  std::set<int64_t> expected;
  for (int i = 0; i < 3; ++i) {
    Annotation x = MakeAnnotation(project, tasks[i], a, "a" + std::to_string(i));
    x.guideline_version = i;
    expected.insert(Must(store().annotations().Submit(x)).annotation.id);
  }
  expected.insert(
      Must(store().annotations().Submit(MakeAnnotation(project, tasks[0], b, "b0"))).annotation.id);
  Annotation skip = MakeAnnotation(project, tasks[1], b, "b1");
  skip.state = AnnotationState::kSkipped;
  Must(store().annotations().Submit(skip));
  Annotation draft = MakeAnnotation(project, tasks[2], b, "");
  draft.state = AnnotationState::kDraft;
  Must(store().annotations().SaveDraft(draft));
  Must(store().annotations().Submit(MakeAnnotation(elsewhere, other_task, a, "x")));

  std::vector<Annotation> seen;
  PageRequest page{.after_id = 0, .limit = 3};
  for (int guard = 0; guard < 10; ++guard) {
    Page<Annotation> got = Must(store().annotations().ListSubmittedInProject(project, page));
    EXPECT_LE(got.items.size(), 3u);
    seen.insert(seen.end(), got.items.begin(), got.items.end());
    if (got.next_after_id == 0) break;
    page.after_id = got.next_after_id;
  }
  std::set<int64_t> ids;
  for (size_t i = 0; i < seen.size(); ++i) {
    ids.insert(seen[i].id);
    EXPECT_EQ(seen[i].project_id, project);
    EXPECT_EQ(seen[i].state, AnnotationState::kSubmitted);
    if (i > 0) {
      EXPECT_LT(seen[i - 1].id, seen[i].id);
    }
  }
  EXPECT_EQ(seen.size(), 4u);
  EXPECT_EQ(ids, expected);
  EXPECT_EQ(seen[0].guideline_version, 0);
  EXPECT_EQ(seen[2].guideline_version, 2);
  EXPECT_TRUE(Must(store().annotations().ListSubmittedInProject(project + 1000, {})).items.empty());
}

}  // namespace
}  // namespace chorus::store::conformance
