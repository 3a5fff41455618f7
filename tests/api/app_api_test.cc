// The whole API as shipped (app::BuildApiRouter over a real store — SQLite, and PostgreSQL
// from the pg_cluster test fixture — and a real server on loopback): the annotator's loop from
// import to export, and the authorization matrix — every route × every role (and no credentials),
// expected outcome derived from the one permission table (service/permissions.h), so a route that
// forgets its guard or names the wrong action fails here.
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

TEST_P(AppApiTest, ImportIsAtomicReportsEveryBadRecordAndDeduplicates) {
  const int64_t project = MakeProject(1, 5);
  const std::string imports = "/api/v1/projects/" + std::to_string(project) + "/imports";
  // The same file again: nothing new, five duplicates by content hash.
  std::string jsonl;
  for (int i = 0; i < 5; ++i)
    jsonl += json({{"text", "review " + std::to_string(i)}}).dump() + "\n";
  const ClientResponse again = admin_->Call("POST", imports, jsonl, "application/x-ndjson");
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["inserted"], 0);
  ASSERT_EQ(again.Json()["duplicates"].size(), 5u);
  EXPECT_EQ(again.Json()["duplicates"][0]["by"], "content_hash");
  // Two bad records among good ones: 422, both named, nothing stored.
  const ClientResponse bad = admin_->Call(
      "POST", imports, "{\"text\": \"new\"}\n[1]\n{\"data\": {}, \"priority\": \"x\"}\n",
      "application/x-ndjson");
  ASSERT_EQ(bad.status, 422) << bad.body;
  ASSERT_EQ(bad.Json()["errors"].size(), 2u);
  EXPECT_EQ(bad.Json()["errors"][0]["line"], 2);
  EXPECT_EQ(bad.Json()["errors"][1]["field"], "priority");
  const ClientResponse read = admin_->Call("GET", "/api/v1/projects/" + std::to_string(project));
  EXPECT_EQ(read.Json()["task_count"], 5);
  // CSV, and a Content-Type that names no format.
  const ClientResponse csv =
      admin_->Call("POST", imports, "text,external_id\nhello,e1\n", "text/csv");
  EXPECT_EQ(csv.Json()["inserted"], 1) << csv.body;
  EXPECT_EQ(admin_->Call("POST", imports, "x", "text/plain").status, 400);
}

// Issue 4: "1,000,000-task imports stream with bounded memory and progress". With
// ?background=true the upload answers 202 and a job at once; the job shows the records stored
// of the total and ends with the answer the upload would have had: the summary, or the 422
// record errors with nothing stored.
TEST_P(AppApiTest, BackgroundImportsReportProgressAndTheirAnswer) {
  constexpr int kTasks = 3'000;
  const int64_t project = MakeProject(1, 0);
  const std::string read = "/api/v1/projects/" + std::to_string(project);
  const std::string imports = read + "/imports";
  std::string jsonl;
  for (int i = 0; i < kTasks; ++i) {
    jsonl += json({{"text", "background " + std::to_string(i)}}).dump() + "\n";
  }
  const ClientResponse started =
      admin_->Call("POST", imports + "?background=true", jsonl, "application/x-ndjson");
  ASSERT_EQ(started.status, 202) << started.body;
  EXPECT_EQ(started.Json()["kind"], "import");
  const std::string url = started.Json()["url"];
  EXPECT_EQ(started.Header("Location").value_or(""), url);
  const json job = AwaitJob(*admin_, url);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["progress"]["done"], kTasks);
  EXPECT_EQ(job["progress"]["total"], kTasks);
  EXPECT_EQ(job["manifest"]["inserted"], kTasks);
  EXPECT_TRUE(job["download_url"].is_null());
  EXPECT_EQ(admin_->Call("GET", read).Json()["task_count"], kTasks);

  const ClientResponse bad = admin_->Call("POST", imports + "?background=true",
                                          "{\"text\": \"new\"}\n[1]\n", "application/x-ndjson");
  ASSERT_EQ(bad.status, 202) << bad.body;
  const json failed = AwaitJob(*admin_, bad.Json()["url"]);
  ASSERT_EQ(failed["state"], "failed") << failed.dump();
  EXPECT_EQ(failed["manifest"]["error"]["code"], "invalid_records");
  ASSERT_EQ(failed["manifest"]["errors"].size(), 1u) << failed.dump();
  EXPECT_EQ(failed["manifest"]["errors"][0]["line"], 2);
  EXPECT_EQ(admin_->Call("GET", read).Json()["task_count"], kTasks);

  const ClientResponse unclear =
      admin_->Call("POST", imports + "?background=yes", jsonl, "application/x-ndjson");
  EXPECT_EQ(unclear.status, 400);
  EXPECT_EQ(unclear.Json()["error"]["field"], "background");
}

// Uploads are spooled to disk and read twice, a record at a time: a JSON array larger than a
// read chunk arrives whole, and the spooled file is gone afterwards.
TEST_P(AppApiTest, LargeImportsStreamFromASpooledFileThatIsRemovedAfterwards) {
  const int64_t project = MakeProject(1, 1);
  const std::string imports = "/api/v1/projects/" + std::to_string(project) + "/imports";
  constexpr int kTasks = 12'000;  // Batches: TaskImportTest.BatchesAreStoredInOrder….
  json tasks = json::array();
  for (int i = 0; i < kTasks; ++i) {
    tasks.push_back({{"data", {{"text", "review " + std::to_string(i)}, {"meta", {{"i", i}}}}},
                     {"priority", i % 3}});
  }
  tasks.push_back(tasks[7]);  // A duplicate by content inside the file.
  const ClientResponse imported = admin_->Call("POST", imports, tasks.dump(), "application/json");
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.Json()["records"], kTasks + 1);
  EXPECT_EQ(imported.Json()["inserted"], kTasks);
  EXPECT_EQ(imported.Json()["duplicate_count"], 1);
  EXPECT_EQ(imported.Json()["duplicates"][0]["record"], kTasks);
  EXPECT_EQ(admin_->Call("GET", "/api/v1/projects/" + std::to_string(project)).Json()["task_count"],
            kTasks + 1);
  // Broken JSON deep in the file: nothing stored, and the error says where.
  std::string broken = tasks.dump();
  broken.resize(broken.size() - 40);
  const ClientResponse bad = admin_->Call("POST", imports, broken, "application/json");
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_NE(bad.Json()["errors"][0]["message"].get<std::string>().find("after record 11999"),
            std::string::npos)
      << bad.body;
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "uploads"));
}

TEST_P(AppApiTest, AnnotatorsGetDistinctTasksUpToTheOverlapAndRetriesAreIdempotent) {
  const int64_t project = MakeProject(1, 3);
  const std::string next = "/api/v1/projects/" + std::to_string(project) + "/next";
  const Client first = Login("annotator1@example.org");
  const Client second = Login("annotator2@example.org");
  const ClientResponse a = first.Post(next, json::object());
  const ClientResponse b = second.Post(next, json::object());
  ASSERT_EQ(a.status, 200) << a.body;
  ASSERT_EQ(b.status, 200) << b.body;
  const int64_t task_a = a.Json()["task"]["id"];
  EXPECT_NE(task_a, b.Json()["task"]["id"].get<int64_t>());  // Overlap 1: never the same task.
  EXPECT_EQ(first.Post(next, json::object()).Json()["task"]["id"], task_a);  // Asking again.

  const std::string submit = "/api/v1/tasks/" + std::to_string(task_a) + "/annotations";
  const json answer = {{"result", {{"sentiment", {{"choices", {"positive"}}}}}},
                       {"lead_time_ms", 1200},
                       {"active_time_ms", 900},
                       {"idempotency_key", "k-1"}};
  const ClientResponse stored = first.Post(submit, answer);
  ASSERT_EQ(stored.status, 201) << stored.body;
  const ClientResponse replay = first.Post(submit, answer);
  ASSERT_EQ(replay.status, 200) << replay.body;
  EXPECT_EQ(replay.Json()["annotation"]["id"], stored.Json()["annotation"]["id"]);
  EXPECT_TRUE(replay.Json()["replayed"].get<bool>());
  // The same key on another task is a client bug, not a retry: refused, nothing stored.
  const int64_t task_c = TakeNext(first, project);
  ASSERT_NE(task_c, 0);
  const ClientResponse reused = first.Post(AnnotationsPath(task_c), answer);
  EXPECT_EQ(reused.status, 409) << reused.body;
  EXPECT_EQ(reused.Json()["error"]["field"], "idempotency_key");
  // Answers are checked against the interface: an option it does not offer names its place.
  const ClientResponse wrong = second.Post(
      "/api/v1/tasks/" + std::to_string(b.Json()["task"]["id"].get<int64_t>()) + "/annotations",
      {{"result", {{"sentiment", {{"choices", {"sarcastic"}}}}}}, {"idempotency_key", "w"}});
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_EQ(wrong.Json()["error"]["field"], "result.sentiment.choices[0]");
  // The task has its one label: nobody adds a second. A reviewer, who may label any task, is
  // refused by the overlap; an annotator it was not handed, before that.
  json other = answer;
  other["idempotency_key"] = "k-2";
  EXPECT_EQ(Login("reviewer1@example.org").Post(submit, other).status, 409);
  EXPECT_EQ(second.Post(submit, other).status, 403);
  // Blind: annotators cannot read labels; reviewers can.
  EXPECT_EQ(first.Call("GET", submit).status, 403);
  const ClientResponse reviewed = Login("reviewer1@example.org").Call("GET", submit);
  ASSERT_EQ(reviewed.status, 200);
  EXPECT_EQ(reviewed.Json()["annotations"].size(), 1u);
  // Three tasks, overlap 1: the first annotator finishes the rest and then gets 204.
  int labelled = 1;
  for (ClientResponse task = first.Post(next, json::object()); task.status == 200;
       task = first.Post(next, json::object())) {
    json skip = {{"result", json::object()},
                 {"state", "skipped"},
                 {"idempotency_key", "s" + std::to_string(labelled)}};
    ASSERT_EQ(
        first
            .Post("/api/v1/tasks/" + std::to_string(task.Json()["task"]["id"].get<int64_t>()) +
                      "/annotations",
                  skip)
            .status,
        201);
    ASSERT_LT(++labelled, 10) << "next kept returning tasks";
  }
  EXPECT_EQ(first.Post(next, json::object()).status, 204);
}

// Catalogue entries 10 and 66: an annotator answers, or drafts, only the task next handed
// them; any other task id is refused alike (403, field task_id), held or free. A reviewer, who
// may label any task, cannot take the slot an annotator holds either (409) but takes a free one.
TEST_P(AppApiTest, AnswersStayWithinWhatNextHandedOut) {
  const int64_t project = MakeProject(1, 2);
  const Client holder = Login("annotator1@example.org");
  const Client other = Login("annotator2@example.org");
  const Client reviewer = Login("reviewer1@example.org");
  const int64_t held = TakeNext(holder, project);
  ASSERT_NE(held, 0);
  const json tasks =
      admin_->Call("GET", "/api/v1/projects/" + std::to_string(project) + "/tasks").Json()["tasks"];
  const int64_t free = tasks[0]["id"] == held ? tasks[1]["id"] : tasks[0]["id"];

  for (const int64_t task : {held, free}) {
    const ClientResponse answer = other.Post(AnnotationsPath(task), ChoiceAnswer("negative", "o"));
    EXPECT_EQ(answer.status, 403) << answer.body;
    EXPECT_EQ(answer.Json()["error"]["field"], "task_id");
    const ClientResponse draft =
        other.Call("PUT", "/api/v1/tasks/" + std::to_string(task) + "/draft",
                   json({{"result", json::object()}}).dump());
    EXPECT_EQ(draft.status, 403) << draft.body;
  }
  const ClientResponse taken =
      reviewer.Post(AnnotationsPath(held), ChoiceAnswer("negative", "r-1"));
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(taken.Json()["error"]["field"], "task_id");
  EXPECT_EQ(holder.Post(AnnotationsPath(held), ChoiceAnswer("negative", "h-1")).status, 201);
  EXPECT_EQ(reviewer.Post(AnnotationsPath(free), ChoiceAnswer("negative", "r-2")).status, 201);
  EXPECT_EQ(TakeNext(other, project), 0);  // Both tasks have their one label.
  const json labels = admin_->Call("GET", AnnotationsPath(held)).Json()["annotations"];
  ASSERT_EQ(labels.size(), 1u);
  EXPECT_EQ(labels[0]["annotator_id"], user_ids_.at("annotator1@example.org"));
}

// A label interface is validated on save, with the field inside it named.
TEST_P(AppApiTest, ProjectsRefuseAnInvalidLabelInterface) {
  const ClientResponse empty = admin_->Post("/api/v1/projects", {{"name", "No controls"}});
  ASSERT_EQ(empty.status, 400) << empty.body;
  EXPECT_EQ(empty.Json()["error"]["field"].get<std::string>().rfind("label_interface", 0), 0u);
  const ClientResponse no_options = admin_->Post(
      "/api/v1/projects",
      {{"name", "Bad"},
       {"label_interface",
        {{"controls",
          {{{"type", "choices"}, {"name", "x"}, {"to", "text"}, {"options", json::array()}}}}}}});
  ASSERT_EQ(no_options.status, 400) << no_options.body;
  EXPECT_EQ(no_options.Json()["error"]["field"], "label_interface.controls[0].options");
}

TEST_P(AppApiTest, ExportCarriesEveryAnnotation) {
  const int64_t project = MakeProject(2, 2);
  const std::string next = "/api/v1/projects/" + std::to_string(project) + "/next";
  for (const char* who : {"annotator1@example.org", "annotator2@example.org"}) {
    const Client client = Login(who);
    const int64_t task = client.Post(next, json::object()).Json()["task"]["id"];
    ASSERT_EQ(client
                  .Post("/api/v1/tasks/" + std::to_string(task) + "/annotations",
                        {{"result", {{"sentiment", {{"choices", {"negative"}}}}}},
                         {"idempotency_key", who}})
                  .status,
              201);
  }
  const std::string base = "/api/v1/projects/" + std::to_string(project) + "/export";
  const ClientResponse jsonl = admin_->Call("GET", base + "?format=jsonl");
  ASSERT_EQ(jsonl.status, 200) << jsonl.body;
  size_t annotations = 0, lines = 0;
  for (size_t start = 0; start < jsonl.body.size();) {
    const size_t end = jsonl.body.find('\n', start);
    const json task = json::parse(jsonl.body.substr(start, end - start));
    annotations += task["annotations"].size();
    ++lines;
    start = end + 1;
  }
  EXPECT_EQ(lines, 2u);
  EXPECT_EQ(annotations, 2u);  // Both labels of the shared task, disagreement kept.
  const ClientResponse json_export = admin_->Call("GET", base + "?format=json");
  EXPECT_EQ(json::parse(json_export.body).size(), 2u);
  const ClientResponse csv = admin_->Call("GET", base + "?format=csv");
  EXPECT_EQ(csv.Header("Content-Type").value_or("").rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv.Header("Content-Disposition").value_or(""),
            "attachment; filename=\"project-" + std::to_string(project) + ".csv\"");
  // The body's SHA-256 comes in Repr-Digest (RFC 9530), as with a job's download.
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(csv.body.data()),
                     csv.body.size());
  char base64[sodium_base64_ENCODED_LEN(sizeof digest, sodium_base64_VARIANT_ORIGINAL)];
  sodium_bin2base64(base64, sizeof base64, digest, sizeof digest, sodium_base64_VARIANT_ORIGINAL);
  EXPECT_EQ(csv.Header("Repr-Digest").value_or(""), std::string("sha-256=:") + base64 + ":");
  EXPECT_EQ(admin_->Call("GET", base + "?format=xml").status, 400);
  // Each body was written to the spool directory and sent from there, and none is left.
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "exports"));
}

