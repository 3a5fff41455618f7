// Moving a project between Label Studio and Chorus over the API as shipped: the project's config
// for Label Studio, an export imported with a record at fault (422, nothing stored), then
// whole (tasks, gold, Label Studio people's labels as predictions), and the label_studio_json
// export carrying Chorus annotators by numeric id only.
#include <algorithm>

#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

TEST_P(AppApiTest, LabelStudioProjectsMoveInAndOut) {
  const int64_t project = MakeProject(/*overlap=*/1, /*tasks=*/0);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const Client manager = Login("manager1@example.org");
  const ClientResponse config = manager.Call("GET", p + "/label-studio-config");
  ASSERT_EQ(config.status, 200) << config.body;
  const std::string xml = config.Json()["config"];
  EXPECT_NE(xml.find("<Choices name=\"sentiment\""), std::string::npos) << xml;

  const json good = json::parse(R"([
    {"id": 7, "data": {"text": "great film"}, "annotations": [
      {"completed_by": {"email": "kim@example.org"}, "result": [{"from_name": "sentiment",
        "to_name": "text", "type": "choices", "value": {"choices": ["positive"]}}]},
      {"completed_by": 2, "ground_truth": true, "result": [{"from_name": "sentiment",
        "to_name": "text", "type": "choices", "value": {"choices": ["positive"]}}]}]},
    {"id": 8, "data": {"text": "dull"}}])");
  json bad = good;
  bad[1]["predictions"] = json::parse(R"([{"result": [{"from_name": "sentiment",
      "to_name": "text", "type": "choices", "value": {"choices": ["meh"]}}]}])");
  const std::string imports = p + "/imports/label-studio";
  const ClientResponse refused = manager.Post(imports, {{"config", xml}, {"tasks", bad}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Json()["errors"][0]["record"], 1);
  const json none = manager.Call("GET", p + "/tasks").Json();
  ASSERT_TRUE(none["tasks"].is_array()) << none.dump();
  EXPECT_EQ(none["tasks"].size(), 0u);  // Nothing stored.
  const ClientResponse unknown = manager.Post(imports, {{"config", xml}, {"task", good}});
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(unknown.Json()["error"]["field"], "task");

  const ClientResponse imported = manager.Post(imports, {{"config", xml}, {"tasks", good}});
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.Json()["inserted"], 2);
  EXPECT_EQ(imported.Json()["gold"], 1);
  EXPECT_TRUE(imported.Json()["interface_set"]);  // The project had no tasks yet.

  // An annotator labels the other task; it leaves with their numeric id, never their email.
  const Client annotator = Login("annotator1@example.org");
  // Either task may come next (task 7 is gold, mixed into the queue unseen).
  const int64_t labelled = LabelNext(annotator, project, "negative");
  ASSERT_NE(labelled, 0);
  const ClientResponse exported = manager.Call("GET", p + "/export?format=label_studio_json");
  ASSERT_EQ(exported.status, 200) << exported.body;
  const json tasks = exported.Json();
  ASSERT_EQ(tasks.size(), 2u);
  EXPECT_EQ(tasks[0]["id"], 7);
  EXPECT_EQ(tasks[1]["id"], 8);
  json labelled_external;
  const json rows = manager.Call("GET", p + "/tasks").Json()["tasks"];
  for (const json& row : rows) {
    if (row["id"] == labelled) labelled_external = row["external_id"];
  }
  ASSERT_TRUE(labelled_external.is_string()) << rows.dump();
  size_t by_annotator = 0;
  for (const json& task : tasks) {
    for (const json& a : task["annotations"]) {
      if (a["completed_by"] != user_ids_.at("annotator1@example.org")) continue;
      ++by_annotator;
      EXPECT_EQ(task["id"].dump(), labelled_external.get<std::string>());
      EXPECT_EQ(a["result"][0]["value"]["choices"][0], "negative");
    }
  }
  EXPECT_EQ(by_annotator, 1u);
  // Task 7 keeps the gold reference (ground truth) and Kim's label.
  const json& first = tasks[0]["annotations"];
  EXPECT_EQ(std::count_if(first.begin(), first.end(),
                          [](const json& a) { return a["ground_truth"] == true; }),
            1);
  EXPECT_EQ(std::count_if(first.begin(), first.end(),
                          [](const json& a) {
                            return a["completed_by"].is_object() &&
                                   a["completed_by"]["email"] == "kim@example.org";
                          }),
            1);
  EXPECT_EQ(exported.body.find("annotator1@example.org"), std::string::npos);

  // Annotators neither import nor read the config.
  EXPECT_EQ(annotator.Call("GET", p + "/label-studio-config").status, 403);
  EXPECT_EQ(annotator.Post(imports, {{"config", xml}, {"tasks", good}}).status, 403);
}

}  // namespace
}  // namespace chorus::app
