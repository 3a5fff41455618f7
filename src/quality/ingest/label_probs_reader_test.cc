#include "quality/ingest/label_probs_reader.h"

#include <gtest/gtest.h>

#include "quality/ingest/test_files.h"

namespace chorus::quality {
namespace {

class LabelProbsReaderTest : public testing::TempDirTest {
 protected:
  // Reads LABELS and PROBS written from the given texts.
  Result<LabelsAndProbs> Read(const std::string& labels, const std::string& probs) {
    return ReadLabelsAndProbs(Write("labels.csv", labels), Write("probs.csv", probs));
  }
  static std::string FieldOf(const Result<LabelsAndProbs>& result) {
    return result.status().field().substr(result.status().field().rfind('/') + 1);
  }
};

constexpr const char* kProbs = "item,cat,dog\na,0.9,0.1\nb,0.25,0.75\nc,0.5,0.5\n";

TEST_F(LabelProbsReaderTest, MatchesItemsInAnyOrderAndTakesClassesFromTheHeader) {
  auto read = Read("Task ID,Answer,comment\nc,dog,x\na,cat,\nz,,unlabelled\nb,cat,\n", kProbs);
  ASSERT_TRUE(read.ok()) << read.status().ToString();
  EXPECT_EQ(read->classes, (std::vector<std::string>{"cat", "dog"}));
  EXPECT_EQ(read->items, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(read->labels, (std::vector<size_t>{0, 0, 1}));
  EXPECT_EQ(read->probs.at(1, 1), 0.75);
}

TEST_F(LabelProbsReaderTest, NamesTheLineOfEachMistakeAndSaysWhatToDo) {
  auto unknown = Read("item,label\na,cat\nb,bird\n", kProbs);
  EXPECT_EQ(FieldOf(unknown), "labels.csv:3");
  EXPECT_NE(unknown.status().message().find("\"bird\" of item \"b\" is not a class"),
            std::string::npos);
  EXPECT_NE(unknown.status().message().find("(cat, dog)"), std::string::npos);

  auto missing = Read("item,label\na,cat\nc,dog\n", kProbs);
  EXPECT_EQ(FieldOf(missing), "probs.csv:3");
  EXPECT_NE(missing.status().message().find("item \"b\" has no label"), std::string::npos);

  auto stranger = Read("item,label\nz,cat\n", kProbs);
  EXPECT_EQ(FieldOf(stranger), "labels.csv:2");

  auto twice = Read("item,label\na,cat\nb,dog\nc,dog\na,dog\n", kProbs);
  EXPECT_EQ(FieldOf(twice), "labels.csv:5");
  EXPECT_NE(twice.status().message().find("already has a label on line 2"), std::string::npos);

  auto no_header = Read("a,cat\nb,dog\nc,dog\n", kProbs);
  EXPECT_EQ(FieldOf(no_header), "labels.csv:1");
  EXPECT_NE(no_header.status().message().find("e.g. item,label"), std::string::npos);
}

TEST_F(LabelProbsReaderTest, RefusesRowsThatAreNotADistribution) {
  const std::string labels = "item,label\na,cat\nb,dog\n";
  auto sum = Read(labels, "item,cat,dog\na,0.9,0.1\nb,0.5,0.3\n");
  EXPECT_EQ(FieldOf(sum), "probs.csv:3");
  EXPECT_NE(sum.status().message().find("add up to 0.8, not 1"), std::string::npos);
  EXPECT_EQ(FieldOf(Read(labels, "item,cat,dog\na,0.9,0.1\nb,1.5,-0.5\n")), "probs.csv:3");
  EXPECT_EQ(FieldOf(Read(labels, "item,cat,dog\na,0.9,0.1\nb,x,1\n")), "probs.csv:3");
  EXPECT_EQ(FieldOf(Read(labels, "item,cat,dog\na,0.9,0.1\nb,1\n")), "probs.csv:3");
  EXPECT_EQ(FieldOf(Read(labels, "item,cat,cat\na,0.9,0.1\n")), "probs.csv:1");
  EXPECT_EQ(FieldOf(Read(labels, "item,cat\na,1\n")), "probs.csv:1");
  auto dup = Read(labels, "item,cat,dog\na,0.9,0.1\na,0.8,0.2\n");
  EXPECT_NE(dup.status().message().find("already has probabilities on line 2"), std::string::npos);
  // Rounded figures (0.333 × 3) are a distribution.
  EXPECT_TRUE(Read("item,label\na,x\n", "item,x,y,z\na,0.333,0.333,0.333\n").ok());
}

}  // namespace
}  // namespace chorus::quality