// Catalogue entry 84: a large export runs as a background job, downloadable when done, with a
// manifest (task count, SHA-256) equal to what is in the database and in the file.
TEST_P(AppApiTest, ExportJobsReportProgressAndAVerifiableFile) {
  constexpr int kTasks = 2'500;  // Three pages of the exporter.
  const int64_t project = MakeProject(1, kTasks);
  const std::string exports = "/api/v1/projects/" + std::to_string(project) + "/exports";
  const ClientResponse started = admin_->Post(exports, {{"format", "jsonl"}});
  ASSERT_EQ(started.status, 202) << started.body;
  const std::string url = started.Json()["url"];
  EXPECT_EQ(started.Header("Location").value_or(""), url);
  EXPECT_EQ(started.Json()["progress"]["total"], kTasks);
  json job;
  for (int polls = 0; polls < 200; ++polls) {
    job = admin_->Call("GET", url).Json();
    if (job["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["progress"]["done"], kTasks);
  EXPECT_EQ(job["manifest"]["tasks"], kTasks);
  const ClientResponse file = admin_->Call("GET", job["download_url"].get<std::string>());
  ASSERT_EQ(file.status, 200) << file.body;
  EXPECT_EQ(std::count(file.body.begin(), file.body.end(), '\n'), kTasks);
  EXPECT_EQ(job["manifest"]["bytes"], file.body.size());
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(file.body.data()),
                     file.body.size());
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  EXPECT_EQ(job["manifest"]["sha256"], hex);
  EXPECT_EQ(file.Header("Repr-Digest").value_or("").rfind("sha-256=:", 0), 0u);
  EXPECT_NE(file.Header("Content-Disposition").value_or("").find("attachment"), std::string::npos);
  // Only its owner and administrators see a job; a bad format is named.
  EXPECT_EQ(Login("manager1@example.org").Call("GET", url).status, 404);
  const ClientResponse bad = admin_->Post(exports, {{"format", "xml"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "format");
}

// A running job can be cancelled by whoever sees it: the export stops at its next page, its
// partial file is removed, and the job says it was cancelled. The cancel races the export,
// which may finish first (a 409 or a job that succeeded): then it is tried on a new export.
TEST_P(AppApiTest, ARunningJobCanBeCancelledByWhoeverSeesIt) {
  constexpr int kTasks = 5'000;  // Five pages of the exporter: four points to stop at.
  const int64_t project = MakeProject(1, kTasks);
  const std::string exports = "/api/v1/projects/" + std::to_string(project) + "/exports";
  json job = json::object();
  for (int attempt = 0; attempt < 5 && job.value("state", "") != "cancelled"; ++attempt) {
    const ClientResponse started = admin_->Post(exports, {{"format", "jsonl"}});
    ASSERT_EQ(started.status, 202) << started.body;
    const std::string url = started.Json()["url"];
    const ClientResponse cancelled = admin_->Post(url + "/cancel", json::object());
    if (cancelled.status == 409) continue;  // It finished first.
    ASSERT_EQ(cancelled.status, 202) << cancelled.body;
    EXPECT_EQ(cancelled.Json()["cancel_requested"], true);
    for (int polls = 0; polls < 400; ++polls) {
      job = admin_->Call("GET", url).Json();
      if (job["state"] != "running") break;
      std::this_thread::sleep_for(std::chrono::milliseconds(25));
    }
  }
  ASSERT_EQ(job["state"], "cancelled") << job.dump();
  EXPECT_EQ(job["error"], "cancelled by its owner");
  EXPECT_LT(job["progress"]["done"].get<int64_t>(), kTasks);
  EXPECT_TRUE(job["download_url"].is_null());
  const std::string url = job["url"];
  const ClientResponse download = admin_->Call("GET", url + "/download");
  EXPECT_EQ(download.status, 409);
  EXPECT_NE(download.body.find("cancelled"), std::string::npos) << download.body;
  const ClientResponse again = admin_->Post(url + "/cancel", json::object());
  EXPECT_EQ(again.status, 409);
  EXPECT_NE(again.body.find("nothing to cancel"), std::string::npos) << again.body;
  // No partial file is left: every file in the export directory is a finished job's.
  for (const auto& entry : std::filesystem::directory_iterator(dir_ / "exports")) {
    EXPECT_NE(entry.path().extension(), ".part") << entry.path();
  }
  // Others learn nothing of the job; an unknown one is not found.
  EXPECT_EQ(Login("manager1@example.org").Post(url + "/cancel", json::object()).status, 404);
  EXPECT_EQ(admin_->Post("/api/v1/jobs/999999/cancel", json::object()).status, 404);
}

// Issue 4, "drafts autosaved": the work in progress is saved naming the version last seen,
// read back by its author only, and becomes the submission (the same row) when submitted.
TEST_P(AppApiTest, DraftsAutosaveWithVersionsAndBecomeTheSubmission) {
  const int64_t project = MakeProject(1, 1);
  const Client first = Login("annotator1@example.org");
  const ClientResponse next =
      first.Post("/api/v1/projects/" + std::to_string(project) + "/next", json::object());
  ASSERT_EQ(next.status, 200) << next.body;
  const std::string task = std::to_string(next.Json()["task"]["id"].get<int64_t>());
  const std::string draft = "/api/v1/tasks/" + task + "/draft";
  EXPECT_EQ(first.Call("GET", draft).status, 404);
  EXPECT_TRUE(next.Json()["draft"].is_null()) << next.body;

  // Incomplete work is fine in a draft: the interface is not checked yet.
  const ClientResponse created = first.Call("PUT", draft,
                                            json({{"result", {{"sentiment", json::object()}}},
                                                  {"lead_time_ms", 500},
                                                  {"active_time_ms", 400}})
                                                .dump());
  ASSERT_EQ(created.status, 201) << created.body;
  const json v1 = created.Json()["annotation"];
  EXPECT_EQ(v1["state"], "draft");
  EXPECT_EQ(v1["version"], 1);
  const ClientResponse saved =
      first.Call("PUT", draft,
                 json({{"result", {{"sentiment", {{"choices", {"positive"}}}}}},
                       {"lead_time_ms", 900},
                       {"version", 1}})
                     .dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json()["annotation"]["version"], 2);
  EXPECT_EQ(saved.Json()["annotation"]["id"], v1["id"]);
  EXPECT_EQ(saved.Json()["annotation"]["lead_time_ms"], 900);
  EXPECT_EQ(saved.Json()["annotation"]["active_time_ms"], 400);  // Not sent: kept.

  // A save from a tab that missed version 2, or one that never saw a draft: 409 with the
  // version to reload.
  for (const json& stale :
       {json({{"result", json::object()}, {"version", 1}}), json({{"result", json::object()}})}) {
    const ClientResponse refused = first.Call("PUT", draft, stale.dump());
    ASSERT_EQ(refused.status, 409) << refused.body;
    EXPECT_EQ(refused.Json()["error"]["current_version"], 2);
    EXPECT_EQ(refused.Json()["error"]["field"], "version");
  }
  const ClientResponse not_object =
      first.Call("PUT", draft, json({{"result", json::array()}, {"version", 2}}).dump());
  EXPECT_EQ(not_object.Json()["error"]["field"], "result");
  const ClientResponse negative =
      first.Call("PUT", draft,
                 json({{"result", json::object()}, {"active_time_ms", -1}, {"version", 2}}).dump());
  EXPECT_EQ(negative.status, 400);
  EXPECT_EQ(negative.Json()["error"]["field"], "active_time_ms");

  const ClientResponse read = first.Call("GET", draft);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Json()["annotation"], saved.Json()["annotation"]);
  // After a reload, asking for the next task gives the same task with the draft.
  const ClientResponse resumed =
      first.Post("/api/v1/projects/" + std::to_string(project) + "/next", json::object());
  ASSERT_EQ(resumed.status, 200) << resumed.body;
  EXPECT_EQ(resumed.Json()["task"]["id"], next.Json()["task"]["id"]);
  EXPECT_EQ(resumed.Json()["draft"], saved.Json()["annotation"]);
  // Blind: nobody else sees it, reviewers included (it is not a label yet).
  EXPECT_EQ(Login("annotator2@example.org").Call("GET", draft).status, 404);
  const std::string labels = "/api/v1/tasks/" + task + "/annotations";
  const Client reviewer = Login("reviewer1@example.org");
  EXPECT_EQ(reviewer.Call("GET", labels).Json()["annotations"].size(), 0u);

  const json answer = {{"result", {{"sentiment", {{"choices", {"negative"}}}}}},
                       {"idempotency_key", "after-draft"}};
  const ClientResponse submitted = first.Post(labels, answer);
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const json label = submitted.Json()["annotation"];
  EXPECT_EQ(label["id"], v1["id"]);  // The draft's row, not a second one.
  EXPECT_EQ(label["version"], 3);
  EXPECT_EQ(label["state"], "submitted");
  EXPECT_EQ(label["lead_time_ms"], 900);  // Not sent with the submission: the draft's.
  const ClientResponse replay = first.Post(labels, answer);
  EXPECT_EQ(replay.status, 200) << replay.body;
  EXPECT_EQ(replay.Json()["annotation"], label);
  EXPECT_EQ(first.Call("GET", draft).status, 404);
  const ClientResponse late =
      first.Call("PUT", draft, json({{"result", json::object()}, {"version", 3}}).dump());
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_EQ(late.Json()["error"]["field"], "state");
  EXPECT_EQ(reviewer.Call("GET", labels).Json()["annotations"], json::array({label}));
}

// Issue 4, "update with a version" and "a label is never overwritten by another person".
TEST_P(AppApiTest, AnnotatorsCorrectTheirOwnLabelsOnly) {
  const int64_t project = MakeProject(1, 1);
  const std::string next = "/api/v1/projects/" + std::to_string(project) + "/next";
  const Client first = Login("annotator1@example.org");
  const Client second = Login("annotator2@example.org");
  const int64_t task = first.Post(next, json::object()).Json()["task"]["id"];
  const ClientResponse stored =
      first.Post("/api/v1/tasks/" + std::to_string(task) + "/annotations",
                 {{"result", {{"sentiment", {{"choices", {"positive"}}}}}},
                  {"lead_time_ms", 1200},
                  {"idempotency_key", "p-1"}});
  ASSERT_EQ(stored.status, 201) << stored.body;
  const std::string target =
      "/api/v1/annotations/" + std::to_string(stored.Json()["annotation"]["id"].get<int64_t>());
  EXPECT_EQ(second.Post(next, json::object()).status, 204);  // Overlap 1: the task is full.

  const json negative = {{"sentiment", {{"choices", {"negative"}}}}};
  const ClientResponse fixed =
      first.Call("PATCH", target,
                 json({{"result", negative}, {"active_time_ms", 5000}, {"version", 1}}).dump());
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  EXPECT_EQ(fixed.Json()["annotation"]["version"], 2);
  EXPECT_EQ(fixed.Json()["annotation"]["result"], negative);
  EXPECT_EQ(fixed.Json()["annotation"]["lead_time_ms"], 1200);
  EXPECT_EQ(fixed.Json()["annotation"]["active_time_ms"], 5000);
  const ClientResponse stale =
      first.Call("PATCH", target, json({{"result", negative}, {"version", 1}}).dump());
  ASSERT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.Json()["error"]["current_version"], 2);
  const ClientResponse no_version =
      first.Call("PATCH", target, json({{"result", negative}}).dump());
  EXPECT_EQ(no_version.status, 400);
  EXPECT_EQ(no_version.Json()["error"]["field"], "version");
  const ClientResponse wrong = first.Call(
      "PATCH", target,
      json({{"result", {{"sentiment", {{"choices", {"sarcastic"}}}}}}, {"version", 2}}).dump());
  EXPECT_EQ(wrong.status, 400);
  EXPECT_EQ(wrong.Json()["error"]["field"], "result.sentiment.choices[0]");

  // Someone else, with the right version, whatever their role: 403 and nothing changes.
  const json overwrite = {{"result", {{"sentiment", {{"choices", {"positive"}}}}}}, {"version", 2}};
  for (const Client* other : {&second, static_cast<const Client*>(admin_.get())}) {
    const ClientResponse refused = other->Call("PATCH", target, overwrite.dump());
    EXPECT_EQ(refused.status, 403) << refused.body;
  }
  const ClientResponse after =
      admin_->Call("GET", "/api/v1/tasks/" + std::to_string(task) + "/annotations");
  ASSERT_EQ(after.Json()["annotations"].size(), 1u);
  EXPECT_EQ(after.Json()["annotations"][0], fixed.Json()["annotation"]);
  // The correction is in the audit log with what it replaced.
  const auto events = store_->audit().ListByEntity(
      "annotation", stored.Json()["annotation"]["id"].get<int64_t>(), {0, 10});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->items.size(), 1u);
  EXPECT_EQ(json::parse(events->items[0].before)["version"], 1);
  EXPECT_EQ(json::parse(events->items[0].after)["version"], 2);

  // Turning the label into a skip frees its slot: the second annotator gets the task.
  const ClientResponse skipped = first.Call("PATCH", target,
                                            json({{"result", json::object()},
                                                  {"state", "skipped"},
                                                  {"skip_reason", "on reflection, ambiguous"},
                                                  {"version", 2}})
                                                .dump());
  ASSERT_EQ(skipped.status, 200) << skipped.body;
  EXPECT_EQ(skipped.Json()["annotation"]["skip_reason"], "on reflection, ambiguous");
  const ClientResponse handed = second.Post(next, json::object());
  ASSERT_EQ(handed.status, 200) << handed.body;
  EXPECT_EQ(handed.Json()["task"]["id"], task);
}

// Issue 5, "the next task arrives prefetched": ?next=1 answers the submission with the task to
// label next (reserved as POST .../next would), null once nothing is left; a replay too.
TEST_P(AppApiTest, SubmittingWithNextReturnsTheFollowingTask) {
  const int64_t project = MakeProject(1, 2);
  const Client annotator = Login("annotator1@example.org");
  const auto submit = [&](int64_t task, const std::string& key, const std::string& query) {
    return annotator.Post(
        "/api/v1/tasks/" + std::to_string(task) + "/annotations" + query,
        {{"result", {{"sentiment", {{"choices", {"positive"}}}}}}, {"idempotency_key", key}});
  };
  const ClientResponse first =
      annotator.Post("/api/v1/projects/" + std::to_string(project) + "/next", json::object());
  ASSERT_EQ(first.status, 200) << first.body;
  const int64_t task_a = first.Json()["task"]["id"];
  const ClientResponse a = submit(task_a, "n-1", "?next=1");
  ASSERT_EQ(a.status, 201) << a.body;
  ASSERT_TRUE(a.Json()["next"].is_object()) << a.body;
  const int64_t task_b = a.Json()["next"]["task"]["id"];
  EXPECT_NE(task_b, task_a);
  EXPECT_TRUE(a.Json()["next"]["draft"].is_null());
  EXPECT_GT(a.Json()["next"]["expires_at"].get<int64_t>(), 0);
  // The reservation is real: asking for the next task hands out the same one.
  EXPECT_EQ(annotator.Post("/api/v1/projects/" + std::to_string(project) + "/next", json::object())
                .Json()["task"]["id"],
            task_b);
  const ClientResponse b = submit(task_b, "n-2", "?next=1");
  ASSERT_EQ(b.status, 201) << b.body;
  ASSERT_TRUE(b.Json().contains("next"));
  EXPECT_TRUE(b.Json()["next"].is_null());
  const ClientResponse replay = submit(task_b, "n-2", "?next=1");
  EXPECT_EQ(replay.status, 200) << replay.body;
  EXPECT_TRUE(replay.Json()["next"].is_null());
  EXPECT_FALSE(submit(task_b, "n-2", "").Json().contains("next"));
  // The annotate page's "your progress": two labels, no skip.
  const ClientResponse stats =
      annotator.Call("GET", "/api/v1/projects/" + std::to_string(project) + "/stats/me");
  ASSERT_EQ(stats.status, 200) << stats.body;
  EXPECT_EQ(stats.Json()["submitted"], 2);
  EXPECT_EQ(stats.Json()["skipped"], 0);
  EXPECT_EQ(Login("annotator2@example.org")
                .Call("GET", "/api/v1/projects/" + std::to_string(project) + "/stats/me")
                .Json()["submitted"],
            0);
}

// Issue 5, the data browser: label counts, search, filter, order and offset through the API;
// a bad parameter is a 400 naming it.
TEST_P(AppApiTest, TaskBrowserSearchesFiltersAndNamesBadParameters) {
  const int64_t project = MakeProject(1, 3);
  const std::string tasks = "/api/v1/projects/" + std::to_string(project) + "/tasks";
  const Client annotator = Login("annotator1@example.org");
  const int64_t first =
      annotator.Post("/api/v1/projects/" + std::to_string(project) + "/next", json::object())
          .Json()["task"]["id"];
  ASSERT_EQ(annotator
                .Post("/api/v1/tasks/" + std::to_string(first) + "/annotations",
                      {{"result", {{"sentiment", {{"choices", {"positive"}}}}}}})
                .status,
            201);
  const json all = admin_->Call("GET", tasks + "?order=-id").Json();
  ASSERT_EQ(all["tasks"].size(), 3u);
  EXPECT_GT(all["tasks"][0]["id"].get<int64_t>(), all["tasks"][2]["id"].get<int64_t>());
  const json labelled = admin_->Call("GET", tasks + "?labels=labelled").Json();
  ASSERT_EQ(labelled["tasks"].size(), 1u);
  EXPECT_EQ(labelled["tasks"][0]["id"], first);
  EXPECT_EQ(labelled["tasks"][0]["label_counts"], json({{"submitted", 1}, {"skipped", 0}}));
  EXPECT_EQ(admin_->Call("GET", tasks + "?labels=unlabelled&offset=1").Json()["tasks"].size(), 1u);
  EXPECT_EQ(admin_->Call("GET", tasks + "?q=no%20such%20text").Json()["tasks"].size(), 0u);
  for (const char* bad : {"labels=some", "order=name", "offset=-1", "offset=x"}) {
    const ClientResponse refused = admin_->Call("GET", tasks + "?" + bad);
    EXPECT_EQ(refused.status, 400) << bad;
    EXPECT_EQ(refused.Json()["error"]["field"],
              std::string(bad).substr(0, std::string(bad).find('=')));
  }
  EXPECT_EQ(admin_->Call("GET", tasks + "?q=" + std::string(201, 'a')).Json()["error"]["field"],
            "q");
}

// Issue 5, the reviewer view: a reviewer accepts, rejects (with a reason) or fixes (with a
// result checked as a submission is) someone else's label; the label itself never changes.
TEST_P(AppApiTest, ReviewersAcceptRejectOrFixOthersLabelsOnly) {
  const int64_t project = MakeProject(1, 1);
  const Client annotator = Login("annotator1@example.org");
  const int64_t task =
      annotator.Post("/api/v1/projects/" + std::to_string(project) + "/next", json::object())
          .Json()["task"]["id"];
  const ClientResponse labelled =
      annotator.Post("/api/v1/tasks/" + std::to_string(task) + "/annotations",
                     {{"result", {{"sentiment", {{"choices", {"positive"}}}}}}});
  ASSERT_EQ(labelled.status, 201) << labelled.body;
  const json label = labelled.Json()["annotation"];
  const std::string reviews =
      "/api/v1/annotations/" + std::to_string(label["id"].get<int64_t>()) + "/reviews";
  const Client reviewer = Login("reviewer1@example.org");
  const ClientResponse accepted = reviewer.Post(reviews, {{"verdict", "accepted"}});
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  EXPECT_EQ(accepted.Json()["review"]["task_id"], task);
  EXPECT_EQ(accepted.Json()["review"]["result"], nullptr);
  const json fixed_result = {{"sentiment", {{"choices", {"negative"}}}}};
  ASSERT_EQ(
      reviewer
          .Post(reviews,
                {{"verdict", "fixed"}, {"result", fixed_result}, {"comment", "it is sarcasm"}})
          .status,
      201);
  const ClientResponse bad_fix = reviewer.Post(
      reviews, {{"verdict", "fixed"}, {"result", {{"sentiment", {{"choices", {"sarcastic"}}}}}}});
  EXPECT_EQ(bad_fix.status, 400);
  EXPECT_EQ(bad_fix.Json()["error"]["field"], "result.sentiment.choices[0]");
  EXPECT_EQ(reviewer.Post(reviews, {{"verdict", "rejected"}}).Json()["error"]["field"], "comment");
  EXPECT_EQ(reviewer.Post(reviews, {{"verdict", "approved"}}).Json()["error"]["field"], "verdict");
  EXPECT_EQ(reviewer.Post(reviews, {{"verdict", "accepted"}, {"by", 1}}).Json()["error"]["field"],
            "by");
  ASSERT_EQ(reviewer.Post(reviews, {{"verdict", "rejected"}, {"comment", "read it again"}}).status,
            201);
  // Nobody reviews their own label; annotators review nothing.
  EXPECT_EQ(annotator.Post(reviews, {{"verdict", "accepted"}}).status, 403);
  const json listed =
      reviewer.Call("GET", "/api/v1/tasks/" + std::to_string(task) + "/reviews").Json()["reviews"];
  ASSERT_EQ(listed.size(), 3u);
  EXPECT_EQ(listed[0]["verdict"], "accepted");
  EXPECT_EQ(listed[1]["verdict"], "fixed");
  EXPECT_EQ(listed[1]["result"], fixed_result);
  EXPECT_EQ(listed[2]["comment"], "read it again");
  EXPECT_EQ(annotator.Call("GET", "/api/v1/tasks/" + std::to_string(task) + "/reviews").status,
            403);
  const json after =
      admin_->Call("GET", "/api/v1/tasks/" + std::to_string(task) + "/annotations").Json();
  EXPECT_EQ(after["annotations"][0], label);  // The label is as its annotator left it.
}

// Issue 4, "skip": an optional reason, trimmed and limited, kept and exported.
TEST_P(AppApiTest, SkipReasonIsTrimmedStoredAndExported) {
  const int64_t project = MakeProject(1, 2);
  const std::string next = "/api/v1/projects/" + std::to_string(project) + "/next";
  const Client first = Login("annotator1@example.org");
  const Client second = Login("annotator2@example.org");
  const int64_t task = first.Post(next, json::object()).Json()["task"]["id"];
  const std::string submit = "/api/v1/tasks/" + std::to_string(task) + "/annotations";
  const ClientResponse skipped = first.Post(submit, {{"result", json::object()},
                                                     {"state", "skipped"},
                                                     {"skip_reason", "  image does not load\n"},
                                                     {"idempotency_key", "s-1"}});
  ASSERT_EQ(skipped.status, 201) << skipped.body;
  EXPECT_EQ(skipped.Json()["annotation"]["skip_reason"], "image does not load");

  const int64_t other = second.Post(next, json::object()).Json()["task"]["id"];
  const std::string other_submit = "/api/v1/tasks/" + std::to_string(other) + "/annotations";
  for (const json& bad :
       {json({{"result", json::object()},
              {"state", "skipped"},
              {"skip_reason", std::string(501, 'x')}}),
        json({{"result", {{"sentiment", {{"choices", {"positive"}}}}}},
              {"skip_reason", "a label is not a skip"}}),
        json({{"result", json::object()}, {"state", "skipped"}, {"skip_reason", 7}})}) {
    const ClientResponse refused = second.Post(other_submit, bad);
    EXPECT_EQ(refused.status, 400) << bad.dump() << " " << refused.body;
    EXPECT_EQ(refused.Json()["error"]["field"], "skip_reason");
  }
  // Exports carry the reason, and no draft (work in progress is not a label).
  ASSERT_EQ(second
                .Call("PUT", "/api/v1/tasks/" + std::to_string(other) + "/draft",
                      json({{"result", json::object()}}).dump())
                .status,
            201);
  const std::string base = "/api/v1/projects/" + std::to_string(project) + "/export";
  const ClientResponse jsonl = admin_->Call("GET", base + "?format=jsonl");
  ASSERT_EQ(jsonl.status, 200) << jsonl.body;
  std::vector<json> annotations;
  for (size_t start = 0; start < jsonl.body.size();) {
    const size_t end = jsonl.body.find('\n', start);
    const json task_line = json::parse(jsonl.body.substr(start, end - start));
    for (const json& a : task_line["annotations"]) annotations.push_back(a);
    start = end + 1;
  }
  ASSERT_EQ(annotations.size(), 1u);
  EXPECT_EQ(annotations[0]["skip_reason"], "image does not load");
  const ClientResponse csv = admin_->Call("GET", base + "?format=csv");
  ASSERT_EQ(csv.status, 200);
  const std::string header = csv.body.substr(0, csv.body.find('\n'));
  // The task's aggregate columns follow (empty: the project was never aggregated).
  EXPECT_NE(header.find(",skip_reason,aggregate_method,"), std::string::npos) << header;
  EXPECT_EQ(header.substr(header.rfind(',') + 1), "aggregate_posterior");
  EXPECT_NE(csv.body.find(",image does not load,,,,,,,,,\n"), std::string::npos) << csv.body;
  EXPECT_EQ(csv.body.find("draft"), std::string::npos) << csv.body;
}

// Accepting an invitation: anonymous, CSRF-exempt like login, answered with the login cookies.
ClientResponse AcceptInvitation(int port, const std::string& token, const std::string& name) {
  const json body = {{"token", token}, {"password", kPassword}, {"display_name", name}};
  return test::Fetch(port, "POST", "/api/v1/invitations/accept", body.dump(),
                     "Content-Type: application/json\r\n")
      .value_or(ClientResponse{});
}

// The actions of the audit events `client` reads with `query` (every page).
std::vector<json> AuditEvents(const Client& client, const std::string& query) {
  std::vector<json> events;
  std::string cursor;
  for (int pages = 0; pages < 100; ++pages) {
    const ClientResponse page =
        client.Call("GET", "/api/v1/audit?" + query + (cursor.empty() ? "" : "&cursor=" + cursor));
    EXPECT_EQ(page.status, 200) << page.body;
    if (page.status != 200) break;
    const json body = page.Json();  // Kept: the loop below reads into it.
    for (const json& event : body["events"]) events.push_back(event);
    if (body["next_cursor"].is_null()) break;
    cursor = body["next_cursor"].get<std::string>();
  }
  return events;
}

// Issue 4: invite -> accept -> logged in with the invited role and tier; the token shows up
// once, never in the list; the invitee's password works afterwards.
TEST_P(AppApiTest, AnInvitationMakesTheAccountAndLogsItIn) {
  const ClientResponse invited =
      admin_->Post("/api/v1/invitations", {{"email", "New@Example.org"},
                                           {"role", "reviewer"},
                                           {"tier", "expert"},
                                           {"attributes", {{"region", "EU"}}},
                                           {"pay_rate_cents_per_hour", 2400}});
  ASSERT_EQ(invited.status, 201) << invited.body;
  const std::string token = invited.Json()["token"];
  EXPECT_EQ(token.rfind("chorus_invite_", 0), 0u);
  EXPECT_EQ(invited.Json()["email"], "new@example.org");
  EXPECT_EQ(invited.Json()["role"], "reviewer");
  EXPECT_TRUE(invited.Json()["expires_at"].get<int64_t>() >
              invited.Json()["created_at"].get<int64_t>());
  EXPECT_FALSE(invited.Json().contains("token_hash"));
  const ClientResponse listed = admin_->Call("GET", "/api/v1/invitations");
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json()["invitations"].size(), 1u);
  EXPECT_EQ(listed.Json()["invitations"][0]["id"], invited.Json()["id"]);
  EXPECT_EQ(listed.body.find(token.substr(14)), std::string::npos);
  EXPECT_EQ(listed.body.find(service::SecretHash(token)), std::string::npos);

  const ClientResponse accepted = AcceptInvitation(port_, token, "New Reviewer");
  ASSERT_EQ(accepted.status, 201) << accepted.body;
  EXPECT_EQ(accepted.Json()["user"]["role"], "reviewer");
  EXPECT_EQ(accepted.Json()["user"]["tier"], "expert");
  EXPECT_EQ(accepted.Json()["user"]["display_name"], "New Reviewer");
  EXPECT_EQ(accepted.Json()["user"]["pay_rate_cents_per_hour"], 2400);
  const Client invitee(port_, SetCookieValue(accepted, "chorus_session"),
                       SetCookieValue(accepted, "chorus_csrf"));
  EXPECT_EQ(SetCookieValue(accepted, "chorus_csrf"), accepted.Json()["csrf_token"]);
  const ClientResponse me = invitee.Call("GET", "/api/v1/me");
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_EQ(me.Json()["email"], "new@example.org");
  EXPECT_EQ(me.Json()["role"], "reviewer");
  EXPECT_EQ(me.Json()["attributes"]["region"], "EU");
  // The session carries the reviewer's permissions: reading labels yes, the user list no.
  EXPECT_EQ(invitee.Call("GET", "/api/v1/users").status, 403);
  EXPECT_NE(invitee.Call("GET", "/api/v1/tasks/1/annotations").status, 403);
  Login("new@example.org");  // The chosen password works.
  EXPECT_TRUE(admin_->Call("GET", "/api/v1/invitations").Json()["invitations"].empty());
  // Audited: the invitation, the account, the acceptance, the login.
  std::vector<std::string> actions;
  for (const json& event :
       AuditEvents(*admin_, "entity=invitation&entity_id=" +
                                std::to_string(invited.Json()["id"].get<int64_t>()))) {
    actions.push_back(event["action"]);
  }
  EXPECT_EQ(actions, (std::vector<std::string>{"invitation.create", "invitation.accept"}));
  const std::string me_id = std::to_string(me.Json()["id"].get<int64_t>());
  const std::vector<json> own = AuditEvents(*admin_, "entity=user&entity_id=" + me_id);
  ASSERT_GE(own.size(), 2u);
  EXPECT_EQ(own[0]["action"], "user.create");
  EXPECT_EQ(own[1]["action"], "auth.login");
}

