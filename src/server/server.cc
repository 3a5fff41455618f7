// The transport: listener and HTTP session as Asio C++20 coroutines over Beast (one of the
// two files that include Beast; see asio_impl.cc for the other). Rarely edited: route code
// lives in handler files that see only http_message.h.
//
// Per connection: [idle wait] -> read header (deadline) -> check the route's body limit ->
// read body (same deadline, limit enforced by Beast's parser as bytes arrive; spooling routes
// write it to a temporary file with a deadline per chunk) -> dispatch on the worker pool ->
// write (deadline) -> loop while keep-alive.
#include "server/server.h"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/redirect_error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/file_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/write.hpp>
#include <condition_variable>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <mutex>
#include <set>
#include <thread>
#include <utility>  // Before any Asio header: Boost 1.74's awaitable.hpp needs it on g++ 12.
#include <vector>

#include "server/byte_range.h"
#include "server/file_range_body.h"

namespace chorus::server {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

// After an error response the client may still be sending (a body over the limit); read and
// discard for a while before closing so the response is not lost to a TCP reset.
constexpr auto kLingerTime = std::chrono::seconds(1);
constexpr size_t kLingerBytes = 4 << 20;

struct Connection {
  explicit Connection(tcp::socket socket) : stream(std::move(socket)) {}
  beast::tcp_stream stream;
  bool idle = true;  // Waiting for a request; only touched on the connection's strand.
};

std::string FormatEndpoint(const tcp::endpoint& endpoint) {
  const auto address = endpoint.address();
  const std::string host = address.is_v6() ? "[" + address.to_string() + "]" : address.to_string();
  return host + ":" + std::to_string(endpoint.port());
}

int WorkerCount(const ServerOptions& options) {
  if (options.worker_threads > 0) return options.worker_threads;
  // Handlers block on the database, mostly waiting for a commit; the single writer commits
  // whatever is queued in one fsync, so the number of handlers waiting at once is the size of
  // a group commit. With one per core, each label paid its own fsync (1,300 commits/s for
  // 1,300 requests/s); waiting threads cost no CPU.
  return std::max(64, static_cast<int>(std::thread::hardware_concurrency()));
}

LogFunction DefaultLog(LogFunction log) {
  if (log) return log;
  return [](std::string_view line) {
    const std::string text = "chorus serve: " + std::string(line) + "\n";
    std::fwrite(text.data(), 1, text.size(), stderr);
  };
}

// State shared by the listener and the sessions.
struct ServerCore {
  ServerCore(Router r, ServerOptions o)
      : options(std::move(o)),
        log(DefaultLog(options.log)),
        router(std::move(r)),
        dispatcher(router, log),
        workers(WorkerCount(options)),
        acceptor(asio::make_strand(io)) {}

  ServerOptions options;
  LogFunction log;
  Router router;
  Dispatcher dispatcher;

  std::mutex mutex;
  std::condition_variable drained;
  std::set<std::shared_ptr<Connection>> connections;  // Guarded by mutex.
  bool started = false;                               // Guarded by mutex.
  bool stopped = false;                               // Guarded by mutex.
  std::atomic<bool> stopping{false};

