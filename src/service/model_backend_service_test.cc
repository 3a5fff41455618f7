// Model backends against real HTTP servers on loopback (TestUpstream): the Label Studio ML
// backend protocol and an OpenAI-compatible chat-completions API, through the outbound guard.
#include "service/model_backend_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "service/ml_backend_client.h"
#include "service/outbound/test_upstream_for_test.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::Role;
using nlohmann::json;
using ::chorus::test::TestUpstream;

TestUpstream::Reply MbJson(const json& body, int status = 200) {
  TestUpstream::Reply reply;
  reply.status = status;
  reply.content_type = "application/json";
  reply.body = body.dump();
  return reply;
}

json ChoiceRegion(const std::string& option) {
  return json::array({{{"from_name", "sentiment"},
                       {"to_name", "text"},
                       {"type", "choices"},
                       {"value", {{"choices", {option}}}}}});
}

class ModelBackendServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    manager_ = AddTestUser(*store_, "manager", Role::kManager, kTestNow);
    domain::Project project;
    project.name = "models";
    project.label_interface = R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
                              R"("options":["positive","negative"]}]})";
    project.created_by = manager_.user_id;
    project.created_at = kTestNow;
    auto created = store_->projects().Create(project);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    project_ = created->id;
    std::vector<domain::Task> batch(4);
    const char* texts[] = {"alpha", "gold-bravo", "charlie", "delta"};
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i].data = json({{"text", texts[i]}}).dump();
      batch[i].created_at = kTestNow;
    }
    auto inserted = store_->tasks().InsertBatch(project_, batch);
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    tasks_ = inserted->task_ids;
    domain::GoldItem gold;
    gold.task_id = tasks_[1];
    gold.project_id = project_;
    gold.reference = SentimentAnswer("negative");
    gold.created_by = manager_.user_id;
    gold.created_at = kTestNow;
    ASSERT_TRUE(store_->gold().Put(gold).ok());
    domain::Guideline guideline;
    guideline.project_id = project_;
    guideline.markdown = "Sarcasm counts as negative.";
    guideline.author = manager_.user_id;
    guideline.created_at = kTestNow;
    ASSERT_TRUE(store_->projects().AddGuideline(guideline).ok());
  }

  ModelBackendService Service(std::vector<std::string> allow = {"127.0.0.1"}) {
    auto policy = FetchPolicy::Make(allow);
    EXPECT_TRUE(policy.ok());
    ModelBackendServiceOptions options;
    options.getenv = [this](const char* name) -> const char* {
      const auto it = env_.find(name);
      return it == env_.end() ? nullptr : it->second.c_str();
    };
    options.sleep = [this](std::chrono::milliseconds d) { slept_.push_back(d); };
    return ModelBackendService(*store_, std::make_shared<const OutboundFetcher>(*policy),
                               std::make_shared<JobRunner>([] { return kTestNow; }),
                               [] { return kTestNow; }, options);
  }

  json Backend(const std::string& kind, const std::string& url) {
    return {{"kind", kind}, {"url", url}, {"model", "gpt-test"}, {"max_requests_per_minute", 10000},
            {"timeout_ms", 5000}, {"max_retries", 2}, {"few_shot", 2}};
  }

  std::string Stored(size_t task, const std::string& version) {
    auto found = store_->predictions().Find(tasks_[task], version);
    EXPECT_TRUE(found.ok());
    return found.ok() && *found ? (*found)->result : "(none)";
  }

  ScratchStore store_;
  Principal manager_;
  int64_t project_ = 0;
  std::vector<int64_t> tasks_;
  std::map<std::string, std::string> env_;
  std::vector<std::chrono::milliseconds> slept_;
};

