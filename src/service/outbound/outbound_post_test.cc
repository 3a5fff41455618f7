// POSTs through the one guard (OutboundRequest): what arrives upstream, that the private-address
// policy refuses before connecting, the timeout, and that a POST is never re-sent across a
// redirect nor its credentials sent to another origin.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/outbound/outbound_fetcher.h"
#include "service/outbound/test_upstream_for_test.h"

namespace chorus::service {
namespace {

using ::chorus::test::TestUpstream;

OutboundFetcher LoopbackPoster() {
  auto policy = FetchPolicy::Make({"127.0.0.1"});
  EXPECT_TRUE(policy.ok()) << policy.status().ToString();
  return OutboundFetcher(policy.ok() ? *policy : FetchPolicy());
}

OutboundRequest JsonPost(std::string body) {
  OutboundRequest request;
  request.method = "POST";
  request.body = std::move(body);
  request.headers = {"Content-Type: application/json", "Authorization: Bearer sk-test"};
  return request;
}

struct Posted {
  Result<FetchedResponse> response = FetchError();
  std::string body;
  FetchFailure why;
};

Posted PostTo(const OutboundFetcher& fetcher, const std::string& url,
              const OutboundRequest& request, const FetchLimits& limits = {}) {
  Posted out;
  out.response = fetcher.Send(
      url, request, limits,
      [&](std::string_view piece) {
        out.body.append(piece);
        return true;
      },
      &out.why);
  return out;
}

TEST(OutboundPostTest, SendsTheBodyAndHeadersAndReadsTheAnswer) {
  TestUpstream upstream([](const TestUpstream::Request& r) {
    TestUpstream::Reply reply;
    reply.content_type = "application/json";
    reply.body = r.method == "POST" ? R"({"echo":)" + r.body + "}" : "{}";
    return reply;
  });
  const OutboundFetcher fetcher = LoopbackPoster();
  const std::string body = R"({"tasks":[{"id":1,"data":{"text":"hi"}}],"pad":")" +
                           std::string(3000, 'x') + "\"}";  // Over curl's 1 KiB Expect limit.
  const Posted posted = PostTo(fetcher, upstream.url("/predict"), JsonPost(body));
  ASSERT_TRUE(posted.response.ok()) << posted.why.detail;
  EXPECT_EQ(posted.body, R"({"echo":)" + body + "}");
  const auto received = upstream.received();
  ASSERT_EQ(received.size(), 1u);
  EXPECT_EQ(received[0].method, "POST");
  EXPECT_EQ(received[0].target, "/predict");
  EXPECT_EQ(received[0].body, body);
  EXPECT_NE(received[0].head.find("Authorization: Bearer sk-test"), std::string::npos);
  EXPECT_NE(received[0].head.find("Content-Type: application/json"), std::string::npos);
  EXPECT_EQ(received[0].head.find("Expect:"), std::string::npos);
}

TEST(OutboundPostTest, RefusesAPrivateAddressWithoutAnAllowRuleBeforeConnecting) {
  TestUpstream upstream([](const std::string&) { return TestUpstream::Reply{}; });
  const OutboundFetcher fetcher{FetchPolicy()};
  const Posted posted = PostTo(fetcher, upstream.url("/predict"), JsonPost("{}"));
  ASSERT_FALSE(posted.response.ok());
  EXPECT_EQ(posted.response.status().field(), "url");
  EXPECT_EQ(posted.why.reason, FetchFailure::Reason::kRefusedAddress) << posted.why.detail;
  EXPECT_EQ(upstream.requests(), 0);
}

TEST(OutboundPostTest, TimesOutAndReportsTheUpstreamStatus) {
  TestUpstream upstream([](const std::string& target) {
    TestUpstream::Reply reply;
    if (target == "/slow") reply.delay = std::chrono::milliseconds(1500);
    if (target == "/busy") reply.status = 429;
    return reply;
  });
  const OutboundFetcher fetcher = LoopbackPoster();
  FetchLimits limits;
  limits.total_timeout = std::chrono::milliseconds(300);
  const Posted slow = PostTo(fetcher, upstream.url("/slow"), JsonPost("{}"), limits);
  EXPECT_FALSE(slow.response.ok());
  EXPECT_EQ(slow.why.reason, FetchFailure::Reason::kTimeout) << slow.why.detail;
  const Posted busy = PostTo(fetcher, upstream.url("/busy"), JsonPost("{}"));
  EXPECT_FALSE(busy.response.ok());
  EXPECT_EQ(busy.why.reason, FetchFailure::Reason::kHttpStatus);
  EXPECT_EQ(busy.why.http_status, 429);
}

TEST(OutboundPostTest, NeverFollowsARedirectOfAPost) {
  TestUpstream target([](const std::string&) { return TestUpstream::Reply{}; });
  TestUpstream upstream([&](const std::string&) {
    TestUpstream::Reply reply;
    reply.status = 307;
    reply.headers = {{"Location", target.url("/elsewhere")}};
    return reply;
  });
  const OutboundFetcher fetcher = LoopbackPoster();
  const Posted posted = PostTo(fetcher, upstream.url("/predict"), JsonPost("{}"));
  EXPECT_FALSE(posted.response.ok());
  EXPECT_EQ(posted.why.reason, FetchFailure::Reason::kHttpStatus);
  EXPECT_EQ(target.requests(), 0);  // Neither the body nor the key went anywhere else.
}

TEST(OutboundPostTest, HeadersGoOnlyToTheFirstOrigin) {
  TestUpstream other([](const std::string&) { return TestUpstream::Reply{}; });
  TestUpstream upstream([&](const std::string&) {
    TestUpstream::Reply reply;
    reply.status = 302;
    reply.headers = {{"Location", other.url("/moved")}};
    return reply;
  });
  const OutboundFetcher fetcher = LoopbackPoster();
  OutboundRequest get;
  get.headers = {"Authorization: Bearer sk-test"};
  const Posted fetched = PostTo(fetcher, upstream.url("/health"), get);
  ASSERT_TRUE(fetched.response.ok()) << fetched.why.detail;
  ASSERT_EQ(other.requests(), 1);
  EXPECT_EQ(other.heads()[0].find("Authorization"), std::string::npos);
  EXPECT_NE(upstream.heads()[0].find("Authorization: Bearer sk-test"), std::string::npos);
}

TEST(OutboundPostTest, RefusesHeadersWithLineBreaksAndOtherMethods) {
  TestUpstream upstream([](const std::string&) { return TestUpstream::Reply{}; });
  const OutboundFetcher fetcher = LoopbackPoster();
  OutboundRequest smuggled = JsonPost("{}");
  smuggled.headers.push_back("X-A: 1\r\nX-B: 2");
  EXPECT_FALSE(PostTo(fetcher, upstream.url("/"), smuggled).response.ok());
  OutboundRequest put = JsonPost("{}");
  put.method = "PUT";
  EXPECT_FALSE(PostTo(fetcher, upstream.url("/"), put).response.ok());
  EXPECT_EQ(upstream.requests(), 0);
}

}  // namespace
}  // namespace chorus::service