// A reused, revoked, expired or unknown token: one answer, so it says nothing about which.
TEST_P(AppApiTest, UnusableInvitationsAllGetOneGenericError) {
  auto invite = [&](const std::string& email) {
    const ClientResponse r =
        admin_->Post("/api/v1/invitations", {{"email", email}, {"role", "annotator"}});
    EXPECT_EQ(r.status, 201) << r.body;
    return r.Json();
  };
  const json used = invite("used@example.org");
  ASSERT_EQ(AcceptInvitation(port_, used["token"], "First").status, 201);
  const json revoked = invite("revoked@example.org");
  ASSERT_EQ(
      admin_->Call("DELETE", "/api/v1/invitations/" + std::to_string(revoked["id"].get<int64_t>()))
          .status,
      204);
  // An expired one, made directly in the store (the API cannot backdate).
  const std::string expired_token = "chorus_invite_" + service::RandomSecret();
  domain::Invitation expired;
  expired.email = "expired@example.org";
  expired.token_hash = service::SecretHash(expired_token);
  expired.invited_by = admin_->Call("GET", "/api/v1/me").Json()["id"];
  expired.created_at = NowUnixMillis() - 8 * 24 * 3600 * 1000;
  expired.expires_at = NowUnixMillis() - 24 * 3600 * 1000;
  ASSERT_TRUE(store_->invitations().Create(expired).ok());

  const ClientResponse reused = AcceptInvitation(port_, used["token"], "Second");
  const ClientResponse after_revoke = AcceptInvitation(port_, revoked["token"], "R");
  const ClientResponse late = AcceptInvitation(port_, expired_token, "E");
  const ClientResponse unknown =
      AcceptInvitation(port_, "chorus_invite_" + service::RandomSecret(), "U");
  const json first = reused.Json()["error"];
  EXPECT_EQ(reused.status, 400) << reused.body;
  EXPECT_EQ(first["field"], "token");
  for (const ClientResponse* r : {&after_revoke, &late, &unknown}) {
    EXPECT_EQ(r->status, reused.status) << r->body;
    EXPECT_EQ(r->Json()["error"]["code"], first["code"]);
    EXPECT_EQ(r->Json()["error"]["message"], first["message"]);
    EXPECT_EQ(r->Json()["error"]["field"], first["field"]);
    EXPECT_TRUE(SetCookieValue(*r, "chorus_session").empty());
  }
  // Failures are limited like logins: 10 per token in 15 minutes, then 429 with Retry-After
  // (the revoked token has failed once above).
  for (int i = 1; i < 10; ++i) {
    EXPECT_EQ(AcceptInvitation(port_, revoked["token"], "R").status, 400);
  }
  const ClientResponse limited = AcceptInvitation(port_, revoked["token"], "R");
  EXPECT_EQ(limited.status, 429) << limited.body;
  EXPECT_TRUE(limited.Header("Retry-After").has_value());
  // Nothing was created by them.
  const json users = admin_->Call("GET", "/api/v1/users?limit=1000").Json();
  ASSERT_TRUE(users["users"].is_array());
  for (const json& user : users["users"]) {
    EXPECT_NE(user["email"], "revoked@example.org");
    EXPECT_NE(user["email"], "expired@example.org");
    EXPECT_NE(user["display_name"], "Second");
  }
  // An email registered by now is a conflict; revoking an accepted invitation is refused.
  const json late_email = invite("taken@example.org");
  ASSERT_EQ(admin_
                ->Post("/api/v1/users", {{"email", "taken@example.org"},
                                         {"display_name", "Direct"},
                                         {"password", kPassword}})
                .status,
            201);
  const ClientResponse taken = AcceptInvitation(port_, late_email["token"], "T");
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(taken.Json()["error"]["field"], "email");
  EXPECT_EQ(
      admin_->Call("DELETE", "/api/v1/invitations/" + std::to_string(used["id"].get<int64_t>()))
          .status,
      422);
}

