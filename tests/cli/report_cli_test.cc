// `chorus report` end to end on vote files: one self-contained HTML file with every section and
// the data escaped, JSON with the same figures as `chorus agreement`, and the documented exit
// codes with messages that name the file, line or flag at fault.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/cli/run_chorus.h"

namespace chorus::testing {
namespace {

using Json = nlohmann::json;

// Five items, four annotators; one item name and one annotator try to inject markup.
std::string VotesCsv() {
  return "item,annotator,label\n"
         "r1,ann,pos\nr1,bob,pos\nr1,cid,neg\nr1,<script>x()</script>,pos\n"
         "r2,ann,neg\nr2,bob,neg\nr2,cid,neg\nr2,<script>x()</script>,pos\n"
         "<b>r3</b>,ann,pos\n<b>r3</b>,bob,neg\n<b>r3</b>,cid,pos\n<b>r3</b>,<script>x()</script>,neg\n"
         "r4,ann,pos\nr4,bob,pos\nr4,cid,pos\nr4,<script>x()</script>,pos\n"
         "r5,ann,neg\nr5,bob,neg\nr5,cid,pos\nr5,<script>x()</script>,neg\n";
}

class ReportCliTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

TEST_F(ReportCliTest, WritesOneSelfContainedHtmlFile) {
  const std::string votes = dir_.Write("votes.csv", VotesCsv());
  const std::string gold = dir_.Write("gold.csv", "item,label\nr1,pos\nr2,neg\n");
  const std::string out = (dir_.path() / "report.html").string();
  const ChorusRun run = RunChorus({"report", votes, "--gold", gold, "--out", out});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_TRUE(run.out.empty());
  EXPECT_NE(run.err.find("Wrote the quality report"), std::string::npos) << run.err;
  const std::string html = ReadFile(out);
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  for (const char* id : {"summary", "agreement", "annotators", "confusion", "item-agreement",
                         "disagreements", "labels"}) {
    EXPECT_NE(html.find("<h2 id=\"" + std::string(id) + "\">"), std::string::npos) << id;
  }
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;x()&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;b&gt;r3&lt;/b&gt;"), std::string::npos);
  EXPECT_EQ(html.find("src="), std::string::npos);
  EXPECT_EQ(html.find("href="), std::string::npos);
  EXPECT_NE(html.find("Rows: the gold label"), std::string::npos);
  EXPECT_NE(html.find("<svg "), std::string::npos);
}

TEST_F(ReportCliTest, JsonGivesTheSameAlphaAsChorusAgreement) {
  const std::string votes = dir_.Write("votes.csv", VotesCsv());
  const ChorusRun report =
      RunChorus({"report", votes, "--format", "json", "--method", "mv", "--bootstrap", "500"});
  ASSERT_EQ(report.exit_code, 0) << report.err;
  const Json r = Json::parse(report.out);
  const ChorusRun agreement =
      RunChorus({"agreement", votes, "--format", "json", "--bootstrap", "500"});
  ASSERT_EQ(agreement.exit_code, 0) << agreement.err;
  const Json a = Json::parse(agreement.out);
  double alpha = -2;
  for (const Json& s : r["agreement"]["statistics"])
    if (s["key"] == "krippendorff_alpha") alpha = s["value"].get<double>();
  EXPECT_DOUBLE_EQ(alpha, a["krippendorff_alpha"]["value"].get<double>());
  EXPECT_EQ(r["summary"]["votes"], 20);
  EXPECT_EQ(r["summary"]["annotators"], 4);
  EXPECT_EQ(r["summary"]["method"], "mv");
  EXPECT_EQ(r["annotators"].size(), 4u);
  EXPECT_EQ(r["confusion"]["reference"], "aggregate");
  EXPECT_EQ(r["source"]["file"], votes);
}

TEST_F(ReportCliTest, BadInputNamesTheLineAndUsageErrorsSayWhatToDo) {
  const std::string broken =
      dir_.Write("broken.csv", "item,annotator,label\n1,a,x\n2,b,\"unterminated\n");
  const ChorusRun bad = RunChorus({"report", broken});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("broken.csv:3"), std::string::npos) << bad.err;
  EXPECT_TRUE(bad.out.empty());

  const ChorusRun neither = RunChorus({"report"});
  EXPECT_EQ(neither.exit_code, 2);
  EXPECT_NE(neither.err.find("--project"), std::string::npos) << neither.err;
  const std::string votes = dir_.Write("votes.csv", VotesCsv());
  const ChorusRun both = RunChorus({"report", votes, "--project", "1"});
  EXPECT_EQ(both.exit_code, 2);
  EXPECT_NE(both.err.find("not both"), std::string::npos) << both.err;
  EXPECT_EQ(RunChorus({"report", votes, "--format", "pdf"}).exit_code, 2);

  const ChorusRun method = RunChorus({"report", votes, "--method", "nope"});
  EXPECT_EQ(method.exit_code, 1);
  EXPECT_NE(method.err.find("--method"), std::string::npos) << method.err;
  const ChorusRun wmv = RunChorus({"report", votes, "--method", "wmv"});
  EXPECT_EQ(wmv.exit_code, 1);
  EXPECT_NE(wmv.err.find("gold"), std::string::npos) << wmv.err;

  const ChorusRun help = RunChorus({"report", "--help"});
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.out.find("--project"), std::string::npos);
  EXPECT_NE(help.out.find("self-contained"), std::string::npos) << help.out;
}

}  // namespace
}  // namespace chorus::testing
