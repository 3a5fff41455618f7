// Conformance: machine labels (store/machine_label_store.h, issue 7 items 3, 7 and 8). Labels
// are appended whole or not at all; an auto label takes its task out of people's queue while a
// rule label does not; gold is never closed; the open tasks and model versions read back; the
// labelling-function document is stored, replaced and removed.
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::AnnotationSource;
using domain::MachineLabel;

MachineLabel LabelOf(int64_t task, AnnotationSource source, const std::string& origin,
                     std::optional<double> score) {
  MachineLabel m;
  m.task_id = task;
  m.source = source;
  m.origin = origin;
  m.result = R"({"sentiment":"pos"})";
  m.score = score;
  if (source == AnnotationSource::kModel) m.threshold = 0.5;
  m.created_at = 1000;
  return m;
}

TEST_P(StoreConformanceTest, AutoLabelsCloseTheirTasksAndRuleLabelsDoNot) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 1).id;
  const std::vector<int64_t> tasks = AddTasks(project, 3);
  ASSERT_TRUE(store()
                  .machine_labels()
                  .Append(project, {LabelOf(tasks[0], AnnotationSource::kModel, "m1", 0.9)},
                          /*close_tasks=*/true)
                  .ok());
  ASSERT_TRUE(store()
                  .machine_labels()
                  .Append(project, {LabelOf(tasks[1], AnnotationSource::kRule, "lfs", 0.75)},
                          /*close_tasks=*/false)
                  .ok());
  EXPECT_EQ(Must(store().machine_labels().OpenTasks(project)),
            (std::vector<int64_t>{tasks[1], tasks[2]}));
  // The auto-labelled task is never handed out; the others are.
  std::vector<int64_t> handed;
  for (int i = 0; i < 3; ++i) {
    auto r = Must(store().tasks().ReserveNextTask(Ask(project, AddUser("a" + std::to_string(i)).id, 1)));
    if (r) handed.push_back(r->task.id);
  }
  EXPECT_EQ(handed, (std::vector<int64_t>{tasks[1], tasks[2]}));
  const std::vector<MachineLabel> listed =
      Must(store().machine_labels().ListForTasks(project, tasks[0], tasks[2]));
  ASSERT_EQ(listed.size(), 2u);
  EXPECT_EQ(listed[0].task_id, tasks[0]);
  EXPECT_EQ(listed[0].source, AnnotationSource::kModel);
  EXPECT_EQ(listed[0].origin, "m1");
  EXPECT_EQ(listed[0].score, 0.9);
  EXPECT_EQ(listed[0].threshold, 0.5);
  EXPECT_EQ(listed[0].project_id, project);
  EXPECT_EQ(listed[1].source, AnnotationSource::kRule);
  EXPECT_FALSE(listed[1].threshold.has_value());
  EXPECT_TRUE(Must(store().machine_labels().ListForTasks(project, tasks[2], tasks[2])).empty());
  // An auto-labelled task is auto-labelled once: a second apply is a conflict, stores nothing.
  const Status again = store().machine_labels().Append(
      project, {LabelOf(tasks[2], AnnotationSource::kModel, "m2", 0.9),
                LabelOf(tasks[0], AnnotationSource::kModel, "m2", 0.9)},
      true);
  EXPECT_EQ(again.code(), StatusCode::kConflict);
  EXPECT_EQ(again.field(), "task_id");
  EXPECT_EQ(Must(store().machine_labels().OpenTasks(project)),
            (std::vector<int64_t>{tasks[1], tasks[2]}));
  // Paged in id order, by source when asked.
  const Page<MachineLabel> first = Must(store().machine_labels().List(project, std::nullopt, {0, 1}));
  ASSERT_EQ(first.items.size(), 1u);
  EXPECT_EQ(first.items[0], listed[0]);
  const Page<MachineLabel> second =
      Must(store().machine_labels().List(project, std::nullopt, {first.next_after_id, 1}));
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0], listed[1]);
  EXPECT_EQ(second.next_after_id, 0);
  const Page<MachineLabel> rules =
      Must(store().machine_labels().List(project, AnnotationSource::kRule, {0, 10}));
  ASSERT_EQ(rules.items.size(), 1u);
  EXPECT_EQ(rules.items[0].source, AnnotationSource::kRule);
  Reopen();
  EXPECT_EQ(Must(store().machine_labels().ListForTasks(project, 0, tasks[2])), listed);
}

