#include "core/csv_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <vector>

namespace chorus {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using Rows = std::vector<std::vector<std::string>>;

// Reads every record of `text`, read `chunk` bytes at a time.
Result<Rows> ReadAll(const std::string& text, size_t chunk = 1 << 20, CsvOptions options = {}) {
  options.chunk_size = chunk;
  CsvReader reader(MakeStringSource(text, "t.csv"), options);
  Rows rows;
  while (true) {
    auto next = reader.Next();
    if (!next.ok()) return next.status();
    if (!*next) break;
    auto& row = rows.emplace_back();
    for (const CsvFieldView& field : reader.record().fields()) row.emplace_back(field.value);
  }
  return rows;
}

// Reads `text` with chunk sizes 1..16 and 1 MiB and checks that all agree.
Result<Rows> ReadAllChunkings(const std::string& text, CsvOptions options = {}) {
  Result<Rows> whole = ReadAll(text, 1 << 20, options);
  for (size_t chunk = 1; chunk <= 16; ++chunk) {
    Result<Rows> piecewise = ReadAll(text, chunk, options);
    EXPECT_EQ(piecewise.ok(), whole.ok()) << "chunk " << chunk;
    if (whole.ok() && piecewise.ok()) {
      EXPECT_EQ(*piecewise, *whole) << "chunk " << chunk;
    } else if (!whole.ok() && !piecewise.ok()) {
      EXPECT_EQ(piecewise.status().ToString(), whole.status().ToString()) << "chunk " << chunk;
    }
  }
  return whole;
}

Status ReadError(const std::string& text, CsvOptions options = {}) {
  auto rows = ReadAllChunkings(text, options);
  EXPECT_FALSE(rows.ok()) << "expected an error for: " << text;
  return rows.ok() ? Status::Ok() : rows.status();
}

// RFC 4180 section 2, rules 1-7, in order.
TEST(CsvReaderTest, Rfc4180Rule1RecordsEndWithCrlf) {
  auto rows = ReadAllChunkings("aaa,bbb,ccc\r\nzzz,yyy,xxx\r\n");
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  EXPECT_EQ(*rows, (Rows{{"aaa", "bbb", "ccc"}, {"zzz", "yyy", "xxx"}}));
}

TEST(CsvReaderTest, Rfc4180Rule2LastRecordMayLackLineBreak) {
  auto rows = ReadAllChunkings("aaa,bbb,ccc\r\nzzz,yyy,xxx");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"aaa", "bbb", "ccc"}, {"zzz", "yyy", "xxx"}}));
}

TEST(CsvReaderTest, Rfc4180Rule3HeaderIsAnOrdinaryRecord) {
  auto rows = ReadAllChunkings("field_name,field_name,field_name\r\naaa,bbb,ccc\r\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(rows->size(), 2u);
}

TEST(CsvReaderTest, Rfc4180Rule4SpacesArePartOfAFieldAndTrailingCommaAddsAField) {
  auto rows = ReadAllChunkings(" aaa , b b ,ccc,\n,,\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{" aaa ", " b b ", "ccc", ""}, {"", "", ""}}));
}

TEST(CsvReaderTest, Rfc4180Rule5FieldsMayBeQuoted) {
  auto rows = ReadAllChunkings("\"aaa\",\"bbb\",\"ccc\"\r\nzzz,\"\",xxx\r\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"aaa", "bbb", "ccc"}, {"zzz", "", "xxx"}}));
}

TEST(CsvReaderTest, Rfc4180Rule6QuotedFieldsHoldLineBreaksQuotesAndCommas) {
  auto rows = ReadAllChunkings("\"aaa\",\"b\r\nbb\",\"c,c\nc\"\r\nzzz,yyy,xxx");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"aaa", "b\r\nbb", "c,c\nc"}, {"zzz", "yyy", "xxx"}}));
}

TEST(CsvReaderTest, Rfc4180Rule7DoubledQuotesAreOneQuote) {
  auto rows = ReadAllChunkings("\"aaa\",\"b\"\"bb\",\"\"\"\"\n\"x\"\"\",\"\"\"y\"\"\"\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"aaa", "b\"bb", "\""}, {"x\"", "\"y\""}}));
}

