#include "quality/ingest/line_source.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "quality/ingest/jsonl_row_parser.h"

namespace chorus::quality {
namespace {

Result<std::vector<std::string>> Lines(const std::string& text, size_t chunk,
                                       size_t max_line = 1 << 20) {
  LineSource source(MakeStringSource(text, "x.jsonl"), chunk, 64, max_line);
  std::vector<std::string> lines;
  while (true) {
    auto next = source.Next();
    if (!next.ok()) return next.status();
    if (!*next) break;
    EXPECT_EQ(source.line_number(), lines.size() + 1);
    EXPECT_GE(source.readable_from_line(), source.line().size() + 64);
    lines.emplace_back(source.line());
  }
  return lines;
}

TEST(LineSourceTest, SplitsOnLfAndCrlfAtAnyChunkSize) {
  const std::string text = "\xEF\xBB\xBF{\"a\":1}\r\n\nsecond\rline\nlast";
  for (size_t chunk : {1, 2, 3, 5, 1024}) {
    auto lines = Lines(text, chunk);
    ASSERT_TRUE(lines.ok()) << lines.status().ToString();
    EXPECT_THAT(*lines, ::testing::ElementsAre("{\"a\":1}", "", "second\rline", "last"))
        << "chunk " << chunk;
  }
  auto trailing = Lines("a\n", 4);
  ASSERT_TRUE(trailing.ok());
  EXPECT_EQ(trailing->size(), 1u);
}

TEST(LineSourceTest, RejectsLongLinesAndUtf16) {
  auto long_line = Lines("ok\n0123456789\n", 4, 8);
  ASSERT_FALSE(long_line.ok());
  EXPECT_EQ(long_line.status().field(), "x.jsonl:2:1");
  EXPECT_THAT(long_line.status().message(), ::testing::HasSubstr("line 2 is longer than 8 bytes"));
  auto utf16 = Lines(std::string("\xFF\xFE{\0", 4), 4);
  ASSERT_FALSE(utf16.ok());
  EXPECT_THAT(utf16.status().message(), ::testing::HasSubstr("UTF-16"));
}

TEST(JsonNumberTest, FollowsRfc8259Grammar) {
  for (const char* ok :
       {"0", "-0", "3", "2.50", "-1e3", "1E+2", "0.5e-7", "123456789012345678901"}) {
    EXPECT_TRUE(IsJsonNumber(ok)) << ok;
  }
  for (const char* bad :
       {"", "-", "01", "1.", ".5", "+1", "1e", "1e+", "0x1", "1 ", "NaN", "--1"}) {
    EXPECT_FALSE(IsJsonNumber(bad)) << bad;
  }
}

}  // namespace
}  // namespace chorus::quality
