// A reviewer's verdict on one submitted annotation: accepted, rejected (with the reason, for its
// annotator) or fixed (with the corrected result, which leaves the annotation itself untouched:
// a label is never overwritten by another person, DESIGN §4). Reviews are append-only; a task's
// reviews are its review history.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::domain {

enum class ReviewVerdict { kAccepted, kFixed, kRejected };

// "accepted", "fixed", "rejected" (JSON and database).
const char* ReviewVerdictName(ReviewVerdict verdict);
Result<ReviewVerdict> ParseReviewVerdict(std::string_view name);

inline constexpr size_t kMaxReviewCommentChars = 2000;  // Unicode code points.

struct Review {
  int64_t id = 0;  // Assigned by the store.
  int64_t annotation_id = 0;
  int64_t task_id = 0;     // The annotation's; set by the store.
  int64_t project_id = 0;  // The annotation's; set by the store.
  int64_t reviewer_id = 0;
  ReviewVerdict verdict = ReviewVerdict::kAccepted;
  std::string comment;  // Why; required when rejected.
  std::string result;   // JSON object text when fixed, "" otherwise.
  int64_t created_at = 0;

  bool operator==(const Review&) const = default;
};

// kInvalidArgument naming the field: a comment over the limit or missing on a rejection, a
// result missing on a fix or present otherwise (its content is checked against the label
// interface by the service).
Status ValidateReview(const Review& review);

nlohmann::json ToJson(const Review& review);

}  // namespace chorus::domain
