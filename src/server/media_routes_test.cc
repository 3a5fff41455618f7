#include "server/media_routes.h"

#include <gtest/gtest.h>

namespace chorus::server {
namespace {

TEST(MediaRoutesTest, AllowlistedExtensionsAreServedInlineWithTheirType) {
  EXPECT_EQ(MediaTypeOf("cats/1.jpg").content_type, "image/jpeg");
  EXPECT_EQ(MediaTypeOf("cats/1.JPEG").content_type, "image/jpeg");
  EXPECT_EQ(MediaTypeOf("a.png").content_type, "image/png");
  EXPECT_EQ(MediaTypeOf("a.webm").content_type, "video/webm");
  EXPECT_EQ(MediaTypeOf("a.mp3").content_type, "audio/mpeg");
  EXPECT_EQ(MediaTypeOf("notes.txt").content_type, "text/plain; charset=utf-8");
  EXPECT_FALSE(MediaTypeOf("a.png").attachment);
}

// Catalogue entry 41: SVG, HTML and unknown types are never rendered by the browser.
TEST(MediaRoutesTest, EverythingElseIsAnOctetStreamAttachment) {
  for (const char* name : {"x.svg", "x.SVG", "x.html", "x.htm", "x.js", "noextension",
                           "dir.png/file", "x.jpg.html", ".png."}) {
    const MediaType type = MediaTypeOf(name);
    EXPECT_EQ(type.content_type, "application/octet-stream") << name;
    EXPECT_TRUE(type.attachment) << name;
  }
}

// Catalogue entry 40: quotes, CR/LF and non-ASCII never reach the header as they are.
TEST(MediaRoutesTest, AttachmentNamesAreEncodedPerRfc6266) {
  EXPECT_EQ(AttachmentDisposition("x.svg"),
            "attachment; filename=\"x.svg\"; filename*=UTF-8''x.svg");
  EXPECT_EQ(AttachmentDisposition("a\"b\r\nc d.svg"),
            "attachment; filename=\"a_b__c_d.svg\"; filename*=UTF-8''a%22b%0D%0Ac%20d.svg");
  EXPECT_EQ(AttachmentDisposition("caf\xC3\xA9.bin"),
            "attachment; filename=\"caf__.bin\"; filename*=UTF-8''caf%C3%A9.bin");
  EXPECT_EQ(AttachmentDisposition(""), "attachment; filename=\"download\"; filename*=UTF-8''");
}

}  // namespace
}  // namespace chorus::server
