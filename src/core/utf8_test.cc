#include "core/utf8.h"

#include <gtest/gtest.h>

#include <string>

namespace chorus {
namespace {

// Cases follow the Unicode Standard, Table 3-7 "Well-Formed UTF-8 Byte Sequences".
TEST(Utf8Test, AcceptsWellFormedText) {
  EXPECT_TRUE(IsValidUtf8(""));
  EXPECT_TRUE(IsValidUtf8("plain ASCII, long enough to use the 8-byte fast path"));
  EXPECT_TRUE(IsValidUtf8("caf\xC3\xA9"));       // U+00E9
  EXPECT_TRUE(IsValidUtf8("\xE0\xA0\x80"));      // U+0800, smallest 3-byte
  EXPECT_TRUE(IsValidUtf8("\xED\x9F\xBF"));      // U+D7FF, just below surrogates
  EXPECT_TRUE(IsValidUtf8("\xEE\x80\x80"));      // U+E000, just above surrogates
  EXPECT_TRUE(IsValidUtf8("\xF0\x90\x80\x80"));  // U+10000
  EXPECT_TRUE(IsValidUtf8("\xF4\x8F\xBF\xBF"));  // U+10FFFF
  EXPECT_TRUE(IsValidUtf8("\xE6\x97\xA5\xE6\x9C\xAC\xE8\xAA\x9E"));  // Japanese
  EXPECT_TRUE(IsValidUtf8(std::string("a\0b", 3)));                  // NUL is well-formed
}

TEST(Utf8Test, RejectsIllFormedSequencesAtTheirOffset) {
  EXPECT_EQ(FindInvalidUtf8("ab\x80"), 2u);            // Lone continuation byte
  EXPECT_EQ(FindInvalidUtf8("\xC0\xAF"), 0u);          // Overlong '/'
  EXPECT_EQ(FindInvalidUtf8("\xC1\xBF"), 0u);          // Overlong
  EXPECT_EQ(FindInvalidUtf8("x\xE0\x9F\xBF"), 1u);     // Overlong 3-byte
  EXPECT_EQ(FindInvalidUtf8("\xED\xA0\x80"), 0u);      // Surrogate U+D800
  EXPECT_EQ(FindInvalidUtf8("\xF0\x8F\xBF\xBF"), 0u);  // Overlong 4-byte
  EXPECT_EQ(FindInvalidUtf8("\xF4\x90\x80\x80"), 0u);  // Above U+10FFFF
  EXPECT_EQ(FindInvalidUtf8("\xF5\x80\x80\x80"), 0u);  // Lead byte never used
  EXPECT_EQ(FindInvalidUtf8("\xFF"), 0u);
  EXPECT_EQ(FindInvalidUtf8("abcdefghij\xC3"), 10u);  // Cut short by the end
  EXPECT_EQ(FindInvalidUtf8("\xC3(x"), 0u);           // Bad continuation
  EXPECT_EQ(FindInvalidUtf8("\xE2\x82"), 0u);
  EXPECT_EQ(FindInvalidUtf8("0123456789abcdef\xE9t\xC3\xA9"), 16u);  // Latin-1 'é'
}

TEST(Utf8Test, SequenceLengthReportsTruncationSeparately) {
  const std::string euro = "\xE2\x82\xAC";
  EXPECT_EQ(Utf8SequenceLength(euro.data(), euro.data() + 3), 3);
  EXPECT_EQ(Utf8SequenceLength(euro.data(), euro.data() + 2), -1);
  EXPECT_EQ(Utf8SequenceLength(euro.data(), euro.data() + 1), -1);
  const std::string bad = "\xE2\x28\xA1";
  EXPECT_EQ(Utf8SequenceLength(bad.data(), bad.data() + 1), -1);  // Not yet known to be bad
  EXPECT_EQ(Utf8SequenceLength(bad.data(), bad.data() + 3), 0);
  const char* ascii = "a";
  EXPECT_EQ(Utf8SequenceLength(ascii, ascii + 1), 1);
}

// Every code point encodes to a sequence the validator accepts with the expected length.
TEST(Utf8Test, AcceptsEveryScalarValue) {
  for (uint32_t cp = 0; cp <= 0x10FFFF; cp += (cp < 0x10000 ? 1 : 97)) {
    if (cp >= 0xD800 && cp <= 0xDFFF) continue;
    std::string s;
    if (cp < 0x80) {
      s += static_cast<char>(cp);
    } else if (cp < 0x800) {
      s += static_cast<char>(0xC0 | (cp >> 6));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
      s += static_cast<char>(0xE0 | (cp >> 12));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
      s += static_cast<char>(0xF0 | (cp >> 18));
      s += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
      s += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
      s += static_cast<char>(0x80 | (cp & 0x3F));
    }
    ASSERT_EQ(Utf8SequenceLength(s.data(), s.data() + s.size()), static_cast<int>(s.size()))
        << "code point " << cp;
  }
}

TEST(DecodeUtf8Test, GivesCodePointsAndReplacesIllFormedBytes) {
  // "Zoë" is 4 bytes and 3 code points; U+1F600 takes 4 bytes; U+20AC (€) takes 3.
  EXPECT_EQ(DecodeUtf8("Zo\xC3\xAB"), U"Zo\u00EB");
  EXPECT_EQ(DecodeUtf8("\xF0\x9F\x98\x80\xE2\x82\xAC"), U"\U0001F600\u20AC");
  EXPECT_EQ(DecodeUtf8("a\xFF"
                       "b"),
            U"a\uFFFDb");
  EXPECT_EQ(DecodeUtf8(""), U"");
}

}  // namespace
}  // namespace chorus
