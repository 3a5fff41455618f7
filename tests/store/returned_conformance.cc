// Conformance: rejected work returns to its annotator (migration 0016). A rejection returns the
// annotation, a later rejection names the newer review, an accepted or fixed review or the
// annotator's own update ends the return, and each annotator sees only their own work, oldest
// annotation first, per project.
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::Annotation;
using domain::AnnotationState;
using domain::Review;
using domain::ReviewVerdict;

Review MakeReview(int64_t annotation_id, int64_t reviewer_id, ReviewVerdict verdict,
                  int64_t created_at) {
  Review r;
  r.annotation_id = annotation_id;
  r.reviewer_id = reviewer_id;
  r.verdict = verdict;
  r.created_at = created_at;
  if (verdict == ReviewVerdict::kRejected)
    r.comment = "look again at " + std::to_string(created_at);
  if (verdict == ReviewVerdict::kFixed) r.result = R"({"label":{"choices":["neg"]}})";
  return r;
}

TEST_P(StoreConformanceTest, RejectionReturnsWorkToItsAnnotatorOnly) {
  const int64_t project = AddProject(AddUser("o").id).id;
  const std::vector<int64_t> tasks = AddTasks(project, 3);
  const int64_t ann = AddUser("a").id;
  const int64_t other = AddUser("b").id;
  const int64_t reviewer = AddUser("r", domain::Role::kReviewer).id;
  AnnotationStore& annotations = store().annotations();
  EXPECT_FALSE(Must(annotations.FirstReturned(project, ann)).has_value());

  const Annotation first =
      Must(annotations.Submit(MakeAnnotation(project, tasks[0], ann, "k0"))).annotation;
  const Annotation second =
      Must(annotations.Submit(MakeAnnotation(project, tasks[1], ann, "k1"))).annotation;
  const Annotation others =
      Must(annotations.Submit(MakeAnnotation(project, tasks[0], other, "k2"))).annotation;
  // Accepting returns nothing.
  Must(annotations.AddReview(MakeReview(first.id, reviewer, ReviewVerdict::kAccepted, 5)));
  EXPECT_FALSE(Must(annotations.FirstReturned(project, ann)).has_value());

  const Review rejected =
      Must(annotations.AddReview(MakeReview(second.id, reviewer, ReviewVerdict::kRejected, 10)));
  std::optional<ReturnedWork> back = Must(annotations.FirstReturned(project, ann));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->annotation, second);
  EXPECT_EQ(back->review, rejected);
  // Nobody else's work, and no other project's.
  EXPECT_FALSE(Must(annotations.FirstReturned(project, other)).has_value());
  EXPECT_FALSE(Must(annotations.FirstReturned(project + 100, ann)).has_value());

  // `first` has the smaller annotation id: once returned it comes first though rejected later.
  Must(annotations.AddReview(MakeReview(first.id, reviewer, ReviewVerdict::kRejected, 20)));
  back = Must(annotations.FirstReturned(project, ann));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->annotation.id, first.id);
  EXPECT_EQ(back->review.comment, "look again at 20");
  // A second rejection of the same label names the newer review, still one return.
  const Review again =
      Must(annotations.AddReview(MakeReview(first.id, reviewer, ReviewVerdict::kRejected, 30)));
  back = Must(annotations.FirstReturned(project, ann));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->review, again);

  // A fix ends the return of `first`; `second` is next.
  Must(annotations.AddReview(MakeReview(first.id, reviewer, ReviewVerdict::kFixed, 40)));
  back = Must(annotations.FirstReturned(project, ann));
  ASSERT_TRUE(back.has_value());
  EXPECT_EQ(back->annotation.id, second.id);

  // Someone else rejected: their return is theirs alone.
  Must(annotations.AddReview(MakeReview(others.id, reviewer, ReviewVerdict::kRejected, 50)));
  EXPECT_EQ(Must(annotations.FirstReturned(project, other))->annotation.id, others.id);
  EXPECT_EQ(Must(annotations.FirstReturned(project, ann))->annotation.id, second.id);
  // ... and another person cannot clear it by updating it.
  Annotation meddle = others;
  meddle.result = R"({"label":{"choices":["neg"]}})";
  EXPECT_EQ(annotations.Update(meddle, ann).status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(Must(annotations.FirstReturned(project, other)).has_value());

  // The annotator correcting their label ends its return.
  Annotation corrected = second;
  corrected.result = R"({"label":{"choices":["neg"]}})";
  corrected.updated_at = 60;
  const Annotation updated = Must(annotations.Update(corrected, ann));
  EXPECT_EQ(updated.version, second.version + 1);
  EXPECT_FALSE(Must(annotations.FirstReturned(project, ann)).has_value());
}

TEST_P(StoreConformanceTest, SkippingReturnedWorkEndsItsReturnAndAcceptanceDoesToo) {
  const int64_t project = AddProject(AddUser("o").id).id;
  const std::vector<int64_t> tasks = AddTasks(project, 2);
  const int64_t ann = AddUser("a").id;
  const int64_t reviewer = AddUser("r", domain::Role::kReviewer).id;
  AnnotationStore& annotations = store().annotations();
  const Annotation a =
      Must(annotations.Submit(MakeAnnotation(project, tasks[0], ann, "k0"))).annotation;
  const Annotation b =
      Must(annotations.Submit(MakeAnnotation(project, tasks[1], ann, "k1"))).annotation;
  Must(annotations.AddReview(MakeReview(a.id, reviewer, ReviewVerdict::kRejected, 1)));
  Must(annotations.AddReview(MakeReview(b.id, reviewer, ReviewVerdict::kRejected, 2)));

  // A stale update changes nothing, so the work stays returned.
  Annotation stale = a;
  stale.version = a.version + 5;
  EXPECT_EQ(annotations.Update(stale, ann).status().code(), StatusCode::kConflict);
  EXPECT_EQ(Must(annotations.FirstReturned(project, ann))->annotation.id, a.id);

  Annotation skip = a;
  skip.state = AnnotationState::kSkipped;
  skip.skip_reason = "unclear";
  Must(annotations.Update(skip, ann));
  EXPECT_EQ(Must(annotations.FirstReturned(project, ann))->annotation.id, b.id);

  Must(annotations.AddReview(MakeReview(b.id, reviewer, ReviewVerdict::kAccepted, 3)));
  EXPECT_FALSE(Must(annotations.FirstReturned(project, ann)).has_value());
}

}  // namespace
}  // namespace chorus::store::conformance
