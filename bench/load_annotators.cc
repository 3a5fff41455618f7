// chorus_load: N simulated annotators doing next -> submit against a running `chorus serve`
// over real HTTP (issue 4, "Tests and measures": >= 5,000 submissions/s, p99 < 50 ms at 1,000
// concurrent annotators). See docs/benchmarks.md, "Server: load, import and export".
//
// Setup (timed and reported apart from the measured phase): logs the administrator in, creates
// a project with overlap 1 and imports --tasks tasks (unless --project is given), creates the
// annotators bench-annotator-I@example.org (I = F..F+N-1, F from --first-annotator, default 0;
// existing ones are reused) and logs each in once, --setup-concurrency at a time (each
// creation and login is one argon2id hash on the server). Then every annotator, on its own
// keep-alive connection, labels tasks (a random choice, a unique idempotency key) as the web app
// does: POST next once, then each POST annotation?next=1 brings the following task with its
// acknowledgement, so a label is one request (--flow two-requests: POST next before every POST
// annotation, the API's plain loop and what scripts without ?next do) for --duration seconds (or
// until
// --submissions acknowledged in all), after --warmup seconds that are not counted; with
// --think-ms each pauses between a submission and the next request as a person would (a closed
// loop without pauses measures saturation, where latency is queueing). Finally the
// project's JSONL export is read and every acknowledged (201) submission must be there exactly
// once, and nothing else may be.
//
// Figures: submissions/s in the measured window; p50/p90/p99/max latency of next, submit and
// the next+submit pair (requests that complete inside the window); errors by HTTP status (0 is
// a transport error: connect, read, write or timeout).
//
// Threads: --threads I/O threads, each with its own io_context and a share of the annotators
// (no state is shared between threads until the results are merged after they stop).
// REQUIRES: a server with the API of src/app/api_router.cc and an administrator account.
// clang-format off
#include <utility>  // Before any Asio header: Boost 1.74's awaitable.hpp needs it on g++ 12.
// clang-format on
#include <sys/resource.h>

#include <algorithm>
#include <atomic>
#include <boost/asio.hpp>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <functional>
#include <iostream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using asio::awaitable;
using asio::use_awaitable;
using asio::ip::tcp;
using nlohmann::json;
using SteadyClock = std::chrono::steady_clock;

struct Options {
  std::string host = "127.0.0.1";  // From --url.
  std::string port = "8080";       // From --url.
  int annotators = 10;             // Simulated annotators, one connection each.
  int first_annotator = 0;         // Their numbers start here (loaders sharing one server).
  double duration_s = 10;          // Measured window, seconds (0: until --submissions).
  double warmup_s = 1;             // Seconds run before the window opens, not counted.
  int64_t submissions = 0;         // Stop once this many are acknowledged (0: no limit).
  std::string admin_email;         // An administrator (creates the project and the users).
  std::string admin_password;
  int64_t project = 0;        // Existing project (0: create one, overlap 1).
  int64_t tasks = 0;          // Tasks to import into a created project (0: estimate).
  int setup_concurrency = 4;  // Users created / logged in at once during setup.
  int threads = 1;            // Client I/O threads.
  std::string password = "bench-annotator-password";  // The annotators' password (>= 12).
  bool json_output = false;                           // --format json.
  bool verify = true;                                 // Check the export at the end.
  double think_ms = 0;  // Mean pause after each submission (exponential; 0: none, a closed loop).
  bool next_with_submit = true;  // --flow web (true) or two-requests.
};

[[noreturn]] void Die(const std::string& message) {
  std::cerr << "chorus_load: " << message << std::endl;
  std::exit(1);
}

double SecondsSince(SteadyClock::time_point start) {
  return std::chrono::duration<double>(SteadyClock::now() - start).count();
}

// String literals are kept out of co_await expressions: g++ 12 rejects arrays there.
const std::string kJsonType = "application/json";
const std::string kLoginTarget = "/api/v1/auth/login";

// One HTTP/1.1 keep-alive connection with a session (cookie + CSRF token) or none.
class Connection {
 public:
  Connection(asio::io_context& io, const Options& options) : stream_(io), options_(options) {}

  std::string cookie;  // "chorus_session=...; chorus_csrf=..."
  std::string csrf;
  int64_t user_id = 0;  // Who logged in on this connection (0 before Login).

