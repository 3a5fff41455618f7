// Conformance: wellbeing storage (migration 0018). Tasks keep their sensitive flag (import and
// SetSensitive), projects keep their wellbeing policy, opt-outs are per project and idempotent,
// RecentWork reads one annotator's finished work from a time on in time order, the totals count
// sensitive work per annotator, and ReserveNextTask follows SensitiveRule on the ordinary and
// gold paths (but not for calibration).
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

domain::GoldItem WellbeingGold(int64_t task_id, int64_t by) {
  domain::GoldItem g;
  g.task_id = task_id;
  g.reference = R"({"c":1})";
  g.rationale = "because";
  g.created_by = by;
  g.created_at = g.updated_at = 1000;
  return g;
}

// A finished annotation of `task` by `annotator` at `at` (submitted, or skipped).
void Finish(Store& store, int64_t project, int64_t task, int64_t annotator, int64_t at,
            bool skipped = false) {
  domain::Annotation a;
  a.project_id = project;
  a.task_id = task;
  a.annotator_id = annotator;
  a.result = skipped ? "{}" : R"({"label":"positive"})";
  a.state = skipped ? domain::AnnotationState::kSkipped : domain::AnnotationState::kSubmitted;
  a.idempotency_key = "w" + std::to_string(task) + "-" + std::to_string(annotator);
  a.created_at = a.updated_at = at;
  Must(store.annotations().Submit(a));
}

TEST_P(StoreConformanceTest, TasksKeepTheirSensitiveFlag) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner).id;
  domain::Task marked;
  marked.data = R"({"text":"graphic"})";
  marked.sensitive = true;
  domain::Task plain;
  plain.data = R"({"text":"calm"})";
  const InsertTasksReport report = Must(store().tasks().InsertBatch(project, {marked, plain}));
  ASSERT_EQ(report.task_ids.size(), 2u);
  EXPECT_TRUE(Must(store().tasks().Get(report.task_ids[0])).sensitive);
  EXPECT_FALSE(Must(store().tasks().Get(report.task_ids[1])).sensitive);

  ASSERT_TRUE(store().tasks().SetSensitive(report.task_ids[1], true).ok());
  ASSERT_TRUE(store().tasks().SetSensitive(report.task_ids[0], false).ok());
  Reopen();
  EXPECT_FALSE(Must(store().tasks().Get(report.task_ids[0])).sensitive);
  EXPECT_TRUE(Must(store().tasks().Get(report.task_ids[1])).sensitive);
  const auto listed = Must(store().tasks().List(project, {}));
  ASSERT_EQ(listed.items.size(), 2u);
  EXPECT_TRUE(listed.items[1].sensitive);
  TaskBrowseRequest browse;
  browse.project_id = project;
  const auto browsed = Must(store().tasks().Browse(browse));
  ASSERT_EQ(browsed.items.size(), 2u);
  EXPECT_TRUE(browsed.items[1].task.sensitive);
  EXPECT_EQ(store().tasks().SetSensitive(999999, true).code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, ProjectsKeepTheirWellbeingPolicy) {
  domain::Project project = AddProject(AddUser("o").id);
  EXPECT_EQ(Must(store().projects().Get(project.id)).wellbeing, domain::WellbeingPolicy{});
  project.wellbeing.enabled = true;
  project.wellbeing.daily_cap = 7;
  project.wellbeing.break_minutes = 3;
  project.wellbeing.opt_out_allowed = false;
  const domain::Project updated = Must(store().projects().Update(project));
  EXPECT_EQ(updated.wellbeing, project.wellbeing);
  Reopen();
  EXPECT_EQ(Must(store().projects().Get(project.id)).wellbeing, project.wellbeing);
  domain::Project bad = updated;
  bad.wellbeing.session_cap = 0;
  EXPECT_EQ(store().projects().Update(bad).status().field(), "wellbeing.session_cap");
}

