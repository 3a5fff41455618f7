// The whole API as shipped (app::BuildApiRouter over a real store — SQLite, and PostgreSQL
// from the pg_cluster test fixture — and a real server on loopback): the annotator's loop from
// import to export, and the authorization matrix — every route × every role (and no credentials),
// expected outcome derived from the one permission table (service/permissions.h), so a route that
// forgets its guard or names the wrong action fails here.
#include <gtest/gtest.h>
#include <sodium.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "app/api_router.h"
#include "app/open_store.h"
#include "server/server.h"
#include "service/permissions.h"
#include "tests/api/http_client.h"
#include "tests/store/pg_test_cluster.h"

namespace chorus::app {
namespace {

using nlohmann::json;
using service::Action;
using test::ClientResponse;

constexpr const char* kPassword = "correct horse battery staple";

// A logged-in client: keeps the session cookie and sends the CSRF header on every request.
class Client {
 public:
  Client(int port, std::string session, std::string csrf)
      : port_(port), session_(std::move(session)), csrf_(std::move(csrf)) {}

  ClientResponse Call(std::string_view method, std::string_view target, std::string_view body = "",
                      std::string_view content_type = "application/json") const {
    std::string extra;
    if (!session_.empty()) extra += "Cookie: chorus_session=" + session_ + "\r\n";
    if (!csrf_.empty()) extra += "X-CSRF-Token: " + csrf_ + "\r\n";
    if (!body.empty()) extra += "Content-Type: " + std::string(content_type) + "\r\n";
    auto response = test::Fetch(port_, method, target, body, extra);
    return response.value_or(ClientResponse{});
  }
  ClientResponse Post(std::string_view target, const json& body) const {
    return Call("POST", target, body.dump());
  }

 private:
  int port_;
  std::string session_, csrf_;
};

// The value of cookie `name` among a response's Set-Cookie headers.
std::string SetCookieValue(const ClientResponse& response, std::string_view name) {
  const std::string prefix = std::string(name) + "=";
  for (const auto& [field, value] : response.headers) {
    if (field.size() == 10 && strncasecmp(field.c_str(), "Set-Cookie", 10) == 0 &&
        value.rfind(prefix, 0) == 0) {
      return value.substr(prefix.size(), value.find(';') - prefix.size());
    }
  }
  return "";
}

// The parameter names the backend: "sqlite" or "postgres".
class AppApiTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    std::string db;
    if (GetParam() == "postgres") {
      if (const std::string why = store::conformance::PgUnavailable(); !why.empty()) {
        GTEST_SKIP() << why;
      }
      database_ = std::make_unique<store::conformance::TestDatabase>();
      db = database_->url();
    }
    std::string name = ::testing::UnitTest::GetInstance()->current_test_info()->name();
    for (char& c : name) c = c == '/' ? '-' : c;
    dir_ = std::filesystem::temp_directory_path() /
           ("chorus-app-api-" + std::to_string(getpid()) + "-" + name);
    std::filesystem::remove_all(dir_);
    auto opened = OpenStore(db, dir_.string());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened->store);
    service::AuthServiceOptions auth;
    auth.hasher = service::PasswordHasherOptions::Fastest();
    std::filesystem::create_directories(dir_ / "exports");
    services_ = MakeServices(*store_, auth, (dir_ / "exports").string());
    ASSERT_TRUE(services_.auth->BootstrapAdmin("admin@example.org", kPassword).ok());
    auto router = BuildApiRouter(services_, {});
    ASSERT_TRUE(router.ok()) << router.status().ToString();
    server::ServerOptions server_options;
    server_options.listen = "127.0.0.1:0";
    server_options.worker_threads = 4;
    std::filesystem::create_directories(dir_ / "uploads");
    server_options.spool_dir = (dir_ / "uploads").string();
    server_ = std::make_unique<server::Server>(std::move(*router), std::move(server_options));
    ASSERT_TRUE(server_->Start().ok());
    port_ = server_->port();
    admin_ = std::make_unique<Client>(Login("admin@example.org"));
    for (const char* role : {"manager", "reviewer", "annotator"}) {
      for (int n = 1; n <= 2; ++n) {
        const std::string email = std::string(role) + std::to_string(n) + "@example.org";
        const ClientResponse created = admin_->Post(
            "/api/v1/users",
            {{"email", email}, {"display_name", email}, {"role", role}, {"password", kPassword}});
        ASSERT_EQ(created.status, 201) << created.body;
      }
    }
  }

  void TearDown() override {
    if (server_) server_->Stop();
    server_.reset();
    services_ = {};
    store_.reset();
    database_.reset();
    std::filesystem::remove_all(dir_);
  }

  Client Login(const std::string& email) {
    const json body = {{"email", email}, {"password", kPassword}};
    auto response = test::Fetch(port_, "POST", "/api/v1/auth/login", body.dump(),
                                "Content-Type: application/json\r\n");
    EXPECT_TRUE(response.has_value());
    if (!response) return Client(port_, "", "");
    EXPECT_EQ(response->status, 200) << response->body;
    return Client(port_, SetCookieValue(*response, "chorus_session"),
                  SetCookieValue(*response, "chorus_csrf"));
  }

  // A project with `overlap` and the demo's choices interface, plus `tasks` tasks.
  int64_t MakeProject(int overlap, int tasks) {
    const ClientResponse created =
        admin_->Post("/api/v1/projects", {{"name", "Sentiment"},
                                          {"overlap", overlap},
                                          {"label_interface",
                                           {{"controls",
                                             {{{"type", "choices"},
                                               {"name", "sentiment"},
                                               {"to", "text"},
                                               {"options", {"positive", "negative"}}}}}}}});
    EXPECT_EQ(created.status, 201) << created.body;
    const int64_t id = created.Json().value("id", int64_t{0});
    std::string jsonl;
    for (int i = 0; i < tasks; ++i)
      jsonl += json({{"text", "review " + std::to_string(i)}}).dump() + "\n";
    const ClientResponse imported =
        admin_->Call("POST", "/api/v1/projects/" + std::to_string(id) + "/imports", jsonl,
                     "application/x-ndjson");
    EXPECT_EQ(imported.status, 200) << imported.body;
    return id;
  }

  std::unique_ptr<store::conformance::TestDatabase> database_;
  std::filesystem::path dir_;
  std::unique_ptr<store::Store> store_;
  ApiServices services_;
  std::unique_ptr<server::Server> server_;
  int port_ = 0;
  std::unique_ptr<Client> admin_;
};

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

