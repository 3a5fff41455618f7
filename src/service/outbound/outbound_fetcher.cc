#include "service/outbound/outbound_fetcher.h"

#include <netdb.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstring>
#include <memory>
#include <mutex>
#include <optional>

#include "service/outbound/libcurl.h"

namespace chorus::service {
namespace {

using Reason = FetchFailure::Reason;
using Clock = std::chrono::steady_clock;

constexpr size_t kMaxUrlBytes = 8192;

#ifdef CURL_WRITEFUNC_ERROR
constexpr size_t kWriteError = CURL_WRITEFUNC_ERROR;
#else
constexpr size_t kWriteError = ~size_t{0};
#endif

struct UrlDeleter {
  void operator()(CURLU* url) const { Curl().url_cleanup(url); }
};
using UrlHandle = std::unique_ptr<CURLU, UrlDeleter>;
struct EasyDeleter {
  void operator()(CURL* easy) const { Curl().easy_cleanup(easy); }
};
struct ListDeleter {
  void operator()(curl_slist* list) const { Curl().slist_free_all(list); }
};

std::optional<std::string> GetPart(CURLU* url, CURLUPart part, unsigned flags = 0) {
  char* value = nullptr;
  if (Curl().url_get(url, part, &value, flags) != CURLUE_OK || value == nullptr) {
    return std::nullopt;
  }
  std::string out(value);
  Curl().free(value);
  return out;
}

// A parsed copy of `url`, or null.
UrlHandle ParseUrl(std::string_view url) {
  if (url.size() > kMaxUrlBytes || url.find('\0') != std::string_view::npos) return nullptr;
  if (!LoadLibCurl().ok()) return nullptr;  // RedactUrl may come before any fetcher.
  UrlHandle handle(Curl().url());
  if (!handle) return nullptr;
  if (Curl().url_set(handle.get(), CURLUPART_URL, std::string(url).c_str(),
                     CURLU_NON_SUPPORT_SCHEME) != CURLUE_OK) {
    return nullptr;
  }
  return handle;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Host name characters after punycode conversion: letters, digits, '.', '-', '_'.
bool PlainHostName(std::string_view host) {
  if (host.empty() || host.front() == '.' || host.size() > 253) return false;
  return std::all_of(host.begin(), host.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
  });
}

bool IsRedirect(long code) {
  return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
}

}  // namespace

// One vetted hop: the parsed URL (with the host as it was resolved), and the addresses that
// alone may be connected to.
struct OutboundFetcher::Hop {
  UrlHandle url;
  std::string scheme;
  std::string host;  // Lower case, no brackets, no trailing dot.
  bool literal = false;
  uint16_t port = 0;
  std::vector<IpAddress> addresses;
  std::string redacted;
};

namespace {

// What the libcurl callbacks of one transfer share.
struct Transfer {
  CURL* easy = nullptr;
  const BodySink* sink = nullptr;
  const std::function<bool(std::string_view)>* accept_content_type = nullptr;
  const std::vector<IpAddress>* addresses = nullptr;
  uint16_t port = 0;
  uint64_t max_bytes = 0;
  uint64_t bytes = 0;
  bool too_large = false;
  bool sink_refused = false;
  bool socket_refused = false;
  bool type_checked = false;
  bool type_refused = false;
  std::string refused_address;

