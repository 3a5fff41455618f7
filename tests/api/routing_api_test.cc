// Tiers and dynamic overlap over the API as shipped: a split vote asks for one more label, a
// split at the maximum is escalated (the report and the task's routing say so, and nobody else
// is handed the task); a project or a task that requires a tier refuses or skips annotators
// below it, with error.field "tier".
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

TEST_P(AppApiTest, SplitVotesAskForMoreThenEscalate) {
  const int64_t project = MakeProject(/*overlap=*/2, /*tasks=*/1);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const Client manager = Login("manager1@example.org");
  const ClientResponse tuned = manager.Call(
      "PATCH", p,
      json({{"version", 1}, {"routing", {{"dynamic", true}, {"max_overlap", 3}}}}).dump());
  ASSERT_EQ(tuned.status, 200) << tuned.body;
  EXPECT_EQ(tuned.Json()["routing"]["max_overlap"], 3);
  EXPECT_EQ(tuned.Json()["routing"]["agree_at"], 0.7);

  const int64_t task = LabelNext(Login("annotator1@example.org"), project, "positive");
  ASSERT_NE(task, 0);
  ASSERT_EQ(LabelNext(Login("annotator2@example.org"), project, "negative"), task);
  const std::string routing = "/api/v1/tasks/" + std::to_string(task) + "/routing";
  json state = manager.Call("GET", routing).Json()["routing"];
  EXPECT_EQ(state["wanted"], 3);
  EXPECT_TRUE(state["adjudication"].is_null());

  // The third label leaves it at 2 of 3 (67% < 70%) with no room left: escalated.
  ASSERT_EQ(LabelNext(AddAnnotator(project, "third@example.org", "crowd"), project, "negative"),
            task);
  state = manager.Call("GET", routing).Json()["routing"];
  ASSERT_TRUE(state["adjudication"].is_object()) << state.dump();
  EXPECT_EQ(state["adjudication"]["labels"], 3);
  EXPECT_FALSE(state["adjudication"]["decided"]);
  EXPECT_NE(state["adjudication"]["reason"].get<std::string>().find("67% agree"),
            std::string::npos);
  const Client fourth = AddAnnotator(project, "fourth@example.org", "crowd");
  EXPECT_EQ(fourth.Post(p + "/next", json::object()).status, 204);

  const json report = manager.Call("GET", p + "/routing").Json();
  EXPECT_EQ(report["escalated"], 1);
  EXPECT_EQ(report["asked_more"], 1);
  EXPECT_EQ(report["finished"], 1);
  EXPECT_EQ(report["labels_saved"], -1);

  // Turning dynamic overlap on needs a single choice control to judge.
  const ClientResponse refused = manager.Call(
      "PATCH", p,
      json({{"version", 2}, {"routing", {{"dynamic", true}, {"control", "nope"}}}}).dump());
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.Json()["error"]["field"], "routing.control");
}

TEST_P(AppApiTest, TiersGateTheQueue) {
  const int64_t project = MakeProject(/*overlap=*/1, /*tasks=*/2);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const ClientResponse tuned = admin_->Call(
      "PATCH", p, json({{"version", 1}, {"routing", {{"required_tier", "expert"}}}}).dump());
  ASSERT_EQ(tuned.status, 200) << tuned.body;
  const ClientResponse crowd = Login("annotator1@example.org").Post(p + "/next", json::object());
  EXPECT_EQ(crowd.status, 403);
  EXPECT_EQ(crowd.Json()["error"]["field"], "tier");

  // The first task needs a gold-maker: the expert is handed the second only.
  const ClientResponse tasks = admin_->Call("GET", p + "/tasks");
  const int64_t first = tasks.Json()["tasks"][0]["id"], second = tasks.Json()["tasks"][1]["id"];
  const std::string routing = "/api/v1/tasks/" + std::to_string(first) + "/routing";
  const ClientResponse set = admin_->Call("PUT", routing, R"({"required_tier": "gold_maker"})");
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["routing"]["required_tier"], "gold_maker");
  const Client expert = AddAnnotator(project, "expert@example.org", "expert");
  EXPECT_EQ(LabelNext(expert, project, "positive"), second);
  EXPECT_EQ(expert.Post(p + "/next", json::object()).status, 204);
  const Client maker = AddAnnotator(project, "maker@example.org", "gold_maker");
  EXPECT_EQ(LabelNext(maker, project, "positive"), first);

  const ClientResponse bad = admin_->Call("PUT", routing, R"({"required_tier": "guru"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "required_tier");
  EXPECT_EQ(admin_->Call("PUT", routing, R"({"required_tier": null, "x": 1})").status, 400);
  const ClientResponse cleared = admin_->Call("PUT", routing, R"({"required_tier": null})");
  EXPECT_TRUE(cleared.Json()["routing"]["required_tier"].is_null());
}

}  // namespace
}  // namespace chorus::app
