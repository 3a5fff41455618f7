// Conformance: the pay policy is kept with its project (migration 0017), and the per-annotator
// work of a project (AnnotationStore::WorkByAnnotator) counts labels by state and by their
// LATEST review, sums times over submitted and skipped annotations, leaves drafts, other
// projects and unreviewed labels out, in annotator id order.
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::Annotation;
using domain::AnnotationState;
using domain::Review;
using domain::ReviewVerdict;

Review Verdict(int64_t annotation_id, int64_t reviewer_id, ReviewVerdict verdict, int64_t at) {
  Review r;
  r.annotation_id = annotation_id;
  r.reviewer_id = reviewer_id;
  r.verdict = verdict;
  r.created_at = at;
  if (verdict == ReviewVerdict::kRejected) r.comment = "look again";
  if (verdict == ReviewVerdict::kFixed) r.result = R"({"label":"negative"})";
  return r;
}

TEST_P(StoreConformanceTest, ProjectsKeepTheirPayPolicy) {
  domain::Project project = AddProject(AddUser("o").id);
  EXPECT_EQ(Must(store().projects().Get(project.id)).pay, domain::PayPolicy{});
  project.pay.mode = domain::PayMode::kPerTask;
  project.pay.rates = {15, 40, 90};
  project.pay.floor_cents_per_hour = 1500;
  project.pay.budget_cents = 123456;
  project.pay.pay_skipped = true;
  const domain::Project updated = Must(store().projects().Update(project));
  EXPECT_EQ(updated.pay, project.pay);
  Reopen();
  EXPECT_EQ(Must(store().projects().Get(project.id)).pay, project.pay);
  // A negative budget is refused by the store's validation.
  domain::Project bad = updated;
  bad.pay.budget_cents = -1;
  EXPECT_EQ(store().projects().Update(bad).status().field(), "pay.budget_cents");
}

TEST_P(StoreConformanceTest, WorkByAnnotatorCountsLabelsByLatestReview) {
  const int64_t owner = AddUser("o").id;
  const int64_t reviewer = AddUser("r", domain::Role::kReviewer).id;
  const int64_t project = AddProject(owner).id;
  const int64_t elsewhere = AddProject(owner).id;
  const std::vector<int64_t> tasks = AddTasks(project, 5);
  const int64_t other_task = AddTasks(elsewhere, 1)[0];
  const int64_t a = AddUser("a").id, b = AddUser("b").id, idle = AddUser("idle").id;
  EXPECT_TRUE(Must(store().annotations().WorkByAnnotator(project)).empty());

  // a: 4 submitted (1000..4000 ms active, 2000..8000 ms lead) and 1 skipped (500, 700).
  std::vector<Annotation> as;
  for (int i = 0; i < 4; ++i) {
    Annotation x = MakeAnnotation(project, tasks[i], a, "a" + std::to_string(i));
    x.active_time_ms = 1000 * (i + 1);
    x.lead_time_ms = 2000 * (i + 1);
    as.push_back(Must(store().annotations().Submit(x)).annotation);
  }
  Annotation skip = MakeAnnotation(project, tasks[4], a, "askip");
  skip.state = AnnotationState::kSkipped;
  skip.result = "{}";
  skip.active_time_ms = 500;
  skip.lead_time_ms = 700;
  Must(store().annotations().Submit(skip));
  // Reviews: 0 accepted; 1 rejected then fixed (counts as accepted); 2 accepted then rejected
  // (counts as rejected); 3 unreviewed.
  auto& ann = store().annotations();
  Must(ann.AddReview(Verdict(as[0].id, reviewer, ReviewVerdict::kAccepted, 10)));
  Must(ann.AddReview(Verdict(as[1].id, reviewer, ReviewVerdict::kRejected, 11)));
  Must(ann.AddReview(Verdict(as[1].id, reviewer, ReviewVerdict::kFixed, 12)));
  Must(ann.AddReview(Verdict(as[2].id, reviewer, ReviewVerdict::kAccepted, 13)));
  Must(ann.AddReview(Verdict(as[2].id, reviewer, ReviewVerdict::kRejected, 14)));

  // b: 1 submitted, rejected; a draft and a label in another project do not count.
  Annotation bx = MakeAnnotation(project, tasks[0], b, "b0");
  bx.active_time_ms = 60'000;
  bx.lead_time_ms = 90'000;
  const Annotation b0 = Must(ann.Submit(bx)).annotation;
  Must(ann.AddReview(Verdict(b0.id, reviewer, ReviewVerdict::kRejected, 20)));
  Annotation draft = MakeAnnotation(project, tasks[1], b, "");
  draft.state = AnnotationState::kDraft;
  draft.active_time_ms = 99'999;
  Must(ann.SaveDraft(draft));
  Must(ann.Submit(MakeAnnotation(elsewhere, other_task, b, "elsewhere")));
  // idle only has a draft: not listed.
  Annotation idle_draft = MakeAnnotation(project, tasks[2], idle, "");
  idle_draft.state = AnnotationState::kDraft;
  Must(ann.SaveDraft(idle_draft));

  const std::vector<AnnotatorWork> work = Must(ann.WorkByAnnotator(project));
  ASSERT_EQ(work.size(), 2u);
  EXPECT_EQ(work[0], (AnnotatorWork{a, 4, 1, 2, 1, 10'500, 20'700}));
  EXPECT_EQ(work[1], (AnnotatorWork{b, 1, 0, 0, 1, 60'000, 90'000}));
  EXPECT_TRUE(Must(ann.WorkByAnnotator(project + 1000)).empty());
}

}  // namespace
}  // namespace chorus::store::conformance
