// `chorus autolabel` as a user runs it: calibration items in, the threshold and the accepted
// pool predictions out.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <random>
#include <sstream>

#include "tests/cli/run_chorus.h"

namespace chorus::testing {
namespace {

// A model whose label is right with probability equal to its score, mostly confident.
std::string Predictions(size_t items, bool with_label, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> u(0.0, 1.0);
  std::string csv = with_label ? "item,predicted,score,label\n" : "item,predicted,score\n";
  for (size_t i = 0; i < items; ++i) {
    const double x = u(rng), score = 1 - x * x * x / 2;
    const bool right = std::bernoulli_distribution(score)(rng);
    csv += "i" + std::to_string(i) + ",cat," + std::to_string(score);
    if (with_label) csv += right ? ",cat" : ",dog";
    csv += "\n";
  }
  return csv;
}

TEST(AutolabelCliTest, FindsAThresholdAndAcceptsThePoolPredictionsAboveIt) {
  TempDir dir;
  const std::string out = (dir.path() / "accepted.csv").string();
  const auto run = RunChorus({"autolabel", dir.Write("calibration.csv", Predictions(1000, true, 3)),
                              "--target", "0.95", "--confidence", "0.9", "--pool",
                              dir.Write("pool.csv", Predictions(500, false, 4)), "--out", out,
                              "--format", "json"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto summary = nlohmann::json::parse(run.out);
  ASSERT_TRUE(summary["threshold"].is_number()) << summary.dump();
  const double threshold = summary["threshold"];
  EXPECT_GE(summary["lower_bound"].get<double>(), 0.95);
  EXPECT_EQ(summary["calibration_items"], 1000);
  // Every accepted row scores at least the threshold, and their number is the summary's.
  std::istringstream accepted(ReadFile(out));
  std::string line;
  std::getline(accepted, line);
  EXPECT_EQ(line, "item,label,score");
  int rows = 0;
  while (std::getline(accepted, line)) {
    ++rows;
    EXPECT_GE(std::stod(line.substr(line.rfind(',') + 1)), threshold - 1e-6) << line;
  }
  EXPECT_EQ(rows, summary["pool"]["accepted"].get<int>());
  EXPECT_GT(rows, 100);
}

TEST(AutolabelCliTest, SaysWhenNoThresholdMeetsTheTargetAndNamesBadInput) {
  TempDir dir;
  const auto strict =
      RunChorus({"autolabel", dir.Write("c.csv", Predictions(100, true, 5)), "--target", "0.999"});
  EXPECT_EQ(strict.exit_code, 0) << strict.err;
  EXPECT_NE(strict.out.find("No threshold meets"), std::string::npos) << strict.out;
  const auto no_label = RunChorus({"autolabel", dir.Write("n.csv", Predictions(10, false, 6))});
  EXPECT_EQ(no_label.exit_code, 1);
  EXPECT_NE(no_label.err.find("n.csv:1"), std::string::npos) << no_label.err;
  const auto bad_score =
      RunChorus({"autolabel", dir.Write("b.csv", "item,predicted,score,label\na,cat,high,cat\n")});
  EXPECT_EQ(bad_score.exit_code, 1);
  EXPECT_NE(bad_score.err.find("b.csv:2"), std::string::npos) << bad_score.err;
}

}  // namespace
}  // namespace chorus::testing
