// Rejected work returns to its annotator over the API as shipped: after a rejection their next
// task is that label again, with the reviewer's comment (never the reviewer) and their own
// annotation to PATCH; correcting it, or an accepting review, ends the return; nobody else is
// handed it; every next-task response carries "returned" (null when it is new work).
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

TEST_P(AppApiTest, RejectedWorkReturnsToItsAnnotatorUntilCorrected) {
  const int64_t project = MakeProject(/*overlap=*/2, /*tasks=*/3);
  const std::string next = "/api/v1/projects/" + std::to_string(project) + "/next";
  const Client first = Login("annotator1@example.org");
  const Client second = Login("annotator2@example.org");
  const Client reviewer = Login("reviewer1@example.org");
  const json positive = {{"sentiment", {{"choices", {"positive"}}}}};
  const json negative = {{"sentiment", {{"choices", {"negative"}}}}};

  // Both label the same task; new work says returned: null.
  const ClientResponse handed = first.Post(next, json::object());
  ASSERT_EQ(handed.status, 200) << handed.body;
  ASSERT_TRUE(handed.Json().contains("returned"));
  EXPECT_TRUE(handed.Json()["returned"].is_null());
  const int64_t task = handed.Json()["task"]["id"];
  const std::string annotations = "/api/v1/tasks/" + std::to_string(task) + "/annotations";
  const json mine = first.Post(annotations, {{"result", positive}}).Json()["annotation"];
  ASSERT_EQ(second.Post(next, json::object()).Json()["task"]["id"], task);
  const json theirs = second.Post(annotations, {{"result", positive}}).Json()["annotation"];
  ASSERT_TRUE(mine.contains("id") && theirs.contains("id"));

  const std::string comment = "<img src=x onerror=alert(1)> it says \"awful\"";
  const ClientResponse rejected =
      reviewer.Post("/api/v1/annotations/" + std::to_string(mine["id"].get<int64_t>()) + "/reviews",
                    {{"verdict", "rejected"}, {"comment", comment}});
  ASSERT_EQ(rejected.status, 201) << rejected.body;

  // The first annotator gets it back, again and again until they correct it.
  for (int ask = 0; ask < 2; ++ask) {
    const ClientResponse back = first.Post(next, json::object());
    ASSERT_EQ(back.status, 200) << back.body;
    const json body = back.Json();
    EXPECT_EQ(body["task"]["id"], task);
    EXPECT_TRUE(body["draft"].is_null());
    ASSERT_TRUE(body["returned"].is_object()) << back.body;
    EXPECT_EQ(body["returned"]["comment"], comment);
    EXPECT_EQ(body["returned"]["annotation"], mine);
    EXPECT_EQ(body["returned"]["review_id"], rejected.Json()["review"]["id"]);
    EXPECT_EQ(body["returned"]["returned_at"], rejected.Json()["review"]["created_at"]);
    // Who rejected it stays with the reviewers.
    EXPECT_EQ(back.body.find("reviewer_id"), std::string::npos) << back.body;
  }
  // Nobody else sees it: the second annotator gets new work.
  const ClientResponse others = second.Post(next, json::object());
  ASSERT_EQ(others.status, 200) << others.body;
  EXPECT_NE(others.Json()["task"]["id"], task);
  EXPECT_TRUE(others.Json()["returned"].is_null());

  // A stale version is refused and changes nothing.
  const std::string patch = "/api/v1/annotations/" + std::to_string(mine["id"].get<int64_t>());
  EXPECT_EQ(first.Call("PATCH", patch, json({{"result", negative}, {"version", 99}}).dump()).status,
            409);
  EXPECT_TRUE(first.Post(next, json::object()).Json()["returned"].is_object());
  const ClientResponse corrected =
      first.Call("PATCH", patch, json({{"result", negative}, {"version", mine["version"]}}).dump());
  ASSERT_EQ(corrected.status, 200) << corrected.body;
  EXPECT_EQ(corrected.Json()["annotation"]["result"], negative);
  const ClientResponse after = first.Post(next, json::object());
  ASSERT_EQ(after.status, 200) << after.body;
  EXPECT_NE(after.Json()["task"]["id"], task);
  EXPECT_TRUE(after.Json()["returned"].is_null());

  // A rejection followed by an acceptance returns nothing to the second annotator.
  const std::string their_reviews =
      "/api/v1/annotations/" + std::to_string(theirs["id"].get<int64_t>()) + "/reviews";
  ASSERT_EQ(reviewer.Post(their_reviews, {{"verdict", "rejected"}, {"comment", "check"}}).status,
            201);
  EXPECT_EQ(second.Post(next, json::object()).Json()["returned"]["annotation"]["id"], theirs["id"]);
  ASSERT_EQ(reviewer.Post(their_reviews, {{"verdict", "accepted"}}).status, 201);
  const ClientResponse cleared = second.Post(next, json::object());
  ASSERT_EQ(cleared.status, 200) << cleared.body;
  EXPECT_TRUE(cleared.Json()["returned"].is_null());
  EXPECT_NE(cleared.Json()["task"]["id"], task);
}

}  // namespace
}  // namespace chorus::app
