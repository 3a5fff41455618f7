#include "domain/review.h"

#include <nlohmann/json.hpp>

#include "domain/json_path.h"

namespace chorus::domain {

const char* ReviewVerdictName(ReviewVerdict verdict) {
  switch (verdict) {
    case ReviewVerdict::kAccepted: return "accepted";
    case ReviewVerdict::kFixed: return "fixed";
    case ReviewVerdict::kRejected: return "rejected";
  }
  return "accepted";
}

Result<ReviewVerdict> ParseReviewVerdict(std::string_view name) {
  for (ReviewVerdict v :
       {ReviewVerdict::kAccepted, ReviewVerdict::kFixed, ReviewVerdict::kRejected}) {
    if (name == ReviewVerdictName(v)) return v;
  }
  return InvalidArgument("verdict must be accepted, fixed or rejected", "verdict");
}

Status ValidateReview(const Review& review) {
  if (CodePointCount(review.comment) > kMaxReviewCommentChars) {
    return InvalidArgument(
        "keep the comment to " + std::to_string(kMaxReviewCommentChars) + " characters", "comment");
  }
  if (review.verdict == ReviewVerdict::kRejected &&
      review.comment.find_first_not_of(" \t\r\n") == std::string::npos) {
    return InvalidArgument("say why it is rejected: its annotator reads the comment", "comment");
  }
  if (review.verdict == ReviewVerdict::kFixed && review.result.empty()) {
    return InvalidArgument("a fix carries the corrected result", "result");
  }
  if (review.verdict != ReviewVerdict::kFixed && !review.result.empty()) {
    return InvalidArgument("only a fix carries a result", "result");
  }
  return Status::Ok();
}

nlohmann::json ToJson(const Review& review) {
  return {
      {"id", review.id},
      {"annotation_id", review.annotation_id},
      {"task_id", review.task_id},
      {"project_id", review.project_id},
      {"reviewer_id", review.reviewer_id},
      {"verdict", ReviewVerdictName(review.verdict)},
      {"comment", review.comment},
      {"result", review.result.empty() ? nlohmann::json() : nlohmann::json::parse(review.result)},
      {"created_at", review.created_at}};
}

}  // namespace chorus::domain
