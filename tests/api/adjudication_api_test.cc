// Adjudication over the API as shipped: two annotators disagree on a task of a dynamic-overlap
// project whose max_overlap is its overlap, so the task is escalated; a crowd annotator is
// refused naming the tier, an expert who labelled it is refused (conflict of interest), an
// expert member who did not label it reads it anonymised and decides it with a rationale; the
// decision is checked like a submission, stands once, and leaves the labels as they were.
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

// Whether any object inside `value` has a key in `keys`.
bool HasKey(const json& value, const std::set<std::string>& keys) {
  if (value.is_object()) {
    for (const auto& [key, item] : value.items()) {
      if (keys.contains(key) || HasKey(item, keys)) return true;
    }
  }
  if (value.is_array()) {
    for (const json& item : value) {
      if (HasKey(item, keys)) return true;
    }
  }
  return false;
}

TEST_P(AppApiTest, DisagreementIsEscalatedAndAnExpertWhoDidNotLabelItDecides) {
  const int64_t project = MakeProject(/*overlap=*/2, /*tasks=*/1);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const ClientResponse routed = admin_->Call(
      "PATCH", p,
      json({{"version", 1}, {"routing", {{"dynamic", true}, {"max_overlap", 2}}}}).dump());
  ASSERT_EQ(routed.status, 200) << routed.body;
  for (const char* name : {"judge", "labeller"}) {
    const std::string email = std::string(name) + "@example.org";
    const ClientResponse created =
        admin_->Post("/api/v1/users", {{"email", email},
                                       {"display_name", std::string("Expert ") + name},
                                       {"role", "annotator"},
                                       {"tier", "expert"},
                                       {"password", kPassword}});
    ASSERT_EQ(created.status, 201) << created.body;
    user_ids_[email] = created.Json()["id"].get<int64_t>();
    AddMember(*admin_, project, email, 201);
  }

  // A crowd annotator and an expert disagree.
  int64_t task = 0;
  const std::vector<std::pair<std::string, std::string>> answers = {
      {"annotator1@example.org", "positive"}, {"labeller@example.org", "negative"}};
  for (const auto& [email, option] : answers) {
    const Client client = Login(email);
    const ClientResponse next = client.Post(p + "/next", json::object());
    ASSERT_EQ(next.status, 200) << next.body;
    task = next.Json()["task"]["id"].get<int64_t>();
    const ClientResponse submitted = client.Post(
        "/api/v1/tasks/" + std::to_string(task) + "/annotations",
        {{"result", {{"sentiment", {{"choices", {option}}}}}}, {"idempotency_key", email}});
    ASSERT_EQ(submitted.status, 201) << submitted.body;
  }
  const std::string item_route = "/api/v1/tasks/" + std::to_string(task) + "/adjudication";
  const Client manager = Login("manager1@example.org");
  // The second, disagreeing label escalated the task (service/routing.h).
  ASSERT_EQ(manager.Call("GET", item_route).status, 200);
  const json labels_before =
      admin_->Call("GET", "/api/v1/tasks/" + std::to_string(task) + "/annotations").Json();

  // The manager's queue: the task, its reason and label count, and the open count.
  const ClientResponse queue = manager.Call("GET", p + "/adjudications?state=open");
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_EQ(queue.Json()["open"], 1);
  ASSERT_EQ(queue.Json()["adjudications"].size(), 1u) << queue.body;
  const json queued = queue.Json()["adjudications"][0];
  EXPECT_EQ(queued["task_id"], task);
  EXPECT_EQ(queued["task"]["id"], task);
  EXPECT_EQ(queued["labels"], 2);
  EXPECT_FALSE(queued["reason"].get<std::string>().empty());
  EXPECT_EQ(queued["decided"], false);
  EXPECT_EQ(manager.Call("GET", p + "/adjudications?state=maybe").Json()["error"]["field"],
            "state");

  // A crowd annotator may not, whichever route; the message says an expert must.
  const Client crowd = Login("annotator2@example.org");
  for (const auto& [method, target] : std::vector<std::pair<std::string, std::string>>{
           {"GET", p + "/adjudications"}, {"GET", item_route}, {"POST", item_route}}) {
    const ClientResponse refused = crowd.Call(
        method, target, method == "POST" ? R"({"result": {}, "rationale": "mine"})" : "");
    EXPECT_EQ(refused.status, 403) << method << " " << target << ": " << refused.body;
    EXPECT_EQ(refused.Json()["error"]["field"], "tier") << refused.body;
    EXPECT_NE(refused.Json()["error"]["message"].get<std::string>().find("expert"),
              std::string::npos);
  }

  // The expert who labelled it may neither read the others' labels nor decide.
  const Client labeller = Login("labeller@example.org");
  const json decision = {{"result", {{"sentiment", {{"choices", {"negative"}}}}}},
                         {"rationale", "the review complains about the price"}};
  EXPECT_EQ(labeller.Call("GET", item_route).status, 403);
  const ClientResponse conflicted = labeller.Post(item_route, decision);
  EXPECT_EQ(conflicted.status, 403) << conflicted.body;
  EXPECT_NE(conflicted.body.find("conflict of interest"), std::string::npos) << conflicted.body;

  // The expert who did not: every label, anonymised, and the distribution.
  const Client judge = Login("judge@example.org");
  const ClientResponse item = judge.Call("GET", item_route);
  ASSERT_EQ(item.status, 200) << item.body;
  const json view = item.Json();
  EXPECT_EQ(view["may_decide"], true);
  EXPECT_EQ(view["task"]["id"], task);
  ASSERT_EQ(view["labels"].size(), 2u) << item.body;
  EXPECT_EQ(view["labels"][0]["annotator"], "Annotator 1");
  EXPECT_EQ(view["labels"][0]["result"]["sentiment"]["choices"][0], "positive");
  EXPECT_EQ(view["labels"][1]["annotator"], "Annotator 2");
  EXPECT_EQ(view["labels"][1]["result"]["sentiment"]["choices"][0], "negative");
  EXPECT_EQ(view["distribution"],
            json::parse(R"([{"control": "sentiment", "unanswered": 0, "ambiguous": 0, "options": [
              {"option": "positive", "count": 1}, {"option": "negative", "count": 1}]}])"));
  EXPECT_FALSE(HasKey(view, {"annotator_id", "user_id", "email", "display_name", "created_by"}))
      << item.body;
  for (const char* who : {"annotator1", "labeller", "Expert labeller"}) {
    EXPECT_EQ(item.body.find(who), std::string::npos) << who << " in " << item.body;
  }

  // A bad result is refused naming the field, and so is a missing rationale.
  const ClientResponse bad = judge.Post(
      item_route, {{"result", {{"sentiment", {{"choices", {"maybe"}}}}}}, {"rationale", "x"}});
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Json()["error"]["field"].get<std::string>().rfind("result.sentiment", 0), 0u)
      << bad.body;
  const ClientResponse unexplained =
      judge.Post(item_route, {{"result", decision["result"]}, {"rationale", ""}});
  EXPECT_EQ(unexplained.status, 400);
  EXPECT_EQ(unexplained.Json()["error"]["field"], "rationale");

  // The decision is stored with its rationale; the labels are as they were.
  const ClientResponse decided = judge.Post(item_route, decision);
  ASSERT_EQ(decided.status, 201) << decided.body;
  EXPECT_EQ(decided.Json()["adjudication"]["result"], decision["result"]);
  EXPECT_EQ(decided.Json()["adjudication"]["rationale"], decision["rationale"]);
  EXPECT_EQ(decided.Json()["adjudication"]["decided_by"], user_ids_.at("judge@example.org"));
  const json stored = manager.Call("GET", item_route).Json();
  EXPECT_EQ(stored["adjudication"]["result"], decision["result"]);
  EXPECT_EQ(stored["may_decide"], false);
  EXPECT_EQ(admin_->Call("GET", "/api/v1/tasks/" + std::to_string(task) + "/annotations").Json(),
            labels_before);

  // The first decision stands.
  const ClientResponse again = manager.Post(
      item_route,
      {{"result", {{"sentiment", {{"choices", {"positive"}}}}}}, {"rationale", "second opinion"}});
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(manager.Call("GET", item_route).Json()["adjudication"]["result"], decision["result"]);
  const json after = manager.Call("GET", p + "/adjudications?state=decided").Json();
  EXPECT_EQ(after["open"], 0);
  ASSERT_EQ(after["adjudications"].size(), 1u);
  EXPECT_EQ(after["adjudications"][0]["rationale"], decision["rationale"]);
}

}  // namespace
}  // namespace chorus::app
