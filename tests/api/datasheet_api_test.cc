// The datasheet over the API as shipped: after two annotators label, a manager gets the JSON
// (figures from the labels), the Markdown and the HTML as attachments; an unknown format is a
// 400 naming "format"; annotators get 403.
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

TEST_P(AppApiTest, DatasheetDescribesTheProjectInThreeFormats) {
  const int64_t project = MakeProject(/*overlap=*/2, /*tasks=*/3);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  for (const char* email : {"annotator1@example.org", "annotator2@example.org"}) {
    const Client annotator = Login(email);
    for (int i = 0; i < 3; ++i) {
      const ClientResponse next = annotator.Post(p + "/next", json::object());
      ASSERT_EQ(next.status, 200) << next.body;
      const int64_t task = next.Json()["task"]["id"];
      const ClientResponse submitted =
          annotator.Post("/api/v1/tasks/" + std::to_string(task) + "/annotations",
                         {{"result", {{"sentiment", {{"choices", {"positive"}}}}}},
                          {"active_time_ms", 1000},
                          {"lead_time_ms", 2000}});
      ASSERT_EQ(submitted.status, 201) << submitted.body;
    }
  }
  const Client manager = Login("manager1@example.org");
  const ClientResponse sheet = manager.Call("GET", p + "/datasheet");
  ASSERT_EQ(sheet.status, 200) << sheet.body;
  const json d = sheet.Json();
  EXPECT_EQ(d["composition"]["tasks"], 3);
  EXPECT_EQ(d["composition"]["submitted_labels"], 6);
  EXPECT_EQ(d["annotators"]["labellers"], 2);
  EXPECT_EQ(d["composition"]["label_distribution"]["rows"][0]["count"], 6);
  EXPECT_EQ(d["quality"]["agreement"]["raw_agreement"]["value"], 1.0);

  const ClientResponse markdown = manager.Call("GET", p + "/datasheet?format=markdown");
  ASSERT_EQ(markdown.status, 200) << markdown.body;
  EXPECT_EQ(markdown.Header("Content-Type").value_or(""), "text/markdown; charset=utf-8");
  EXPECT_NE(markdown.Header("Content-Disposition").value_or("").find(".md"), std::string::npos);
  EXPECT_EQ(markdown.body.rfind("# Datasheet: ", 0), 0u);
  const ClientResponse html = manager.Call("GET", p + "/datasheet?format=html");
  ASSERT_EQ(html.status, 200) << html.body;
  EXPECT_NE(html.Header("Content-Disposition").value_or("").find("attachment"), std::string::npos);
  EXPECT_EQ(html.body.rfind("<!doctype html>", 0), 0u);

  const ClientResponse bad = manager.Call("GET", p + "/datasheet?format=pdf");
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.Json()["error"]["field"], "format");
  EXPECT_EQ(Login("annotator1@example.org").Call("GET", p + "/datasheet").status, 403);
}

}  // namespace
}  // namespace chorus::app