TEST(CsvReaderTest, AcceptsLfCrlfAndLoneCrLineEnds) {
  auto rows = ReadAllChunkings("a,b\nc,d\r\ne,f\rg,h");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"a", "b"}, {"c", "d"}, {"e", "f"}, {"g", "h"}}));
}

TEST(CsvReaderTest, StripsUtf8ByteOrderMark) {
  auto rows = ReadAllChunkings("\xEF\xBB\xBFitem,label\nx,\xC3\xA9t\xC3\xA9\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"item", "label"}, {"x", "\xC3\xA9t\xC3\xA9"}}));
  auto only_bom = ReadAllChunkings("\xEF\xBB\xBF");
  ASSERT_TRUE(only_bom.ok());
  EXPECT_TRUE(only_bom->empty());
}

TEST(CsvReaderTest, EmptyInputAndEmptyLinesGiveNoRecords) {
  auto empty = ReadAllChunkings("");
  ASSERT_TRUE(empty.ok());
  EXPECT_TRUE(empty->empty());
  auto rows = ReadAllChunkings("\n\r\n\na\n\n\nb\n\n");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"a"}, {"b"}}));
  // A quoted empty field is a record, not an empty line.
  auto quoted = ReadAllChunkings("\"\"\n");
  ASSERT_TRUE(quoted.ok());
  EXPECT_EQ(*quoted, (Rows{{""}}));
}

TEST(CsvReaderTest, ReadsTabSeparatedValues) {
  CsvOptions tsv;
  tsv.delimiter = '\t';
  auto rows = ReadAllChunkings("a\tb,c\t\"d\te\"\n1\t\t3\n", tsv);
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(*rows, (Rows{{"a", "b,c", "d\te"}, {"1", "", "3"}}));
}

TEST(CsvReaderTest, ReportsPhysicalLinesAndByteColumns) {
  const std::string text = "h1,h2\n\n\"multi\nline\r\nfield\",x\nlast,\"q\"\"\"\n";
  CsvReader reader(MakeStringSource(text, "f.csv"), {});
  ASSERT_TRUE(*reader.Next());
  EXPECT_EQ(reader.record().line(), 1u);
  EXPECT_EQ(reader.lines(), 1u);
  ASSERT_TRUE(*reader.Next());
  const CsvRecord& multi = reader.record();
  EXPECT_EQ(multi.line(), 3u);
  EXPECT_EQ(multi[0], "multi\nline\r\nfield");
  EXPECT_EQ(multi.field(0).line, 3u);
  EXPECT_EQ(multi.field(0).column, 1u);
  EXPECT_TRUE(multi.field(0).quoted);
  EXPECT_EQ(multi.field(1).line, 5u);
  EXPECT_EQ(multi.field(1).column, 8u);  // After `field",` on line 5.
  EXPECT_FALSE(multi.field(1).quoted);
  EXPECT_EQ(reader.lines(), 5u);
  ASSERT_TRUE(*reader.Next());
  EXPECT_EQ(reader.record().line(), 6u);
  EXPECT_EQ(reader.record()[1], "q\"");
  EXPECT_EQ(reader.record().field(1).column, 6u);
  EXPECT_FALSE(*reader.Next());
  EXPECT_EQ(reader.bytes_read(), text.size());
  EXPECT_EQ(reader.total_bytes(), text.size());
  EXPECT_EQ(reader.Location(6, 6), "f.csv:6:6");
}

TEST(CsvReaderTest, UnterminatedQuoteNamesWhereItStarts) {
  const Status s = ReadError("a,b\nc,\"d\ne,f\n");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), "t.csv:2:3");
  EXPECT_EQ(s.message(),
            "unterminated quoted field starting at line 2 (field 2); close the quote or escape "
            "embedded quotes by doubling them (\"\")");
}

TEST(CsvReaderTest, QuoteInsideUnquotedFieldIsAnError) {
  const Status s = ReadError("a,b\nc,5\" tall\n");
  EXPECT_EQ(s.field(), "t.csv:2:4");
  EXPECT_THAT(s.message(), HasSubstr("quote inside unquoted field 2"));
  EXPECT_THAT(s.message(), HasSubstr("double the quotes"));
}