TEST_P(StoreConformanceTest, OptOutsArePerProjectAndIdempotent) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner).id, other = AddProject(owner).id;
  const int64_t a = AddUser("a").id, b = AddUser("b").id;
  EXPECT_FALSE(Must(store().tasks().OptedOut(project, a)));
  ASSERT_TRUE(store().tasks().SetOptOut(project, b, true, 10).ok());
  ASSERT_TRUE(store().tasks().SetOptOut(project, a, true, 11).ok());
  ASSERT_TRUE(store().tasks().SetOptOut(project, a, true, 12).ok());  // Again: no change.
  EXPECT_TRUE(Must(store().tasks().OptedOut(project, a)));
  EXPECT_FALSE(Must(store().tasks().OptedOut(other, a)));
  EXPECT_EQ(Must(store().tasks().OptOuts(project)), (std::vector<int64_t>{a, b}));
  ASSERT_TRUE(store().tasks().SetOptOut(project, a, false, 13).ok());
  ASSERT_TRUE(store().tasks().SetOptOut(project, a, false, 14).ok());  // Not opted out: fine.
  EXPECT_FALSE(Must(store().tasks().OptedOut(project, a)));
  EXPECT_EQ(Must(store().tasks().OptOuts(project)), (std::vector<int64_t>{b}));
  EXPECT_EQ(store().tasks().SetOptOut(999999, a, true, 1).code(), StatusCode::kNotFound);
  EXPECT_EQ(store().tasks().SetOptOut(project, 999999, true, 1).code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, RecentWorkAndTotalsCountFinishedSensitiveWork) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner).id, other = AddProject(owner).id;
  const std::vector<int64_t> tasks = AddTasks(project, 5);
  const int64_t elsewhere = AddTasks(other, 1)[0];
  ASSERT_TRUE(store().tasks().SetSensitive(tasks[0], true).ok());
  ASSERT_TRUE(store().tasks().SetSensitive(tasks[2], true).ok());
  ASSERT_TRUE(store().tasks().SetSensitive(tasks[3], true).ok());
  ASSERT_TRUE(store().tasks().SetSensitive(elsewhere, true).ok());
  const int64_t a = AddUser("a").id, b = AddUser("b").id;
  EXPECT_TRUE(Must(store().tasks().RecentWork(project, a, 0)).empty());
  EXPECT_TRUE(Must(store().tasks().ExposureTotals(project)).empty());

  Finish(store(), project, tasks[2], a, 3000);                    // Sensitive.
  Finish(store(), project, tasks[0], a, 1000);                    // Sensitive, earliest.
  Finish(store(), project, tasks[1], a, 2000);                    // Ordinary.
  Finish(store(), project, tasks[3], a, 4000, /*skipped=*/true);  // Sensitive, seen and skipped.
  Finish(store(), other, elsewhere, a, 2500);                     // Another project.
  Finish(store(), project, tasks[0], b, 5000);
  domain::Annotation draft;  // A draft is not exposure.
  draft.project_id = project;
  draft.task_id = tasks[4];
  draft.annotator_id = a;
  draft.result = "{}";
  draft.state = domain::AnnotationState::kDraft;
  draft.created_at = draft.updated_at = 4500;
  Must(store().annotations().SaveDraft(draft));

  EXPECT_EQ(Must(store().tasks().RecentWork(project, a, 0)),
            (std::vector<WorkMark>{{1000, true}, {2000, false}, {3000, true}, {4000, true}}));
  EXPECT_EQ(Must(store().tasks().RecentWork(project, a, 2000)),
            (std::vector<WorkMark>{{2000, false}, {3000, true}, {4000, true}}));
  EXPECT_EQ(Must(store().tasks().ExposureTotals(project)),
            (std::vector<ExposureTotal>{{a, 3, 4}, {b, 1, 1}}));
}

TEST_P(StoreConformanceTest, ReservationsFollowTheSensitiveRule) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 1).id;
  // Priorities put the sensitive task first.
  const std::vector<int64_t> tasks = AddTasks(project, 2, {5, 1});
  ASSERT_TRUE(store().tasks().SetSensitive(tasks[0], true).ok());
  const int64_t a = AddUser("a").id, b = AddUser("b").id, c = AddUser("c").id;

  ReserveRequest refuse = Ask(project, a, 1);
  refuse.sensitive = SensitiveRule::kRefuse;
  auto got = Must(store().tasks().ReserveNextTask(refuse));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->task.id, tasks[1]);

  // Rotation prefers the ordinary task, and takes the sensitive one when none is left.
  ReserveRequest first = Ask(project, b, 1);
  first.sensitive = SensitiveRule::kOrdinaryFirst;
  got = Must(store().tasks().ReserveNextTask(first));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->task.id, tasks[0]);  // tasks[1] is held by a (overlap 1).
  EXPECT_TRUE(got->task.sensitive);
  // Asking again under rotation returns the held task.
  got = Must(store().tasks().ReserveNextTask(first));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->task.id, tasks[0]);

  // Refusing gives b's held sensitive task back to the queue: c can take it.
  ReserveRequest b_refuse = Ask(project, b, 1);
  b_refuse.sensitive = SensitiveRule::kRefuse;
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(b_refuse)).has_value());
  EXPECT_FALSE(Must(store().tasks().HoldsReservation(tasks[0], b, kReserveNow)));
  ReserveRequest c_refuse = Ask(project, c, 1);
  c_refuse.sensitive = SensitiveRule::kRefuse;
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(c_refuse)).has_value());
  got = Must(store().tasks().ReserveNextTask(Ask(project, c, 1)));  // kAllow.
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->task.id, tasks[0]);
}

TEST_P(StoreConformanceTest, SensitiveGoldFollowsTheRuleExceptInCalibration) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 1).id;
  const std::vector<int64_t> tasks = AddTasks(project, 2);
  Must(store().gold().Put(WellbeingGold(tasks[0], owner)));
  ASSERT_TRUE(store().tasks().SetSensitive(tasks[0], true).ok());
  const int64_t a = AddUser("a").id, b = AddUser("b").id, c = AddUser("c").id;

  ReserveRequest gold = Ask(project, a, 1);
  gold.offer_gold = true;
  gold.gold_max_exposures = 5;
  gold.sensitive = SensitiveRule::kRefuse;
  auto got = Must(store().tasks().ReserveNextTask(gold));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->task.id, tasks[1]);  // The sensitive gold item is not offered.
  // Rotation does not keep it back: a sensitive task under rotation may be gold too.
  ReserveRequest rotation = Ask(project, c, 1);
  rotation.offer_gold = true;
  rotation.gold_max_exposures = 5;
  rotation.sensitive = SensitiveRule::kOrdinaryFirst;
  got = Must(store().tasks().ReserveNextTask(rotation));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->task.id, tasks[0]);

  ReserveRequest calibration = Ask(project, b, 1);
  calibration.calibration = true;
  calibration.sensitive = SensitiveRule::kRefuse;  // Ignored: qualification needs its items.
  got = Must(store().tasks().ReserveNextTask(calibration));
  ASSERT_TRUE(got.has_value());
  EXPECT_EQ(got->task.id, tasks[0]);
}

}  // namespace
}  // namespace chorus::store::conformance
