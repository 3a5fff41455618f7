#include "service/weak_labelling.h"

#include <gtest/gtest.h>

#include <iterator>
#include <limits>
#include <map>
#include <nlohmann/json.hpp>

#include "service/job_progress_for_test.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::Role;

// Eight texts (each ten times: the label model needs more than a handful of items to learn
// which class is which), four functions, counted by hand per copy:
//   money (keyword -> spam) votes t0, t3, t5, t7; opt_out (regex -> spam) t1, t7;
//   meeting (keyword -> ham) t2, t3; noon (keywords noon, lunch -> ham) t2, t3, t6.
//   money: coverage 4/8, overlap 2/4 (t3, t7), conflict 1/4 (t3); opt_out: coverage 2/8,
//   overlap 1/2, no conflict; meeting: coverage 2/8, overlap 1, conflict 1/2; noon: coverage
//   3/8, overlap 2/3, conflict 1/3. People (undrafted, first copy) say t0 spam, t2 and t3 ham:
//   money 1 of 2 right, meeting and noon 2 of 2, opt_out judged on none. Seven texts in eight
//   are covered ("hello" is not) and get a rule label.
constexpr char kFunctions[] = R"({"functions":[
  {"name":"money","kind":"keyword","keywords":["money"],"label":"spam"},
  {"name":"opt_out","kind":"regex","pattern":"unsubscribe|opt.?out","label":"spam"},
  {"name":"meeting","kind":"keyword","keywords":["meeting"],"label":"ham"},
  {"name":"noon","kind":"keyword","keywords":["noon","lunch"],"label":"ham"}]})";

constexpr const char* kTexts[] = {"free money now", "unsubscribe here", "team meeting at noon",
                                  "lunch meeting about money", "hello", "win money",
                                  "lunch at noon", "unsubscribe from money tips"};
constexpr size_t kKinds = std::size(kTexts);

class WeakLabellingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const int64_t owner = AddTestUser(*store_, "owner", Role::kManager, kTestNow).user_id;
    manager_ = {owner, Role::kManager, CredentialKind::kSession, domain::Tier::kCrowd};
    const int64_t ann = AddTestUser(*store_, "ann", Role::kAnnotator, kTestNow).user_id;
    domain::Project project;
    project.name = "spam";
    project.label_interface = R"({"controls":[{"type":"choices","name":"kind","to":"body",)"
                              R"("options":["spam","ham"]}]})";
    project.overlap = 1;
    project.created_by = owner;
    project.created_at = kTestNow;
    project_ = store_->projects().Create(project)->id;
    std::vector<domain::Task> batch;
    for (int copy = 0; copy < kCopies; ++copy) {
      for (const char* text : kTexts) {
        domain::Task t;
        t.data = nlohmann::json{{"body", text}, {"copy", copy}}.dump();
        t.created_at = kTestNow;
        batch.push_back(t);
      }
    }
    tasks_ = store_->tasks().InsertBatch(project_, batch)->task_ids;
    for (auto [task, answer] : {std::pair{0, "spam"}, {2, "ham"}, {3, "ham"}}) {
      domain::Annotation a;
      a.task_id = tasks_[task];
      a.project_id = project_;
      a.annotator_id = ann;
      a.result = R"({"kind":{"choices":[")" + std::string(answer) + R"("]}})";
      a.created_at = a.updated_at = kTestNow;
      ASSERT_TRUE(store_->annotations().Submit(a).ok());
    }
  }

  static constexpr int kCopies = 10;  // See above: the label model needs the copies.
  ScratchStore store_;
  WeakLabelling service_{*store_, std::make_shared<JobRunner>([] { return kTestNow; }),
                         [] { return kTestNow + 7; }};
  Principal manager_;
  int64_t project_ = 0;
  std::vector<int64_t> tasks_;
};

