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

// The manager's data browser: label counts, search (literal, case-insensitive), the label
// filter, both orders, keyset pages and offsets.
TEST_P(StoreConformanceTest, TaskBrowseFiltersSearchesAndPages) {
  int64_t project = AddProject(AddUser("o").id).id;
  std::vector<Task> batch;
  for (const char* text : {"Alpha 50% off", "beta", "ALPHA again", "gamma", "alpha_1"}) {
    batch.push_back(MakeTask(std::string(R"({"text":")") + text + "\"}"));
  }
  const std::vector<int64_t> ids = Must(store().tasks().InsertBatch(project, batch)).task_ids;
  const int64_t ann = AddUser("a").id;
  const int64_t bob = AddUser("b").id;
  Must(store().annotations().Submit(MakeAnnotation(project, ids[0], ann, "k1")));
  Must(store().annotations().Submit(MakeAnnotation(project, ids[0], bob, "k2")));
  domain::Annotation skip = MakeAnnotation(project, ids[2], ann, "k3");
  skip.state = domain::AnnotationState::kSkipped;
  Must(store().annotations().Submit(skip));

  // A request for this project: search text, label filter, newest first, cursor, offset, limit.
  const auto request = [&](std::string contains, TaskLabelFilter labels = TaskLabelFilter::kAny,
                           bool newest_first = false, int64_t after_id = 0, int64_t offset = 0,
                           int64_t limit = 50) {
    TaskBrowseRequest r;
    r.project_id = project;
    r.contains = std::move(contains);
    r.labels = labels;
    r.newest_first = newest_first;
    r.after_id = after_id;
    r.offset = offset;
    r.limit = limit;
    return r;
  };
  const auto ids_of = [&](const TaskBrowseRequest& r) {
    std::vector<int64_t> out;
    for (const TaskSummary& row : Must(store().tasks().Browse(r)).items) out.push_back(row.task.id);
    return out;
  };
  using Ids = std::vector<int64_t>;
  const Page<TaskSummary> all = Must(store().tasks().Browse(request("")));
  ASSERT_EQ(all.items.size(), 5u);
  EXPECT_EQ(all.items[0].submitted, 2);
  EXPECT_EQ(all.items[2].skipped, 1);
  EXPECT_EQ(all.items[2].submitted, 0);
  EXPECT_EQ(all.next_after_id, 0);
  EXPECT_EQ(ids_of(request("alpha")), (Ids{ids[0], ids[2], ids[4]}));
  EXPECT_EQ(ids_of(request("50%")), (Ids{ids[0]}));
  EXPECT_EQ(ids_of(request("a_1")), (Ids{ids[4]}));  // "_" is literal, not a wildcard.
  EXPECT_EQ(ids_of(request("", TaskLabelFilter::kLabelled)), (Ids{ids[0]}));
  EXPECT_EQ(ids_of(request("", TaskLabelFilter::kUnlabelled)),
            (Ids{ids[1], ids[2], ids[3], ids[4]}));
  const Page<TaskSummary> newest = Must(store().tasks().Browse(request("", {}, true, 0, 0, 2)));
  ASSERT_EQ(newest.items.size(), 2u);
  EXPECT_EQ(newest.items[0].task.id, ids[4]);
  EXPECT_EQ(newest.next_after_id, ids[3]);
  EXPECT_EQ(ids_of(request("", {}, true, ids[3], 0, 2)), (Ids{ids[2], ids[1]}));
  EXPECT_EQ(ids_of(request("", {}, false, 0, 3)), (Ids{ids[3], ids[4]}));
  EXPECT_EQ(ids_of(request("alpha", {}, false, 0, 1, 1)), (Ids{ids[2]}));
  EXPECT_EQ(store().tasks().Browse(request("", {}, false, 0, -1)).status().code(),
            StatusCode::kInvalidArgument);
  int64_t other = AddProject(AddUser("o2").id).id;
  TaskBrowseRequest elsewhere;
  elsewhere.project_id = other;
  EXPECT_TRUE(Must(store().tasks().Browse(elsewhere)).items.empty());
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
