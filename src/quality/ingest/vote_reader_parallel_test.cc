// Reading one file in ranges on several threads must give exactly what one thread gives: the
// same votes in the same order, the same ids, line counts and errors.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "quality/ingest/test_files.h"
#include "quality/ingest/vote_reader.h"

namespace chorus::quality {
namespace {

using ::testing::HasSubstr;
using testing::Votes;

// Rows for 60 items × 3 annotators with some missing labels and blank lines; `eol` ends lines.
std::string Rows(const std::string& eol, bool quoted = false) {
  std::string text;
  for (int item = 0; item < 60; ++item) {
    for (int annotator = 0; annotator < 3; ++annotator) {
      const std::string label = (item + annotator) % 7 == 0 ? "NA" : "c" + std::to_string(item % 4);
      const std::string name = "i" + std::to_string(item * 7919 % 61);
      text += (quoted ? "\"" + name + "\"" : name) + ",w" + std::to_string(annotator) + "," +
              label + eol;
    }
    if (item % 17 == 0) text += eol;
  }
  return text;
}

class ParallelReadTest : public testing::TempDirTest {
 protected:
  static VoteReadOptions WithThreads(unsigned threads) {
    VoteReadOptions options;
    options.threads = threads;
    options.parallel_min_bytes = 0;
    options.chunk_size = 64;  // Small chunks also cross the window's refills.
    return options;
  }

  // Reads `content` on one thread and on 2, 3 and 8, expecting identical results; returns the
  // most threads any read used.
  unsigned ExpectSameAsOneThread(const std::string& name, const std::string& content) {
    const std::string path = Write(name, content);
    auto one = ReadLongVotes(path, WithThreads(1));
    EXPECT_EQ(one.ok() ? 1u : 0u, 1u) << one.status().ToString();
    if (!one.ok()) return 0;
    EXPECT_EQ(one->report.threads, 1u);
    unsigned most = 1;
    for (unsigned threads : {2u, 3u, 8u}) {
      auto many = ReadLongVotes(path, WithThreads(threads));
      EXPECT_TRUE(many.ok()) << many.status().ToString();
      if (!many.ok()) continue;
      const VoteTable& a = one->table;
      const VoteTable& b = many->table;
      EXPECT_EQ(Votes(a), Votes(b)) << threads << " threads";
      EXPECT_TRUE(std::equal(a.items().begin(), a.items().end(), b.items().begin(),
                             b.items().end()));
      EXPECT_EQ(a.item_names().Names(), b.item_names().Names());
      EXPECT_EQ(a.annotator_names().Names(), b.annotator_names().Names());
      EXPECT_EQ(a.label_names().Names(), b.label_names().Names());
      EXPECT_EQ(one->report.lines, many->report.lines) << threads << " threads";
      EXPECT_EQ(one->report.votes, many->report.votes);
      EXPECT_EQ(one->report.missing_skipped, many->report.missing_skipped);
      EXPECT_LE(many->report.threads, threads);
      most = std::max(most, many->report.threads);
    }
    return most;
  }

  // Expects the same error from one thread and from several.
  void ExpectSameError(const std::string& name, const std::string& content) {
    const std::string path = Write(name, content);
    auto one = ReadLongVotes(path, WithThreads(1));
    ASSERT_FALSE(one.ok());
    for (unsigned threads : {2u, 3u, 8u}) {
      auto many = ReadLongVotes(path, WithThreads(threads));
      ASSERT_FALSE(many.ok()) << threads << " threads";
      EXPECT_EQ(many.status().code(), one.status().code());
      EXPECT_EQ(many.status().message(), one.status().message());
      EXPECT_EQ(many.status().field(), one.status().field());
    }
  }
};

TEST_F(ParallelReadTest, SameVotesIdsAndLinesAsOneThread) {
  EXPECT_GE(ExpectSameAsOneThread("v.csv", "item,annotator,label\n" + Rows("\n")), 2u);
}

TEST_F(ParallelReadTest, HeaderlessBomCrlfTsvAndQuotedFilesToo) {
  EXPECT_GE(ExpectSameAsOneThread("noheader.csv", Rows("\n")), 2u);
  EXPECT_GE(ExpectSameAsOneThread("bom.csv", "\xEF\xBB\xBFitem,annotator,label\n" + Rows("\n")),
            2u);
  EXPECT_GE(ExpectSameAsOneThread("crlf.csv", "item,annotator,label\r\n" + Rows("\r\n")), 2u);
  EXPECT_GE(ExpectSameAsOneThread("quoted.csv", "item,annotator,label\n" + Rows("\n", true)), 2u);
  std::string tsv = "label\titem\tannotator\n";
  for (int i = 0; i < 200; ++i) {
    tsv += "c" + std::to_string(i % 3) + "\ti" + std::to_string(i / 3) + "\tw" +
           std::to_string(i % 3) + "\n";
  }
  EXPECT_GE(ExpectSameAsOneThread("v.tsv", tsv), 2u);
  // No final line break.
  std::string unterminated = "item,annotator,label\n" + Rows("\n");
  unterminated += "last,w9,c1";
  EXPECT_GE(ExpectSameAsOneThread("end.csv", unterminated), 2u);
}

TEST_F(ParallelReadTest, QuotedLineBreaksAcrossEveryCutGiveTheSameResult) {
  // Most of the file is one quoted label full of line breaks, so cuts fall inside quotes.
  std::string content = "item,annotator,label\ni0,w0,\"";
  for (int i = 0; i < 300; ++i) content += "x" + std::to_string(i) + ",y\n";
  content += "\"\n" + Rows("\n");
  ExpectSameAsOneThread("long_quote.csv", content);
}

TEST_F(ParallelReadTest, RowErrorsAreReportedAsOnOneThread) {
  std::string content = "item,annotator,label\n" + Rows("\n");
  ExpectSameError("short.csv", content + "i1,w1\n" + Rows("\n"));
  ExpectSameError("quote.csv", content + "i1,w\"1,c\n" + Rows("\n"));
  ExpectSameError("open_quote.csv", content + "i1,w1,\"c\n" + Rows("\n"));
}

TEST_F(ParallelReadTest, RepeatedVotesInDifferentRangesNameBothLines) {
  const std::string content = "item,annotator,label\nfirst,w1,a\n" + Rows("\n") + "first,w1,b\n";
  ExpectSameError("dup.csv", content);
  auto file = ReadLongVotes(Write("dup2.csv", content), WithThreads(4));
  ASSERT_FALSE(file.ok());
  EXPECT_THAT(file.status().message(), HasSubstr("line 2"));
}

TEST_F(ParallelReadTest, SmallFilesAndStandardInputStayOnOneThread) {
  VoteReadOptions options;
  options.threads = 4;  // parallel_min_bytes keeps its default of 8 MiB.
  auto file = ReadLongVotes(Write("small.csv", "item,annotator,label\n" + Rows("\n")), options);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->report.threads, 1u);
}

}  // namespace
}  // namespace chorus::quality
