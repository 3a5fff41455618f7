#include "service/gold_standing.h"

#include <cmath>
#include <nlohmann/json.hpp>

#include "core/format_number.h"
#include "domain/label_interface.h"
#include "quality/wilson_interval.h"
#include "service/gold_comparison.h"

namespace chorus::service {

const char* GoldVerdictName(GoldVerdict verdict) {
  switch (verdict) {
    case GoldVerdict::kTooFewAnswers: return "too_few_answers";
    case GoldVerdict::kGood: return "good";
    case GoldVerdict::kWarned: return "warned";
    case GoldVerdict::kPaused: return "paused";
  }
  return "good";
}

GoldStanding JudgeGold(int64_t answers, int64_t correct, const domain::GoldPolicy& policy) {
  GoldStanding s;
  s.answers = answers;
  s.correct = correct;
  s.ci95 = {0, 1};
  if (answers > 0) {
    s.accuracy = double(correct) / double(answers);
    s.ci95 = quality::WilsonInterval(uint64_t(correct), uint64_t(answers));
  }
  if (answers < policy.min_answers) {
    s.verdict = GoldVerdict::kTooFewAnswers;
  } else if (policy.pause_below > 0 && s.accuracy < policy.pause_below) {
    s.verdict = GoldVerdict::kPaused;
  } else if (s.accuracy < policy.warn_below) {
    s.verdict = GoldVerdict::kWarned;
  } else {
    s.verdict = GoldVerdict::kGood;
  }
  return s;
}

GoldScoring ScoreGoldAnswers(
    const domain::LabelInterface& label_interface, std::span<const store::GoldAnswer> answers,
    const domain::GoldPolicy& policy,
    const std::function<void(const nlohmann::json& reference, const GoldComparison&)>& each) {
  int64_t judged = 0, correct = 0;
  double score = 0;
  for (const store::GoldAnswer& a : answers) {
    const auto reference = nlohmann::json::parse(a.reference, nullptr, false);
    const GoldComparison c =
        CompareToGold(label_interface, reference, nlohmann::json::parse(a.result, nullptr, false));
    if (!c.judged) continue;
    ++judged;
    if (c.correct) ++correct;
    score += c.score;
    if (each) each(reference, c);
  }
  return {JudgeGold(judged, correct, policy), judged == 0 ? 0 : score / double(judged)};
}

std::string PausedMessage(const GoldStanding& standing, const domain::GoldPolicy& policy) {
  return "your work in this project is paused: " + std::to_string(standing.correct) + " of " +
         std::to_string(standing.answers) + " answers to its control tasks were right (" +
         WholePercent(standing.accuracy) + "), and it asks for at least " +
         WholePercent(policy.pause_below) +
         ". Reread the guidelines and ask a project manager to review your work and resume you.";
}

Result<GoldStanding> GoldStandings::Of(const domain::Project& project, int64_t annotator_id) {
  auto tally = store_.gold().Tally(project.id, annotator_id);
  if (!tally.ok()) return tally.status();
  const auto key = std::make_pair(project.id, annotator_id);
  {
    std::lock_guard lock(mutex_);
    const auto found = cache_.find(key);
    if (found != cache_.end() && found->second.tally == *tally &&
        found->second.project_version == project.version) {
      return found->second.standing;
    }
  }
  GoldStanding standing = JudgeGold(0, 0, project.gold);
  if (tally->answers > 0) {
    auto answers = store_.gold().Answers(project.id, annotator_id);
    if (!answers.ok()) return answers.status();
    auto interface = domain::ParseLabelInterface(project.label_interface);
    if (!interface.ok()) return interface.status();
    standing = ScoreGoldAnswers(*interface, *answers, project.gold).standing;
  }
  std::lock_guard lock(mutex_);
  cache_[key] = Entry{*tally, project.version, standing};
  return standing;
}

}  // namespace chorus::service
