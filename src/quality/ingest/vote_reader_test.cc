#include "quality/ingest/vote_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "quality/ingest/test_files.h"

namespace chorus::quality {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using testing::Triple;
using testing::Votes;
using testing::VoteSet;

class VoteReaderTest : public testing::TempDirTest {
 protected:
  Result<VoteFile> Read(const std::string& name, const std::string& content,
                        VoteReadOptions options = {}) {
    return ReadLongVotes(Write(name, content), options);
  }
  // The error from reading `content`, expecting one.
  Status ReadError(const std::string& name, const std::string& content,
                   VoteReadOptions options = {}) {
    auto file = Read(name, content, options);
    EXPECT_FALSE(file.ok()) << "expected an error for:\n" << content;
    return file.ok() ? Status::Ok() : file.status();
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }
};

TEST_F(VoteReaderTest, ReadsCsvWithHeader) {
  auto file = Read("v.csv", "item,annotator,label\nt1,w1,cat\nt1,w2,dog\nt2,w1,cat\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_THAT(Votes(file->table), ElementsAre(Triple{"t1", "w1", "cat"}, Triple{"t1", "w2", "dog"},
                                              Triple{"t2", "w1", "cat"}));
  // Ids follow first appearance.
  const auto ids = [](std::span<const uint32_t> s) {
    return std::vector<uint32_t>(s.begin(), s.end());
  };
  EXPECT_THAT(ids(file->table.items()), ElementsAre(0u, 0u, 1u));
  EXPECT_THAT(ids(file->table.annotators()), ElementsAre(0u, 1u, 0u));
  EXPECT_THAT(ids(file->table.labels()), ElementsAre(0u, 1u, 0u));
  EXPECT_EQ(file->report.lines, 4u);
  EXPECT_EQ(file->report.votes, 3u);
  EXPECT_EQ(file->report.missing_skipped, 0u);
  EXPECT_EQ(file->report.format, VoteFormat::kCsv);
}

TEST_F(VoteReaderTest, HeaderAliasesAreCaseInsensitiveInAnyOrderWithExtraColumns) {
  const std::vector<std::string> headers = {"Task_ID,Worker-ID,Answer,confidence",
                                            "unit,coder,rating,notes",
                                            "ITEM ID,Rater,Value,x",
                                            "subject,judge,category,",
                                            "task,user,response,time",
                                            "item_id,worker_id,class,y"};
  for (const std::string& header : headers) {
    auto file = Read("v.csv", header + "\nt1,w1,yes,0.9\nt2,w1,no,0.1\n");
    ASSERT_TRUE(file.ok()) << header << ": " << file.status().ToString();
    EXPECT_THAT(Votes(file->table),
                ElementsAre(Triple{"t1", "w1", "yes"}, Triple{"t2", "w1", "no"}))
        << header;
  }
  auto reordered = Read("v.csv", "comment,Label,Annotator,Item\nhi,yes,w1,t1\n");
  ASSERT_TRUE(reordered.ok()) << reordered.status().ToString();
  EXPECT_THAT(Votes(reordered->table), ElementsAre(Triple{"t1", "w1", "yes"}));
}

TEST_F(VoteReaderTest, WithoutHeaderTheFirstThreeColumnsAreItemAnnotatorLabel) {
  auto file = Read("v.csv", "t1,w1,yes,extra\nt2,w2,no,more,and more\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_THAT(Votes(file->table), ElementsAre(Triple{"t1", "w1", "yes"}, Triple{"t2", "w2", "no"}));
  EXPECT_EQ(file->report.lines, 2u);
}

TEST_F(VoteReaderTest, HeaderNamingSomeButNotAllColumnsIsAnError) {
  const Status s = ReadError("v.csv", "item,who,label\nt1,w1,yes\n");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), Path("v.csv") + ":1:1");
  EXPECT_THAT(s.message(), HasSubstr("the header names the item and label columns but not the "
                                     "annotator column; rename it (accepted names for the "
                                     "annotator: annotator, worker, rater, coder"));
  const Status two = ReadError("v.csv", "task,who,what\n");
  EXPECT_THAT(two.message(),
              HasSubstr("names the item column but not the annotator and label columns; rename "
                        "them (accepted names for the annotator: annotator, worker"));
  EXPECT_THAT(two.message(), HasSubstr("; for the label: label, answer, response"));
  const Status twice = ReadError("v.csv", "item,task,annotator,label\n");
  EXPECT_EQ(twice.field(), Path("v.csv") + ":1:6");
  EXPECT_THAT(twice.message(), HasSubstr("the header names the item twice (\"item\" in column 1 "
                                         "and \"task\" in column 2)"));
}

