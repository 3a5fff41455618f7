// Model predictions and drafts with blind controls over the API as shipped (issue 7 items 1, 2
// and 8): predictions come with tasks or on their own, checked like annotations, latest wins;
// annotators get the model's draft, except for gold and for a blind share of (task, annotator)
// pairs, and a blind task reads exactly like a task without a prediction; every label records
// its draft provenance; the anchoring report detects annotators who copy the draft and stays
// quiet for annotators who do not. Only managers and admins reach predictions and the report.
#include <random>

#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

// A JSON value's shape: object keys with their values' shapes, type names for the rest.
json DraftShape(const json& value) {
  if (value.is_object()) {
    json out = json::object();
    for (const auto& [key, item] : value.items()) out[key] = DraftShape(item);
    return out;
  }
  if (value.is_array()) return value.empty() ? json::array() : json::array({DraftShape(value[0])});
  return value.type_name();
}

json Sentiment(const std::string& option) { return {{"sentiment", {{"choices", {option}}}}}; }

// The label the simulated annotators believe right for task number i, and the model's answer
// (right for i % 5 < 3: 60% accuracy).
std::string Truth(size_t i) { return i % 2 == 0 ? "positive" : "negative"; }
std::string Opposite(const std::string& option) {
  return option == "positive" ? "negative" : "positive";
}
std::string ModelSays(size_t i) { return i % 5 < 3 ? Truth(i) : Opposite(Truth(i)); }

class DraftsApi {
 public:
  // The tasks of `project` in import order.
  static std::vector<int64_t> TaskIds(const Client& admin, const std::string& p, int count) {
    const ClientResponse listed = admin.Call("GET", p + "/tasks?limit=" + std::to_string(count));
    EXPECT_EQ(listed.status, 200) << listed.body;
    std::vector<int64_t> ids;
    const json rows = listed.Json()["tasks"];  // Kept: the loop reads into it.
    for (const json& row : rows) ids.push_back(row["id"].get<int64_t>());
    return ids;
  }
};

