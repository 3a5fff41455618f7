// `chorus serve` end to end: the binary starts, prints its URL, answers the health check over
// a real socket, and exits 0 on SIGTERM; a bad --listen is a usage-level input error.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/cli/run_chorus.h"

namespace chorus::testing {
namespace {

// Reads from `fd` until a newline or `timeout_ms` passes.
std::string ReadLine(int fd, int timeout_ms) {
  std::string line;
  char c = 0;
  while (line.empty() || line.back() != '\n') {
    pollfd p{fd, POLLIN, 0};
    if (poll(&p, 1, timeout_ms) <= 0 || read(fd, &c, 1) != 1) break;
    line += c;
  }
  return line;
}

// `method` `target` with HTTP/1.0 (the server closes after answering) and a JSON `body` when
// not empty; the raw response.
std::string HttpCall(int port, const std::string& method, const std::string& target,
                     const std::string& body) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(static_cast<uint16_t>(port));
  inet_pton(AF_INET, "127.0.0.1", &address.sin_addr);
  std::string response;
  if (connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof(address)) == 0) {
    std::string request = method + " " + target + " HTTP/1.0\r\nHost: 127.0.0.1\r\n";
    if (!body.empty()) {
      request +=
          "Content-Type: application/json\r\nContent-Length: " + std::to_string(body.size()) +
          "\r\n";
    }
    request += "\r\n" + body;
    if (write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size())) {
      char buffer[4096];
      pollfd p{fd, POLLIN, 0};
      while (poll(&p, 1, 10'000) > 0) {
        const ssize_t n = read(fd, buffer, sizeof(buffer));
        if (n <= 0) break;
        response.append(buffer, static_cast<size_t>(n));
      }
    }
  }
  close(fd);
  return response;
}

std::string HttpGet(int port, const std::string& target) {
  return HttpCall(port, "GET", target, "");
}

// Starts `chorus serve --demo` on a free port with its data in `data_dir` (and `flag` when
// set); stdout in *out_fd.
pid_t StartServe(const std::string& data_dir, int* out_fd, const char* flag = nullptr) {
  int out[2];
  if (pipe(out) != 0) return -1;
  const pid_t pid = fork();
  if (pid == 0) {
    dup2(out[1], STDOUT_FILENO);
    close(out[0]);
    close(out[1]);
    unsetenv("CHORUS_ADMIN_EMAIL");
    unsetenv("CHORUS_ADMIN_PASSWORD");
    execl(CHORUS_BINARY, CHORUS_BINARY, "serve", "--listen", "127.0.0.1:0", "--data",
          data_dir.c_str(), "--demo", flag, static_cast<char*>(nullptr));
    _exit(127);
  }
  close(out[1]);
  *out_fd = out[0];
  return pid;
}

