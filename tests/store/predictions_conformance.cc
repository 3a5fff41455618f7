// Conformance: model predictions (store/prediction_store.h) and the draft provenance of labels
// (issue 7 items 1, 2 and 8). A re-import of the same task and model replaces the prediction
// (latest wins), other models' predictions stay; a prediction for another project's task is
// refused and nothing of the import is stored; the score is optional; the latest model version
// is the most recently imported one; an annotation's draft provenance reads back as written.
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::Prediction;

Prediction PredictionOf(int64_t task, const std::string& model, const std::string& label,
                        std::optional<double> score, int64_t at) {
  Prediction p;
  p.task_id = task;
  p.model_version = model;
  p.result = R"({"sentiment":")" + label + R"("})";
  p.score = score;
  p.created_at = at;
  return p;
}

TEST_P(StoreConformanceTest, PredictionsAreOnePerTaskAndModelAndTheLatestWins) {
  const int64_t project = AddProject(AddUser("o").id).id;
  const std::vector<int64_t> tasks = AddTasks(project, 2);
  ASSERT_TRUE(store()
                  .predictions()
                  .Upsert(project, {PredictionOf(tasks[0], "m1", "pos", 0.25, 1000),
                                    PredictionOf(tasks[0], "m2", "neg", std::nullopt, 2000),
                                    PredictionOf(tasks[1], "m1", "neg", 0.5, 1000)})
                  .ok());
  EXPECT_EQ(Must(store().predictions().LatestModelVersion(project)), "m2");
  // m1 again, later, with another answer: it replaces m1's prediction only.
  ASSERT_TRUE(store()
                  .predictions()
                  .Upsert(project, {PredictionOf(tasks[0], "m1", "neg", 0.875, 3000)})
                  .ok());
  const std::vector<Prediction> listed = Must(store().predictions().ListForTask(tasks[0]));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].model_version, "m1");  // Newest first.
  EXPECT_EQ(listed[0].result, R"({"sentiment":"neg"})");
  EXPECT_EQ(listed[0].score, 0.875);
  EXPECT_EQ(listed[0].project_id, project);
  EXPECT_EQ(listed[0].created_at, 3000);
  EXPECT_EQ(listed[1].model_version, "m2");
  EXPECT_FALSE(listed[1].score.has_value());
  EXPECT_EQ(Must(store().predictions().LatestModelVersion(project)), "m1");
  EXPECT_EQ(Must(store().predictions().Find(tasks[0], "m2")), listed[1]);
  EXPECT_FALSE(Must(store().predictions().Find(tasks[1], "m2")).has_value());
  const std::vector<Prediction> m1 = Must(store().predictions().ListForModel(project, "m1"));
  ASSERT_EQ(m1.size(), 2u);
  EXPECT_EQ(m1[0].task_id, tasks[0]);
  EXPECT_EQ(m1[1].task_id, tasks[1]);
  Reopen();
  EXPECT_EQ(Must(store().predictions().ListForTask(tasks[0])), listed);
}

TEST_P(StoreConformanceTest, PredictionImportIsAllOrNothing) {
  const int64_t owner = AddUser("o").id;
  const int64_t p = AddProject(owner).id, q = AddProject(owner).id;
  const int64_t mine = AddTasks(p, 1)[0];
  const int64_t theirs = AddTasks(q, 1)[0];
  const Status refused = store().predictions().Upsert(
      p, {PredictionOf(mine, "m", "pos", 0.5, 1), PredictionOf(theirs, "m", "pos", 0.5, 1)});
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.field(), "task_id");
  EXPECT_TRUE(Must(store().predictions().ListForTask(mine)).empty());
  EXPECT_FALSE(Must(store().predictions().LatestModelVersion(p)).has_value());
  Prediction bad = PredictionOf(mine, "", "pos", 0.5, 1);
  EXPECT_EQ(store().predictions().Upsert(p, {bad}).field(), "model_version");
}

TEST_P(StoreConformanceTest, DraftProvenanceOfALabelIsStored) {
  const int64_t project = AddProject(AddUser("o").id).id;
  const std::vector<int64_t> tasks = AddTasks(project, 2);
  const int64_t ann = AddUser("ann").id;
  domain::Annotation drafted = MakeAnnotation(project, tasks[0], ann, "k1");
  drafted.draft_shown = true;
  drafted.draft_model_version = "m1";
  drafted.draft_accepted = true;
  const domain::Annotation a = Must(store().annotations().Submit(drafted)).annotation;
  domain::Annotation blind = MakeAnnotation(project, tasks[1], ann, "k2");
  blind.draft_model_version = "m1";
  blind.blind = true;
  const domain::Annotation b = Must(store().annotations().Submit(blind)).annotation;
  Reopen();
  const domain::Annotation a2 = Must(store().annotations().Get(a.id));
  EXPECT_TRUE(a2.draft_shown);
  EXPECT_EQ(a2.draft_model_version, "m1");
  EXPECT_TRUE(a2.draft_accepted);
  EXPECT_FALSE(a2.blind);
  const domain::Annotation b2 = Must(store().annotations().Get(b.id));
  EXPECT_FALSE(b2.draft_shown);
  EXPECT_EQ(b2.draft_model_version, "m1");
  EXPECT_TRUE(b2.blind);
  EXPECT_FALSE(b2.draft_accepted);
  // An update by the annotator rewrites the provenance it is given.
  domain::Annotation changed = a2;
  changed.result = R"({"label":"other"})";
  changed.draft_accepted = false;
  const domain::Annotation updated = Must(store().annotations().Update(changed, ann));
  EXPECT_FALSE(Must(store().annotations().Get(a.id)).draft_accepted);
  EXPECT_EQ(updated.draft_model_version, "m1");
}

// The blind draws' key is made once per project: later candidates get the first one back.
TEST_P(StoreConformanceTest, DraftKeyIsKeptFromTheFirstUse) {
  const int64_t owner = AddUser("o").id;
  const int64_t p = AddProject(owner).id, q = AddProject(owner).id;
  EXPECT_EQ(Must(store().predictions().DraftKey(p, "first-secret-0123456789")),
            "first-secret-0123456789");
  EXPECT_EQ(Must(store().predictions().DraftKey(p, "second-secret-0123456789")),
            "first-secret-0123456789");
  EXPECT_EQ(Must(store().predictions().DraftKey(q, "other-secret-0123456789")),
            "other-secret-0123456789");
  EXPECT_EQ(store().predictions().DraftKey(q + 99, "x").status().code(), StatusCode::kNotFound);
  Reopen();
  EXPECT_EQ(Must(store().predictions().DraftKey(p, "third")), "first-secret-0123456789");
}

}  // namespace
}  // namespace chorus::store::conformance
