#include "quality/ingest/gold_reader.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "quality/ingest/test_files.h"

namespace chorus::quality {
namespace {

using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::Optional;

class GoldReaderTest : public testing::TempDirTest {
 protected:
  void SetUp() override {
    TempDirTest::SetUp();
    table_.Add("t1", "w1", "cat");
    table_.Add("t2", "w1", "dog");
    table_.Add("t3", "w2", "cat");
  }
  Result<GoldLabels> Read(const std::string& name, const std::string& content,
                          VoteReadOptions options = {}) {
    return ReadGold(Write(name, content), table_, options);
  }
  std::string Path(const std::string& name) const { return (dir_ / name).string(); }

  VoteTable table_;
};

TEST_F(GoldReaderTest, AlignsGoldWithTheTableItems) {
  auto gold = Read("g.csv", "Item_ID,Gold Label\nt3,cat\nt1,dog\nzz,cat\nyy,cat\nzz,dog\n");
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  EXPECT_THAT(gold->by_item, ElementsAre(Optional(1u), std::nullopt, Optional(0u)));
  EXPECT_EQ(gold->gold_items, 2u);
  EXPECT_EQ(gold->items_not_in_votes, 2u);
  EXPECT_THAT(gold->examples_not_in_votes, ElementsAre("zz", "yy"));
  EXPECT_EQ(gold->new_labels, 0u);
  EXPECT_EQ(gold->lines, 6u);
}

TEST_F(GoldReaderTest, UnseenGoldLabelsJoinTheTable) {
  auto gold = Read("g.csv", "t1,bird\nt2,dog\nt3,fish\n");  // No header.
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  EXPECT_EQ(gold->new_labels, 2u);
  EXPECT_EQ(table_.label_count(), 4u);
  EXPECT_EQ(table_.label_names().Name(*gold->by_item[0]), "bird");
  EXPECT_EQ(table_.label_names().Name(*gold->by_item[2]), "fish");
  EXPECT_EQ(*gold->by_item[1], 1u);
}

TEST_F(GoldReaderTest, HeaderAliasesMissingLabelsAndExtraColumns) {
  auto gold = Read("g.tsv", "note\ttask\ttruth\nx\tt1\tcat\ny\tt2\tNA\nz\tt3\t\n");
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  EXPECT_THAT(gold->by_item, ElementsAre(Optional(0u), std::nullopt, std::nullopt));
  EXPECT_EQ(gold->missing_skipped, 2u);
}

TEST_F(GoldReaderTest, ReadsJsonl) {
  table_.Add("7", "w3", "1");
  auto gold = Read("g.jsonl",
                   "{\"item\": \"t2\", \"gold\": \"dog\"}\n{\"item\": 7, \"label\": 1}\n"
                   "{\"item\": \"t1\", \"label\": null}\n");
  ASSERT_TRUE(gold.ok()) << gold.status().ToString();
  EXPECT_EQ(*gold->by_item[1], 1u);
  EXPECT_EQ(table_.label_names().Name(*gold->by_item[3]), "1");
  EXPECT_EQ(gold->missing_skipped, 1u);
  EXPECT_EQ(gold->gold_items, 2u);
}

TEST_F(GoldReaderTest, ConflictingGoldFailsAndLeavesTheTableAlone) {
  const auto s = Read("g.csv", "item,label\nt1,cat\nt2,dog\nt1,cat\nt1,newt\n");
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().field(), Path("g.csv") + ":5:1");
  EXPECT_EQ(s.status().message(),
            "item \"t1\" has two different gold labels, \"cat\" on line 2 and \"newt\" on line 5; "
            "keep one, or pass --duplicates first or last");
  EXPECT_EQ(table_.label_count(), 2u);  // "newt" was not added.
}

TEST_F(GoldReaderTest, DuplicatePoliciesForGold) {
  const std::string text = "item,label\nt1,cat\nt1,dog\nt1,cat\n";
  VoteReadOptions options;
  options.duplicates = DuplicatePolicy::kKeepLast;
  auto last = Read("g.csv", text, options);
  ASSERT_TRUE(last.ok());
  EXPECT_EQ(*last->by_item[0], 0u);
  EXPECT_EQ(last->duplicates_dropped, 2u);
  options.duplicates = DuplicatePolicy::kKeepFirst;
  auto first = Read("g.csv", "item,label\nt1,dog\nt1,cat\n", options);
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(*first->by_item[0], 1u);
  options.duplicates = DuplicatePolicy::kKeepAll;
  EXPECT_TRUE(Read("g.csv", "item,label\nt1,dog\nt1,dog\n", options).ok());
  EXPECT_FALSE(Read("g.csv", "item,label\nt1,dog\nt1,cat\n", options).ok());
}

TEST_F(GoldReaderTest, ErrorsNameTheLine) {
  const auto short_row = Read("g.csv", "item,label\nt1,cat\nt2\n");
  ASSERT_FALSE(short_row.ok());
  EXPECT_EQ(short_row.status().field(), Path("g.csv") + ":3:1");
  EXPECT_THAT(short_row.status().message(), HasSubstr("line 3 has 1 field, expected at least 2"));
  const auto partial = Read("g.csv", "item,annotator\nt1,w1\n");
  ASSERT_FALSE(partial.ok());
  EXPECT_THAT(partial.status().message(),
              HasSubstr("the header names the item column but not the label column"));
  const auto missing_key = Read("g.jsonl", "{\"item\": \"t1\"}\n");
  ASSERT_FALSE(missing_key.ok());
  EXPECT_THAT(missing_key.status().message(), HasSubstr("JSONL line 1: missing key \"label\""));
  auto absent = ReadGold(Path("none.csv"), table_, {});
  ASSERT_FALSE(absent.ok());
  EXPECT_EQ(absent.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace chorus::quality