TEST_P(StoreConformanceTest, MachineLabelAppendIsAllOrNothingAndNeverClosesGold) {
  const int64_t owner = AddUser("o").id;
  const int64_t p = AddProject(owner).id, q = AddProject(owner).id;
  const int64_t mine = AddTasks(p, 1)[0];
  const int64_t theirs = AddTasks(q, 1)[0];
  const Status refused = store().machine_labels().Append(
      p, {LabelOf(mine, AnnotationSource::kModel, "m", 0.9),
          LabelOf(theirs, AnnotationSource::kModel, "m", 0.9)},
      true);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.field(), "task_id");
  EXPECT_TRUE(Must(store().machine_labels().ListForTasks(p, 0, mine)).empty());
  EXPECT_EQ(Must(store().machine_labels().OpenTasks(p)), (std::vector<int64_t>{mine}));
  EXPECT_EQ(store().machine_labels().Append(p, {LabelOf(mine, AnnotationSource::kModel, "", 1)},
                                            true).field(),
            "origin");
  MachineLabel human = LabelOf(mine, AnnotationSource::kHuman, "m", 1);
  EXPECT_EQ(store().machine_labels().Append(p, {human}, false).field(), "source");
  // A gold task may carry a rule label but is never auto-labelled.
  domain::GoldItem gold;
  gold.task_id = mine;
  gold.reference = R"({"sentiment":"pos"})";
  gold.created_by = owner;
  gold.created_at = gold.updated_at = 1;
  ASSERT_TRUE(store().gold().Put(gold).ok());
  EXPECT_EQ(store().machine_labels().Append(p, {LabelOf(mine, AnnotationSource::kModel, "m", 1)},
                                            true).field(),
            "task_id");
  EXPECT_TRUE(
      store().machine_labels().Append(p, {LabelOf(mine, AnnotationSource::kRule, "r", 1)}, false)
          .ok());
  EXPECT_TRUE(Must(store().machine_labels().OpenTasks(p)).empty());  // Gold is never open.
}

TEST_P(StoreConformanceTest, LabellingFunctionDocumentIsStoredReplacedAndRemoved) {
  const int64_t project = AddProject(AddUser("o").id).id;
  EXPECT_EQ(Must(store().machine_labels().Functions(project)).document, "");
  ASSERT_TRUE(store().machine_labels().PutFunctions(project, R"({"functions":[]})", 10).ok());
  ASSERT_TRUE(store().machine_labels().PutFunctions(project, R"({"functions":[1]})", 20).ok());
  FunctionDocument got = Must(store().machine_labels().Functions(project));
  EXPECT_EQ(got.document, R"({"functions":[1]})");
  EXPECT_EQ(got.updated_at, 20);
  ASSERT_TRUE(store().machine_labels().PutFunctions(project, "", 30).ok());
  EXPECT_EQ(Must(store().machine_labels().Functions(project)).document, "");
  EXPECT_EQ(store().machine_labels().Functions(project + 99).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().machine_labels().PutFunctions(project + 99, "{}", 1).code(),
            StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, PredictedModelVersionsAreListedByName) {
  const int64_t project = AddProject(AddUser("o").id).id;
  const std::vector<int64_t> tasks = AddTasks(project, 2);
  domain::Prediction a;
  a.task_id = tasks[0];
  a.model_version = "m2";
  a.result = R"({"sentiment":"pos"})";
  a.created_at = 1;
  domain::Prediction b = a;
  b.model_version = "m1";
  domain::Prediction c = a;
  c.task_id = tasks[1];
  ASSERT_TRUE(store().predictions().Upsert(project, {a, b, c}).ok());
  EXPECT_EQ(Must(store().machine_labels().PredictedModelVersions(project)),
            (std::vector<std::string>{"m1", "m2"}));
}

}  // namespace
}  // namespace chorus::store::conformance
