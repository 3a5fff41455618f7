// `chorus aggregate` and `chorus annotators` end to end: the documented columns, formats,
// gold handling and errors.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

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

std::string ReadFile(const std::string& path) {
  std::ifstream in(path);
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

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
  ChorusRun run = RunChorus({"aggregate", votes_, "--method", "ds", "--out", out, "--soft",
                             "--format", "json"});
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
  ChorusRun run = RunChorus(
      {"aggregate", votes_, "--method", "mv", "--gold", gold, "--format", "json", "--out",
       (dir_.path() / "labels.csv").string()});
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

TEST_F(AggregateCliTest, ErrorsFollowTheExitCodeTable) {
  EXPECT_EQ(RunChorus({"aggregate", votes_, "--method", "nope"}).exit_code, 2);
  ChorusRun wmv = RunChorus({"aggregate", votes_, "--method", "wmv"});
  EXPECT_EQ(wmv.exit_code, 1);
  EXPECT_NE(wmv.err.find("--gold"), std::string::npos) << wmv.err;
  ChorusRun folder = RunChorus({"aggregate", votes_, "--out", "/nonexistent/dir/x.csv"});
  EXPECT_EQ(folder.exit_code, 1);
  EXPECT_NE(folder.err.find("/nonexistent/dir/x.csv"), std::string::npos) << folder.err;
}

}  // namespace
}  // namespace chorus::testing
