// Gold over the API as shipped: a manager marks gold items; for an annotator a gold task looks
// like any other in every response (the shapes of next, submit, draft and their errors are
// diffed); an annotator who misses the gold bar is paused with their figures and the manager
// sees it in the accuracy report; only managers reach gold routes.
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

// The structure of a JSON value without its values: objects keep their keys, arrays the shape
// of their first element, scalars become their type name.
json Shape(const json& value) {
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : value.items()) out[key] = Shape(item);
    return out;
  }
  if (value.is_array()) return value.empty() ? json::array() : json::array({Shape(value[0])});
  return value.type_name();
}

TEST_P(AppApiTest, GoldIsInvisibleToAnnotatorsAndPausesThoseWhoMissIt) {
  const int64_t project = MakeProject(/*overlap=*/1, /*tasks=*/60);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const Client manager = Login("manager1@example.org");
  const ClientResponse tuned = manager.Call("PATCH", p,
                                            json({{"version", 1},
                                                  {"gold",
                                                   {{"rate", 0.4},
                                                    {"min_answers", 3},
                                                    {"warn_below", 0.9},
                                                    {"pause_below", 0.7},
                                                    {"max_exposures", 5}}}})
                                                .dump());
  ASSERT_EQ(tuned.status, 200) << tuned.body;
  EXPECT_EQ(tuned.Json()["gold"]["rate"], 0.4);

  // Every even task of the first 30 is gold, with "positive" as its reference.
  const ClientResponse listed = admin_->Call("GET", p + "/tasks?limit=60");
  ASSERT_EQ(listed.status, 200) << listed.body;
  std::set<int64_t> gold;
  const json rows = listed.Json()["tasks"];
  for (const json& row : rows) {
    const int64_t id = row["id"].get<int64_t>();
    if (gold.size() < 15 && id % 2 == 0) gold.insert(id);
  }
  const json positive = {{"sentiment", {{"choices", {"positive"}}}}};
  for (const int64_t id : gold) {
    const ClientResponse marked =
        manager.Call("PUT", "/api/v1/tasks/" + std::to_string(id) + "/gold",
                     json({{"reference", positive}, {"rationale", "praise"}}).dump());
    ASSERT_EQ(marked.status, 201) << marked.body;
  }
  const int64_t some_gold = *gold.begin();
  const std::string gold_route = "/api/v1/tasks/" + std::to_string(some_gold) + "/gold";
  const ClientResponse read = manager.Call("GET", gold_route);
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Json()["gold_item"]["rationale"], "praise");
  const ClientResponse bad =
      manager.Call("PUT", "/api/v1/tasks/" + std::to_string(*gold.rbegin() + 1) + "/gold",
                   json({{"reference", {{"sentiment", {{"choices", {"maybe"}}}}}}}).dump());
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "reference.sentiment.choices[0]");

  // Annotators and reviewers cannot ask.
  for (const char* email : {"annotator1@example.org", "reviewer1@example.org"}) {
    const Client other = Login(email);
    EXPECT_EQ(other.Call("GET", gold_route).status, 403) << email;
    EXPECT_EQ(other.Call("GET", p + "/gold/accuracy").status, 403) << email;
  }

  // annotator1 answers every gold task "negative" (wrong) and the rest right, and records the
  // shape of every response for gold and ordinary tasks.
  const Client annotator = Login("annotator1@example.org");
  std::set<std::string> gold_shapes, ordinary_shapes;
  int gold_answers = 0;
  ClientResponse next = annotator.Post(p + "/next", json::object());
  while (next.status == 200) {
    const json handed = next.Json();
    const int64_t id = handed["task"]["id"].get<int64_t>();
    const bool is_gold = gold.contains(id);
    auto& shapes = is_gold ? gold_shapes : ordinary_shapes;
    shapes.insert("next " + Shape(handed).dump());
    const std::string t = "/api/v1/tasks/" + std::to_string(id);
    shapes.insert("no draft " + Shape(annotator.Call("GET", t + "/draft").Json()).dump());
    shapes.insert(
        "draft " +
        Shape(annotator.Call("PUT", t + "/draft", json({{"result", json::object()}}).dump()).Json())
            .dump());
    const json answer = {{"sentiment", {{"choices", {is_gold ? "negative" : "positive"}}}}};
    const ClientResponse submitted = annotator.Post(
        t + "/annotations", {{"result", answer}, {"idempotency_key", "k" + std::to_string(id)}});
    ASSERT_EQ(submitted.status, 201) << submitted.body;
    shapes.insert("submit " + Shape(submitted.Json()).dump());
    shapes.insert("replay " + Shape(annotator
                                        .Post(t + "/annotations",
                                              {{"result", answer},
                                               {"idempotency_key", "k" + std::to_string(id)}})
                                        .Json())
                                  .dump());
    gold_answers += is_gold;
    next = annotator.Post(p + "/next", json::object());
  }
  EXPECT_EQ(gold_answers, 3);  // Paused at the third wrong answer (min_answers 3).
  EXPECT_FALSE(gold_shapes.empty());
  EXPECT_EQ(gold_shapes, ordinary_shapes);

  // Paused: told why, with their figures.
  ASSERT_EQ(next.status, 403) << next.body;
  EXPECT_EQ(next.Json()["error"]["field"], "gold");
  EXPECT_NE(next.Json()["error"]["message"].get<std::string>().find("0 of 3"), std::string::npos)
      << next.body;

  // The manager's report says the same.
  const ClientResponse report = manager.Call("GET", p + "/gold/accuracy");
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.Json()["gold_items"], 15);
  ASSERT_EQ(report.Json()["annotators"].size(), 1u);
  const json a = report.Json()["annotators"][0];
  EXPECT_EQ(a["annotator_id"], user_ids_.at("annotator1@example.org"));
  EXPECT_EQ(a["verdict"], "paused");
  EXPECT_EQ(a["answers"], 3);
  EXPECT_EQ(a["correct"], 0);
  EXPECT_EQ(a["ci95"]["low"], 0.0);
  EXPECT_EQ(a["labels"][0]["label"], "positive");

  // Unmarking returns the task to the queue as an ordinary task, its answers kept.
  ASSERT_EQ(manager.Call("DELETE", gold_route).status, 204);
  EXPECT_EQ(manager.Call("GET", gold_route).status, 404);
  const json items = manager.Call("GET", p + "/gold").Json()["gold_items"];
  ASSERT_EQ(items.size(), 14u);
  EXPECT_EQ(items[0]["reference"], positive);
  EXPECT_EQ(items[0]["task"]["id"], items[0]["task_id"]);
  EXPECT_TRUE(items[0]["task"]["data"]["text"].is_string());
}

}  // namespace
}  // namespace chorus::app
