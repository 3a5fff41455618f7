// Agreement monitoring over the API as shipped: simulated annotators label through next and
// submit; the report's raw agreement equals the figure worked out by hand, a project with a
// random annotator gets an alert with the advice, a guideline version published midway
// splits the figures, and only managers and reviewers read it.
#include <functional>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

json Choice(const std::string& option) { return {{"sentiment", {{"choices", {option}}}}}; }

// Fleiss' P-bar by hand: per task with n >= 2 labels, the share of agreeing label pairs
// sum_j n_j (n_j - 1) / (n (n - 1)), averaged over those tasks.
double PBar(const std::map<int64_t, std::vector<std::string>>& labels) {
  double sum = 0;
  int paired = 0;
  for (const auto& [task, given] : labels) {
    if (given.size() < 2) continue;
    std::map<std::string, int> counts;
    for (const std::string& g : given) ++counts[g];
    double agreeing = 0;
    for (const auto& [option, n] : counts) agreeing += double(n) * (n - 1);
    sum += agreeing / (double(given.size()) * (given.size() - 1));
    ++paired;
  }
  return paired == 0 ? 0 : sum / paired;
}

class AgreementApiTest : public AppApiTest {
 protected:
  // `who` asks for its next task and labels it with answer(task id); the task id, or 0 when
  // the queue is empty.
  int64_t LabelNext(const Client& who, int64_t project,
                    const std::function<std::string(int64_t)>& answer,
                    std::map<int64_t, std::vector<std::string>>& given) {
    const ClientResponse next =
        who.Post("/api/v1/projects/" + std::to_string(project) + "/next", json::object());
    if (next.status == 204) return 0;  // Nothing left for them.
    EXPECT_EQ(next.status, 200) << next.body;
    if (next.status != 200) return 0;
    const json task = next.Json()["task"];
    const int64_t id = task["id"].get<int64_t>();
    const std::string option = answer(id);
    const ClientResponse submitted = who.Post(
        "/api/v1/tasks/" + std::to_string(id) + "/annotations", {{"result", Choice(option)}});
    EXPECT_EQ(submitted.status, 201) << submitted.body;
    given[id].push_back(option);
    return id;
  }

  json Report(const Client& who, int64_t project, int status = 200) {
    const ClientResponse r =
        who.Call("GET", "/api/v1/projects/" + std::to_string(project) + "/agreement");
    EXPECT_EQ(r.status, status) << r.body;
    return r.status == 200 ? r.Json() : json();
  }
};

bool HasAlert(const json& report, const std::string& scope, const std::string& statistic) {
  for (const json& a : report["alerts"]) {
    if (a["scope"] == scope && a["statistic"] == statistic) return true;
  }
  return false;
}

// Two annotators, four consecutive tasks: they agree on every task except the one whose id is
// 3 mod 4 (exactly one of any four consecutive ids), so raw agreement is 3/4 by hand.
TEST_P(AgreementApiTest, RawAgreementIsTheHandWorkedShare) {
  const int64_t project = MakeProject(/*overlap=*/2, /*tasks=*/4);
  const Client a1 = Login("annotator1@example.org");
  const Client a2 = Login("annotator2@example.org");
  std::map<int64_t, std::vector<std::string>> given;
  const auto base = [](int64_t id) { return id % 2 ? "positive" : "negative"; };
  const auto flips = [&](int64_t id) {
    return id % 4 == 3 ? std::string(id % 2 ? "negative" : "positive") : base(id);
  };
  while (LabelNext(a1, project, base, given) != 0) {
  }
  while (LabelNext(a2, project, flips, given) != 0) {
  }
  ASSERT_EQ(given.size(), 4u);
  const json r = Report(Login("reviewer1@example.org"), project);
  EXPECT_EQ(r["control"], "sentiment");
  EXPECT_EQ(r["overall"]["labels"], 8);
  EXPECT_EQ(r["overall"]["paired_items"], 4);
  EXPECT_DOUBLE_EQ(r["overall"]["raw_agreement"]["value"].get<double>(), 0.75);
  EXPECT_DOUBLE_EQ(PBar(given), 0.75);
  // Four items are fewer than the minimum of 10: no alert, and the report says why.
  EXPECT_TRUE(r["alerts"].empty());
  EXPECT_TRUE(r["overall"].contains("note"));
  // Annotators may not read it; a control that is not there is a 400 naming "control".
  Report(a1, project, 403);
  const ClientResponse bad = admin_->Call(
      "GET", "/api/v1/projects/" + std::to_string(project) + "/agreement?control=nope");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("control"), std::string::npos);
}

