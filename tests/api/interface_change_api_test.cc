// An annotator's work when the project changes under it, over the API as shipped on both
// stores: a label interface edited while they answer refuses the stale answer by name and
// keeps their draft (security catalogue entry 15).
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

// Entry 15: a manager renames an option while an annotator works on it. The stale answer is
// refused naming the option (never a 500, nothing stored), the draft stays as it was, and an
// answer in the new terms is stored.
TEST_P(AppApiTest, AnInterfaceEditedUnderAnAnnotatorRefusesTheStaleAnswerAndKeepsTheDraft) {
  const int64_t project = MakeProject(1, 1);
  const std::string read = "/api/v1/projects/" + std::to_string(project);
  const Client annotator = Login("annotator1@example.org");
  const int64_t task = TakeNext(annotator, project);
  ASSERT_NE(task, 0);
  const std::string draft = "/api/v1/tasks/" + std::to_string(task) + "/draft";
  const json work = {{"sentiment", {{"choices", {"negative"}}}}};
  ASSERT_EQ(annotator.Call("PUT", draft, json({{"result", work}}).dump()).status, 201);

  const json project_now = admin_->Call("GET", read).Json();
  const json renamed = {{"controls",
                         {{{"type", "choices"},
                           {"name", "sentiment"},
                           {"to", "text"},
                           {"options", {"positive", "critical"}}}}}};
  const ClientResponse edited = admin_->Call(
      "PATCH", read,
      json({{"version", project_now["version"]}, {"label_interface", renamed}}).dump());
  ASSERT_EQ(edited.status, 200) << edited.body;

  const ClientResponse stale = annotator.Post(AnnotationsPath(task), ChoiceAnswer("negative", "s"));
  EXPECT_EQ(stale.status, 400) << stale.body;
  EXPECT_EQ(stale.Json()["error"]["field"], "result.sentiment.choices[0]");
  EXPECT_NE(stale.body.find("critical"), std::string::npos) << stale.body;  // What is asked now.
  const ClientResponse kept = annotator.Call("GET", draft);
  ASSERT_EQ(kept.status, 200) << kept.body;
  EXPECT_EQ(kept.Json()["annotation"]["result"], work);
  EXPECT_EQ(admin_->Call("GET", AnnotationsPath(task)).Json()["annotations"].size(), 0u);

  const ClientResponse remapped =
      annotator.Post(AnnotationsPath(task), ChoiceAnswer("critical", "r"));
  ASSERT_EQ(remapped.status, 201) << remapped.body;
  EXPECT_EQ(annotator.Call("GET", draft).status, 404);  // The draft became the answer.
}

}  // namespace
}  // namespace chorus::app