TEST(CsvReaderTest, TextAfterClosingQuoteIsAnError) {
  const Status s = ReadError("x\n\"ab\"c,d\n");
  EXPECT_EQ(s.field(), "t.csv:2:5");
  EXPECT_THAT(s.message(), HasSubstr("unexpected 'c' after the closing quote of field 1"));
  const Status space = ReadError("\"ab\" ,d\n");
  EXPECT_EQ(space.field(), "t.csv:1:5");
  EXPECT_THAT(space.message(), HasSubstr("byte 0x20"));
}

TEST(CsvReaderTest, NulByteIsAnError) {
  const Status s = ReadError(std::string("ab,c\nd,e\0f\n", 11));
  EXPECT_EQ(s.field(), "t.csv:2:4");
  EXPECT_THAT(s.message(), HasSubstr("NUL byte in field 2"));
  const Status quoted = ReadError(std::string("\"a\0\"\n", 5));
  EXPECT_EQ(quoted.field(), "t.csv:1:3");
}

TEST(CsvReaderTest, InvalidUtf8IsAnErrorAtItsByte) {
  const Status s = ReadError("item,label\nx,caf\xE9\n");
  EXPECT_EQ(s.field(), "t.csv:2:6");
  EXPECT_EQ(s.message(), "invalid UTF-8 in field 2 (byte 0xE9); save the file as UTF-8");
  const Status quoted = ReadError("\"line\nt\xC3\x28\"\n");
  EXPECT_EQ(quoted.field(), "t.csv:2:2");
  const Status truncated = ReadError("abc\xE2\x82");  // Cut short by the end of the file.
  EXPECT_EQ(truncated.field(), "t.csv:1:4");
  CsvOptions lax;
  lax.validate_utf8 = false;
  EXPECT_TRUE(ReadAll("x,caf\xE9\n", 4, lax).ok());
}

TEST(CsvReaderTest, Utf16InputIsAnError) {
  const Status s = ReadError(std::string("\xFF\xFEi\0t\0", 6));
  EXPECT_EQ(s.field(), "t.csv:1:1");
  EXPECT_THAT(s.message(), HasSubstr("UTF-16"));
}

TEST(CsvReaderTest, EnforcesLimits) {
  CsvOptions small;
  small.max_field_bytes = 8;
  small.max_fields = 4;
  small.max_record_bytes = 32;
  EXPECT_TRUE(ReadAllChunkings("12345678,\"12345678\"\n", small).ok());
  const Status field = ReadError("ok\na,123456789\n", small);
  EXPECT_EQ(field.field(), "t.csv:2:3");
  EXPECT_THAT(field.message(), HasSubstr("field 2 is longer than 8 bytes"));
  const Status quoted = ReadError("ok\n\"12345678\n9\"\n", small);
  EXPECT_EQ(quoted.field(), "t.csv:2:1");
  EXPECT_THAT(quoted.message(), HasSubstr("unterminated quote"));
  const Status fields = ReadError("a,b,c,d,e\n", small);
  EXPECT_EQ(fields.field(), "t.csv:1:9");
  EXPECT_THAT(fields.message(), HasSubstr("more than 4 fields; check that the file is comma"));
  // The record limit applies while a record is still incomplete, so use small chunks.
  CsvOptions record = small;
  record.max_field_bytes = 100;
  record.max_fields = 100;
  auto rows = ReadAll("a\n" + std::string(40, 'x') + "\n", 4, record);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().field(), "t.csv:2:1");
  EXPECT_THAT(rows.status().message(), HasSubstr("record starting at line 2 is longer"));
}

TEST(CsvReaderTest, FieldsStraddlingChunkBoundariesAreWhole) {
  // Long fields, doubled quotes, CRLF and multi-byte characters at every offset mod 7.
  std::string text;
  Rows expected;
  for (int i = 0; i < 200; ++i) {
    const std::string plain(static_cast<size_t>(i % 37), static_cast<char>('a' + i % 26));
    const std::string quoted = "q\"" + std::to_string(i) + ",\r\n\xE2\x82\xAC";
    text += plain + ",\"q\"\"" + std::to_string(i) + ",\r\n\xE2\x82\xAC\"," + std::to_string(i) +
            (i % 2 ? "\r\n" : "\n");
    expected.push_back({plain, quoted, std::to_string(i)});
  }
  for (size_t chunk : {1, 2, 3, 7, 64, 1000}) {
    auto rows = ReadAll(text, chunk);
    ASSERT_TRUE(rows.ok()) << rows.status().ToString();
    EXPECT_EQ(*rows, expected) << "chunk " << chunk;
  }
}