// Under guideline version 0 a third annotator answers at random (fixed seed) and agreement
// falls below the thresholds: alerts with the advice. Version 1 is published midway and from
// then on everybody agrees: the per-version figures split, and version 1 raises no alert.
TEST_P(AgreementApiTest, RandomAnnotatorAlertsAndAGuidelineVersionSplitsTheFigures) {
  const int64_t project = MakeProject(/*overlap=*/3, /*tasks=*/24);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const Client a1 = Login("annotator1@example.org");
  const Client a2 = Login("annotator2@example.org");
  const Client a3 = AddAnnotator(project, "random@example.org");
  std::mt19937 random(20261124);
  const auto truth = [](int64_t id) { return std::string(id % 2 ? "positive" : "negative"); };
  const auto coin = [&](int64_t) {
    return std::string(std::uniform_int_distribution<int>(0, 1)(random) ? "positive" : "negative");
  };
  std::map<int64_t, std::vector<std::string>> before, after;
  for (int i = 0; i < 12; ++i) {
    LabelNext(a1, project, truth, before);
    LabelNext(a2, project, truth, before);
    LabelNext(a3, project, coin, before);
  }
  const double raw_before = PBar(before);
  ASSERT_LT(raw_before, 0.70) << "the seed should make the random annotator disagree";

  const json low = Report(*admin_, project);
  EXPECT_NEAR(low["overall"]["raw_agreement"]["value"].get<double>(), raw_before, 1e-12);
  EXPECT_TRUE(HasAlert(low, "project", "raw_agreement")) << low.dump();
  EXPECT_TRUE(HasAlert(low, "guideline:0", "raw_agreement"));
  for (const json& a : low["alerts"]) {
    EXPECT_EQ(a["advice"],
              "revise the task: tighter instructions, worked examples, fewer classes, an "
              "ambiguous bucket");
  }

  const ClientResponse guideline = admin_->Post(p + "/guidelines", {{"markdown", "# Revised"}});
  ASSERT_EQ(guideline.status, 201) << guideline.body;
  for (int i = 0; i < 12; ++i) {
    LabelNext(a1, project, truth, after);
    LabelNext(a2, project, truth, after);
    LabelNext(a3, project, truth, after);
  }
  const json split = Report(Login("manager1@example.org"), project);
  ASSERT_EQ(split["guidelines"].size(), 2u) << split.dump();
  EXPECT_EQ(split["guidelines"][0]["version"], 0);
  EXPECT_EQ(split["guidelines"][1]["version"], 1);
  EXPECT_NEAR(split["guidelines"][0]["raw_agreement"]["value"].get<double>(), raw_before, 1e-12);
  EXPECT_DOUBLE_EQ(split["guidelines"][1]["raw_agreement"]["value"].get<double>(), 1.0);
  EXPECT_DOUBLE_EQ(split["guidelines"][1]["krippendorff_alpha"]["value"].get<double>(), 1.0);
  EXPECT_TRUE(HasAlert(split, "guideline:0", "raw_agreement"));
  EXPECT_FALSE(HasAlert(split, "guideline:1", "raw_agreement"));
  EXPECT_FALSE(HasAlert(split, "guideline:1", "krippendorff_alpha"));
  // Every label fell in this week: one point of the time series, with all 72 labels.
  ASSERT_EQ(split["weeks"].size(), 1u);
  EXPECT_EQ(split["weeks"][0]["labels"], 72);
}

INSTANTIATE_TEST_SUITE_P(Backends, AgreementApiTest, ::testing::Values("sqlite", "postgres"),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace chorus::app
