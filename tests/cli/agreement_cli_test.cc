// `chorus agreement` end to end: the published values come out of the real binary, errors
// give the documented exit codes and name the place at fault, and every format is well formed.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "src/quality/testdata/cohen_sas_3x3.h"
#include "src/quality/testdata/fleiss_1971_diagnoses.h"
#include "src/quality/testdata/krippendorff_2011_4x12.h"
#include "tests/cli/run_chorus.h"

namespace chorus::testing {
namespace {

using Json = nlohmann::json;

// The 4 coders × 12 units reliability matrix of Krippendorff (2011), 0 = missing, written as
// the wide file a user would keep (annotators as rows, blank cells missing).
std::string KrippendorffWideCsv() {
  const auto matrix = quality::testdata::Krippendorff2011Matrix();
  std::string csv = "coder";
  for (size_t u = 1; u <= matrix[0].size(); ++u) csv += ",u" + std::to_string(u);
  csv += "\n";
  for (size_t c = 0; c < matrix.size(); ++c) {
    csv += std::string(1, static_cast<char>('A' + c));
    for (int value : matrix[c]) csv += "," + (value ? std::to_string(value) : "");
    csv += "\n";
  }
  return csv;
}

// Fleiss (1971) Table 1 as units × raters (the orientation of the paper).
std::string FleissDiagnosesCsv() {
  std::string csv = "patient,r1,r2,r3,r4,r5,r6\n";
  int patient = 0;
  for (const auto& row : quality::testdata::Fleiss1971Diagnoses()) {
    csv += std::to_string(++patient);
    for (uint32_t value : row) csv += "," + std::to_string(value);
    csv += "\n";
  }
  return csv;
}

// The SAS 3×3 table expanded to one vote per rater and subject, labels 1..3.
std::string CohenSasLongCsv() {
  const auto table = quality::testdata::CohenSas3x3();
  std::string csv = "item,annotator,label\n";
  int subject = 0;
  for (size_t r = 0; r < table.size(); ++r) {
    for (size_t c = 0; c < table[r].size(); ++c) {
      for (int n = 0; n < static_cast<int>(table[r][c]); ++n) {
        const std::string item = "s" + std::to_string(++subject);
        csv += item + ",rater1," + std::to_string(r + 1) + "\n";
        csv += item + ",rater2," + std::to_string(c + 1) + "\n";
      }
    }
  }
  return csv;
}

Json RunJson(const std::vector<std::string>& args) {
  std::vector<std::string> full = {"agreement"};
  full.insert(full.end(), args.begin(), args.end());
  full.insert(full.end(), {"--format", "json"});
  ChorusRun run = RunChorus(full);
  EXPECT_EQ(run.exit_code, 0) << run.err;
  return Json::parse(run.out);
}

class AgreementCliTest : public ::testing::Test {
 protected:
  TempDir dir_;
};

// Krippendorff (2011); values as tested in fast-krippendorff tests/test_krippendorff.py
// (@13c1938f) and choroba/statistics-krippendorff t/02-example.t: 3 decimals.
TEST_F(AgreementCliTest, ReproducesKrippendorff2011AtEveryLevel) {
  const std::string file = dir_.Write("reliability.csv", KrippendorffWideCsv());
  const std::vector<std::pair<std::string, double>> expected = {
      {"nominal", 0.743}, {"ordinal", 0.815}, {"interval", 0.849}, {"ratio", 0.797}};
  for (const auto& [level, alpha] : expected) {
    Json report = RunJson({file, "--wide", "--level", level, "--metric", "alpha"});
    EXPECT_NEAR(report["krippendorff_alpha"]["value"].get<double>(), alpha, 5e-4) << level;
    EXPECT_EQ(report["input"]["annotators"], 4);
    EXPECT_EQ(report["input"]["items"], 12);
  }
}

// Fleiss (1971) Table 1; R irr::kappam.fleiss gives 0.4302445.
TEST_F(AgreementCliTest, ReproducesFleiss1971FromAUnitsByRatersMatrix) {
  const std::string file = dir_.Write("diagnoses.csv", FleissDiagnosesCsv());
  Json report = RunJson({file, "--wide", "--units-as-rows"});
  EXPECT_NEAR(report["fleiss_kappa"]["value"].get<double>(), 0.4302445, 1e-6);
  EXPECT_EQ(report["fleiss_kappa"]["band"], "moderate");
  EXPECT_EQ(report["input"]["items"], 30);
}

// SAS PROC FREQ on the 3×3 table (statsmodels test_inter_rater.py table10): kappa 0.4842,
// ASE 0.1380, CI 0.2137..0.7547; linear weights 0.4701 (ASE 0.1457).
TEST_F(AgreementCliTest, ReproducesCohenWithAndWithoutWeights) {
  const std::string file = dir_.Write("pair.csv", CohenSasLongCsv());
  Json report = RunJson({file, "--level", "ordinal"});
  const Json& kappa = report["cohen_kappa"];
  EXPECT_NEAR(kappa["value"].get<double>(), 0.4842, 5e-5);
  EXPECT_NEAR(kappa["standard_error"].get<double>(), 0.1380, 5e-5);
  EXPECT_NEAR(kappa["ci95"][0].get<double>(), 0.2137, 5e-5);
  EXPECT_NEAR(kappa["ci95"][1].get<double>(), 0.7547, 5e-5);
  EXPECT_NEAR(report["cohen_kappa_linear"]["value"].get<double>(), 0.4701, 5e-5);
  EXPECT_NEAR(report["cohen_kappa_linear"]["standard_error"].get<double>(), 0.1457, 5e-5);
  EXPECT_TRUE(report.contains("scott_pi"));
}

TEST_F(AgreementCliTest, NounVerbFormGivesTheSameReport) {
  const std::string file = dir_.Write("pair.csv", CohenSasLongCsv());
  ChorusRun short_form = RunChorus({"agreement", file, "--format", "json"});
  ChorusRun noun_verb = RunChorus({"quality", "agreement", file, "--format", "json"});
  EXPECT_EQ(short_form.exit_code, 0);
  EXPECT_EQ(short_form.out, noun_verb.out);
}

TEST_F(AgreementCliTest, TextReportIsATableWithBandsAndUndefinedReasons) {
  const std::string file = dir_.Write("reliability.csv", KrippendorffWideCsv());
  ChorusRun run = RunChorus({"agreement", file, "--wide", "--metric", "alpha,scott"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_NE(run.out.find("Krippendorff's alpha"), std::string::npos) << run.out;
  EXPECT_NE(run.out.find("substantial"), std::string::npos) << run.out;
  // Scott's pi was asked for but there are four coders: it is undefined, with the reason.
  EXPECT_NE(run.out.find("Scott's pi compares exactly two annotators"), std::string::npos);
}

TEST_F(AgreementCliTest, OneCategoryGivesUndefinedNotNaN) {
  const std::string file =
      dir_.Write("same.csv", "item,annotator,label\na,x,yes\na,y,yes\nb,x,yes\nb,y,yes\n");
  Json report = RunJson({file});
  EXPECT_TRUE(report["fleiss_kappa"]["value"].is_null());
  EXPECT_FALSE(report["fleiss_kappa"]["undefined"].get<std::string>().empty());
  EXPECT_TRUE(report["krippendorff_alpha"]["value"].is_null());
  EXPECT_EQ(report["percent_agreement"]["value"], 1.0);
}

TEST_F(AgreementCliTest, LowAgreementWarnsToReviseTheGuidelines) {
  const std::string file = dir_.Write(
      "noisy.csv", "item,annotator,label\n1,a,x\n1,b,y\n2,a,y\n2,b,x\n3,a,x\n3,b,x\n4,a,y\n4,b,x\n");
  Json report = RunJson({file});
  ASSERT_FALSE(report["warnings"].empty());
  EXPECT_NE(report["warnings"][0].get<std::string>().find("revise the guidelines"),
            std::string::npos);
}

TEST_F(AgreementCliTest, BootstrapIsReproducibleForASeed) {
  const std::string file = dir_.Write("reliability.csv", KrippendorffWideCsv());
  const std::vector<std::string> args = {"agreement", file, "--wide", "--metric", "alpha",
                                         "--bootstrap", "500", "--seed", "7", "--format", "json"};
  ChorusRun first = RunChorus(args);
  ChorusRun second = RunChorus(args);
  ASSERT_EQ(first.exit_code, 0) << first.err;
  EXPECT_EQ(first.out, second.out);
  Json alpha = Json::parse(first.out)["krippendorff_alpha"];
  EXPECT_LE(alpha["ci95"][0].get<double>(), alpha["value"].get<double>());
  EXPECT_GE(alpha["ci95"][1].get<double>(), alpha["value"].get<double>());
  EXPECT_EQ(alpha["bootstrap"]["samples"], 500);
}

TEST_F(AgreementCliTest, PairwiseByItemAndGoldSectionsAppear) {
  const std::string votes = dir_.Write(
      "votes.csv", "item,annotator,label\n1,a,x\n1,b,x\n1,c,y\n2,a,y\n2,b,y\n2,c,y\n");
  const std::string gold = dir_.Write("gold.csv", "item,label\n1,x\n2,y\n");
  Json report = RunJson({votes, "--pairwise", "--by-item", "--gold", gold, "--min-shared", "1"});
  EXPECT_EQ(report["pairwise"]["pairs"].size(), 3u);
  EXPECT_EQ(report["by_item"].size(), 2u);
  const Json& annotators = report["gold"]["annotators"];
  ASSERT_EQ(annotators.size(), 3u);
  for (const Json& a : annotators) {
    if (a["annotator"] == "c") {
      EXPECT_EQ(a["correct"], 1);
      EXPECT_DOUBLE_EQ(a["accuracy"]["value"].get<double>(), 0.5);
      EXPECT_EQ(a["confusion"]["x"]["y"], 1);
    }
  }
}

TEST_F(AgreementCliTest, CsvOutputNeutralisesFormulasInNames) {
  const std::string file = dir_.Write(
      "votes.csv", "item,annotator,label\n=HYPERLINK(1),a,x\n=HYPERLINK(1),b,x\n");
  ChorusRun run = RunChorus({"agreement", file, "--by-item", "--format", "csv"});
  ASSERT_EQ(run.exit_code, 0) << run.err;
  EXPECT_EQ(run.out.rfind("item,votes,plurality_label", 0), 0u) << run.out;
  EXPECT_NE(run.out.find("'=HYPERLINK(1)"), std::string::npos) << run.out;
}

TEST_F(AgreementCliTest, ExitCodesFollowTheDocumentedTable) {
  EXPECT_EQ(RunChorus({"--help"}).exit_code, 0);
  ChorusRun version = RunChorus({"--version"});
  EXPECT_EQ(version.exit_code, 0);
  EXPECT_EQ(version.out.rfind("chorus ", 0), 0u);
  EXPECT_EQ(RunChorus({}).exit_code, 2);
  EXPECT_EQ(RunChorus({"agreement"}).exit_code, 2);
  EXPECT_EQ(RunChorus({"agreement", "x.csv", "--no-such-flag"}).exit_code, 2);
  EXPECT_EQ(RunChorus({"agreement", "x.csv", "--metric", "nope"}).exit_code, 2);

  ChorusRun missing = RunChorus({"agreement", (dir_.path() / "absent.csv").string()});
  EXPECT_EQ(missing.exit_code, 1);
  EXPECT_NE(missing.err.find("absent.csv"), std::string::npos) << missing.err;

  const std::string broken =
      dir_.Write("broken.csv", "item,annotator,label\n1,a,x\n2,b,\"unterminated\n");
  ChorusRun bad = RunChorus({"agreement", broken});
  EXPECT_EQ(bad.exit_code, 1);
  EXPECT_NE(bad.err.find("broken.csv:3"), std::string::npos) << bad.err;
  EXPECT_TRUE(bad.out.empty()) << "a malformed file must not yield a partial report";

  const std::string words = dir_.Write("words.csv", "item,annotator,label\n1,a,low\n1,b,high\n");
  ChorusRun not_numeric = RunChorus({"agreement", words, "--level", "interval"});
  EXPECT_EQ(not_numeric.exit_code, 1);
  EXPECT_NE(not_numeric.err.find("\"low\""), std::string::npos) << not_numeric.err;
}

TEST_F(AgreementCliTest, CsvWithSeveralSectionsIsAUsageError) {
  const std::string file = dir_.Write("pair.csv", CohenSasLongCsv());
  ChorusRun run = RunChorus({"agreement", file, "--by-item", "--pairwise", "--format", "csv"});
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.err.find("one table"), std::string::npos) << run.err;
}

}  // namespace
}  // namespace chorus::testing
