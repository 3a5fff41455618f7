#include "service/auto_labelling.h"

#include <gtest/gtest.h>

#include <limits>
#include <map>

#include "service/aggregation_service.h"
#include "service/machine_labels_for_test.h"

namespace chorus::service {
namespace {

using domain::Role;

class AutoLabellingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    data_ = MakeKnownTruthProject(*store_, kTasks, kBlind, kGold);
    manager_ = {data_.owner, Role::kManager, CredentialKind::kSession, domain::Tier::kCrowd};
  }

  AutoLabelReport MustRun(const AutoLabelRequest& request) {
    auto report = service_.Run(manager_, data_.project_id, request);
    EXPECT_TRUE(report.ok()) << report.status().ToString();
    return report.ok() ? *report : AutoLabelReport{};
  }

  static constexpr size_t kTasks = 1200, kBlind = 600, kGold = 700;
  ScratchStore store_;
  AutoLabelling service_{*store_, [] { return kTestNow + 5; }};
  KnownTruthProject data_;
  Principal manager_;
};

TEST_F(AutoLabellingTest, PreviewCalibratesOnBlindAndGoldAndChangesNothing) {
  const AutoLabelReport r = MustRun({"m1", 0.95, 0.9, false});
  ASSERT_TRUE(r.threshold.has_value()) << r.summary;
  EXPECT_EQ(r.calibration_items, 700);  // Every blind label and gold item has a scored prediction.
  EXPECT_EQ(r.calibration_gold, 100);
  EXPECT_GE(*r.threshold, 0.7);  // Below 0.75 the model is right 70% of the time only.
  EXPECT_GE(r.lower_bound, 0.95);
  EXPECT_GE(*r.estimated_accuracy, 0.95);
  EXPECT_EQ(r.open_tasks, 500);  // The pool: neither labelled, gold nor auto-labelled.
  EXPECT_GT(r.eligible, 50);
  EXPECT_FALSE(r.applied);
  EXPECT_EQ(r.labelled, 0);
  EXPECT_NEAR(*r.share, static_cast<double>(r.eligible) / 500, 1e-12);
  auto labels = store_->machine_labels().ListForTasks(data_.project_id, 0,
                                                      std::numeric_limits<int64_t>::max());
  ASSERT_TRUE(labels.ok());
  EXPECT_TRUE(labels->empty());
  EXPECT_NE(r.summary.find("would be auto-labelled"), std::string::npos) << r.summary;
}

// The auto labels' accuracy against the known truth meets the target; gold, labelled tasks and
// tasks under the threshold are untouched; the labels are the model's, marked as such.
TEST_F(AutoLabellingTest, ApplyLabelsOnlyOpenTasksAboveTheThresholdAndMeetsTheTarget) {
  const AutoLabelReport r = MustRun({"m1", 0.95, 0.9, true});
  ASSERT_TRUE(r.threshold.has_value());
  EXPECT_TRUE(r.applied);
  EXPECT_EQ(r.labelled, r.eligible);
  auto labels = store_->machine_labels().ListForTasks(data_.project_id, 0,
                                                      std::numeric_limits<int64_t>::max());
  ASSERT_TRUE(labels.ok());
  ASSERT_EQ(static_cast<int64_t>(labels->size()), r.labelled);
  std::map<int64_t, size_t> index;
  for (size_t i = 0; i < data_.tasks.size(); ++i) index[data_.tasks[i]] = i;
  auto label_interface = domain::ParseLabelInterface(std::string(kKnownTruthInterface));
  ASSERT_TRUE(label_interface.ok());
  int64_t right = 0;
  for (const domain::MachineLabel& m : *labels) {
    const size_t i = index.at(m.task_id);
    EXPECT_GE(i, kGold) << "only the pool is auto-labelled";
    EXPECT_EQ(m.source, domain::AnnotationSource::kModel);
    EXPECT_EQ(m.origin, "m1");
    EXPECT_EQ(m.threshold, r.threshold);
    EXPECT_GE(*m.score, *r.threshold);
    right += VoteOf(m.result, label_interface->controls[0]) == TruthOf(i);
  }
  EXPECT_GE(static_cast<double>(right) / static_cast<double>(labels->size()), 0.95)
      << right << " of " << labels->size();
  // Gold stays gold and unlabelled by machines; the auto-labelled tasks are closed to people.
  EXPECT_TRUE(store_->gold().Get(data_.tasks[kBlind]).ok());
  auto open = store_->machine_labels().OpenTasks(data_.project_id);
  ASSERT_TRUE(open.ok());
  EXPECT_EQ(static_cast<int64_t>(open->size()), 500 - r.labelled);
  // No annotation was written: annotators' statistics never see machine labels.
  auto annotations = store_->annotations().ListByTask(labels->front().task_id);
  ASSERT_TRUE(annotations.ok());
  EXPECT_TRUE(annotations->empty());
  // The apply is in the audit log, with what it did.
  auto events = store_->audit().ListByEntity("project", data_.project_id, {0, 100});
  ASSERT_TRUE(events.ok());
  ASSERT_EQ(events->items.size(), 1u);
  EXPECT_EQ(events->items[0].action, "project.auto_label");
  EXPECT_NE(events->items[0].after.find("\"auto_labelled\":" + std::to_string(r.labelled)),
            std::string::npos)
      << events->items[0].after;
  // Applying again finds nothing new to label.
  const AutoLabelReport again = MustRun({"m1", 0.95, 0.9, true});
  EXPECT_EQ(again.labelled, 0);
  EXPECT_EQ(again.open_tasks, 500 - r.labelled);
}

TEST_F(AutoLabellingTest, ATargetTheModelCannotMeetLabelsNothing) {
  const AutoLabelReport r = MustRun({"m1", 0.999, 0.95, true});
  EXPECT_FALSE(r.threshold.has_value());
  EXPECT_EQ(r.labelled, 0);
  EXPECT_NE(r.summary.find("send these tasks to people"), std::string::npos) << r.summary;
}

TEST_F(AutoLabellingTest, RequestErrorsNameTheField) {
  const auto field = [&](AutoLabelRequest request) {
    return service_.Run(manager_, data_.project_id, request).status().field();
  };
  EXPECT_EQ(field({"", 0.95, 0.9, false}), "model_version");
  EXPECT_EQ(field({"m9", 0.95, 0.9, false}), "model_version");
  EXPECT_EQ(field({"m1", 1.0, 0.9, false}), "target_accuracy");
  EXPECT_EQ(field({"m1", 0.95, 0.0, false}), "confidence");
  EXPECT_EQ(service_.Run(manager_, data_.project_id + 100, {"m1", 0.95, 0.9, false})
                .status()
                .code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace chorus::service
