// Annotator diversity over the API as shipped: a manager asks about region with a quota of one
// EU and one Asia label per task (overlap 2); annotators answer for themselves; the real
// reservation then hands an annotator whose group is full for a task another task, or none,
// and every finished task meets the quota. Nobody reads anyone else's answers: annotators
// cannot read the report or the policy, the manager's report holds aggregates only, and groups
// of fewer than three labellers are merged or withheld. Bad policies and answers are 400s
// naming the field.
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

// `who` asks for the next task of `p`; its id, or 0 when there is none for them.
int64_t NextTaskOf(const Client& who, const std::string& p) {
  const ClientResponse next = who.Post(p + "/next", json::object());
  if (next.status == 204) return 0;
  EXPECT_EQ(next.status, 200) << next.body;
  const json answer = next.Json();
  return answer["task"].is_null() ? 0 : answer["task"]["id"].get<int64_t>();
}

void SubmitTo(const Client& who, int64_t task, const char* label) {
  const ClientResponse submitted =
      who.Post("/api/v1/tasks/" + std::to_string(task) + "/annotations",
               {{"result", {{"sentiment", {{"choices", {label}}}}}}});
  EXPECT_EQ(submitted.status, 201) << submitted.body;
}

TEST_P(AppApiTest, DiversityQuotasAreMetThroughTheReservation) {
  const int64_t project = MakeProject(/*overlap=*/2, /*tasks=*/2);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const Client manager = Login("manager1@example.org");
  const Client eu1 = Login("annotator1@example.org");
  const Client eu2 = Login("annotator2@example.org");
  const Client asia = Login("reviewer1@example.org");
  const Client silent = Login("reviewer2@example.org");

  const ClientResponse defaults = manager.Call("GET", p + "/diversity/policy");
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  EXPECT_EQ(defaults.Json()["policy"]["attributes"], json::array());
  EXPECT_TRUE(defaults.Json()["policy"]["quota"].is_null());
  const json attributes = json::array(
      {{{"name", "region"}, {"question", "Where do you live?"}, {"values", {"EU", "Asia"}}}});
  // Three labels of quota do not fit an overlap of two: the field says where.
  const ClientResponse too_many = manager.Call(
      "PUT", p + "/diversity/policy",
      json({{"attributes", attributes},
            {"quota", {{"attribute", "region"}, {"minimums", {{"EU", 2}, {"Asia", 1}}}}}})
          .dump());
  EXPECT_EQ(too_many.status, 400) << too_many.body;
  EXPECT_EQ(too_many.Json()["error"]["field"], "diversity.quota.minimums");
  const ClientResponse undeclared =
      manager.Call("PUT", p + "/diversity/policy",
                   json({{"attributes", attributes},
                         {"quota", {{"attribute", "region"}, {"minimums", {{"Mars", 1}}}}}})
                       .dump());
  EXPECT_EQ(undeclared.Json()["error"]["field"], "diversity.quota.minimums.Mars");
  const json policy = {
      {"attributes", attributes},
      {"quota", {{"attribute", "region"}, {"minimums", {{"EU", 1}, {"Asia", 1}}}}}};
  EXPECT_EQ(eu1.Call("PUT", p + "/diversity/policy", policy.dump()).status, 403);
  EXPECT_EQ(eu1.Call("GET", p + "/diversity/policy").status, 403);
  const ClientResponse set = manager.Call("PUT", p + "/diversity/policy", policy.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["policy"]["quota"]["minimums"]["Asia"], 1);

  // Each annotator answers for themselves (every answer optional); errors name the answer.
  const auto answer = [&](const Client& who, const json& answers) {
    return who.Call("PUT", p + "/diversity/me", json({{"answers", answers}}).dump());
  };
  EXPECT_EQ(answer(eu1, {{"region", "Mars"}}).Json()["error"]["field"], "answers.region");
  EXPECT_EQ(answer(eu1, {{"age", "30"}}).Json()["error"]["field"], "answers.age");
  const ClientResponse eu1_answer = answer(eu1, {{"region", "EU"}});
  ASSERT_EQ(eu1_answer.status, 200) << eu1_answer.body;
  ASSERT_EQ(answer(eu2, {{"region", "EU"}}).status, 200);
  ASSERT_EQ(answer(asia, {{"region", "Asia"}}).status, 200);
  const ClientResponse none = answer(silent, {{"region", nullptr}});  // Prefer not to say.
  ASSERT_EQ(none.status, 200) << none.body;
  EXPECT_EQ(none.Json()["answers"], json::object());
  const ClientResponse mine = eu1.Call("GET", p + "/diversity/me");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.Json()["answers"], json({{"region", "EU"}}));
  EXPECT_EQ(mine.Json()["policy"]["attributes"][0]["question"], "Where do you live?");

  // The first EU annotator takes a task; its other slot is Asia's, so the second EU annotator
  // gets the other task, and someone of no group gets none.
  const int64_t first = NextTaskOf(eu1, p);
  ASSERT_NE(first, 0);
  SubmitTo(eu1, first, "positive");
  const int64_t second = NextTaskOf(eu2, p);
  ASSERT_NE(second, 0);
  EXPECT_NE(second, first);
  SubmitTo(eu2, second, "positive");
  EXPECT_EQ(NextTaskOf(silent, p), 0);
  // Two EU labellers are too few to report, even as "(small groups)": withheld.
  const ClientResponse early = manager.Call("GET", p + "/diversity/report");
  ASSERT_EQ(early.status, 200) << early.body;
  EXPECT_EQ(early.Json()["attributes"][0]["groups"], json::array()) << early.body;
  EXPECT_EQ(early.Json()["attributes"][0]["withheld_groups"], 1);
  // Asia fills both.
  for (int i = 0; i < 2; ++i) {
    const int64_t task = NextTaskOf(asia, p);
    ASSERT_NE(task, 0);
    SubmitTo(asia, task, "negative");
  }
  EXPECT_EQ(NextTaskOf(asia, p), 0);

  // The report: managers only, aggregates only; the quota is met on every finished item.
  EXPECT_EQ(eu1.Call("GET", p + "/diversity/report").status, 403);
  EXPECT_EQ(eu1.Call("GET", p + "/diversity/report?format=csv").status, 403);
  const ClientResponse report = manager.Call("GET", p + "/diversity/report");
  ASSERT_EQ(report.status, 200) << report.body;
  const json r = report.Json();
  EXPECT_EQ(r["quota"]["finished_items"], 2);
  EXPECT_EQ(r["quota"]["items_meeting"], 2);
  EXPECT_EQ(r["min_group_size"], 3);
  // EU (2 labellers) and Asia (1) are too small alone: reported only together.
  ASSERT_EQ(r["attributes"].size(), 1u);
  ASSERT_EQ(r["attributes"][0]["groups"].size(), 1u) << report.body;
  EXPECT_EQ(r["attributes"][0]["groups"][0]["group"], "(small groups)");
  EXPECT_EQ(r["attributes"][0]["groups"][0]["annotators"], 3);
  EXPECT_EQ(r["attributes"][0]["groups"][0]["merged_groups"], 2);
  EXPECT_EQ(r["attributes"][0]["withheld_groups"], 0);
  EXPECT_EQ(report.body.find("annotator1"), std::string::npos);
  EXPECT_EQ(report.body.find("annotator_id"), std::string::npos);
  EXPECT_EQ(report.body.find("user_id"), std::string::npos);
  const ClientResponse csv = manager.Call("GET", p + "/diversity/report?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("Content-Type").value_or("").rfind("text/csv", 0), 0u);
  EXPECT_EQ(csv.body.rfind("attribute,group,annotators,labels,", 0), 0u) << csv.body;
  const ClientResponse items = manager.Call("GET", p + "/diversity/report?format=csv&table=items");
  ASSERT_EQ(items.status, 200) << items.body;
  EXPECT_EQ(manager.Call("GET", p + "/diversity/report?format=xml").status, 400);
  EXPECT_EQ(manager.Call("GET", p + "/diversity/report?table=people").status, 400);
}

}  // namespace
}  // namespace chorus::app
