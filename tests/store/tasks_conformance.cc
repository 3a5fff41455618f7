// Conformance: TaskStore batch import (atomic, deduplicated: security catalogue entry 29),
// get, cursor listing and count.
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::Task;

Task MakeTask(std::string data, std::optional<std::string> external_id = std::nullopt,
              std::string hash = {}) {
  Task t;
  t.data = std::move(data);
  t.external_id = std::move(external_id);
  t.content_hash = std::move(hash);
  t.created_at = 5;
  return t;
}

TEST_P(StoreConformanceTest, TaskBatchInsertGetListCount) {
  int64_t project = AddProject(AddUser("o").id).id;
  std::vector<int64_t> ids = AddTasks(project, 7);
  ASSERT_EQ(ids.size(), 7u);
  EXPECT_EQ(Must(store().tasks().Count(project)), 7);
  Task third = Must(store().tasks().Get(ids[2]));
  EXPECT_EQ(third.project_id, project);
  EXPECT_EQ(third.data, R"({"text":"item 2"})");
  std::vector<int64_t> listed;
  PageRequest request{0, 3};
  while (true) {
    Page<Task> page = Must(store().tasks().List(project, request));
    for (const Task& t : page.items) listed.push_back(t.id);
    if (page.next_after_id == 0) break;
    request.after_id = page.next_after_id;
  }
  EXPECT_EQ(listed, ids);
  EXPECT_EQ(store().tasks().Get(ids.back() + 1).status().code(), StatusCode::kNotFound);
  int64_t other = AddProject(AddUser("o2").id).id;
  EXPECT_EQ(Must(store().tasks().Count(other)), 0);
  EXPECT_TRUE(Must(store().tasks().List(other, {})).items.empty());
}

TEST_P(StoreConformanceTest, TaskImportTwiceDoesNotDoubleByExternalId) {
  int64_t project = AddProject(AddUser("o").id).id;
  std::vector<Task> batch = {MakeTask(R"({"t":1})", "a"), MakeTask(R"({"t":2})", "b"),
                             MakeTask(R"({"t":1,"again":true})", "a")};
  InsertTasksReport first = Must(store().tasks().InsertBatch(project, batch));
  EXPECT_EQ(first.inserted, 2);
  ASSERT_EQ(first.duplicates.size(), 1u);
  EXPECT_EQ(first.duplicates[0].index, 2u);
  EXPECT_TRUE(first.duplicates[0].by_external_id);
  EXPECT_EQ(first.duplicates[0].existing_task_id, first.task_ids[0]);
  EXPECT_EQ(first.task_ids[2], first.task_ids[0]);

  InsertTasksReport second = Must(store().tasks().InsertBatch(project, batch));
  EXPECT_EQ(second.inserted, 0);
  EXPECT_EQ(second.duplicates.size(), 3u);
  EXPECT_EQ(second.task_ids, first.task_ids);
  EXPECT_EQ(Must(store().tasks().Count(project)), 2);

  // Another project may use the same external ids.
  int64_t other = AddProject(AddUser("o2").id).id;
  EXPECT_EQ(Must(store().tasks().InsertBatch(other, batch)).inserted, 2);
}

TEST_P(StoreConformanceTest, TaskDedupeByContentHash) {
  int64_t project = AddProject(AddUser("o").id).id;
  std::vector<Task> batch = {
      MakeTask(R"({"t":1})", std::nullopt, "h1"), MakeTask(R"({"t":1})", std::nullopt, "h1"),
      MakeTask(R"({"t":2})", std::nullopt, ""), MakeTask(R"({"t":2})", std::nullopt, "")};
  InsertTasksReport report = Must(store().tasks().InsertBatch(project, batch));
  EXPECT_EQ(report.inserted, 3);  // Tasks without a hash or id are never duplicates.
  ASSERT_EQ(report.duplicates.size(), 1u);
  EXPECT_EQ(report.duplicates[0].index, 1u);
  EXPECT_FALSE(report.duplicates[0].by_external_id);

  // By hash only: different external ids, same content.
  InsertTasksOptions by_hash{DedupeBy::kContentHash};
  std::vector<Task> renamed = {MakeTask(R"({"t":1})", "x1", "h1")};
  InsertTasksReport again = Must(store().tasks().InsertBatch(project, renamed, by_hash));
  EXPECT_EQ(again.inserted, 0);
  EXPECT_EQ(again.task_ids[0], report.task_ids[0]);
}

TEST_P(StoreConformanceTest, TaskBatchIsAllOrNothing) {
  int64_t project = AddProject(AddUser("o").id).id;
  std::vector<Task> batch = {MakeTask(R"({"ok":1})"), MakeTask("{broken"), MakeTask("{}")};
  Result<InsertTasksReport> bad = store().tasks().InsertBatch(project, batch);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field(), "tasks[1].data");
  EXPECT_EQ(Must(store().tasks().Count(project)), 0);

  // A failure inside the transaction (external id taken by other content, while deduplicating
  // by hash) undoes the records inserted before it.
  ASSERT_EQ(Must(store().tasks().InsertBatch(project, {MakeTask("{}", "taken", "h0")})).inserted,
            1);
  std::vector<Task> clash = {MakeTask(R"({"new":1})", "fresh", "h1"),
                             MakeTask(R"({"new":2})", "taken", "h2")};
  Result<InsertTasksReport> conflict =
      store().tasks().InsertBatch(project, clash, {DedupeBy::kContentHash});
  ASSERT_FALSE(conflict.ok());
  EXPECT_EQ(conflict.status().code(), StatusCode::kConflict);
  EXPECT_EQ(conflict.status().field(), "tasks[1].external_id");
  EXPECT_EQ(Must(store().tasks().Count(project)), 1);

  EXPECT_EQ(store().tasks().InsertBatch(project + 100, {MakeTask("{}")}).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace chorus::store::conformance