  // Asks accept_content_type once; false when the type is refused.
  bool TypeAccepted() {
    if (type_checked || accept_content_type == nullptr || !*accept_content_type) return true;
    type_checked = true;
    char* content_type = nullptr;
    Curl().easy_getinfo(easy, CURLINFO_CONTENT_TYPE, &content_type);
    type_refused = !(*accept_content_type)(content_type != nullptr ? content_type : "");
    return !type_refused;
  }
};

size_t WriteBody(char* data, size_t size, size_t count, void* user) {
  Transfer& transfer = *static_cast<Transfer*>(user);
  const size_t n = size * count;
  long code = 0;
  Curl().easy_getinfo(transfer.easy, CURLINFO_RESPONSE_CODE, &code);
  // Only a 2xx body is wanted; for anything else stop reading at once (never buffered).
  if (code < 200 || code >= 300) return kWriteError;
  if (!transfer.TypeAccepted()) return kWriteError;
  if (n > transfer.max_bytes - transfer.bytes) {
    transfer.too_large = true;
    return kWriteError;
  }
  transfer.bytes += n;
  if (n > 0 && !(*transfer.sink)(std::string_view(data, n))) {
    transfer.sink_refused = true;
    return kWriteError;
  }
  return n;
}

// Opens the socket only for an address and port the hop was vetted for: the checked address
// is the address connected to, whatever libcurl's resolver would have said.
curl_socket_t OpenCheckedSocket(void* user, curlsocktype purpose, curl_sockaddr* address) {
  Transfer& transfer = *static_cast<Transfer*>(user);
  std::optional<IpAddress> ip;
  uint16_t port = 0;
  if (purpose == CURLSOCKTYPE_IPCXN) {
    ip = IpAddress::FromSockaddr(&address->addr, address->addrlen);
    if (address->family == AF_INET) {
      sockaddr_in v4{};
      std::memcpy(&v4, &address->addr, sizeof v4);
      port = ntohs(v4.sin_port);
    } else if (address->family == AF_INET6) {
      sockaddr_in6 v6{};
      std::memcpy(&v6, &address->addr, sizeof v6);
      port = ntohs(v6.sin6_port);
    }
  }
  const bool vetted = ip && port == transfer.port &&
                      std::find(transfer.addresses->begin(), transfer.addresses->end(), *ip) !=
                          transfer.addresses->end();
  if (!vetted) {
    transfer.socket_refused = true;
    transfer.refused_address = ip ? ip->ToString() + ":" + std::to_string(port) : "(not IP)";
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

// The origin of `url` as "scheme://host:port", lower case.
std::string OriginOf(CURLU* url) {
  auto scheme = GetPart(url, CURLUPART_SCHEME);
  auto host = GetPart(url, CURLUPART_HOST, CURLU_PUNYCODE);
  auto port = GetPart(url, CURLUPART_PORT, CURLU_DEFAULT_PORT);
  std::string normal = Lower(host.value_or(""));
  if (!normal.empty() && normal.back() == '.') normal.pop_back();
  return Lower(scheme.value_or("")) + "://" + normal + ":" + port.value_or("");
}

}  // namespace

Status FetchError() { return InvalidArgument(kFetchErrorMessage, "url"); }

const char* FetchFailureName(Reason reason) {
  switch (reason) {
    case Reason::kNone: return "none";
    case Reason::kBadUrl: return "bad_url";
    case Reason::kScheme: return "scheme";
    case Reason::kBadHost: return "bad_host";
    case Reason::kMetadataHost: return "metadata_host";
    case Reason::kUnresolved: return "unresolved";
    case Reason::kRefusedAddress: return "refused_address";
    case Reason::kConnect: return "connect";
    case Reason::kTimeout: return "timeout";
    case Reason::kTransfer: return "transfer";
    case Reason::kHttpStatus: return "http_status";
    case Reason::kTooLarge: return "too_large";
    case Reason::kTooManyRedirects: return "too_many_redirects";
    case Reason::kSinkRefused: return "sink_refused";
  }
  return "unknown";
}

std::string RedactUrl(std::string_view url) {
  UrlHandle handle = ParseUrl(url);
  if (!handle) return "(not a URL)";
  for (const CURLUPart part : {CURLUPART_USER, CURLUPART_PASSWORD, CURLUPART_OPTIONS,
                               CURLUPART_QUERY, CURLUPART_FRAGMENT}) {
    Curl().url_set(handle.get(), part, nullptr, 0);
  }
  return GetPart(handle.get(), CURLUPART_URL).value_or("(not a URL)");
}

Result<std::vector<IpAddress>> ResolveWithGetaddrinfo(const std::string& host) {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  const int error = getaddrinfo(host.c_str(), nullptr, &hints, &list);
  if (error != 0) return NotFound(std::string("cannot resolve: ") + gai_strerror(error));
  std::vector<IpAddress> addresses;
  for (const addrinfo* entry = list; entry != nullptr; entry = entry->ai_next) {
    auto address = IpAddress::FromSockaddr(entry->ai_addr, entry->ai_addrlen);
    if (address && std::find(addresses.begin(), addresses.end(), *address) == addresses.end()) {
      addresses.push_back(*address);
    }
  }
  freeaddrinfo(list);
  return addresses;
}

OutboundFetcher::OutboundFetcher(FetchPolicy policy, FetcherOptions options)
    : policy_(std::move(policy)), options_(std::move(options)) {
  if (!options_.resolver) options_.resolver = ResolveWithGetaddrinfo;
}

Status OutboundFetcher::Vet(std::string_view url, Hop& hop, FetchFailure& why) const {
  const auto fail = [&](Reason reason, const std::string& detail) {
    why.reason = reason;
    why.detail = hop.redacted + ": " + detail;
    return FetchError();
  };
  if (auto curl = LoadLibCurl(); !curl.ok()) {  // Loaded at the first URL, then kept.
    why.reason = Reason::kTransfer;
    why.detail = curl.status().message();
    return FetchError();
  }
  hop.redacted = RedactUrl(url);
  hop.url = ParseUrl(url);
  if (!hop.url) return fail(Reason::kBadUrl, "not an absolute URL libcurl can parse");
  hop.scheme = Lower(GetPart(hop.url.get(), CURLUPART_SCHEME).value_or(""));
  if (hop.scheme != "http" && hop.scheme != "https") {
    return fail(Reason::kScheme, "scheme \"" + hop.scheme + "\" is not http or https");
  }
  if (GetPart(hop.url.get(), CURLUPART_ZONEID)) return fail(Reason::kBadHost, "IPv6 zone id");
  std::string host = GetPart(hop.url.get(), CURLUPART_HOST, CURLU_PUNYCODE).value_or("");
  if (!host.empty() && host.front() == '[') {
    auto address = IpAddress::Parse(std::string_view(host).substr(1, host.size() - 2));
    if (!address || host.back() != ']') return fail(Reason::kBadHost, "bad IPv6 literal");
    hop.host = address->ToString();
    hop.literal = true;
    hop.addresses = {*address};
  } else {
    host = Lower(std::move(host));
    if (!host.empty() && host.back() == '.') host.pop_back();
    if (!PlainHostName(host)) return fail(Reason::kBadHost, "host name with unusual characters");
    hop.host = host;
    if (auto address = IpAddress::Parse(host)) {
      hop.literal = true;
      hop.addresses = {*address};
    }
    // libcurl connects to exactly the name that was checked.
    if (Curl().url_set(hop.url.get(), CURLUPART_HOST, host.c_str(), 0) != CURLUE_OK) {
      return fail(Reason::kBadHost, "host name libcurl refuses");
    }
  }
  if (FetchPolicy::IsMetadataHost(hop.host)) return fail(Reason::kMetadataHost, "metadata host");
  const std::string port = GetPart(hop.url.get(), CURLUPART_PORT, CURLU_DEFAULT_PORT).value_or("");
  unsigned port_number = 0;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), port_number);
  if (port.empty() || error != std::errc() || end != port.data() + port.size() ||
      port_number == 0 || port_number > 65535) {
    return fail(Reason::kBadUrl, "bad port");
  }
  hop.port = static_cast<uint16_t>(port_number);
  if (!hop.literal) {
    auto resolved = options_.resolver(hop.host);
    if (!resolved.ok()) return fail(Reason::kUnresolved, resolved.status().message());
    if (resolved->empty()) return fail(Reason::kUnresolved, "no address");
    hop.addresses = std::move(*resolved);
  }
  for (const IpAddress& address : hop.addresses) {
    if (!policy_.Allows(address, hop.port)) {
      const char* kind = FetchPolicy::IsMetadataAddress(address)
                             ? "metadata"
                             : AddressClassName(Classify(address));
      return fail(Reason::kRefusedAddress, "address " + address.ToString() + " (" + kind +
                                               ") port " + std::to_string(hop.port) +
                                               " is not allowed");
    }
  }
  return Status::Ok();
}

Status OutboundFetcher::Check(std::string_view url, FetchFailure* why) const {
  FetchFailure local;
  Hop hop;
  return Vet(url, hop, why != nullptr ? *why : local);
}

Result<FetchedResponse> OutboundFetcher::Fetch(std::string_view url, const FetchLimits& limits,
                                               const BodySink& sink, FetchFailure* why) const {
  return Send(url, OutboundRequest{}, limits, sink, why);
}

Result<FetchedResponse> OutboundFetcher::Send(std::string_view url, const OutboundRequest& request,
                                              const FetchLimits& limits, const BodySink& sink,
                                              FetchFailure* why) const {
  FetchFailure local;
  FetchFailure& failure = why != nullptr ? *why : local;
  failure = {};
  const bool post = request.method == "POST";
  if (!post && request.method != "GET") {
    failure.reason = Reason::kTransfer;
    failure.detail = "method " + request.method + " is not GET or POST";
    return FetchError();
  }
  for (const std::string& header : request.headers) {
    // A line break would smuggle a header or a second request.
    if (header.find_first_of("\r\n") != std::string::npos || header.find(':') == 0 ||
        header.find(':') == std::string::npos) {
      failure.reason = Reason::kTransfer;
      failure.detail = "a request header is not one \"Name: value\" line";
      return FetchError();
    }
  }
  std::string first_origin;  // Extra headers (credentials) go to this origin only.
  const Clock::time_point deadline = Clock::now() + limits.total_timeout;
  std::string next(url);
  for (int redirects = 0;; ++redirects) {
    Hop hop;
    CHORUS_RETURN_IF_ERROR(Vet(next, hop, failure));
    if (redirects == 0) first_origin = OriginOf(hop.url.get());
    const auto fail = [&](Reason reason, const std::string& detail) {
      failure.reason = reason;
      failure.detail = hop.redacted + ": " + detail;
      return FetchError();
    };
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return fail(Reason::kTimeout, "total timeout before connecting");

    std::unique_ptr<CURL, EasyDeleter> easy(Curl().easy_init());
    if (!easy) return fail(Reason::kTransfer, "curl_easy_init failed");
    CURL* e = easy.get();
    Transfer transfer;
    transfer.easy = e;
    transfer.sink = &sink;
    transfer.addresses = &hop.addresses;
    transfer.port = hop.port;
    transfer.max_bytes = limits.max_body_bytes;
    transfer.accept_content_type = &limits.accept_content_type;
    std::unique_ptr<curl_slist, ListDeleter> pinned;
    if (!hop.literal) {
      std::string entry = hop.host + ":" + std::to_string(hop.port) + ":";
      for (size_t i = 0; i < hop.addresses.size(); ++i) {
        const IpAddress& address = hop.addresses[i];
        if (i > 0) entry += ",";
        entry += address.family() == IpAddress::Family::kV6 ? "[" + address.ToString() + "]"
                                                            : address.ToString();
      }
      pinned.reset(Curl().slist_append(nullptr, entry.c_str()));
      if (!pinned) return fail(Reason::kTransfer, "curl_slist_append failed");
    }
    Curl().easy_setopt(e, CURLOPT_CURLU, hop.url.get());
    Curl().easy_setopt(e, CURLOPT_PROTOCOLS_STR, "http,https");
    Curl().easy_setopt(e, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
    Curl().easy_setopt(e, CURLOPT_FOLLOWLOCATION, 0L);
    std::unique_ptr<curl_slist, ListDeleter> headers;
    const auto add_header = [&headers](const std::string& line) {
      curl_slist* list = Curl().slist_append(headers.get(), line.c_str());
      if (list != nullptr) {
        (void)headers.release();
        headers.reset(list);
      }
      return list != nullptr;
    };
    if (OriginOf(hop.url.get()) == first_origin) {
      for (const std::string& header : request.headers) {
        if (!add_header(header)) return fail(Reason::kTransfer, "curl_slist_append failed");
      }
    }
    if (post) {
      // No "Expect: 100-continue" round trip: the body is small and sent at once.
      if (!add_header("Expect:")) return fail(Reason::kTransfer, "curl_slist_append failed");
      Curl().easy_setopt(e, CURLOPT_POST, 1L);
      Curl().easy_setopt(e, CURLOPT_POSTFIELDS, request.body.data());
      Curl().easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
                         static_cast<curl_off_t>(request.body.size()));
    } else {
      Curl().easy_setopt(e, CURLOPT_HTTPGET, 1L);
    }
    if (headers) Curl().easy_setopt(e, CURLOPT_HTTPHEADER, headers.get());
    Curl().easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    Curl().easy_setopt(e, CURLOPT_PROXY, "");  // Never the environment's proxy.
    Curl().easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
    Curl().easy_setopt(e, CURLOPT_FRESH_CONNECT, 1L);
    if (pinned) Curl().easy_setopt(e, CURLOPT_RESOLVE, pinned.get());
    Curl().easy_setopt(e, CURLOPT_OPENSOCKETFUNCTION, OpenCheckedSocket);
    Curl().easy_setopt(e, CURLOPT_OPENSOCKETDATA, &transfer);
    Curl().easy_setopt(e, CURLOPT_WRITEFUNCTION, WriteBody);
    Curl().easy_setopt(e, CURLOPT_WRITEDATA, &transfer);
    Curl().easy_setopt(
        e, CURLOPT_MAXFILESIZE_LARGE,
        static_cast<curl_off_t>(std::min<uint64_t>(limits.max_body_bytes, uint64_t{1} << 62)));
    Curl().easy_setopt(
        e, CURLOPT_CONNECTTIMEOUT_MS,
        static_cast<long>(std::min<int64_t>(options_.connect_timeout.count(), left)));
    Curl().easy_setopt(e, CURLOPT_TIMEOUT_MS, static_cast<long>(left));
    Curl().easy_setopt(e, CURLOPT_LOW_SPEED_LIMIT, 1024L);
    Curl().easy_setopt(e, CURLOPT_LOW_SPEED_TIME,
                       static_cast<long>(options_.stall_timeout.count()));
    Curl().easy_setopt(e, CURLOPT_USERAGENT, options_.user_agent.c_str());
    const CURLcode code = Curl().easy_perform(e);
    long status = 0;
    Curl().easy_getinfo(e, CURLINFO_RESPONSE_CODE, &status);

    if (transfer.socket_refused) {
      return fail(Reason::kRefusedAddress,
                  "libcurl tried " + transfer.refused_address + ", which was not vetted");
    }
    if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
      return fail(Reason::kTooLarge,
                  "body over " + std::to_string(limits.max_body_bytes) + " bytes");
    }
    if (transfer.sink_refused) return fail(Reason::kSinkRefused, "the sink refused the body");
    if (IsRedirect(status) && post) {
      failure.http_status = static_cast<int>(status);
      return fail(Reason::kHttpStatus,
                  "HTTP " + std::to_string(status) + " to a POST (not re-sent across a redirect)");
    }
    if (IsRedirect(status)) {
      char* location = nullptr;
      Curl().easy_getinfo(e, CURLINFO_REDIRECT_URL, &location);
      if (location == nullptr || *location == '\0') {
        return fail(Reason::kHttpStatus, "HTTP " + std::to_string(status) + " without Location");
      }
      if (redirects >= options_.max_redirects) {
        return fail(Reason::kTooManyRedirects,
                    "more than " + std::to_string(options_.max_redirects) + " redirects");
      }
      UrlHandle target = ParseUrl(location);
      if (!target) return fail(Reason::kBadUrl, "unparsable redirect target");
      // Credentials belong to the origin they were given for.
      if (OriginOf(target.get()) != OriginOf(hop.url.get())) {
        Curl().url_set(target.get(), CURLUPART_USER, nullptr, 0);
        Curl().url_set(target.get(), CURLUPART_PASSWORD, nullptr, 0);
      }
      next = GetPart(target.get(), CURLUPART_URL).value_or("");
      continue;
    }
    if (code == CURLE_OPERATION_TIMEDOUT) return fail(Reason::kTimeout, Curl().easy_strerror(code));
    if (code == CURLE_COULDNT_CONNECT) return fail(Reason::kConnect, Curl().easy_strerror(code));
    if (status != 0 && (status < 200 || status >= 300)) {
      failure.http_status = static_cast<int>(status);
      return fail(Reason::kHttpStatus, "HTTP " + std::to_string(status));
    }
    if (!transfer.type_refused && code != CURLE_OK) {
      return fail(Reason::kTransfer, Curl().easy_strerror(code));
    }
    transfer.TypeAccepted();  // An empty body never reached WriteBody.
    FetchedResponse response;
    response.type_refused = transfer.type_refused;
    response.url = GetPart(hop.url.get(), CURLUPART_URL).value_or("");
    response.path = GetPart(hop.url.get(), CURLUPART_PATH).value_or("/");
    char* content_type = nullptr;
    Curl().easy_getinfo(e, CURLINFO_CONTENT_TYPE, &content_type);
    if (content_type != nullptr) response.content_type = content_type;
    response.body_bytes = transfer.bytes;
    response.redirects = redirects;
    return response;
  }
}

}  // namespace chorus::service