// The scanner reads 8 bytes at a time: every stop byte must be found at every offset.
TEST(CsvReaderTest, FindsStopBytesAtEveryOffsetOfAWord) {
  for (size_t offset = 0; offset < 24; ++offset) {
    const std::string pad(offset, 'a');
    auto rows = ReadAll(pad + "," + pad + "\xC3\xA9" + pad + "\r\n\"" + pad + "\"\"" + pad + "\n" +
                        pad + "\"\n");
    ASSERT_TRUE(rows.ok()) << offset << ": " << rows.status().ToString();
    EXPECT_EQ(*rows, (Rows{{pad, pad + "\xC3\xA9" + pad}, {pad + "\"" + pad + "\n" + pad}}))
        << offset;
    const std::string column = ":" + std::to_string(offset + 1);
    EXPECT_EQ(ReadAll(pad + std::string(1, '\0')).status().field(), "t.csv:1" + column);
    EXPECT_EQ(ReadAll(pad + "\xFF").status().field(), "t.csv:1" + column);
    EXPECT_EQ(ReadAll("\"" + pad + std::string(1, '\0') + "\"").status().field(),
              "t.csv:1:" + std::to_string(offset + 2));
    if (offset > 0) {
      EXPECT_EQ(ReadAll(pad + "\"").status().field(), "t.csv:1" + column);
    }
  }
}

// Writes fields the way RFC 4180 asks: quoted when they hold a delimiter, quote, CR or LF.
std::string WriteRecord(const std::vector<std::string>& fields, char delimiter) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += delimiter;
    const std::string& f = fields[i];
    const bool must_quote =
        f.find_first_of(std::string("\"\r\n") + delimiter) != std::string::npos ||
        (fields.size() == 1 && f.empty());
    if (!must_quote) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  return out;
}

TEST(CsvReaderTest, RandomRecordsRoundTrip) {
  const std::vector<std::string> alphabet = {
      "a", "b", "Z", "0", " ", ",", "\t", "\"", "\n", "\r", "\r\n", "\xC3\xA9", "\xF0\x9F\x98\x80"};
  std::mt19937_64 rng(20240601);
  for (int trial = 0; trial < 300; ++trial) {
    const char delimiter = trial % 3 == 0 ? '\t' : ',';
    Rows expected;
    std::string text;
    const int records = 1 + static_cast<int>(rng() % 8);
    for (int r = 0; r < records; ++r) {
      auto& row = expected.emplace_back();
      const int fields = 1 + static_cast<int>(rng() % 5);
      for (int f = 0; f < fields; ++f) {
        std::string field;
        const int length = static_cast<int>(rng() % 7);
        for (int k = 0; k < length; ++k) field += alphabet[rng() % alphabet.size()];
        row.push_back(field);
      }
      text += WriteRecord(row, delimiter);
      if (r + 1 < records || rng() % 2) text += rng() % 2 ? "\r\n" : "\n";
    }
    CsvOptions options;
    options.delimiter = delimiter;
    for (size_t chunk : {size_t{1}, size_t{1} + rng() % 13, size_t{1} << 20}) {
      auto rows = ReadAll(text, chunk, options);
      ASSERT_TRUE(rows.ok()) << rows.status().ToString() << "\n" << text;
      ASSERT_EQ(*rows, expected) << "trial " << trial << " chunk " << chunk << "\n" << text;
    }
  }
}