TEST_F(VoteReaderTest, ShortRowNamesItsLineAndTheExpectedColumns) {
  const Status s = ReadError("v.csv", "a,b,c\nd,e,f\n\n\n\nx,y,z\ng,h\n");
  EXPECT_EQ(s.field(), Path("v.csv") + ":7:1");
  EXPECT_EQ(s.message(),
            "line 7 has 2 fields, expected at least 3 (item,annotator,label); add the missing "
            "fields, or check the delimiter and the quotes");
  EXPECT_EQ(ReadError("v.csv", "a,b,c\n# comment\n").field(), Path("v.csv") + ":2:1");
  const Status with_header = ReadError("v.csv", "item,annotator,x,label\nt,w,1\n");
  EXPECT_THAT(with_header.message(),
              HasSubstr("line 2 has 3 fields, expected at least 4 (the header puts the label in "
                        "column 4)"));
}

TEST_F(VoteReaderTest, MissingLabelsAreSkippedAndCounted) {
  auto file = Read("v.csv",
                   "item,annotator,label\n"
                   "t1,w1,\n"
                   "t1,w2,NA\n"
                   "t1,w3,n/a\n"
                   "t1,w4,NaN\n"
                   "t1,w5,null\n"
                   "t1,w6,*\n"
                   "t1,w7, na \n"
                   "t1,w8,\"\"\n"
                   "t1,w9,\"NA\"\n"  // Quoted: a real label called NA.
                   "t1,w10,None\n"
                   "t1,w11,-\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->report.missing_skipped, 8u);
  EXPECT_THAT(Votes(file->table), ElementsAre(Triple{"t1", "w9", "NA"}, Triple{"t1", "w10", "None"},
                                              Triple{"t1", "w11", "-"}));
  // Annotators of skipped votes do not enter the table.
  EXPECT_EQ(file->table.annotator_count(), 3u);
}

TEST_F(VoteReaderTest, UnquotedValuesAreTrimmedQuotedOnesKept) {
  auto file = Read("v.csv", "item, annotator , label\n t1 ,\tw1, yes \n\" t2\",w1,\" no \"\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_THAT(Votes(file->table),
              ElementsAre(Triple{"t1", "w1", "yes"}, Triple{" t2", "w1", " no "}));
}

TEST_F(VoteReaderTest, EmptyItemOrAnnotatorIsAnError) {
  const Status s = ReadError("v.csv", "item,annotator,label\nt1,w1,a\nt2, ,b\n");
  EXPECT_EQ(s.field(), Path("v.csv") + ":3:4");
  EXPECT_EQ(s.message(),
            "the annotator (field 2) is empty on line 3; every row needs an annotator id");
  EXPECT_EQ(ReadError("v.csv", "t1,w1,a\n,w2,b\n").field(), Path("v.csv") + ":2:1");
}

TEST_F(VoteReaderTest, BlankLinesAndRowsOfEmptyFieldsAreSkipped) {
  auto file = Read("v.csv", "\n\nitem,annotator,label\n\n,,\nt1,w1,a\n  ,\t,\r\n\nt2,w1,b");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->table.size(), 2u);
  EXPECT_EQ(file->report.lines, 9u);
  EXPECT_EQ(file->report.missing_skipped, 0u);
}