TEST_P(AppApiTest, PredictionsImportWithTasksAndAloneCheckedLikeAnnotations) {
  const int64_t project = MakeProject(/*overlap=*/1, /*tasks=*/0);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const Client manager = Login("manager1@example.org");
  const Client annotator = Login("annotator1@example.org");
  // With tasks, Label Studio style; a bad prediction names its place and stores nothing.
  const json good = {
      {"data", {{"text", "great"}}},
      {"external_id", "t-1"},
      {"predictions",
       {{{"model_version", "m1"}, {"score", 0.93}, {"result", Sentiment("positive")}}}}};
  json bad = good;
  bad["external_id"] = "t-2";
  bad["predictions"][0]["result"] = Sentiment("neutral");
  ClientResponse imported = manager.Call(
      "POST", p + "/imports", good.dump() + "\n" + bad.dump() + "\n", "application/x-ndjson");
  ASSERT_EQ(imported.status, 422) << imported.body;
  EXPECT_EQ(imported.Json()["errors"][0]["line"], 2);
  EXPECT_EQ(imported.Json()["errors"][0]["field"].get<std::string>().rfind(
                "predictions[0].result.sentiment", 0),
            0u)
      << imported.body;
  bad["predictions"][0]["result"] = Sentiment("negative");
  imported = manager.Call("POST", p + "/imports", good.dump() + "\n" + bad.dump() + "\n",
                          "application/x-ndjson");
  ASSERT_EQ(imported.status, 200) << imported.body;
  const std::vector<int64_t> tasks = DraftsApi::TaskIds(*admin_, p, 10);
  ASSERT_EQ(tasks.size(), 2u);
  const std::string first = "/api/v1/tasks/" + std::to_string(tasks[0]) + "/predictions";
  ClientResponse listed = manager.Call("GET", first);
  ASSERT_EQ(listed.status, 200) << listed.body;
  ASSERT_EQ(listed.Json()["items"].size(), 1u);
  EXPECT_EQ(listed.Json()["items"][0]["model_version"], "m1");
  EXPECT_EQ(listed.Json()["items"][0]["score"], 0.93);
  EXPECT_EQ(listed.Json()["items"][0]["result"], Sentiment("positive"));
  EXPECT_EQ(annotator.Call("GET", first).status, 403);

  // Alone, as JSONL by external id or task id: errors name the line and field, none stored.
  const std::string lines =
      json({{"external_id", "t-1"}, {"model_version", "m1"}, {"result", Sentiment("negative")}})
          .dump() +
      "\n" +
      json({{"task_id", tasks[1]}, {"model_version", "m1"}, {"result", Sentiment("maybe")}})
          .dump() +
      "\n" +
      json({{"external_id", "nope"}, {"model_version", "m1"}, {"result", Sentiment("negative")}})
          .dump() +
      "\n" + json({{"task_id", tasks[1]}, {"result", Sentiment("negative")}}).dump() + "\n";
  ClientResponse alone = manager.Call("POST", p + "/predictions", lines, "application/x-ndjson");
  ASSERT_EQ(alone.status, 422) << alone.body;
  const json errors = alone.Json()["errors"];
  ASSERT_EQ(errors.size(), 3u) << alone.body;
  EXPECT_EQ(errors[0]["line"], 2);
  EXPECT_EQ(errors[0]["field"].get<std::string>().rfind("result.sentiment", 0), 0u);
  EXPECT_EQ(errors[1]["line"], 3);
  EXPECT_EQ(errors[1]["field"], "external_id");
  EXPECT_EQ(errors[2]["line"], 4);
  EXPECT_EQ(errors[2]["field"], "model_version");
  EXPECT_EQ(manager.Call("GET", first).Json()["items"][0]["result"], Sentiment("positive"));
  EXPECT_EQ(annotator.Call("POST", p + "/predictions", lines, "application/x-ndjson").status, 403);

  // Latest wins: m1 again replaces m1; m2 sits beside it, without a score.
  const json array = json::array(
      {{{"external_id", "t-1"}, {"model_version", "m1"}, {"result", Sentiment("negative")}},
       {{"task_id", tasks[0]},
        {"model_version", "m2"},
        {"result", Sentiment("positive")},
        {"score", nullptr}}});
  alone = manager.Call("POST", p + "/predictions", array.dump());
  ASSERT_EQ(alone.status, 200) << alone.body;
  EXPECT_EQ(alone.Json()["stored"], 2);
  listed = manager.Call("GET", first);
  ASSERT_EQ(listed.Json()["items"].size(), 2u) << listed.body;
  const json items = listed.Json()["items"];
  for (const json& item : items) {
    if (item["model_version"] == "m1") {
      EXPECT_EQ(item["result"], Sentiment("negative"));
    } else {
      EXPECT_TRUE(item["score"].is_null());
    }
  }
  // Another project's task is refused by id.
  const int64_t other = MakeProject(1, 1);
  const int64_t foreign =
      DraftsApi::TaskIds(*admin_, "/api/v1/projects/" + std::to_string(other), 1)[0];
  alone = manager.Call(
      "POST", p + "/predictions",
      json::array(
          {{{"task_id", foreign}, {"model_version", "m1"}, {"result", Sentiment("positive")}}})
          .dump());
  ASSERT_EQ(alone.status, 422) << alone.body;
  EXPECT_EQ(alone.Json()["errors"][0]["field"], "task_id");
}

