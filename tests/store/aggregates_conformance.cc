// Conformance: stored aggregates (store/aggregate_store.h). A replacement swaps a project's
// rows as a whole and leaves other projects alone; a row for another project's task is refused
// and changes nothing; doubles, the nullable label and the flags read back as written.
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::AggregateSource;
using domain::TaskAggregate;

TaskAggregate StoredRow(int64_t task, std::optional<std::string> label, double confidence) {
  TaskAggregate a;
  a.task_id = task;
  a.control = "sentiment";
  a.method = "ds";
  a.label = std::move(label);
  a.distribution = R"({"neg":0.3333333333333333,"pos":0.6666666666666666})";
  a.posterior = R"({"neg":0.1,"pos":0.9})";
  a.confidence = confidence;
  a.weight = 0.123456789012345;
  a.ambiguous = confidence < 0.75;
  a.votes = 3;
  a.source = AggregateSource::kInferred;
  a.computed_at = 1'700'000'000'123;
  return a;
}

TEST_P(StoreConformanceTest, AggregatesAreReplacedPerProject) {
  const int64_t owner = AddUser("o").id;
  const int64_t p = AddProject(owner).id, q = AddProject(owner).id;
  const std::vector<int64_t> tasks = AddTasks(p, 3);
  const int64_t other = AddTasks(q, 1)[0];
  TaskAggregate none = StoredRow(tasks[1], std::nullopt, 0.5);
  none.votes = 0;
  none.source = AggregateSource::kSingle;
  TaskAggregate decided = StoredRow(tasks[2], "neg", 1.0);
  decided.source = AggregateSource::kAdjudicated;
  ASSERT_TRUE(store()
                  .aggregates()
                  .ReplaceForProject(p, {StoredRow(tasks[0], "pos", 0.9), none, decided})
                  .ok());
  ASSERT_TRUE(store().aggregates().ReplaceForProject(q, {StoredRow(other, "pos", 0.6)}).ok());

  TaskAggregate want = StoredRow(tasks[0], "pos", 0.9);
  want.project_id = p;
  EXPECT_EQ(Must(store().aggregates().Get(tasks[0])), want);
  EXPECT_EQ(Must(store().aggregates().Get(tasks[1])).label, std::nullopt);
  EXPECT_EQ(Must(store().aggregates().Get(tasks[1])).source, AggregateSource::kSingle);
  EXPECT_EQ(Must(store().aggregates().Get(tasks[2])).source, AggregateSource::kAdjudicated);

  // Pages in task order, with a cursor.
  Page<TaskAggregate> first = Must(store().aggregates().List(p, {0, 2}));
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0].task_id, tasks[0]);
  EXPECT_EQ(first.next_after_id, tasks[1]);
  Page<TaskAggregate> rest = Must(store().aggregates().List(p, {first.next_after_id, 2}));
  ASSERT_EQ(rest.items.size(), 1u);
  EXPECT_EQ(rest.items[0].task_id, tasks[2]);
  EXPECT_EQ(rest.next_after_id, 0);

  // A second run replaces the project's rows and leaves the other project's.
  ASSERT_TRUE(store().aggregates().ReplaceForProject(p, {StoredRow(tasks[1], "neg", 0.8)}).ok());
  EXPECT_EQ(store().aggregates().Get(tasks[0]).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(Must(store().aggregates().Get(tasks[1])).label, "neg");
  EXPECT_EQ(Must(store().aggregates().List(p, {0, 10})).items.size(), 1u);
  EXPECT_EQ(Must(store().aggregates().Get(other)).project_id, q);
  Reopen();
  EXPECT_EQ(Must(store().aggregates().Get(tasks[1])).confidence, 0.8);
}

TEST_P(StoreConformanceTest, AggregateOfAnotherProjectsTaskChangesNothing) {
  const int64_t owner = AddUser("o").id;
  const int64_t p = AddProject(owner).id, q = AddProject(owner).id;
  const int64_t mine = AddTasks(p, 1)[0];
  const int64_t theirs = AddTasks(q, 1)[0];
  ASSERT_TRUE(store().aggregates().ReplaceForProject(p, {StoredRow(mine, "pos", 0.9)}).ok());
  const Status refused = store().aggregates().ReplaceForProject(
      p, {StoredRow(mine, "neg", 0.7), StoredRow(theirs, "pos", 0.9)});
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.field(), "task_id");
  EXPECT_EQ(Must(store().aggregates().Get(mine)).label, "pos");  // Rolled back.
  EXPECT_EQ(store().aggregates().Get(theirs).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace chorus::store::conformance
