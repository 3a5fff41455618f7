#include "service/task_import.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using nlohmann::json;

TEST(TaskImportTest, ContentTypesNameTheFormat) {
  EXPECT_EQ(*ImportFormatFromContentType("application/json; charset=utf-8"), ImportFormat::kJson);
  EXPECT_EQ(*ImportFormatFromContentType("application/x-ndjson"), ImportFormat::kJsonl);
  EXPECT_EQ(*ImportFormatFromContentType("text/csv"), ImportFormat::kCsv);
  const auto other = ImportFormatFromContentType("text/plain");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().field(), "Content-Type");
}

TEST(TaskImportTest, FormatNamesAndFileExtensionsNameTheFormat) {
  EXPECT_EQ(*ImportFormatFromName("csv", "tasks.json"), ImportFormat::kCsv);  // The name wins.
  EXPECT_EQ(*ImportFormatFromName("", "dir/tasks.JSONL"), ImportFormat::kJsonl);
  EXPECT_EQ(*ImportFormatFromName("", "tasks.ndjson"), ImportFormat::kJsonl);
  EXPECT_EQ(*ImportFormatFromName("", "/abs/tasks.json"), ImportFormat::kJson);
  EXPECT_EQ(*ImportFormatFromName("", "tasks.csv"), ImportFormat::kCsv);
  EXPECT_EQ(ImportFormatFromName("", "tasks.txt").status().field(), "format");
  EXPECT_EQ(ImportFormatFromName("", "dir.csv/tasks").status().field(), "format");
  EXPECT_EQ(ImportFormatFromName("xml", "tasks.csv").status().code(), StatusCode::kInvalidArgument);
}

TEST(TaskImportTest, EnvelopesAndBareDataGiveTheSameData) {
  const ParsedTasks parsed = ParseTaskRecords(
      R"([{"data": {"text": "a"}, "external_id": "x1", "priority": 5}, {"text": "b"}])",
      ImportFormat::kJson);
  ASSERT_TRUE(parsed.errors.empty());
  ASSERT_EQ(parsed.tasks.size(), 2u);
  EXPECT_EQ(parsed.tasks[0].external_id, "x1");
  EXPECT_EQ(parsed.tasks[0].priority, 5);
  EXPECT_EQ(json::parse(parsed.tasks[0].data), json({{"text", "a"}}));
  EXPECT_EQ(json::parse(parsed.tasks[1].data), json({{"text", "b"}}));
  EXPECT_FALSE(parsed.tasks[1].external_id.has_value());
}

// The dedupe key ignores key order and whitespace: the data is hashed in canonical form.
TEST(TaskImportTest, ContentHashIsCanonical) {
  const ParsedTasks a = ParseTaskRecords("{\"b\": 1, \"a\": \"x\"}\n", ImportFormat::kJsonl);
  const ParsedTasks b = ParseTaskRecords("{\"a\":\"x\",\"b\":1}", ImportFormat::kJsonl);
  const ParsedTasks c = ParseTaskRecords("{\"a\":\"y\",\"b\":1}", ImportFormat::kJsonl);
  ASSERT_EQ(a.tasks.size(), 1u);
  EXPECT_EQ(a.tasks[0].content_hash, b.tasks[0].content_hash);
  EXPECT_NE(a.tasks[0].content_hash, c.tasks[0].content_hash);
  EXPECT_EQ(a.tasks[0].content_hash.size(), 64u);
}

// Every bad record is reported with its line and field, and then no task is returned.
TEST(TaskImportTest, JsonlErrorsNameEachLineAndNothingIsKept) {
  const ParsedTasks parsed = ParseTaskRecords(
      "{\"text\": \"ok\"}\n\n{\"text\": \n[1, 2]\n{\"data\": {}, \"priority\": \"high\"}\n"
      "{\"data\": {}, \"colour\": 1}\n",
      ImportFormat::kJsonl);
  EXPECT_TRUE(parsed.tasks.empty());
  ASSERT_EQ(parsed.errors.size(), 4u);
  EXPECT_EQ(parsed.errors[0].line, 3u);  // Blank line 2 is skipped, not a record.
  EXPECT_EQ(parsed.errors[0].record, 1u);
  EXPECT_NE(parsed.errors[0].message.find("not valid JSON"), std::string::npos);
  EXPECT_EQ(parsed.errors[1].line, 4u);
  EXPECT_NE(parsed.errors[1].message.find("JSON object"), std::string::npos);
  EXPECT_EQ(parsed.errors[2].field, "priority");
  EXPECT_EQ(parsed.errors[3].field, "colour");
}