// The blind-draw key is fixed through the store before any draw, so the draws (and the
// tests) are reproducible.
TEST_P(AppApiTest, DraftsAreShownExceptForGoldAndABlindShareThatLooksLikeNoPrediction) {
  constexpr int kTasks = 150, kPredicted = 140;
  constexpr double kBlindShare = 0.3;
  const int64_t project = MakeProject(/*overlap=*/2, kTasks);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const std::vector<int64_t> tasks = DraftsApi::TaskIds(*admin_, p, kTasks);
  ASSERT_EQ(tasks.size(), static_cast<size_t>(kTasks));
  const Client manager = Login("manager1@example.org");
  json predictions = json::array();
  for (int i = 0; i < kPredicted; ++i) {
    predictions.push_back(
        {{"task_id", tasks[i]}, {"model_version", "m1"}, {"result", Sentiment(ModelSays(i))}});
  }
  ASSERT_EQ(manager.Call("POST", p + "/predictions", predictions.dump()).status, 200);
  ASSERT_TRUE(store_->predictions().DraftKey(project, "a-fixed-key-for-reproducible-draws").ok());
  const ClientResponse tuned =
      manager.Call("PATCH", p,
                   json({{"version", 1},
                         {"gold", {{"rate", 0.2}, {"max_exposures", 2}}},
                         {"drafts", {{"enabled", true}, {"blind_share", kBlindShare}}}})
                       .dump());
  ASSERT_EQ(tuned.status, 200) << tuned.body;
  EXPECT_EQ(tuned.Json()["drafts"]["model_version"], "");  // The latest model.
  const ClientResponse refused =
      manager.Call("PATCH", p, json({{"version", 2}, {"drafts", {{"blind_share", 1.5}}}}).dump());
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["field"], "drafts.blind_share");
  // Gold: six predicted tasks.
  std::set<int64_t> gold;
  for (int i = 0; i < 6; ++i) {
    gold.insert(tasks[i * 7]);
    ASSERT_EQ(manager
                  .Call("PUT", "/api/v1/tasks/" + std::to_string(tasks[i * 7]) + "/gold",
                        json({{"reference", Sentiment(Truth(i * 7))}}).dump())
                  .status,
              201);
  }
  std::map<int64_t, size_t> index;
  for (size_t i = 0; i < tasks.size(); ++i) index[tasks[i]] = i;

  int pairs = 0, blind = 0, gold_seen = 0, drafted_by_first = 0;
  std::set<std::string> blind_shapes, unpredicted_shapes;
  for (const char* email : {"annotator1@example.org", "annotator2@example.org"}) {
    const Client annotator = Login(email);
    const bool accepts = std::string(email) == "annotator1@example.org";
    for (int guard = 0; guard < 2 * kTasks; ++guard) {
      const ClientResponse next = annotator.Post(p + "/next", json::object());
      if (next.status == 204) break;
      ASSERT_EQ(next.status, 200) << next.body;
      const json handed = next.Json();
      const int64_t task = handed["task"]["id"];
      const size_t i = index.at(task);
      const json draft = handed["model_draft"];
      if (guard < 10) {  // Asking again never flips the draw.
        EXPECT_EQ(annotator.Post(p + "/next", json::object()).Json()["model_draft"], draft);
      }
      if (gold.contains(task)) {
        ++gold_seen;
        EXPECT_TRUE(draft.is_null()) << "gold task " << task << " was drafted";
      } else if (i >= kPredicted) {
        EXPECT_TRUE(draft.is_null());
        unpredicted_shapes.insert(DraftShape(handed).dump());
      } else {
        ++pairs;
        if (draft.is_null()) {
          ++blind;
          blind_shapes.insert(DraftShape(handed).dump());
        } else {
          EXPECT_EQ(draft, Sentiment(ModelSays(i)));
        }
      }
      // annotator1 accepts every draft as is; annotator2 always changes it.
      std::string answer = Truth(i);
      if (!draft.is_null()) {
        answer = accepts ? ModelSays(i) : Opposite(ModelSays(i));
        if (accepts) ++drafted_by_first;
      }
      const ClientResponse submitted =
          annotator.Post("/api/v1/tasks/" + std::to_string(task) + "/annotations",
                         {{"result", Sentiment(answer)}});
      ASSERT_EQ(submitted.status, 201) << submitted.body;
      // Nothing in the answer tells a blind control from a task without a prediction.
      EXPECT_FALSE(submitted.Json()["annotation"].contains("blind")) << submitted.body;
      EXPECT_FALSE(submitted.Json()["annotation"].contains("draft_model_version"));
    }
  }
  EXPECT_GT(gold_seen, 0);
  ASSERT_GT(pairs, 200);
  const double share = static_cast<double>(blind) / pairs;
  EXPECT_NEAR(share, kBlindShare, 0.1) << blind << " blind of " << pairs;
  ASSERT_FALSE(blind_shapes.empty());
  EXPECT_EQ(blind_shapes, unpredicted_shapes);

  // The export keeps the provenance apart.
  const ClientResponse exported = manager.Call("GET", p + "/export?format=jsonl");
  ASSERT_EQ(exported.status, 200) << exported.body;
  int exported_blind = 0, accepted = 0;
  for (size_t start = 0; start < exported.body.size();) {
    const size_t end = exported.body.find('\n', start);
    const json line = json::parse(exported.body.substr(start, end - start));
    start = end + 1;
    const size_t i = index.at(line["id"].get<int64_t>());
    for (const json& a : line["annotations"]) {
      EXPECT_EQ(a["source"], "human");
      if (i >= kPredicted || gold.contains(line["id"].get<int64_t>())) {
        EXPECT_EQ(a["draft_model_version"], "");
        EXPECT_FALSE(a["blind"].get<bool>());
        EXPECT_FALSE(a["draft_shown"].get<bool>());
        continue;
      }
      EXPECT_EQ(a["draft_model_version"], "m1");
      EXPECT_NE(a["blind"].get<bool>(), a["draft_shown"].get<bool>());
      exported_blind += a["blind"].get<bool>();
      accepted += a["draft_accepted"].get<bool>();
    }
  }
  EXPECT_EQ(exported_blind, blind);
  EXPECT_EQ(accepted, drafted_by_first);
  const ClientResponse csv = manager.Call("GET", p + "/export?format=csv");
  EXPECT_NE(csv.body.find(",human,blind,m1,,"), std::string::npos);
  EXPECT_NE(csv.body.find(",human,shown,m1,yes,"), std::string::npos);
  EXPECT_NE(csv.body.find(",human,shown,m1,no,"), std::string::npos);

  const ClientResponse report = manager.Call("GET", p + "/anchoring");
  ASSERT_EQ(report.status, 200) << report.body;
  EXPECT_EQ(report.Json()["model_version"], "m1");
  EXPECT_EQ(report.Json()["blind_labels"], blind);
  EXPECT_EQ(report.Json()["accepted_unchanged"], drafted_by_first);
  for (const char* email : {"annotator1@example.org", "reviewer1@example.org"}) {
    EXPECT_EQ(Login(email).Call("GET", p + "/anchoring").status, 403) << email;
  }
}

