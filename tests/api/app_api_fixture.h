// The API test fixture: the whole API as shipped (app::BuildApiRouter) over a real store,
// SQLite or the pg_cluster fixture's PostgreSQL, behind a real server on loopback, with
// logged-in clients for each role. Shared by the tests/api/*_api_test.cc files of
// chorus_app_api_test (the suite is instantiated once, in app_api_test.cc).
#pragma once

#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "app/api_router.h"
#include "app/open_store.h"
#include "core/clock.h"
#include "server/server.h"
#include "service/media_samples_for_test.h"
#include "service/outbound/outbound_fetcher.h"
#include "service/outbound/test_upstream_for_test.h"
#include "service/permissions.h"
#include "service/secrets.h"
#include "tests/api/http_client.h"
#include "tests/store/pg_test_cluster.h"

namespace chorus::app {

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
                      std::string_view content_type = "application/json",
                      std::string_view extra_headers = "") const {
    std::string extra(extra_headers);
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
inline std::string SetCookieValue(const ClientResponse& response, std::string_view name) {
  const std::string prefix = std::string(name) + "=";
  for (const auto& [field, value] : response.headers) {
    if (field.size() == 10 && strncasecmp(field.c_str(), "Set-Cookie", 10) == 0 &&
        value.rfind(prefix, 0) == 0) {
      return value.substr(prefix.size(), value.find(';') - prefix.size());
    }
  }
  return "";
}

// The structure of a JSON value without its values: objects keep their keys, arrays the shape
// of their first element, scalars become their type name. Two responses with equal shapes
// cannot be told apart by their fields (gold invisibility).
inline json Shape(const json& value) {
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : value.items()) out[key] = Shape(item);
    return out;
  }
  if (value.is_array()) return value.empty() ? json::array() : json::array({Shape(value[0])});
  return value.type_name();
}

// Where task `task`'s annotations are submitted and listed.
inline std::string AnnotationsPath(int64_t task) {
  return "/api/v1/tasks/" + std::to_string(task) + "/annotations";
}

// A submission answering `option` on MakeProject's "sentiment" control, under idempotency `key`.
inline json ChoiceAnswer(const std::string& option, const std::string& key) {
  return {{"result", {{"sentiment", {{"choices", {option}}}}}}, {"idempotency_key", key}};
}

