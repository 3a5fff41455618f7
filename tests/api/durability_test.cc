// kill -9 during bursts of submissions, then a restart, again and again: every acknowledged
// annotation is there exactly once and the database passes PRAGMA integrity_check after each
// kill (issue 4, "Tests and measures"). Runs the real `chorus serve` binary on a SQLite file.
#include <gtest/gtest.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
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

// A setting from the environment (CHORUS_KILL9_CLIENTS, CHORUS_KILL9_ROUNDS), else `fallback`.
int Setting(const char* name, int fallback) {
  const char* value = std::getenv(name);
  return value != nullptr && std::atoi(value) > 0 ? std::atoi(value) : fallback;
}

// One annotator's submission that got no answer: the server died under it. Its retry after the
// restart must store it once, or replay it if it had committed.
struct Unanswered {
  int64_t task = 0;
  json answer;
};

// Security catalogue entry 1, at a size `make test` affords (20 clients, 5 kills; the
// catalogue's 200 clients and 100 kills: CHORUS_KILL9_CLIENTS=200 CHORUS_KILL9_ROUNDS=100).
// Clients label as fast as they can; the server is killed at a random moment of each round and
// restarted; every submission left unanswered is retried with its key. In the end the stored
// annotations are exactly the acknowledged ones, each once; no answer was a 500; the file
// passed integrity_check after every kill.
TEST(DurabilityTest, AcknowledgedAnnotationsSurviveRepeatedKillNine) {
  const int clients = Setting("CHORUS_KILL9_CLIENTS", 20);
  const int rounds = Setting("CHORUS_KILL9_ROUNDS", 5);
  char pattern[] = "/tmp/chorus-kill9-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const std::string dir = std::string(pattern) + "/data";
  Served served = StartServe(dir);
  ASSERT_GT(served.port, 0) << "chorus serve did not start";
  const std::string admin = Login(served.port, "admin@example.org");
  ASSERT_FALSE(admin.empty());
  const json interface = {{"controls",
                           {{{"type", "choices"},
                             {"name", "sentiment"},
                             {"to", "text"},
                             {"options", {"positive", "negative"}}}}}};
  const auto created = test::Fetch(
      served.port, "POST", "/api/v1/projects",
      json({{"name", "Kill nine"}, {"overlap", 1}, {"label_interface", interface}}).dump(), admin);
  ASSERT_TRUE(created && created->status == 201) << (created ? created->body : "no answer");
  const std::string project = std::to_string(created->Json()["id"].get<int64_t>());
  std::string tasks;
  for (int i = 0; i < 2000 * rounds; ++i)
    tasks += json({{"text", std::to_string(i)}}).dump() + "\n";
  const auto imported = test::Fetch(
      served.port, "POST", "/api/v1/projects/" + project + "/imports", tasks,
      "Content-Type: application/x-ndjson\r\n" + admin.substr(0, admin.find("Content-Type")));
  ASSERT_TRUE(imported && imported->status == 200) << (imported ? imported->body : "no answer");
  std::vector<std::string> sessions;
  for (int a = 0; a < clients; ++a) {
    const std::string email = "annotator" + std::to_string(a) + "@example.org";
    const auto user = test::Fetch(served.port, "POST", "/api/v1/users",
                                  json({{"email", email},
                                        {"display_name", email},
                                        {"role", "annotator"},
                                        {"password", kPassword}})
                                      .dump(),
                                  admin);
    ASSERT_TRUE(user && user->status == 201) << (user ? user->body : "no answer");
    const auto member = test::Fetch(served.port, "POST", "/api/v1/projects/" + project + "/members",
                                    json({{"user_id", user->Json()["id"]}}).dump(), admin);
    ASSERT_TRUE(member && member->status == 201) << (member ? member->body : "no answer");
    sessions.push_back(Login(served.port, email));  // Sessions are stored: they survive kills.
    ASSERT_FALSE(sessions.back().empty());
  }

  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  std::mutex mutex;
  std::set<int64_t> acknowledged;                              // Guarded by mutex.
  std::map<int, int> statuses;                                 // Of submissions; guarded by mutex.
  std::vector<std::optional<Unanswered>> unanswered(clients);  // Each client's own slot.
  // Sends one submission; records its answer. False when the server did not answer.
  const auto submit = [&](int a, int64_t task, const json& answer) {
    const auto stored =
        test::Fetch(served.port, "POST", "/api/v1/tasks/" + std::to_string(task) + "/annotations",
                    answer.dump(), sessions[a]);
    if (!stored) {
      unanswered[a] = Unanswered{task, answer};
      return false;
    }
    unanswered[a].reset();
    std::lock_guard lock(mutex);
    ++statuses[stored->status];
    if (stored->status == 201 || stored->status == 200) {
      acknowledged.insert(stored->Json()["annotation"]["id"].get<int64_t>());
    }
    return true;
  };
  for (int round = 0; round <= rounds; ++round) {
    if (round > 0) {
      served = StartServe(dir);
      ASSERT_GT(served.port, 0) << "chorus serve did not restart after kill " << round;
    }
    std::atomic<bool> stop = false;
    std::atomic<int> answered = 0;
    std::vector<std::thread> annotators;
    for (int a = 0; a < clients; ++a) {
      annotators.emplace_back([&, a] {
        if (unanswered[a] && !submit(a, unanswered[a]->task, unanswered[a]->answer)) return;
        for (int n = 0; !stop && round < rounds; ++n) {  // The last round only retries.
          const auto next = test::Fetch(served.port, "POST",
                                        "/api/v1/projects/" + project + "/next", "{}", sessions[a]);
          if (!next || next->status != 200) return;
          const json answer = {{"result", {{"sentiment", {{"choices", {"positive"}}}}}},
                               {"idempotency_key", std::to_string(a) + "-" + std::to_string(round) +
                                                       "-" + std::to_string(n)}};
          if (!submit(a, next->Json()["task"]["id"].get<int64_t>(), answer)) return;
          ++answered;
        }
      });
    }
    if (round == rounds) {
      for (std::thread& t : annotators) t.join();
      break;
    }
    for (int i = 0; i < 1000 && answered == 0; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::this_thread::sleep_for(
        std::chrono::milliseconds(std::uniform_int_distribution<int>(50, 600)(random)));
    kill(served.pid, SIGKILL);
    waitpid(served.pid, nullptr, 0);
    close(served.out);
    stop = true;
    for (std::thread& t : annotators) t.join();
    EXPECT_GT(answered, 0) << "nothing was answered before kill " << round + 1;
    store::sqlite::SqliteOptions options;
    options.path = dir + "/chorus.db";
    auto reopened = store::sqlite::SqliteStore::Open(options);
    ASSERT_TRUE(reopened.ok()) << reopened.status().ToString();
    auto check = (*reopened)->IntegrityCheck();
    ASSERT_TRUE(check.ok());
    ASSERT_EQ(*check, "ok") << "after kill " << round + 1;
  }
  for (const auto& [status, count] : statuses) {
    EXPECT_TRUE(status == 200 || status == 201 || status == 503)
        << count << " submissions answered " << status;
  }

  // Every annotation stored was acknowledged, and every acknowledged one is stored once.
  const auto exported =
      test::Fetch(served.port, "GET", "/api/v1/projects/" + project + "/export?format=jsonl", "",
                  Login(served.port, "admin@example.org"));
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
  EXPECT_EQ(seen.size(), acknowledged.size());
  for (const int64_t id : acknowledged) EXPECT_EQ(seen[id], 1) << "acknowledged annotation " << id;
  for (const auto& [id, count] : seen)
    EXPECT_TRUE(acknowledged.count(id)) << "unacknowledged " << id;
  std::printf("[kill9] %d clients, %d kills, %zu acknowledged annotations, seed %u\n", clients,
              rounds, acknowledged.size(), seed);
  kill(served.pid, SIGTERM);
  waitpid(served.pid, nullptr, 0);
  close(served.out);
  std::filesystem::remove_all(pattern);
}

}  // namespace
}  // namespace chorus
