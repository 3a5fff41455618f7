// ModelHttp's rate limit and retries, against a loopback upstream, with a recording sleep.
#include "service/model_http.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <vector>

#include "service/outbound/test_upstream_for_test.h"

namespace chorus::service {
namespace {

using ::chorus::test::TestUpstream;
using std::chrono::milliseconds;

TEST(ModelHttpTest, SpacesRequestsUnderTheRateLimitAndRetriesOnlyWhatMayHeal) {
  int calls = 0;
  TestUpstream upstream([&calls](const std::string& target) {
    TestUpstream::Reply reply;
    reply.content_type = "application/json";
    reply.body = "{}";
    if (target == "/flaky" && ++calls == 1) reply.status = 502;
    if (target == "/missing") reply.status = 404;
    return reply;
  });
  const OutboundFetcher fetcher(*FetchPolicy::Make({"127.0.0.1"}));
  std::vector<milliseconds> slept;
  ModelHttpOptions options;
  options.max_requests_per_minute = 60;  // One a second.
  options.max_retries = 3;
  options.sleep = [&slept](milliseconds d) { slept.push_back(d); };
  ModelHttp http(fetcher, options);
  ASSERT_TRUE(http.Get(upstream.url("/a")).ok());
  ASSERT_TRUE(http.Get(upstream.url("/b")).ok());
  ASSERT_EQ(slept.size(), 1u);  // The second waited for its slot, the first did not.
  EXPECT_GT(slept[0], milliseconds(900));
  EXPECT_LE(slept[0], milliseconds(1000));

  slept.clear();
  ASSERT_TRUE(http.Post(upstream.url("/flaky"), {{"x", 1}}).ok());  // 502, then 200.
  EXPECT_EQ(http.retries(), 1);
  EXPECT_NE(std::find(slept.begin(), slept.end(), milliseconds(250)), slept.end());

  const auto missing = http.Post(upstream.url("/missing"), nlohmann::json::object());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().field(), "url");
  EXPECT_NE(missing.status().message().find("HTTP 404"), std::string::npos);
  EXPECT_EQ(http.retries(), 1);  // A 404 is not retried.
  EXPECT_EQ(JoinUrl("http://h/v1/", "/chat/completions"), "http://h/v1/chat/completions");
}

}  // namespace
}  // namespace chorus::service