TEST_F(VoteReaderTest, Rfc4180QuotingCrlfAndBom) {
  auto file = Read("v.csv",
                   "\xEF\xBB\xBFitem,annotator,label\r\n"
                   "\"t,1\",\"w \"\"one\"\"\",\"multi\r\nline\"\r\n"
                   "t2,w1,\"\"\"quoted\"\"\"\r\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_THAT(Votes(file->table), ElementsAre(Triple{"t,1", "w \"one\"", "multi\r\nline"},
                                              Triple{"t2", "w1", "\"quoted\""}));
  EXPECT_EQ(file->report.lines, 4u);
}

TEST_F(VoteReaderTest, ErrorsAfterEmbeddedNewlinesNameThePhysicalLine) {
  const Status s = ReadError("v.csv", "item,annotator,label\nt1,w1,\"a\nb\nc\"\nt2,w2,x\"y\n");
  EXPECT_EQ(s.field(), Path("v.csv") + ":5:8");
  EXPECT_THAT(s.message(), HasSubstr("quote inside unquoted field 3"));
  const Status open = ReadError("v.csv", "item,annotator,label\nt1,w1,a\nt2,w2,\"b\nt3,w3,c\n");
  EXPECT_EQ(open.field(), Path("v.csv") + ":3:7");
  EXPECT_THAT(open.message(), HasSubstr("unterminated quoted field starting at line 3"));
}

TEST_F(VoteReaderTest, InvalidUtf8AndNulAreErrors) {
  const Status utf8 = ReadError("v.csv", "item,annotator,label\nt1,w\xFF,a\n");
  EXPECT_EQ(utf8.field(), Path("v.csv") + ":2:5");
  EXPECT_EQ(utf8.message(), "invalid UTF-8 in field 2 (byte 0xFF); save the file as UTF-8");
  const Status nul = ReadError("v.csv", std::string("t1,w1,a\0\n", 9));
  EXPECT_EQ(nul.field(), Path("v.csv") + ":1:8");
}

TEST_F(VoteReaderTest, OversizedFieldsAreErrors) {
  const Status s = ReadError("v.csv", "t1,w1," + std::string((1 << 20) + 1, 'x') + "\n");
  EXPECT_EQ(s.field(), Path("v.csv") + ":1:7");
  EXPECT_THAT(s.message(), HasSubstr("field 3 is longer than 1048576 bytes"));
}

TEST_F(VoteReaderTest, OversizedJsonValuesAreErrors) {
  const Status s = ReadError("v.jsonl", "{\"item\": \"t\", \"annotator\": \"w\", \"label\": \"" +
                                            std::string((1 << 20) + 1, 'x') + "\"}\n");
  EXPECT_EQ(s.field(), Path("v.jsonl") + ":1:1");
  EXPECT_THAT(s.message(), HasSubstr("the label is longer than 1048576 bytes"));
}

TEST_F(VoteReaderTest, ReadsTsvByExtension) {
  for (const std::string name : {"v.tsv", "v.TAB"}) {
    auto file = Read(name, "item\tannotator\tlabel\nt,1\tw1\t\"a\tb\"\nt2\tw1\tNA\n");
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    EXPECT_EQ(file->report.format, VoteFormat::kTsv);
    EXPECT_THAT(Votes(file->table), ElementsAre(Triple{"t,1", "w1", "a\tb"}));
    EXPECT_EQ(file->report.missing_skipped, 1u);
  }
}

TEST_F(VoteReaderTest, FormatOptionOverridesTheExtension) {
  VoteReadOptions tsv;
  tsv.format = VoteFormat::kTsv;
  auto file = Read("v.csv", "t1\tw1\ta,b\n", tsv);
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_THAT(Votes(file->table), ElementsAre(Triple{"t1", "w1", "a,b"}));
}

TEST_F(VoteReaderTest, UnknownExtensionsAreSniffed) {
  auto jsonl = Read("v.txt", "\n  {\"item\": \"t1\", \"annotator\": \"w1\", \"label\": 1}\n");
  ASSERT_TRUE(jsonl.ok()) << jsonl.status().ToString();
  EXPECT_EQ(jsonl->report.format, VoteFormat::kJsonl);
  auto tsv = Read("votes", "t1\tw1\tx,y\n");
  ASSERT_TRUE(tsv.ok()) << tsv.status().ToString();
  EXPECT_EQ(tsv->report.format, VoteFormat::kTsv);
  auto csv = Read("votes.dat", "t1,w1,x\n");
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->report.format, VoteFormat::kCsv);
  const Status array = ReadError("v.json", "[{\"item\": 1}]");
  EXPECT_THAT(array.message(), HasSubstr("JSON array; write one JSON object per line"));
}

