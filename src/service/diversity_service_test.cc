// The diversity report over hand-made labels: groups in answer order with their distribution
// and agreement, small groups merged or withheld so no figure describes one or two people,
// items where the groups' own majorities differ, the chi-square test, and quota fulfilment.
#include "service/diversity_service.h"

#include <gtest/gtest.h>

#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

domain::Control DiversityControl() {
  domain::Control c;
  c.type = domain::ControlType::kChoices;
  c.name = "label";
  c.labels = {"pos", "neg"};
  return c;
}

domain::DiversityPolicy DiversityRegions() {
  domain::DiversityPolicy p;
  p.attributes.push_back({"region", "Where?", {"EU", "Asia", "Americas"}});
  p.quota = domain::DiversityQuota{"region", {{"EU", 1}, {"Asia", 1}}};
  return p;
}

domain::Annotation DiversityLabel(int64_t task, int64_t annotator, const char* option) {
  domain::Annotation a;
  a.project_id = 1;
  a.task_id = task;
  a.annotator_id = annotator;
  a.result = std::string(R"({"label":{"choices":[")") + option + R"("]}})";
  a.state = domain::AnnotationState::kSubmitted;
  return a;
}

// EU annotators 1-3 say "pos", Asia annotators 4-6 say "neg", on tasks 10 and 11; annotator 7
// (Americas) and 8 (no answer) are alone in their groups.
struct DiversityFixture {
  std::vector<domain::Annotation> labels;
  std::vector<store::MemberAttribute> answers;
  DiversityFixture() {
    for (int64_t task : {10, 11}) {
      for (int64_t eu : {1, 2, 3}) labels.push_back(DiversityLabel(task, eu, "pos"));
      for (int64_t asia : {4, 5, 6}) labels.push_back(DiversityLabel(task, asia, "neg"));
    }
    labels.push_back(DiversityLabel(12, 7, "pos"));
    labels.push_back(DiversityLabel(12, 8, "neg"));
    for (int64_t u : {1, 2, 3}) answers.push_back({u, "region", "EU"});
    for (int64_t u : {4, 5, 6}) answers.push_back({u, "region", "Asia"});
    answers.push_back({7, "region", "Americas"});
  }
};

TEST(DiversityReportTest, ReportsGroupsWithTheirDistributionAndWithholdsTinyOnes) {
  const DiversityFixture f;
  const DiversityReport r =
      ComputeDiversityReport(DiversityRegions(), DiversityControl(), 3, f.labels, f.answers, {});
  ASSERT_EQ(r.attributes.size(), 1u);
  const AttributeReport& region = r.attributes[0];
  ASSERT_EQ(region.groups.size(), 2u);
  EXPECT_EQ(region.groups[0].group, "EU");
  EXPECT_EQ(region.groups[0].annotators, 3);
  EXPECT_EQ(region.groups[0].distribution, (std::vector<int64_t>{6, 0}));
  EXPECT_EQ(region.groups[1].group, "Asia");
  EXPECT_EQ(region.groups[1].distribution, (std::vector<int64_t>{0, 6}));
  // Americas (1) and no answer (1) are too few even together: withheld, with a note.
  EXPECT_EQ(region.withheld_groups, 2);
  EXPECT_NE(region.note.find("withheld"), std::string::npos);
  // Within each group everyone agrees; between them, every item is split.
  EXPECT_FALSE(region.groups[0].krippendorff_alpha.defined());  // One category used.
  EXPECT_DOUBLE_EQ(*region.groups[0].raw_agreement.value, 1.0);
  ASSERT_EQ(region.disagreements.size(), 2u);
  EXPECT_EQ(region.disagreements[0].task_id, 10);
  ASSERT_EQ(region.disagreements[0].majorities.size(), 2u);
  EXPECT_EQ(region.disagreements[0].majorities[0].label, "pos");
  EXPECT_EQ(region.disagreements[0].majorities[1].label, "neg");
  ASSERT_TRUE(region.difference.p_value.has_value());
  EXPECT_LT(*region.difference.p_value, 0.001);
  EXPECT_EQ(region.difference.df, 1);
}

TEST(DiversityReportTest, SmallGroupsTogetherAreReportedAsOneBucket) {
  DiversityFixture f;
  f.labels.push_back(
      DiversityLabel(12, 9, "neg"));  // A second no-answer labeller: 3 small ones now.
  const DiversityReport r =
      ComputeDiversityReport(DiversityRegions(), DiversityControl(), 3, f.labels, f.answers, {});
  const AttributeReport& region = r.attributes[0];
  ASSERT_EQ(region.groups.size(), 3u);
  EXPECT_EQ(region.groups[2].group, kSmallGroups);
  EXPECT_EQ(region.groups[2].annotators, 3);
  EXPECT_EQ(region.groups[2].merged_groups, 2);
  EXPECT_EQ(region.groups[2].distribution, (std::vector<int64_t>{1, 2}));
  EXPECT_EQ(region.withheld_groups, 0);
}

TEST(DiversityReportTest, QuotaFulfilmentCountsFinishedOrdinaryItems) {
  std::vector<domain::Annotation> labels = {
      DiversityLabel(1, 1, "pos"), DiversityLabel(1, 4, "pos"),
      DiversityLabel(1, 7, "neg"),  // EU, Asia, Americas: met.
      DiversityLabel(2, 1, "pos"), DiversityLabel(2, 2, "pos"),
      DiversityLabel(2, 3, "neg"),  // EU only: not met.
      DiversityLabel(3, 1, "pos"),  // Unfinished.
      DiversityLabel(4, 2, "pos"), DiversityLabel(4, 3, "pos"),
      DiversityLabel(4, 7, "pos")};  // Gold: left out.
  const DiversityFixture f;
  const DiversityReport r =
      ComputeDiversityReport(DiversityRegions(), DiversityControl(), 3, labels, f.answers, {4});
  ASSERT_TRUE(r.quota.has_value());
  EXPECT_EQ(r.quota->finished_items, 2);
  EXPECT_EQ(r.quota->items_meeting, 1);
}

}  // namespace
}  // namespace chorus::service