// Simulated annotators who copy the draft with probability `copy` (else answer what they
// believe) on a fresh project; the anchoring report's JSON.
json AnchoringAfter(const Client& admin, const Client& manager, store::Store& store,
                    int64_t project, double copy, uint32_t seed,
                    const std::vector<Client>& annotators) {
  constexpr int kTasks = 150;
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const std::vector<int64_t> tasks = DraftsApi::TaskIds(admin, p, kTasks);
  json predictions = json::array();
  std::map<int64_t, size_t> index;
  for (size_t i = 0; i < tasks.size(); ++i) {
    index[tasks[i]] = i;
    predictions.push_back(
        {{"task_id", tasks[i]}, {"model_version", "m1"}, {"result", Sentiment(ModelSays(i))}});
  }
  EXPECT_EQ(manager.Call("POST", p + "/predictions", predictions.dump()).status, 200);
  EXPECT_TRUE(store.predictions().DraftKey(project, "another-fixed-key-for-the-draws").ok());
  EXPECT_EQ(
      manager
          .Call(
              "PATCH", p,
              json({{"version", 1}, {"drafts", {{"enabled", true}, {"blind_share", 0.3}}}}).dump())
          .status,
      200);
  std::mt19937 random(seed);
  std::bernoulli_distribution copies(copy);
  for (const Client& annotator : annotators) {
    for (int guard = 0; guard < 2 * kTasks; ++guard) {
      const ClientResponse next = annotator.Post(p + "/next", json::object());
      if (next.status != 200) break;
      const json handed = next.Json();
      const int64_t task = handed["task"]["id"];
      const size_t i = index.at(task);
      const bool copy_it = !handed["model_draft"].is_null() && copies(random);
      const json answer = copy_it ? handed["model_draft"] : Sentiment(Truth(i));
      EXPECT_EQ(
          annotator
              .Post("/api/v1/tasks/" + std::to_string(task) + "/annotations", {{"result", answer}})
              .status,
          201);
    }
  }
  const ClientResponse report = manager.Call("GET", p + "/anchoring");
  EXPECT_EQ(report.status, 200) << report.body;
  return report.Json();
}

