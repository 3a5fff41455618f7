// `chorus learn` then `chorus errors`, as a user chains them: the built-in classifier's
// out-of-fold probabilities find labels made wrong on purpose.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "quality/testdata/topic_texts.h"
#include "tests/cli/run_chorus.h"

namespace chorus::testing {
namespace {

TEST(LearnCliTest, OutOfFoldProbabilitiesFeedChorusErrorsWhichFindsTheWrongLabels) {
  const auto texts = quality::testdata::MakeTopicTexts(820, 3, 20, 0.4, 21);
  const std::vector<std::string> classes = {"bird", "cat", "dog"};
  std::string csv = "item,text,label\n";
  std::set<std::string> wrong;
  for (size_t i = 0; i < texts.size(); ++i) {
    const std::string item = "t" + std::to_string(i);
    size_t label = texts[i].label;
    if (i % 10 == 0) {
      label = (label + 1) % 3;
      wrong.insert(item);
    }
    // The last 20 rows are unlabelled: the learner predicts them.
    csv += item + "," + texts[i].text + "," + (i >= 800 ? "" : classes[label]) + "\n";
  }
  TempDir dir;
  const std::string input = dir.Write("reviews.csv", csv);
  const std::string probs = (dir.path() / "probs.csv").string();
  const std::string predicted = (dir.path() / "predicted.csv").string();
  const auto learn =
      RunChorus({"learn", input, "--out", probs, "--predictions", predicted, "--format", "json"});
  ASSERT_EQ(learn.exit_code, 0) << learn.err;
  const auto summary = nlohmann::json::parse(learn.out);
  EXPECT_EQ(summary["labelled"], 800);
  EXPECT_EQ(summary["unlabelled"], 20);
  EXPECT_EQ(summary["classes"], nlohmann::json(classes));
  // One label in ten is wrong, so out-of-fold accuracy against the given labels is near 0.9.
  EXPECT_GT(summary["out_of_fold_accuracy"].get<double>(), 0.8);
  EXPECT_EQ(ReadFile(probs).substr(0, 19), "item,bird,cat,dog\nt");
  const std::string predictions = ReadFile(predicted);
  EXPECT_EQ(std::count(predictions.begin(), predictions.end(), '\n'), 21);

  const auto errors = RunChorus({"errors", input, probs});
  ASSERT_EQ(errors.exit_code, 0) << errors.err;
  std::istringstream lines(errors.out);
  std::string line;
  std::getline(lines, line);
  EXPECT_EQ(line, "item,given,suggested,score");
  size_t flagged = 0, right = 0;
  while (std::getline(lines, line)) {
    ++flagged;
    right += wrong.count(line.substr(0, line.find(','))) > 0;
  }
  EXPECT_GT(static_cast<double>(right) / flagged, 0.7) << flagged << " flagged";
  EXPECT_GT(static_cast<double>(right) / wrong.size(), 0.6) << right << " of " << wrong.size();
}

TEST(LearnCliTest, AFileWithOneClassIsRefusedWithTheReason) {
  TempDir dir;
  const auto run =
      RunChorus({"learn", dir.Write("one.csv", "item,text,label\na,hello,x\nb,there,x\n")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("needs at least two"), std::string::npos) << run.err;
  const auto no_text = RunChorus({"learn", dir.Write("bad.csv", "item,body,label\na,hi,x\n")});
  EXPECT_EQ(no_text.exit_code, 1);
  EXPECT_NE(no_text.err.find("bad.csv:1"), std::string::npos) << no_text.err;
}

}  // namespace
}  // namespace chorus::testing
