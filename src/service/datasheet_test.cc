// The datasheet on a real SQLite store: a sentiment project of 6 tasks labelled by three
// annotators (hand-counted votes: 11 positive, 4 negative, 3 neutral; raw agreement and alpha
// computed below), two of them with a model draft shown and one blind; checked field by field,
// then rendered as Markdown and HTML with a project name that is an HTML payload.
#include "service/datasheet.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "domain/machine_label.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::Role;
using nlohmann::json;

constexpr char kInterface[] =
    R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
    R"("options":["positive","negative","neutral"]}]})";

class DatasheetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    owner_ = AddTestUser(*store_, "owner", Role::kManager, kTestNow).user_id;
    domain::Project project;
    project.name = "<script>alert(1)</script> reviews";
    project.label_interface = kInterface;
    project.created_by = owner_;
    project.created_at = kTestNow;
    auto created = store_->projects().Create(project);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    project_ = created->id;
    std::vector<domain::Task> batch(6);
    for (auto& t : batch) {
      t.data = R"({"text":"fine"})";
      t.created_at = kTestNow;
    }
    auto inserted = store_->tasks().InsertBatch(project_, batch);
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    tasks_ = inserted->task_ids;
  }

  void Label(int64_t who, size_t task, const std::string& option, bool drafted = false,
             bool blind = false) {
    domain::Annotation a;
    a.project_id = project_;
    a.task_id = tasks_.at(task);
    a.annotator_id = who;
    a.result = SentimentAnswer(option);
    a.active_time_ms = 60'000;
    a.draft_shown = drafted;
    a.blind = blind;
    if (drafted || blind) a.draft_model_version = "m1";
    a.created_at = a.updated_at = kTestNow;
    auto submitted = store_->annotations().Submit(a);
    ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  }

  json Build() {
    auto sheet = DatasheetService(*store_, [] { return kTestNow; }).Build(project_);
    EXPECT_TRUE(sheet.ok()) << sheet.status().ToString();
    return sheet.ok() ? *sheet : json();
  }

  ScratchStore store_;
  int64_t owner_ = 0;
  int64_t project_ = 0;
  std::vector<int64_t> tasks_;
};