TEST_F(VoteReaderTest, ReadsJsonl) {
  auto file = Read("v.jsonl",
                   "{\"item\": \"t1\", \"annotator\": \"w1\", \"label\": \"cat\"}\r\n"
                   "\n"
                   "{\"Task\": 17, \"worker_id\": \"w2\", \"rating\": 3, \"extra\": {\"a\": [1, "
                   "null, true]}}\n"
                   "   \n"
                   "{\"item\": \"t1\", \"annotator\": \"w3\", \"label\": 2.50}\n"
                   "{\"item\": \"t1\", \"annotator\": \"w4\", \"label\": -1e3}\n"
                   "{\"item\": \"t\\u00e9\", \"annotator\": \"w\\\"5\", \"label\": true}\n"
                   "{\"item\": \"t1\", \"annotator\": \"w6\", \"label\": null}\n"
                   "{\"item\": \"t1\", \"annotator\": \"w7\", \"label\": \"\"}\n"
                   "{\"item\": \"t1\", \"annotator\": \"w8\", \"label\": \"NA\"}");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->report.format, VoteFormat::kJsonl);
  EXPECT_THAT(
      Votes(file->table),
      ElementsAre(Triple{"t1", "w1", "cat"}, Triple{"17", "w2", "3"}, Triple{"t1", "w3", "2.50"},
                  Triple{"t1", "w4", "-1e3"}, Triple{"t\xC3\xA9", "w\"5", "true"}));
  EXPECT_EQ(file->report.missing_skipped, 3u);
  EXPECT_EQ(file->report.lines, 10u);
}

TEST_F(VoteReaderTest, JsonlMissingKeyNamesLineAndKey) {
  const Status s = ReadError("v.jsonl",
                             "{\"item\": 1, \"annotator\": \"a\", \"label\": 1}\n"
                             "{\"item\": 2, \"annotator\": \"a\", \"label\": 1}\n"
                             "\n"
                             "{\"item\": 3, \"annotator\": \"a\", \"lable\": 1}\n");
  EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(s.field(), Path("v.jsonl") + ":4:1");
  EXPECT_THAT(s.message(), HasSubstr("JSONL line 4: missing key \"label\" (accepted names: "
                                     "label, answer, response, value, rating"));
  EXPECT_THAT(s.message(), HasSubstr("null marks a missing label"));
}

TEST_F(VoteReaderTest, MalformedJsonlNamesTheLine) {
  const std::string good = "{\"item\": 1, \"annotator\": \"a\", \"label\": 1}\n";
  const std::vector<std::string> bad = {
      "{\"item\": 2, \"annotator\": \"a\", \"label\": }",
      "{\"item\": 2, \"annotator\": \"a\", \"label\": 1",
      "{\"item\": 2, \"annotator\": \"a\" \"label\": 1}",
      "{\"item\": 2, \"annotator\": \"a\", \"label\": 1, \"x\": [1, 2,]}",
      "{\"item\": 2, \"annotator\": \"a\", \"label\": 1, \"x\": {\"y\": tru}}",
      "{\"item\": 2, \"annotator\": \"a\", \"label\": 01}",
      "{\"item\": 2, \"annotator\": \"a\", \"label\": 1} {\"item\": 3}",
      "{\"item\": 2, \"annotator\": \"a\", \"label\": \"caf\xE9\"}",
      "{\"item\": 2, \"annotator\": \"a\", \"label\": 1, \"z\": 1.}",
  };
  for (const std::string& line : bad) {
    const Status s = ReadError("v.jsonl", good + good + line + "\n" + good);
    EXPECT_EQ(s.field(), Path("v.jsonl") + ":3:1") << line;
    EXPECT_THAT(s.message(), HasSubstr("JSONL line 3: ")) << line;
  }
}

