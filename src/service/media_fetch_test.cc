#include "service/media_fetch.h"

#include <gtest/gtest.h>

#include <string>

#include "service/outbound/test_upstream_for_test.h"

namespace chorus::service {
namespace {

using chorus::test::TestUpstream;

TEST(MediaFetchTest, OnlyImageAudioAndVideoTypesAreShown) {
  EXPECT_EQ(InlineMediaType("image/png"), "image/png");
  EXPECT_EQ(InlineMediaType("Image/JPEG; charset=binary"), "image/jpeg");
  EXPECT_EQ(InlineMediaType("audio/mpeg"), "audio/mpeg");
  EXPECT_EQ(InlineMediaType("video/mp4 ; codecs=x"), "video/mp4");
  EXPECT_EQ(InlineMediaType("image/vnd.microsoft.icon"), "image/vnd.microsoft.icon");
  for (const char* refused :
       {"image/svg+xml", "IMAGE/SVG+XML", "image/svg", "text/html", "application/xhtml+xml",
        "text/plain", "application/octet-stream", "application/javascript", "video/", "image", "",
        "image/png\r\nX-Injected: 1", "image/x html", "audio/x-html5"}) {
    EXPECT_FALSE(InlineMediaType(refused).has_value()) << refused;
  }
}

TEST(MediaFetchTest, FetchesMediaAndStopsAtOtherTypesBeforeTheirBody) {
  TestUpstream upstream([](const std::string& target) {
    TestUpstream::Reply reply;
    reply.content_type = target == "/cat.png" ? "image/PNG" : "text/html";
    reply.body = target == "/cat.png" ? "\x89PNG..." : "<script>alert(1)</script>";
    return reply;
  });
  const OutboundFetcher fetcher(*FetchPolicy::Make({"127.0.0.0/8"}));
  auto image = FetchMedia(fetcher, upstream.url("/cat.png"));
  ASSERT_TRUE(image.ok()) << image.status().ToString();
  EXPECT_FALSE(image->unsupported_type);
  EXPECT_EQ(image->content_type, "image/png");
  EXPECT_EQ(image->body, "\x89PNG...");
  auto page = FetchMedia(fetcher, upstream.url("/page.png"));
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_TRUE(page->unsupported_type);
  EXPECT_TRUE(page->body.empty());
  // Size cap and the guard apply as to every fetch.
  MediaFetchLimits small;
  small.max_bytes = 3;
  FetchFailure why;
  EXPECT_EQ(FetchMedia(fetcher, upstream.url("/cat.png"), small, &why).status().message(),
            kFetchErrorMessage);
  EXPECT_EQ(why.reason, FetchFailure::Reason::kTooLarge);
  const OutboundFetcher strict{FetchPolicy()};
  EXPECT_FALSE(FetchMedia(strict, upstream.url("/cat.png")).ok());
}

}  // namespace
}  // namespace chorus::service