// Mostly plain lines (the 16-byte fast path) of every length up to past its 512-byte limit,
// with the odd quote, CR or non-ASCII byte that sends a line to the general loop, and columns.
TEST(CsvReaderTest, PlainLinesOfAnyLengthRoundTrip) {
  std::mt19937_64 rng(77);
  for (int trial = 0; trial < 200; ++trial) {
    Rows expected;
    std::string text;
    for (int r = 0; r < 6; ++r) {
      auto& row = expected.emplace_back();
      const int fields = 1 + static_cast<int>(rng() % 6);
      for (int f = 0; f < fields; ++f) {
        std::string field(rng() % (trial < 100 ? 20 : 160), 'x');
        for (char& c : field) c = static_cast<char>('a' + rng() % 26);
        if (!field.empty() && rng() % 12 == 0) field[rng() % field.size()] = "\"\r\xC3"[rng() % 3];
        if (field.find('\xC3') != std::string::npos) field.replace(field.find('\xC3'), 1, "\xC3\xA9");
        row.push_back(field);
      }
      text += WriteRecord(row, ',') + "\n";
    }
    for (size_t chunk : {size_t{7}, size_t{64}, size_t{1} << 20}) {
      auto rows = ReadAll(text, chunk);
      ASSERT_TRUE(rows.ok()) << rows.status().ToString() << "\n" << text;
      ASSERT_EQ(*rows, expected) << "trial " << trial << " chunk " << chunk << "\n" << text;
    }
  }
  // Columns count bytes from the start of the line on the fast path too.
  CsvReader reader(MakeStringSource("abcdefghijklmnopq,rs,,tuvwxyz0123456789\n", "t.csv"));
  ASSERT_TRUE(*reader.Next());
  ASSERT_EQ(reader.record().size(), 4u);
  EXPECT_EQ(reader.record().field(1).column, 19u);
  EXPECT_EQ(reader.record().field(2).column, 22u);
  EXPECT_EQ(reader.record().field(3).column, 23u);
  EXPECT_EQ(reader.record()[3], "tuvwxyz0123456789");
}

class CsvFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("chorus_csv_" +
            std::string(::testing::UnitTest::GetInstance()->current_test_info()->name()) + "_" +
            std::to_string(::getpid()));
    std::filesystem::create_directories(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::filesystem::path dir_;
};

TEST_F(CsvFileTest, ReadsAFileInChunks) {
  const auto path = (dir_ / "votes.csv").string();
  std::string text;
  for (int i = 0; i < 5000; ++i) text += "item" + std::to_string(i) + ",w,\"a,b\"\n";
  std::ofstream(path, std::ios::binary) << text;
  auto source = OpenFileSource(path);
  ASSERT_TRUE(source.ok()) << source.status().ToString();
  CsvOptions options;
  options.chunk_size = 4096;
  CsvReader reader(std::move(source).value(), options);
  EXPECT_EQ(reader.total_bytes(), text.size());
  int count = 0;
  while (*reader.Next()) {
    ASSERT_THAT(reader.record().fields().size(), 3u);
    ASSERT_EQ(reader.record()[0], "item" + std::to_string(count));
    ASSERT_EQ(reader.record()[2], "a,b");
    ++count;
  }
  EXPECT_EQ(count, 5000);
  EXPECT_EQ(reader.lines(), 5000u);
  EXPECT_EQ(reader.name(), path);
}

TEST_F(CsvFileTest, MissingFileIsNotFoundAndDirectoryIsInvalid) {
  auto missing = OpenFileSource((dir_ / "nope.csv").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().field(), (dir_ / "nope.csv").string());
  EXPECT_THAT(missing.status().message(), HasSubstr("check the path"));
  auto directory = OpenFileSource(dir_.string());
  ASSERT_FALSE(directory.ok());
  EXPECT_EQ(directory.status().code(), StatusCode::kInvalidArgument);
  EXPECT_THAT(directory.status().message(), HasSubstr("is a directory"));
}

TEST(InputWindowTest, GrowsToHoldUnconsumedBytes) {
  InputWindow window(MakeStringSource(std::string(100, 'x')), 8, 16);
  ASSERT_TRUE(window.Fill().ok());
  EXPECT_EQ(window.size(), 8u);
  ASSERT_TRUE(window.Fill().ok());  // Nothing consumed: reads as much again.
  EXPECT_EQ(window.size(), 16u);
  EXPECT_GE(window.capacity_from_data(), window.size() + 16);
  window.Consume(16);
  while (!window.at_eof()) ASSERT_TRUE(window.Fill().ok());
  EXPECT_EQ(window.size(), 84u);
  EXPECT_EQ(window.bytes_read(), 100u);
  EXPECT_THAT(std::string(window.data(), 2), ElementsAre('x', 'x'));
}

}  // namespace
}  // namespace chorus
