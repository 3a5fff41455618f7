// `chorus weak` as a user runs it: functions from JSON, texts from CSV, labels out, the
// function table and the validation against the human labels in the summary.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "tests/cli/run_chorus.h"

namespace chorus::testing {
namespace {

constexpr const char* kFunctions = R"({"labels": ["spam", "ham"], "functions": [
  {"name": "money", "kind": "keyword", "keywords": ["free money"], "label": "spam"},
  {"name": "opt_out", "kind": "regex", "pattern": "opt.?out", "label": "spam"},
  {"name": "meeting", "kind": "keyword", "keywords": ["meeting"], "label": "ham"}]})";

// Rows 1-3 are spam and 4-5 ham by their human labels; row 6 matches nothing.
constexpr const char* kTexts =
    "item,text,label\n"
    "m1,Free money! Opt-out below,spam\n"
    "m2,FREE MONEY for you,spam\n"
    "m3,\"To opt out, reply\",\n"
    "m4,Notes from the meeting,ham\n"
    "m5,\"meeting moved, free money later\",ham\n"
    "m6,hello,\n";

TEST(WeakCliTest, WritesProbabilisticLabelsAndTheFunctionTable) {
  TempDir dir;
  const std::string out = (dir.path() / "labels.csv").string();
  const auto run = RunChorus({"weak", dir.Write("texts.csv", kTexts), "--functions",
                              dir.Write("f.json", kFunctions), "--out", out, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto summary = nlohmann::json::parse(run.out);
  EXPECT_EQ(summary["items"], 6);
  EXPECT_EQ(summary["covered"], 5);
  EXPECT_EQ(summary["functions"][0]["name"], "money");
  EXPECT_NEAR(summary["functions"][0]["coverage"].get<double>(), 3.0 / 6, 1e-12);
  // money votes spam on m1, m2 (right) and m5 (wrong): 2 of 3 against the human labels.
  EXPECT_EQ(summary["functions"][0]["accuracy"]["judged"], 3);
  EXPECT_NEAR(summary["functions"][0]["accuracy"]["value"].get<double>(), 2.0 / 3, 1e-12);
  EXPECT_EQ(summary["validation"]["judged"], 4);
  const std::string labels = ReadFile(out);
  EXPECT_EQ(labels.substr(0, labels.find('\n')), "item,label,confidence,covered,p_spam,p_ham");
  EXPECT_NE(labels.find("\nm3,spam,"), std::string::npos) << labels;
  EXPECT_NE(labels.find("\nm6,,,false,"), std::string::npos) << labels;
}

TEST(WeakCliTest, ABadFunctionIsNamedWithItsField) {
  TempDir dir;
  const auto run = RunChorus({"weak", dir.Write("texts.csv", kTexts), "--functions",
                              dir.Write("f.json", R"({"labels": ["spam", "ham"], "functions": [
         {"name": "x", "kind": "regex", "pattern": "(a", "label": "spam"}]})")});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("functions[0].pattern"), std::string::npos) << run.err;
  const auto unknown_label = RunChorus({"weak", dir.Write("t2.csv", "item,text,label\na,hi,eggs\n"),
                                        "--functions", dir.Write("g.json", kFunctions)});
  EXPECT_EQ(unknown_label.exit_code, 1);
  EXPECT_NE(unknown_label.err.find("\"eggs\""), std::string::npos) << unknown_label.err;
}

}  // namespace
}  // namespace chorus::testing
