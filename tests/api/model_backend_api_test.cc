// Model backends over the API as shipped (issue 7 item 1): a Label Studio ML backend started
// by the test on loopback drafts a project's tasks through a background job, once the server
// allows that address (--allow-fetch); without the rule the address is refused at save, before
// any request; annotators get 403 and their next/submit never call the model; gold tasks are
// never sent; the key never comes back.
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

using test::TestUpstream;

TestUpstream::Reply LsJson(const json& body) {
  TestUpstream::Reply reply;
  reply.content_type = "application/json";
  reply.body = body.dump();
  return reply;
}

TEST_P(AppApiTest, LabelStudioBackendDraftsTasksThroughAJob) {
  TestUpstream upstream([](const TestUpstream::Request& r) {
    if (r.target == "/health") return LsJson({{"status", "UP"}});
    if (r.target == "/setup") return LsJson({{"model_version", "ls-api-1"}});
    return LsJson({{"results",
                    {{{"result",
                       {{{"from_name", "sentiment"},
                         {"to_name", "text"},
                         {"type", "choices"},
                         {"value", {{"choices", {"negative"}}}}}}},
                      {"score", 0.75}}}}});
  });
  const int64_t project = MakeProject(/*overlap=*/1, /*tasks=*/3);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const json config = {{"kind", "label_studio"},
                       {"url", upstream.url()},
                       {"api_key_env", "CHORUS_MODEL_KEY_TEST_NEVER_SET"},
                       {"max_requests_per_minute", 10000},
                       {"max_retries", 0}};

  // Without an allow rule the loopback address is refused at once, naming the flag.
  const Client manager = Login("manager1@example.org");
  const ClientResponse refused = manager.Call("PUT", p + "/model-backend", config.dump());
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["field"], "url");
  EXPECT_NE(refused.body.find("--allow-fetch"), std::string::npos) << refused.body;
  EXPECT_EQ(upstream.requests(), 0);

  const auto allowing =
      StartAllowingFetch({"127.0.0.1/32:" + std::to_string(upstream.port())});
  const Client boss = LoginAt(allowing->port, "manager1@example.org");
  const Client annotator = LoginAt(allowing->port, "annotator1@example.org");
  EXPECT_EQ(annotator.Call("PUT", p + "/model-backend", config.dump()).status, 403);
  EXPECT_EQ(annotator.Call("GET", p + "/model-backend").status, 403);
  EXPECT_EQ(annotator.Post(p + "/model-backend/draft", json::object()).status, 403);
  EXPECT_EQ(boss.Call("GET", p + "/model-backend").Json()["model_backend"], nullptr);
  const ClientResponse saved = boss.Call("PUT", p + "/model-backend", config.dump());
  ASSERT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(saved.Json()["model_backend"]["api_key_env"], "CHORUS_MODEL_KEY_TEST_NEVER_SET");
  EXPECT_EQ(saved.Json()["api_key_present"], false);
  // A key variable that is not set stops the check before any request.
  const ClientResponse unset = boss.Post(p + "/model-backend/check", json::object());
  EXPECT_EQ(unset.Json()["error"]["field"], "api_key_env") << unset.body;
  EXPECT_EQ(upstream.requests(), 0);
  json keyless = config;
  keyless.erase("api_key_env");
  ASSERT_EQ(boss.Call("PUT", p + "/model-backend", keyless.dump()).status, 200);

  const ClientResponse check = boss.Post(p + "/model-backend/check", json::object());
  ASSERT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(check.Json()["ok"], true) << check.body;
  EXPECT_EQ(check.Json()["model_version"], "ls-api-1");

  // One task is gold: it must never reach the model.
  const json tasks = boss.Call("GET", p + "/tasks").Json()["tasks"];
  ASSERT_EQ(tasks.size(), 3u);
  const std::string gold_task = std::to_string(tasks[0]["id"].get<int64_t>());
  ASSERT_EQ(boss.Call("PUT", "/api/v1/tasks/" + gold_task + "/gold",
                      json({{"reference", {{"sentiment", {{"choices", {"positive"}}}}}}}).dump())
                .status,
            201);
  const ClientResponse started = boss.Post(p + "/model-backend/draft", json::object());
  ASSERT_EQ(started.status, 202) << started.body;
  EXPECT_EQ(started.Json()["kind"], "model_draft");
  const json job = AwaitJob(boss, started.Json()["url"]);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["manifest"]["requested"], 2);
  EXPECT_EQ(job["manifest"]["stored"], 2);
  EXPECT_EQ(job["manifest"]["gold_skipped"], 1);
  EXPECT_EQ(job["manifest"]["model_version"], "ls-api-1");
  const json predictions =
      boss.Call("GET", "/api/v1/tasks/" + std::to_string(tasks[1]["id"].get<int64_t>()) +
                           "/predictions")
          .Json();
  EXPECT_NE(predictions.dump().find("ls-api-1"), std::string::npos) << predictions.dump();
  const std::string gold_text = tasks[0]["data"]["text"];
  for (const auto& r : upstream.received()) {
    if (r.target != "/predict") continue;
    const json body = json::parse(r.body);
    EXPECT_NE(std::to_string(body["tasks"][0]["id"].get<int64_t>()), gold_task);
    EXPECT_EQ(r.body.find(gold_text), std::string::npos);
  }
  // Training: the START_TRAINING event through /webhook; an unknown way is refused.
  const ClientResponse trained = boss.Post(p + "/model-backend/train", {{"via", "webhook"}});
  ASSERT_EQ(trained.status, 200) << trained.body;
  EXPECT_EQ(upstream.received().back().target, "/webhook");
  EXPECT_EQ(json::parse(upstream.received().back().body)["action"], "START_TRAINING");
  const ClientResponse unknown = boss.Post(p + "/model-backend/train", {{"via", "carrier pigeon"}});
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(unknown.Json()["error"]["field"], "via");

  // Annotators get the stored drafts; their requests never call the model.
  const int64_t version = boss.Call("GET", p).Json()["version"];
  ASSERT_EQ(boss.Call("PATCH", p,
                      json({{"version", version}, {"drafts", {{"enabled", true}, {"blind_share", 0}}}})
                          .dump())
                .status,
            200);
  const int calls = upstream.requests();
  const ClientResponse next = annotator.Post(p + "/next", json::object());
  ASSERT_EQ(next.status, 200) << next.body;
  const std::string task = std::to_string(next.Json()["task"]["id"].get<int64_t>());
  if (task != gold_task) {  // Gold is never drafted.
    EXPECT_EQ(next.Json()["model_draft"]["sentiment"]["choices"][0], "negative") << next.body;
  }
  EXPECT_EQ(annotator
                .Post("/api/v1/tasks/" + task + "/annotations",
                      {{"result", {{"sentiment", {{"choices", {"negative"}}}}}}})
                .status,
            201);
  EXPECT_EQ(upstream.requests(), calls);
  allowing->server->Stop();
}

}  // namespace
}  // namespace chorus::app
