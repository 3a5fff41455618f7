// A small blocking HTTP/1.1 client for the API tests: raw bytes out (so tests can send
// chunked, oversized, slow or malformed requests), parsed responses in, every wait bounded
// by a timeout so a broken server fails a test instead of hanging it.
// Thread-safety: one connection per thread.
#pragma once

#include <chrono>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace chorus::test {

struct ClientResponse {
  int status = 0;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;

  // First value of header `name` (case-insensitive), or nullopt.
  std::optional<std::string> Header(std::string_view name) const;
  int HeaderCount(std::string_view name) const;
  nlohmann::json Json() const { return nlohmann::json::parse(body); }
};

// "METHOD TARGET HTTP/1.1" with Host, Content-Length when there is a body, `extra` header
// lines ("Name: value\r\n" each) and the body.
std::string RequestText(std::string_view method, std::string_view target,
                        std::string_view body = "", std::string_view extra = "");

class TestConnection {
 public:
  // Connects to 127.0.0.1:port; connected() says whether it worked.
  explicit TestConnection(int port);
  ~TestConnection();

  bool connected() const;
  // Writes all of `bytes`; false when the server has closed or reset the connection.
  bool Send(std::string_view bytes, std::chrono::milliseconds timeout = std::chrono::seconds(5));
  // Reads one response; nullopt on timeout, close or a malformed response. The default waits
  // longer than SQLite's 5 s busy_timeout, so a request held by a lock gets its answer.
  std::optional<ClientResponse> Read(std::chrono::milliseconds timeout = std::chrono::seconds(15));
  // True when the server closes the connection within `timeout` (data before that is read
  // and dropped); false if it is still open.
  bool ClosedByPeer(std::chrono::milliseconds timeout);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// One request on a fresh connection.
std::optional<ClientResponse> Fetch(int port, std::string_view method, std::string_view target,
                                    std::string_view body = "", std::string_view extra = "");

}  // namespace chorus::test
