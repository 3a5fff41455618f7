// Adjudication through the service on a real SQLite store: two annotators disagree on a task,
// it is escalated (directly through the store, as routing does), and who may read and decide
// it follows the role, tier, membership and conflict-of-interest rules; the item view is
// anonymised and counts the answers; a decision is checked like a submission, needs a
// rationale, is audited, stands once, and leaves the labels as they were.
#include "service/adjudication_service.h"

#include <gtest/gtest.h>

#include <string>

#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::Role;
using domain::Tier;
using store::AdjudicationFilter;

class AdjudicationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    service_ = std::make_unique<AdjudicationService>(*store_, [this] { return now_; });
    manager_ = AddUser("manager", Role::kManager);
    domain::Project project;
    project.name = "sentiment";
    project.label_interface =
        R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
        R"("ambiguous":true,"options":["positive","negative","neutral"]},)"
        R"({"type":"choices","name":"topics","to":"text","multiple":true,"options":["a","b"]}]})";
    project.overlap = 2;
    project.created_by = manager_.user_id;
    project.created_at = now_;
    auto created = store_->projects().Create(project);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    project_ = created->id;
    std::vector<domain::Task> batch(2);
    for (auto& task : batch) {
      task.data = R"({"text":"so-so"})";
      task.created_at = now_;
    }
    auto inserted = store_->tasks().InsertBatch(project_, batch);
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    task_ = inserted->task_ids[0];
    other_task_ = inserted->task_ids[1];
    ann_ = Member("ann");
    bob_ = Member("bob");
    Label(ann_, task_, SentimentAnswer("positive"));
    Label(bob_, task_, SentimentAnswer("negative"));
    domain::Adjudication opened;
    opened.task_id = task_;
    opened.reason = "2 labels, 50% agree; agree_at 70%";
    opened.opened_at = now_;
    auto escalated = store_->adjudications().Escalate(opened, 2);
    ASSERT_TRUE(escalated.ok() && *escalated) << escalated.status().ToString();
  }

  Principal AddUser(const std::string& name, Role role = Role::kAnnotator,
                    Tier tier = Tier::kCrowd) {
    Principal p = AddTestUser(*store_, name, role, now_);
    p.tier = tier;
    return p;
  }

  Principal Member(const std::string& name, Role role = Role::kAnnotator,
                   Tier tier = Tier::kCrowd) {
    Principal p = AddUser(name, role, tier);
    domain::ProjectMember member;
    member.project_id = project_;
    member.user_id = p.user_id;
    member.added_by = manager_.user_id;
    member.added_at = now_;
    EXPECT_TRUE(store_->projects().AddMember(member).ok());
    return p;
  }

  void Label(const Principal& who, int64_t task, const std::string& result,
             domain::AnnotationState state = domain::AnnotationState::kSubmitted) {
    domain::Annotation a;
    a.task_id = task;
    a.project_id = project_;
    a.annotator_id = who.user_id;
    a.result = result;
    a.state = state;
    a.created_at = a.updated_at = ++now_;
    if (state == domain::AnnotationState::kDraft) {
      auto saved = store_->annotations().SaveDraft(a);
      ASSERT_TRUE(saved.ok()) << saved.status().ToString();
      return;
    }
    a.idempotency_key = "k" + std::to_string(task);
    auto submitted = store_->annotations().Submit(a);
    ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
  }

  ScratchStore store_;
  std::unique_ptr<AdjudicationService> service_;
  int64_t now_ = 1'700'000'000'000;
  Principal manager_, ann_, bob_;
  int64_t project_ = 0, task_ = 0, other_task_ = 0;
};

TEST_F(AdjudicationServiceTest, QueueListsOpenItemsWithTheirTasksAndCount) {
  auto queue = service_->Queue(manager_, project_, AdjudicationFilter::kOpen, {});
  ASSERT_TRUE(queue.ok()) << queue.status().ToString();
  EXPECT_EQ(queue->open, 1);
  ASSERT_EQ(queue->page.items.size(), 1u);
  EXPECT_EQ(queue->page.items[0].task.id, task_);
  EXPECT_EQ(queue->page.items[0].adjudication.labels, 2);
  EXPECT_EQ(queue->page.items[0].adjudication.reason, "2 labels, 50% agree; agree_at 70%");
  EXPECT_FALSE(queue->page.items[0].labelled_by_you);
  auto decided = service_->Queue(manager_, project_, AdjudicationFilter::kDecided, {});
  ASSERT_TRUE(decided.ok());
  EXPECT_TRUE(decided->page.items.empty());
  EXPECT_EQ(decided->open, 1);
}