  // Coroutines take strings by value: a reference could outlive its temporary.
  // Sends one request and returns the status (0 on a transport error, after which the next
  // call reconnects) and the body.
  awaitable<std::pair<int, std::string>> Call(http::verb method, std::string target,
                                              std::string body = {},
                                              std::string content_type = kJsonType,
                                              std::vector<std::string>* set_cookies = nullptr) {
    try {
      if (!connected_) {
        tcp::resolver resolver(stream_.get_executor());
        auto endpoints =
            co_await resolver.async_resolve(options_.host, options_.port, use_awaitable);
        stream_.expires_after(std::chrono::seconds(30));
        co_await stream_.async_connect(endpoints, use_awaitable);
        stream_.socket().set_option(tcp::no_delay(true));
        connected_ = true;
      }
      http::request<http::string_body> request{method, target, 11};
      request.set(http::field::host, options_.host);
      request.keep_alive(true);
      if (!cookie.empty()) request.set(http::field::cookie, cookie);
      if (!csrf.empty()) request.set("X-CSRF-Token", csrf);
      if (method != http::verb::get) request.set(http::field::content_type, content_type);
      request.body() = std::move(body);
      request.prepare_payload();
      stream_.expires_after(std::chrono::seconds(300));
      co_await http::async_write(stream_, request, use_awaitable);
      http::response_parser<http::string_body> parser;
      parser.body_limit(uint64_t{4} << 30);
      co_await http::async_read(stream_, buffer_, parser, use_awaitable);
      auto& response = parser.get();
      if (set_cookies != nullptr) {
        for (const auto& field : response) {
          if (field.name() == http::field::set_cookie) {
            set_cookies->emplace_back(field.value());
          }
        }
      }
      if (!response.keep_alive()) Close();
      co_return std::pair<int, std::string>{response.result_int(), std::move(response.body())};
    } catch (const std::exception& e) {
      Close();
      co_return std::pair<int, std::string>{0, std::string("transport error: ") + e.what()};
    }
  }

  void Close() {
    beast::error_code ignored;
    stream_.socket().shutdown(tcp::socket::shutdown_both, ignored);
    stream_.close();
    buffer_.clear();
    connected_ = false;
  }

  // Logs in; false with the reason in *error on failure.
  awaitable<bool> Login(std::string email, std::string password, std::string* error) {
    std::vector<std::string> cookies;
    const std::string target = kLoginTarget;
    const std::string content_type = kJsonType;
    std::string credentials = json{{"email", email}, {"password", password}}.dump();
    auto [status, body] =
        co_await Call(http::verb::post, target, std::move(credentials), content_type, &cookies);
    if (status != 200) {
      *error = "login of " + email + " gave " + std::to_string(status) + ": " + body;
      co_return false;
    }
    cookie.clear();
    for (const std::string& set : cookies) {
      const std::string pair = set.substr(0, set.find(';'));
      if (!cookie.empty()) cookie += "; ";
      cookie += pair;
    }
    const json answer = json::parse(body);
    csrf = answer.value("csrf_token", "");
    user_id = answer.contains("user") ? answer["user"].value("id", int64_t{0}) : 0;
    co_return true;
  }

 private:
  beast::tcp_stream stream_;
  beast::flat_buffer buffer_;
  const Options& options_;
  bool connected_ = false;
};

// Runs a coroutine to completion on a fresh io_context (setup and verification steps).
template <typename T>
T RunSync(asio::io_context& io, std::function<awaitable<T>()> make) {
  std::optional<T> out;
  std::exception_ptr failure;
  asio::co_spawn(io, make(), [&](std::exception_ptr e, T value) {
    failure = e;
    if (!e) out = std::move(value);
  });
  io.restart();
  io.run();
  if (failure) std::rethrow_exception(failure);
  return std::move(*out);
}

constexpr const char* kChoices[] = {"positive", "negative", "neutral"};

std::string AnnotatorEmail(int i) {
  return "bench-annotator-" + std::to_string(i) + "@example.org";
}

// Latencies in microseconds and completion times, per request kind.
struct Sample {
  double done_s;  // Seconds since the run started, at completion.
  uint32_t micros;
};

struct ThreadStats {
  std::vector<Sample> next, submit, pair;
  std::map<std::string, int64_t> errors;  // "next 503" -> count.
  std::vector<std::string> acknowledged;  // Idempotency keys answered 201.
  int64_t exhausted = 0;                  // Annotators that got 204 (no task left).
};