  // Declared after what their pending handlers use, so they are destroyed first.
  asio::io_context io;
  asio::thread_pool workers;
  tcp::acceptor acceptor;
  std::vector<std::thread> threads;
  std::string host;
  int port = 0;
};

// Status line and headers of `response` onto a Beast message (any body type).
template <class Body>
void SetHead(http::response<Body>& out, const HttpResponse& response, unsigned version,
             bool close) {
  out.version(version);
  out.result(static_cast<unsigned>(response.status));
  for (const auto& [name, value] : response.headers.fields()) out.insert(name, value);
  if (!response.content_type.empty()) out.set(http::field::content_type, response.content_type);
  out.keep_alive(!close);
}

http::response<http::string_body> ToBeast(HttpResponse response, unsigned version, bool close) {
  http::response<http::string_body> out;
  SetHead(out, response, version, close);
  out.body() = std::move(response.body);
  out.prepare_payload();
  return out;
}

// Writes a transport-level error (413, 431, 400, 503), then closes the connection politely.
asio::awaitable<void> SendErrorAndClose(ServerCore& core, beast::tcp_stream& stream, int status,
                                        std::string_view code, std::string_view message,
                                        std::string_view path = "/") {
  auto response = ToBeast(core.dispatcher.ErrorFor(status, code, message, path), 11, true);
  if (status == 503) response.set(http::field::retry_after, "1");
  error_code ec;
  stream.expires_after(core.options.write_timeout);
  co_await http::async_write(stream, response, asio::redirect_error(asio::use_awaitable, ec));
  if (ec) co_return;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.expires_after(kLingerTime);
  std::vector<char> discard(16 * 1024);
  size_t drained = 0;
  while (drained < kLingerBytes) {
    const size_t n = co_await stream.async_read_some(asio::buffer(discard),
                                                     asio::redirect_error(asio::use_awaitable, ec));
    if (ec) break;
    drained += n;
  }
}

// The transport's answer to a failed read; false when the connection should just close.
struct ReadFailure {
  int status = 0;  // 0: close without a response.
  std::string_view code;
  std::string message;
};

ReadFailure ClassifyReadError(const error_code& ec) {
  if (ec == http::error::body_limit) {
    return {413, "payload_too_large", "the request body is larger than this endpoint accepts"};
  }
  if (ec == http::error::header_limit) {
    return {431, "header_too_large", "the request line and headers are too large"};
  }
  if (ec.category() == http::make_error_code(http::error::bad_method).category() &&
      ec != http::error::end_of_stream && ec != http::error::partial_message) {
    return {400, "bad_request", "malformed HTTP request: " + ec.message()};
  }
  return {};  // Timeout, reset, end of stream, cancelled by Stop().
}

// A new empty file for a spooled body in `dir` ("" : the system's temporary directory), or
// an empty path when none can be made.
std::string NewSpoolFile(const std::string& dir) {
  std::error_code ec;
  const std::filesystem::path base =
      dir.empty() ? std::filesystem::temp_directory_path(ec) : std::filesystem::path(dir);
  if (ec) return "";
  std::string name = (base / "chorus-upload-XXXXXX").string();
  const int fd = mkstemp(name.data());  // Unique, created 0600.
  if (fd < 0) return "";
  ::close(fd);
  return name;
}

// Runs on a worker thread. A plain function on purpose: a lambda coroutine with the request
// moved into its capture crashed under g++ 12 ("free(): invalid pointer" in Handle; GCC's
// coroutine temporaries bugs, e.g. PR 99576), while a by-value parameter runs clean under
// valgrind.
asio::awaitable<HttpResponse> RunHandler(const Dispatcher& dispatcher, HttpRequest request) {
  co_return dispatcher.Handle(std::move(request));
}

asio::awaitable<void> Serve(ServerCore& core, Connection& conn) {
  const ServerOptions& options = core.options;
  error_code ec;
  const std::string remote = FormatEndpoint(conn.stream.socket().remote_endpoint(ec));
  beast::flat_buffer buffer;
  for (bool first = true;; first = false) {
    conn.idle = true;
    if (core.stopping) co_return;
    if (!first && buffer.size() == 0) {
      // Keep-alive: wait for the next request's first bytes under the idle timeout.
      conn.stream.expires_after(options.idle_timeout);
      const size_t n = co_await conn.stream.async_read_some(
          buffer.prepare(4096), asio::redirect_error(asio::use_awaitable, ec));
      if (ec) co_return;
      buffer.commit(n);
    }

    http::request_parser<http::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(options.max_header_bytes));
    // No limit while the header is read: the route's limit is checked against
    // Content-Length below, before any body byte is read or buffer reserved.
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());
    conn.stream.expires_after(options.read_timeout);
    co_await http::async_read_header(conn.stream, buffer, parser,
                                     asio::redirect_error(asio::use_awaitable, ec));
    conn.idle = false;
    if (ec) {
      const ReadFailure failure = ClassifyReadError(ec);
      if (failure.status != 0) {
        co_await SendErrorAndClose(core, conn.stream, failure.status, failure.code,
                                   failure.message);
      }
      co_return;
    }