// Managers invite annotators and reviewers only; nobody else invites at all.
TEST_P(AppApiTest, ManagersInviteAnnotatorsAndReviewersOnly) {
  const Client manager = Login("manager1@example.org");
  EXPECT_EQ(
      manager.Post("/api/v1/invitations", {{"email", "a@x.org"}, {"role", "annotator"}}).status,
      201);
  EXPECT_EQ(
      manager.Post("/api/v1/invitations", {{"email", "r@x.org"}, {"role", "reviewer"}}).status,
      201);
  for (const char* role : {"manager", "admin"}) {
    const ClientResponse refused =
        manager.Post("/api/v1/invitations", {{"email", "m@x.org"}, {"role", role}});
    EXPECT_EQ(refused.status, 403) << role << ": " << refused.body;
  }
  EXPECT_EQ(manager
                .Post("/api/v1/invitations",
                      {{"email", "p@x.org"}, {"role", "annotator"}, {"pay_rate_cents_per_hour", 1}})
                .status,
            403);
  // Unknown fields are refused, never applied (catalogue 62).
  EXPECT_EQ(admin_
                ->Post("/api/v1/invitations",
                       {{"email", "z@x.org"}, {"role", "annotator"}, {"is_admin", true}})
                .status,
            400);
  EXPECT_EQ(manager.Call("GET", "/api/v1/invitations").Json()["invitations"].size(), 2u);
}

// Catalogue 61: an annotator asking for more through /me or PATCH /users/{own id} gets 403,
// nothing changes, and an administrator sees each attempt in GET /api/v1/audit; annotators
// cannot read the audit log. The profile itself is editable within its bounds.
TEST_P(AppApiTest, EscalationIsRefusedUnchangedAndVisibleInTheAudit) {
  const Client annotator = Login("annotator1@example.org");
  const json before = annotator.Call("GET", "/api/v1/me").Json();
  const int64_t id = before["id"];
  const int64_t version = before["version"];
  const std::string self = "/api/v1/users/" + std::to_string(id);
  const std::vector<json> attempts = {
      {{"version", version}, {"role", "admin"}},
      {{"version", version}, {"tier", "gold_maker"}},
      {{"version", version}, {"pay_rate_cents_per_hour", 100000}},
      {{"version", version}, {"disabled", false}},
      {{"version", version}, {"email", "root@example.org"}},
      {{"version", version}, {"is_admin", true}},
      {{"version", version}, {"is_staff", true}, {"display_name", "Sneaky"}},
      {{"version", version}, {"permissions", {"manage_users"}}},
  };
  for (const json& attempt : attempts) {
    const ClientResponse via_me = annotator.Call("PATCH", "/api/v1/me", attempt.dump());
    EXPECT_EQ(via_me.status, 403) << attempt.dump() << ": " << via_me.body;
    const ClientResponse via_users = annotator.Call("PATCH", self, attempt.dump());
    EXPECT_EQ(via_users.status, 403) << attempt.dump() << ": " << via_users.body;
  }
  EXPECT_EQ(annotator.Call("GET", "/api/v1/me").Json(), before);  // Nothing changed.

  const std::vector<json> events =
      AuditEvents(*admin_, "entity=user&entity_id=" + std::to_string(id));
  size_t refused = 0;
  for (const json& event : events) {
    if (event["action"] != "user.escalation_refused") continue;
    EXPECT_EQ(event["actor_id"], id);
    EXPECT_TRUE(event["after"]["fields"].is_array());
    ++refused;
  }
  EXPECT_EQ(refused, 2 * attempts.size());
  // The first attempt names what was asked for and where.
  const auto first = std::find_if(events.begin(), events.end(), [](const json& e) {
    return e["action"] == "user.escalation_refused";
  });
  ASSERT_NE(first, events.end());
  EXPECT_EQ((*first)["after"]["via"], "PATCH /api/v1/me");
  EXPECT_EQ((*first)["after"]["fields"], json::array({"role", "version"}));
  // Filter by actor: the same events are there.
  EXPECT_GE(AuditEvents(*admin_, "actor_id=" + std::to_string(id)).size(), 2 * attempts.size());
  EXPECT_EQ(annotator.Call("GET", "/api/v1/audit").status, 403);
  EXPECT_EQ(Login("manager1@example.org").Call("GET", "/api/v1/audit").status, 403);

  // What /me is for: the display name and self-reported attributes, with the version.
  const ClientResponse edited =
      annotator.Call("PATCH", "/api/v1/me",
                     json({{"version", version},
                           {"display_name", "Ann"},
                           {"attributes", {{"languages", "en,de"}, {"region", "EU"}}}})
                         .dump());
  ASSERT_EQ(edited.status, 200) << edited.body;
  EXPECT_EQ(edited.Json()["display_name"], "Ann");
  EXPECT_EQ(edited.Json()["attributes"]["languages"], "en,de");
  EXPECT_EQ(edited.Json()["role"], "annotator");
  EXPECT_EQ(edited.Json()["version"], version + 1);
  const ClientResponse stale = annotator.Call(
      "PATCH", "/api/v1/me", json({{"version", version}, {"display_name", "Old"}}).dump());
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.Json()["error"]["current_version"], version + 1);
  const ClientResponse too_long = annotator.Call(
      "PATCH", "/api/v1/me",
      json({{"version", version + 1}, {"attributes", {{"bio", std::string(300, 'x')}}}}).dump());
  EXPECT_EQ(too_long.status, 400) << too_long.body;
  EXPECT_EQ(too_long.Json()["error"]["field"], "attributes.bio");
  const std::vector<json> updates = AuditEvents(
      *admin_, "entity=user&entity_id=" + std::to_string(id) + "&actor_id=" + std::to_string(id));
  EXPECT_EQ(updates.back()["action"], "user.profile_update");  // Newest last.
}

// The audit log pages oldest to newest with a cursor, and refuses filters it does not know.
TEST_P(AppApiTest, AuditLogPagesAndRefusesUnknownFilters) {
  const std::vector<json> all = AuditEvents(*admin_, "limit=1000");
  ASSERT_GE(all.size(), 7u);  // The bootstrap, six accounts, logins.
  for (size_t i = 1; i < all.size(); ++i) {
    EXPECT_LT(all[i - 1]["id"].get<int64_t>(), all[i]["id"].get<int64_t>());
  }
  EXPECT_EQ(all.front()["action"], "user.bootstrap_admin");
  const std::vector<json> paged = AuditEvents(*admin_, "limit=2");
  EXPECT_EQ(paged.size(), all.size());
  EXPECT_EQ(admin_->Call("GET", "/api/v1/audit?entity_id=1").status, 400);
  EXPECT_EQ(admin_->Call("GET", "/api/v1/audit?actor=1").status, 400);
  EXPECT_EQ(admin_->Call("GET", "/api/v1/audit?actor_id=x").status, 400);
  EXPECT_TRUE(AuditEvents(*admin_, "entity=nothing").empty());
}

