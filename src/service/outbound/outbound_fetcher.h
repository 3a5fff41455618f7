// The one guarded way Chorus fetches a URL on a user's behalf (security catalogue section E,
// entries 43-49; entry 48: every outbound feature shares this guard). Task import from a URL
// and media by URL use it; so must webhooks, ML backends and storage endpoints when they come.
//
// For each hop (the URL given, then each redirect):
//   1. The URL is parsed with libcurl's URL API (curl_url), which also normalises numeric
//      hosts (127.1, 2130706433, 0x7f000001 and 017700000001 all become 127.0.0.1). Only
//      http and https are accepted (entry 47: file, gopher, ftp, dict, data ... are refused);
//      a host with an IPv6 zone, or with characters outside [a-z0-9._-] once converted to
//      punycode, is refused.
//   2. Cloud metadata host names are refused (service/outbound/fetch_policy.h).
//   3. The host is resolved once, here (getaddrinfo, or a literal address as is), and the
//      hop is refused when ANY resolved address is not allowed by the FetchPolicy (public
//      only, unless an --allow-fetch rule covers it; metadata addresses never).
//   4. libcurl is told to use exactly those addresses (CURLOPT_RESOLVE), and every socket it
//      opens is checked again against them (CURLOPT_OPENSOCKETFUNCTION), so a DNS answer that
//      changes between the check and the connection (rebinding, entry 46) cannot take it
//      elsewhere. Proxies from the environment are ignored.
//   5. Redirects are not followed by libcurl: a 301, 302, 303, 307 or 308 becomes the next
//      hop, checked from step 1 again (entry 45), at most `max_redirects` of them. Credentials
//      in a URL are dropped when a redirect leaves its origin.
// The transfer has a connect timeout, a stall timeout, a total timeout and a body limit
// (Content-Length checked before the body, and bytes counted as they arrive). Only a 2xx
// answer's body reaches the sink.
//
// A POST (OutboundRequest: ML backends, chat-completions APIs) goes through the same steps; it
// is never re-sent across a redirect (a 3xx answer to a POST fails, kHttpStatus), and the
// request's extra headers (Authorization) go only to the first hop's origin.
//
// Every refusal and every upstream failure (bad URL, refused scheme or address, DNS failure,
// closed port, timeout, non-2xx status, oversize body) returns the same Status: kInvalidArgument
// with kFetchErrorMessage and field "url" (entry 49: no upstream body, status or port state
// reaches the user). The reason goes to FetchFailure, for the server log and tests; it names
// the URL only through RedactUrl (no user name, password, query or fragment).
// Thread-safety: Fetch and Check are safe to call concurrently (each call has its own libcurl
// handles); the fetcher is immutable after construction.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "service/outbound/fetch_policy.h"
#include "service/outbound/ip_address.h"