TEST_F(AdjudicationServiceTest, CrowdAnnotatorsAreRefusedNamingTheTier) {
  const Principal crowd = Member("crowd");
  for (const Status& s :
       {service_->Queue(crowd, project_, AdjudicationFilter::kOpen, {}).status(),
        service_->Item(crowd, task_).status(),
        service_->Decide(crowd, task_, SentimentAnswer("positive"), "why").status()}) {
    EXPECT_EQ(s.code(), StatusCode::kPermissionDenied);
    EXPECT_EQ(s.field(), "tier");
    EXPECT_NE(s.message().find("expert"), std::string::npos) << s.message();
  }
}

TEST_F(AdjudicationServiceTest, ExpertsAndGoldMakersWhoAreMembersMayAdjudicate) {
  const Principal expert = Member("expert", Role::kAnnotator, Tier::kExpert);
  const Principal maker = Member("maker", Role::kAnnotator, Tier::kGoldMaker);
  EXPECT_TRUE(service_->Item(expert, task_).ok());
  EXPECT_TRUE(service_->Item(maker, task_).ok());
  EXPECT_TRUE(service_->Queue(expert, project_, AdjudicationFilter::kOpen, {}).ok());
  // Not a member: the project and task are as good as missing.
  const Principal outsider = AddUser("outsider", Role::kAnnotator, Tier::kExpert);
  EXPECT_EQ(service_->Item(outsider, task_).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_->Queue(outsider, project_, AdjudicationFilter::kOpen, {}).status().code(),
            StatusCode::kNotFound);
  const Principal reviewer = AddUser("rev", Role::kReviewer);
  EXPECT_EQ(service_->Item(reviewer, task_).status().code(), StatusCode::kNotFound);
  const Principal member_reviewer = Member("rev2", Role::kReviewer);
  EXPECT_TRUE(service_->Item(member_reviewer, task_).ok());
}

TEST_F(AdjudicationServiceTest, WhoeverLabelledTheTaskMayNotDecideIt) {
  ann_.tier = Tier::kExpert;  // An expert who labelled it.
  auto item = service_->Item(ann_, task_);
  EXPECT_EQ(item.status().code(), StatusCode::kPermissionDenied);  // Blind: not even reading.
  auto decided = service_->Decide(ann_, task_, SentimentAnswer("positive"), "mine is right");
  EXPECT_EQ(decided.status().code(), StatusCode::kPermissionDenied);
  EXPECT_NE(decided.status().message().find("conflict of interest"), std::string::npos);
  auto queue = service_->Queue(ann_, project_, AdjudicationFilter::kOpen, {});
  ASSERT_TRUE(queue.ok());
  EXPECT_TRUE(queue->page.items[0].labelled_by_you);
  // A manager who labelled it may read every label anyway, but not decide.
  const Principal labelling_manager = Member("m2", Role::kManager);
  Label(labelling_manager, other_task_, SentimentAnswer("neutral"));
  domain::Adjudication opened;
  opened.task_id = other_task_;
  opened.opened_at = now_;
  ASSERT_TRUE(*store_->adjudications().Escalate(opened, 1));
  auto seen = service_->Item(labelling_manager, other_task_);
  ASSERT_TRUE(seen.ok()) << seen.status().ToString();
  EXPECT_FALSE(seen->may_decide);
  EXPECT_EQ(service_->Decide(labelling_manager, other_task_, SentimentAnswer("neutral"), "x")
                .status()
                .code(),
            StatusCode::kPermissionDenied);
}

