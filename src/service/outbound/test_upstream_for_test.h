// A tiny HTTP/1.1 server on 127.0.0.1 for tests of outbound fetches (the "upstream" a fetch
// reaches): one thread, one connection at a time, a canned reply per request target, every
// wait bounded. It records each request's head so a test can check what was sent (Host,
// Authorization), the method and body of each (a POST's JSON), and how many requests arrived
// (zero proves a refusal happened before connecting). Header-only so tests of any layer can use it; not part of any library.
// Thread-safety: construct and destroy on one thread; port(), requests() and heads() may be
// read from any thread.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <cctype>
#include <cstdlib>
#include <chrono>
#include <functional>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

namespace chorus::test {

class TestUpstream {
 public:
  struct Reply {
    int status = 200;
    std::string content_type = "text/plain";  // Not sent when empty.
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;  // Extra, e.g. Location.
    std::optional<uint64_t> content_length;  // Sent instead of body.size() (a lie, for tests).
    bool omit_length = false;                // No Content-Length: the close ends the body.
    std::chrono::milliseconds delay{0};      // Wait this long before answering.
  };
  using Handler = std::function<Reply(const std::string& target)>;
  // One request as it arrived: "GET"/"POST", the target, the head (request line and headers)
  // and the body (read by its Content-Length).
  struct Request {
    std::string method;
    std::string target;
    std::string head;
    std::string body;
  };
  using RequestHandler = std::function<Reply(const Request& request)>;

  explicit TestUpstream(Handler handler)
      : TestUpstream(RequestHandler(
            [handler = std::move(handler)](const Request& r) { return handler(r.target); })) {}
  explicit TestUpstream(RequestHandler handler) : handler_(std::move(handler)) {
    listener_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (listener_ < 0) throw std::runtime_error("TestUpstream: socket failed");
    const int one = 1;
    ::setsockopt(listener_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    if (::bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0 ||
        ::listen(listener_, 16) != 0 ||
        ::getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &length) != 0) {
      ::close(listener_);
      throw std::runtime_error("TestUpstream: cannot listen on 127.0.0.1");
    }
    port_ = ntohs(address.sin_port);
    thread_ = std::thread([this] { Run(); });
  }
  ~TestUpstream() {
    stop_ = true;
    thread_.join();
    ::close(listener_);
  }
  TestUpstream(const TestUpstream&) = delete;
  TestUpstream& operator=(const TestUpstream&) = delete;

  int port() const { return port_; }
  std::string url(const std::string& target = "/") const {
    return "http://127.0.0.1:" + std::to_string(port_) + target;
  }
  int requests() const { return requests_; }
  // The request line and headers of every request so far, in order.
  std::vector<std::string> heads() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return heads_;
  }
  // Every request so far, in order, with its method and body.
  std::vector<Request> received() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return received_;
  }

  // A port on 127.0.0.1 that nothing listens on (bound, then closed at once).
  static int ClosedPort() {
    const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t length = sizeof address;
    const bool bound = ::bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
                       ::getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
    ::close(fd);
    if (!bound) throw std::runtime_error("TestUpstream: cannot bind a port on 127.0.0.1");
    return ntohs(address.sin_port);
  }

 private:
  void Run() {
    while (!stop_) {
      pollfd ready{listener_, POLLIN, 0};
      if (::poll(&ready, 1, 20) <= 0) continue;
      const int client = ::accept4(listener_, nullptr, nullptr, SOCK_CLOEXEC);
      if (client < 0) continue;
      Serve(client);
      ::shutdown(client, SHUT_RDWR);
      ::close(client);
    }
  }

  void Serve(int client) {
    timeval timeout{2, 0};
    ::setsockopt(client, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
    ::setsockopt(client, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof timeout);
    std::string head;
    char buffer[4096];
    while (head.find("\r\n\r\n") == std::string::npos && head.size() < 65536) {
      const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) return;
      head.append(buffer, static_cast<size_t>(n));
    }
    std::string body = head.substr(head.find("\r\n\r\n") + 4);
    head.resize(head.find("\r\n\r\n"));
    const size_t length = ContentLength(head);
    while (body.size() < length && body.size() < (size_t{16} << 20)) {
      const ssize_t n = ::recv(client, buffer, sizeof buffer, 0);
      if (n <= 0) break;
      body.append(buffer, static_cast<size_t>(n));
    }
    const size_t first = head.find(' ');
    const size_t second = head.find(' ', first + 1);
    Request request;
    request.method = first == std::string::npos ? "" : head.substr(0, first);
    request.target = first == std::string::npos || second == std::string::npos
                         ? "/"
                         : head.substr(first + 1, second - first - 1);
    request.head = head;
    request.body = std::move(body);
    {
      std::lock_guard<std::mutex> lock(mutex_);
      heads_.push_back(head);
      received_.push_back(request);
    }
    ++requests_;
    const Reply reply = handler_(request);
    for (auto waited = std::chrono::milliseconds(0); waited < reply.delay && !stop_;
         waited += std::chrono::milliseconds(10)) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " Canned\r\n";
    if (!reply.content_type.empty()) out += "Content-Type: " + reply.content_type + "\r\n";
    if (!reply.omit_length) {
      out += "Content-Length: " + std::to_string(reply.content_length.value_or(reply.body.size())) +
             "\r\n";
    }
    for (const auto& [name, value] : reply.headers) {
      out.append(name).append(": ").append(value).append("\r\n");
    }
    out += "Connection: close\r\n\r\n";
    out += reply.body;
    for (size_t sent = 0; sent < out.size();) {
      const ssize_t n = ::send(client, out.data() + sent, out.size() - sent, MSG_NOSIGNAL);
      if (n <= 0) return;  // The client hung up (e.g. it refused an oversize body).
      sent += static_cast<size_t>(n);
    }
  }

  // The Content-Length header's value in `head`, 0 when absent.
  static size_t ContentLength(const std::string& head) {
    std::string lower = head;
    for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    const size_t at = lower.find("\r\ncontent-length:");
    if (at == std::string::npos) return 0;
    return static_cast<size_t>(std::strtoull(lower.c_str() + at + 17, nullptr, 10));
  }

  RequestHandler handler_;
  int listener_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  std::atomic<int> requests_{0};
  mutable std::mutex mutex_;
  std::vector<std::string> heads_;
  std::vector<Request> received_;
  std::thread thread_;
};

}  // namespace chorus::test
