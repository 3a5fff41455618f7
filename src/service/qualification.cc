#include "service/qualification.h"

namespace chorus::service {

const char* QualificationStatusName(QualificationStatus status) {
  switch (status) {
    case QualificationStatus::kNotRequired: return "not_required";
    case QualificationStatus::kInProgress: return "in_progress";
    case QualificationStatus::kPassed: return "passed";
    case QualificationStatus::kFailed: return "failed";
  }
  return "not_required";
}

Qualification JudgeQualification(const std::vector<store::CalibrationAnswer>& answers,
                                 const domain::GoldPolicy& policy) {
  Qualification q;
  q.items = policy.qualification_items;
  if (q.items == 0) return q;
  q.status = QualificationStatus::kInProgress;
  for (const store::CalibrationAnswer& a : answers) {
    if (a.attempt != q.attempt) continue;  // Answers of an attempt already judged.
    ++q.answered;
    if (a.correct) ++q.correct;
    if (q.answered < q.items) continue;
    // The attempt is complete: judged on its share right.
    if (double(q.correct) >= policy.qualification_pass * double(q.items) - 1e-9) {
      q.status = QualificationStatus::kPassed;
      return q;
    }
    if (q.attempt >= policy.qualification_attempts) {
      q.status = QualificationStatus::kFailed;
      return q;
    }
    ++q.attempt;
    q.answered = q.correct = 0;
  }
  return q;
}

}  // namespace chorus::service
