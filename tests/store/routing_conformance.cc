// Conformance: task routing (wanted labels, required tiers) and the adjudication queue. A task
// that wants more labels reopens, one that wants fewer closes; a tier requirement keeps the
// task from annotators below it; escalating closes the task and opens the item once, only for
// the labels it was decided on; the first decision stands.
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::Adjudication;
using domain::Tier;

Adjudication Opened(int64_t task, const std::string& reason = "3 labels, 2 of 3 agree") {
  Adjudication a;
  a.task_id = task;
  a.reason = reason;
  a.opened_at = 5000;
  return a;
}

TEST_P(StoreConformanceTest, ProjectsKeepTheirRoutingPolicy) {
  domain::Project project = AddProject(AddUser("o").id);
  EXPECT_EQ(Must(store().projects().Get(project.id)).routing, domain::RoutingPolicy{});
  project.routing.dynamic = true;
  project.routing.required_tier = Tier::kExpert;
  project.routing.max_overlap = 7;
  project.routing.control = "sentiment";
  const domain::Project updated = Must(store().projects().Update(project));
  EXPECT_EQ(updated.routing, project.routing);
  Reopen();
  EXPECT_EQ(Must(store().projects().Get(project.id)).routing, project.routing);
}

TEST_P(StoreConformanceTest, WantedLabelsReopenAndCloseATask) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 2).id;
  const int64_t task = AddTasks(project, 1)[0];
  const int64_t a = AddUser("a").id, b = AddUser("b").id, c = AddUser("c").id;
  for (const int64_t who : {a, b}) {
    Must(store().annotations().Submit(MakeAnnotation(project, task, who, "k")));
  }
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, c, 2))).has_value());
  TaskRouting routing = Must(store().tasks().GetRouting(task));
  EXPECT_EQ(routing.wanted, std::nullopt);
  EXPECT_EQ(routing.submitted, 2);
  EXPECT_EQ(routing.taken, 2);
  EXPECT_FALSE(routing.is_gold);

  // Decided on a stale count: nothing changes.
  EXPECT_FALSE(Must(store().tasks().SetWanted(task, 3, 1)));
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, c, 2))).has_value());
  // One more label wanted: the task reopens for a third annotator, and only one.
  EXPECT_TRUE(Must(store().tasks().SetWanted(task, 3, 2)));
  EXPECT_EQ(Must(store().tasks().GetRouting(task)).wanted, 3);
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, c, 2)))->task.id, task);
  EXPECT_EQ(Must(store().tasks().GetRouting(task)).taken, 3);  // The reservation too.
  const int64_t d = AddUser("d").id;
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, d, 2))).has_value());
  Must(store().annotations().Submit(MakeAnnotation(project, task, c, "k")));
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, d, 2))).has_value());

  // Changing the project's overlap leaves a task with its own wanted labels alone.
  domain::Project changed = Must(store().projects().Get(project));
  changed.overlap = 5;
  changed.routing.max_overlap = 5;
  Must(store().projects().Update(changed));
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, d, 5))).has_value());

  EXPECT_EQ(store().tasks().SetWanted(task, 0, 3).status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(store().tasks().SetWanted(999999, 3, 0).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().tasks().GetRouting(999999).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, RequiredTiersKeepTasksFromLowerTiers) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 3).id;
  const std::vector<int64_t> tasks = AddTasks(project, 3, {3, 2, 1});
  ASSERT_TRUE(store().tasks().SetRequiredTier(tasks[0], Tier::kGoldMaker).ok());
  ASSERT_TRUE(store().tasks().SetRequiredTier(tasks[1], Tier::kExpert).ok());
  EXPECT_EQ(Must(store().tasks().GetRouting(tasks[1])).required_tier, Tier::kExpert);
  EXPECT_EQ(Must(store().tasks().GetRouting(tasks[2])).required_tier, std::nullopt);

  auto next_for = [&](const std::string& name, Tier tier) {
    ReserveRequest r = Ask(project, AddUser(name).id, 3);
    r.tier = tier;
    return Must(store().tasks().ReserveNextTask(r))->task.id;
  };
  EXPECT_EQ(next_for("crowd", Tier::kCrowd), tasks[2]);
  EXPECT_EQ(next_for("expert", Tier::kExpert), tasks[1]);
  EXPECT_EQ(next_for("maker", Tier::kGoldMaker), tasks[0]);

  // Cleared, the requirement is the project's again (none at the store).
  ASSERT_TRUE(store().tasks().SetRequiredTier(tasks[0], std::nullopt).ok());
  EXPECT_EQ(next_for("crowd2", Tier::kCrowd), tasks[0]);
  EXPECT_EQ(store().tasks().SetRequiredTier(999999, Tier::kExpert).code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, EscalatingClosesTheTaskAndOpensOneItem) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 3).id;
  const std::vector<int64_t> tasks = AddTasks(project, 2);
  const int64_t task = tasks[0];
  const int64_t a = AddUser("a").id, b = AddUser("b").id, c = AddUser("c").id;
  for (const int64_t who : {a, b}) {
    Must(store().annotations().Submit(MakeAnnotation(project, task, who, "k")));
  }
  // Decided on a stale count: nothing happens.
  EXPECT_FALSE(Must(store().adjudications().Escalate(Opened(task), 1)));
  EXPECT_EQ(store().adjudications().Get(task).status().code(), StatusCode::kNotFound);

  EXPECT_TRUE(Must(store().adjudications().Escalate(Opened(task), 2)));
  EXPECT_FALSE(Must(store().adjudications().Escalate(Opened(task), 2)));  // Once.
  // Closed at its two labels although the overlap is 3.
  EXPECT_EQ(Must(store().tasks().GetRouting(task)).wanted, 2);
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, c, 3)))->task.id, tasks[1]);

  const Adjudication open = Must(store().adjudications().Get(task));
  EXPECT_EQ(open.project_id, project);
  EXPECT_EQ(open.labels, 2);
  EXPECT_EQ(open.reason, "3 labels, 2 of 3 agree");
  EXPECT_FALSE(open.decided());
  EXPECT_EQ(Must(store().adjudications().CountOpen(project)), 1);
  auto open_page = Must(store().adjudications().List(project, AdjudicationFilter::kOpen, {}));
  ASSERT_EQ(open_page.items.size(), 1u);
  EXPECT_EQ(open_page.items[0], open);
  EXPECT_TRUE(
      Must(store().adjudications().List(project, AdjudicationFilter::kDecided, {})).items.empty());

  const int64_t expert = AddUser("expert").id;
  EXPECT_EQ(store().adjudications().Decide(task, expert, "[1]", "why", 6000).status().code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(store().adjudications().Decide(task, expert, "{}", "", 6000).status().code(),
            StatusCode::kInvalidArgument);
  const Adjudication decided =
      Must(store().adjudications().Decide(task, expert, R"({"c":"pos"})", "sarcasm", 6000));
  EXPECT_EQ(decided.decided_by, expert);
  EXPECT_EQ(decided.decided_at, 6000);
  Reopen();
  EXPECT_EQ(Must(store().adjudications().Get(task)), decided);
  EXPECT_EQ(store().adjudications().Decide(task, owner, "{}", "no", 7000).status().code(),
            StatusCode::kConflict);
  EXPECT_EQ(Must(store().adjudications().CountOpen(project)), 0);
  auto decided_page = Must(store().adjudications().List(project, AdjudicationFilter::kDecided, {}));
  ASSERT_EQ(decided_page.items.size(), 1u);
  EXPECT_EQ(decided_page.items[0], decided);
  EXPECT_EQ(store().adjudications().Decide(tasks[1], expert, "{}", "x", 1).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().adjudications().Escalate(Opened(999999), 0).status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, AdjudicationPagesFollowTaskIds) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 1).id;
  const std::vector<int64_t> tasks = AddTasks(project, 3);
  for (const int64_t task : tasks) {
    Must(store().annotations().Submit(
        MakeAnnotation(project, task, owner, "k" + std::to_string(task))));
    EXPECT_TRUE(Must(store().adjudications().Escalate(Opened(task), 1)));
  }
  auto first = Must(store().adjudications().List(project, AdjudicationFilter::kOpen, {0, 2}));
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[1].task_id, tasks[1]);
  EXPECT_EQ(first.next_after_id, tasks[1]);
  auto second = Must(
      store().adjudications().List(project, AdjudicationFilter::kOpen, {first.next_after_id, 2}));
  ASSERT_EQ(second.items.size(), 1u);
  EXPECT_EQ(second.items[0].task_id, tasks[2]);
  EXPECT_EQ(second.next_after_id, 0);
}