// Issue 4, server-side import: a file inside --import-dir imports exactly as the same file
// uploaded does, through the same path (same answer, same tasks, same audit event).
TEST_P(AppApiTest, ServerFileImportEqualsAnUploadOfTheSameFile) {
  const int64_t uploaded = MakeProject(1, 0);
  const int64_t from_disk = MakeProject(1, 0);
  const ClientResponse upload =
      admin_->Call("POST", "/api/v1/projects/" + std::to_string(uploaded) + "/imports",
                   kServerTasks, "application/x-ndjson");
  ASSERT_EQ(upload.status, 200) << upload.body;
  const std::string server_file =
      "/api/v1/projects/" + std::to_string(from_disk) + "/imports/server-file";
  const ClientResponse imported = admin_->Post(server_file, {{"path", "tasks.jsonl"}});
  ASSERT_EQ(imported.status, 200) << imported.body;
  // The same answer, but for the ids of the tasks duplicated (each project has its own).
  const auto without_ids = [](json answer) {
    for (json& duplicate : answer["duplicates"]) duplicate.erase("existing_task_id");
    return answer;
  };
  EXPECT_EQ(without_ids(imported.Json()), without_ids(upload.Json()));
  EXPECT_EQ(imported.Json()["inserted"], 2);
  EXPECT_EQ(imported.Json()["duplicate_count"], 1);
  const auto task_data = [&](int64_t project) {
    json data = json::array();
    // Kept in a variable: a range-for over a member of a temporary reads freed memory.
    const json listed =
        admin_->Call("GET", "/api/v1/projects/" + std::to_string(project) + "/tasks").Json();
    for (const json& task : listed["tasks"]) {
      data.push_back({task["data"], task.value("external_id", json())});
    }
    return data;
  };
  EXPECT_EQ(task_data(from_disk), task_data(uploaded));
  // Absolute inside the root, with the format named: everything is a duplicate now.
  const ClientResponse again = admin_->Post(
      server_file, {{"path", (dir_ / "import" / "tasks.jsonl").string()}, {"format", "jsonl"}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["inserted"], 0);
  EXPECT_EQ(again.Json()["duplicate_count"], 3);
  // The format is checked: a name it does not know, or one the file name cannot give.
  EXPECT_EQ(admin_->Post(server_file, {{"path", "tasks.jsonl"}, {"format", "xml"}})
                .Json()["error"]["field"],
            "format");
  EXPECT_EQ(admin_->Post(server_file, {{"path", "tasks.jsonl"}, {"format", "csv"}}).status, 422);
  EXPECT_EQ(admin_->Post(server_file, json::object()).Json()["error"]["field"], "path");
  // Audited like an upload.
  const std::vector<json> events =
      AuditEvents(*admin_, "entity=project&entity_id=" + std::to_string(from_disk));
  EXPECT_EQ(std::count_if(events.begin(), events.end(),
                          [](const json& e) { return e["action"] == "tasks.import"; }),
            2);
}

// Catalogue entry 38: traversal, absolute paths outside, a sibling directory whose name starts
// with the root's, a symlink out of the root, and a missing file all get one and the same 404.
TEST_P(AppApiTest, ServerFileImportRefusesEverythingOutsideTheImportDirsAlike) {
  const int64_t project = MakeProject(1, 0);
  const std::string server_file =
      "/api/v1/projects/" + std::to_string(project) + "/imports/server-file";
  const ClientResponse missing = admin_->Post(server_file, {{"path", "missing.jsonl"}});
  ASSERT_EQ(missing.status, 404) << missing.body;
  const json expected = missing.Json()["error"];
  EXPECT_EQ(expected["field"], "path");
  for (const std::string& path :
       {std::string("../outside/secret.jsonl"), (dir_ / "outside" / "secret.jsonl").string(),
        (dir_ / "import" / ".." / "outside" / "secret.jsonl").string(),
        (dir_ / "import2" / "sibling.jsonl").string(), std::string("../import2/sibling.jsonl"),
        std::string("escape.jsonl"), std::string("/etc/passwd"), std::string("."),
        std::string("%2e%2e/outside/secret.jsonl")}) {
    const ClientResponse refused = admin_->Post(server_file, {{"path", path}});
    EXPECT_EQ(refused.status, 404) << path << ": " << refused.body;
    json error = refused.Json()["error"];
    error.erase("correlation_id");
    json want = expected;
    want.erase("correlation_id");
    EXPECT_EQ(error, want) << path;
  }
  EXPECT_EQ(admin_->Call("GET", "/api/v1/projects/" + std::to_string(project)).Json()["task_count"],
            0);
  // Only administrators read the server's disk.
  for (const char* email :
       {"manager1@example.org", "reviewer1@example.org", "annotator1@example.org"}) {
    EXPECT_EQ(Login(email).Post(server_file, {{"path", "tasks.jsonl"}}).status, 403) << email;
  }
  EXPECT_EQ(Client(port_, "", "").Post(server_file, {{"path", "tasks.jsonl"}}).status, 401);
}

// Without --import-dir the route exists but says how to enable it.
TEST_P(AppApiTest, ServerFileImportWithoutImportDirsSaysHowToAllowOne) {
  const int64_t project = MakeProject(1, 0);
  auto router = BuildApiRouter(services_, {});
  ASSERT_TRUE(router.ok());
  server::ServerOptions options;
  options.listen = "127.0.0.1:0";
  server::Server bare(std::move(*router), std::move(options));
  ASSERT_TRUE(bare.Start().ok());
  const Client admin = [&] {
    const json body = {{"email", "admin@example.org"}, {"password", kPassword}};
    auto response = test::Fetch(bare.port(), "POST", "/api/v1/auth/login", body.dump(),
                                "Content-Type: application/json\r\n");
    return Client(bare.port(), SetCookieValue(*response, "chorus_session"),
                  SetCookieValue(*response, "chorus_csrf"));
  }();
  const ClientResponse refused =
      admin.Post("/api/v1/projects/" + std::to_string(project) + "/imports/server-file",
                 {{"path", "tasks.jsonl"}});
  EXPECT_EQ(refused.status, 404) << refused.body;
  EXPECT_NE(refused.Json()["error"]["message"].get<std::string>().find("--import-dir"),
            std::string::npos)
      << refused.body;
  const ClientResponse media = admin.Call("GET", "/api/v1/media?path=cats/1.jpg");
  EXPECT_EQ(media.status, 404) << media.body;
  EXPECT_NE(media.Json()["error"]["message"].get<std::string>().find("--media-dir"),
            std::string::npos);
  bare.Stop();
}

// Media from --media-dir: allowlisted types inline with nosniff, SVG and unknown types as
// attachments, anything outside the root the same 404, and only for signed-in users.
TEST_P(AppApiTest, MediaIsServedFromTheMediaDirsOnly) {
  const Client annotator = Login("annotator1@example.org");
  const ClientResponse jpeg = annotator.Call("GET", "/api/v1/media?path=cats/1.jpg");
  ASSERT_EQ(jpeg.status, 200) << jpeg.body;
  EXPECT_EQ(jpeg.body, std::string("\xFF\xD8\xFF\xE0jpeg\0bytes", 14));
  EXPECT_EQ(jpeg.Header("Content-Type").value_or(""), "image/jpeg");
  EXPECT_EQ(jpeg.Header("X-Content-Type-Options").value_or(""), "nosniff");
  EXPECT_EQ(jpeg.HeaderCount("X-Content-Type-Options"), 1);
  EXPECT_FALSE(jpeg.Header("Content-Disposition").has_value());
  EXPECT_EQ(annotator.Call("GET", "/api/v1/media?root=0&path=cats%2F1.jpg").body, jpeg.body);
  const ClientResponse text = annotator.Call("GET", "/api/v1/media?path=notes.txt");
  EXPECT_EQ(text.Header("Content-Type").value_or(""), "text/plain; charset=utf-8");
  const ClientResponse svg = annotator.Call("GET", "/api/v1/media?path=x.svg");
  ASSERT_EQ(svg.status, 200) << svg.body;
  EXPECT_EQ(svg.Header("Content-Type").value_or(""), "application/octet-stream");
  EXPECT_EQ(svg.Header("Content-Disposition").value_or("").rfind("attachment;", 0), 0u);
  EXPECT_EQ(svg.Header("X-Content-Type-Options").value_or(""), "nosniff");

  const ClientResponse missing = annotator.Call("GET", "/api/v1/media?path=cats/2.jpg");
  ASSERT_EQ(missing.status, 404);
  const std::string message = missing.Json()["error"]["message"];
  const std::string outside = (dir_ / "outside" / "secret.jpg").string();
  for (const std::string& query :
       {std::string("path=../outside/secret.jpg"),
        std::string("path=%2e%2e%2Foutside%2Fsecret.jpg"), "path=" + outside,
        std::string("path=escape.jpg"), std::string("path=cats"),
        std::string("root=1&path=cats/1.jpg"), std::string("path=..%2F..%2F..%2Fetc%2Fpasswd")}) {
    const ClientResponse refused = annotator.Call("GET", "/api/v1/media?" + query);
    EXPECT_EQ(refused.status, 404) << query << ": " << refused.body;
    if (refused.status == 404) {
      EXPECT_EQ(refused.Json()["error"]["message"], message) << query;
    }
  }

  // Byte ranges (RFC 9110 §14), so a browser can seek in audio and video: one range is 206
  // with its Content-Range, a start past the end 416, and every file answer says it takes them.
  EXPECT_EQ(jpeg.Header("Accept-Ranges").value_or(""), "bytes");
  const ClientResponse part =
      annotator.Call("GET", "/api/v1/media?path=cats/1.jpg", "", "", "Range: bytes=4-7\r\n");
  ASSERT_EQ(part.status, 206) << part.body;
  EXPECT_EQ(part.body, "jpeg");
  EXPECT_EQ(part.Header("Content-Range").value_or(""), "bytes 4-7/14");
  EXPECT_EQ(part.Header("Content-Type").value_or(""), "image/jpeg");
  const ClientResponse tail =
      annotator.Call("GET", "/api/v1/media?path=cats/1.jpg", "", "", "Range: bytes=-5\r\n");
  EXPECT_EQ(tail.body, "bytes");
  const ClientResponse past =
      annotator.Call("GET", "/api/v1/media?path=cats/1.jpg", "", "", "Range: bytes=14-\r\n");
  EXPECT_EQ(past.status, 416);
  EXPECT_EQ(past.Header("Content-Range").value_or(""), "bytes */14");
  const ClientResponse several =
      annotator.Call("GET", "/api/v1/media?path=cats/1.jpg", "", "", "Range: bytes=0-1,4-5\r\n");
  EXPECT_EQ(several.status, 200);
  EXPECT_EQ(several.body, jpeg.body);
  EXPECT_EQ(annotator.Call("GET", "/api/v1/media").status, 400);
  EXPECT_EQ(annotator.Call("GET", "/api/v1/media?root=x&path=cats/1.jpg").status, 400);
  EXPECT_EQ(Client(port_, "", "").Call("GET", "/api/v1/media?path=cats/1.jpg").status, 401);
}

// Issue 4, "media by URL or uploaded file" (catalogue entries 38, 41, 42): a file is judged by
// its bytes, stored once per content, served back unchanged with the type its bytes gave, and
// only under its exact stored name.
// A server started without a media directory keeps no uploads: 501 "disabled" saying what to
// do instead, and no Retry-After, since asking again cannot help.
TEST_P(AppApiTest, AServerWithoutAMediaDirectoryAnswers501ToUploads) {
  const int64_t project = MakeProject(1, 0);
  const auto other = StartAllowingFetch({});
  const Client admin = LoginAt(other->port, "admin@example.org");
  const ClientResponse refused =
      admin.Call("POST", "/api/v1/projects/" + std::to_string(project) + "/media",
                 service::test::OnePixelPng(), "image/png");
  EXPECT_EQ(refused.status, 501) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["code"], "disabled");
  EXPECT_NE(refused.body.find("--media-dir"), std::string::npos) << refused.body;
  EXPECT_FALSE(refused.Header("Retry-After").has_value());
}

TEST_P(AppApiTest, UploadedMediaIsJudgedByItsBytesStoredOnceAndServedBack) {
  const int64_t project = MakeProject(1, 0);
  const std::string base = "/api/v1/projects/" + std::to_string(project) + "/media";
  const Client manager = Login("manager1@example.org");
  const std::string png = service::test::OnePixelPng();
  const ClientResponse uploaded =
      manager.Call("POST", base + "?name=cat%20photo.png", png, "application/octet-stream");
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const json answer = uploaded.Json();
  const std::string sha256 = answer["sha256"];
  EXPECT_EQ(sha256, "ebf4f635a17d10d6eb46ba680b70142419aa3220f228001a036d311a22ee9d2a");
  EXPECT_EQ(answer["url"], base + "/" + sha256 + ".png");
  EXPECT_EQ(uploaded.Header("Location").value_or(""), answer["url"]);
  EXPECT_EQ(answer["bytes"], 67);
  EXPECT_EQ(answer["content_type"], "image/png");
  EXPECT_EQ(answer["width"], 1);
  EXPECT_EQ(answer["height"], 1);

  // An annotator of the project loads it: the same bytes, the type from its magic bytes.
  const Client annotator = Login("annotator1@example.org");
  const ClientResponse served = annotator.Call("GET", answer["url"].get<std::string>());
  ASSERT_EQ(served.status, 200) << served.body;
  EXPECT_EQ(served.body, png);
  EXPECT_EQ(served.Header("Content-Type").value_or(""), "image/png");
  EXPECT_EQ(served.Header("X-Content-Type-Options").value_or(""), "nosniff");

  // The same file again (another name, another claimed type): the same URL, one file.
  const ClientResponse again = admin_->Call("POST", base, png, "text/html");
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.Json()["url"], answer["url"]);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_ / "uploaded-media" /
                                                              std::to_string(project)),
                          std::filesystem::directory_iterator()),
            1);
  // Audio without dimensions.
  const ClientResponse audio =
      manager.Call("POST", base, std::string("ID3\x04\x00\x00\x00\x00\x00\x00", 10), "audio/mpeg");
  ASSERT_EQ(audio.status, 201) << audio.body;
  EXPECT_EQ(audio.Json()["content_type"], "audio/mpeg");
  EXPECT_TRUE(audio.Json()["width"].is_null());
  EXPECT_TRUE(audio.Json()["height"].is_null());

  // Script dressed as an image: 415 whatever its name and claimed type, nothing stored.
  for (const char* script : {service::test::kSvg, service::test::kHtml}) {
    const ClientResponse refused = manager.Call("POST", base + "?name=x.png", script, "image/png");
    EXPECT_EQ(refused.status, 415) << refused.body;
    EXPECT_EQ(refused.Json()["error"]["code"], "unsupported_media_type");
    EXPECT_NE(refused.Json()["error"]["message"].get<std::string>().find("PNG, JPEG"),
              std::string::npos)
        << refused.body;
  }
  // A pixel flood, refused from its header, saying its size.
  const ClientResponse flood =
      manager.Call("POST", base, service::test::PngDeclaring(50'000, 50'000), "image/png");
  EXPECT_EQ(flood.status, 422) << flood.body;
  EXPECT_NE(flood.Json()["error"]["message"].get<std::string>().find("50000 x 50000"),
            std::string::npos)
      << flood.body;
  EXPECT_EQ(manager.Call("POST", base, png.substr(0, 20), "image/png").status, 422);
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir_ / "uploaded-media" /
                                                              std::to_string(project)),
                          std::filesystem::directory_iterator()),
            2);
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "uploads"));

  // Only the exact stored name is served; anything else is the one 404.
  const ClientResponse missing = annotator.Call("GET", base + "/" + std::string(64, 'a') + ".png");
  ASSERT_EQ(missing.status, 404) << missing.body;
  std::string upper = sha256;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (const std::string& name :
       {std::string("..%2F..%2F..%2Fetc%2Fpasswd"), std::string("../../../etc/passwd"),
        "..%2F" + sha256 + ".png", sha256 + ".svg", sha256 + ".PNG", upper + ".png", sha256,
        sha256 + ".png%2F", sha256 + ".png%00.html", "." + sha256 + ".png"}) {
    const ClientResponse refused = annotator.Call("GET", base + "/" + name);
    EXPECT_EQ(refused.status, 404) << name << ": " << refused.body;
  }
  // The file belongs to its project: the same name under another project is not there.
  const int64_t other = MakeProject(1, 0);
  EXPECT_EQ(
      annotator
          .Call("GET", "/api/v1/projects/" + std::to_string(other) + "/media/" + sha256 + ".png")
          .status,
      404);

  // Each stored upload is audited on the project, with the uploader's name for it.
  auto events = store_->audit().ListByEntity("project", project, {0, 100});
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  std::multiset<json> names;
  for (const domain::AuditEvent& event : events->items) {
    if (event.action == "media.upload") names.insert(json::parse(event.after)["name"]);
  }
  EXPECT_EQ(names, (std::multiset<json>{json("cat photo.png"), json(nullptr), json(nullptr)}));
}

// Percent-encodes `text` for a query parameter.
std::string QueryEncode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if (std::isalnum(byte) || c == '-' || c == '.' || c == '_' || c == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4];
      out += kHex[byte & 15];
    }
  }
  return out;
}

// The error object of a response without its correlation id (which differs per request).
json ErrorWithoutId(const ClientResponse& response) {
  json error = json::parse(response.body.empty() ? "{}" : response.body).value("error", json());
  if (error.is_object()) error.erase("correlation_id");
  return error;
}

