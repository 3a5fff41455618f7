// ParseListenAddress (declared in server.h): kept out of server.cc so it needs no Asio.
#include <charconv>

#include "server/server.h"

namespace chorus::server {

Result<ListenAddress> ParseListenAddress(std::string_view text) {
  const auto bad = [&] {
    return InvalidArgument(
        "expected HOST:PORT such as 127.0.0.1:8080, [::1]:8080 or localhost:0, got \"" +
            std::string(text) + "\"",
        "--listen");
  };
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos || colon == 0) return bad();
  std::string_view host = text.substr(0, colon);
  const std::string_view port_text = text.substr(colon + 1);
  if (host.front() == '[') {
    if (host.size() < 3 || host.back() != ']') return bad();
    host = host.substr(1, host.size() - 2);
  } else if (host.find(':') != std::string_view::npos) {
    return bad();  // A bare IPv6 address is ambiguous; it needs brackets.
  }
  int port = -1;
  const auto [end, error] =
      std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
  if (error != std::errc() || end != port_text.data() + port_text.size() || port < 0 ||
      port > 65535) {
    return bad();
  }
  return ListenAddress{std::string(host), port};
}

}  // namespace chorus::server
