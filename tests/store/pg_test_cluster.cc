#include "tests/store/pg_test_cluster.h"

#include <stdlib.h>
#include <unistd.h>

#include <atomic>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <sstream>
#include <stdexcept>

namespace chorus::store::conformance {

namespace {

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  while (!s.empty() && (s.back() == '\n' || s.back() == ' ')) s.pop_back();
  return s;
}

// Where the server came from, decided once.
struct Server {
  std::string url;          // The maintenance database's URL, when available.
  std::string unavailable;  // Else why not.
  std::string own_state;    // A cluster this process started (stopped at exit).

  ~Server() {
    if (!own_state.empty()) {
      std::string command = PgClusterScript() + " stop '" + own_state + "' >/dev/null 2>&1";
      (void)std::system(command.c_str());
    }
  }
};

Server& TheServer() {
  static Server server;
  static std::once_flag once;
  std::call_once(once, [] {
    if (const char* url = std::getenv("CHORUS_TEST_PG_URL"); url && *url) {
      server.url = url;
      return;
    }
    std::filesystem::path state;
    if (const char* dir = std::getenv("CHORUS_TEST_PG_STATE"); dir && *dir) {
      state = dir;
    } else {
      std::string pattern =
          (std::filesystem::temp_directory_path() / "chorus_pg_state_XXXXXX").string();
      if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
      state = pattern;
      server.own_state = pattern;
      std::string command =
          PgClusterScript() + " start '" + pattern + "' --if-available >/dev/null 2>&1";
      if (std::system(command.c_str()) != 0) {
        server.unavailable =
            "scripts/pg_test_cluster.sh could not start PostgreSQL (run it "
            "by hand to see why; scripts/setup.sh installs the server)";
        return;
      }
    }
    if (std::filesystem::exists(state / "unavailable")) {
      server.unavailable = ReadFile(state / "unavailable");
    } else if (std::filesystem::exists(state / "url")) {
      server.url = WithDatabase(ReadFile(state / "url"), "postgres");
    } else {
      server.unavailable = "no PostgreSQL test cluster in " + state.string() +
                           " (scripts/pg_test_cluster.sh start did not run; run scripts/setup.sh)";
    }
  });
  return server;
}

}  // namespace

std::string PgClusterScript() {
  const char* dir = std::getenv("CHORUS_SOURCE_DIR");
  std::string root = dir && *dir ? dir : CHORUS_SOURCE_DIR;
  return root + "/scripts/pg_test_cluster.sh";
}

std::string PgUnavailable() { return TheServer().unavailable; }
std::string PgAdminUrl() { return TheServer().url; }

std::string WithDatabase(const std::string& url, const std::string& database) {
  size_t scheme = url.find("://");
  if (scheme == std::string::npos) return url + " dbname=" + database;  // key=value form
  size_t slash = url.find('/', scheme + 3);
  size_t query = url.find('?', scheme + 3);
  std::string host = url.substr(0, std::min(slash, query));
  std::string rest = query == std::string::npos ? "" : url.substr(query);
  return host + "/" + database + rest;
}

TestDatabase::TestDatabase() {
  static std::atomic<int> counter{0};
  // Our own generated identifier, never user input.
  name_ = "chorus_t_" + std::to_string(getpid()) + "_" + std::to_string(++counter);
  url_ = WithDatabase(PgAdminUrl(), name_);
  auto admin = postgres::Connection::Open(PgAdminUrl(), 10);
  if (!admin.ok()) throw std::runtime_error("admin connection: " + admin.status().ToString());
  std::string sql = "CREATE DATABASE " + name_;
  Status created = (*admin)->ExecFixed(sql.c_str());
  if (!created.ok()) throw std::runtime_error(sql + ": " + created.ToString());
}

TestDatabase::~TestDatabase() {
  auto admin = postgres::Connection::Open(PgAdminUrl(), 10);
  if (!admin.ok()) return;
  std::string sql = "DROP DATABASE IF EXISTS " + name_ + " WITH (FORCE)";
  (void)(*admin)->ExecFixed(sql.c_str());
}

std::unique_ptr<postgres::Connection> TestDatabase::Connect() const {
  auto db = postgres::Connection::Open(url_, 10);
  if (!db.ok()) throw std::runtime_error("connecting to " + name_ + ": " + db.status().ToString());
  return std::move(db).value();
}

}  // namespace chorus::store::conformance