TEST_F(AdjudicationServiceTest, TheItemIsAnonymisedInSubmissionOrderWithTheDistribution) {
  const Principal expert = Member("expert", Role::kAnnotator, Tier::kExpert);
  // A draft on the task never shows.
  Label(expert, task_, "{}", domain::AnnotationState::kDraft);
  auto item = service_->Item(expert, task_);
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  EXPECT_TRUE(item->may_decide);
  EXPECT_EQ(item->task.id, task_);
  ASSERT_EQ(item->labels.size(), 2u);
  EXPECT_EQ(item->labels[0].annotator, "Annotator 1");  // ann submitted first.
  EXPECT_EQ(item->labels[0].result, SentimentAnswer("positive"));
  EXPECT_EQ(item->labels[1].annotator, "Annotator 2");
  EXPECT_EQ(item->labels[1].result, SentimentAnswer("negative"));
  // Only the single choice control is counted, every option shown.
  ASSERT_EQ(item->distribution.size(), 1u);
  EXPECT_EQ(item->distribution[0].control, "sentiment");
  using Counts = std::vector<std::pair<std::string, int64_t>>;
  EXPECT_EQ(item->distribution[0].options,
            (Counts{{"positive", 1}, {"negative", 1}, {"neutral", 0}}));
  EXPECT_EQ(item->distribution[0].unanswered, 0);
  // Stable: the same view again.
  auto again = service_->Item(manager_, task_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->labels[0].annotator, "Annotator 1");
  EXPECT_EQ(again->labels[0].result, item->labels[0].result);
}

TEST_F(AdjudicationServiceTest, AmbiguousLabelsAreCountedApartFromUnanswered) {
  Label(Member("carol"), task_, R"({"sentiment":{"ambiguous":true}})");
  Label(Member("dan"), task_, R"({"topics":{"choices":["a"]}})");
  auto item = service_->Item(manager_, task_);
  ASSERT_TRUE(item.ok()) << item.status().ToString();
  ASSERT_EQ(item->distribution.size(), 1u);
  EXPECT_EQ(item->distribution[0].ambiguous, 1);
  EXPECT_EQ(item->distribution[0].unanswered, 1);
  using Counts = std::vector<std::pair<std::string, int64_t>>;
  EXPECT_EQ(item->distribution[0].options,
            (Counts{{"positive", 1}, {"negative", 1}, {"neutral", 0}}));
}

TEST_F(AdjudicationServiceTest, ATaskNotEscalatedIsNotFound) {
  EXPECT_EQ(service_->Item(manager_, other_task_).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(
      service_->Decide(manager_, other_task_, SentimentAnswer("neutral"), "x").status().code(),
      StatusCode::kNotFound);
}

TEST_F(AdjudicationServiceTest, ADecisionIsCheckedNeedsARationaleAndStandsOnce) {
  const Principal expert = Member("expert", Role::kAnnotator, Tier::kExpert);
  auto bad = service_->Decide(expert, task_, R"({"sentiment":{"choices":["maybe"]}})", "why");
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(bad.status().field().rfind("result.sentiment", 0), 0u) << bad.status().field();
  auto no_reason = service_->Decide(expert, task_, SentimentAnswer("positive"), "");
  EXPECT_EQ(no_reason.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(no_reason.status().field(), "rationale");
  EXPECT_FALSE(store_->adjudications().Get(task_)->decided());

  auto before = store_->annotations().ListByTask(task_);
  ASSERT_TRUE(before.ok());
  now_ += 1000;
  auto decided = service_->Decide(expert, task_, SentimentAnswer("neutral"), "it hedges both ways");
  ASSERT_TRUE(decided.ok()) << decided.status().ToString();
  EXPECT_EQ(decided->decided_by, expert.user_id);
  EXPECT_EQ(decided->decided_at, now_);
  EXPECT_EQ(decided->rationale, "it hedges both ways");
  EXPECT_EQ(*store_->adjudications().Get(task_), *decided);
  EXPECT_EQ(*store_->annotations().ListByTask(task_), *before);  // Labels untouched.

  const Principal manager = Member("m2", Role::kManager);
  auto second = service_->Decide(manager, task_, SentimentAnswer("positive"), "no");
  EXPECT_EQ(second.status().code(), StatusCode::kConflict);
  EXPECT_EQ(store_->adjudications().Get(task_)->result, SentimentAnswer("neutral"));

  auto queue = service_->Queue(manager_, project_, AdjudicationFilter::kDecided, {});
  ASSERT_TRUE(queue.ok());
  ASSERT_EQ(queue->page.items.size(), 1u);
  EXPECT_EQ(queue->open, 0);
  auto item = service_->Item(manager, task_);
  ASSERT_TRUE(item.ok());
  EXPECT_FALSE(item->may_decide);

  auto events = store_->audit().ListByEntity("task", task_, {});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->items.size(), 1u);
  EXPECT_EQ(events->items[0].action, "adjudication.decide");
  EXPECT_EQ(events->items[0].actor_id, expert.user_id);
  EXPECT_NE(events->items[0].after.find("it hedges both ways"), std::string::npos);
}

}  // namespace
}  // namespace chorus::service