namespace chorus::service {
namespace {

// The service on a real store: answers are checked against the policy and only read back by
// their owner; answers the policy no longer offers count as none, for Mine and for the quota.
class DiversityServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    manager_ = AddTestUser(*store_, "manager", domain::Role::kManager, kTestNow);
    annotator_ = AddTestUser(*store_, "annotator", domain::Role::kAnnotator, kTestNow);
    domain::Project project;
    project.name = "diversity";
    project.overlap = 2;
    project.created_by = manager_.user_id;
    project.created_at = kTestNow;
    auto created = store_->projects().Create(project);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    project_ = created->id;
    domain::ProjectMember member;
    member.project_id = project_;
    member.user_id = annotator_.user_id;
    member.added_at = kTestNow;
    ASSERT_TRUE(store_->projects().AddMember(member).ok());
  }

  ScratchStore store_;
  DiversityService service_{*store_, [] { return kTestNow; }};
  Principal manager_, annotator_;
  int64_t project_ = 0;
};

TEST_F(DiversityServiceTest, AnswersAreCheckedAndStaleOnesCountAsNone) {
  domain::DiversityPolicy policy = DiversityRegions();
  policy.quota->minimums["EU"] = 2;  // 3 labels of quota on an overlap of 2.
  EXPECT_EQ(service_.SetPolicy(manager_, project_, policy).status().field(),
            "diversity.quota.minimums");
  ASSERT_TRUE(service_.SetPolicy(manager_, project_, DiversityRegions()).ok());

  EXPECT_EQ(service_.SetMine(annotator_, project_, {{"region", "Mars"}}).status().field(),
            "answers.region");
  EXPECT_EQ(service_.SetMine(annotator_, project_, {{"age", "30"}}).status().field(),
            "answers.age");
  const Principal outsider = AddTestUser(*store_, "outsider", domain::Role::kAnnotator, kTestNow);
  EXPECT_EQ(service_.SetMine(outsider, project_, {{"region", "EU"}}).status().code(),
            StatusCode::kFailedPrecondition);  // Not a member.
  EXPECT_FALSE(service_.Mine(outsider, project_)->member);
  auto mine = service_.SetMine(annotator_, project_, {{"region", "Americas"}});
  ASSERT_TRUE(mine.ok()) << mine.status().ToString();
  EXPECT_TRUE(mine->member);
  EXPECT_EQ(mine->answers, (std::map<std::string, std::string>{{"region", "Americas"}}));

  auto project = store_->projects().Get(project_);
  ASSERT_TRUE(project.ok());
  auto quota = ReserveQuotaOf(store_->projects(), *project, annotator_.user_id);
  ASSERT_TRUE(quota.ok() && quota->has_value());
  EXPECT_EQ((*quota)->group, std::optional<std::string>("Americas"));

  // The manager stops offering "Americas": the stored answer now counts as none.
  domain::DiversityPolicy fewer = DiversityRegions();
  fewer.attributes[0].values = {"EU", "Asia"};
  ASSERT_TRUE(service_.SetPolicy(manager_, project_, fewer).ok());
  EXPECT_TRUE(service_.Mine(annotator_, project_)->answers.empty());
  project = store_->projects().Get(project_);
  quota = ReserveQuotaOf(store_->projects(), *project, annotator_.user_id);
  ASSERT_TRUE(quota.ok() && quota->has_value());
  EXPECT_FALSE((*quota)->group.has_value());
}

}  // namespace
}  // namespace chorus::service