// Issue: "tasks: import ... by URL". Refused by default (loopback); with --allow-fetch the
// file at the URL imports exactly as the same file uploaded does, with the same audit event
// naming the URL without its credentials and query, and the spooled download is removed.
TEST_P(AppApiTest, ImportFromUrlIsRefusedByDefaultAndEqualsAnUploadWhenAllowed) {
  test::TestUpstream upstream([](const std::string&) {
    test::TestUpstream::Reply reply;
    reply.content_type = "application/x-ndjson";
    reply.body = kServerTasks;
    return reply;
  });
  const int64_t uploaded = MakeProject(1, 0);
  const int64_t fetched = MakeProject(1, 0);
  const std::string imports = "/api/v1/projects/" + std::to_string(fetched) + "/imports/url";
  const std::string url =
      "http://reader:pw@127.0.0.1:" + std::to_string(upstream.port()) + "/tasks.jsonl?token=t0k3n";

  const ClientResponse refused = admin_->Post(imports, {{"url", url}});
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["message"], service::kFetchErrorMessage);
  EXPECT_EQ(refused.Json()["error"]["field"], "url");
  EXPECT_EQ(upstream.requests(), 0);  // Refused before connecting.

  const auto allowing = StartAllowingFetch({"127.0.0.0/8"});
  const Client admin = LoginAt(allowing->port, "admin@example.org");
  const ClientResponse upload =
      admin_->Call("POST", "/api/v1/projects/" + std::to_string(uploaded) + "/imports",
                   kServerTasks, "application/x-ndjson");
  ASSERT_EQ(upload.status, 200) << upload.body;
  const ClientResponse imported = admin.Post(imports, {{"url", url}});
  ASSERT_EQ(imported.status, 200) << imported.body;
  const auto without_ids = [](json answer) {
    for (json& duplicate : answer["duplicates"]) duplicate.erase("existing_task_id");
    return answer;
  };
  EXPECT_EQ(without_ids(imported.Json()), without_ids(upload.Json()));
  EXPECT_EQ(imported.Json()["inserted"], 2);
  EXPECT_EQ(upstream.requests(), 1);
  EXPECT_TRUE(std::filesystem::is_empty(dir_ / "uploads"));
  const std::vector<json> events =
      AuditEvents(*admin_, "entity=project&entity_id=" + std::to_string(fetched));
  const auto import_event = std::find_if(
      events.begin(), events.end(), [](const json& e) { return e["action"] == "tasks.import"; });
  ASSERT_NE(import_event, events.end());
  const json after = (*import_event)["after"];
  EXPECT_EQ(after["url"], "http://127.0.0.1:" + std::to_string(upstream.port()) + "/tasks.jsonl");
  EXPECT_EQ(import_event->dump().find("t0k3n"), std::string::npos);
  EXPECT_EQ(import_event->dump().find("pw@"), std::string::npos);

  // The body is checked before anything is fetched.
  EXPECT_EQ(admin.Post(imports, json::object()).Json()["error"]["field"], "url");
  EXPECT_EQ(admin.Post(imports, {{"url", 7}}).Json()["error"]["field"], "url");
  EXPECT_EQ(admin.Post(imports, {{"url", url}, {"format", "xml"}}).Json()["error"]["field"],
            "format");
  EXPECT_EQ(admin.Post("/api/v1/projects/9999/imports/url", {{"url", url}}).status, 404);
  EXPECT_EQ(upstream.requests(), 1);
  // Who may: as for uploads (import_tasks).
  EXPECT_EQ(LoginAt(allowing->port, "reviewer1@example.org").Post(imports, {{"url", url}}).status,
            403);
  const ClientResponse manager =
      LoginAt(allowing->port, "manager1@example.org").Post(imports, {{"url", url}});
  EXPECT_EQ(manager.status, 200) << manager.body;
  EXPECT_EQ(manager.Json()["inserted"], 0);
  allowing->server->Stop();
}

// Catalogue 43-49 through both routes that fetch: the server allows only its upstream's port on
// loopback. Every other target — other loopback ports, encodings of loopback and metadata,
// other schemes, redirects out of the allowed port, a closed port, upstream errors — gets the
// same 400, whatever happened, and no upstream byte.
TEST_P(AppApiTest, EveryRefusedOrFailedFetchLooksTheSame) {
  test::TestUpstream inner([](const std::string&) {
    test::TestUpstream::Reply reply;
    reply.content_type = "image/png";
    reply.body = "INNER-SECRET";
    return reply;
  });
  const std::string inner_url = inner.url("/x.png");
  test::TestUpstream upstream([&](const std::string& target) {
    test::TestUpstream::Reply reply;
    reply.content_type = "image/png";
    reply.body = "UPSTREAM-SECRET";
    if (target == "/missing.png") reply.status = 404;
    if (target == "/broken.png") reply.status = 500;
    if (target == "/to-inner.png") {
      reply.status = 302;
      reply.headers = {{"Location", inner_url}};
    }
    if (target == "/to-metadata.png") {
      reply.status = 301;
      reply.headers = {{"Location", "http://169.254.169.254/latest/meta-data/"}};
    }
    if (target == "/to-file.png") {
      reply.status = 307;
      reply.headers = {{"Location", "file:///etc/passwd"}};
    }
    return reply;
  });
  const int closed = test::TestUpstream::ClosedPort();
  const std::string port = std::to_string(upstream.port());
  const auto allowing =
      StartAllowingFetch({"127.0.0.1/32:" + port, "127.0.0.1/32:" + std::to_string(closed)});
  const Client admin = LoginAt(allowing->port, "admin@example.org");
  const int64_t project = MakeProject(1, 0);
  const std::string imports = "/api/v1/projects/" + std::to_string(project) + "/imports/url";
  const std::vector<std::string> urls = {
      // Entry 43: loopback and private, in every encoding, and loopback ports not allowed.
      inner_url, "http://[::1]:" + port + "/x.png", "http://0.0.0.0:" + port + "/x.png",
      "http://127.1/x.png", "http://2130706433/x.png", "http://0x7f000001/x.png",
      "http://017700000001/x.png", "http://10.0.0.1/x.png", "http://192.168.0.1/x.png",
      // Entry 44: cloud metadata.
      "http://169.254.169.254/latest/meta-data/", "http://[::ffff:169.254.169.254]/",
      "http://[::ffff:a9fe:a9fe]/", "http://metadata.google.internal/", "http://100.100.100.200/",
      // Entry 45: redirects out of the allowed port, to metadata, to file:.
      upstream.url("/to-inner.png"), upstream.url("/to-metadata.png"), upstream.url("/to-file.png"),
      // Entry 47: other schemes.
      "file:///etc/passwd", "gopher://127.0.0.1:" + port + "/_x", "dict://127.0.0.1:" + port + "/x",
      "ftp://127.0.0.1:" + port + "/x", "data:text/html,hi", "javascript:alert(1)",
      // Entry 49: a closed port and upstream errors look like refusals.
      "http://127.0.0.1:" + std::to_string(closed) + "/x.png", upstream.url("/missing.png"),
      upstream.url("/broken.png")};
  const ClientResponse first = admin.Post(imports, {{"url", urls[0]}});
  ASSERT_EQ(first.status, 400) << first.body;
  const json expected = ErrorWithoutId(first);
  EXPECT_EQ(expected["message"], service::kFetchErrorMessage);
  for (const std::string& url : urls) {
    const ClientResponse imported = admin.Post(imports, {{"url", url}});
    const ClientResponse media = admin.Call("GET", "/api/v1/media/fetch?url=" + QueryEncode(url));
    for (const ClientResponse* response : {&imported, &media}) {
      EXPECT_EQ(response->status, 400) << url << ": " << response->body;
      EXPECT_EQ(ErrorWithoutId(*response), expected) << url;
      EXPECT_EQ(response->body.find("SECRET"), std::string::npos) << url;
    }
  }
  EXPECT_EQ(inner.requests(), 0);
  // The allowed port itself works, so the refusals above were not a broken setup.
  const ClientResponse reached =
      admin.Call("GET", "/api/v1/media/fetch?url=" + QueryEncode(upstream.url("/ok.png")));
  EXPECT_EQ(reached.status, 200) << reached.body;
  EXPECT_EQ(reached.body, "UPSTREAM-SECRET");
  EXPECT_EQ(admin_->Call("GET", "/api/v1/projects/" + std::to_string(project)).Json()["task_count"],
            0);
  allowing->server->Stop();
}

// Issue: "media by URL". Images, audio and video only (else 415, nothing passed on), nosniff,
// a size cap, for everyone who annotates; refused by default like every fetch.
TEST_P(AppApiTest, MediaByUrlPassesOnlyMediaThroughTheGuard) {
  test::TestUpstream upstream([](const std::string& target) {
    test::TestUpstream::Reply reply;
    reply.content_type = "image/PNG";
    reply.body = std::string("\x89PNG\r\n\x1a\n", 8) + "pixels";
    if (target == "/page") {
      reply.content_type = "text/html";
      reply.body = "<script>alert(1)</script>";
    }
    if (target == "/drawing.svg") {
      reply.content_type = "image/svg+xml";
      reply.body = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>";
    }
    if (target == "/big.png") reply.body = std::string(5000, 'x');
    return reply;
  });
  const std::string fetch = "/api/v1/media/fetch?url=";
  const Client annotator = Login("annotator1@example.org");
  const ClientResponse refused = annotator.Call("GET", fetch + QueryEncode(upstream.url("/a.png")));
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(upstream.requests(), 0);

  ApiRouterOptions options;
  options.media_fetch.max_bytes = 1000;
  const auto allowing = StartAllowingFetch({"127.0.0.0/8"}, options);
  const Client allowed = LoginAt(allowing->port, "annotator1@example.org");
  const ClientResponse image = allowed.Call("GET", fetch + QueryEncode(upstream.url("/a.png")));
  ASSERT_EQ(image.status, 200) << image.body;
  EXPECT_EQ(image.body, std::string("\x89PNG\r\n\x1a\n", 8) + "pixels");
  EXPECT_EQ(image.Header("Content-Type").value_or(""), "image/png");
  EXPECT_EQ(image.Header("X-Content-Type-Options").value_or(""), "nosniff");
  EXPECT_EQ(image.HeaderCount("X-Content-Type-Options"), 1);
  for (const char* target : {"/page", "/drawing.svg"}) {
    const ClientResponse other = allowed.Call("GET", fetch + QueryEncode(upstream.url(target)));
    EXPECT_EQ(other.status, 415) << target << ": " << other.body;
    EXPECT_EQ(other.Json()["error"]["code"], "unsupported_media_type");
    EXPECT_EQ(other.body.find("<script"), std::string::npos) << other.body;
    EXPECT_EQ(other.body.find("<svg"), std::string::npos) << other.body;
  }
  const ClientResponse big = allowed.Call("GET", fetch + QueryEncode(upstream.url("/big.png")));
  EXPECT_EQ(big.status, 400) << big.body;
  EXPECT_EQ(big.Json()["error"]["message"], service::kFetchErrorMessage);
  EXPECT_EQ(allowed.Call("GET", "/api/v1/media/fetch").Json()["error"]["field"], "url");
  EXPECT_EQ(allowed.Call("GET", fetch).Json()["error"]["field"], "url");
  EXPECT_EQ(Client(allowing->port, "", "")
                .Call("GET", fetch + QueryEncode(upstream.url("/a.png")))
                .status,
            401);
  allowing->server->Stop();
}

