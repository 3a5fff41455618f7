// The quality report of a project read from a real SQLite store: votes from submitted
// annotations on the aggregation control, gold from the project's gold items, annotators by
// display name, and each disputed item's text as an excerpt that the HTML escapes.
#include "service/project_quality_report.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/quality_report_render.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

class ProjectQualityReportTest : public ::testing::Test {
 protected:
  int64_t AddProject() {
    domain::Project p;
    p.name = "Reviews";
    p.label_interface =
        R"({"controls":[{"type":"choices","name":"sentiment","to":"text","options":["pos","neg"]}]})";
    p.overlap = 3;
    p.created_by = owner_.user_id;
    p.created_at = 1;
    auto created = store_->projects().Create(p);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->id : 0;
  }

  void Submit(int64_t project, int64_t task, int64_t annotator, const std::string& option) {
    domain::Annotation a;
    a.project_id = project;
    a.task_id = task;
    a.annotator_id = annotator;
    a.result = SentimentAnswer(option);
    a.created_at = a.updated_at = kTestNow;
    a.idempotency_key = std::to_string(task) + "-" + std::to_string(annotator);
    const auto submitted = store_->annotations().Submit(a);
    ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  }

  ScratchStore store_;
  Principal owner_ = AddTestUser(*store_, "owner", domain::Role::kManager, 1);
};

TEST_F(ProjectQualityReportTest, ReadsVotesGoldAndExcerpts) {
  const int64_t project = AddProject();
  std::vector<domain::Task> tasks(3);
  tasks[0].data = R"({"text":"great <script>alert(1)</script>","id":7})";
  tasks[1].data = R"({"text":"fine"})";
  tasks[2].data = R"({"text":"awful"})";
  auto inserted = store_->tasks().InsertBatch(project, tasks);
  ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
  const auto& ids = inserted->task_ids;
  std::vector<Principal> people;
  for (int i = 0; i < 3; ++i)
    people.push_back(AddTestUser(*store_, "ann" + std::to_string(i), domain::Role::kAnnotator, 1));
  const char* answers[3][3] = {{"pos", "pos", "neg"}, {"neg", "pos", "neg"}, {"pos", "pos", "neg"}};
  for (int who = 0; who < 3; ++who)
    for (int t = 0; t < 3; ++t) Submit(project, ids[t], people[who].user_id, answers[who][t]);
  domain::GoldItem gold;
  gold.task_id = ids[0];
  gold.reference = SentimentAnswer("pos");
  gold.created_by = owner_.user_id;
  ASSERT_TRUE(store_->gold().Put(gold).ok());

  quality::QualityReportOptions options;
  options.method = quality::TruthMethod::kMajorityVote;
  options.bootstrap_samples = 0;
  auto built = BuildProjectQualityReport(*store_, project, options);
  ASSERT_TRUE(built.ok()) << built.status().ToString();
  EXPECT_EQ(built->project_name, "Reviews");
  EXPECT_EQ(built->control, "sentiment");
  const quality::QualityReport& r = built->report;
  EXPECT_EQ(r.votes, 9u);
  EXPECT_EQ(r.items, 3u);
  EXPECT_EQ(r.annotators, 3u);
  EXPECT_EQ(r.gold_items, 1u);
  EXPECT_EQ(r.confusion_reference, "gold");
  EXPECT_EQ(r.labels, (std::vector<std::string>{"pos", "neg"}));
  ASSERT_EQ(r.disagreements.size(), 1u);  // Only the first task split.
  EXPECT_EQ(r.disagreements[0].item, std::to_string(ids[0]));
  EXPECT_EQ(r.disagreements[0].gold, "pos");
  EXPECT_EQ(r.disagreements[0].excerpt, "text: great <script>alert(1)</script>");
  EXPECT_NE(r.annotator_rows[0].name.find(" (#"), std::string::npos) << r.annotator_rows[0].name;

  QualityReportSource source;
  source.title = built->project_name;
  source.project_id = project;
  source.control = built->control;
  const std::string html = QualityReportHtml(r, source);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("great &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
}

TEST_F(ProjectQualityReportTest, SaysWhatIsMissing) {
  quality::QualityReportOptions options;
  EXPECT_EQ(BuildProjectQualityReport(*store_, 999, options).status().code(), StatusCode::kNotFound);
  const int64_t project = AddProject();
  auto empty = BuildProjectQualityReport(*store_, project, options);
  ASSERT_FALSE(empty.ok());
  EXPECT_EQ(empty.status().field(), "votes");
  EXPECT_NE(empty.status().message().find("nobody has answered \"sentiment\""), std::string::npos);
}

TEST(DataExcerptTest, StringFieldsShortenedAtACharacterBoundary) {
  EXPECT_EQ(DataExcerpt(R"({"text":"a","n":1,"title":"b"})"), "text: a · title: b");
  EXPECT_EQ(DataExcerpt(R"({"n":1})"), R"({"n":1})");
  const std::string long_text = "{\"text\":\"" + std::string(400, 'x') + "\"}";
  const std::string excerpt = DataExcerpt(long_text);
  EXPECT_EQ(excerpt.size(), kExcerptBytes + std::string("…").size());
}

}  // namespace
}  // namespace chorus::service