// Sends SIGTERM and expects a clean exit 0 within 20 s.
void StopServe(pid_t pid, int out_fd) {
  kill(pid, SIGTERM);
  int status = 0;
  pid_t done = 0;
  for (int i = 0; i < 200 && done == 0; ++i) {  // Up to 20 s.
    done = waitpid(pid, &status, WNOHANG);
    if (done == 0) std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  close(out_fd);
  if (done == 0) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
    FAIL() << "chorus serve did not stop on SIGTERM";
  }
  EXPECT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// The first start prints the URL, a one-time admin password and seeds the demo; a restart on
// the same data prints neither password nor new tasks (issue 4: make run's first minute).
TEST(ServeCli, FirstStartCreatesTheAdminAndDemoOnceThenAnswersAndStops) {
  char pattern[] = "/tmp/chorus-serve-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const std::string data_dir = std::string(pattern) + "/data";
  const std::string prefix = "Chorus is listening on http://127.0.0.1:";
  for (int start = 0; start < 2; ++start) {
    int out = -1;
    const pid_t pid = StartServe(data_dir, &out);
    ASSERT_GT(pid, 0);
    const std::string line = ReadLine(out, 20'000);
    ASSERT_EQ(line.rfind(prefix, 0), 0u) << line;
    const int port = std::stoi(line.substr(prefix.size()));
    std::string rest;
    for (std::string next = ReadLine(out, 2'000); !next.empty(); next = ReadLine(out, 500)) {
      rest += next;
      if (next.rfind("Next:", 0) == 0) break;
    }
    if (start == 0) {
      EXPECT_NE(rest.find("First administrator: admin@localhost with the one-time password "),
                std::string::npos)
          << rest;
      EXPECT_NE(rest.find("\"Demo: sentiment\" (300 tasks added)"), std::string::npos) << rest;
      EXPECT_NE(rest.find("\"Demo: shapes\" (30 tasks added)"), std::string::npos) << rest;
    } else {
      EXPECT_EQ(rest.find("password"), std::string::npos) << rest;
      EXPECT_NE(rest.find("\"Demo: sentiment\" (already there)"), std::string::npos) << rest;
      EXPECT_NE(rest.find("\"Demo: shapes\" (already there)"), std::string::npos) << rest;
    }
    const std::string health = HttpGet(port, "/api/v1/health");
    EXPECT_EQ(health.rfind("HTTP/1.0 200", 0), 0u) << health;
    EXPECT_NE(health.find("{\"status\":\"ok\",\"version\":"), std::string::npos) << health;
    EXPECT_NE(health.find("X-Content-Type-Options: nosniff"), std::string::npos) << health;
    const std::string index = HttpGet(port, "/");
    EXPECT_EQ(index.rfind("HTTP/1.0 200", 0), 0u) << index;
    EXPECT_NE(index.find("text/html"), std::string::npos);
    // The image demo's pictures are built into the app.
    const std::string picture = HttpGet(port, "/demo/shapes/picture-30.png");
    EXPECT_EQ(picture.rfind("HTTP/1.0 200", 0), 0u) << picture.substr(0, 200);
    EXPECT_NE(picture.find("image/png"), std::string::npos) << picture.substr(0, 200);
    const std::string projects = HttpGet(port, "/api/v1/projects");
    EXPECT_EQ(projects.rfind("HTTP/1.0 401", 0), 0u) << projects;
    StopServe(pid, out);
  }
  std::filesystem::remove_all(pattern);
}

// Behind a TLS proxy the cookies must carry Secure (issue 4: "Secure under TLS").
TEST(ServeCli, SecureCookiesFlagMarksTheLoginCookies) {
  char pattern[] = "/tmp/chorus-serve-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  int out = -1;
  const pid_t pid = StartServe(std::string(pattern) + "/data", &out, "--secure-cookies");
  ASSERT_GT(pid, 0);
  const std::string prefix = "Chorus is listening on http://127.0.0.1:";
  const std::string line = ReadLine(out, 20'000);
  ASSERT_EQ(line.rfind(prefix, 0), 0u) << line;
  const int port = std::stoi(line.substr(prefix.size()));
  const std::string marker = "the one-time password ";
  const std::string admin = ReadLine(out, 5'000);
  const size_t at = admin.find(marker);
  ASSERT_NE(at, std::string::npos) << admin;
  const std::string password =
      admin.substr(at + marker.size(), admin.find(' ', at + marker.size()) - at - marker.size());
  const std::string login =
      HttpCall(port, "POST", "/api/v1/auth/login",
               "{\"email\":\"admin@localhost\",\"password\":\"" + password + "\"}");
  EXPECT_EQ(login.rfind("HTTP/1.0 200", 0), 0u) << login;
  size_t cookies = 0;
  for (size_t from = login.find("Set-Cookie: "); from != std::string::npos;
       from = login.find("Set-Cookie: ", from + 1)) {
    const std::string header = login.substr(from, login.find("\r\n", from) - from);
    EXPECT_NE(header.find("; Secure"), std::string::npos) << header;
    ++cookies;
  }
  EXPECT_EQ(cookies, 2u) << login;  // Session and CSRF.
  StopServe(pid, out);
  std::filesystem::remove_all(pattern);
}

// `chorus datasheet` reads the database the server wrote (the demo's), in each format; a
// missing project or database is an input error naming what to pass.
TEST(ServeCli, DatasheetReadsTheServersDatabase) {
  char pattern[] = "/tmp/chorus-serve-XXXXXX";
  ASSERT_NE(mkdtemp(pattern), nullptr);
  const std::string data_dir = std::string(pattern) + "/data";
  int out = -1;
  const pid_t pid = StartServe(data_dir, &out);
  ASSERT_GT(pid, 0);
  const std::string line = ReadLine(out, 20'000);
  ASSERT_EQ(line.rfind("Chorus is listening on", 0), 0u) << line;
  for (std::string next = ReadLine(out, 2'000); !next.empty(); next = ReadLine(out, 500)) {
    if (next.rfind("Next:", 0) == 0) break;  // The demo is seeded.
  }
  StopServe(pid, out);

  const ChorusRun markdown = RunChorus({"datasheet", "1", "--data", data_dir});
  EXPECT_EQ(markdown.exit_code, 0) << markdown.err;
  EXPECT_EQ(markdown.out.rfind("# Datasheet: Demo: sentiment", 0), 0u) << markdown.out;
  EXPECT_NE(markdown.out.find("| Tasks | 300 |"), std::string::npos) << markdown.out;
  EXPECT_NE(markdown.out.find("> **To fill in**"), std::string::npos);
  const ChorusRun json =
      RunChorus({"datasheet", "1", "--data", data_dir, "--format", "json"});
  EXPECT_EQ(json.exit_code, 0) << json.err;
  EXPECT_NE(json.out.find("\"datasheet_version\": 1"), std::string::npos) << json.out;
  const std::string html_path = std::string(pattern) + "/sheet.html";
  const ChorusRun html =
      RunChorus({"datasheet", "1", "--data", data_dir, "--format", "html", "--out", html_path});
  EXPECT_EQ(html.exit_code, 0) << html.err;
  EXPECT_EQ(ReadFile(html_path).rfind("<!doctype html>", 0), 0u);

  const ChorusRun missing = RunChorus({"datasheet", "999", "--data", data_dir});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("no project 999"), std::string::npos) << missing.err;
  const ChorusRun nowhere = RunChorus({"datasheet", "1", "--data", std::string(pattern) + "/none"});
  EXPECT_EQ(nowhere.exit_code, 1);
  EXPECT_NE(nowhere.err.find("no database at"), std::string::npos) << nowhere.err;
  EXPECT_FALSE(std::filesystem::exists(std::string(pattern) + "/none"));
  std::filesystem::remove_all(pattern);
}

TEST(ServeCli, BadListenAddressIsAnInputError) {
  const ChorusRun run = RunChorus({"serve", "--listen", "nowhere"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("--listen"), std::string::npos) << run.err;
}

// An allowed directory that does not exist stops the server before it listens, naming the flag.
TEST(ServeCli, MissingImportOrMediaDirIsAnInputError) {
  const TempDir dir;
  for (const char* flag : {"--import-dir", "--media-dir"}) {
    const ChorusRun run = RunChorus({"serve", "--listen", "127.0.0.1:0", "--data",
                                     (dir.path() / "data").string(), flag, "/does/not/exist"});
    EXPECT_EQ(run.exit_code, 1) << flag;
    EXPECT_NE(run.err.find(flag), std::string::npos) << run.err;
    EXPECT_NE(run.err.find("/does/not/exist"), std::string::npos) << run.err;
    EXPECT_EQ(run.out.find("listening"), std::string::npos) << run.out;
  }
}

// A range --allow-fetch cannot parse stops the server before it listens, naming the flag and
// the value; the flag is listed in the help.
TEST(ServeCli, BadAllowFetchIsAnInputError) {
  const TempDir dir;
  for (const char* rule : {"10.1.2.3/8", "localhost", "127.0.0.1:0"}) {
    const ChorusRun run = RunChorus({"serve", "--listen", "127.0.0.1:0", "--data",
                                     (dir.path() / "data").string(), "--allow-fetch", rule});
    EXPECT_EQ(run.exit_code, 1) << rule;
    EXPECT_NE(run.err.find("--allow-fetch: \"" + std::string(rule) + "\""), std::string::npos)
        << run.err;
    EXPECT_EQ(run.out.find("listening"), std::string::npos) << run.out;
  }
  const ChorusRun help = RunChorus({"serve", "--help"});
  EXPECT_NE(help.out.find("--allow-fetch"), std::string::npos) << help.out;
}

// The connection cap must fit under the open-file limit, or connections past the limit would
// fail in accept() instead of getting 503: a --max-connections that does not fit stops the
// server before it listens, naming the flag and the number that would fit.
TEST(ServeCli, MaxConnectionsBeyondTheFileLimitIsAnInputError) {
  const TempDir dir;
  const pid_t child = fork();
  ASSERT_GE(child, 0);
  if (child == 0) {  // The limit is lowered for good, so only in a child.
    const rlimit limit{600, 600};
    setrlimit(RLIMIT_NOFILE, &limit);
    const ChorusRun run = RunChorus({"serve", "--listen", "127.0.0.1:0", "--data",
                                     (dir.path() / "data").string(), "--max-connections", "1000"});
    dir.Write("err", run.err);
    dir.Write("out", run.out);
    _exit(run.exit_code);
  }
  int status = 0;
  waitpid(child, &status, 0);
  const std::string err = ReadFile(dir.path() / "err");
  EXPECT_EQ(WEXITSTATUS(status), 1) << err;
  EXPECT_NE(err.find("--max-connections"), std::string::npos) << err;
  EXPECT_NE(err.find("may open 600; lower --max-connections to 344"), std::string::npos) << err;
  EXPECT_EQ(ReadFile(dir.path() / "out").find("listening"), std::string::npos);
  const ChorusRun help = RunChorus({"serve", "--help"});
  EXPECT_NE(help.out.find("--max-connections"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace chorus::testing