struct Shared {
  SteadyClock::time_point start;
  double stop_s = 0;                     // Seconds since start when loops stop.
  std::atomic<int64_t> acknowledged{0};  // Across threads (for --submissions).
  int64_t submission_limit = 0;
  std::string nonce;  // Distinguishes this run's idempotency keys.
  double think_ms = 0;
  bool next_with_submit = true;
};

// Waits `ms` milliseconds without blocking the thread's other annotators.
awaitable<void> Pause(double ms) {
  if (ms <= 0) co_return;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  timer.expires_after(std::chrono::microseconds(static_cast<int64_t>(ms * 1000)));
  co_await timer.async_wait(use_awaitable);
}

awaitable<void> Annotate(std::shared_ptr<Connection> connection, int index, int64_t project,
                         ThreadStats& stats, Shared& shared) {
  std::mt19937 random(static_cast<uint32_t>(index) * 2654435761u + 17);
  const std::string next_target = "/api/v1/projects/" + std::to_string(project) + "/next";
  int64_t sequence = 0;
  auto elapsed = [&] { return SecondsSince(shared.start); };
  // People read and decide between tasks: with --think-ms each annotator pauses for an
  // exponentially distributed time after each submission, starting at a random offset so
  // the annotators do not arrive in step.
  std::exponential_distribution<double> think(shared.think_ms > 0 ? 1.0 / shared.think_ms : 1.0);
  if (shared.think_ms > 0) {
    co_await Pause(std::uniform_real_distribution<double>(0, shared.think_ms)(random));
  }
  const auto micros = [](auto from, auto to) {
    return static_cast<uint32_t>(
        std::chrono::duration_cast<std::chrono::microseconds>(to - from).count());
  };
  // The task to label, read from a next answer ({task: {id}}; absent or null: none left).
  const auto task_of = [&](const std::string& body, const char* kind, int64_t* task) {
    try {
      const json parsed = json::parse(body);
      const json& next =
          shared.next_with_submit && parsed.contains("annotation") ? parsed.at("next") : parsed;
      *task = next.is_null() ? 0 : next.at("task").at("id").get<int64_t>();
      return true;
    } catch (const std::exception&) {
      ++stats.errors[std::string(kind) + " unparsable"];
      return false;
    }
  };
  int64_t task = 0;  // Web flow: the task the last acknowledgement brought (0: ask next).
  const std::string next_query = shared.next_with_submit ? "?next=1" : "";
  while (elapsed() < shared.stop_s &&
         (shared.submission_limit == 0 || shared.acknowledged.load() < shared.submission_limit)) {
    const auto pair_start = SteadyClock::now();
    auto next_done = pair_start;
    if (task == 0) {
      std::string empty_object = "{}";
      auto [status, body] =
          co_await connection->Call(http::verb::post, next_target, std::move(empty_object));
      next_done = SteadyClock::now();
      stats.next.push_back({elapsed(), micros(pair_start, next_done)});
      if (status == 204) {
        ++stats.exhausted;
        co_return;
      }
      if (status != 200) {
        ++stats.errors["next " + std::to_string(status)];
        continue;
      }
      if (!task_of(body, "next", &task)) continue;
    }
    // Unique across runs too: the server keys idempotency by annotator, and the annotators
    // are reused by later runs.
    const std::string key = "bench-p" + std::to_string(project) + "-" + shared.nonce + "-" +
                            std::to_string(index) + "-" + std::to_string(sequence++);
    json submission = {{"result", {{"sentiment", {{"choices", {kChoices[random() % 3]}}}}}},
                       {"idempotency_key", key}};
    auto [submit_status, submit_body] = co_await connection->Call(
        http::verb::post, "/api/v1/tasks/" + std::to_string(task) + "/annotations" + next_query,
        submission.dump());
    const auto submit_done = SteadyClock::now();
    stats.submit.push_back({elapsed(), micros(next_done, submit_done)});
    task = 0;
    if (submit_status != 201) {
      ++stats.errors["submit " + std::to_string(submit_status)];
      continue;
    }
    stats.pair.push_back({elapsed(), micros(pair_start, submit_done)});
    stats.acknowledged.push_back(key);
    shared.acknowledged.fetch_add(1);
    if (shared.next_with_submit) {
      if (!task_of(submit_body, "submit", &task)) continue;
      if (task == 0) {
        ++stats.exhausted;
        co_return;
      }
    }
    if (shared.think_ms > 0) co_await Pause(think(random));
  }
}

