// kill -9 during a burst of submissions, then a restart: every acknowledged annotation is
// there exactly once and the database passes PRAGMA integrity_check (issue 4, "Tests and
// measures"). Runs the real `chorus serve` binary on a SQLite file.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "store/sqlite/sqlite_store.h"
#include "tests/api/http_client.h"

namespace chorus {
namespace {

using nlohmann::json;
using test::ClientResponse;

constexpr const char* kPassword = "correct horse battery staple";

struct Served {
  pid_t pid = -1;
  int port = 0;
  int out = -1;  // The server's stdout, kept open while it runs (closing early is not a test).
};

// Starts the binary on a free port with its data in `dir`; waits for the URL line.
Served StartServe(const std::string& dir) {
  int out[2];
  if (pipe(out) != 0) return {};
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    setenv("CHORUS_ADMIN_EMAIL", "admin@example.org", 1);
    setenv("CHORUS_ADMIN_PASSWORD", kPassword, 1);
    execl(CHORUS_BINARY, CHORUS_BINARY, "serve", "--listen", "127.0.0.1:0", "--data", dir.c_str(),
          "--demo", static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  std::string line;
  char c = 0;
  pollfd p{out[0], POLLIN, 0};
  while ((line.empty() || line.back() != '\n') && poll(&p, 1, 30'000) > 0 &&
         read(out[0], &c, 1) == 1) {
    line += c;
  }
  const std::string prefix = "Chorus is listening on http://127.0.0.1:";
  if (line.rfind(prefix, 0) != 0) return {pid, 0, out[0]};
  return {pid, std::stoi(line.substr(prefix.size())), out[0]};
}

// Logs in; returns the extra header lines that authenticate later requests.
std::string Login(int port, const std::string& email) {
  const auto response = test::Fetch(port, "POST", "/api/v1/auth/login",
                                    json({{"email", email}, {"password", kPassword}}).dump(),
                                    "Content-Type: application/json\r\n");
  if (!response || response->status != 200) return "";
  std::string session, csrf;
  for (const auto& [field, value] : response->headers) {
    if (strcasecmp(field.c_str(), "Set-Cookie") != 0) continue;
    const std::string pair = value.substr(0, value.find(';'));
    if (pair.rfind("chorus_session=", 0) == 0) session = pair;
    if (pair.rfind("chorus_csrf=", 0) == 0) csrf = pair.substr(pair.find('=') + 1);
  }
  return "Cookie: " + session + "\r\nX-CSRF-Token: " + csrf +
         "\r\nContent-Type: application/json\r\n";
}

TEST(DurabilityTest, AcknowledgedAnnotationsSurviveKillNine) {
  char pattern[] = "/tmp/chorus-kill9-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const std::string dir = std::string(pattern) + "/data";
  Served served = StartServe(dir);
  ASSERT_GT(served.port, 0) << "chorus serve did not start";
  const std::string admin = Login(served.port, "admin@example.org");
  ASSERT_FALSE(admin.empty());
  constexpr int kAnnotators = 3;
  std::vector<std::string> sessions;
  for (int a = 0; a < kAnnotators; ++a) {
    const std::string email = "annotator" + std::to_string(a) + "@example.org";
    const auto created = test::Fetch(served.port, "POST", "/api/v1/users",
                                     json({{"email", email},
                                           {"display_name", email},
                                           {"role", "annotator"},
                                           {"password", kPassword}})
                                         .dump(),
                                     admin);
    ASSERT_TRUE(created && created->status == 201) << (created ? created->body : "no answer");
    // Annotators label only in projects they are members of (the demo project is 1).
    const auto member =
        test::Fetch(served.port, "POST", "/api/v1/projects/1/members",
                    json({{"user_id", json::parse(created->body)["id"]}}).dump(), admin);
    ASSERT_TRUE(member && member->status == 201) << (member ? member->body : "no answer");
    sessions.push_back(Login(served.port, email));
    ASSERT_FALSE(sessions.back().empty());
  }

  // Each annotator labels as fast as it can; the server is killed while they do.
  std::mutex mutex;
  std::map<int64_t, std::pair<int64_t, int64_t>> acknowledged;  // id -> (task, annotator).
  std::atomic<bool> stop = false;
  std::vector<std::thread> annotators;
  for (int a = 0; a < kAnnotators; ++a) {
    annotators.emplace_back([&, a] {
      for (int n = 0; !stop; ++n) {
        const auto next =
            test::Fetch(served.port, "POST", "/api/v1/projects/1/next", "{}", sessions[a]);
        if (!next || next->status != 200) return;
        const int64_t task = next->Json()["task"]["id"];
        const json answer = {{"result", {{"sentiment", {{"choices", {"positive"}}}}}},
                             {"idempotency_key", std::to_string(a) + "-" + std::to_string(n)}};
        const auto stored = test::Fetch(served.port, "POST",
                                        "/api/v1/tasks/" + std::to_string(task) + "/annotations",
                                        answer.dump(), sessions[a]);
        if (!stored) return;  // Killed mid-request: not acknowledged.
        if (stored->status == 201 || stored->status == 200) {
          const json annotation = stored->Json()["annotation"];
          std::lock_guard lock(mutex);
          acknowledged[annotation["id"].get<int64_t>()] = {
              task, annotation["annotator_id"].get<int64_t>()};
        }
      }
    });
  }
  for (int i = 0; i < 100; ++i) {  // Until some labels are in, at most 10 s.
    {
      std::lock_guard lock(mutex);
      if (acknowledged.size() >= 30) break;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  kill(served.pid, SIGKILL);
  waitpid(served.pid, nullptr, 0);
  close(served.out);
  stop = true;
  for (std::thread& t : annotators) t.join();
  ASSERT_GE(acknowledged.size(), 30u) << "too few submissions before the kill to test anything";

  // The database is sound...
  {
    store::sqlite::SqliteOptions options;
    options.path = dir + "/chorus.db";
    auto reopened = store::sqlite::SqliteStore::Open(options);
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    auto check = (*reopened)->IntegrityCheck();
    ASSERT_TRUE(check.ok());
    EXPECT_EQ(*check, "ok");
  }
  // ...and after a restart every acknowledged label is exported exactly once.
  served = StartServe(dir);
  ASSERT_GT(served.port, 0) << "chorus serve did not restart";
  const auto exported = test::Fetch(served.port, "GET", "/api/v1/projects/1/export?format=jsonl",
                                    "", Login(served.port, "admin@example.org"));
  ASSERT_TRUE(exported.has_value()) << "no answer to the export";
  ASSERT_EQ(exported->status, 200) << exported->body;
  std::map<int64_t, int> seen;
  std::set<std::pair<int64_t, int64_t>> task_annotator;
  for (size_t start = 0; start < exported->body.size();) {
    const size_t end = exported->body.find('\n', start);
    const json task = json::parse(exported->body.substr(start, end - start));
    for (const json& annotation : task["annotations"]) {
      ++seen[annotation["id"].get<int64_t>()];
      const std::pair<int64_t, int64_t> key = {task["id"].get<int64_t>(),
                                               annotation["annotator_id"].get<int64_t>()};
      EXPECT_TRUE(task_annotator.insert(key).second)
          << "two labels by one annotator on task " << task["id"];
    }
    start = end + 1;
  }
  for (const auto& [id, where] : acknowledged) {
    EXPECT_EQ(seen[id], 1) << "acknowledged annotation " << id << " of task " << where.first;
  }
  kill(served.pid, SIGTERM);
  waitpid(served.pid, nullptr, 0);
  close(served.out);
  std::filesystem::remove_all(pattern);
}

}  // namespace
}  // namespace chorus
