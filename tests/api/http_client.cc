#include "tests/api/http_client.h"

#include <algorithm>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/string_body.hpp>
#include <utility>  // Before any Asio header: Boost 1.74's awaitable.hpp needs it on g++ 12.

#include "server/http_message.h"

namespace chorus::test {

namespace asio = boost::asio;
namespace http = boost::beast::http;
using tcp = asio::ip::tcp;
using boost::system::error_code;

std::optional<std::string> ClientResponse::Header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (server::EqualsIgnoreCase(key, name)) return value;
  }
  return std::nullopt;
}

int ClientResponse::HeaderCount(std::string_view name) const {
  int count = 0;
  for (const auto& [key, value] : headers) count += server::EqualsIgnoreCase(key, name) ? 1 : 0;
  return count;
}

std::string RequestText(std::string_view method, std::string_view target, std::string_view body,
                        std::string_view extra) {
  std::string text = std::string(method) + " " + std::string(target) + " HTTP/1.1\r\n";
  text += "Host: 127.0.0.1\r\n";
  if (!body.empty() || method == "POST" || method == "PUT") {
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  text += extra;
  text += "\r\n";
  text += body;
  return text;
}

struct TestConnection::Impl {
  asio::io_context io;
  tcp::socket socket{io};
  boost::beast::flat_buffer buffer;
  bool connected = false;

  // Runs the queued operation for at most `timeout`; cancels it when time runs out.
  bool RunFor(std::chrono::milliseconds timeout, const bool& done) {
    io.restart();
    io.run_for(timeout);
    if (done) return true;
    error_code ignored;
    socket.cancel(ignored);
    io.restart();
    io.run();
    return false;
  }
};

TestConnection::TestConnection(int port) : impl_(std::make_unique<Impl>()) {
  error_code ec;
  impl_->socket.connect(
      tcp::endpoint(asio::ip::make_address("127.0.0.1"), static_cast<unsigned short>(port)), ec);
  impl_->connected = !ec;
}

TestConnection::~TestConnection() = default;

bool TestConnection::connected() const { return impl_->connected; }

bool TestConnection::Send(std::string_view bytes, std::chrono::milliseconds timeout) {
  bool done = false;
  error_code result;
  asio::async_write(impl_->socket, asio::buffer(bytes.data(), bytes.size()),
                    [&](error_code ec, size_t) {
                      result = ec;
                      done = true;
                    });
  return impl_->RunFor(timeout, done) && !result;
}

std::optional<ClientResponse> TestConnection::Read(std::chrono::milliseconds timeout) {
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 << 20);
  bool done = false;
  error_code result;
  http::async_read(impl_->socket, impl_->buffer, parser, [&](error_code ec, size_t) {
    result = ec;
    done = true;
  });
  if (!impl_->RunFor(timeout, done) || result) return std::nullopt;
  ClientResponse response;
  const auto& message = parser.get();
  response.status = static_cast<int>(message.result_int());
  for (const auto& field : message) {
    response.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  }
  response.body = message.body();
  return response;
}

bool TestConnection::ClosedByPeer(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  char scratch[4096];
  while (std::chrono::steady_clock::now() < deadline) {
    bool done = false;
    error_code result;
    impl_->socket.async_read_some(asio::buffer(scratch), [&](error_code ec, size_t) {
      result = ec;
      done = true;
    });
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(
        deadline - std::chrono::steady_clock::now());
    if (!impl_->RunFor(std::max(left, std::chrono::milliseconds(1)), done)) return false;
    if (result) return true;  // EOF or reset: closed.
  }
  return false;
}

std::optional<ClientResponse> Fetch(int port, std::string_view method, std::string_view target,
                                    std::string_view body, std::string_view extra) {
  TestConnection connection(port);
  if (!connection.connected() || !connection.Send(RequestText(method, target, body, extra))) {
    return std::nullopt;
  }
  return connection.Read();
}

}  // namespace chorus::test
