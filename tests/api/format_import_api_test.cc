// The training-format imports over the API as shipped (POST /api/v1/projects/{project}/imports/
// {format}): CoNLL and COCO files become tasks whose labels are predictions, a predictions JSONL
// attaches predictions to tasks that exist, and bad files answer 422 naming the line, storing
// nothing.
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

// A project with `interface` made by the administrator, manager1 a member.
int64_t MakeInterfaceProject(const Client& admin, const json& interface) {
  const ClientResponse created =
      admin.Post("/api/v1/projects", {{"name", "Imported"}, {"label_interface", interface}});
  EXPECT_EQ(created.status, 201) << created.body;
  return created.Json().value("id", int64_t{0});
}

TEST_P(AppApiTest, ConllImportMakesTasksWithPredictionsAndRefusesIllegalTagsWhole) {
  const int64_t project = MakeInterfaceProject(
      *admin_,
      {{"controls", {{{"type", "spans"}, {"name", "ner"}, {"to", "text"}, {"labels", {"PER"}}}}}});
  AddMember(*admin_, project, "manager1@example.org", 201);
  const Client manager = Login("manager1@example.org");
  const std::string p = "/api/v1/projects/" + std::to_string(project);

  const ClientResponse bad = manager.Call("POST", p + "/imports/conll_iob2",
                                          "Zoë B-PER\nmet O\n\nAda I-PER\n", "text/plain");
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.Json()["errors"][0]["line"], 4);
  EXPECT_EQ(bad.Json()["errors"][0]["record"], 1);
  EXPECT_EQ(manager.Call("GET", p).Json()["task_count"], 0);  // Nothing stored.

  const ClientResponse imported = manager.Call("POST", p + "/imports/conll_iob2?model=ner-gold",
                                               "Zoë B-PER\nmet O\n\nAda B-PER\n", "text/plain");
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.Json()["inserted"], 2);
  EXPECT_EQ(imported.Json()["predictions"], 2);
  EXPECT_EQ(imported.Json()["model"], "ner-gold");
  const json tasks = manager.Call("GET", p + "/tasks").Json();
  const int64_t task = tasks["tasks"][0]["id"];
  const json predictions =
      manager.Call("GET", "/api/v1/tasks/" + std::to_string(task) + "/predictions").Json();
  ASSERT_EQ(predictions["items"].size(), 1u) << predictions.dump();
  EXPECT_EQ(predictions["items"][0]["model_version"], "ner-gold");
  EXPECT_EQ(predictions["items"][0]["result"]["ner"]["spans"][0]["end"], 3);
  // Importing the file again adds no task (deduplicated by content).
  const ClientResponse again = manager.Call("POST", p + "/imports/conll_iob2?model=ner-gold",
                                            "Zoë B-PER\nmet O\n\nAda B-PER\n", "text/plain");
  EXPECT_EQ(again.Json()["inserted"], 0) << again.body;

  // Predictions for tasks that exist, named by data; an unknown task names its line.
  const std::string line = json({{"task", {{"text", "Zoë met"}}},
                                 {"model", "ner-v2"},
                                 {"score", 0.8},
                                 {"result", {{"ner", {{"spans", json::array()}}}}}})
                               .dump();
  const ClientResponse unknown = manager.Call(
      "POST", p + "/imports/predictions_jsonl",
      line + "\n" + json({{"task", "nope"}, {"model", "m"}, {"result", json::object()}}).dump(),
      "application/x-ndjson");
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_EQ(unknown.Json()["errors"][0]["line"], 2);
  const ClientResponse attached =
      manager.Call("POST", p + "/imports/predictions_jsonl", line, "application/x-ndjson");
  ASSERT_EQ(attached.status, 200) << attached.body;
  EXPECT_EQ(attached.Json()["predictions"], 1);

  const ClientResponse long_model = manager.Call(
      "POST", p + "/imports/conll_iob2?model=" + std::string(201, 'm'), "Zoë O\n", "text/plain");
  EXPECT_EQ(long_model.status, 400) << long_model.body;
  EXPECT_EQ(long_model.Json()["error"]["field"], "model");
  const ClientResponse not_utf8 =
      manager.Call("POST", p + "/imports/conll_iob2?model=%FF", "Zoë O\n", "text/plain");
  EXPECT_EQ(not_utf8.status, 400) << not_utf8.body;
  // Parsed in memory, so bounded: 64 MiB unless it is a VOC or YOLO archive.
  const ClientResponse too_large = manager.Call("POST", p + "/imports/conll_iob2",
                                                std::string((64u << 20) + 1, 'a'), "text/plain");
  EXPECT_EQ(too_large.status, 413) << too_large.body.substr(0, 200);
  EXPECT_NE(too_large.body.find("64 MiB"), std::string::npos);
  const ClientResponse format = manager.Call("POST", p + "/imports/parquet", "x", "text/plain");
  EXPECT_EQ(format.status, 400);
  EXPECT_EQ(format.Json()["error"]["field"], "format");
  const ClientResponse no_image = manager.Call("POST", p + "/imports/coco_json", "{}");
  EXPECT_EQ(no_image.status, 400) << no_image.body;
  EXPECT_EQ(no_image.Json()["error"]["field"], "format");
}

