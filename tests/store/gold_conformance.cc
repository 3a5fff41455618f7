// Conformance: GoldStore (gold items with versions, answers, tallies) and how gold tasks go
// through ReserveNextTask: never as ordinary tasks; as controls only when offered, never twice
// in a row, and to at most gold_max_exposures annotators.
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::GoldItem;

GoldItem MakeGold(int64_t task_id, int64_t by, const std::string& reference = R"({"c":1})") {
  GoldItem g;
  g.task_id = task_id;
  g.reference = reference;
  g.rationale = "because";
  g.created_by = by;
  g.created_at = g.updated_at = 1000;
  return g;
}

ReserveRequest OfferGold(int64_t project, int64_t annotator, int64_t cap = 10,
                         int64_t now = kReserveNow) {
  ReserveRequest r = Ask(project, annotator, 1, now);
  r.offer_gold = true;
  r.gold_max_exposures = cap;
  return r;
}

TEST_P(StoreConformanceTest, ProjectsKeepTheirGoldPolicy) {
  domain::Project project = AddProject(AddUser("o").id);
  EXPECT_EQ(Must(store().projects().Get(project.id)).gold, domain::GoldPolicy{});
  project.gold.rate = 0.2;
  project.gold.pause_below = 0;
  project.gold.min_answers = 3;
  const domain::Project updated = Must(store().projects().Update(project));
  EXPECT_EQ(updated.gold, project.gold);
  Reopen();
  EXPECT_EQ(Must(store().projects().Get(project.id)).gold, project.gold);
}

TEST_P(StoreConformanceTest, GoldItemsAreVersionedAndRemovable) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner).id;
  const int64_t task = AddTasks(project, 1)[0];
  const GoldItem created = Must(store().gold().Put(MakeGold(task, owner)));
  EXPECT_EQ(created.version, 1);
  EXPECT_EQ(created.project_id, project);
  EXPECT_EQ(Must(store().gold().Get(task)), created);

  // Marking it again is a conflict naming the stored version; a stale change too.
  auto again = store().gold().Put(MakeGold(task, owner));
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
  EXPECT_EQ(again.current_version(), 1);
  GoldItem change = MakeGold(task, owner, R"({"c":2})");
  change.version = 1;
  change.updated_at = 2000;
  const GoldItem changed = Must(store().gold().Put(change));
  EXPECT_EQ(changed.version, 2);
  EXPECT_EQ(changed.reference, R"({"c":2})");
  EXPECT_EQ(changed.created_at, 1000);
  EXPECT_EQ(store().gold().Put(change).current_version(), 2);

  const auto page = Must(store().gold().List(project, {}));
  ASSERT_EQ(page.items.size(), 1u);
  EXPECT_EQ(page.items[0], changed);
  ASSERT_TRUE(store().gold().Remove(task).ok());
  EXPECT_EQ(store().gold().Get(task).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().gold().Remove(task).code(), StatusCode::kNotFound);
  EXPECT_EQ(store().gold().Put(MakeGold(999999, owner)).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().gold().Put(MakeGold(task, owner, "[1]")).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(StoreConformanceTest, GoldTasksLeaveTheOrdinaryQueue) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 1).id;
  const std::vector<int64_t> tasks = AddTasks(project, 2);
  Must(store().gold().Put(MakeGold(tasks[0], owner)));
  const int64_t a = AddUser("a").id, b = AddUser("b").id;
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, a, 1)))->task.id, tasks[1]);
  // Only ordinary work counts as "left": b finds nothing although the gold task is free.
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, b, 1))).has_value());
  // Unmarked, it is an ordinary task again.
  ASSERT_TRUE(store().gold().Remove(tasks[0]).ok());
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, b, 1)))->task.id, tasks[0]);
}

TEST_P(StoreConformanceTest, GoldIsOfferedNeverTwiceInARow) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 1).id;
  const std::vector<int64_t> tasks = AddTasks(project, 4);
  Must(store().gold().Put(MakeGold(tasks[0], owner)));
  Must(store().gold().Put(MakeGold(tasks[1], owner)));
  const int64_t a = AddUser("a").id;
  auto first = Must(store().tasks().ReserveNextTask(OfferGold(project, a)));
  ASSERT_TRUE(first);
  EXPECT_EQ(first->task.id, tasks[0]);
  Must(store().annotations().Submit(MakeAnnotation(project, tasks[0], a, "k0")));
  // Offered again straight after a gold task: an ordinary one instead.
  auto second = Must(store().tasks().ReserveNextTask(OfferGold(project, a)));
  EXPECT_EQ(second->task.id, tasks[2]);
  Must(store().annotations().Submit(MakeAnnotation(project, tasks[2], a, "k2")));
  auto third = Must(store().tasks().ReserveNextTask(OfferGold(project, a)));
  EXPECT_EQ(third->task.id, tasks[1]);
}

TEST_P(StoreConformanceTest, GoldSearchWrapsAroundFromTheDrawnItem) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 1).id;
  const std::vector<int64_t> tasks = AddTasks(project, 3);
  Must(store().gold().Put(MakeGold(tasks[0], owner)));
  Must(store().gold().Put(MakeGold(tasks[1], owner)));
  const int64_t a = AddUser("a").id;
  Must(store().annotations().Submit(MakeAnnotation(project, tasks[1], a, "k1")));
  // The draw starts the search at the second item, which a finished: it wraps to the first.
  ReserveRequest offer = OfferGold(project, a);
  offer.gold_draw = uint64_t(tasks[1] - tasks[0]);
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(offer))->task.id, tasks[0]);
}

