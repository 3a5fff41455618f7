// Qualification (calibration): a new annotator answers qualification_items gold items, sees
// each one's reference and rationale once answered, and passes when an attempt gets at least
// qualification_pass of them right; a failed attempt starts the next one on other gold items,
// up to qualification_attempts. Until they pass, they are handed calibration items only and
// their answers to anything else are refused, so no label of theirs counts before.
// Thread-safety: pure function.
#pragma once

#include <cstdint>
#include <vector>

#include "domain/gold_policy.h"
#include "store/gold_store.h"

namespace chorus::service {

enum class QualificationStatus { kNotRequired, kInProgress, kPassed, kFailed };
const char* QualificationStatusName(QualificationStatus status);  // "in_progress", ...

struct Qualification {
  QualificationStatus status = QualificationStatus::kNotRequired;
  int64_t attempt = 1;   // The attempt under way, or the last one when passed or failed.
  int64_t answered = 0;  // Answers in that attempt.
  int64_t correct = 0;   // Right ones among them.
  int64_t items = 0;     // Answers an attempt takes (GoldPolicy::qualification_items).
};

// Where an annotator stands, from their qualification answers in order (attempt, then time).
Qualification JudgeQualification(const std::vector<store::CalibrationAnswer>& answers,
                                 const domain::GoldPolicy& policy);

}  // namespace chorus::service