    const auto& header = parser.get();
    HttpRequest request;
    request.target = std::string(header.target());
    request.method = std::string(header.method_string());
    const unsigned version = header.version();
    const bool keep_alive = header.keep_alive();
    for (const auto& field : header) request.headers.Add(field.name_string(), field.value());
    request.remote_address = remote;
    const std::string path = request.target.substr(0, request.target.find('?'));
    const RouteOptions route = core.router.OptionsFor(request.method, path);
    const uint64_t limit = route.max_body_bytes;
    if (parser.content_length() && *parser.content_length() > limit) {
      co_await SendErrorAndClose(core, conn.stream, 413, "payload_too_large",
                                 "the request body is " + std::to_string(*parser.content_length()) +
                                     " bytes; this endpoint accepts at most " +
                                     std::to_string(limit),
                                 path);
      co_return;
    }
    parser.body_limit(limit);  // Chunked bodies: counted as the chunks arrive.
    if (!parser.is_done()) {
      if (EqualsIgnoreCase(header[http::field::expect], "100-continue")) {
        http::response<http::empty_body> proceed{http::status::continue_, version};
        co_await http::async_write(conn.stream, proceed,
                                   asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
      }
      if (route.spool_body) {
        const std::string file = NewSpoolFile(options.spool_dir);
        // Owns the file from here: removed on every early return.
        auto spooled = std::make_shared<const SpooledBody>(file);
        http::request_parser<http::file_body> to_file(std::move(parser));
        to_file.body_limit(limit);
        if (!file.empty()) to_file.get().body().open(file.c_str(), beast::file_mode::write, ec);
        if (file.empty() || ec) {
          core.log("cannot create a file for an upload in " + options.spool_dir);
          co_await SendErrorAndClose(core, conn.stream, 503, "unavailable",
                                     "the server cannot store uploads right now; retry later",
                                     path);
          co_return;
        }
        // A deadline per chunk: a large upload may take long, a stalled one may not.
        while (!to_file.is_done()) {
          conn.stream.expires_after(options.read_timeout);
          co_await http::async_read_some(conn.stream, buffer, to_file,
                                         asio::redirect_error(asio::use_awaitable, ec));
          if (ec) break;
        }
        to_file.get().body().close();
        request.body_file = std::move(spooled);
      } else {
        co_await http::async_read(conn.stream, buffer, parser,
                                  asio::redirect_error(asio::use_awaitable, ec));
        request.body = std::move(parser.get().body());
      }
      if (ec) {
        const ReadFailure failure = ClassifyReadError(ec);
        if (failure.status != 0) {
          co_await SendErrorAndClose(core, conn.stream, failure.status, failure.code,
                                     failure.message, path);
        }
        co_return;
      }
    }

    // Kept for a file body's byte range; the request goes to the handler. An If-Range
    // (a validator Chorus does not issue) means "the whole file".
    const std::string range_header(request.headers.Get("Range").value_or(""));
    const bool if_range = request.headers.Has("If-Range");
    // Handlers may block: run them on the worker pool, resume here when done.
    HttpResponse response = co_await asio::co_spawn(
        core.workers, RunHandler(core.dispatcher, std::move(request)), asio::use_awaitable);

    const bool close = !keep_alive || core.stopping;
    if (!response.body_path.empty()) {
      // A file body: streamed, with a deadline per chunk as for spooled uploads; one byte range
      // when the request asks for it (seeking in audio and video, resuming a download).
      FileRangeBody::value_type body;
      body.file.open(response.body_path.c_str(), beast::file_mode::scan, ec);
      if (response.remove_body_file) std::remove(response.body_path.c_str());
      const uint64_t size = ec ? 0 : body.file.size(ec);
      if (ec) {
        core.log("cannot open " + response.body_path + " to send it: " + ec.message());
        co_await SendErrorAndClose(core, conn.stream, 503, "unavailable",
                                   "the file is not available right now; retry later", path);
        co_return;
      }
      body.size = size;
      const std::optional<ByteRange> range =
          response.status == 200 && !if_range ? ParseByteRange(range_header, size) : std::nullopt;
      if (range && !range->satisfiable) {
        HttpResponse refused = core.dispatcher.ErrorFor(
            416, "range_not_satisfiable", "the range starts past the end of the file", path);
        refused.headers.Set("Content-Range", ContentRange(*range, size));
        auto out = ToBeast(std::move(refused), version, close);
        conn.stream.expires_after(options.write_timeout);
        co_await http::async_write(conn.stream, out, asio::redirect_error(asio::use_awaitable, ec));
        if (ec || close) co_return;
        continue;
      }
      if (range) {
        response.status = 206;
        response.headers.Set("Content-Range", ContentRange(*range, size));
        body.offset = range->first;
        body.size = range->last - range->first + 1;
      }
      if (response.status == 200 || response.status == 206) {
        response.headers.Set("Accept-Ranges", "bytes");
      }
      http::response<FileRangeBody> out;
      SetHead(out, response, version, close);
      out.body() = std::move(body);
      out.prepare_payload();
      http::response_serializer<FileRangeBody> serializer(out);
      while (!serializer.is_done()) {
        conn.stream.expires_after(options.write_timeout);
        co_await http::async_write_some(conn.stream, serializer,
                                        asio::redirect_error(asio::use_awaitable, ec));
        if (ec) co_return;
      }
      if (close) co_return;
      continue;
    }
    auto out = ToBeast(std::move(response), version, close);
    conn.stream.expires_after(options.write_timeout);
    co_await http::async_write(conn.stream, out, asio::redirect_error(asio::use_awaitable, ec));
    if (ec || close) co_return;
  }
}

asio::awaitable<void> Session(ServerCore& core, std::shared_ptr<Connection> conn) {
  try {
    co_await Serve(core, *conn);
  } catch (const std::exception& e) {
    core.log(std::string("connection dropped: ") + e.what());
  }
  error_code ec;
  conn->stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  conn->stream.close();
  std::lock_guard lock(core.mutex);
  core.connections.erase(conn);
  if (core.connections.empty()) core.drained.notify_all();
}

