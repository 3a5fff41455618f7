#include "service/media_check.h"

#include <gtest/gtest.h>

#include <string>

#include "service/media_samples_for_test.h"

namespace chorus::service {
namespace {

using Outcome = MediaVerdict::Outcome;

// The extension an accepted file would be stored with, or the outcome's name.
std::string Verdict(const std::string& bytes) {
  const MediaVerdict verdict = InspectMedia(bytes);
  switch (verdict.outcome) {
    case Outcome::kAccepted: return std::string(verdict.format->extension);
    case Outcome::kUnsupportedType: return "unsupported";
    case Outcome::kMalformed: return "malformed";
    case Outcome::kTooManyPixels: return "too many pixels";
  }
  return "?";
}

TEST(MediaCheckTest, ARealOnePixelPngIsAcceptedWithItsSize) {
  const MediaVerdict png = InspectMedia(test::OnePixelPng());
  ASSERT_EQ(png.outcome, Outcome::kAccepted) << png.message;
  EXPECT_EQ(png.format->extension, "png");
  EXPECT_EQ(png.format->content_type, "image/png");
  EXPECT_EQ(png.width, 1u);
  EXPECT_EQ(png.height, 1u);
  EXPECT_TRUE(png.message.empty());
}

TEST(MediaCheckTest, ImageSizesComeFromEachFormatsHeader) {
  struct Case {
    std::string bytes;
    std::string extension;
    uint32_t width, height;
  };
  const Case cases[] = {
      {test::PngDeclaring(640, 480), "png", 640, 480},
      {test::JpegDeclaring(1024, 768), "jpg", 1024, 768},
      {test::GifDeclaring(320, 200), "gif", 320, 200},
      {test::WebpVp8xDeclaring(3000, 2000), "webp", 3000, 2000},
      {test::WebpVp8lDeclaring(16384, 1), "webp", 16384, 1},
      {test::WebpVp8Declaring(800, 600), "webp", 800, 600},
  };
  for (const Case& c : cases) {
    const MediaVerdict verdict = InspectMedia(c.bytes);
    ASSERT_EQ(verdict.outcome, Outcome::kAccepted) << c.extension << ": " << verdict.message;
    EXPECT_EQ(verdict.format->extension, c.extension);
    EXPECT_EQ(verdict.width, c.width) << c.extension;
    EXPECT_EQ(verdict.height, c.height) << c.extension;
  }
}

// A JPEG's frame header may follow any number of other segments; fill bytes and standalone
// markers between them are skipped.
TEST(MediaCheckTest, JpegFrameHeaderIsFoundAfterOtherSegments) {
  std::string jpeg = test::JpegDeclaring(7, 9);
  const std::string exif = std::string("\xFF\xE1\x01\x02", 4) + std::string(0x100, 'x');
  jpeg.insert(2, exif + std::string("\xFF\xFF\xFE\x00\x04"
                                    "ab",
                                    7));
  const MediaVerdict verdict = InspectMedia(jpeg);
  ASSERT_EQ(verdict.outcome, Outcome::kAccepted) << verdict.message;
  EXPECT_EQ(verdict.width, 7u);
  EXPECT_EQ(verdict.height, 9u);
  // Image data (SOS) before any frame header: no size to check, refused.
  EXPECT_EQ(Verdict(std::string("\xFF\xD8\xFF\xDA\x00\x02", 6)), "malformed");
}

// Catalogue entry 42: refused from the header, before any decoding.
TEST(MediaCheckTest, PixelFloodsAreRefusedNamingTheirSize) {
  const MediaVerdict flood = InspectMedia(test::PngDeclaring(50'000, 50'000));
  EXPECT_EQ(flood.outcome, Outcome::kTooManyPixels);
  EXPECT_EQ(flood.width, 50'000u);
  EXPECT_EQ(flood.height, 50'000u);
  EXPECT_NE(flood.message.find("50000 x 50000"), std::string::npos) << flood.message;
  // Each limit alone: a side above 20,000; 100 megapixels exactly passes, one row more not.
  EXPECT_EQ(Verdict(test::PngDeclaring(20'001, 1)), "too many pixels");
  EXPECT_EQ(Verdict(test::PngDeclaring(20'000, 5'000)), "png");
  EXPECT_EQ(Verdict(test::PngDeclaring(20'000, 5'001)), "too many pixels");
  EXPECT_EQ(Verdict(test::JpegDeclaring(65'000, 65'000)), "too many pixels");
  EXPECT_EQ(Verdict(test::GifDeclaring(65'535, 2)), "too many pixels");
  EXPECT_EQ(Verdict(test::WebpVp8xDeclaring(16'000'000, 16'000'000)), "too many pixels");
  // Limits are options.
  MediaLimits small;
  small.max_side = 100;
  EXPECT_EQ(InspectMedia(test::PngDeclaring(101, 1), small).outcome, Outcome::kTooManyPixels);
  // An empty image is malformed, not small.
  EXPECT_EQ(Verdict(test::PngDeclaring(0, 10)), "malformed");
}

TEST(MediaCheckTest, TruncatedImagesAreMalformed) {
  const std::string png = test::OnePixelPng();
  EXPECT_EQ(Verdict(png.substr(0, 8)), "malformed");
  EXPECT_EQ(Verdict(png.substr(0, 20)), "malformed");
  EXPECT_EQ(Verdict(png.substr(0, 24)), "png");  // The size is all that is checked.
  const std::string jpeg = test::JpegDeclaring(7, 9);
  EXPECT_EQ(Verdict(jpeg.substr(0, jpeg.size() - 12)), "malformed");
  EXPECT_EQ(Verdict(test::GifDeclaring(1, 1).substr(0, 8)), "malformed");
  EXPECT_EQ(Verdict(test::WebpVp8xDeclaring(1, 1).substr(0, 26)), "malformed");
  const MediaVerdict cut = InspectMedia(png.substr(0, 20));
  EXPECT_EQ(cut.format->extension, "png");
  EXPECT_NE(cut.message.find("PNG"), std::string::npos) << cut.message;
  // The PNG signature with another chunk first.
  std::string no_ihdr = png;
  no_ihdr.replace(12, 4, "tEXt");
  EXPECT_EQ(Verdict(no_ihdr), "malformed");
}

TEST(MediaCheckTest, AudioAndVideoAreKnownByTheirMagicBytes) {
  EXPECT_EQ(Verdict(std::string("ID3\x04\x00\x00\x00\x00\x00\x00", 10)), "mp3");
  EXPECT_EQ(Verdict(std::string("\xFF\xFB\x90\x64", 4)), "mp3");  // MPEG-1 layer III frame.
  EXPECT_EQ(Verdict(std::string("RIFF\x24\x00\x00\x00WAVEfmt ", 16)), "wav");
  EXPECT_EQ(Verdict(std::string("OggS\x00\x02", 6)), "ogg");
  EXPECT_EQ(Verdict(std::string("fLaC\x00\x00\x00\x22", 8)), "flac");
  EXPECT_EQ(Verdict(std::string("\x00\x00\x00\x18"
                                "ftypisom\x00\x00\x02\x00",
                                16)),
            "mp4");
  EXPECT_EQ(Verdict(std::string("\x00\x00\x00\x18"
                                "ftypM4A \x00\x00\x02\x00",
                                16)),
            "m4a");
  EXPECT_EQ(Verdict(std::string("\x00\x00\x00\x14"
                                "ftypqt  \x00\x00\x02\x00",
                                16)),
            "mov");
  const std::string ebml("\x1A\x45\xDF\xA3\x9F\x42\x86\x81\x01\x42\x82\x84", 12);
  EXPECT_EQ(Verdict(ebml + "webm\x42\x87"), "webm");
  EXPECT_EQ(Verdict(std::string("\x1A\x45\xDF\xA3\x9F\x42\x82\x88", 8) + "matroska"),
            "unsupported");
  const MediaVerdict wav = InspectMedia(std::string("RIFF\x24\x00\x00\x00WAVE", 12));
  EXPECT_EQ(wav.format->content_type, "audio/wav");
  EXPECT_EQ(wav.format->kind, MediaKind::kAudio);
  EXPECT_FALSE(wav.width.has_value());
  EXPECT_FALSE(wav.height.has_value());
}

// Catalogue entry 41: nothing a browser could run is accepted, whatever it is called.
TEST(MediaCheckTest, SvgHtmlPdfAndUnknownBytesAreUnsupported) {
  const MediaVerdict svg = InspectMedia(test::kSvg);
  EXPECT_EQ(svg.outcome, Outcome::kUnsupportedType);
  EXPECT_EQ(svg.format, nullptr);
  EXPECT_NE(svg.message.find("SVG"), std::string::npos) << svg.message;
  EXPECT_NE(svg.message.find(AcceptedMediaFormats()), std::string::npos) << svg.message;
  EXPECT_NE(InspectMedia(test::kHtml).message.find("HTML"), std::string::npos);
  EXPECT_NE(InspectMedia("%PDF-1.7\n").message.find("PDF"), std::string::npos);
  for (const std::string& other :
       {std::string(""), std::string("hello"), std::string("\x00\x00\x00\x00", 4),
        std::string("\xFF\xF1\x50\x80", 4),  // AAC ADTS: frame sync but layer 0.
        std::string("RIFF\x24\x00\x00\x00"
                    "AVI LIST",
                    16),
        std::string("\x00\x00\x00\x18"
                    "ftypavif\x00\x00\x00\x00",
                    16),
        std::string("PK\x03\x04", 4), std::string("\x89PNG", 4) /* Not the full signature. */}) {
    EXPECT_EQ(Verdict(other), "unsupported") << other;
  }
}

TEST(MediaCheckTest, ExtensionsMapBackToTheirFormatsOnly) {
  for (const char* extension :
       {"png", "jpg", "gif", "webp", "mp3", "wav", "ogg", "flac", "mp4", "m4a", "mov", "webm"}) {
    const MediaFormat* format = MediaFormatOfExtension(extension);
    ASSERT_NE(format, nullptr) << extension;
    EXPECT_EQ(format->extension, extension);
  }
  EXPECT_EQ(MediaFormatOfExtension("mov")->content_type, "video/quicktime");
  for (const char* refused : {"svg", "html", "PNG", "jpeg", "", "png.html"}) {
    EXPECT_EQ(MediaFormatOfExtension(refused), nullptr) << refused;
  }
}

}  // namespace
}  // namespace chorus::service