TEST_F(VoteReaderTest, JsonlShapeErrorsSayWhatToDo) {
  EXPECT_THAT(ReadError("v.jsonl", "[1, 2, 3]\n").message(),
              HasSubstr("JSONL line 1: expected a JSON object such as {\"item\": \"...\", "
                        "\"annotator\": \"...\", \"label\": \"...\"}, found an array"));
  EXPECT_THAT(ReadError("v.jsonl", "{\"item\": 1, \"task\": 2, \"annotator\": 1, \"label\": 1}\n")
                  .message(),
              HasSubstr("keys \"item\" and \"task\" both name the item; keep one"));
  EXPECT_THAT(
      ReadError("v.jsonl", "{\"item\": 1, \"annotator\": \"w\", \"label\": [1]}\n").message(),
      HasSubstr("\"label\" is an array; use a string or a number"));
  EXPECT_THAT(
      ReadError("v.jsonl", "{\"item\": null, \"annotator\": \"w\", \"label\": 1}\n").message(),
      HasSubstr("JSONL line 1: the item is null; every row needs an item id"));
  EXPECT_THAT(ReadError("v.jsonl", "{\"item\": 1, \"annotator\": \"w\", \"label\": 1} {\"a\": 1}\n")
                  .message(),
              HasSubstr("extra text after the JSON object"));
  EXPECT_THAT(ReadError("v.jsonl", std::string("{\"item\": 1}\0\n", 13)).message(),
              HasSubstr("NUL byte"));
}