TEST_F(DatasheetTest, FillsWhatChorusKnowsAndPromptsForTheRest) {
  const int64_t a = AddTestUser(*store_, "a", Role::kAnnotator, kTestNow).user_id;
  const int64_t b = AddTestUser(*store_, "b", Role::kAnnotator, kTestNow).user_id;
  const int64_t c = AddTestUser(*store_, "c", Role::kAnnotator, kTestNow).user_id;
  // positive 3+3+2+2+1 = 11, negative 1+2+1 = 4, neutral 1+2 = 3.
  const std::vector<std::vector<std::string>> votes = {
      {"positive", "positive", "positive"}, {"positive", "positive", "positive"},
      {"positive", "positive", "negative"}, {"positive", "positive", "neutral"},
      {"negative", "negative", "positive"}, {"negative", "neutral", "neutral"}};
  for (size_t t = 0; t < votes.size(); ++t) {
    Label(a, t, votes[t][0], /*drafted=*/t == 0);
    Label(b, t, votes[t][1], /*drafted=*/t == 1, /*blind=*/t == 2);
    Label(c, t, votes[t][2]);
  }
  domain::MachineLabel auto_label;
  auto_label.task_id = tasks_[5];
  auto_label.source = domain::AnnotationSource::kModel;
  auto_label.origin = "m1";
  auto_label.result = SentimentAnswer("neutral");
  auto_label.score = 0.99;
  auto_label.threshold = 0.9;
  auto_label.created_at = kTestNow;
  ASSERT_TRUE(store_->machine_labels().Append(project_, {auto_label}, false).ok());
  const json d = Build();
  EXPECT_EQ(d["datasheet_version"], 1);
  EXPECT_EQ(d["composition"]["machine_labels"], 1);
  EXPECT_EQ(d["provenance"]["labels_by_source"]["model (machine label)"], 1);
  EXPECT_EQ(d["provenance"]["machine_labels_by_origin"]["model: m1"], 1);
  EXPECT_EQ(d["composition"]["tasks"], 6);
  EXPECT_EQ(d["composition"]["labelled_tasks"], 6);
  EXPECT_EQ(d["composition"]["submitted_labels"], 18);
  EXPECT_EQ(d["composition"]["data_fields"], json({"text"}));
  const json& rows = d["composition"]["label_distribution"]["rows"];
  EXPECT_EQ(d["composition"]["label_distribution"]["basis"], "individual votes");
  EXPECT_EQ(rows[0]["count"], 11);  // positive
  EXPECT_EQ(rows[1]["count"], 4);   // negative
  EXPECT_EQ(rows[2]["count"], 3);   // neutral
  EXPECT_NEAR(rows[0]["share"].get<double>(), 11.0 / 18, 1e-12);

  // Raw agreement (Fleiss' P-bar): per task the agreeing ordered pairs over 6:
  // 6, 6, 2, 2, 2, 2 -> mean 20/36 = 0.5556.
  const json& agreement = d["quality"]["agreement"];
  EXPECT_NEAR(agreement["raw_agreement"]["value"].get<double>(), 20.0 / 36, 1e-9);
  const json& alpha = agreement["krippendorff_alpha"];
  ASSERT_TRUE(alpha["value"].is_number()) << alpha.dump();
  ASSERT_TRUE(alpha.contains("ci95"));
  EXPECT_LE(alpha["ci95"][0].get<double>(), alpha["value"].get<double>());
  EXPECT_GE(alpha["ci95"][1].get<double>(), alpha["value"].get<double>());

  EXPECT_EQ(d["annotators"]["labellers"], 3);
  EXPECT_EQ(d["annotators"]["by_tier"]["crowd"], 3);
  const json& provenance = d["provenance"];
  EXPECT_EQ(provenance["labels_by_source"]["human"], 18);
  EXPECT_EQ(provenance["human_labels_by_model_exposure"]["draft_shown"], 2);
  EXPECT_EQ(provenance["human_labels_by_model_exposure"]["blind_control"], 1);
  EXPECT_EQ(provenance["human_labels_by_model_exposure"]["no_draft"], 15);
  EXPECT_EQ(d["quality"]["gold_accuracy"]["answers"], 0);
  EXPECT_TRUE(d["quality"]["estimated_label_error"]["rate"].is_null());
  const std::string limitations = d["limitations"].dump();
  EXPECT_NE(limitations.find("Fewer than 30 answers on gold"), std::string::npos);
  EXPECT_NE(limitations.find("No stored aggregates"), std::string::npos);
  EXPECT_NE(limitations.find("made by a model or rules"), std::string::npos);
  EXPECT_EQ(d["prompts"].size(), 14u);
  // No annotator is named anywhere.
  EXPECT_EQ(d.dump().find("@example.org"), std::string::npos);
  EXPECT_EQ(d.dump().find("\"a\""), std::string::npos);
}

TEST_F(DatasheetTest, RendersMarkdownAndEscapedHtml) {
  const int64_t a = AddTestUser(*store_, "a", Role::kAnnotator, kTestNow).user_id;
  Label(a, 0, "positive");
  const json d = Build();
  const std::string markdown = DatasheetMarkdown(d);
  EXPECT_EQ(markdown.rfind("# Datasheet: ", 0), 0u);
  for (const char* heading : {"## Composition", "## Collection and labelling process", "## Annotators",
                              "## Quality", "## Provenance of the labels", "## Known limitations",
                              "## For the team to fill in"}) {
    EXPECT_NE(markdown.find(heading), std::string::npos) << heading;
  }
  EXPECT_NE(markdown.find("| positive | 1 | 100.0% |"), std::string::npos);
  EXPECT_NE(markdown.find("> **To fill in** — Motivation: "), std::string::npos);

  const std::string html = DatasheetHtml(d);
  EXPECT_EQ(html.find("<script>"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt; reviews"), std::string::npos);
  EXPECT_NE(html.find("<svg"), std::string::npos);  // The label distribution's bars.
}

TEST_F(DatasheetTest, UnknownProjectIsNotFound) {
  auto sheet = DatasheetService(*store_, [] { return kTestNow; }).Build(project_ + 100);
  EXPECT_EQ(sheet.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace chorus::service