struct Percentiles {
  int64_t count = 0;
  double p50_ms = 0, p90_ms = 0, p99_ms = 0, max_ms = 0, mean_ms = 0;
};

// Nearest-rank percentiles of the samples completed in [from_s, to_s).
Percentiles Summarize(const std::vector<Sample>& samples, double from_s, double to_s) {
  std::vector<uint32_t> micros;
  for (const Sample& s : samples) {
    if (s.done_s >= from_s && s.done_s < to_s) micros.push_back(s.micros);
  }
  Percentiles p;
  p.count = static_cast<int64_t>(micros.size());
  if (micros.empty()) return p;
  std::sort(micros.begin(), micros.end());
  const auto rank = [&](double q) {
    size_t i = static_cast<size_t>(std::ceil(q * static_cast<double>(micros.size())));
    return micros[std::min(micros.size() - 1, i == 0 ? 0 : i - 1)] / 1000.0;
  };
  p.p50_ms = rank(0.50);
  p.p90_ms = rank(0.90);
  p.p99_ms = rank(0.99);
  p.max_ms = micros.back() / 1000.0;
  double sum = 0;
  for (uint32_t m : micros) sum += m;
  p.mean_ms = sum / static_cast<double>(micros.size()) / 1000.0;
  return p;
}

json ToJson(const Percentiles& p) {
  return {{"count", p.count},   {"p50_ms", p.p50_ms}, {"p90_ms", p.p90_ms},
          {"p99_ms", p.p99_ms}, {"max_ms", p.max_ms}, {"mean_ms", p.mean_ms}};
}

