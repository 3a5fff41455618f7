// The dashboard's gold accuracy over the API as shipped: annotators label, a manager then marks
// three of the tasks gold (two with the answer they gave, one with another), and the weekly
// figures count 2 of 3 with the Wilson interval the gold report uses; the CSV carries the same
// row; annotators and reviewers get 403 (the figures reveal gold); a bad format is a 400. The
// pairwise heatmap: two annotators who give the same answers on six tasks agree fully, named
// by display name in JSON and CSV.

#include "quality/wilson_interval.h"
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

// "2026-W48": std::regex would do, but GCC 12 warns falsely inside it under ASan (-Werror).
bool IsIsoWeek(const std::string& week) {
  const auto digits = [&](size_t from, size_t n) {
    for (size_t i = from; i < from + n; ++i) {
      if (week[i] < '0' || week[i] > '9') return false;
    }
    return true;
  };
  return week.size() == 8 && digits(0, 4) && week.substr(4, 2) == "-W" && digits(6, 2);
}

TEST_P(AppApiTest, DashboardGoldAccuracyPerWeek) {
  const int64_t project = MakeProject(/*overlap=*/1, /*tasks=*/3);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const Client annotator = Login("annotator1@example.org");
  std::vector<int64_t> answered;
  for (ClientResponse next = annotator.Post(p + "/next", json::object()); next.status == 200;
       next = annotator.Post(p + "/next", json::object())) {
    const int64_t task = next.Json()["task"]["id"];
    const ClientResponse submitted =
        annotator.Post("/api/v1/tasks/" + std::to_string(task) + "/annotations",
                       {{"result", {{"sentiment", {{"choices", {"positive"}}}}}}});
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    answered.push_back(task);
  }
  ASSERT_EQ(answered.size(), 3u);

  const Client manager = Login("manager1@example.org");
  for (size_t i = 0; i < answered.size(); ++i) {
    const json reference = {{"sentiment", {{"choices", {i == 2 ? "negative" : "positive"}}}}};
    const ClientResponse marked =
        manager.Call("PUT", "/api/v1/tasks/" + std::to_string(answered[i]) + "/gold",
                     json({{"reference", reference}}).dump());
    ASSERT_EQ(marked.status, 201) << marked.body;
  }

  const std::string route = p + "/dashboard/gold-accuracy";
  const ClientResponse got = manager.Call("GET", route);
  ASSERT_EQ(got.status, 200) << got.body;
  const json weeks = got.Json()["weeks"];
  ASSERT_EQ(weeks.size(), 1u) << got.body;
  const json& row = weeks[0];
  EXPECT_EQ(row["annotator_id"], user_ids_.at("annotator1@example.org"));
  EXPECT_EQ(row["display_name"], "annotator1@example.org");
  EXPECT_TRUE(IsIsoWeek(row["week"].get<std::string>()))
      << row.dump();
  EXPECT_EQ(row["answers"], 3);
  EXPECT_EQ(row["correct"], 2);
  EXPECT_DOUBLE_EQ(row["accuracy"].get<double>(), 2.0 / 3.0);
  const quality::Interval expected = quality::WilsonInterval(2, 3);
  EXPECT_DOUBLE_EQ(row["ci95"]["low"].get<double>(), expected.low);
  EXPECT_DOUBLE_EQ(row["ci95"]["high"].get<double>(), expected.high);

  const ClientResponse csv = manager.Call("GET", route + "?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("Content-Type").value_or("").rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv.body.rfind("annotator_id,display_name,week,answers,correct,accuracy,ci95_low,"
                           "ci95_high\n",
                           0),
            0u)
      << csv.body;
  EXPECT_NE(csv.body.find(",annotator1@example.org," + row["week"].get<std::string>() +
                          ",3,2,0.6667,"),
            std::string::npos)
      << csv.body;

  const ClientResponse bad = manager.Call("GET", route + "?format=xml");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Json()["error"]["field"], "format");
  for (const char* email : {"annotator1@example.org", "reviewer1@example.org"}) {
    EXPECT_EQ(Login(email).Call("GET", route).status, 403) << email;
  }
  EXPECT_EQ(manager.Call("GET", "/api/v1/projects/999999/dashboard/gold-accuracy").status, 404);
}

// Takes and answers every task `who` is offered in `p`: "positive" on even task ids.
int AnswerAll(const Client& who, const std::string& p) {
  int answered = 0;
  for (ClientResponse next = who.Post(p + "/next", json::object()); next.status == 200;
       next = who.Post(p + "/next", json::object())) {
    const int64_t task = next.Json()["task"]["id"];
    const char* option = task % 2 == 0 ? "positive" : "negative";
    const ClientResponse submitted =
        who.Post("/api/v1/tasks/" + std::to_string(task) + "/annotations",
                 {{"result", {{"sentiment", {{"choices", {option}}}}}}});
    EXPECT_EQ(submitted.status, 201) << submitted.body;
    ++answered;
  }
  return answered;
}

TEST_P(AppApiTest, DashboardPairwiseAgreement) {
  const int64_t project = MakeProject(/*overlap=*/2, /*tasks=*/6);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  ASSERT_EQ(AnswerAll(Login("annotator1@example.org"), p), 6);
  ASSERT_EQ(AnswerAll(Login("annotator2@example.org"), p), 6);

  const Client manager = Login("manager1@example.org");
  const std::string route = p + "/dashboard/pairwise-agreement";
  const ClientResponse got = manager.Call("GET", route);
  ASSERT_EQ(got.status, 200) << got.body;
  const json report = got.Json();
  EXPECT_EQ(report["control"], "sentiment");
  ASSERT_EQ(report["annotators"].size(), 2u) << got.body;
  ASSERT_EQ(report["pairs"].size(), 1u) << got.body;
  const int64_t a1 = user_ids_.at("annotator1@example.org");
  const int64_t a2 = user_ids_.at("annotator2@example.org");
  const json& pair = report["pairs"][0];
  EXPECT_EQ(pair["first_id"], std::min(a1, a2));
  EXPECT_EQ(pair["second_id"], std::max(a1, a2));
  EXPECT_EQ(pair["shared_items"], 6);
  EXPECT_EQ(pair["raw_agreement"]["value"], 1.0);
  EXPECT_EQ(pair["cohen_kappa"]["value"], 1.0);
  EXPECT_EQ(report["annotators"][0]["annotator_id"], std::min(a1, a2));

  const ClientResponse csv = manager.Call("GET", route + "?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("@example.org,6,1.0000,1.0000\n"), std::string::npos) << csv.body;
  EXPECT_EQ(manager.Call("GET", route + "?format=pdf").status, 400);
  for (const char* email : {"annotator1@example.org", "reviewer1@example.org"}) {
    EXPECT_EQ(Login(email).Call("GET", route).status, 403) << email;
  }
}

}  // namespace
}  // namespace chorus::app