TEST(TaskImportTest, CsvLiftsExternalIdAndPriorityAndChecksWidths) {
  const ParsedTasks parsed = ParseTaskRecords(
      "text,external_id,priority\n\"a, quoted\",t1,2\nplain,,\n", ImportFormat::kCsv);
  ASSERT_TRUE(parsed.errors.empty()) << parsed.errors[0].message;
  ASSERT_EQ(parsed.tasks.size(), 2u);
  EXPECT_EQ(json::parse(parsed.tasks[0].data), json({{"text", "a, quoted"}}));
  EXPECT_EQ(parsed.tasks[0].external_id, "t1");
  EXPECT_EQ(parsed.tasks[0].priority, 2);
  EXPECT_FALSE(parsed.tasks[1].external_id.has_value());

  const ParsedTasks bad = ParseTaskRecords("text,priority\na,1\nb\nc,soon\n", ImportFormat::kCsv);
  ASSERT_EQ(bad.errors.size(), 2u);
  EXPECT_EQ(bad.errors[0].line, 3u);
  EXPECT_EQ(bad.errors[1].field, "priority");
  EXPECT_FALSE(ParseTaskRecords("", ImportFormat::kCsv).errors.empty());
}

// Wellbeing: an envelope or a CSV column marks a task sensitive; anything but a boolean is
// refused by name.
TEST(TaskImportTest, SensitiveComesFromEnvelopesAndCsv) {
  const ParsedTasks json_tasks = ParseTaskRecords(
      R"([{"data": {"text": "a"}, "sensitive": true}, {"data": {"text": "b"}}, {"text": "c"}])",
      ImportFormat::kJson);
  ASSERT_TRUE(json_tasks.errors.empty());
  ASSERT_EQ(json_tasks.tasks.size(), 3u);
  EXPECT_TRUE(json_tasks.tasks[0].sensitive);
  EXPECT_FALSE(json_tasks.tasks[1].sensitive);
  EXPECT_FALSE(json_tasks.tasks[2].sensitive);

  const ParsedTasks csv =
      ParseTaskRecords("text,sensitive\na,true\nb,0\nc,\nd,1\n", ImportFormat::kCsv);
  ASSERT_TRUE(csv.errors.empty()) << csv.errors[0].message;
  ASSERT_EQ(csv.tasks.size(), 4u);
  EXPECT_TRUE(csv.tasks[0].sensitive);
  EXPECT_FALSE(csv.tasks[1].sensitive);
  EXPECT_FALSE(csv.tasks[2].sensitive);
  EXPECT_TRUE(csv.tasks[3].sensitive);
  EXPECT_EQ(json::parse(csv.tasks[0].data), json({{"text", "a"}}));  // Not part of the data.

  const ParsedTasks bad =
      ParseTaskRecords("{\"data\": {}, \"sensitive\": \"yes\"}\n", ImportFormat::kJsonl);
  ASSERT_EQ(bad.errors.size(), 1u);
  EXPECT_EQ(bad.errors[0].field, "sensitive");
  EXPECT_EQ(ParseTaskRecords("text,sensitive\na,maybe\n", ImportFormat::kCsv).errors.at(0).field,
            "sensitive");
}

TEST(TaskImportTest, ErrorListIsCapped) {
  std::string body;
  for (int i = 0; i < 10; ++i) body += "1\n";
  const ParsedTasks parsed = ParseTaskRecords(body, ImportFormat::kJsonl, 3);
  EXPECT_EQ(parsed.errors.size(), 3u);
  EXPECT_TRUE(parsed.more_errors);
  const ParsedTasks not_array = ParseTaskRecords("{\"text\": 1}", ImportFormat::kJson);
  ASSERT_EQ(not_array.errors.size(), 1u);
  EXPECT_NE(not_array.errors[0].message.find("array"), std::string::npos);
}

// The array is streamed: nested containers stay inside their element, each element is
// handed on in order with its position, and a visitor can stop the read early.
TEST(TaskImportTest, JsonArrayElementsArriveOneAtATime) {
  std::vector<std::string> seen;
  ForEachTaskRecord(
      MakeStringSource(R"([{"text": "a", "n": [1, {"b": [2]}]}, 5, {"data": {"x": []}}, {}])"),
      ImportFormat::kJson, [&](TaskRecord& r) {
        seen.push_back(std::to_string(r.index) + ":" +
                       (r.task.ok() ? r.task->data : "error " + r.task.status().message()));
        return r.index < 2;
      });
  ASSERT_EQ(seen.size(), 3u);
  EXPECT_EQ(seen[0], R"(0:{"n":[1,{"b":[2]}],"text":"a"})");
  EXPECT_EQ(seen[1], "1:error a task must be a JSON object, not number");
  EXPECT_EQ(seen[2], R"(2:{"x":[]})");
}

