// Whether a project shows annotators model drafts (Project::drafts, issue 7 "drafts with blind
// controls"): which model version's predictions (domain/prediction.h) pre-fill the answer, and
// the share of (task, annotator) pairs shown blind (the draft withheld) so that the anchoring
// report (service/anchoring_service.h) can compare drafted labels with independent ones.
// Gold tasks are never drafted. Thread-safety: value type.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::domain {

struct DraftPolicy {
  bool enabled = false;       // Show drafts at all.
  std::string model_version;  // Whose predictions; "": the project's latest model version.
  double blind_share = 0.10;  // Share of (task, annotator) pairs shown blind, 0..1.

  bool operator==(const DraftPolicy&) const = default;
};

// kInvalidArgument naming "drafts.FIELD": blind_share outside 0..1, model_version over 200
// bytes or not UTF-8.
Status ValidateDraftPolicy(const DraftPolicy& policy);

nlohmann::json ToJson(const DraftPolicy& policy);
// Fields left out keep their defaults; unknown fields and wrong types are refused naming
// "drafts.FIELD". Does not check ranges (ValidateDraftPolicy does).
Result<DraftPolicy> DraftPolicyFromJson(const nlohmann::json& json);

// The stored form (a JSON object's text) and back.
std::string DraftPolicyToText(const DraftPolicy& policy);
Result<DraftPolicy> DraftPolicyFromText(std::string_view text);

}  // namespace chorus::domain
