// `chorus aggregate` and `chorus annotators` end to end: the documented columns, formats,
// gold handling and errors.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <vector>

#include "tests/cli/run_chorus.h"

namespace chorus::testing {
namespace {

using Json = nlohmann::json;

// Three careful annotators and one who always answers "x"; item 4 is a 2-2 split.
constexpr const char* kVotes =
    "item,annotator,label\n"
    "1,a,x\n1,b,x\n1,c,x\n1,spam,x\n"
    "2,a,y\n2,b,y\n2,c,y\n2,spam,x\n"
    "3,a,y\n3,b,y\n3,c,x\n3,spam,x\n"
    "4,a,y\n4,b,x\n4,c,y\n4,spam,x\n"
    "5,a,x\n5,b,x\n5,c,y\n5,spam,x\n"
    "6,a,y\n6,b,y\n6,c,y\n6,spam,x\n";

class AggregateCliTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string votes_ = dir_.Write("votes.csv", kVotes);
};

TEST_F(AggregateCliTest, WritesTheDocumentedCsvColumnsWithDistributionsThatSumToOne) {
  for (const char* method : {"mv", "wawa", "ds", "onecoin", "glad", "mace"}) {
    ChorusRun run = RunChorus({"aggregate", votes_, "--method", method});
    ASSERT_EQ(run.exit_code, 0) << method << ": " << run.err;
    std::istringstream lines(run.out);
    std::string header;
    std::getline(lines, header);
    EXPECT_EQ(header, "item,label,confidence,weight,ambiguous,distribution") << method;
    int rows = 0;
    for (std::string line; std::getline(lines, line); ++rows) {
      const std::string distribution = line.substr(line.rfind(',') + 1);
      double sum = 0;
      std::istringstream parts(distribution);
      for (std::string part; std::getline(parts, part, ';');) {
        sum += std::stod(part.substr(part.find(':') + 1));
      }
      EXPECT_NEAR(sum, 1.0, 1e-5) << method << ": " << line;
    }
    EXPECT_EQ(rows, 6) << method;
    EXPECT_NE(run.err.find("Least reliable annotators"), std::string::npos) << run.err;
  }
}

TEST_F(AggregateCliTest, JsonlOutputFileAndJsonSummary) {
  const std::string out = (dir_.path() / "labels.jsonl").string();
  ChorusRun run = RunChorus(
      {"aggregate", votes_, "--method", "ds", "--out", out, "--soft", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Json summary = Json::parse(run.out);
  EXPECT_EQ(summary["method"], "ds");
  EXPECT_EQ(summary["input"]["items"], 6);
  EXPECT_TRUE(summary["converged"].get<bool>());
  EXPECT_EQ(summary["annotators"].size(), 4u);
  std::istringstream lines(ReadFile(out));
  std::string first;
  std::getline(lines, first);
  Json item = Json::parse(first);
  for (const char* key : {"item", "label", "confidence", "weight", "ambiguous", "distribution",
                          "vote_distribution"}) {
    EXPECT_TRUE(item.contains(key)) << key;
  }
}

// Gold clamps the output label, but the reported accuracy on gold comes from a fit that did
// not see it: here every vote on item 6 says y, gold says x, so the held-out accuracy is 0.
TEST_F(AggregateCliTest, GoldClampsLabelsButIsJudgedHeldOut) {
  const std::string gold = dir_.Write("gold.csv", "item,label\n6,x\n");
  ChorusRun run = RunChorus({"aggregate", votes_, "--method", "mv", "--gold", gold, "--format",
                             "json", "--out", (dir_.path() / "labels.csv").string()});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Json summary = Json::parse(run.out);
  EXPECT_EQ(summary["gold"]["gold_items"], 1);
  EXPECT_EQ(summary["gold"]["accuracy"]["value"], 0.0);
  EXPECT_NE(ReadFile((dir_.path() / "labels.csv").string()).find("\n6,x,"), std::string::npos);
}

TEST_F(AggregateCliTest, AnnotatorsTableFlagsTheConstantAnswererUnderMace) {
  ChorusRun run = RunChorus({"annotators", votes_, "--method", "mace", "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Json rows = Json::parse(run.out);
  ASSERT_EQ(rows.size(), 4u);
  EXPECT_EQ(rows[0]["annotator"], "spam") << rows.dump();  // Least reliable first.
  ChorusRun csv = RunChorus({"annotators", votes_, "--format", "csv"});
  ASSERT_EQ(csv.exit_code, 0) << csv.err;
  EXPECT_EQ(csv.out.rfind("annotator,votes,estimated_accuracy", 0), 0u) << csv.out;
}

TEST_F(AggregateCliTest, SameSeedSameOutput) {
  ChorusRun first = RunChorus({"aggregate", votes_, "--method", "mace", "--seed", "3"});
  ChorusRun second = RunChorus({"aggregate", votes_, "--method", "mace", "--seed", "3"});
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, second.out);
}

// Rows are formatted by several threads in blocks of 16,384 items: the file must be the one a
// single thread writes, every item once and in order, across block boundaries.
TEST_F(AggregateCliTest, ItemsFileIsTheSameWhateverTheThreads) {
  constexpr int kItems = 40000;
  std::string votes = "item,annotator,label\n";
  for (int i = 0; i < kItems; ++i) {
    const std::string item = "item" + std::to_string(i);
    votes += item + ",a," + (i % 3 ? "x" : "y") + "\n" + item + ",b,x\n";
  }
  const std::string input = dir_.Write("many.csv", votes);
  for (const char* extension : {".csv", ".jsonl"}) {
    std::vector<std::string> files;
    for (const char* threads : {"1", "3"}) {
      const std::string out = (dir_.path() / (std::string("out") + threads + extension)).string();
      ChorusRun run = RunChorus({"aggregate", input, "--method", "mv", "--soft", "--threads",
                                 threads, "--out", out, "--format", "json"});
      ASSERT_EQ(run.exit_code, 0) << run.err;
      files.push_back(ReadFile(out));
    }
    EXPECT_EQ(files[0], files[1]) << extension;
    std::istringstream lines(files[1]);
    std::string line;
    if (std::string(extension) == ".csv") std::getline(lines, line);  // The header.
    for (int i = 0; i < kItems; ++i) {
      ASSERT_TRUE(std::getline(lines, line)) << extension << ": stops before item " << i;
      const std::string item = "item" + std::to_string(i);
      const std::string expected =
          std::string(extension) == ".csv" ? item + "," : "{\"item\":\"" + item + "\"";
      ASSERT_EQ(line.rfind(expected, 0), 0u) << extension << ": row " << i << " is " << line;
    }
    EXPECT_FALSE(std::getline(lines, line)) << extension << ": a row too many: " << line;
  }
}

// The old file is removed before the new one is renamed into place (cli/output_file.cc).
TEST_F(AggregateCliTest, ARerunReplacesTheItemsFileAndLeavesNoTemporaryFile) {
  const std::filesystem::path folder = dir_.path() / "rerun";
  std::filesystem::create_directory(folder);
  const std::string out = (folder / "labels.csv").string();
  const std::string fresh = (dir_.path() / "fresh.csv").string();
  ASSERT_EQ(RunChorus({"aggregate", votes_, "--method", "mv", "--out", out}).exit_code, 0);
  const std::string first = ReadFile(out);
  ASSERT_EQ(RunChorus({"aggregate", votes_, "--method", "ds", "--soft", "--out", out}).exit_code,
            0);
  ASSERT_EQ(RunChorus({"aggregate", votes_, "--method", "ds", "--soft", "--out", fresh}).exit_code,
            0);
  EXPECT_EQ(ReadFile(out), ReadFile(fresh));
  EXPECT_NE(ReadFile(out), first);
  std::vector<std::string> names;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    names.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(names, std::vector<std::string>{"labels.csv"});
}

TEST_F(AggregateCliTest, ErrorsFollowTheExitCodeTable) {
  EXPECT_EQ(RunChorus({"aggregate", votes_, "--method", "nope"}).exit_code, 2);
  ChorusRun wmv = RunChorus({"aggregate", votes_, "--method", "wmv"});
  EXPECT_EQ(wmv.exit_code, 1);
  EXPECT_NE(wmv.err.find("--gold"), std::string::npos) << wmv.err;
  ChorusRun folder = RunChorus({"aggregate", votes_, "--out", "/nonexistent/dir/x.csv"});
  EXPECT_EQ(folder.exit_code, 1);
  EXPECT_NE(folder.err.find("/nonexistent/dir/x.csv"), std::string::npos) << folder.err;
}

// Likert 1-5: item 1 = 4, 5, 4 (mean 13/3, median 4); item 2 = 2, 3, 1 (mean 2, spread 1);
// item 3 has one vote. b rates one point above a on every shared item.
constexpr const char* kRatings =
    "item,annotator,label\n"
    "1,a,4\n1,b,5\n1,c,4\n"
    "2,a,2\n2,b,3\n2,c,1\n"
    "3,a,5\n";

class NumericAggregateCliTest : public ::testing::Test {
 protected:
  TempDir dir_;
  std::string ratings_ = dir_.Write("ratings.csv", kRatings);
};

TEST_F(NumericAggregateCliTest, MeanCsvHasTheDocumentedHeaderAndHandCheckedRows) {
  ChorusRun run = RunChorus({"aggregate", ratings_, "--method", "mean"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string header, first, second, third;
  std::getline(lines, header);
  EXPECT_EQ(header, "item,value,nearest_label,votes,spread,ci_low,ci_high");
  std::getline(lines, first);
  std::getline(lines, second);
  std::getline(lines, third);
  // Item 1: mean 4.3333333, nearest scale point 4, spread sqrt(1/3) = 0.57735027,
  // ± t(0.975, 2)·0.57735/sqrt(3) = ± 4.3026527·0.33333333 = ± 1.4342176.
  EXPECT_EQ(first, "1,4.3333333,4,3,0.57735027,2.8991158,5.7675509");
  // Item 2: mean 2, spread 1, ± 4.3026527/sqrt(3) = ± 2.4841377.
  EXPECT_EQ(second, "2,2,2,3,1,-0.48413771,4.4841377");
  // Item 3: one vote: spread 0, no interval (empty cells).
  EXPECT_EQ(third, "3,5,5,1,0,,");
  EXPECT_NE(run.err.find("Most biased annotators"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("Noisiest annotators"), std::string::npos) << run.err;
}

TEST_F(NumericAggregateCliTest, NoiseAwareJsonlAndJsonSummary) {
  const std::string out = (dir_.path() / "scores.jsonl").string();
  ChorusRun run = RunChorus(
      {"aggregate", ratings_, "--method", "noise-aware", "--out", out, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Json summary = Json::parse(run.out);
  EXPECT_EQ(summary["method"], "noise-aware");
  EXPECT_EQ(summary["input"]["items"], 3);
  EXPECT_EQ(summary["input"]["votes"], 7);
  EXPECT_TRUE(summary["converged"].get<bool>());
  EXPECT_GT(summary["iterations"].get<int>(), 0);
  EXPECT_EQ(summary["most_biased"][0]["annotator"], "b") << summary.dump();
  EXPECT_EQ(summary["noisiest"].size(), 3u);
  std::istringstream lines(ReadFile(out));
  std::vector<Json> items;
  for (std::string line; std::getline(lines, line);) items.push_back(Json::parse(line));
  ASSERT_EQ(items.size(), 3u);
  for (const char* key :
       {"item", "value", "nearest_label", "votes", "spread", "ci_low", "ci_high"}) {
    EXPECT_TRUE(items[0].contains(key)) << key;
  }
  EXPECT_LT(items[0]["ci_low"].get<double>(), items[0]["value"].get<double>());
  EXPECT_TRUE(items[2]["ci_low"].is_null());
  EXPECT_NE(items[2]["undefined"].get<std::string>().find("one vote"), std::string::npos);
}

TEST_F(NumericAggregateCliTest, AnnotatorsListsBiasAndNoise) {
  ChorusRun run = RunChorus({"annotators", ratings_, "--method", "noise-aware", "--format", "csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("annotator,votes,bias,noise_sd\n", 0), 0u) << run.out;
  ChorusRun text = RunChorus({"annotators", ratings_, "--method", "median"});
  ASSERT_EQ(text.exit_code, 0) << text.err;
  EXPECT_NE(text.out.find("Noise SD"), std::string::npos) << text.out;
}

TEST_F(NumericAggregateCliTest, NonNumericLabelIsBadInputNamingTheLabel) {
  const std::string votes = dir_.Write("words.csv", "item,annotator,label\n1,a,4\n1,b,good\n");
  ChorusRun run = RunChorus({"aggregate", votes, "--method", "median"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("\"good\" is not a number"), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty()) << run.out;
  ChorusRun trim = RunChorus({"aggregate", ratings_, "--method", "trimmed-mean", "--trim", "0.5"});
  EXPECT_EQ(trim.exit_code, 1);
  EXPECT_NE(trim.err.find("--trim"), std::string::npos) << trim.err;
}

// Pairwise preferences: three models, "best" beats the others, "spam" flips every answer.
constexpr const char* kPreferences =
    "item,annotator,left,right,winner\n"
    "p1,a,best,mid,left\np1,b,mid,best,right\np1,spam,best,mid,right\n"
    "p2,a,mid,low,left\np2,b,mid,low,mid\np2,spam,mid,low,b\n"
    "p3,a,low,best,right\np3,b,best,low,A\np3,spam,low,best,left\n"
    "p4,a,best,mid,tie\np4,b,low,mid,right\np4,spam,low,mid,left\n"
    "p5,a,best,low,left\np5,b,mid,best,both_bad\np5,spam,mid,low,right\n";

class PreferenceCliTest : public AggregateCliTest {
 protected:
  std::string prefs_ = dir_.Write("prefs.csv", kPreferences);
};

TEST_F(PreferenceCliTest, BradleyTerryWritesOneRowPerOptionBestFirst) {
  ChorusRun run = RunChorus({"aggregate", prefs_, "--method", "bt"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  std::istringstream lines(run.out);
  std::string header, first;
  std::getline(lines, header);
  EXPECT_EQ(header,
            "option,score,score_low,score_high,rank,rank_low,rank_high,wins,losses,ties,"
            "comparisons,component");
  std::getline(lines, first);
  EXPECT_EQ(first.substr(0, first.find(',')), "best") << run.out;
  int rows = 1;
  for (std::string line; std::getline(lines, line);) ++rows;
  EXPECT_EQ(rows, 3);
  EXPECT_NE(run.err.find("Ranked 3 options"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("Tie parameter"), std::string::npos) << run.err;
}

TEST_F(PreferenceCliTest, CrowdBtJsonlFileAndJsonSummaryListAnnotators) {
  const std::string out = (dir_.path() / "ranking.jsonl").string();
  ChorusRun run =
      RunChorus({"aggregate", prefs_, "--method", "crowdbt", "--out", out, "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  Json summary = Json::parse(run.out);
  EXPECT_EQ(summary["method"], "crowdbt");
  EXPECT_EQ(summary["input"]["options"], 3);
  EXPECT_EQ(summary["input"]["comparisons"], 15);
  EXPECT_EQ(summary["input"]["both_bad"], 1);
  EXPECT_EQ(summary["input"]["annotators"], 3);
  EXPECT_EQ(summary["components"], 1);
  ASSERT_EQ(summary["annotators"].size(), 3u);
  EXPECT_EQ(summary["annotators"][0]["annotator"], "spam") << summary.dump();
  std::istringstream lines(ReadFile(out));
  int rows = 0;
  for (std::string line; std::getline(lines, line); ++rows) {
    Json option = Json::parse(line);
    for (const char* key : {"option", "score", "score_low", "score_high", "rank", "rank_low",
                            "rank_high", "wins", "losses", "ties", "comparisons", "component"}) {
      EXPECT_TRUE(option.contains(key)) << key;
    }
    EXPECT_LE(option["score_low"].get<double>(), option["score"].get<double>());
  }
  EXPECT_EQ(rows, 3);
}

TEST_F(PreferenceCliTest, DisconnectedGraphWarns) {
  const std::string path = dir_.Write("split.csv",
                                      "item,annotator,left,right,winner\n"
                                      "p1,a,x,y,left\np2,a,u,v,right\n");
  ChorusRun run = RunChorus({"aggregate", path, "--method", "bt"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.err.find("Warning: the comparison graph has 2 connected components"),
            std::string::npos)
      << run.err;
}

TEST_F(PreferenceCliTest, BadWinnerNamesLineAndColumn) {
  const std::string path = dir_.Write("bad.csv",
                                      "item,annotator,left,right,winner\n"
                                      "p1,a,x,y,left\np1,b,x,y,maybe\n");
  ChorusRun run = RunChorus({"aggregate", path, "--method", "bt"});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("bad.csv:3:10"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("left, right, tie"), std::string::npos) << run.err;
  ChorusRun gold = RunChorus({"aggregate", prefs_, "--method", "bt", "--gold", path});
  EXPECT_EQ(gold.exit_code, 1);
  EXPECT_NE(gold.err.find("--gold does not apply"), std::string::npos) << gold.err;
}

}  // namespace
}  // namespace chorus::testing