asio::awaitable<void> RejectBusy(ServerCore& core, std::shared_ptr<Connection> conn) {
  try {
    co_await SendErrorAndClose(core, conn->stream, 503, "unavailable",
                               "too many open connections; retry shortly");
  } catch (const std::exception&) {
  }
  conn->stream.close();
}

asio::awaitable<void> Accept(ServerCore& core) {
  for (;;) {
    error_code ec;
    tcp::socket socket = co_await core.acceptor.async_accept(
        asio::make_strand(core.io), asio::redirect_error(asio::use_awaitable, ec));
    if (core.stopping || ec == asio::error::operation_aborted) co_return;
    if (ec) {
      // Out of file descriptors and the like: log, back off briefly, keep serving.
      core.log("accept failed: " + ec.message());
      asio::steady_timer timer(core.acceptor.get_executor(), std::chrono::milliseconds(100));
      co_await timer.async_wait(asio::redirect_error(asio::use_awaitable, ec));
      continue;
    }
    auto conn = std::make_shared<Connection>(std::move(socket));
    bool busy = false;
    {
      std::lock_guard lock(core.mutex);
      busy = core.connections.size() >= core.options.max_connections;
      if (!busy) core.connections.insert(conn);
    }
    auto executor = conn->stream.get_executor();
    if (busy) {
      asio::co_spawn(executor, RejectBusy(core, std::move(conn)), asio::detached);
    } else {
      asio::co_spawn(executor, Session(core, std::move(conn)), asio::detached);
    }
  }
}

}  // namespace

struct Server::Impl : ServerCore {
  using ServerCore::ServerCore;
};

Server::Server(Router router, ServerOptions options)
    : impl_(std::make_unique<Impl>(std::move(router), std::move(options))) {}

Server::~Server() { Stop(); }

Status Server::Start() {
  Impl& core = *impl_;
  auto address = ParseListenAddress(core.options.listen);
  if (!address.ok()) return address.status();
  error_code ec;
  tcp::resolver resolver(core.io);
  const auto endpoints =
      resolver.resolve(address->host, std::to_string(address->port), tcp::resolver::passive, ec);
  if (ec || endpoints.empty()) {
    return InvalidArgument("cannot resolve host \"" + address->host + "\": " + ec.message() +
                               "; use an IP address such as 127.0.0.1",
                           "--listen");
  }
  const tcp::endpoint endpoint = endpoints.begin()->endpoint();
  const std::string where = FormatEndpoint(endpoint);
  auto fail = [&](std::string_view what) {
    return Status(StatusCode::kUnavailable,
                  "cannot " + std::string(what) + " on " + where + ": " + ec.message() +
                      "; stop the other server or choose another address with --listen",
                  "--listen");
  };
  core.acceptor.open(endpoint.protocol(), ec);
  if (ec) return fail("open a socket");
  core.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  core.acceptor.bind(endpoint, ec);
  if (ec) return fail("listen");
  core.acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) return fail("listen");
  core.port = core.acceptor.local_endpoint().port();
  core.host = endpoint.address().is_v6() ? "[" + endpoint.address().to_string() + "]"
                                         : endpoint.address().to_string();

  asio::co_spawn(core.acceptor.get_executor(), Accept(core), asio::detached);
  for (int i = 0; i < std::max(1, core.options.network_threads); ++i) {
    core.threads.emplace_back([&core] { core.io.run(); });
  }
  std::lock_guard lock(core.mutex);
  core.started = true;
  return Status::Ok();
}

void Server::Stop() {
  Impl& core = *impl_;
  {
    std::lock_guard lock(core.mutex);
    if (!core.started || core.stopped) return;
    core.stopped = true;
  }
  core.stopping = true;
  asio::post(core.acceptor.get_executor(), [&core] {
    error_code ec;
    core.acceptor.close(ec);
    std::lock_guard lock(core.mutex);
    for (const auto& conn : core.connections) {
      // Idle keep-alive connections end now; busy ones finish their request first.
      asio::post(conn->stream.get_executor(), [conn] {
        if (conn->idle) conn->stream.cancel();
      });
    }
  });
  {
    std::unique_lock lock(core.mutex);
    core.drained.wait_for(lock, core.options.drain_timeout,
                          [&core] { return core.connections.empty(); });
  }
  core.io.stop();
  for (std::thread& thread : core.threads) thread.join();
  core.workers.join();
}

int Server::port() const { return impl_->port; }

std::string Server::url() const {
  return "http://" + impl_->host + ":" + std::to_string(impl_->port);
}

}  // namespace chorus::server