// Polls job `url` until it leaves "running" (at most ~10 s); returns its last state.
inline json AwaitJob(const Client& who, const std::string& url) {
  json job;
  for (int i = 0; i < 1000; ++i) {
    job = who.Call("GET", url).Json();
    if (job["state"] != "running") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return job;
}

// `who` asks for the next task of `project`; returns its id (0: none handed out, or refused).
inline int64_t TakeNext(const Client& who, int64_t project) {
  const ClientResponse next =
      who.Post("/api/v1/projects/" + std::to_string(project) + "/next", json::object());
  return next.status == 200 ? next.Json()["task"]["id"].get<int64_t>() : 0;
}

// `who` takes the next task of `project` (MakeProject's interface) and answers `option` on its
// "sentiment" control; returns the task id (0: none handed out).
inline int64_t LabelNext(const Client& who, int64_t project, const std::string& option) {
  const int64_t task = TakeNext(who, project);
  if (task == 0) return 0;
  const ClientResponse submitted =
      who.Post(AnnotationsPath(task), {{"result", {{"sentiment", {{"choices", {option}}}}}}});
  EXPECT_EQ(submitted.status, 201) << submitted.body;
  return task;
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
    auto opened = OpenStore(db, store_dir_.empty() ? dir_.string() : store_dir_.string());
    ASSERT_TRUE(opened.ok()) << opened.status().ToString();
    store_ = std::move(opened->store);
    service::AuthServiceOptions auth;
    auth.hasher = service::PasswordHasherOptions::Fastest();
    std::filesystem::create_directories(dir_ / "exports");
    services_ = MakeServices(*store_, auth, (dir_ / "exports").string(), {},
                             (dir_ / "uploaded-media").string());
    ASSERT_TRUE(services_.auth->BootstrapAdmin("admin@example.org", kPassword).ok());
    MakeServerFiles();
    ApiRouterOptions router_options;
    auto import_roots = AllowedRoots::Make({(dir_ / "import").string()}, "--import-dir");
    ASSERT_TRUE(import_roots.ok()) << import_roots.status().ToString();
    router_options.import_roots = std::move(*import_roots);
    auto media_roots = AllowedRoots::Make({(dir_ / "media").string()}, "--media-dir");
    ASSERT_TRUE(media_roots.ok()) << media_roots.status().ToString();
    router_options.media_roots = std::move(*media_roots);
    router_options.export_spool_dir = (dir_ / "exports").string();
    auto router = BuildApiRouter(services_, router_options);
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
        user_ids_[email] = created.Json()["id"].get<int64_t>();
      }
    }
    user_ids_["admin@example.org"] = admin_->Call("GET", "/api/v1/me").Json()["id"].get<int64_t>();
  }

  void TearDown() override {
    if (server_) server_->Stop();
    server_.reset();
    services_ = {};
    store_.reset();
    database_.reset();
    std::filesystem::remove_all(dir_);
  }

  // The directories --import-dir and --media-dir allow, and what lies around them:
  //   import/tasks.jsonl, import/escape.jsonl -> ../outside/secret.jsonl, import2/sibling.jsonl
  //   media/cats/1.jpg, media/x.svg, media/notes.txt, media/escape.jpg -> ../outside/secret.jpg
  //   outside/secret.jsonl, outside/secret.jpg
  void MakeServerFiles() {
    namespace fs = std::filesystem;
    for (const char* sub : {"import", "import2", "media/cats", "outside"}) {
      fs::create_directories(dir_ / sub);
    }
    const auto write = [](const fs::path& path, const std::string& content) {
      std::ofstream(path, std::ios::binary) << content;
    };
    write(dir_ / "import" / "tasks.jsonl", kServerTasks);
    write(dir_ / "import2" / "sibling.jsonl", kServerTasks);
    write(dir_ / "outside" / "secret.jsonl", kServerTasks);
    write(dir_ / "outside" / "secret.jpg", "secret");
    fs::create_symlink("../outside/secret.jsonl", dir_ / "import" / "escape.jsonl");
    write(dir_ / "media" / "cats" / "1.jpg", std::string("\xFF\xD8\xFF\xE0jpeg\0bytes", 14));
    write(dir_ / "media" / "x.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><script/></svg>");
    write(dir_ / "media" / "notes.txt", "plain");
    fs::create_symlink("../outside/secret.jpg", dir_ / "media" / "escape.jpg");
  }

  static constexpr const char* kServerTasks =
      "{\"data\": {\"text\": \"one\"}, \"external_id\": \"s1\"}\n"
      "{\"text\": \"two\"}\n"
      "{\"text\": \"two\"}\n";

  Client Login(const std::string& email) { return LoginAt(port_, email); }
  static Client LoginAt(int port, const std::string& email) {
    const json body = {{"email", email}, {"password", kPassword}};
    auto response = test::Fetch(port, "POST", "/api/v1/auth/login", body.dump(),
                                "Content-Type: application/json\r\n");
    EXPECT_TRUE(response.has_value());
    if (!response) return Client(port, "", "");
    EXPECT_EQ(response->status, 200) << response->body;
    return Client(port, SetCookieValue(*response, "chorus_session"),
                  SetCookieValue(*response, "chorus_csrf"));
  }

  // A second server over the same store whose outbound fetches may also reach `allow_fetch`
  // (chorus serve --allow-fetch), spooling into DIR/uploads like the first.
  struct FetchingServer {
    ApiServices services;
    std::unique_ptr<server::Server> server;
    int port = 0;
  };
  std::unique_ptr<FetchingServer> StartAllowingFetch(const std::vector<std::string>& allow_fetch,
                                                     const ApiRouterOptions& router_options = {}) {
    auto running = std::make_unique<FetchingServer>();
    auto policy = service::FetchPolicy::Make(allow_fetch);
    EXPECT_TRUE(policy.ok()) << policy.status().ToString();
    OutboundServiceOptions outbound;
    outbound.fetch_policy = policy.ok() ? *policy : service::FetchPolicy();
    outbound.uploads_dir = (dir_ / "uploads").string();
    service::AuthServiceOptions auth;
    auth.hasher = service::PasswordHasherOptions::Fastest();
    running->services = MakeServices(*store_, auth, (dir_ / "exports").string(), outbound);
    auto router = BuildApiRouter(running->services, router_options);
    EXPECT_TRUE(router.ok()) << router.status().ToString();
    server::ServerOptions options;
    options.listen = "127.0.0.1:0";
    options.spool_dir = (dir_ / "uploads").string();
    running->server = std::make_unique<server::Server>(std::move(*router), std::move(options));
    EXPECT_TRUE(running->server->Start().ok());
    running->port = running->server->port();
    return running;
  }

  // A project with `overlap` and the demo's choices interface, plus `tasks` tasks (none: no
  // import), made by the administrator; with `members`, every other test user is a member.
  int64_t MakeProject(int overlap, int tasks, bool members = true) {
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
    if (members) {
      for (const auto& [email, user] : user_ids_) {
        if (email != "admin@example.org") AddMember(*admin_, id, email, 201);
      }
    }
    if (tasks == 0) return id;
    std::string jsonl;
    for (int i = 0; i < tasks; ++i)
      jsonl += json({{"text", "review " + std::to_string(i)}}).dump() + "\n";
    const ClientResponse imported =
        admin_->Call("POST", "/api/v1/projects/" + std::to_string(id) + "/imports", jsonl,
                     "application/x-ndjson");
    EXPECT_EQ(imported.status, 200) << imported.body;
    return id;
  }

  // An annotator of `tier` created by the administrator (their id recorded in user_ids_),
  // added to `project` by `adder` (the administrator when null), and logged in.
  Client AddAnnotator(int64_t project, const std::string& email, const std::string& tier = "crowd",
                      const Client* adder = nullptr) {
    const ClientResponse created = admin_->Post("/api/v1/users", {{"email", email},
                                                                  {"display_name", email},
                                                                  {"role", "annotator"},
                                                                  {"tier", tier},
                                                                  {"password", kPassword}});
    EXPECT_EQ(created.status, 201) << created.body;
    user_ids_[email] = created.Json().value("id", int64_t{0});
    AddMember(adder != nullptr ? *adder : *admin_, project, email, 201);
    return Login(email);
  }

  // `by` adds the user with `email` to `project`, expecting `status`; returns the response.
  ClientResponse AddMember(const Client& by, int64_t project, const std::string& email,
                           int status) {
    const ClientResponse added = by.Post("/api/v1/projects/" + std::to_string(project) + "/members",
                                         {{"user_id", user_ids_.at(email)}});
    EXPECT_EQ(added.status, status) << "adding " << email << ": " << added.body;
    return added;
  }

  std::unique_ptr<store::conformance::TestDatabase> database_;
  std::filesystem::path dir_;
  // Where SQLite keeps chorus.db when set before SetUp (a small file system); else dir_.
  std::filesystem::path store_dir_;
  std::unique_ptr<store::Store> store_;
  ApiServices services_;
  std::unique_ptr<server::Server> server_;
  int port_ = 0;
  std::unique_ptr<Client> admin_;
  std::map<std::string, int64_t> user_ids_;  // Every test user's id by email.
};

}  // namespace chorus::app
