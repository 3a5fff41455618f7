// Active learning and suspect labels over the API as shipped: a project of texts whose
// sentiment shows in their words, labelled by one annotator with two labels flipped on
// purpose. Annotators get 403 on every route; a manager's active-learning job orders the
// unlabelled tasks and GET next hands out the top of that order; a reviewer reads the
// suspects (the two flipped labels first); a manager sends them to experts (audit-logged),
// after which a crowd annotator never gets them and an expert does.
#include <algorithm>
#include <random>

#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

// Six words, all positive or all negative, from small vocabularies.
std::string SentimentText(bool positive, std::mt19937_64& rng) {
  static const std::vector<std::string> kGood = {"great",   "lovely",   "superb",
                                                 "delight", "charming", "excellent"};
  static const std::vector<std::string> kBad = {"awful", "dreadful", "broken",
                                                "poor",  "terrible", "boring"};
  std::uniform_int_distribution<size_t> pick(0, 5);
  std::string text;
  for (int w = 0; w < 6; ++w) text += (w > 0 ? " " : "") + (positive ? kGood : kBad)[pick(rng)];
  return text;
}

TEST_P(AppApiTest, ActiveLearningOrdersTheQueueAndSuspectsGoToExperts) {
  const int64_t project = MakeProject(/*overlap=*/1, /*tasks=*/0);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  std::mt19937_64 rng(4);
  std::string jsonl;
  for (int i = 0; i < 50; ++i) {
    jsonl += json({{"text", SentimentText(i % 2 == 0, rng)}}).dump() + "\n";
  }
  ASSERT_EQ(admin_->Call("POST", p + "/imports", jsonl, "application/x-ndjson").status, 200);

  // annotator1 labels the first 40 tasks by their words, flipping tasks 5 and 12.
  const Client annotator = Login("annotator1@example.org");
  std::vector<int64_t> flipped;
  for (int i = 0; i < 40; ++i) {
    const ClientResponse next = annotator.Post(p + "/next", json::object());
    ASSERT_EQ(next.status, 200) << next.body;
    const int64_t task = next.Json()["task"]["id"];
    const std::string text = next.Json()["task"]["data"]["text"];
    bool positive =
        text.find("great") != std::string::npos || text.find("lovely") != std::string::npos ||
        text.find("superb") != std::string::npos || text.find("delight") != std::string::npos ||
        text.find("charming") != std::string::npos || text.find("excellent") != std::string::npos;
    if (i == 5 || i == 12) {
      positive = !positive;
      flipped.push_back(task);
    }
    const ClientResponse submitted = annotator.Post(
        "/api/v1/tasks/" + std::to_string(task) + "/annotations",
        {{"result", {{"sentiment", {{"choices", {positive ? "positive" : "negative"}}}}}}});
    ASSERT_EQ(submitted.status, 201) << submitted.body;
  }

  EXPECT_EQ(annotator.Post(p + "/active-learning", json::object()).status, 403);
  EXPECT_EQ(annotator.Call("GET", p + "/suspects").status, 403);
  EXPECT_EQ(annotator.Post(p + "/suspects/relabel", {{"top", 1}}).status, 403);

  const Client manager = Login("manager1@example.org");
  const ClientResponse bad = manager.Post(p + "/active-learning", {{"strategy", "vibes"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.Json()["error"]["field"], "strategy");
  EXPECT_EQ(manager.Post(p + "/active-learning", {{"random_share", 1.5}}).Json()["error"]["field"],
            "random_share");
  const ClientResponse started = manager.Post(
      p + "/active-learning", {{"strategy", "margin"}, {"random_share", 0}, {"seed", 3}});
  ASSERT_EQ(started.status, 202) << started.body;
  EXPECT_EQ(started.Json()["kind"], "active_learning");
  const json job = AwaitJob(manager, started.Json()["url"]);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  const json& manifest = job["manifest"];
  EXPECT_EQ(manifest["trained"], 40);
  EXPECT_EQ(manifest["scored"], 10);
  EXPECT_EQ(manifest["strategy"], "margin");
  EXPECT_EQ(manifest["label_source"], "majority");
  ASSERT_EQ(manifest["top"].size(), 10u);
  // The next task anyone gets is the top of the order.
  const Client second = Login("annotator2@example.org");
  const ClientResponse next = second.Post(p + "/next", json::object());
  ASSERT_EQ(next.status, 200);
  EXPECT_EQ(next.Json()["task"]["id"], manifest["top"][0]["task_id"]);

  const Client reviewer = Login("reviewer1@example.org");
  const ClientResponse listed = reviewer.Call("GET", p + "/suspects?limit=5");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const json report = listed.Json();
  const json& suspects = report["suspects"];
  ASSERT_GE(suspects.size(), 2u) << listed.body;
  std::vector<int64_t> top = {suspects[0]["task_id"], suspects[1]["task_id"]};
  std::sort(top.begin(), top.end());
  EXPECT_EQ(top, flipped) << listed.body;
  EXPECT_EQ(reviewer.Post(p + "/suspects/relabel", {{"top", 2}}).status, 403);
  EXPECT_EQ(reviewer.Call("GET", p + "/suspects?limit=0").Json()["error"]["field"], "limit");

  EXPECT_EQ(manager.Post(p + "/suspects/relabel", json::object()).Json()["error"]["field"], "top");
  const ClientResponse sent = manager.Post(p + "/suspects/relabel", {{"top", 2}});
  ASSERT_EQ(sent.status, 200) << sent.body;
  std::vector<int64_t> sent_ids = sent.Json()["sent"];
  std::sort(sent_ids.begin(), sent_ids.end());
  EXPECT_EQ(sent_ids, flipped);
  const ClientResponse routing =
      manager.Call("GET", "/api/v1/tasks/" + std::to_string(flipped[0]) + "/routing");
  EXPECT_EQ(routing.Json()["routing"]["required_tier"], "expert") << routing.body;
  const ClientResponse audit =
      admin_->Call("GET", "/api/v1/audit?entity=task&entity_id=" + std::to_string(flipped[0]));
  ASSERT_EQ(audit.status, 200) << audit.body;
  const json events = audit.Json()["events"];
  ASSERT_EQ(events.size(), 1u) << audit.body;
  EXPECT_EQ(events[0]["action"], "task.relabel");
  EXPECT_EQ(events[0]["actor_id"], user_ids_.at("manager1@example.org"));

  // A crowd annotator labels everything left and is never handed a relabelled task.
  const Client crowd = AddAnnotator(project, "crowd3@example.org");
  int labelled = 0;
  while (const int64_t task = LabelNext(crowd, project, "positive")) {
    EXPECT_EQ(std::find(flipped.begin(), flipped.end(), task), flipped.end());
    if (++labelled > 20) break;
  }
  EXPECT_EQ(labelled, 9);  // The 10 unlabelled but the one annotator2 holds.
  const Client expert = AddAnnotator(project, "expert3@example.org", "expert");
  const int64_t relabelled = LabelNext(expert, project, "positive");
  EXPECT_NE(std::find(flipped.begin(), flipped.end(), relabelled), flipped.end());
}

}  // namespace
}  // namespace chorus::app