// A JSONL line split across read chunks is still one record, on its own line number.
TEST(TaskImportTest, JsonlLinesSpanReadChunks) {
  const std::string long_text(200'000, 'x');
  const std::string body = "{\"t\": 1}\n{\"t\": \"" + long_text + "\"}\n\n{\"t\": 3}";
  std::vector<uint64_t> lines;
  ForEachTaskRecord(MakeStringSource(body), ImportFormat::kJsonl, [&](TaskRecord& r) {
    EXPECT_TRUE(r.task.ok()) << r.task.status().message();
    lines.push_back(r.line);
    return true;
  });
  EXPECT_EQ(lines, (std::vector<uint64_t>{1, 2, 4}));
}

// A project without controls in `store`, made by a new manager; its id.
int64_t MakeEmptyProject(store::Store& store) {
  const Principal owner = AddTestUser(store, "owner", domain::Role::kManager, kTestNow);
  domain::Project project;
  project.name = "p";
  project.label_interface = R"({"controls":[]})";
  project.created_by = owner.user_id;
  return store.projects().Create(project)->id;
}

// Batches are stored while the next is parsed: every record arrives once, in order, and a
// duplicate of a record from an earlier batch is found in the store.
TEST(TaskImportTest, BatchesAreStoredInOrderAndSeeEarlierBatches) {
  ScratchStore store;
  const int64_t project_id = MakeEmptyProject(*store);
  std::string body;
  for (int i = 0; i < 10; ++i) body += "{\"n\": " + std::to_string(i == 8 ? 1 : i) + "}\n";
  ImportOptions options;
  options.batch_size = 3;
  std::vector<std::pair<int64_t, int64_t>> progress;
  options.progress = [&](int64_t done, int64_t total) {
    progress.emplace_back(done, total);
    return Status::Ok();
  };
  auto summary = ImportTasks(
      store->tasks(), project_id,
      [&]() -> Result<std::unique_ptr<ByteSource>> { return MakeStringSource(body); },
      ImportFormat::kJsonl, options);
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->records, 10);
  EXPECT_EQ(summary->inserted, 9);
  ASSERT_EQ(summary->duplicate_count, 1);
  EXPECT_EQ(summary->duplicates[0].index, 8u);
  // Three times while the first pass counts (after records 3, 6 and 9), then per batch.
  EXPECT_EQ(progress, (std::vector<std::pair<int64_t, int64_t>>{
                          {0, 0}, {0, 0}, {0, 0}, {0, 10}, {3, 10}, {6, 10}, {9, 10}, {10, 10}}));
  store::PageRequest page;
  page.limit = 100;
  auto listed = store->tasks().List(project_id, page);
  ASSERT_TRUE(listed.ok()) << listed.status().ToString();
  std::vector<std::string> stored;
  for (const domain::Task& task : listed->items) stored.push_back(task.data);
  EXPECT_EQ(stored, (std::vector<std::string>{R"({"n":0})", R"({"n":1})", R"({"n":2})",
                                              R"({"n":3})", R"({"n":4})", R"({"n":5})",
                                              R"({"n":6})", R"({"n":7})", R"({"n":9})"}));
}

// A cancelled import job: progress says stop after the first batch, so the import ends with
// that status, keeps that batch and stores no other; importing the file again adds the rest.
TEST(TaskImportTest, AStopFromProgressKeepsTheStoredBatchesAndAnotherImportAddsTheRest) {
  ScratchStore store;
  const int64_t project_id = MakeEmptyProject(*store);
  std::string body;
  for (int i = 0; i < 10; ++i) body += "{\"n\": " + std::to_string(i) + "}\n";
  const SourceOpener open = [&]() -> Result<std::unique_ptr<ByteSource>> {
    return MakeStringSource(body);
  };
  ImportOptions options;
  options.batch_size = 3;
  options.progress = [](int64_t done, int64_t) {
    return done > 0 ? Status(StatusCode::kFailedPrecondition, "cancelled") : Status::Ok();
  };
  auto stopped = ImportTasks(store->tasks(), project_id, open, ImportFormat::kJsonl, options);
  EXPECT_EQ(stopped.status().message(), "cancelled");
  EXPECT_EQ(*store->tasks().Count(project_id), 3);

  options.progress = {};
  auto again = ImportTasks(store->tasks(), project_id, open, ImportFormat::kJsonl, options);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->inserted, 7);
  EXPECT_EQ(again->duplicate_count, 3);
  EXPECT_EQ(*store->tasks().Count(project_id), 10);
}

// The first pass reads every record before anything is stored (half an import's time); a stop
// asked for there ends the import at once with nothing stored and the second pass never read.
TEST(TaskImportTest, AStopDuringTheFirstPassStoresNothing) {
  ScratchStore store;
  const int64_t project_id = MakeEmptyProject(*store);
  std::string body;
  for (int i = 0; i < 10; ++i) body += "{\"n\": " + std::to_string(i) + "}\n";
  int opened = 0;
  const SourceOpener open = [&]() -> Result<std::unique_ptr<ByteSource>> {
    ++opened;
    return MakeStringSource(body);
  };
  ImportOptions options;
  options.batch_size = 4;
  std::vector<std::pair<int64_t, int64_t>> told;
  options.progress = [&](int64_t done, int64_t total) {
    told.emplace_back(done, total);
    return told.size() == 2 ? Status(StatusCode::kFailedPrecondition, "cancelled") : Status::Ok();
  };
  auto stopped = ImportTasks(store->tasks(), project_id, open, ImportFormat::kJsonl, options);
  EXPECT_EQ(stopped.status().message(), "cancelled");
  // Told after records 4 and 8 of the first pass, the total not yet known.
  EXPECT_EQ(told, (std::vector<std::pair<int64_t, int64_t>>{{0, 0}, {0, 0}}));
  EXPECT_EQ(opened, 1);
  EXPECT_EQ(*store->tasks().Count(project_id), 0);
}

}  // namespace
}  // namespace chorus::service