Options ParseArgs(int argc, char** argv) {
  Options o;
  std::string url = "http://127.0.0.1:8080";
  bool duration_given = false;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) Die(arg + " needs a value (see --help)");
      return argv[++i];
    };
    if (arg == "--url")
      url = value();
    else if (arg == "--annotators")
      o.annotators = std::stoi(value());
    else if (arg == "--first-annotator")
      o.first_annotator = std::stoi(value());
    else if (arg == "--duration") {
      o.duration_s = std::stod(value());
      duration_given = true;
    } else if (arg == "--warmup")
      o.warmup_s = std::stod(value());
    else if (arg == "--submissions")
      o.submissions = std::stoll(value());
    else if (arg == "--admin-email")
      o.admin_email = value();
    else if (arg == "--admin-password")
      o.admin_password = value();
    else if (arg == "--project")
      o.project = std::stoll(value());
    else if (arg == "--tasks")
      o.tasks = std::stoll(value());
    else if (arg == "--setup-concurrency")
      o.setup_concurrency = std::stoi(value());
    else if (arg == "--threads")
      o.threads = std::stoi(value());
    else if (arg == "--think-ms")
      o.think_ms = std::stod(value());
    else if (arg == "--flow") {
      const std::string flow = value();
      if (flow != "web" && flow != "two-requests") Die("--flow is web or two-requests");
      o.next_with_submit = flow == "web";
    } else if (arg == "--no-verify")
      o.verify = false;
    else if (arg == "--format") {
      const std::string format = value();
      if (format != "json" && format != "text") Die("--format is json or text");
      o.json_output = format == "json";
    } else if (arg == "-h" || arg == "--help") {
      std::cout
          << "usage: chorus_load --url http://HOST:PORT --admin-email E --admin-password P\n"
             "  [--annotators N=10] [--first-annotator I=0] [--duration S=10 | --submissions M]\n"
             "  [--warmup S=1]\n"
             "  [--project ID | --tasks T] [--setup-concurrency K=4] [--threads T=1]\n"
             "  [--think-ms MEAN=0] [--flow web|two-requests] [--no-verify]\n"
             "  [--format text|json]\n";
      std::exit(0);
    } else {
      Die("unknown option " + arg + " (see --help)");
    }
  }
  const std::string prefix = "http://";
  if (url.rfind(prefix, 0) != 0) Die("--url must start with http:// (got " + url + ")");
  std::string authority = url.substr(prefix.size());
  authority = authority.substr(0, authority.find('/'));
  const size_t colon = authority.rfind(':');
  if (colon == std::string::npos) Die("--url needs a port, e.g. http://127.0.0.1:8080");
  o.host = authority.substr(0, colon);
  o.port = authority.substr(colon + 1);
  if (o.submissions > 0 && !duration_given) o.duration_s = 1e9;
  if (o.think_ms < 0) Die("--think-ms must be 0 (no pause) or more");
  if (o.first_annotator < 0) Die("--first-annotator must be 0 or more");
  if (o.annotators < 1 || o.threads < 1 || o.setup_concurrency < 1) {
    Die("--annotators, --threads and --setup-concurrency must be at least 1");
  }
  if (o.admin_email.empty() || o.admin_password.empty()) {
    Die("--admin-email and --admin-password are required");
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = ParseArgs(argc, argv);
  // One descriptor per annotator: lift the soft limit (often 1,024) to the hard one.
  rlimit limit{};
  if (getrlimit(RLIMIT_NOFILE, &limit) == 0 && limit.rlim_cur < limit.rlim_max) {
    limit.rlim_cur = limit.rlim_max;
    setrlimit(RLIMIT_NOFILE, &limit);
  }
  asio::io_context setup_io;
  const auto setup_start = SteadyClock::now();
  std::string error;

  // The administrator, the project and its tasks.
  Connection admin(setup_io, options);
  if (!RunSync<bool>(setup_io, [&] {
        return admin.Login(options.admin_email, options.admin_password, &error);
      })) {
    Die(error);
  }
  int64_t project = options.project;
  double import_s = 0;
  int64_t imported = 0;
  if (project == 0) {
    const json spec = {
        {"name", "chorus_load " + std::to_string(options.annotators) + " annotators"},
        {"overlap", 1},
        {"label_interface",
         {{"controls",
           {{{"type", "choices"},
             {"name", "sentiment"},
             {"to", "text"},
             {"options", {"positive", "negative", "neutral"}}}}}}}};
    auto [status, body] = RunSync<std::pair<int, std::string>>(
        setup_io, [&] { return admin.Call(http::verb::post, "/api/v1/projects", spec.dump()); });
    if (status != 201) Die("creating the project gave " + std::to_string(status) + ": " + body);
    project = json::parse(body).at("id").get<int64_t>();
    int64_t tasks = options.tasks;
    if (tasks == 0) {
      // Enough for 10,000 submissions/s over warmup + window, or the submission count.
      tasks = options.submissions > 0
                  ? options.submissions + options.annotators
                  : static_cast<int64_t>(10'000 * (options.duration_s + options.warmup_s + 1));
    }
    std::string jsonl;
    jsonl.reserve(static_cast<size_t>(tasks) * 48);
    for (int64_t i = 0; i < tasks; ++i) {
      jsonl += R"({"text":"review )" + std::to_string(i) + " of project " +
               std::to_string(project) + "\"}\n";
    }
    const auto import_start = SteadyClock::now();
    auto [import_status, import_body] = RunSync<std::pair<int, std::string>>(setup_io, [&] {
      return admin.Call(http::verb::post,
                        "/api/v1/projects/" + std::to_string(project) + "/imports",
                        std::move(jsonl), "application/x-ndjson");
    });
    import_s = SecondsSince(import_start);
    if (import_status != 200) {
      Die("importing gave " + std::to_string(import_status) + ": " + import_body.substr(0, 500));
    }
    imported = json::parse(import_body).value("inserted", int64_t{0});
  }

  // The annotators: created (409 when they exist already) and logged in, K at a time.
  std::vector<std::shared_ptr<Connection>> connections;
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  for (int t = 0; t < options.threads; ++t) {
    contexts.push_back(std::make_unique<asio::io_context>(1));
  }
  for (int i = 0; i < options.annotators; ++i) {
    connections.push_back(
        std::make_shared<Connection>(*contexts[static_cast<size_t>(i % options.threads)], options));
  }
  int64_t created = 0;
  {
    std::atomic<int> cursor{0};
    std::vector<std::string> failures;
    auto worker = [&]() -> awaitable<void> {
      Connection creator(setup_io, options);
      creator.cookie = admin.cookie;
      creator.csrf = admin.csrf;
      for (int i = cursor++; i < options.annotators; i = cursor++) {
        const json user = {
            {"email", AnnotatorEmail(options.first_annotator + i)},
            {"display_name", "Bench annotator " + std::to_string(options.first_annotator + i)},
            {"role", "annotator"},
            {"password", options.password}};
        auto [status, body] = co_await creator.Call(http::verb::post, "/api/v1/users", user.dump());
        if (status == 201) {
          ++created;
        } else if (status != 409) {
          failures.push_back("creating " + AnnotatorEmail(options.first_annotator + i) + " gave " +
                             std::to_string(status) + ": " + body);
          continue;
        }
        // Logs in on a temporary connection of the setup context; the session is then used
        // by the annotator's own connection (on its own thread's context).
        Connection login(setup_io, options);
        std::string why;
        if (!co_await login.Login(AnnotatorEmail(options.first_annotator + i), options.password,
                                  &why)) {
          failures.push_back(why);
          continue;
        }
        connections[static_cast<size_t>(i)]->cookie = login.cookie;
        connections[static_cast<size_t>(i)]->csrf = login.csrf;
        login.Close();
        // Annotators label only in projects they are members of (409: a member already).
        // The target is built first: g++ 12 cannot keep a literal's temporaries across co_await.
        std::string members = "/api/v1/projects/" + std::to_string(project) + "/members";
        std::string member = json{{"user_id", login.user_id}}.dump();
        auto [added, added_body] =
            co_await creator.Call(http::verb::post, std::move(members), std::move(member));
        if (added != 201 && added != 409) {
          failures.push_back("adding " + AnnotatorEmail(options.first_annotator + i) +
                             " to project " + std::to_string(project) + " gave " +
                             std::to_string(added) + ": " + added_body);
        }
      }
      creator.Close();
    };
    for (int k = 0; k < options.setup_concurrency; ++k) {
      asio::co_spawn(setup_io, worker(), asio::detached);
    }
    setup_io.restart();
    setup_io.run();
    if (!failures.empty()) Die(failures.front());
  }
  // The administrator's connection counts against the server's connection cap: closed during
  // the load, reopened for the verification.
  admin.Close();
  const double setup_s = SecondsSince(setup_start);
  // For a driver that profiles the server during the load only (bench/server_bench.py).
  std::cerr << "chorus_load: load starts" << std::endl;

  // The load.
  Shared shared;
  shared.submission_limit = options.submissions;
  shared.nonce = std::to_string(std::random_device{}());
  shared.stop_s = options.warmup_s + options.duration_s;
  shared.think_ms = options.think_ms;
  shared.next_with_submit = options.next_with_submit;
  std::vector<ThreadStats> stats(static_cast<size_t>(options.threads));
  shared.start = SteadyClock::now();
  for (int i = 0; i < options.annotators; ++i) {
    const size_t t = static_cast<size_t>(i % options.threads);
    asio::co_spawn(*contexts[t],
                   Annotate(connections[static_cast<size_t>(i)], i, project, stats[t], shared),
                   asio::detached);
  }
  std::vector<std::thread> threads;
  for (int t = 0; t < options.threads; ++t) {
    threads.emplace_back([&, t] { contexts[static_cast<size_t>(t)]->run(); });
  }
  for (std::thread& thread : threads) thread.join();
  const double ran_s = SecondsSince(shared.start);
  for (auto& connection : connections) connection->Close();

  // Merged results; the window is [warmup, warmup + duration) or, with --submissions, until
  // the last completion.
  ThreadStats all;
  for (ThreadStats& s : stats) {
    all.next.insert(all.next.end(), s.next.begin(), s.next.end());
    all.submit.insert(all.submit.end(), s.submit.begin(), s.submit.end());
    all.pair.insert(all.pair.end(), s.pair.begin(), s.pair.end());
    for (const auto& [k, v] : s.errors) all.errors[k] += v;
    all.acknowledged.insert(all.acknowledged.end(), s.acknowledged.begin(), s.acknowledged.end());
    all.exhausted += s.exhausted;
  }
  const double from_s = options.warmup_s;
  const double to_s = std::min(ran_s, options.warmup_s + options.duration_s);
  const Percentiles pair = Summarize(all.pair, from_s, to_s);
  const double window_s = to_s - from_s;
  const double per_second = window_s > 0 ? static_cast<double>(pair.count) / window_s : 0;

  // Verification through the export: every acknowledged key exactly once, nothing else.
  json verification = {{"checked", false}};
  if (options.verify) {
    const auto export_start = SteadyClock::now();
    auto [status, body] = RunSync<std::pair<int, std::string>>(setup_io, [&] {
      return admin.Call(http::verb::get,
                        "/api/v1/projects/" + std::to_string(project) + "/export?format=jsonl");
    });
    const double export_s = SecondsSince(export_start);
    if (status != 200) Die("export gave " + std::to_string(status) + ": " + body.substr(0, 500));
    std::map<std::string, int> seen;
    int64_t lines = 0, annotations = 0;
    for (size_t begin = 0; begin < body.size();) {
      size_t end = body.find('\n', begin);
      if (end == std::string::npos) end = body.size();
      if (end > begin) {
        const json task = json::parse(std::string_view(body).substr(begin, end - begin));
        ++lines;
        for (const json& annotation : task.at("annotations")) {
          ++annotations;
          ++seen[annotation.value("idempotency_key", "")];
        }
      }
      begin = end + 1;
    }
    int64_t missing = 0, duplicated = 0;
    std::set<std::string> acknowledged(all.acknowledged.begin(), all.acknowledged.end());
    for (const std::string& key : acknowledged) {
      const auto it = seen.find(key);
      if (it == seen.end())
        ++missing;
      else if (it->second > 1)
        ++duplicated;
    }
    int64_t unacknowledged = 0;
    for (const auto& [key, count] : seen) {
      if (!acknowledged.contains(key)) unacknowledged += count;
    }
    verification = {{"checked", true},
                    {"export_seconds", export_s},
                    {"export_bytes", body.size()},
                    {"tasks_exported", lines},
                    {"annotations_exported", annotations},
                    {"acknowledged", acknowledged.size()},
                    {"acknowledged_keys_repeated",
                     static_cast<int64_t>(all.acknowledged.size() - acknowledged.size())},
                    {"missing", missing},
                    {"duplicated", duplicated},
                    {"not_acknowledged_but_stored", unacknowledged},
                    {"ok", missing == 0 && duplicated == 0 && unacknowledged == 0 &&
                               all.acknowledged.size() == acknowledged.size()}};
  }

  json report = {{"annotators", options.annotators},
                 {"think_ms", options.think_ms},
                 {"threads", options.threads},
                 {"project", project},
                 {"setup",
                  {{"seconds", setup_s},
                   {"users_created", created},
                   {"logins", options.annotators},
                   {"tasks_imported", imported},
                   {"import_seconds", import_s}}},
                 {"flow", options.next_with_submit ? "web" : "two-requests"},
                 {"window_seconds", window_s},
                 {"warmup_seconds", options.warmup_s},
                 {"submissions", pair.count},
                 {"submissions_per_second", per_second},
                 {"acknowledged_total", all.acknowledged.size()},
                 {"annotators_out_of_tasks", all.exhausted},
                 {"latency",
                  {{"next", ToJson(Summarize(all.next, from_s, to_s))},
                   {"submit", ToJson(Summarize(all.submit, from_s, to_s))},
                   {"next_and_submit", ToJson(pair)}}},
                 {"errors", all.errors},
                 {"verification", verification}};
  if (options.json_output) {
    std::cout << report.dump(2) << std::endl;
  } else {
    std::printf("%d annotators, %.1f s window: %.0f submissions/s (%lld in window)\n",
                options.annotators, window_s, per_second, static_cast<long long>(pair.count));
    for (const char* kind : {"next", "submit", "next_and_submit"}) {
      const json& l = report["latency"][kind];
      std::printf("  %-16s p50 %.2f  p90 %.2f  p99 %.2f  max %.2f ms (%lld)\n", kind,
                  l["p50_ms"].get<double>(), l["p90_ms"].get<double>(), l["p99_ms"].get<double>(),
                  l["max_ms"].get<double>(), static_cast<long long>(l["count"].get<int64_t>()));
    }
    std::printf("  setup %.1f s (%lld users created, %d logins)\n", setup_s,
                static_cast<long long>(created), options.annotators);
    std::printf("  errors %s\n  verification %s\n", report["errors"].dump().c_str(),
                verification.dump().c_str());
  }
  return verification.value("ok", true) ? 0 : 3;
}
