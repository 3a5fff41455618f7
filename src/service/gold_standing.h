// Where an annotator stands on gold: the policy (pure) that turns their answers into
// "too few answers", "good", "warned" (flagged for a manager) or "paused" (their queue is
// closed in the project), and a cache of it per annotator that is refreshed only when their
// answers, the project's gold items or the project itself change (store::GoldAnswerTally), so
// checking it on every next-task request costs one small query. Thread-safety: JudgeGold is pure;
// GoldStandings is safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json_fwd.hpp>
#include <span>
#include <string>
#include <utility>

#include "core/status.h"
#include "domain/gold_policy.h"
#include "domain/label_interface.h"
#include "quality/statistic.h"
#include "service/gold_comparison.h"
#include "store/store.h"

namespace chorus::service {

enum class GoldVerdict { kTooFewAnswers, kGood, kWarned, kPaused };
const char* GoldVerdictName(GoldVerdict verdict);  // "too_few_answers", "good", ...

struct GoldStanding {
  int64_t answers = 0;  // Judged answers (controls the reference answers).
  int64_t correct = 0;
  double accuracy = 0;     // correct / answers; 0 when there are none.
  quality::Interval ci95;  // Wilson score interval; [0, 1] when there are no answers.
  GoldVerdict verdict = GoldVerdict::kTooFewAnswers;
};

// The verdict for `correct` of `answers` under `policy`: too few below min_answers; paused
// below pause_below (when it is > 0); warned below warn_below; good otherwise.
GoldStanding JudgeGold(int64_t answers, int64_t correct, const domain::GoldPolicy& policy);

// One annotator's gold answers compared with their references and judged under `policy`,
// with the mean comparison score; `each`, when set, sees every judged answer's reference and
// comparison (the report's per-label counts).
struct GoldScoring {
  GoldStanding standing;
  double mean_score = 0;  // Over the judged answers; 0 when none.
};
GoldScoring ScoreGoldAnswers(
    const domain::LabelInterface& label_interface, std::span<const store::GoldAnswer> answers,
    const domain::GoldPolicy& policy,
    const std::function<void(const nlohmann::json& reference, const GoldComparison&)>& each = {});

// What an annotator reads when paused: their figures, the project's bar, and what to do.
std::string PausedMessage(const GoldStanding& standing, const domain::GoldPolicy& policy);

class GoldStandings {
 public:
  // REQUIRES: `store` outlives this.
  explicit GoldStandings(store::Store& store) : store_(store) {}

  // The annotator's standing in the project. kNotFound when the project does not exist.
  Result<GoldStanding> Of(const domain::Project& project, int64_t annotator_id);

 private:
  struct Entry {
    store::GoldAnswerTally tally;
    int64_t project_version = 0;  // Its interface and gold policy judged the answers.
    GoldStanding standing;
  };
  store::Store& store_;
  std::mutex mutex_;
  std::map<std::pair<int64_t, int64_t>, Entry> cache_;  // By (project, annotator).
};

}  // namespace chorus::service