namespace chorus::service {

inline constexpr const char* kFetchErrorMessage =
    "the URL could not be fetched; check it is a public http(s) address";

// The one error of every failed fetch (see above).
Status FetchError();

// Why a fetch failed, for the log and tests; never shown to the user.
struct FetchFailure {
  enum class Reason {
    kNone,
    kBadUrl,            // Not a URL curl can parse, or longer than 8 KiB.
    kScheme,            // Not http or https.
    kBadHost,           // No host, an IPv6 zone, or characters outside [a-z0-9._-].
    kMetadataHost,      // A cloud metadata host name.
    kUnresolved,        // The name has no address.
    kRefusedAddress,    // An address the policy does not allow.
    kConnect,           // No connection (closed port, unreachable).
    kTimeout,           // Connect, stall or total timeout.
    kTransfer,          // Any other transfer error (TLS, malformed response, ...).
    kHttpStatus,        // A final status outside 2xx (or a redirect without Location).
    kTooLarge,          // The body exceeds the limit.
    kTooManyRedirects,  // More than max_redirects redirects.
    kSinkRefused,       // The caller's sink returned false.
  };
  Reason reason = Reason::kNone;
  std::string detail;  // The redacted URL and what went wrong; never the body.
  int http_status = 0;  // kHttpStatus: the upstream's status (so callers can retry 429, 5xx).
};

const char* FetchFailureName(FetchFailure::Reason reason);

// `url` without user name, password, query and fragment ("https://host:443/path"), for logs
// and the audit trail; "(not a URL)" when it does not parse.
std::string RedactUrl(std::string_view url);

// The addresses `host` resolves to (no brackets, no trailing dot); an empty list or an error
// when it has none.
using HostResolver = std::function<Result<std::vector<IpAddress>>(const std::string& host)>;

// getaddrinfo (AF_UNSPEC, SOCK_STREAM).
Result<std::vector<IpAddress>> ResolveWithGetaddrinfo(const std::string& host);

struct FetcherOptions {
  std::chrono::milliseconds connect_timeout{10'000};  // To establish the TCP (and TLS) link.
  std::chrono::seconds stall_timeout{30};             // Abort when under 1 KiB/s for this long.
  int max_redirects = 5;  // Redirects followed, each checked as a new URL.
  std::string user_agent = "Chorus-fetch/1";
  HostResolver resolver = ResolveWithGetaddrinfo;  // Tests substitute their own.
};

// What one call may take.
struct FetchLimits {
  uint64_t max_body_bytes = uint64_t{32} << 20;     // Larger bodies fail (kTooLarge).
  std::chrono::milliseconds total_timeout{60'000};  // For the whole call, all hops.
  // When set, called with the final 2xx answer's Content-Type ("" when absent) before any
  // byte of its body reaches the sink; false stops the transfer (FetchedResponse::type_refused).
  std::function<bool(std::string_view content_type)> accept_content_type;
};

struct FetchedResponse {
  std::string url;            // The final URL (after redirects), unredacted: not for logs.
  std::string path;           // Its path, e.g. "/exports/tasks.jsonl".
  std::string content_type;   // As the upstream sent it ("" when absent).
  uint64_t body_bytes = 0;    // Bytes given to the sink.
  int redirects = 0;          // Redirects followed.
  bool type_refused = false;  // accept_content_type said no: the sink got nothing.
};

// What one call sends: a GET by default; a POST with a body and headers for model backends.
struct OutboundRequest {
  std::string method = "GET";        // "GET" or "POST".
  std::string body;                  // Sent with a POST (with its Content-Length).
  std::vector<std::string> headers;  // "Name: value" lines (no line breaks), e.g.
                                     // "Authorization: Bearer ...", "Content-Type: ...";
                                     // sent only to the origin of the URL given.
};

// Receives the body in pieces, in order; return false to abort (kSinkRefused).
using BodySink = std::function<bool(std::string_view piece)>;

class OutboundFetcher {
 public:
  explicit OutboundFetcher(FetchPolicy policy, FetcherOptions options = {});

  // GETs `url` (see the header comment) and streams a 2xx body to `sink`. Errors: FetchError()
  // for everything; `why`, when given, says what happened.
  Result<FetchedResponse> Fetch(std::string_view url, const FetchLimits& limits,
                                const BodySink& sink, FetchFailure* why = nullptr) const;

  // The same for `request` (a GET or a POST, see the header comment).
  Result<FetchedResponse> Send(std::string_view url, const OutboundRequest& request,
                               const FetchLimits& limits, const BodySink& sink,
                               FetchFailure* why = nullptr) const;

  // Steps 1-3 for `url` without connecting: Ok when a fetch would try to connect. Errors as
  // Fetch.
  Status Check(std::string_view url, FetchFailure* why = nullptr) const;

  const FetchPolicy& policy() const { return policy_; }

 private:
  struct Hop;
  Status Vet(std::string_view url, Hop& hop, FetchFailure& why) const;

  FetchPolicy policy_;
  FetcherOptions options_;
};

}  // namespace chorus::service
