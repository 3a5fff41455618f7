// Stored aggregates over the API as shipped: annotators split on a task, a manager starts a
// Dawid-Skene run (202 + job), polls the job to success, and reads the rows as JSON and as a
// CSV that parses; reviewers and annotators get 403 on the reading routes (a gold task's row
// shows its reference, and neither may learn which tasks are gold); an
// unknown method is a 400 naming "method"; the job has no file to download; and the project
// export carries each task's aggregate.
#include "core/csv_reader.h"
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

TEST_P(AppApiTest, AggregatesAreComputedAsAJobAndReadByManagersOnly) {
  const int64_t project = MakeProject(/*overlap=*/2, /*tasks=*/1);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const Client first = Login("annotator1@example.org");
  const Client second = Login("annotator2@example.org");
  const int64_t task = LabelNext(first, project, "positive");
  ASSERT_NE(task, 0);
  ASSERT_EQ(LabelNext(second, project, "negative"), task);
  const std::string task_url = "/api/v1/tasks/" + std::to_string(task) + "/aggregate";

  // Annotators must not see everyone's labels (nor gold), not even by starting a run.
  EXPECT_EQ(first.Post(p + "/aggregates", {{"method", "ds"}}).status, 403);
  EXPECT_EQ(first.Call("GET", p + "/aggregates").status, 403);
  EXPECT_EQ(first.Call("GET", task_url).status, 403);

  const Client manager = Login("manager1@example.org");
  EXPECT_EQ(manager.Call("GET", task_url).status, 404);  // Not computed yet.
  const ClientResponse bad = manager.Post(p + "/aggregates", {{"method", "vibes"}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Json()["error"]["field"], "method");

  const ClientResponse started = manager.Post(p + "/aggregates", {{"method", "mv"}});
  ASSERT_EQ(started.status, 202) << started.body;
  EXPECT_EQ(started.Json()["kind"], "aggregate");
  const std::string job_url = started.Json()["url"];
  EXPECT_EQ(started.Header("Location").value_or(""), job_url);
  const json job = AwaitJob(manager, job_url);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["manifest"]["tasks"], 1);
  EXPECT_EQ(job["manifest"]["votes"], 2);
  EXPECT_EQ(job["manifest"]["method"], "mv");
  EXPECT_TRUE(job["download_url"].is_null());
  EXPECT_EQ(manager.Call("GET", job_url + "/download").status, 409);

  const Client reviewer = Login("reviewer1@example.org");
  EXPECT_EQ(reviewer.Call("GET", p + "/aggregates?limit=10").status, 403);
  EXPECT_EQ(reviewer.Call("GET", task_url).status, 403);
  const ClientResponse listed = manager.Call("GET", p + "/aggregates?limit=10");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json()["aggregates"].size(), 1u);
  const json row = listed.Json()["aggregates"][0];
  EXPECT_EQ(row["task_id"], task);
  EXPECT_EQ(row["control"], "sentiment");
  EXPECT_EQ(row["votes"], 2);
  EXPECT_EQ(row["source"], "inferred");
  EXPECT_DOUBLE_EQ(row["distribution"]["positive"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(row["confidence"].get<double>(), 0.5);
  EXPECT_TRUE(listed.Json()["next_cursor"].is_null());
  EXPECT_EQ(manager.Call("GET", task_url).Json(), row);

  const ClientResponse csv = manager.Call("GET", p + "/aggregates?format=csv");
  ASSERT_EQ(csv.status, 200);
  EXPECT_EQ(csv.Header("Content-Type").value_or("").rfind("text/csv", 0), 0u);
  CsvReader reader(MakeStringSource(csv.body, "aggregates.csv"));
  std::vector<std::vector<std::string>> rows;
  while (true) {
    auto next = reader.Next();
    ASSERT_TRUE(next.ok()) << next.status().ToString();
    if (!*next) break;
    auto& fields = rows.emplace_back();
    for (const CsvFieldView& field : reader.record().fields()) fields.emplace_back(field.value);
  }
  ASSERT_EQ(rows.size(), 2u);
  ASSERT_EQ(rows[0].size(), rows[1].size());
  EXPECT_EQ(rows[0][0], "task_id");
  EXPECT_EQ(rows[1][0], std::to_string(task));
  const auto column = [&](const std::string& name) {
    const auto it = std::find(rows[0].begin(), rows[0].end(), name);
    return it == rows[0].end() ? std::string("<missing>") : rows[1][it - rows[0].begin()];
  };
  EXPECT_EQ(column("aggregate_method"), "mv");
  EXPECT_EQ(column("aggregate_votes"), "2");
  EXPECT_EQ(json::parse(column("aggregate_distribution"))["negative"], 0.5);

  // The export carries the stored aggregate beside the raw labels.
  const ClientResponse exported = manager.Call("GET", p + "/export?format=jsonl");
  ASSERT_EQ(exported.status, 200);
  const json line = json::parse(exported.body.substr(0, exported.body.find('\n')));
  EXPECT_EQ(line["annotations"].size(), 2u);
  EXPECT_EQ(line["aggregate"]["method"], "mv");
  EXPECT_EQ(line["aggregate"]["votes"], 2);
  const ClientResponse exported_csv = manager.Call("GET", p + "/export?format=csv");
  EXPECT_NE(exported_csv.body.find("aggregate_posterior"), std::string::npos);
}

}  // namespace
}  // namespace chorus::app
