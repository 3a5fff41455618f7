// Figures of the quality dashboard (Chorus issue 6, item 12) that no other report gives:
// each annotator's accuracy on gold per ISO week, with its Wilson 95% interval, so a manager
// sees who is improving or slipping rather than one all-time figure. Answers are scored as the
// gold accuracy report scores them (ScoreGoldAnswers, service/gold_standing.h); a week counts
// the answers whose annotation was last updated in it (UTC, as the agreement monitor's weeks).
// And the pairwise agreement heatmap: for each pair of annotators with items in common on the
// project's single-choice control (chosen as the agreement monitor chooses it), their shared
// items, raw agreement and Cohen's kappa (quality::ComputeAnnotatorAgreement).
// Callers check the role (Action::kManageGold): the figures reveal which tasks are gold.
// Thread-safety: GoldAccuracyByWeek is pure; the service is safe to call concurrently.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/annotation.h"
#include "domain/gold_policy.h"
#include "domain/label_interface.h"
#include "quality/statistic.h"
#include "store/store.h"

namespace chorus::service {

struct GoldAccuracyWeek {
  int64_t annotator_id = 0;
  std::string display_name;  // As the pay report names annotators.
  std::string week;          // ISO 8601, "2026-W48".
  int64_t answers = 0;       // Judged answers given that week.
  int64_t correct = 0;
  double accuracy = 0;       // correct / answers.
  quality::Interval ci95;    // Wilson score interval.
};

// One row per annotator and week with at least one judged answer, by annotator id then week
// (oldest first); display_name is left empty. `answers` in any order.
std::vector<GoldAccuracyWeek> GoldAccuracyByWeek(const domain::LabelInterface& label_interface,
                                                 std::span<const store::GoldAnswer> answers,
                                                 const domain::GoldPolicy& policy);

// A pair sharing fewer items gets undefined figures (with the reason): a kappa over two or three
// items says nothing, yet the heatmap should fill for a small pilot.
inline constexpr uint64_t kPairwiseMinSharedItems = 5;

struct DashboardAnnotator {
  int64_t id = 0;
  std::string display_name;
};

struct PairAgreement {
  int64_t first_id = 0;  // first_id < second_id.
  int64_t second_id = 0;
  int64_t shared_items = 0;
  quality::Statistic raw_agreement;  // Share of shared items with the same answer.
  quality::Statistic cohen_kappa;
};

struct PairwiseAgreementReport {
  std::string control;
  int64_t min_shared_items = 0;
  std::vector<DashboardAnnotator> annotators;  // Everyone with a vote, by id.
  std::vector<PairAgreement> pairs;        // Pairs with a shared item, by (first, second).
};

// The report over `annotations` (submitted) for `control`; display names left empty.
// REQUIRES: control is a choices control without `multiple`.
PairwiseAgreementReport ComputePairwiseAgreement(const domain::Control& control,
                                                 std::span<const domain::Annotation> annotations,
                                                 uint64_t min_shared_items);

class DashboardService {
 public:
  // REQUIRES: `store` outlives the service.
  explicit DashboardService(store::Store& store) : store_(store) {}

  // The project's rows with annotators' display names. kNotFound for an unknown project.
  Result<std::vector<GoldAccuracyWeek>> GoldAccuracy(int64_t project_id) const;
  // kNotFound for an unknown project; kInvalidArgument (field "control") when it has no
  // single-choice control.
  Result<PairwiseAgreementReport> PairwiseAgreement(int64_t project_id) const;

 private:
  store::Store& store_;
};

}  // namespace chorus::service
