// The SSRF guard, entry by entry of the security catalogue's section E (43-49), over real HTTP
// on loopback (service/outbound/test_upstream_for_test.h) where a connection is involved.
#include "service/outbound/outbound_fetcher.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>
#include <vector>

#include "service/outbound/test_upstream_for_test.h"

namespace chorus::service {
namespace {

using Reason = FetchFailure::Reason;
using test::TestUpstream;

FetchPolicy FetchPolicyOf(const std::vector<std::string>& rules) {
  auto policy = FetchPolicy::Make(rules);
  EXPECT_TRUE(policy.ok()) << policy.status().ToString();
  return policy.ok() ? *policy : FetchPolicy();
}

// Expects the one generic error, and returns why it happened.
FetchFailure ExpectRefused(const OutboundFetcher& fetcher, const std::string& url) {
  FetchFailure why;
  const Status status = fetcher.Check(url, &why);
  EXPECT_FALSE(status.ok()) << url;
  EXPECT_EQ(status.code(), StatusCode::kInvalidArgument) << url;
  EXPECT_EQ(status.message(), kFetchErrorMessage) << url;
  EXPECT_EQ(status.field(), "url") << url;
  return why;
}

struct Fetched {
  Result<FetchedResponse> response = FetchError();
  std::string body;
  FetchFailure why;
};

Fetched Get(const OutboundFetcher& fetcher, const std::string& url,
            const FetchLimits& limits = {}) {
  Fetched out;
  out.response = fetcher.Fetch(
      url, limits,
      [&](std::string_view piece) {
        out.body.append(piece);
        return true;
      },
      &out.why);
  return out;
}

// A resolver for names that are not in DNS: "public.test" is a public address (nothing is
// connected to it in these tests), "mixed.test" a public and a private one, "unknown.test"
// none; other names go to getaddrinfo.
Result<std::vector<IpAddress>> FakeResolver(const std::string& host) {
  if (host == "public.test") return std::vector<IpAddress>{*IpAddress::Parse("93.184.216.34")};
  if (host == "mixed.test") {
    return std::vector<IpAddress>{*IpAddress::Parse("93.184.216.34"),
                                  *IpAddress::Parse("10.0.0.7")};
  }
  if (host == "v6private.test") return std::vector<IpAddress>{*IpAddress::Parse("fd00::1")};
  if (host == "unknown.test") return NotFound("no such host");
  return ResolveWithGetaddrinfo(host);
}

// Catalogue 43 and 44: every spelling of loopback, private, unspecified and metadata targets
// is refused before connecting, with the same error.
TEST(OutboundFetcherTest, RefusesLoopbackPrivateAndMetadataInEveryEncoding) {
  FetcherOptions options;
  options.resolver = FakeResolver;
  const OutboundFetcher fetcher(FetchPolicy(), options);
  for (const char* url : {"http://127.0.0.1:8080/",
                          "http://localhost/",
                          "http://LocalHost./x",
                          "http://[::1]/",
                          "http://[::1]:8080/",
                          "http://0.0.0.0/",
                          "http://0/",
                          "http://127.1/",
                          "http://2130706433/",
                          "http://0x7f000001/",
                          "http://017700000001/",
                          "http://0177.0.0.1/",
                          "http://127.0.0.1./",
                          "http://10.0.0.1/",
                          "http://192.168.1.1/",
                          "http://172.16.0.1/",
                          "http://169.254.169.254/latest/meta-data/",
                          "http://[::ffff:169.254.169.254]/",
                          "http://[::ffff:a9fe:a9fe]/",
                          "http://[::ffff:127.0.0.1]/",
                          "http://100.100.100.200/",
                          "http://100.64.0.1/",
                          "http://[fe80::1]/",
                          "http://[fc00::1]/",
                          "http://[::]/",
                          "http://224.0.0.1/",
                          "http://255.255.255.255/",
                          "http://[64:ff9b::a9fe:a9fe]/",
                          "http://[::127.0.0.1]/",
                          "https://mixed.test/",
                          "https://v6private.test/",
                          "http://user:secret@127.0.0.1/",
                          "http://public.test@127.0.0.1/"}) {
    const FetchFailure why = ExpectRefused(fetcher, url);
    EXPECT_EQ(why.reason, Reason::kRefusedAddress) << url << ": " << why.detail;
  }
  for (const char* url :
       {"http://metadata.google.internal/computeMetadata/v1/", "http://METADATA.GOOGLE.INTERNAL./",
        "http://metadata/", "http://instance-data/latest/"}) {
    const FetchFailure why = ExpectRefused(fetcher, url);
    EXPECT_EQ(why.reason, Reason::kMetadataHost) << url << ": " << why.detail;
  }
  const FetchFailure zone = ExpectRefused(fetcher, "http://[fe80::1%25eth0]/");
  EXPECT_EQ(zone.reason, Reason::kBadHost) << zone.detail;
  // A public name passes the check (nothing connects here).
  EXPECT_TRUE(fetcher.Check("https://public.test/tasks.jsonl").ok());
  EXPECT_TRUE(fetcher.Check("http://93.184.216.34:8080/x").ok());
}

// Catalogue 44 and 48: an allow rule opens a range for the deployment's own services, never
// the cloud metadata endpoints.
TEST(OutboundFetcherTest, AllowRulesNeverOpenMetadata) {
  const OutboundFetcher fetcher(FetchPolicyOf({"169.254.0.0/16", "100.64.0.0/10", "127.0.0.0/8"}));
  EXPECT_TRUE(fetcher.Check("http://169.254.1.1/").ok());
  EXPECT_TRUE(fetcher.Check("http://127.1/").ok());
  for (const char* url : {"http://169.254.169.254/", "http://[::ffff:a9fe:a9fe]/",
                          "http://100.100.100.200/", "http://metadata.google.internal/"}) {
    const FetchFailure why = ExpectRefused(fetcher, url);
    EXPECT_NE(why.reason, Reason::kNone) << url;
  }
}

// Catalogue 47: only http and https.
TEST(OutboundFetcherTest, RefusesEverySchemeButHttpAndHttps) {
  const OutboundFetcher fetcher(FetchPolicyOf({"0.0.0.0/0", "::/0"}));
  for (const char* url :
       {"file:///etc/passwd", "file://localhost/etc/passwd", "gopher://127.0.0.1:70/_x",
        "ftp://example.org/x", "dict://127.0.0.1:11211/stat", "ldap://127.0.0.1/",
        "ws://example.org/", "smb://host/share", "HTTPX://example.org/"}) {
    const FetchFailure why = ExpectRefused(fetcher, url);
    EXPECT_EQ(why.reason, Reason::kScheme) << url << ": " << why.detail;
  }
  for (const char* url :
       {"data:text/html,<script>alert(1)</script>", "javascript:alert(1)", "//example.org/x",
        "example.org/x", "", "http://exa mple.org/", "http://127.0.0.1:99999/"}) {
    const FetchFailure why = ExpectRefused(fetcher, url);
    EXPECT_TRUE(why.reason == Reason::kBadUrl || why.reason == Reason::kScheme)
        << url << ": " << FetchFailureName(why.reason);
  }
  EXPECT_TRUE(fetcher.Check("HTTP://127.0.0.1/").ok());
  EXPECT_TRUE(fetcher.Check("https://127.0.0.1/").ok());
}

TEST(OutboundFetcherTest, RedactsCredentialsQueryAndFragmentForLogs) {
  EXPECT_EQ(RedactUrl("https://user:secret@example.org:8443/p/a.jsonl?token=abc#frag"),
            "https://example.org:8443/p/a.jsonl");
  EXPECT_EQ(RedactUrl("not a url"), "(not a URL)");
  FetchFailure why =
      ExpectRefused(OutboundFetcher(FetchPolicy()), "http://admin:hunter2@127.0.0.1/x?key=k");
  EXPECT_EQ(why.detail.find("hunter2"), std::string::npos) << why.detail;
  EXPECT_EQ(why.detail.find("key=k"), std::string::npos) << why.detail;
}

// Catalogue 43 over a real connection: loopback is refused by default before any byte is
// sent, and reachable once allowed.
TEST(OutboundFetcherTest, LoopbackIsRefusedByDefaultAndFetchedWhenAllowed) {
  TestUpstream upstream([](const std::string& target) {
    TestUpstream::Reply reply;
    reply.content_type = "application/x-ndjson";
    reply.body = "{\"text\": \"" + target + "\"}\n";
    return reply;
  });
  const Fetched refused = Get(OutboundFetcher(FetchPolicy()), upstream.url("/tasks.jsonl"));
  EXPECT_FALSE(refused.response.ok());
  EXPECT_EQ(refused.why.reason, Reason::kRefusedAddress) << refused.why.detail;
  EXPECT_EQ(upstream.requests(), 0);  // Refused before connecting.

  const Fetched allowed =
      Get(OutboundFetcher(FetchPolicyOf({"127.0.0.0/8"})), upstream.url("/tasks.jsonl?x=1"));
  ASSERT_TRUE(allowed.response.ok())
      << FetchFailureName(allowed.why.reason) << " " << allowed.why.detail;
  EXPECT_EQ(allowed.body, "{\"text\": \"/tasks.jsonl?x=1\"}\n");
  EXPECT_EQ(allowed.response->content_type, "application/x-ndjson");
  EXPECT_EQ(allowed.response->path, "/tasks.jsonl");
  EXPECT_EQ(allowed.response->body_bytes, allowed.body.size());
  EXPECT_EQ(allowed.response->redirects, 0);
  EXPECT_EQ(upstream.requests(), 1);
}

// Catalogue 45: every redirect hop is checked as a new URL. The first upstream is allowed by a
// rule for its port only; it redirects to another loopback port, to metadata, to file:, and
// (allowed) to itself.
TEST(OutboundFetcherTest, RedirectsAreCheckedHopByHop) {
  TestUpstream inner([](const std::string&) {
    TestUpstream::Reply reply;
    reply.body = "internal secret";
    return reply;
  });
  const std::string inner_url = inner.url("/secret");
  TestUpstream outer([&](const std::string& target) {
    TestUpstream::Reply reply;
    reply.status = 302;
    if (target == "/to-inner") reply.headers = {{"Location", inner_url}};
    if (target == "/to-metadata") {
      reply.headers = {{"Location", "http://169.254.169.254/latest/meta-data/"}};
    }
    if (target == "/to-mapped") reply.headers = {{"Location", "http://[::ffff:a9fe:a9fe]/"}};
    if (target == "/to-file") reply.headers = {{"Location", "file:///etc/passwd"}};
    if (target == "/to-gopher") reply.headers = {{"Location", "gopher://127.0.0.1:70/_x"}};
    if (target == "/hop1") reply.headers = {{"Location", "/hop2"}};
    if (target == "/hop2") reply.headers = {{"Location", "final.jsonl"}};
    if (target == "/loop") reply.headers = {{"Location", "/loop"}};
    if (target == "/nowhere") reply.status = 302;  // No Location.
    if (target == "/final.jsonl") {
      reply.status = 200;
      reply.body = "{\"text\": \"final\"}\n";
    }
    return reply;
  });
  const OutboundFetcher fetcher(FetchPolicyOf({"127.0.0.1/32:" + std::to_string(outer.port())}));
  const std::vector<std::pair<std::string, Reason>> refused = {
      {"/to-inner", Reason::kRefusedAddress},  {"/to-metadata", Reason::kRefusedAddress},
      {"/to-mapped", Reason::kRefusedAddress}, {"/to-file", Reason::kScheme},
      {"/to-gopher", Reason::kScheme},         {"/loop", Reason::kTooManyRedirects},
      {"/nowhere", Reason::kHttpStatus},
  };
  Status first_error;
  for (const auto& [target, reason] : refused) {
    const Fetched fetched = Get(fetcher, outer.url(target));
    ASSERT_FALSE(fetched.response.ok()) << target;
    EXPECT_EQ(fetched.why.reason, reason) << target << ": " << fetched.why.detail;
    EXPECT_TRUE(fetched.body.empty()) << target;
    if (first_error.ok()) first_error = fetched.response.status();
    EXPECT_EQ(fetched.response.status().message(), first_error.message()) << target;
  }
  EXPECT_EQ(inner.requests(), 0);
  // A loop stops after 5 redirects: 6 requests, then refused.
  const int before = outer.requests();
  Get(fetcher, outer.url("/loop"));
  EXPECT_EQ(outer.requests() - before, 6);
  // Relative redirects inside the allowed origin are followed.
  const Fetched followed = Get(fetcher, outer.url("/hop1"));
  ASSERT_TRUE(followed.response.ok()) << followed.why.detail;
  EXPECT_EQ(followed.body, "{\"text\": \"final\"}\n");
  EXPECT_EQ(followed.response->redirects, 2);
  EXPECT_EQ(followed.response->path, "/final.jsonl");
  // With both ports allowed the redirect to the inner server goes through.
  const OutboundFetcher both(FetchPolicyOf({"127.0.0.0/8"}));
  const Fetched reached = Get(both, outer.url("/to-inner"));
  ASSERT_TRUE(reached.response.ok()) << reached.why.detail;
  EXPECT_EQ(reached.body, "internal secret");
}

// Credentials given for one origin are not sent to the origin a redirect points at.
TEST(OutboundFetcherTest, CredentialsStayWithTheirOrigin) {
  TestUpstream inner([](const std::string&) { return TestUpstream::Reply{}; });
  TestUpstream outer([&](const std::string&) {
    TestUpstream::Reply reply;
    reply.status = 307;
    reply.headers = {{"Location", inner.url("/next")}};
    return reply;
  });
  const OutboundFetcher fetcher(FetchPolicyOf({"127.0.0.0/8"}));
  const std::string url =
      "http://alice:s3cret@127.0.0.1:" + std::to_string(outer.port()) + "/start";
  const Fetched fetched = Get(fetcher, url);
  ASSERT_TRUE(fetched.response.ok()) << fetched.why.detail;
  ASSERT_EQ(outer.heads().size(), 1u);
  EXPECT_NE(outer.heads()[0].find("Authorization: Basic"), std::string::npos);
  ASSERT_EQ(inner.heads().size(), 1u);
  EXPECT_EQ(inner.heads()[0].find("Authorization"), std::string::npos) << inner.heads()[0];
}

// Catalogue 46: the host is resolved once and libcurl connects to exactly that address. The
// name is not in DNS at all, so reaching the upstream proves the pinned address was used; the
// resolver would have answered a private address the second time.
TEST(OutboundFetcherTest, TheCheckedAddressIsTheOneConnectedTo) {
  TestUpstream upstream([](const std::string&) {
    TestUpstream::Reply reply;
    reply.body = "pinned";
    return reply;
  });
  std::atomic<int> lookups{0};
  FetcherOptions options;
  options.resolver = [&](const std::string& host) -> Result<std::vector<IpAddress>> {
    if (host != "rebind.test") return ResolveWithGetaddrinfo(host);
    return std::vector<IpAddress>{
        *IpAddress::Parse(lookups++ == 0 ? "127.0.0.1" : "169.254.169.254")};
  };
  const OutboundFetcher fetcher(FetchPolicyOf({"127.0.0.0/8"}), options);
  const Fetched fetched =
      Get(fetcher, "http://rebind.test:" + std::to_string(upstream.port()) + "/x");
  ASSERT_TRUE(fetched.response.ok()) << fetched.why.detail;
  EXPECT_EQ(fetched.body, "pinned");
  EXPECT_EQ(lookups, 1);
  ASSERT_EQ(upstream.heads().size(), 1u);
  EXPECT_NE(upstream.heads()[0].find("Host: rebind.test:" + std::to_string(upstream.port())),
            std::string::npos)
      << upstream.heads()[0];
  // The second fetch resolves again, gets metadata and is refused before connecting.
  const Fetched second =
      Get(fetcher, "http://rebind.test:" + std::to_string(upstream.port()) + "/x");
  EXPECT_EQ(second.why.reason, Reason::kRefusedAddress) << second.why.detail;
  EXPECT_EQ(upstream.requests(), 1);
}

// Bodies over the limit fail, whether Content-Length announces them or not, and the sink never
// receives more than the limit.
TEST(OutboundFetcherTest, RefusesBodiesOverTheLimit) {
  TestUpstream upstream([](const std::string& target) {
    TestUpstream::Reply reply;
    reply.body = std::string(5000, 'x');
    if (target == "/unannounced") reply.omit_length = true;
    if (target == "/exact") reply.body.resize(1000);
    return reply;
  });
  const OutboundFetcher fetcher(FetchPolicyOf({"127.0.0.0/8"}));
  FetchLimits limits;
  limits.max_body_bytes = 1000;
  for (const char* target : {"/announced", "/unannounced"}) {
    const Fetched fetched = Get(fetcher, upstream.url(target), limits);
    EXPECT_FALSE(fetched.response.ok()) << target;
    EXPECT_EQ(fetched.why.reason, Reason::kTooLarge) << target << ": " << fetched.why.detail;
    EXPECT_LE(fetched.body.size(), 1000u) << target;
  }
  const Fetched exact = Get(fetcher, upstream.url("/exact"), limits);
  ASSERT_TRUE(exact.response.ok()) << exact.why.detail;
  EXPECT_EQ(exact.body.size(), 1000u);
}

// Catalogue 49: no oracle. A refused address, a closed port, a 404, a 500 with an internal
// body, a timeout and a refusing sink give the same Status; no upstream byte reaches it.
TEST(OutboundFetcherTest, EveryFailureLooksTheSame) {
  TestUpstream upstream([](const std::string& target) {
    TestUpstream::Reply reply;
    reply.status = target == "/missing" ? 404 : target == "/broken" ? 500 : 200;
    reply.body = "INTERNAL-SECRET stack trace";
    if (target == "/slow") reply.delay = std::chrono::milliseconds(2000);
    return reply;
  });
  FetcherOptions options;
  options.resolver = FakeResolver;
  const OutboundFetcher fetcher(FetchPolicyOf({"127.0.0.0/8"}), options);
  FetchLimits limits;
  limits.total_timeout = std::chrono::milliseconds(300);
  const std::vector<std::pair<std::string, Reason>> cases = {
      {"http://10.0.0.1/", Reason::kRefusedAddress},
      {"http://169.254.169.254/", Reason::kRefusedAddress},
      {"http://127.0.0.1:" + std::to_string(TestUpstream::ClosedPort()) + "/", Reason::kConnect},
      {upstream.url("/missing"), Reason::kHttpStatus},
      {upstream.url("/broken"), Reason::kHttpStatus},
      {upstream.url("/slow"), Reason::kTimeout},
      {"http://unknown.test/", Reason::kUnresolved},
  };
  const Status expected = FetchError();
  for (const auto& [url, reason] : cases) {
    const Fetched fetched = Get(fetcher, url, limits);
    ASSERT_FALSE(fetched.response.ok()) << url;
    const Status& status = fetched.response.status();
    EXPECT_EQ(status.code(), expected.code()) << url;
    EXPECT_EQ(status.message(), expected.message()) << url;
    EXPECT_EQ(status.field(), expected.field()) << url;
    EXPECT_EQ(fetched.why.reason, reason) << url << ": " << fetched.why.detail;
    EXPECT_TRUE(fetched.body.empty()) << url;
    EXPECT_EQ(fetched.why.detail.find("INTERNAL-SECRET"), std::string::npos);
  }
  FetchFailure why;
  const auto refused = fetcher.Fetch(
      upstream.url("/ok"), {}, [](std::string_view) { return false; }, &why);
  EXPECT_EQ(refused.status().message(), expected.message());
  EXPECT_EQ(why.reason, Reason::kSinkRefused);
}

}  // namespace
}  // namespace chorus::service