TEST_P(StoreConformanceTest, RoutingTallyComparesWithFixedOverlap) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 3).id;
  const std::vector<int64_t> tasks = AddTasks(project, 5);
  std::vector<int64_t> people;
  for (int i = 0; i < 3; ++i) people.push_back(AddUser("p" + std::to_string(i)).id);
  auto label = [&](int64_t task, int count) {
    for (int i = 0; i < count; ++i) {
      Must(store().annotations().Submit(
          MakeAnnotation(project, task, people[i], "k" + std::to_string(task))));
    }
  };
  label(tasks[0], 3);  // Finished at the overlap.
  label(tasks[1], 2);  // Stopped early at 2.
  EXPECT_TRUE(Must(store().tasks().SetWanted(tasks[1], 2, 2)));
  EXPECT_TRUE(Must(store().tasks().SetWanted(tasks[2], 4, 0)));  // Asked for more.
  label(tasks[3], 1);                                            // Escalated at 1, then decided.
  EXPECT_TRUE(Must(store().adjudications().Escalate(Opened(tasks[3]), 1)));
  Must(store().adjudications().Decide(tasks[3], owner, "{}", "why", 9000));
  Must(store().gold().Put([&] {  // Gold tasks are not counted.
    domain::GoldItem g;
    g.task_id = tasks[4];
    g.reference = "{}";
    g.created_by = owner;
    return g;
  }()));
  const RoutingTally tally = Must(store().tasks().TallyRouting(project, 3));
  EXPECT_EQ(tally, (RoutingTally{4, 3, 6, 1, 1, 0, 1}));
}

}  // namespace
}  // namespace chorus::store::conformance
