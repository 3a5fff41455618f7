// `chorus errors` as a user runs it: files in, ranked suspects out, errors with exit codes.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "tests/cli/run_chorus.h"

namespace chorus::testing {
namespace {

// The hand-worked example of confident_learning_test.cc: items c and f are the suspects, c
// first (self-confidence 0.2 against 0.3). The item named "=cmd" shows the CSV guard.
constexpr const char* kLabels = "item,label\na,cat\nb,cat\nc,cat\nd,dog\ne,dog\n=cmd,dog\n";
constexpr const char* kProbs =
    "item,cat,dog\na,0.9,0.1\nb,0.8,0.2\nc,0.2,0.8\nd,0.1,0.9\ne,0.3,0.7\n=cmd,0.7,0.3\n";

TEST(ErrorsCliTest, WritesTheSuspectsMostSuspectFirstWithTheSummaryOnStandardError) {
  TempDir dir;
  const auto run = RunChorus({"errors", dir.Write("l.csv", kLabels), dir.Write("p.csv", kProbs)});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out, "item,given,suggested,score\nc,cat,dog,0.2\n'=cmd,dog,cat,0.3\n");
  EXPECT_NE(run.err.find("2 suspect labels among 6 items in 2 classes"), std::string::npos)
      << run.err;
}

TEST(ErrorsCliTest, OutFileAndJsonSummaryWithTheConfidentJoint) {
  TempDir dir;
  const std::string out = (dir.path() / "suspects.csv").string();
  const auto run = RunChorus({"errors", dir.Write("l.csv", kLabels), dir.Write("p.csv", kProbs),
                              "--out", out, "--format", "json", "--rank-by", "normalized_margin"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  const auto summary = nlohmann::json::parse(run.out);
  EXPECT_EQ(summary["suspects"], 2);
  EXPECT_EQ(summary["confident_joint"], nlohmann::json::parse("[[2,1],[1,2]]"));
  EXPECT_NEAR(summary["estimated_noise"].get<double>(), 1.0 / 3, 1e-9);
  EXPECT_EQ(ReadFile(out), "item,given,suggested,score\nc,cat,dog,0.2\n'=cmd,dog,cat,0.3\n");
}

// --out to a pipe (as to /dev/null or /dev/stdout) writes into it: the atomic rename of
// ordinary files would replace the pipe, or /dev/null itself, with a regular file.
TEST(ErrorsCliTest, OutToAPipeWritesIntoItAndLeavesItAPipe) {
  TempDir dir;
  const std::string fifo = (dir.path() / "suspects.fifo").string();
  ASSERT_EQ(mkfifo(fifo.c_str(), 0600), 0);
  // Held open for writing until chorus has exited, so the reader never blocks, and ends (with
  // nothing) even if chorus wrongly replaced the pipe instead of writing into it.
  const int keep = open(fifo.c_str(), O_RDWR);
  ASSERT_GE(keep, 0);
  std::string received;
  std::thread reader([&] {
    std::ifstream in(fifo, std::ios::binary);
    received.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  });
  const auto run = RunChorus(
      {"errors", dir.Write("l.csv", kLabels), dir.Write("p.csv", kProbs), "--out", fifo});
  close(keep);
  reader.join();
  EXPECT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(received, "item,given,suggested,score\nc,cat,dog,0.2\n'=cmd,dog,cat,0.3\n");
  EXPECT_TRUE(std::filesystem::is_fifo(fifo));
}

TEST(ErrorsCliTest, BadInputNamesTheFileAndLineWithExitCodeOne) {
  TempDir dir;
  const auto run =
      RunChorus({"errors", dir.Write("l.csv", "item,label\na,bird\n"), dir.Write("p.csv", kProbs)});
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.err.find("l.csv:2"), std::string::npos) << run.err;
  EXPECT_NE(run.err.find("\"bird\""), std::string::npos) << run.err;
  EXPECT_TRUE(run.out.empty());
  EXPECT_EQ(RunChorus({"errors", "only-one-file.csv"}).exit_code, 2);
}

}  // namespace
}  // namespace chorus::testing