// A file that names one task twice with other labels would keep the last silently: the repeat
// is refused naming both lines, and nothing is stored; an identical repeat makes one task.
TEST_P(AppApiTest, FormatImportsRefuseATaskRepeatedWithOtherLabels) {
  const int64_t project = MakeInterfaceProject(
      *admin_,
      {{"controls", {{{"type", "spans"}, {"name", "ner"}, {"to", "text"}, {"labels", {"PER"}}}}}});
  const std::string p = "/api/v1/projects/" + std::to_string(project);

  const ClientResponse conflicting = admin_->Call("POST", p + "/imports/conll_iob2",
                                                  "Ada B-PER\n\nmet O\n\nAda O\n", "text/plain");
  ASSERT_EQ(conflicting.status, 422) << conflicting.body;
  const json error = conflicting.Json()["errors"][0];
  EXPECT_EQ(error["line"], 5) << conflicting.body;
  EXPECT_EQ(error["record"], 2);
  EXPECT_NE(error["message"].get<std::string>().find("record 0 (line 1)"), std::string::npos)
      << conflicting.body;
  EXPECT_EQ(admin_->Call("GET", p).Json()["task_count"], 0);

  const ClientResponse same =
      admin_->Call("POST", p + "/imports/conll_iob2", "Ada B-PER\n\nAda B-PER\n", "text/plain");
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_EQ(admin_->Call("GET", p).Json()["task_count"], 1);

  const auto line = [](const std::string& label) {
    return json(
               {{"task", {{"text", "Ada"}}},
                {"model", "m"},
                {"result", {{"ner", {{"spans", {{{"start", 0}, {"end", 3}, {"label", label}}}}}}}}})
        .dump();
  };
  const ClientResponse twice =
      admin_->Call("POST", p + "/imports/predictions_jsonl",
                   line("PER") + "\n\n" + line("PER") + "\n" +
                       json({{"task", {{"text", "Ada"}}},
                             {"model", "m"},
                             {"result", {{"ner", {{"spans", json::array()}}}}}})
                           .dump(),
                   "application/x-ndjson");
  ASSERT_EQ(twice.status, 422) << twice.body;
  EXPECT_EQ(twice.Json()["errors"].size(), 1u) << twice.body;
  EXPECT_EQ(twice.Json()["errors"][0]["line"], 4);
  EXPECT_NE(twice.body.find("line 1"), std::string::npos) << twice.body;
}

TEST_P(AppApiTest, CocoAndVocImportsIntoAnImageProject) {
  const int64_t project = MakeInterfaceProject(
      *admin_,
      {{"controls",
        {{{"type", "rectangles"}, {"name", "boxes"}, {"to", "image"}, {"labels", {"car"}}}}}});
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const json coco = {
      {"images", {{{"id", 1}, {"file_name", "a.jpg"}, {"width", 100}, {"height", 50}}}},
      {"categories", {{{"id", 3}, {"name", "car"}}, {{"id", 4}, {"name", "bus"}}}},
      {"annotations", {{{"id", 9}, {"image_id", 1}, {"category_id", 4}, {"bbox", {0, 0, 5, 5}}}}}};
  const ClientResponse unknown = admin_->Call("POST", p + "/imports/coco_json", coco.dump());
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_NE(unknown.body.find("annotation 9"), std::string::npos) << unknown.body;
  json good = coco;
  good["annotations"][0]["category_id"] = 3;
  const ClientResponse imported = admin_->Call("POST", p + "/imports/coco_json", good.dump());
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.Json()["inserted"], 1);
  EXPECT_EQ(imported.Json()["model"], "coco_json_import");

  const ClientResponse doctype = admin_->Call(
      "POST", p + "/imports/voc_xml",
      "<!DOCTYPE a [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><annotation>&e;</annotation>",
      "application/xml");
  ASSERT_EQ(doctype.status, 422) << doctype.body;
  EXPECT_NE(doctype.body.find("DOCTYPE"), std::string::npos);
  EXPECT_EQ(admin_->Call("GET", p).Json()["task_count"], 1);
}

}  // namespace
}  // namespace chorus::app
