// A labelling project: what each task asks for (the label interface), how many independent
// labels each task needs (overlap), how it uses gold items, how it routes tasks, how it pays, how
// it limits annotators' exposure to sensitive content and whether it shows model drafts.
// Guidelines are versioned separately (domain/guideline.h).
//
// The label interface is kept as JSON text here; its schema is validated by a later module.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <string>

#include "core/status.h"
#include "domain/diversity_policy.h"
#include "domain/draft_policy.h"
#include "domain/gold_policy.h"
#include "domain/pay_policy.h"
#include "domain/routing_policy.h"
#include "domain/wellbeing_policy.h"

namespace chorus::domain {

struct Project {
  int64_t id = 0;                      // Assigned by the store.
  std::string name;                    // 1..200 bytes of UTF-8.
  std::string description;             // At most 100,000 bytes.
  std::string label_interface = "{}";  // JSON text (controls bound to data fields).
  int64_t overlap = 3;                 // Labels wanted per task, 1..1000.
  GoldPolicy gold;                     // How gold items are mixed in and judged.
  RoutingPolicy routing;               // Tiers and dynamic overlap.
  PayPolicy pay;                       // Pay rates, pay floor and budget.
  WellbeingPolicy wellbeing;           // Caps and breaks for sensitive content.
  DiversityPolicy diversity;           // Annotator attributes asked and the label quota.
  DraftPolicy drafts;                  // Model drafts and their blind controls.
  int64_t created_by = 0;              // User id.
  int64_t created_at = 0;              // Unix milliseconds.
  int64_t version = 0;                 // Optimistic concurrency: 1 after creation, +1 per update.

  bool operator==(const Project&) const = default;
};

// kInvalidArgument with the field at fault.
Status ValidateProject(const Project& project);

nlohmann::json ToJson(const Project& project);  // label_interface embedded as JSON.
Result<Project> ProjectFromJson(const nlohmann::json& json);

}  // namespace chorus::domain
