// Conformance: SetPriorities (an active-learning order) changes the order ReserveNextTask hands
// tasks out in, leaves gold tasks as they were, and changes nothing when one listed task is
// not the project's.
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

TEST_P(StoreConformanceTest, SetPrioritiesReordersTheQueueButNotGold) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 1).id;
  const std::vector<int64_t> tasks = AddTasks(project, 4);
  domain::GoldItem gold;
  gold.task_id = tasks[3];
  gold.reference = R"({"c":1})";
  gold.created_by = owner;
  gold.created_at = gold.updated_at = 1000;
  Must(store().gold().Put(gold));

  // The last ordinary task first, then the second; the gold task's priority stays 0.
  EXPECT_EQ(Must(store().tasks().SetPriorities(
                project, {{tasks[2], 30}, {tasks[1], 20}, {tasks[0], 10}, {tasks[3], 99}})),
            3);
  EXPECT_EQ(Must(store().tasks().Get(tasks[2])).priority, 30);
  EXPECT_EQ(Must(store().tasks().Get(tasks[3])).priority, 0);
  const int64_t a = AddUser("a").id;
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, a, 1)))->task.id, tasks[2]);

  // A task of another project: refused, and nothing of the batch is written.
  const int64_t other = AddProject(owner, 1).id;
  const int64_t foreign = AddTasks(other, 1)[0];
  const auto refused = store().tasks().SetPriorities(project, {{tasks[0], 50}, {foreign, 1}});
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.status().field(), "task_id");
  EXPECT_EQ(Must(store().tasks().Get(tasks[0])).priority, 10);
  EXPECT_EQ(Must(store().tasks().Get(foreign)).priority, 0);
  EXPECT_EQ(Must(store().tasks().SetPriorities(project, {})), 0);
}

}  // namespace
}  // namespace chorus::store::conformance