TEST_F(VoteReaderTest, MissingFileIsNotFound) {
  auto file = ReadLongVotes(Path("absent.csv"), {});
  ASSERT_FALSE(file.ok());
  EXPECT_EQ(file.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(file.status().field(), Path("absent.csv"));
}

TEST_F(VoteReaderTest, DuplicateVotesFailByDefaultNamingBothLines) {
  const std::string text = "item,annotator,label\nt1,w1,a\nt2,w1,b\nt1,w2,a\n\nt1,w1,c\nt2,w1,d\n";
  const Status s = ReadError("v.csv", text);
  EXPECT_EQ(s.field(), Path("v.csv") + ":6:1");
  EXPECT_EQ(s.message(),
            "annotator \"w1\" labelled item \"t1\" twice, on line 2 and line 6; remove one of the "
            "votes, or pass --duplicates first, last or keep-all to accept repeated votes");
}

// A file grouped by item takes a path without the counting sort; same results.
TEST_F(VoteReaderTest, DuplicatesInAFileGroupedByItem) {
  const std::string text = "item,annotator,label\nt1,w1,a\nt1,w2,b\nt1,w1,c\nt2,w1,d\nt2,w1,e\n";
  const Status s = ReadError("g.csv", text);
  EXPECT_EQ(s.field(), Path("g.csv") + ":4:1");
  EXPECT_THAT(s.message(), HasSubstr("item \"t1\" twice, on line 2 and line 4"));
  VoteReadOptions options;
  options.duplicates = DuplicatePolicy::kKeepFirst;
  auto first = Read("g.csv", text, options);
  ASSERT_TRUE(first.ok());
  EXPECT_THAT(Votes(first->table), ElementsAre(Triple{"t1", "w1", "a"}, Triple{"t1", "w2", "b"},
                                               Triple{"t2", "w1", "d"}));
  options.duplicates = DuplicatePolicy::kKeepLast;
  auto last = Read("g.csv", text, options);
  ASSERT_TRUE(last.ok());
  EXPECT_THAT(Votes(last->table), ElementsAre(Triple{"t1", "w2", "b"}, Triple{"t1", "w1", "c"},
                                              Triple{"t2", "w1", "e"}));
  EXPECT_EQ(last->report.duplicates_dropped, 2u);
}

TEST_F(VoteReaderTest, DuplicatePoliciesKeepAllFirstOrLast) {
  const std::string text = "item,annotator,label\nt1,w1,a\nt2,w1,b\nt1,w1,c\nt1,w2,x\nt1,w1,d\n";
  VoteReadOptions options;
  options.duplicates = DuplicatePolicy::kKeepAll;
  auto all = Read("v.csv", text, options);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(all->table.size(), 5u);
  EXPECT_EQ(all->report.duplicates_dropped, 0u);

  options.duplicates = DuplicatePolicy::kKeepFirst;
  auto first = Read("v.csv", text, options);
  ASSERT_TRUE(first.ok());
  EXPECT_THAT(Votes(first->table), ElementsAre(Triple{"t1", "w1", "a"}, Triple{"t2", "w1", "b"},
                                               Triple{"t1", "w2", "x"}));
  EXPECT_EQ(first->report.duplicates_dropped, 2u);
  EXPECT_EQ(first->report.votes, 3u);
  // Labels only the dropped votes used are not in the table.
  EXPECT_EQ(first->table.label_count(), 3u);

  options.duplicates = DuplicatePolicy::kKeepLast;
  auto last = Read("v.csv", text, options);
  ASSERT_TRUE(last.ok());
  EXPECT_THAT(Votes(last->table), ElementsAre(Triple{"t2", "w1", "b"}, Triple{"t1", "w2", "x"},
                                              Triple{"t1", "w1", "d"}));
  EXPECT_EQ(last->report.duplicates_dropped, 2u);
  // Item ids still follow first appearance in the file.
  EXPECT_EQ(last->table.item_names().Name(0), "t1");
}

TEST_F(VoteReaderTest, ProgressIsReportedWithTheFinalTotals) {
  std::string text = "item,annotator,label\n";
  for (int i = 0; i < 300000; ++i) {
    text += "item" + std::to_string(i) + ",w" + std::to_string(i % 7) + ",x\n";
  }
  std::vector<ReadProgress> calls;
  VoteReadOptions options;
  options.on_progress = [&](const ReadProgress& p) { calls.push_back(p); };
  auto file = Read("v.csv", text, options);
  ASSERT_TRUE(file.ok());
  ASSERT_GE(calls.size(), 2u);  // One every 4 MiB of the ~6 MiB, then the end.
  EXPECT_LE(calls.size(), 3u);
  EXPECT_EQ(calls.back().bytes_read, text.size());
  EXPECT_EQ(calls.back().total_bytes, text.size());
  EXPECT_EQ(calls.back().lines, 300001u);
  EXPECT_LT(calls.front().bytes_read, text.size());
}

// Reading in 7-byte chunks gives the same table as one big chunk, for CSV and JSONL.
TEST_F(VoteReaderTest, TinyChunksGiveTheSameTable) {
  std::mt19937_64 rng(7);
  std::string csv = "item,annotator,label\r\n", jsonl;
  for (int i = 0; i < 500; ++i) {
    const std::string item = "item " + std::to_string(rng() % 60) + (i % 5 ? "" : "\xE2\x82\xAC");
    const std::string annotator = "w" + std::to_string(i);
    const std::string label = i % 3 ? "label\n\"" + std::to_string(i % 4) + "\"" : "NA";
    std::string quoted = "\"";
    for (char c : label) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    csv += "\"" + item + "\"," + annotator + "," + (i % 3 ? quoted + "\"" : label) + "\r\n";
    std::string json_label;
    for (char c : label)
      json_label += c == '\n' ? std::string("\\n") : c == '"' ? "\\\"" : std::string(1, c);
    jsonl += "{\"item\": \"" + item + "\", \"annotator\": \"" + annotator + "\", \"label\": \"" +
             json_label + "\"}\n";
  }
  for (const auto& [name, text] : {std::pair{"v.csv", csv}, std::pair{"v.jsonl", jsonl}}) {
    VoteReadOptions big, tiny;
    tiny.chunk_size = 7;
    auto a = Read(name, text, big);
    auto b = Read(name, text, tiny);
    ASSERT_TRUE(a.ok()) << a.status().ToString();
    ASSERT_TRUE(b.ok()) << b.status().ToString();
    EXPECT_EQ(Votes(a->table), Votes(b->table));
    EXPECT_EQ(a->report.missing_skipped, b->report.missing_skipped);
    EXPECT_EQ(a->report.lines, b->report.lines);
    EXPECT_GT(a->table.size(), 300u);
  }
}

// Shuffling rows changes ids but not the set of votes.
TEST_F(VoteReaderTest, RowOrderDoesNotChangeTheVotes) {
  std::vector<std::string> rows;
  for (int i = 0; i < 2000; ++i) {
    rows.push_back("t" + std::to_string(i % 300) + ",w" + std::to_string(i / 300) + "," +
                   std::to_string(i % 5));
  }
  std::string text;
  for (const auto& row : rows) text += row + "\n";
  auto ordered = Read("a.csv", text);
  std::shuffle(rows.begin(), rows.end(), std::mt19937_64(3));
  text.clear();
  for (const auto& row : rows) text += row + "\n";
  auto shuffled = Read("b.csv", text);
  ASSERT_TRUE(ordered.ok() && shuffled.ok());
  EXPECT_EQ(VoteSet(ordered->table), VoteSet(shuffled->table));
  EXPECT_EQ(ordered->table.item_count(), 300u);
  EXPECT_EQ(ordered->table.annotator_count(), 7u);
}

// Annotators and labels go through a cache of the last 8 names (vote_reader.cc), which turns
// itself off when it misses more than it hits: ids must follow first appearance either way.
TEST_F(VoteReaderTest, NamesKeepFirstAppearanceOrderWithFewOrManyAnnotators) {
  for (const int annotators : {2, 5, 40}) {
    std::string text = "item,annotator,label\n";
    std::vector<std::string> first_seen;
    for (int i = 0; i < 12000; ++i) {
      // A stride through the annotators, so the order of first appearance is not numeric.
      const std::string annotator = "w" + std::to_string((i * 7) % annotators);
      if (std::find(first_seen.begin(), first_seen.end(), annotator) == first_seen.end()) {
        first_seen.push_back(annotator);
      }
      text +=
          "t" + std::to_string(i) + "," + annotator + ",l" + std::to_string((i * 3) % 11) + "\n";
    }
    auto file = Read("v.csv", text);
    ASSERT_TRUE(file.ok()) << file.status().ToString();
    EXPECT_EQ(file->table.annotator_names().Names(), first_seen) << annotators;
    const std::vector<std::string> labels = file->table.label_names().Names();
    ASSERT_EQ(labels.size(), 11u);
    EXPECT_EQ(labels[1], "l3");
    for (size_t v = 0; v < file->table.size(); ++v) {
      const auto annotator = file->table.annotator_names().Name(file->table.annotators()[v]);
      ASSERT_EQ(annotator, "w" + std::to_string((v * 7) % annotators)) << "vote " << v;
      const auto label = file->table.label_names().Name(file->table.labels()[v]);
      ASSERT_EQ(label, "l" + std::to_string((v * 3) % 11)) << "vote " << v;
    }
  }
}

TEST_F(VoteReaderTest, EmptyFileGivesAnEmptyTable) {
  auto file = Read("v.csv", "");
  ASSERT_TRUE(file.ok());
  EXPECT_TRUE(file->table.empty());
  auto header_only = Read("v.csv", "item,annotator,label\n");
  ASSERT_TRUE(header_only.ok());
  EXPECT_TRUE(header_only->table.empty());
}

TEST(VoteReadOptionsTest, ParsesCommandLineNames) {
  EXPECT_EQ(*ParseVoteFormat("tsv"), VoteFormat::kTsv);
  EXPECT_EQ(*ParseVoteFormat("ndjson"), VoteFormat::kJsonl);
  EXPECT_FALSE(ParseVoteFormat("xml").ok());
  EXPECT_EQ(*ParseDuplicatePolicy("first"), DuplicatePolicy::kKeepFirst);
  EXPECT_EQ(*ParseDuplicatePolicy("keep-last"), DuplicatePolicy::kKeepLast);
  EXPECT_EQ(ParseDuplicatePolicy("newest").status().field(), "--duplicates");
  EXPECT_STREQ(VoteFormatName(VoteFormat::kJsonl), "jsonl");
}

}  // namespace
}  // namespace chorus::quality