TEST_P(AppApiTest, AnchoringReportDetectsAnnotatorsWhoCopyTheDraft) {
  const Client manager = Login("manager1@example.org");
  const std::vector<Client> annotators = {Login("annotator1@example.org"),
                                          Login("annotator2@example.org")};
  const int64_t copied = MakeProject(2, 150);
  const json anchored =
      AnchoringAfter(*admin_, manager, *store_, copied, /*copy=*/0.8, 7, annotators);
  ASSERT_EQ(anchored["controls"].size(), 1u) << anchored.dump();
  const json control = anchored["controls"][0];
  EXPECT_EQ(control["control"], "sentiment");
  // Blind labels are what the annotators believe: the model is right on 60% of tasks.
  EXPECT_NEAR(control["model_accuracy_blind"]["rate"].get<double>(), 0.6, 0.12);
  EXPECT_LT(control["model_accuracy_blind"]["wilson_low"].get<double>(),
            control["model_accuracy_blind"]["rate"].get<double>());
  EXPECT_GT(control["model_agreement_drafted"]["rate"].get<double>(), 0.85);
  EXPECT_LT(control["agreement_test"]["p_value"].get<double>(), 1e-4);
  EXPECT_TRUE(control["alert"].get<bool>());
  ASSERT_EQ(anchored["alerts"].size(), 1u);
  EXPECT_NE(anchored["alerts"][0].get<std::string>().find("sentiment"), std::string::npos);
  // The p-value reads as a figure (2 significant digits), not as fixed six decimals of zeros.
  EXPECT_EQ(anchored["alerts"][0].get<std::string>().find("p = 0.000000"), std::string::npos)
      << anchored["alerts"][0];
  EXPECT_GT(anchored["accept_rate"].get<double>(), 0.7);
  EXPECT_FALSE(control["chi_square"].is_null());
  EXPECT_FALSE(control["g_test"].is_null());
  EXPECT_GE(control["js_distance"].get<double>(), 0.0);

  const json independent =
      AnchoringAfter(*admin_, manager, *store_, MakeProject(2, 150), /*copy=*/0.0, 7, annotators);
  const json calm = independent["controls"][0];
  EXPECT_FALSE(calm["alert"].get<bool>()) << independent.dump();
  EXPECT_TRUE(independent["alerts"].empty());
  EXPECT_GT(calm["agreement_test"]["p_value"].get<double>(), 0.01);
  EXPECT_NEAR(calm["model_agreement_drafted"]["rate"].get<double>(),
              calm["model_accuracy_blind"]["rate"].get<double>(), 0.15);
  // CSV: a header and one row per option, the alert on each.
  const ClientResponse csv =
      manager.Call("GET", "/api/v1/projects/" + std::to_string(copied) + "/anchoring?format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.body.rfind("model_version,control,option,blind,drafted,", 0), 0u) << csv.body;
  EXPECT_NE(csv.body.find("m1,sentiment,positive,"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("m1,sentiment,negative,"), std::string::npos) << csv.body;
  EXPECT_EQ(std::count(csv.body.begin(), csv.body.end(), '\n'), 3);
}

}  // namespace
}  // namespace chorus::app