// Uploads are spooled to disk and read twice, a record at a time: a JSON array larger than a
// read chunk and than a batch arrives whole, and the spooled file is gone afterwards.
TEST_P(AppApiTest, LargeImportsStreamFromASpooledFileThatIsRemovedAfterwards) {
  const int64_t project = MakeProject(1, 1);
  const std::string imports = "/api/v1/projects/" + std::to_string(project) + "/imports";
  constexpr int kTasks = 12'000;  // More than a batch (10,000) and than a read chunk (64 KiB).
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
  const int64_t task_b = b.Json()["task"]["id"];
  const ClientResponse reused =
      first.Post("/api/v1/tasks/" + std::to_string(task_b) + "/annotations", answer);
  EXPECT_EQ(reused.status, 409) << reused.body;
  EXPECT_EQ(reused.Json()["error"]["field"], "idempotency_key");
  // Answers are checked against the interface: an option it does not offer names its place.
  const ClientResponse wrong = second.Post(
      "/api/v1/tasks/" + std::to_string(b.Json()["task"]["id"].get<int64_t>()) + "/annotations",
      {{"result", {{"sentiment", {{"choices", {"sarcastic"}}}}}}, {"idempotency_key", "w"}});
  ASSERT_EQ(wrong.status, 400) << wrong.body;
  EXPECT_EQ(wrong.Json()["error"]["field"], "result.sentiment.choices[0]");
  // The task has its one label: another annotator cannot add a second.
  json other = answer;
  other["idempotency_key"] = "k-2";
  EXPECT_EQ(second.Post(submit, other).status, 409);
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
  EXPECT_EQ(admin_->Call("GET", base + "?format=xml").status, 400);
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
      {"GET", "/api/v1/auth/tokens", Action::kManageOwnTokens},
      {"GET", "/api/v1/users", Action::kListUsers},
      {"POST", "/api/v1/users", Action::kManageUsers},
      {"PATCH", "/api/v1/users/1", Action::kManageUsers},
      {"GET", "/api/v1/projects", Action::kListProjects},
      {"POST", "/api/v1/projects", Action::kManageProjects},
      {"GET", p, Action::kListProjects},
      {"PATCH", p, Action::kManageProjects},
      {"GET", p + "/guidelines", Action::kListProjects},
      {"POST", p + "/guidelines", Action::kManageProjects},
      {"POST", p + "/imports", Action::kImportTasks},
      {"GET", p + "/tasks", Action::kReadTasks},
      {"GET", p + "/export", Action::kExport},
      {"POST", p + "/exports", Action::kExport},
      {"GET", "/api/v1/jobs/1", Action::kExport},
      {"GET", "/api/v1/jobs/1/download", Action::kExport},
      {"POST", p + "/next", Action::kAnnotate},
      {"POST", "/api/v1/tasks/1/annotations", Action::kAnnotate},
      {"GET", "/api/v1/tasks/1/annotations", Action::kReadAnnotations},
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
      const int status = client.Call(route.method, route.target, unsafe ? "{}" : "").status;
      if (service::Allows(role, route.action)) {
        EXPECT_TRUE(status != 401 && status != 403) << route.method << " " << route.target << " as "
                                                    << domain::RoleName(role) << ": " << status;
      } else {
        EXPECT_EQ(status, 403) << route.method << " " << route.target << " as "
                               << domain::RoleName(role);
      }
    }
  }
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