TEST_F(ModelBackendServiceTest, LabelStudioBackendRoundTrip) {
  TestUpstream upstream([](const TestUpstream::Request& r) {
    if (r.target == "/health") return MbJson({{"status", "UP"}, {"model_dir", "/m"}});
    if (r.target == "/setup") return MbJson({{"model_version", "ls-v1"}});
    if (r.target == "/webhook" || r.target == "/train") return MbJson({{"job", "j1"}}, 201);
    const json body = json::parse(r.body);
    const std::string text = body["tasks"][0]["data"]["text"];
    if (text == "alpha") {  // The current shape.
      return MbJson({{"results", {{{"result", ChoiceRegion("positive")}, {"score", 0.9}}}},
                     {"model_version", "ls-v1"}});
    }
    if (text == "charlie") return MbJson(json::array({{{"result", ChoiceRegion("negative")}}}));
    return MbJson({{"results", {{{"result", ChoiceRegion("meh")}}}}});  // Not an option.
  });
  ModelBackendService service = Service();
  ASSERT_TRUE(service.Put(manager_, project_, Backend("label_studio", upstream.url())).ok());
  auto check = service.Check(project_);
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_TRUE(check->ok) << check->message;
  EXPECT_EQ(check->model_version, "ls-v1");

  auto counts = service.Draft(project_);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->model_version, "ls-v1");
  EXPECT_EQ(counts->gold_skipped, 1);
  EXPECT_EQ(counts->requested, 3);
  EXPECT_EQ(counts->stored, 2);
  EXPECT_EQ(counts->invalid, 1);
  EXPECT_EQ(Stored(0, "ls-v1"), SentimentAnswer("positive"));
  EXPECT_EQ(Stored(2, "ls-v1"), SentimentAnswer("negative"));
  EXPECT_EQ(Stored(3, "ls-v1"), "(none)");
  EXPECT_EQ((*store_->predictions().Find(tasks_[0], "ls-v1"))->score, 0.9);
  const auto received = upstream.received();
  for (const auto& r : received) {
    EXPECT_EQ(r.body.find("gold-bravo"), std::string::npos) << "a gold task went to " << r.target;
    if (r.target == "/predict") {
      const json body = json::parse(r.body);
      EXPECT_EQ(body["project"], std::to_string(project_));
      EXPECT_EQ(body["label_config"]["controls"][0]["name"], "sentiment");
    }
  }
  // Drafted tasks are not asked again; the invalid one is.
  auto again = service.Draft(project_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->already, 2);
  EXPECT_EQ(again->requested, 1);

  auto trained = service.Train(manager_, project_);
  ASSERT_TRUE(trained.ok()) << trained.status().ToString();
  EXPECT_EQ((*trained)["job"], "j1");
  EXPECT_EQ(upstream.received().back().target, "/train");
  auto triggered = service.Train(manager_, project_, ModelBackendService::TrainVia::kWebhook);
  ASSERT_TRUE(triggered.ok()) << triggered.status().ToString();
  const json trigger = json::parse(upstream.received().back().body);
  EXPECT_EQ(upstream.received().back().target, "/webhook");
  EXPECT_EQ(trigger["action"], "START_TRAINING");
  EXPECT_EQ(trigger["project"]["id"], project_);
  const OutboundFetcher fetcher(*FetchPolicy::Make({"127.0.0.1"}));
  ModelHttp http(fetcher, ModelHttpOptions{});
  EXPECT_TRUE(MlBackendClient(http, upstream.url())
                  .Webhook("ANNOTATION_CREATED", project_, {{"annotation", {{"id", 1}}}})
                  .ok());
  const json event = json::parse(upstream.received().back().body);
  EXPECT_EQ(event["action"], "ANNOTATION_CREATED");
  EXPECT_EQ(event["annotation"]["id"], 1);
  EXPECT_EQ(event["project"]["id"], project_);
}

// A job's progress that is cancelled once the work reports more than `tasks` tasks done.
struct CancelledAfter : JobProgress {
  explicit CancelledAfter(int64_t tasks) : tasks(tasks) {}
  void SetTotal(int64_t) override {}
  void SetDone(int64_t now_done) override { done = now_done; }
  Status CheckCancel() const override {
    return done > tasks ? Status(StatusCode::kFailedPrecondition, "cancelled by its owner")
                        : Status::Ok();
  }
  int64_t tasks;
  int64_t done = 0;
};