TEST_P(StoreConformanceTest, GoldGoesToAtMostItsExposureCap) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 1).id;
  const std::vector<int64_t> tasks = AddTasks(project, 3);
  Must(store().gold().Put(MakeGold(tasks[0], owner)));
  const int64_t a = AddUser("a").id, b = AddUser("b").id, c = AddUser("c").id;
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(OfferGold(project, a, 2)))->task.id, tasks[0]);
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(OfferGold(project, b, 2)))->task.id, tasks[0]);
  // Two annotators hold it: the third is handed ordinary work.
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(OfferGold(project, c, 2)))->task.id, tasks[1]);
  EXPECT_EQ(store().tasks().ReserveNextTask(OfferGold(project, c, 0)).status().code(),
            StatusCode::kInvalidArgument);
}

TEST_P(StoreConformanceTest, GoldAnswersAndTallies) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 5).id;
  const std::vector<int64_t> tasks = AddTasks(project, 3);
  const int64_t a = AddUser("a").id, b = AddUser("b").id;
  EXPECT_EQ(Must(store().gold().Tally(project, a)), GoldAnswerTally{});
  Must(store().gold().Put(MakeGold(tasks[0], owner)));
  Must(store().gold().Put(MakeGold(tasks[1], owner)));
  Must(store().annotations().Submit(MakeAnnotation(project, tasks[0], a, "a0")));
  Must(store().annotations().Submit(MakeAnnotation(project, tasks[1], a, "a1")));
  Must(store().annotations().Submit(MakeAnnotation(project, tasks[2], a, "a2")));  // Ordinary.
  Must(store().annotations().Submit(MakeAnnotation(project, tasks[0], b, "b0")));

  const auto everyone = Must(store().gold().Answers(project, std::nullopt));
  ASSERT_EQ(everyone.size(), 3u);
  EXPECT_EQ(everyone[0].annotator_id, a);
  EXPECT_EQ(everyone[0].task_id, tasks[0]);
  EXPECT_EQ(everyone[0].reference, R"({"c":1})");
  EXPECT_EQ(everyone[2].annotator_id, b);
  EXPECT_EQ(Must(store().gold().Answers(project, b)).size(), 1u);

  const GoldAnswerTally tally = Must(store().gold().Tally(project, a));
  EXPECT_EQ(tally.answers, 2);
  EXPECT_EQ(tally.gold_items, 2);
  EXPECT_EQ(tally.gold_changed_at, 1000);
  EXPECT_GT(tally.last_answer_at, 0);
}

TEST_P(StoreConformanceTest, CalibrationHandsOutGoldOnlyBackToBackAndUncapped) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 1).id;
  const std::vector<int64_t> tasks = AddTasks(project, 4);
  Must(store().gold().Put(MakeGold(tasks[1], owner)));
  Must(store().gold().Put(MakeGold(tasks[2], owner)));
  const int64_t a = AddUser("a").id, b = AddUser("b").id;
  // b holds an ordinary task from before: during qualification it does not come back.
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, b, 1)))->task.id, tasks[0]);
  ReserveRequest calibrate = OfferGold(project, a, /*cap=*/1);
  calibrate.offer_gold = false;
  calibrate.calibration = true;
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(calibrate))->task.id, tasks[1]);
  EXPECT_TRUE(Must(store().tasks().HoldsReservation(tasks[1], a, kReserveNow)));
  EXPECT_FALSE(Must(store().tasks().HoldsReservation(tasks[1], a, kReserveNow + kReserveTtl)));
  EXPECT_FALSE(Must(store().tasks().HoldsReservation(tasks[2], a, kReserveNow)));
  Must(store().annotations().Submit(MakeAnnotation(project, tasks[1], a, "a1")));
  // Gold straight after gold.
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(calibrate))->task.id, tasks[2]);
  Must(store().annotations().Submit(MakeAnnotation(project, tasks[2], a, "a2")));
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(calibrate)).has_value());
  // b calibrates on an item a answered although the cap is 1.
  calibrate.annotator_id = b;
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(calibrate))->task.id, tasks[1]);
}

TEST_P(StoreConformanceTest, CalibrationAnswersAreKeptApartFromGoldAccuracy) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 5).id;
  const std::vector<int64_t> tasks = AddTasks(project, 3);
  for (const int64_t t : tasks) Must(store().gold().Put(MakeGold(t, owner)));
  const int64_t a = AddUser("a").id;
  for (const int64_t t : tasks) {
    Must(store().annotations().Submit(MakeAnnotation(project, t, a, "k" + std::to_string(t))));
  }
  const CalibrationAnswer first{project, a, tasks[0], 1, true, 10};
  const CalibrationAnswer second{project, a, tasks[1], 2, false, 5};
  ASSERT_TRUE(store().gold().RecordCalibration(second).ok());
  ASSERT_TRUE(store().gold().RecordCalibration(first).ok());
  EXPECT_EQ(store().gold().RecordCalibration(first).code(), StatusCode::kConflict);
  EXPECT_EQ(store().gold().RecordCalibration({project, a, 999999, 1, true, 1}).code(),
            StatusCode::kInvalidArgument);
  // By attempt, then time.
  EXPECT_EQ(Must(store().gold().CalibrationAnswers(project, a)),
            (std::vector<CalibrationAnswer>{first, second}));
  // Only the third answer was given without feedback: it alone counts as gold accuracy.
  const auto answers = Must(store().gold().Answers(project, a));
  ASSERT_EQ(answers.size(), 1u);
  EXPECT_EQ(answers[0].task_id, tasks[2]);
  EXPECT_EQ(Must(store().gold().Tally(project, a)).answers, 1);
}

}  // namespace
}  // namespace chorus::store::conformance