TEST_F(WeakLabellingTest, StoredFunctionsGetTheProjectsLabelsAndErrorsNameTheField) {
  auto stored = service_.PutFunctions(manager_, project_, kFunctions);
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  EXPECT_EQ(nlohmann::json::parse(*stored)["labels"], (nlohmann::json{"spam", "ham"}));
  auto got = service_.Functions(project_);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(got->first, *stored);
  EXPECT_EQ(got->second, kTestNow + 7);
  const auto field = [&](const std::string& document) {
    return service_.PutFunctions(manager_, project_, document).status().field();
  };
  EXPECT_EQ(field(R"({"labels":["spam","maybe"],"functions":[]})"), "labels");
  EXPECT_EQ(field(R"({"functions":[{"name":"x","kind":"regex","pattern":"(","label":"spam"}]})"),
            "functions[0].pattern");
  EXPECT_EQ(field(R"({"functions":[{"name":"x","kind":"keyword","keywords":["a"],"label":"eggs"}]})"),
            "functions[0].label");
  EXPECT_EQ(field(R"({"functions":[]})"), "functions");
  EXPECT_EQ(field("[1]"), "body");
  EXPECT_EQ(field(R"({"functions":[{"name":"x","kind":"keyword","keywords":["a"],"label":"spam"}],)"
                  R"("extra":1})"),
            "extra");
  EXPECT_TRUE(service_.DeleteFunctions(manager_, project_).ok());
  EXPECT_EQ(service_.Functions(project_)->first, "");
  EXPECT_EQ(service_.Run(project_, {}).status().field(), "functions");
}

TEST_F(WeakLabellingTest, RunReportsPerFunctionStatisticsAndStoresRuleLabels) {
  ASSERT_TRUE(service_.PutFunctions(manager_, project_, kFunctions).ok());
  auto summary = service_.Run(project_, {"", "lfs-v1"});
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->text_field, "body");
  EXPECT_EQ(summary->tasks, kKinds * kCopies);
  EXPECT_EQ(summary->covered, 7 * kCopies);
  EXPECT_EQ(summary->labelled, 7 * kCopies);
  ASSERT_EQ(summary->functions.size(), 4u);
  const FunctionReport& money = summary->functions[0];
  EXPECT_EQ(money.name, "money");
  EXPECT_DOUBLE_EQ(money.coverage, 0.5);
  EXPECT_DOUBLE_EQ(money.overlap, 0.5);
  EXPECT_DOUBLE_EQ(money.conflict, 0.25);
  EXPECT_EQ(money.judged, 2);
  EXPECT_EQ(money.correct, 1);
  EXPECT_DOUBLE_EQ(*money.accuracy, 0.5);
  const FunctionReport& opt_out = summary->functions[1];
  EXPECT_DOUBLE_EQ(opt_out.coverage, 0.25);
  EXPECT_DOUBLE_EQ(opt_out.overlap, 0.5);
  EXPECT_DOUBLE_EQ(opt_out.conflict, 0);
  EXPECT_EQ(opt_out.judged, 0);
  EXPECT_FALSE(opt_out.accuracy.has_value());
  const FunctionReport& meeting = summary->functions[2];
  EXPECT_DOUBLE_EQ(meeting.coverage, 0.25);
  EXPECT_DOUBLE_EQ(meeting.overlap, 1);
  EXPECT_DOUBLE_EQ(meeting.conflict, 0.5);
  EXPECT_EQ(meeting.correct, 2);
  const FunctionReport& noon = summary->functions[3];
  EXPECT_DOUBLE_EQ(noon.coverage, 3.0 / 8);
  EXPECT_DOUBLE_EQ(noon.overlap, 2.0 / 3);
  EXPECT_DOUBLE_EQ(noon.conflict, 1.0 / 3);
  EXPECT_EQ(noon.judged, 2);
  // Wilson 95% for 2 of 2 (Wilson 1927; z = 1.96): 0.3424 to 1.
  EXPECT_NEAR(noon.wilson95->low, 0.3424, 5e-4);
  auto labels = store_->machine_labels().ListForTasks(project_, 0,
                                                      std::numeric_limits<int64_t>::max());
  ASSERT_TRUE(labels.ok());
  ASSERT_EQ(labels->size(), 7u * kCopies);
  std::map<int64_t, size_t> text_of;  // Task id -> which of the six texts.
  for (size_t i = 0; i < tasks_.size(); ++i) text_of[tasks_[i]] = i % kKinds;
  for (const domain::MachineLabel& m : *labels) {
    EXPECT_EQ(m.source, domain::AnnotationSource::kRule);
    EXPECT_EQ(m.origin, "lfs-v1");
    EXPECT_GT(*m.score, 0.5);
    EXPECT_LE(*m.score, 1.0);
    const size_t text = text_of.at(m.task_id);
    EXPECT_NE(text, 4u);  // "hello": no function votes.
    // Where the functions agree (or one votes alone), the label model follows them.
    if (text == 0 || text == 1 || text == 5 || text == 7) {
      EXPECT_EQ(m.result, R"({"kind":{"choices":["spam"]}})") << text;
    } else if (text == 2 || text == 6) {
      EXPECT_EQ(m.result, R"({"kind":{"choices":["ham"]}})") << text;
    }
  }
  // Rule labels never close a task: all but the three people labelled still want a label.
  EXPECT_EQ(store_->machine_labels().OpenTasks(project_)->size(), kKinds * kCopies - 3);
  EXPECT_EQ(service_.Run(project_, {"", ""}).status().field(), "rule_set");
}

// A cancelled run stops before it writes: no rule label is stored.
TEST_F(WeakLabellingTest, ACancelledRunStoresNoLabel) {
  ASSERT_TRUE(service_.PutFunctions(manager_, project_, kFunctions).ok());
  CancelledProgress cancelled;
  EXPECT_EQ(service_.Run(project_, {"", "lfs-v1"}, &cancelled).status().message(),
            "cancelled by its owner");
  auto labels =
      store_->machine_labels().ListForTasks(project_, 0, std::numeric_limits<int64_t>::max());
  ASSERT_TRUE(labels.ok());
  EXPECT_TRUE(labels->empty());
}

}  // namespace
}  // namespace chorus::service
