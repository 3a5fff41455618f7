// Wellbeing over the API as shipped: tasks imported with "sensitive", a manager sets a tiny
// daily cap, the annotator sees "sensitive": true on the task, then ordinary work, then a
// "no task" answer that says why and until when; their own standing and opt-out; a manager
// marks a task sensitive; the report as JSON and CSV. Annotators cannot read the report or
// change the policy; a bad policy is a 400 naming the field.
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

// `who` takes the next task of `project` and submits it; the next answer's JSON (null: 204).
json NextAndSubmit(const Client& who, const std::string& p, int64_t* task_id = nullptr) {
  const ClientResponse next = who.Post(p + "/next", json::object());
  if (next.status == 204) return json();
  EXPECT_EQ(next.status, 200) << next.body;
  const json answer = next.Json();
  if (answer["task"].is_null()) return answer;
  const int64_t task = answer["task"]["id"];
  if (task_id != nullptr) *task_id = task;
  const ClientResponse submitted =
      who.Post("/api/v1/tasks/" + std::to_string(task) + "/annotations",
               {{"result", {{"sentiment", {{"choices", {"positive"}}}}}}});
  EXPECT_EQ(submitted.status, 201) << submitted.body;
  return answer;
}

TEST_P(AppApiTest, WellbeingCapsSensitiveWorkAndSaysWhy) {
  const int64_t project = MakeProject(/*overlap=*/1, /*tasks=*/0);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const std::string jsonl =
      json({{"data", {{"text", "graphic one"}}}, {"sensitive", true}, {"priority", 5}}).dump() +
      "\n" +
      json({{"data", {{"text", "graphic two"}}}, {"sensitive", true}, {"priority", 5}}).dump() +
      "\n" + json({{"text", "calm"}}).dump() + "\n";
  const ClientResponse imported =
      admin_->Call("POST", p + "/imports", jsonl, "application/x-ndjson");
  ASSERT_EQ(imported.status, 200) << imported.body;

  const Client manager = Login("manager1@example.org");
  const Client annotator = Login("annotator1@example.org");
  const ClientResponse defaults = manager.Call("GET", p + "/wellbeing/policy");
  ASSERT_EQ(defaults.status, 200) << defaults.body;
  EXPECT_EQ(defaults.Json()["policy"]["enabled"], false);
  EXPECT_EQ(defaults.Json()["policy"]["daily_cap"], 50);
  const ClientResponse bad =
      manager.Call("PUT", p + "/wellbeing/policy", json({{"daily_cap", 0}}).dump());
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Json()["error"]["field"], "wellbeing.daily_cap");
  const json policy = {{"enabled", true}, {"daily_cap", 1}, {"ordinary_between", 0}};
  EXPECT_EQ(annotator.Call("PUT", p + "/wellbeing/policy", policy.dump()).status, 403);
  EXPECT_EQ(annotator.Call("GET", p + "/wellbeing/policy").status, 403);
  const ClientResponse set = manager.Call("PUT", p + "/wellbeing/policy", policy.dump());
  ASSERT_EQ(set.status, 200) << set.body;
  EXPECT_EQ(set.Json()["policy"]["daily_cap"], 1);
  EXPECT_EQ(set.Json()["policy"]["session_cap"], 20);  // Left out: the default.

  // One sensitive item (the studio can warn), then ordinary work, then a hold that says why.
  const json first = NextAndSubmit(annotator, p);
  EXPECT_EQ(first["task"]["sensitive"], true) << first.dump();
  int64_t calm = 0;
  const json second = NextAndSubmit(annotator, p, &calm);
  EXPECT_EQ(second["task"]["sensitive"], false) << second.dump();
  const json held = NextAndSubmit(annotator, p);
  ASSERT_TRUE(held.is_object()) << held.dump();
  EXPECT_TRUE(held["task"].is_null());
  EXPECT_EQ(held["wellbeing"]["reason"], "daily_cap");
  EXPECT_TRUE(held["wellbeing"]["until"].is_number_integer()) << held.dump();

  const ClientResponse mine = annotator.Call("GET", p + "/wellbeing/me");
  ASSERT_EQ(mine.status, 200) << mine.body;
  EXPECT_EQ(mine.Json()["sensitive_today"], 1);
  EXPECT_EQ(mine.Json()["held"], "daily_cap");
  EXPECT_EQ(mine.Json()["opted_out"], false);
  const ClientResponse out =
      annotator.Call("PUT", p + "/wellbeing/me", json({{"opted_out", true}}).dump());
  ASSERT_EQ(out.status, 200) << out.body;
  EXPECT_EQ(out.Json()["opted_out"], true);
  EXPECT_EQ(out.Json()["held"], "opted_out");
  EXPECT_EQ(annotator.Call("PUT", p + "/wellbeing/me", json({{"opted_out", 1}}).dump()).status,
            400);

  // Marking a task sensitive is for managers only.
  const std::string mark = "/api/v1/tasks/" + std::to_string(calm) + "/sensitive";
  EXPECT_EQ(annotator.Call("PUT", mark, json({{"sensitive", true}}).dump()).status, 403);
  const ClientResponse marked = manager.Call("PUT", mark, json({{"sensitive", true}}).dump());
  ASSERT_EQ(marked.status, 200) << marked.body;
  EXPECT_EQ(marked.Json()["task"]["sensitive"], true);
  EXPECT_EQ(manager.Call("PUT", mark, json({{"sensitive", "yes"}}).dump()).status, 400);
  // Exposure follows the flag as it is now: unmarked again, the calm task counts as ordinary.
  const ClientResponse unmarked = manager.Call("PUT", mark, json({{"sensitive", false}}).dump());
  ASSERT_EQ(unmarked.status, 200) << unmarked.body;
  EXPECT_EQ(unmarked.Json()["task"]["sensitive"], false);

  // The report: annotators cannot read it; managers see the exposure per annotator.
  EXPECT_EQ(annotator.Call("GET", p + "/wellbeing").status, 403);
  EXPECT_EQ(annotator.Call("GET", p + "/wellbeing?format=csv").status, 403);
  const ClientResponse report = manager.Call("GET", p + "/wellbeing");
  ASSERT_EQ(report.status, 200) << report.body;
  const json rows = report.Json()["annotators"];
  ASSERT_EQ(rows.size(), 1u) << report.body;
  EXPECT_EQ(rows[0]["annotator_id"], user_ids_.at("annotator1@example.org"));
  EXPECT_EQ(rows[0]["display_name"], "annotator1@example.org");
  EXPECT_EQ(rows[0]["sensitive_today"], 1);
  EXPECT_EQ(rows[0]["sensitive_total"], 1);
  EXPECT_EQ(rows[0]["finished_total"], 2);
  EXPECT_EQ(rows[0]["opted_out"], true);
  const ClientResponse csv = manager.Call("GET", p + "/wellbeing?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("Content-Type").value_or("").rfind("text/csv", 0), 0u);
  EXPECT_NE(csv.body.find("annotator1@example.org,crowd,1,1,1,0,yes,1,2\n"), std::string::npos)
      << csv.body;
  EXPECT_EQ(manager.Call("GET", p + "/wellbeing?format=xml").status, 400);

  // A project that does not allow opting out answers 409; opting back in always works.
  ASSERT_EQ(manager
                .Call("PUT", p + "/wellbeing/policy",
                      json({{"enabled", true}, {"opt_out_allowed", false}}).dump())
                .status,
            200);
  EXPECT_EQ(annotator.Call("PUT", p + "/wellbeing/me", json({{"opted_out", true}}).dump()).status,
            409);
  EXPECT_EQ(annotator.Call("PUT", p + "/wellbeing/me", json({{"opted_out", false}}).dump()).status,
            200);
}

}  // namespace
}  // namespace chorus::app
