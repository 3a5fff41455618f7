// Annotator diversity (Project::diversity, Chorus issue 6 item 8): the questions a project asks
// its annotators about themselves (each an attribute such as "region" with its allowed values,
// every answer optional) and, optionally, a quota over one attribute: the least number of
// labels each task must receive from annotators of each listed value. The reservation
// (store::ReserveRequest::quota) honours the quota; service/diversity_service.h reports label
// distributions and agreement per group, in aggregate only.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace chorus::domain {

struct DiversityAttribute {
  std::string name;                 // Key, e.g. "region": 1-40 of [a-z0-9_].
  std::string question;             // What annotators are asked, 1-500 bytes of UTF-8.
  std::vector<std::string> values;  // Allowed answers, 1-50 distinct, each 1-80 bytes.

  bool operator==(const DiversityAttribute&) const = default;
};

struct DiversityQuota {
  std::string attribute;                    // A declared attribute's name.
  std::map<std::string, int64_t> minimums;  // Declared value -> labels per task, >= 1 each.

  bool operator==(const DiversityQuota&) const = default;
};

struct DiversityPolicy {
  std::vector<DiversityAttribute> attributes;  // Default: none asked.
  std::optional<DiversityQuota> quota;         // Default: no quota.

  bool operator==(const DiversityPolicy&) const = default;
};

// kInvalidArgument naming "diversity.FIELD" ("diversity.attributes[1].values[0]",
// "diversity.quota.minimums.EU"); `overlap` is the project's: the minimums may not add up to
// more labels than a task takes.
Status ValidateDiversityPolicy(const DiversityPolicy& policy, int64_t overlap);

// The attribute named `name`, or nullptr.
const DiversityAttribute* FindAttribute(const DiversityPolicy& policy, std::string_view name);

// The quota rule: whether an annotator whose answer is `group` (nullopt: none given) may take
// one of a task's `free_slots` (its wanted labels less the slots others hold: submitted labels
// and live reservations), when others' slots count `counts` per answer. The slots left after
// theirs must cover every other group's unmet minimum, so the quota stays reachable.
bool QuotaAdmits(const std::map<std::string, int64_t>& minimums,
                 const std::map<std::string, int64_t>& counts,
                 const std::optional<std::string>& group, int64_t free_slots);

nlohmann::json ToJson(const DiversityPolicy& policy);
// Fields left out keep their defaults; unknown fields and wrong types are refused with
// "diversity.FIELD". Does not validate (ValidateDiversityPolicy does).
Result<DiversityPolicy> DiversityPolicyFromJson(const nlohmann::json& json);

// The stored form (a JSON object's text) and back.
std::string DiversityPolicyToText(const DiversityPolicy& policy);
Result<DiversityPolicy> DiversityPolicyFromText(std::string_view text);

}  // namespace chorus::domain
