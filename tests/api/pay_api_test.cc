// Pay over the API as shipped: a manager sets a per-hour policy through PATCH, annotators
// submit with known active times, a reviewer accepts one label and rejects another, and the
// report's cents add up exactly (an expert paid at their own rate because the tier's is 0); the
// CSV neutralises a formula in a display name; annotators get 403; a bad policy is a 400.
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

constexpr int64_t kMinute = 60'000;

// `who` takes the next task of `project` and submits it with `active_ms` of active time;
// returns the annotation id (0: no task).
int64_t SubmitNext(const Client& who, int64_t project, int64_t active_ms) {
  const ClientResponse next =
      who.Post("/api/v1/projects/" + std::to_string(project) + "/next", json::object());
  if (next.status != 200) return 0;
  const int64_t task = next.Json()["task"]["id"];
  const ClientResponse submitted =
      who.Post("/api/v1/tasks/" + std::to_string(task) + "/annotations",
               {{"result", {{"sentiment", {{"choices", {"positive"}}}}}},
                {"active_time_ms", active_ms},
                {"lead_time_ms", active_ms + kMinute}});
  EXPECT_EQ(submitted.status, 201) << submitted.body;
  return submitted.Json()["annotation"]["id"];
}

TEST_P(AppApiTest, PayReportAddsUpToTheCent) {
  const int64_t project = MakeProject(/*overlap=*/2, /*tasks=*/2);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const Client manager = Login("manager1@example.org");
  // annotator2 is an expert with their own rate of 30.00 an hour and a hostile name.
  const std::string hostile = "=HYPERLINK(\"http://x\")";
  const ClientResponse promoted = admin_->Call(
      "PATCH", "/api/v1/users/" + std::to_string(user_ids_.at("annotator2@example.org")),
      json({{"version", 1},
            {"tier", "expert"},
            {"display_name", hostile},
            {"pay_rate_cents_per_hour", 3000}})
          .dump());
  ASSERT_EQ(promoted.status, 200) << promoted.body;

  const ClientResponse bad =
      manager.Call("PATCH", p, json({{"version", 1}, {"pay", {{"budget_cents", -1}}}}).dump());
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Json()["error"]["field"], "pay.budget_cents");
  const ClientResponse set = manager.Call("PATCH", p,
                                          json({{"version", 1},
                                                {"pay",
                                                 {{"mode", "per_hour"},
                                                  {"rates", {{"crowd", 1800}}},
                                                  {"floor_cents_per_hour", 2000},
                                                  {"budget_cents", 2000}}}})
                                              .dump());
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["pay"]["rates"]["expert"], 0);
  EXPECT_EQ(set.Json()["pay"]["pay_skipped"], false);

  // annotator1 (crowd, 18.00/h): 30 + 30 minutes = 18.00. annotator2: 40 minutes at 30.00 = 20.00.
  const Client first = Login("annotator1@example.org");
  const Client second = Login("annotator2@example.org");
  const int64_t a1 = SubmitNext(first, project, 30 * kMinute);
  ASSERT_NE(SubmitNext(first, project, 30 * kMinute), 0);
  const int64_t b1 = SubmitNext(second, project, 40 * kMinute);
  ASSERT_NE(a1, 0);
  ASSERT_NE(b1, 0);
  const Client reviewer = Login("reviewer1@example.org");
  ASSERT_EQ(
      reviewer
          .Post("/api/v1/annotations/" + std::to_string(a1) + "/reviews", {{"verdict", "accepted"}})
          .status,
      201);
  ASSERT_EQ(reviewer
                .Post("/api/v1/annotations/" + std::to_string(b1) + "/reviews",
                      {{"verdict", "rejected"}, {"comment", "no"}})
                .status,
            201);

  const ClientResponse got = manager.Call("GET", p + "/pay");
  ASSERT_EQ(got.status, 200) << got.body;
  const json report = got.Json();
  ASSERT_EQ(report["annotators"].size(), 2u) << report.dump();
  const json& a = report["annotators"][0];
  EXPECT_EQ(a["annotator_id"], user_ids_.at("annotator1@example.org"));
  EXPECT_EQ(a["tier"], "crowd");
  EXPECT_EQ(a["submitted"], 2);
  EXPECT_EQ(a["accepted"], 1);
  EXPECT_EQ(a["active_time_ms"], 60 * kMinute);
  EXPECT_EQ(a["lead_time_ms"], 62 * kMinute);
  EXPECT_EQ(a["rate_cents"], 1800);
  EXPECT_EQ(a["earned_cents"], 1800);
  EXPECT_EQ(a["effective_cents_per_hour"], 1800);
  EXPECT_EQ(a["below_floor"], true);
  const json& b = report["annotators"][1];
  EXPECT_EQ(b["display_name"], hostile);
  EXPECT_EQ(b["tier"], "expert");
  EXPECT_EQ(b["rejected"], 1);
  EXPECT_EQ(b["rate_cents"], 3000);
  EXPECT_EQ(b["earned_cents"], 2000);
  EXPECT_EQ(b["effective_cents_per_hour"], 3000);
  EXPECT_EQ(b["below_floor"], false);
  EXPECT_EQ(report["spent_cents"], 3800);
  EXPECT_EQ(report["budget_cents"], 2000);
  EXPECT_EQ(report["remaining_cents"], -1800);
  EXPECT_EQ(report["submitted"], 3);
  EXPECT_EQ(report["accepted"], 1);
  EXPECT_EQ(report["cost_per_accepted_cents"], 3800.0);
  EXPECT_DOUBLE_EQ(report["cost_per_submitted_cents"].get<double>(), 3800.0 / 3);
  ASSERT_EQ(report["alerts"].size(), 2u);
  EXPECT_NE(report["alerts"][0].get<std::string>().find("annotator1@example.org"),
            std::string::npos);
  EXPECT_EQ(report["alerts"][1], "spent 38.00 of a budget of 20.00: 18.00 over");

  const ClientResponse csv = manager.Call("GET", p + "/pay?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("Content-Type").value_or("").rfind("text/csv", 0), 0u);
  EXPECT_NE(csv.body.find("annotator1@example.org,crowd,2,0,1,0,1.000,18.00,18.00,18.00,yes\n"),
            std::string::npos)
      << csv.body;
  EXPECT_NE(csv.body.find("\"'=HYPERLINK(\"\"http://x\"\")\",expert"), std::string::npos)
      << csv.body;
  EXPECT_EQ(manager.Call("GET", p + "/pay?format=xml").status, 400);

  EXPECT_EQ(first.Call("GET", p + "/pay").status, 403);
  EXPECT_EQ(first.Call("GET", p + "/pay?format=csv").status, 403);
  EXPECT_EQ(manager.Call("GET", "/api/v1/projects/999999/pay").status, 404);
}

}  // namespace
}  // namespace chorus::app