// A cancelled drafting run stops between tasks: the draft stored before the cancel stays, no
// later task is sent, and running it again drafts only the rest.
TEST_F(ModelBackendServiceTest, ACancelledRunKeepsItsDraftsAndTheNextRunDraftsTheRest) {
  TestUpstream upstream([](const TestUpstream::Request& r) {
    if (r.target == "/setup") return MbJson({{"model_version", "ls-v1"}});
    return MbJson({{"results", {{{"result", ChoiceRegion("positive")}}}}});
  });
  ModelBackendService service = Service();
  ASSERT_TRUE(service.Put(manager_, project_, Backend("label_studio", upstream.url())).ok());
  CancelledAfter progress(/*tasks=*/1);
  auto cancelled = service.Draft(project_, &progress);
  ASSERT_FALSE(cancelled.ok());
  EXPECT_EQ(cancelled.status().message(),
            "cancelled by its owner (drafts stored before it: 1); running it again drafts only "
            "the rest");
  EXPECT_EQ(Stored(0, "ls-v1"), SentimentAnswer("positive"));
  EXPECT_EQ(Stored(2, "ls-v1"), "(none)");
  const auto predicts = [&] {
    const auto received = upstream.received();
    return std::count_if(received.begin(), received.end(),
                         [](const TestUpstream::Request& r) { return r.target == "/predict"; });
  };
  EXPECT_EQ(predicts(), 1);

  auto again = service.Draft(project_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->already, 1);
  EXPECT_EQ(again->requested, 2);  // charlie and delta; the gold task is never sent.
  EXPECT_EQ(Stored(3, "ls-v1"), SentimentAnswer("positive"));
  EXPECT_EQ(predicts(), 3);
}

TEST_F(ModelBackendServiceTest, ChatCompletionsPromptSchemaAndKey) {
  TestUpstream upstream([](const TestUpstream::Request& r) {
    const json body = json::parse(r.body);
    const std::string last = body["messages"].back()["content"];
    std::string content = R"({"sentiment":{"choices":["positive"]}})";
    if (last.find("delta") != std::string::npos) content = "I think it is positive!";
    if (last.find("charlie") != std::string::npos) content = R"({"sentiment":{"choices":["x"]}})";
    return MbJson({{"choices", {{{"message", {{"role", "assistant"}, {"content", content}}}}}}});
  });
  env_["CHORUS_MODEL_KEY_TEST_LLM"] = "sk-secret";
  ModelBackendService service = Service();
  json config = Backend("chat_completions", upstream.url("/v1"));
  config["api_key_env"] = "CHORUS_MODEL_KEY_TEST_LLM";
  auto saved = service.Put(manager_, project_, config);
  ASSERT_TRUE(saved.ok()) << saved.status().ToString();
  EXPECT_TRUE(saved->api_key_present);
  auto counts = service.Draft(project_);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->model_version, "llm:gpt-test");
  EXPECT_EQ(counts->requested, 3);
  EXPECT_EQ(counts->stored, 1);
  EXPECT_EQ(counts->invalid, 2);  // Prose, and an option the interface does not have.
  EXPECT_EQ(Stored(0, "llm:gpt-test"), SentimentAnswer("positive"));
  EXPECT_EQ(Stored(3, "llm:gpt-test"), "(none)");

  const auto received = upstream.received();
  ASSERT_EQ(received.size(), 3u);
  const auto& first = received[0];
  EXPECT_EQ(first.target, "/v1/chat/completions");
  EXPECT_NE(first.head.find("Authorization: Bearer sk-secret"), std::string::npos);
  const json request = json::parse(first.body);
  EXPECT_EQ(request["model"], "gpt-test");
  EXPECT_EQ(request["temperature"], 0);
  const json& messages = request["messages"];
  ASSERT_EQ(messages.size(), 4u);  // System, one gold example (user, assistant), the task.
  EXPECT_NE(messages[0]["content"].get<std::string>().find("Sarcasm counts as negative."),
            std::string::npos);
  EXPECT_EQ(messages[1]["content"], R"({"text":"gold-bravo"})");
  EXPECT_EQ(json::parse(messages[2]["content"].get<std::string>()),
            json::parse(SentimentAnswer("negative")));
  EXPECT_EQ(messages[3]["content"], R"({"text":"alpha"})");
  EXPECT_EQ(request["response_format"]["type"], "json_schema");
  EXPECT_EQ(request["response_format"]["json_schema"]["schema"]["properties"]["sentiment"]
                   ["properties"]["choices"]["items"]["enum"],
            json::array({"positive", "negative"}));
  for (const auto& r : received) {  // Gold is an example, never the task asked about.
    EXPECT_NE(json::parse(r.body)["messages"].back()["content"], R"({"text":"gold-bravo"})");
  }
}