// Every route × every role: 401 without credentials; 403 exactly when the table refuses the
// role; otherwise anything but 401/403 (the request itself may be invalid: that is fine here).
TEST_P(AppApiTest, AuthorizationMatrixFollowsThePermissionTable) {
  const int64_t project = MakeProject(1, 1);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  struct Route {
    const char* method;
    std::string target;
    Action action;
  };
  const std::vector<Route> routes = {
      {"GET", "/api/v1/auth/me", Action::kReadSelf},
      {"POST", "/api/v1/auth/password", Action::kReadSelf},
      {"POST", "/api/v1/auth/logout", Action::kReadSelf},
      {"GET", "/api/v1/auth/tokens", Action::kManageOwnTokens},
      {"POST", "/api/v1/auth/tokens", Action::kManageOwnTokens},
      {"DELETE", "/api/v1/auth/tokens/999", Action::kManageOwnTokens},
      {"GET", "/api/v1/users", Action::kListUsers},
      {"GET", "/api/v1/users/1", Action::kReadSelf},  // Others' ids answer 404, not 403.
      {"POST", "/api/v1/users", Action::kManageUsers},
      {"PATCH", "/api/v1/users/1", Action::kManageUsers},
      {"GET", "/api/v1/projects", Action::kListProjects},
      {"POST", "/api/v1/projects", Action::kManageProjects},
      {"GET", p, Action::kListProjects},
      {"PATCH", p, Action::kManageProjects},
      {"GET", p + "/guidelines", Action::kListProjects},
      {"POST", p + "/guidelines", Action::kManageProjects},
      {"GET", p + "/members", Action::kManageMembers},
      {"POST", p + "/members", Action::kManageMembers},
      {"DELETE", p + "/members/999", Action::kManageMembers},
      {"POST", p + "/imports", Action::kImportTasks},
      {"POST", p + "/imports/server-file", Action::kImportServerFiles},
      {"GET", "/api/v1/media?path=cats/1.jpg", Action::kAnnotate},
      {"POST", p + "/imports/url", Action::kImportTasks},
      {"POST", p + "/imports/label-studio", Action::kImportTasks},
      {"GET", p + "/label-studio-config", Action::kExport},
      {"POST", p + "/imports/coco_json", Action::kImportTasks},
      {"POST", p + "/imports/predictions_jsonl", Action::kImportTasks},
      {"GET", "/api/v1/media/fetch?url=http%3A%2F%2F127.0.0.1%2Fx.png", Action::kAnnotate},
      {"POST", p + "/media", Action::kImportTasks},
      {"GET", p + "/media/" + std::string(64, '0') + ".png", Action::kAnnotate},
      {"GET", p + "/tasks", Action::kReadTasks},
      {"GET", p + "/export", Action::kExport},
      {"POST", p + "/exports", Action::kExport},
      {"GET", "/api/v1/jobs/1", Action::kExport},
      {"GET", "/api/v1/jobs/1/download", Action::kExport},
      {"POST", "/api/v1/jobs/1/cancel", Action::kExport},
      {"POST", p + "/aggregates", Action::kManageProjects},
      {"GET", p + "/aggregates", Action::kManageGold},
      {"GET", "/api/v1/tasks/1/aggregate", Action::kManageGold},
      {"POST", p + "/active-learning", Action::kManageProjects},
      {"GET", p + "/suspects", Action::kReview},
      {"POST", p + "/suspects/relabel", Action::kManageProjects},
      {"POST", p + "/next", Action::kAnnotate},
      {"GET", p + "/stats/me", Action::kAnnotate},
      {"POST", "/api/v1/tasks/1/annotations", Action::kAnnotate},
      {"PUT", "/api/v1/tasks/1/draft", Action::kAnnotate},
      {"GET", "/api/v1/tasks/1/draft", Action::kAnnotate},
      {"PATCH", "/api/v1/annotations/1", Action::kAnnotate},
      {"POST", "/api/v1/annotations/1/reviews", Action::kReview},
      {"GET", "/api/v1/tasks/1/reviews", Action::kReadAnnotations},
      {"GET", "/api/v1/tasks/1/annotations", Action::kReadAnnotations},
      {"PUT", "/api/v1/tasks/1/gold", Action::kManageGold},
      {"GET", "/api/v1/tasks/1/gold", Action::kManageGold},
      {"DELETE", "/api/v1/tasks/1/gold", Action::kManageGold},
      {"GET", p + "/gold", Action::kManageGold},
      {"GET", p + "/gold/accuracy", Action::kManageGold},
      {"GET", p + "/dashboard/gold-accuracy", Action::kManageGold},
      {"GET", p + "/dashboard/pairwise-agreement", Action::kManageGold},
      {"GET", p + "/agreement", Action::kReadAnnotations},
      {"GET", p + "/routing", Action::kManageProjects},
      {"GET", p + "/pay", Action::kManageProjects},
      {"GET", p + "/datasheet", Action::kManageProjects},
      {"GET", p + "/wellbeing", Action::kManageProjects},
      {"GET", p + "/wellbeing/policy", Action::kManageProjects},
      {"POST", p + "/predictions", Action::kManageProjects},
      {"GET", "/api/v1/tasks/1/predictions", Action::kManageProjects},
      {"GET", p + "/anchoring", Action::kManageProjects},
      {"GET", p + "/model-backend", Action::kManageProjects},
      {"PUT", p + "/model-backend", Action::kManageProjects},
      {"POST", p + "/model-backend/check", Action::kManageProjects},
      {"POST", p + "/model-backend/draft", Action::kManageProjects},
      {"POST", p + "/model-backend/train", Action::kManageProjects},
      {"POST", p + "/auto-label", Action::kManageGold},
      {"GET", p + "/machine-labels", Action::kManageProjects},
      {"GET", p + "/machine-labels/validation", Action::kManageGold},
      {"GET", p + "/labelling-functions", Action::kManageProjects},
      {"PUT", p + "/labelling-functions", Action::kManageProjects},
      {"DELETE", p + "/labelling-functions", Action::kManageProjects},
      {"POST", p + "/weak-labels", Action::kManageProjects},
      {"PUT", p + "/wellbeing/policy", Action::kManageProjects},
      {"GET", p + "/wellbeing/me", Action::kAnnotate},
      {"PUT", p + "/wellbeing/me", Action::kAnnotate},
      {"GET", p + "/diversity/policy", Action::kManageProjects},
      {"PUT", p + "/diversity/policy", Action::kManageProjects},
      {"GET", p + "/diversity/report", Action::kManageProjects},
      {"GET", p + "/diversity/me", Action::kAnnotate},
      {"PUT", p + "/diversity/me", Action::kAnnotate},
      {"PUT", "/api/v1/tasks/1/sensitive", Action::kManageProjects},
      {"GET", "/api/v1/tasks/1/routing", Action::kManageProjects},
      {"PUT", "/api/v1/tasks/1/routing", Action::kManageProjects},
      {"GET", p + "/adjudications", Action::kAdjudicate},
      {"GET", "/api/v1/tasks/1/adjudication", Action::kAdjudicate},
      {"POST", "/api/v1/tasks/1/adjudication", Action::kAdjudicate},
      {"GET", "/api/v1/me", Action::kReadSelf},
      {"PATCH", "/api/v1/me", Action::kReadSelf},
      {"GET", "/api/v1/invitations", Action::kInviteUsers},
      {"POST", "/api/v1/invitations", Action::kInviteUsers},
      {"DELETE", "/api/v1/invitations/1", Action::kInviteUsers},
      {"GET", "/api/v1/audit", Action::kReadAudit},
  };
  const std::vector<std::pair<domain::Role, std::string>> users = {
      {domain::Role::kAdmin, "admin@example.org"},
      {domain::Role::kManager, "manager1@example.org"},
      {domain::Role::kReviewer, "reviewer1@example.org"},
      {domain::Role::kAnnotator, "annotator1@example.org"},
  };
  const Client anonymous(port_, "", "");
  for (const Route& route : routes) {
    const bool unsafe = std::string(route.method) != "GET";
    EXPECT_EQ(anonymous.Call(route.method, route.target, unsafe ? "{}" : "").status, 401)
        << route.method << " " << route.target;
    for (const auto& [role, email] : users) {
      const Client client = Login(email);
      const ClientResponse response = client.Call(route.method, route.target, unsafe ? "{}" : "");
      const int status = response.status;
      if (route.action == Action::kAdjudicate && role == domain::Role::kAnnotator) {
        // The table admits annotators; the service then refuses those below the expert tier
        // (annotator1 is crowd), naming the tier.
        EXPECT_EQ(status, 403) << route.method << " " << route.target;
        EXPECT_EQ(response.Json()["error"]["field"], "tier") << response.body;
      } else if (service::Allows(role, route.action)) {
        EXPECT_TRUE(status != 401 && status != 403) << route.method << " " << route.target << " as "
                                                    << domain::RoleName(role) << ": " << status;
      } else {
        EXPECT_EQ(status, 403) << route.method << " " << route.target << " as "
                               << domain::RoleName(role);
      }
    }
  }
  // The routes that need no credentials: anyone (and any role) gets past authentication; an
  // empty body is then refused as invalid, never as unauthenticated or forbidden.
  const std::vector<std::string> open = {"/api/v1/auth/login", "/api/v1/invitations/accept"};
  for (const std::string& target : open) {
    const int status = anonymous.Call("POST", target, "{}").status;
    EXPECT_EQ(status, 400) << "POST " << target << " anonymously";
    for (const auto& [role, email] : users) {
      EXPECT_EQ(Login(email).Call("POST", target, "{}").status, 400)
          << "POST " << target << " as " << domain::RoleName(role);
    }
  }
  // The matrix is exhaustive: every route the server has is above, or open, or the health
  // check, so a new route cannot skip this test by being left out of the list.
  auto router = BuildApiRouter(ApiServices{}, {});
  ASSERT_TRUE(router.ok());
  std::set<std::string> covered = {"GET /api/v1/health"};
  for (const std::string& target : open) covered.insert("POST " + target);
  for (const Route& route : routes) {
    const server::Router::Match match =
        router->Find(route.method, route.target.substr(0, route.target.find('?')));
    ASSERT_EQ(match.kind, server::Router::Match::kFound) << route.method << " " << route.target;
    covered.insert(match.route->method + " " + match.route->pattern);
  }
  for (const server::Router::Route& route : router->routes()) {
    EXPECT_TRUE(covered.contains(route.method + " " + route.pattern))
        << route.method << " " << route.pattern << " is missing from the authorization matrix";
  }
}

// An error body with the correlation id left out and the id `id` (where it stands alone, not
// inside a longer number) replaced by "ID", so answers about two different ids compare equal
// exactly when they say the same thing.
json ErrorWithoutId(const ClientResponse& response, const std::string& id) {
  json error = response.Json().value("error", json::object());
  error.erase("correlation_id");
  if (!error.contains("message")) return error;
  std::string message = error["message"];
  for (size_t at = message.find(id); at != std::string::npos; at = message.find(id, at + 1)) {
    const size_t end = at + id.size();
    const bool alone =
        (at == 0 || !std::isdigit(static_cast<unsigned char>(message[at - 1]))) &&
        (end == message.size() || !std::isdigit(static_cast<unsigned char>(message[end])));
    if (alone) message.replace(at, id.size(), "ID");
  }
  error["message"] = message;
  return error;
}

