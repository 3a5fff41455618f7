#include "quality/ingest/comparison_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "quality/ingest/test_files.h"

namespace chorus::quality {
namespace {

using ::testing::HasSubstr;

class ComparisonReaderTest : public testing::TempDirTest {
 protected:
  Result<ComparisonFile> Read(const std::string& name, const std::string& content) {
    return ReadComparisons(Write(name, content), {});
  }
  Status ReadError(const std::string& name, const std::string& content) {
    auto file = Read(name, content);
    EXPECT_FALSE(file.ok()) << "expected an error for:\n" << content;
    return file.ok() ? Status::Ok() : file.status();
  }
};

TEST_F(ComparisonReaderTest, ReadsCsvWithEveryWinnerSpelling) {
  auto file = Read("c.csv",
                   "item,annotator,left,right,winner\n"
                   "p1,ann,gpt,claude,left\n"
                   "p1,bob,gpt,claude,RIGHT\n"
                   "p2,ann,gpt,claude,Tie\n"
                   "p2,bob,gpt,claude,a\n"
                   "p3,ann,gpt,claude,B\n"
                   "p3,bob,gpt,claude,claude\n"
                   "p4,ann,gpt,claude, gpt \n"
                   "p4,bob,gpt,claude,both_bad\n"
                   "p5,ann,gpt,claude,Both-Bad\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const ComparisonTable& table = file->table;
  ASSERT_EQ(table.size(), 9u);
  const std::vector<Outcome> expected = {Outcome::kLeft, Outcome::kRight, Outcome::kTie,
                                         Outcome::kLeft, Outcome::kRight, Outcome::kRight,
                                         Outcome::kLeft, Outcome::kTie,   Outcome::kTie};
  for (size_t r = 0; r < expected.size(); ++r) EXPECT_EQ(table.outcomes()[r], expected[r]) << r;
  EXPECT_EQ(table.option_count(), 2u);
  EXPECT_EQ(table.item_count(), 5u);
  EXPECT_EQ(table.annotator_count(), 2u);
  EXPECT_EQ(file->report.comparisons, 9u);
  EXPECT_EQ(file->report.ties, 3u);
  EXPECT_EQ(file->report.both_bad, 2u);
  EXPECT_EQ(file->report.format, VoteFormat::kCsv);
}

TEST_F(ComparisonReaderTest, HeaderAliasesInAnyOrderAndHeaderless) {
  for (const std::string header :
       {"prompt_id,Response_B,chosen,rater,Response A", "task,option_b,preference,worker,option_a",
        "item,second,outcome,judge,first"}) {
    auto file = Read("c.csv", header + "\np1,y,x,w1,x\n");
    ASSERT_TRUE(file.ok() || header.rfind("prompt", 0) == 0)
        << header << ": " << file.status().ToString();
    if (!file.ok()) continue;  // "prompt_id" is not an item alias.
    EXPECT_EQ(file->table.option_names().Name(file->table.lefts()[0]), "x") << header;
    EXPECT_EQ(file->table.outcomes()[0], Outcome::kLeft) << header;
  }
  auto headerless = Read("c.csv", "p1,w1,x,y,y\np2,w1,x,y,left\n");
  ASSERT_TRUE(headerless.ok()) << headerless.status().ToString();
  EXPECT_EQ(headerless->table.outcomes()[0], Outcome::kRight);
  EXPECT_EQ(headerless->table.outcomes()[1], Outcome::kLeft);
  // A first row holding a column name ("right") reads as a partial header: it needs one.
  EXPECT_THAT(ReadError("c.csv", "p1,w1,x,y,right\n").message(), HasSubstr("header"));
}

TEST_F(ComparisonReaderTest, ReadsTsvAndJsonl) {
  auto tsv = Read("c.tsv", "item\tannotator\ta\tb\twinner\np1\tw\tx\ty\tb\n");
  ASSERT_TRUE(tsv.ok()) << tsv.status().ToString();
  EXPECT_EQ(tsv->table.outcomes()[0], Outcome::kRight);
  auto jsonl = Read("c.jsonl",
                    "{\"item\": \"p1\", \"annotator\": \"w\", \"left\": \"x\", \"right\": \"y\", "
                    "\"winner\": \"tie\", \"extra\": [1, 2]}\n"
                    "{\"item\": 7, \"annotator\": \"w\", \"left\": \"x\", \"right\": \"y\", "
                    "\"winner\": \"y\"}\n");
  ASSERT_TRUE(jsonl.ok()) << jsonl.status().ToString();
  EXPECT_EQ(jsonl->report.format, VoteFormat::kJsonl);
  EXPECT_EQ(jsonl->table.outcomes()[0], Outcome::kTie);
  EXPECT_EQ(jsonl->table.outcomes()[1], Outcome::kRight);
  EXPECT_EQ(jsonl->table.item_names().Name(1), "7");
}

TEST_F(ComparisonReaderTest, BadWinnerNamesLineColumnAndAcceptedValues) {
  const Status status = ReadError("c.csv",
                                  "item,annotator,left,right,winner\n"
                                  "p1,w,x,y,left\n"
                                  "p2,w,x,y,maybe\n");
  EXPECT_THAT(status.field(), HasSubstr("c.csv:3:10"));
  EXPECT_THAT(status.message(), HasSubstr("\"maybe\""));
  EXPECT_THAT(status.message(), HasSubstr("left, right, tie"));
  EXPECT_THAT(status.message(), HasSubstr("line 3"));
  const Status jsonl =
      ReadError("c.jsonl",
                "{\"item\": \"p\", \"annotator\": \"w\", \"left\": \"x\", \"right\": \"y\", "
                "\"winner\": \"z\"}\n");
  EXPECT_THAT(jsonl.field(), HasSubstr("c.jsonl:1:1"));
}

TEST_F(ComparisonReaderTest, SameOptionOnBothSidesIsAnError) {
  const Status status = ReadError("c.csv", "item,annotator,left,right,winner\np1,w,x,x,left\n");
  EXPECT_THAT(status.field(), HasSubstr("c.csv:2:8"));
  EXPECT_THAT(status.message(), HasSubstr("with itself"));
}

TEST_F(ComparisonReaderTest, MissingWinnerOrColumnIsAnError) {
  EXPECT_THAT(ReadError("c.csv", "item,annotator,left,right,winner\np1,w,x,y,\n").message(),
              HasSubstr("winner"));
  EXPECT_THAT(ReadError("c.csv", "item,annotator,left,right,label\np1,w,x,y,left\n").message(),
              HasSubstr("winner"));
}

TEST(ParseWinnerTest, OptionTextWinsOverKeywords) {
  bool both_bad = false;
  // An option literally called "b" shown on the left: "b" names it, not the right side.
  EXPECT_EQ(*ParseWinner("b", "b", "a", &both_bad), Outcome::kLeft);
  EXPECT_EQ(*ParseWinner("a", "b", "a", &both_bad), Outcome::kRight);
  EXPECT_FALSE(ParseWinner("Gpt", "gpt", "claude", &both_bad).ok());  // Text is exact.
  EXPECT_EQ(*ParseWinner("DRAW", "x", "y", &both_bad), Outcome::kTie);
  EXPECT_FALSE(both_bad);
}

}  // namespace
}  // namespace chorus::quality