TEST_F(ModelBackendServiceTest, RetriesA429ThenStores) {
  int calls = 0;
  TestUpstream upstream([&calls](const TestUpstream::Request&) {
    if (++calls == 1) return MbJson({{"error", "slow down"}}, 429);
    return MbJson({{"choices", {{{"message", {{"content", SentimentAnswer("negative")}}}}}}});
  });
  ModelBackendService service = Service();
  ASSERT_TRUE(service.Put(manager_, project_, Backend("chat_completions", upstream.url())).ok());
  auto counts = service.Draft(project_);
  ASSERT_TRUE(counts.ok()) << counts.status().ToString();
  EXPECT_EQ(counts->stored, 3);
  EXPECT_EQ(counts->failed, 0);
  EXPECT_EQ(upstream.requests(), 4);  // One retry, then one request per task.
  ASSERT_FALSE(slept_.empty());
  EXPECT_NE(std::find(slept_.begin(), slept_.end(), std::chrono::milliseconds(250)),
            slept_.end());
}

TEST_F(ModelBackendServiceTest, AFailingModelFailsTheRunAfterBoundedRetries) {
  TestUpstream upstream([](const std::string&) { return MbJson({{"error", "down"}}, 503); });
  ModelBackendService service = Service();
  ASSERT_TRUE(service.Put(manager_, project_, Backend("chat_completions", upstream.url())).ok());
  auto counts = service.Draft(project_);
  ASSERT_FALSE(counts.ok());
  EXPECT_EQ(counts.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(counts.status().field(), "url");
  EXPECT_EQ(upstream.requests(), 3 * 3);  // Three tasks in a row, each tried 1 + 2 times.
}

TEST_F(ModelBackendServiceTest, RefusesAPrivateAddressWithoutAnAllowRule) {
  TestUpstream upstream([](const std::string&) { return MbJson({{"status", "UP"}}); });
  ModelBackendService service = Service({});
  auto saved = service.Put(manager_, project_, Backend("label_studio", upstream.url()));
  ASSERT_FALSE(saved.ok());
  EXPECT_EQ(saved.status().field(), "url");
  EXPECT_NE(saved.status().message().find("--allow-fetch"), std::string::npos);
  EXPECT_EQ(upstream.requests(), 0);
  EXPECT_FALSE(store_->predictions().ModelBackend(project_)->has_value());
}

TEST_F(ModelBackendServiceTest, AMissingKeyVariableStopsBeforeAnyCall) {
  TestUpstream upstream([](const std::string&) { return MbJson({}); });
  ModelBackendService service = Service();
  json config = Backend("chat_completions", upstream.url());
  config["api_key_env"] = "CHORUS_MODEL_KEY_TEST_UNSET";
  auto saved = service.Put(manager_, project_, config);
  ASSERT_TRUE(saved.ok());
  EXPECT_FALSE(saved->api_key_present);
  auto counts = service.Draft(project_);
  EXPECT_EQ(counts.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(counts.status().field(), "api_key_env");
  EXPECT_EQ(upstream.requests(), 0);
}

}  // namespace
}  // namespace chorus::service