// Security catalogue entries 61 and 63, the IDOR matrix: every project-scoped route x every
// role but administrator, aimed at a project the caller is no member of (and at its task, its
// annotation and its export job), gets exactly the answer an id that exists nowhere gets: 403
// where the role may not do that in any project, else 404 with the same error body (no
// existence oracle). And nothing in that project changes.
TEST_P(AppApiTest, NonMembersGetTheMissingAnswerOnEveryProjectRouteAndChangeNothing) {
  const int64_t mine = MakeProject(1, 1);  // Being a member somewhere opens nothing elsewhere.
  const int64_t other = MakeProject(1, 2, /*members=*/false);
  const std::string op = "/api/v1/projects/" + std::to_string(other);
  // The other project's task, annotation and export job, all its administrator's.
  const ClientResponse next = admin_->Post(op + "/next", json::object());
  ASSERT_EQ(next.status, 200) << next.body;
  const int64_t task = next.Json()["task"]["id"];
  const json answer = {{"result", {{"sentiment", {{"choices", {"positive"}}}}}},
                       {"idempotency_key", "admin-1"}};
  const ClientResponse labelled =
      admin_->Post("/api/v1/tasks/" + std::to_string(task) + "/annotations", answer);
  ASSERT_EQ(labelled.status, 201) << labelled.body;
  const int64_t annotation = labelled.Json()["annotation"]["id"];
  const ClientResponse job = admin_->Post(op + "/exports", {{"format", "jsonl"}});
  ASSERT_EQ(job.status, 202) << job.body;
  const int64_t job_id = job.Json()["id"];
  const ClientResponse media =
      admin_->Call("POST", op + "/media", service::test::OnePixelPng(), "image/png");
  ASSERT_EQ(media.status, 201) << media.body;
  const std::string media_file = media.Json()["sha256"].get<std::string>() + ".png";

  // Everything a non-member could have changed, read by the administrator.
  const auto snapshot = [&] {
    json state;
    for (const char* read : {"", "/guidelines", "/members", "/tasks"}) {
      state[std::string("GET ") + read] = admin_->Call("GET", op + read).Json();
    }
    state["export"] = admin_->Call("GET", op + "/export?format=jsonl").body;
    json rows = json::array();
    for (const json& t : state["GET /tasks"]["tasks"]) {
      auto all = store_->annotations().ListByTask(t["id"].get<int64_t>());
      EXPECT_TRUE(all.ok());
      if (all.ok()) {
        for (const domain::Annotation& a : *all) rows.push_back(domain::ToJson(a));
      }
      auto reviews = store_->annotations().ListReviews(t["id"].get<int64_t>());
      EXPECT_TRUE(reviews.ok());
      if (reviews.ok()) {
        for (const domain::Review& r : *reviews) rows.push_back(domain::ToJson(r));
      }
    }
    state["annotations and drafts"] = rows;
    auto events = store_->audit().ListByEntity("project", other, {0, 1000});
    EXPECT_TRUE(events.ok());
    state["audit events"] = events.ok() ? events->items.size() : 0;
    return state;
  };
  const json before = snapshot();

  enum Kind { kProject, kTask, kAnnotation, kJob };
  struct Route {
    const char* method;
    std::string path;  // "{id}" stands for the id of `kind`.
    Kind kind;
    Action action;
    std::string body;
    std::string content_type = "application/json";
  };
  const std::string admin_id = std::to_string(user_ids_.at("admin@example.org"));
  const std::string labels = json({{"result", {{"sentiment", {{"choices", {"negative"}}}}}},
                                   {"idempotency_key", "intruder"}})
                                 .dump();
  const std::vector<Route> routes = {
      {"GET", "/api/v1/projects/{id}", kProject, Action::kListProjects, ""},
      {"PATCH", "/api/v1/projects/{id}", kProject, Action::kManageProjects,
       R"({"version": 1, "name": "taken over", "overlap": 5})"},
      {"GET", "/api/v1/projects/{id}/guidelines", kProject, Action::kListProjects, ""},
      {"POST", "/api/v1/projects/{id}/guidelines", kProject, Action::kManageProjects,
       R"({"markdown": "# Mine now"})"},
      {"GET", "/api/v1/projects/{id}/members", kProject, Action::kManageMembers, ""},
      {"POST", "/api/v1/projects/{id}/members", kProject, Action::kManageMembers, ""},
      {"DELETE", "/api/v1/projects/{id}/members/" + admin_id, kProject, Action::kManageMembers, ""},
      {"POST", "/api/v1/projects/{id}/imports", kProject, Action::kImportTasks,
       "{\"text\": \"planted\"}\n", "application/x-ndjson"},
      {"POST", "/api/v1/projects/{id}/imports/server-file", kProject, Action::kImportServerFiles,
       R"({"path": "tasks.jsonl"})"},
      {"POST", "/api/v1/projects/{id}/imports/url", kProject, Action::kImportTasks,
       R"({"url": "http://127.0.0.1:9/tasks.jsonl"})"},
      {"POST", "/api/v1/projects/{id}/imports/label-studio", kProject, Action::kImportTasks,
       R"({"config": "<View/>", "tasks": []})"},
      {"GET", "/api/v1/projects/{id}/label-studio-config", kProject, Action::kExport, ""},
      {"POST", "/api/v1/projects/{id}/imports/predictions_jsonl", kProject, Action::kImportTasks,
       R"({"task": 1, "model": "intruder", "result": {}})", "application/x-ndjson"},
      {"GET", "/api/v1/projects/{id}/tasks", kProject, Action::kReadTasks, ""},
      {"GET", "/api/v1/projects/{id}/export", kProject, Action::kExport, ""},
      {"POST", "/api/v1/projects/{id}/media", kProject, Action::kImportTasks,
       service::test::OnePixelPng(), "image/png"},
      {"GET", "/api/v1/projects/{id}/media/" + media_file, kProject, Action::kAnnotate, ""},
      {"POST", "/api/v1/projects/{id}/exports", kProject, Action::kExport, R"({"format": "csv"})"},
      {"POST", "/api/v1/projects/{id}/next", kProject, Action::kAnnotate, "{}"},
      {"GET", "/api/v1/projects/{id}/stats/me", kProject, Action::kAnnotate, ""},
      {"POST", "/api/v1/tasks/{id}/annotations", kTask, Action::kAnnotate, labels},
      {"GET", "/api/v1/tasks/{id}/annotations", kTask, Action::kReadAnnotations, ""},
      {"GET", "/api/v1/tasks/{id}/reviews", kTask, Action::kReadAnnotations, ""},
      {"PUT", "/api/v1/tasks/{id}/draft", kTask, Action::kAnnotate, R"({"result": {}})"},
      {"GET", "/api/v1/tasks/{id}/draft", kTask, Action::kAnnotate, ""},
      {"PUT", "/api/v1/tasks/{id}/gold", kTask, Action::kManageGold,
       R"({"reference": {"sentiment": {"choices": ["negative"]}}})"},
      {"GET", "/api/v1/tasks/{id}/gold", kTask, Action::kManageGold, ""},
      {"DELETE", "/api/v1/tasks/{id}/gold", kTask, Action::kManageGold, ""},
      {"GET", "/api/v1/projects/{id}/gold", kProject, Action::kManageGold, ""},
      {"GET", "/api/v1/projects/{id}/gold/accuracy", kProject, Action::kManageGold, ""},
      {"GET", "/api/v1/projects/{id}/dashboard/gold-accuracy", kProject, Action::kManageGold, ""},
      {"GET", "/api/v1/projects/{id}/dashboard/pairwise-agreement", kProject, Action::kManageGold,
       ""},
      {"GET", "/api/v1/projects/{id}/agreement", kProject, Action::kReadAnnotations, ""},
      {"GET", "/api/v1/projects/{id}/routing", kProject, Action::kManageProjects, ""},
      {"GET", "/api/v1/projects/{id}/pay", kProject, Action::kManageProjects, ""},
      {"GET", "/api/v1/projects/{id}/datasheet", kProject, Action::kManageProjects, ""},
      {"GET", "/api/v1/projects/{id}/wellbeing", kProject, Action::kManageProjects, ""},
      {"GET", "/api/v1/projects/{id}/wellbeing/policy", kProject, Action::kManageProjects, ""},
      {"PUT", "/api/v1/projects/{id}/wellbeing/policy", kProject, Action::kManageProjects,
       R"({"enabled": true, "daily_cap": 1})"},
      {"GET", "/api/v1/projects/{id}/wellbeing/me", kProject, Action::kAnnotate, ""},
      {"PUT", "/api/v1/projects/{id}/wellbeing/me", kProject, Action::kAnnotate,
       R"({"opted_out": true})"},
      {"GET", "/api/v1/projects/{id}/diversity/policy", kProject, Action::kManageProjects, ""},
      {"PUT", "/api/v1/projects/{id}/diversity/policy", kProject, Action::kManageProjects,
       R"({"attributes": []})"},
      {"GET", "/api/v1/projects/{id}/diversity/report", kProject, Action::kManageProjects, ""},
      {"GET", "/api/v1/projects/{id}/diversity/me", kProject, Action::kAnnotate, ""},
      {"PUT", "/api/v1/projects/{id}/diversity/me", kProject, Action::kAnnotate,
       R"({"answers": {}})"},
      {"PUT", "/api/v1/tasks/{id}/sensitive", kTask, Action::kManageProjects,
       R"({"sensitive": true})"},
      {"GET", "/api/v1/tasks/{id}/routing", kTask, Action::kManageProjects, ""},
      {"PUT", "/api/v1/tasks/{id}/routing", kTask, Action::kManageProjects,
       R"({"required_tier": "expert"})"},
      {"GET", "/api/v1/projects/{id}/adjudications", kProject, Action::kAdjudicate, ""},
      {"GET", "/api/v1/tasks/{id}/adjudication", kTask, Action::kAdjudicate, ""},
      {"POST", "/api/v1/tasks/{id}/adjudication", kTask, Action::kAdjudicate,
       R"({"result": {"sentiment": {"choices": ["negative"]}}, "rationale": "intruder"})"},
      {"PATCH", "/api/v1/annotations/{id}", kAnnotation, Action::kAnnotate,
       R"({"result": {"sentiment": {"choices": ["negative"]}}, "version": 1})"},
      {"POST", "/api/v1/annotations/{id}/reviews", kAnnotation, Action::kReview,
       R"({"verdict": "rejected", "comment": "intruder"})"},
      {"GET", "/api/v1/jobs/{id}", kJob, Action::kExport, ""},
      {"GET", "/api/v1/jobs/{id}/download", kJob, Action::kExport, ""},
      {"POST", "/api/v1/jobs/{id}/cancel", kJob, Action::kExport, "{}"},
      {"POST", "/api/v1/projects/{id}/aggregates", kProject, Action::kManageProjects,
       R"({"method": "mv"})"},
      {"GET", "/api/v1/projects/{id}/aggregates", kProject, Action::kManageGold, ""},
      {"GET", "/api/v1/tasks/{id}/aggregate", kTask, Action::kManageGold, ""},
      {"POST", "/api/v1/projects/{id}/active-learning", kProject, Action::kManageProjects,
       R"({"strategy": "margin"})"},
      {"GET", "/api/v1/projects/{id}/suspects", kProject, Action::kReview, ""},
      {"POST", "/api/v1/projects/{id}/suspects/relabel", kProject, Action::kManageProjects,
       R"({"top": 5})"},
      {"POST", "/api/v1/projects/{id}/predictions", kProject, Action::kManageProjects,
       R"([{"task_id": 1, "model_version": "intruder", "result": {}}])"},
      {"GET", "/api/v1/tasks/{id}/predictions", kTask, Action::kManageProjects, ""},
      {"GET", "/api/v1/projects/{id}/anchoring", kProject, Action::kManageProjects, ""},
      {"GET", "/api/v1/projects/{id}/model-backend", kProject, Action::kManageProjects, ""},
      {"PUT", "/api/v1/projects/{id}/model-backend", kProject, Action::kManageProjects,
       R"({"kind": "label_studio", "url": "http://93.184.216.34:9090"})"},
      {"POST", "/api/v1/projects/{id}/model-backend/check", kProject, Action::kManageProjects, ""},
      {"POST", "/api/v1/projects/{id}/model-backend/draft", kProject, Action::kManageProjects, ""},
      {"POST", "/api/v1/projects/{id}/model-backend/train", kProject, Action::kManageProjects, ""},
      {"POST", "/api/v1/projects/{id}/auto-label", kProject, Action::kManageGold,
       R"({"model_version": "intruder", "apply": true})"},
      {"GET", "/api/v1/projects/{id}/machine-labels", kProject, Action::kManageProjects, ""},
      {"GET", "/api/v1/projects/{id}/machine-labels/validation", kProject, Action::kManageGold, ""},
      {"GET", "/api/v1/projects/{id}/labelling-functions", kProject, Action::kManageProjects, ""},
      {"PUT", "/api/v1/projects/{id}/labelling-functions", kProject, Action::kManageProjects,
       R"({"functions": [{"name": "x", "kind": "keyword", "keywords": ["a"], "label": "negative"}]})"},
      {"DELETE", "/api/v1/projects/{id}/labelling-functions", kProject, Action::kManageProjects,
       ""},
      {"POST", "/api/v1/projects/{id}/weak-labels", kProject, Action::kManageProjects, "{}"},
  };
  const auto id_of = [&](Kind kind) {
    switch (kind) {
      case kProject: return other;
      case kTask: return task;
      case kAnnotation: return annotation;
      case kJob: return job_id;
    }
    return int64_t{0};
  };
  const std::string missing = "999999";  // No project, task, annotation or job has it.
  const auto with_id = [](std::string path, const std::string& id) {
    return path.replace(path.find("{id}"), 4, id);
  };
  const std::vector<std::pair<domain::Role, std::string>> users = {
      {domain::Role::kManager, "manager1@example.org"},
      {domain::Role::kReviewer, "reviewer1@example.org"},
      {domain::Role::kAnnotator, "annotator1@example.org"},
  };
  for (const auto& [role, email] : users) {
    const Client client = Login(email);
    for (const Route& route : routes) {
      const std::string id = std::to_string(id_of(route.kind));
      std::string body = route.body;
      if (route.path.ends_with("/members") && route.method == std::string("POST")) {
        body = json({{"user_id", user_ids_.at(email)}}).dump();  // Adding oneself.
      }
      const ClientResponse theirs =
          client.Call(route.method, with_id(route.path, id), body, route.content_type);
      const ClientResponse nowhere =
          client.Call(route.method, with_id(route.path, missing), body, route.content_type);
      const std::string what = std::string(route.method) + " " + with_id(route.path, id) + " as " +
                               email + ": " + theirs.body;
      EXPECT_EQ(theirs.status, service::Allows(role, route.action) ? 404 : 403) << what;
      EXPECT_EQ(theirs.status, nowhere.status) << what << " | missing: " << nowhere.body;
      EXPECT_EQ(ErrorWithoutId(theirs, id), ErrorWithoutId(nowhere, missing))
          << what << " | missing: " << nowhere.body;
    }
    // The project list names only the projects they are a member of.
    const ClientResponse listed = client.Call("GET", "/api/v1/projects");
    ASSERT_EQ(listed.status, 200) << listed.body;
    const json projects = listed.Json();  // Kept: the loop reads into it.
    std::vector<int64_t> ids;
    for (const json& project : projects["projects"]) ids.push_back(project["id"].get<int64_t>());
    EXPECT_EQ(ids, std::vector<int64_t>{mine}) << email;
  }
  EXPECT_EQ(snapshot(), before);
  // No reservation was left behind either: the other task is still free for the administrator.
  const ClientResponse free = admin_->Post(op + "/next", json::object());
  ASSERT_EQ(free.status, 200) << free.body;
  EXPECT_NE(free.Json()["task"]["id"], task);
}

// Who manages members (catalogue entry 61): administrators, and managers who are members; a
// manager who creates a project is its member; nobody adds themselves unless an administrator;
// every addition and removal is in the audit log; removal takes the project away at once, an
// export job of it included.
TEST_P(AppApiTest, MembersAreManagedByAdministratorsAndManagersWhoAreMembers) {
  const int64_t project = MakeProject(1, 3, /*members=*/false);
  const std::string base = "/api/v1/projects/" + std::to_string(project);
  const Client manager = Login("manager1@example.org");
  const Client annotator = Login("annotator1@example.org");
  EXPECT_EQ(manager.Call("GET", base).status, 404);
  AddMember(*admin_, project, "manager1@example.org", 201);
  ASSERT_EQ(manager.Call("GET", base).status, 200);

  // A member manager adds an annotator, who may now label there.
  EXPECT_EQ(annotator.Post(base + "/next", json::object()).status, 404);
  const ClientResponse added = AddMember(manager, project, "annotator1@example.org", 201);
  EXPECT_EQ(added.Header("Location").value_or(""),
            base + "/members/" + std::to_string(user_ids_.at("annotator1@example.org")));
  EXPECT_EQ(added.Json()["added_by"], user_ids_.at("manager1@example.org"));
  EXPECT_EQ(added.Json()["user"]["email"], "annotator1@example.org");
  EXPECT_EQ(annotator.Post(base + "/next", json::object()).status, 200);

  // Nobody adds themselves: not the member manager, not an annotator (403 by role), and a
  // manager who is no member does not even learn the project exists.
  AddMember(manager, project, "manager1@example.org", 403);
  AddMember(annotator, project, "annotator1@example.org", 403);
  AddMember(Login("annotator2@example.org"), project, "annotator2@example.org", 403);
  AddMember(Login("manager2@example.org"), project, "manager2@example.org", 404);
  AddMember(Login("reviewer1@example.org"), project, "reviewer1@example.org", 403);
  // Twice is 409; an unknown user 400.
  const ClientResponse twice = AddMember(manager, project, "annotator1@example.org", 409);
  EXPECT_EQ(twice.Json()["error"]["field"], "user_id");
  const ClientResponse nobody = manager.Post(base + "/members", {{"user_id", 987654}});
  EXPECT_EQ(nobody.status, 400) << nobody.body;
  EXPECT_EQ(nobody.Json()["error"]["field"], "user_id");
  EXPECT_EQ(manager.Post(base + "/members", {{"user", 1}}).status, 400);

  const ClientResponse listed = manager.Call("GET", base + "/members");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const json members = listed.Json();  // Kept: the loop reads into it.
  std::vector<std::string> emails;
  for (const json& member : members["members"]) emails.push_back(member["user"]["email"]);
  EXPECT_EQ(emails, (std::vector<std::string>{"admin@example.org", "manager1@example.org",
                                              "annotator1@example.org"}));
  EXPECT_EQ(annotator.Call("GET", base + "/members").status, 403);

  // Removal: at once, twice is 404.
  const std::string annotator_member =
      base + "/members/" + std::to_string(user_ids_.at("annotator1@example.org"));
  EXPECT_EQ(manager.Call("DELETE", annotator_member).status, 204);
  EXPECT_EQ(annotator.Post(base + "/next", json::object()).status, 404);
  const ClientResponse again = manager.Call("DELETE", annotator_member);
  EXPECT_EQ(again.status, 404);
  EXPECT_EQ(again.Json()["error"]["field"], "user_id");

  // An export job is its owner's only while they are a member.
  const ClientResponse job = manager.Post(base + "/exports", {{"format", "jsonl"}});
  ASSERT_EQ(job.status, 202) << job.body;
  const std::string url = job.Json()["url"];
  EXPECT_EQ(manager.Call("GET", url).status, 200);
  EXPECT_EQ(admin_
                ->Call("DELETE",
                       base + "/members/" + std::to_string(user_ids_.at("manager1@example.org")))
                .status,
            204);
  EXPECT_EQ(manager.Call("GET", url).status, 404);
  EXPECT_EQ(manager.Call("GET", url + "/download").status, 404);
  EXPECT_EQ(admin_->Call("GET", url).status, 200);

  // The audit log has every change, with who did it.
  std::vector<std::string> actions;
  for (const json& event :
       AuditEvents(*admin_, "entity=project&entity_id=" + std::to_string(project))) {
    if (event["action"].get<std::string>().rfind("project_member.", 0) == 0) {
      actions.push_back(event["action"].get<std::string>() + " " +
                        std::to_string(event["actor_id"].get<int64_t>()));
    }
  }
  const std::string admin_id = std::to_string(user_ids_.at("admin@example.org"));
  const std::string manager_id = std::to_string(user_ids_.at("manager1@example.org"));
  EXPECT_EQ(actions,
            (std::vector<std::string>{
                "project_member.add " + admin_id, "project_member.add " + manager_id,
                "project_member.remove " + manager_id, "project_member.remove " + admin_id}));

  // A manager's own project: they are its member, and it is the only one they see.
  const ClientResponse made = manager.Post(
      "/api/v1/projects",
      {{"name", "Mine"},
       {"label_interface",
        {{"controls",
          {{{"type", "choices"}, {"name", "s"}, {"to", "text"}, {"options", {"a", "b"}}}}}}}});
  ASSERT_EQ(made.status, 201) << made.body;
  const std::string own = "/api/v1/projects/" + std::to_string(made.Json()["id"].get<int64_t>());
  EXPECT_EQ(manager.Call("GET", own).status, 200);
  EXPECT_EQ(manager.Call("GET", own + "/members").Json()["members"][0]["user_id"],
            user_ids_.at("manager1@example.org"));
  const ClientResponse mine = manager.Call("GET", "/api/v1/projects");
  ASSERT_EQ(mine.Json()["projects"].size(), 1u) << mine.body;
  EXPECT_EQ(mine.Json()["projects"][0]["name"], "Mine");
  EXPECT_EQ(admin_->Call("GET", "/api/v1/projects").Json()["projects"].size(), 2u);
}

// docs/openapi.yaml is the contract: every route the server has is documented there, with its
// method.
TEST(OpenApiTest, DocumentsEveryRoute) {
  std::ifstream file(std::string(CHORUS_SOURCE_DIR) + "/docs/openapi.yaml");
  ASSERT_TRUE(file) << "docs/openapi.yaml not found";
  std::vector<std::string> lines;
  for (std::string line; std::getline(file, line);) lines.push_back(line);
  auto router = BuildApiRouter(ApiServices{}, {});
  ASSERT_TRUE(router.ok());
  for (const server::Router::Route& route : router->routes()) {
    std::string method = route.method;
    for (char& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    bool found = false;
    for (size_t i = 0; i < lines.size() && !found; ++i) {
      if (lines[i] != "  " + route.pattern + ":") continue;
      for (size_t j = i + 1; j < lines.size() && lines[j].rfind("    ", 0) == 0; ++j) {
        found = found || lines[j] == "    " + method + ":";
      }
    }
    EXPECT_TRUE(found) << route.method << " " << route.pattern << " is not in docs/openapi.yaml";
  }
}

INSTANTIATE_TEST_SUITE_P(Backends, AppApiTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace chorus::app
