// An annotator's work when the project changes under it, over the API as shipped on both
// stores: a label interface edited while they answer refuses the stale answer by name and
// keeps their work as a draft (security catalogue entry 15).
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

// The manager renames the option "negative" to "critical" in MakeProject's interface; the
// project's version before the edit.
int64_t RenameNegativeToCritical(const Client& manager, int64_t project) {
  const std::string read = "/api/v1/projects/" + std::to_string(project);
  const int64_t before = manager.Call("GET", read).Json()["version"];
  const json renamed = {{"controls",
                         {{{"type", "choices"},
                           {"name", "sentiment"},
                           {"to", "text"},
                           {"options", {"positive", "critical"}}}}}};
  const ClientResponse edited =
      manager.Call("PATCH", read, json({{"version", before}, {"label_interface", renamed}}).dump());
  EXPECT_EQ(edited.status, 200) << edited.body;
  return before;
}

std::string DraftPath(int64_t task) { return "/api/v1/tasks/" + std::to_string(task) + "/draft"; }

// Entry 15: a manager renames an option while an annotator works on it. A stale answer that
// does not say which version it was made in is refused naming the option (never a 500,
// nothing stored), the draft stays as it was, and an answer in the new terms is stored.
TEST_P(AppApiTest, AnInterfaceEditedUnderAnAnnotatorRefusesTheStaleAnswerAndKeepsTheDraft) {
  const int64_t project = MakeProject(1, 1);
  const Client annotator = Login("annotator1@example.org");
  const int64_t task = TakeNext(annotator, project);
  ASSERT_NE(task, 0);
  const json work = {{"sentiment", {{"choices", {"negative"}}}}};
  ASSERT_EQ(annotator.Call("PUT", DraftPath(task), json({{"result", work}}).dump()).status, 201);
  RenameNegativeToCritical(*admin_, project);

  const ClientResponse stale = annotator.Post(AnnotationsPath(task), ChoiceAnswer("negative", "s"));
  EXPECT_EQ(stale.status, 400) << stale.body;
  EXPECT_EQ(stale.Json()["error"]["field"], "result.sentiment.choices[0]");
  EXPECT_NE(stale.body.find("critical"), std::string::npos) << stale.body;  // What is asked now.
  const ClientResponse kept = annotator.Call("GET", DraftPath(task));
  ASSERT_EQ(kept.status, 200) << kept.body;
  EXPECT_EQ(kept.Json()["annotation"]["result"], work);
  EXPECT_EQ(admin_->Call("GET", AnnotationsPath(task)).Json()["annotations"].size(), 0u);

  const ClientResponse remapped =
      annotator.Post(AnnotationsPath(task), ChoiceAnswer("critical", "r"));
  ASSERT_EQ(remapped.status, 201) << remapped.body;
  EXPECT_EQ(annotator.Call("GET", DraftPath(task)).status, 404);  // The draft became the answer.
}

// Entry 15 as the web app meets it: the answer names the project version it was made in, so
// the refusal is a 409 that says the interface changed, with the version now, and the answer
// itself becomes the draft to remap. An old-version answer the new interface still takes is
// stored.
TEST_P(AppApiTest, AnAnswerMadeInAnOlderInterfaceIsAConflictAndBecomesTheDraft) {
  const int64_t project = MakeProject(2, 1);
  const Client annotator = Login("annotator1@example.org");
  const Client other = Login("annotator2@example.org");
  const int64_t task = TakeNext(annotator, project);
  ASSERT_NE(task, 0);
  ASSERT_EQ(TakeNext(other, project), task);
  const int64_t before = RenameNegativeToCritical(*admin_, project);

  json stale = ChoiceAnswer("negative", "s");
  stale["project_version"] = before;
  const ClientResponse refused = annotator.Post(AnnotationsPath(task), stale);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.Json()["error"]["field"], "project_version");
  EXPECT_EQ(refused.Json()["error"]["current_version"], before + 1);
  EXPECT_NE(refused.body.find("critical"), std::string::npos) << refused.body;
  const ClientResponse draft = annotator.Call("GET", DraftPath(task));
  ASSERT_EQ(draft.status, 200) << draft.body;
  EXPECT_EQ(draft.Json()["annotation"]["result"], stale["result"]);
  EXPECT_EQ(admin_->Call("GET", AnnotationsPath(task)).Json()["annotations"].size(), 0u);

  json still_valid = ChoiceAnswer("positive", "p");
  still_valid["project_version"] = before;
  EXPECT_EQ(other.Post(AnnotationsPath(task), still_valid).status, 201);
  json bad_version = ChoiceAnswer("critical", "b");
  bad_version["project_version"] = "latest";
  EXPECT_EQ(annotator.Post(AnnotationsPath(task), bad_version).Json()["error"]["field"],
            "project_version");
}

}  // namespace
}  // namespace chorus::app
