#include "domain/diversity_policy.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

#include "core/utf8.h"
#include "domain/json_fields.h"

namespace chorus::domain {
namespace {

constexpr size_t kMaxAttributes = 10;
constexpr size_t kMaxValues = 50;

bool IsAttributeName(const std::string& name) {
  return !name.empty() && name.size() <= 40 && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
  });
}

Status ValidateAttribute(const DiversityAttribute& a, const std::string& at) {
  if (!IsAttributeName(a.name)) {
    return InvalidArgument("must be 1 to 40 of a-z, 0-9 and _ (for example \"region\")",
                           at + ".name");
  }
  if (a.question.empty() || a.question.size() > 500 || !IsValidUtf8(a.question)) {
    return InvalidArgument("must be 1 to 500 bytes of UTF-8: what annotators are asked",
                           at + ".question");
  }
  if (a.values.empty() || a.values.size() > kMaxValues) {
    return InvalidArgument("must list 1 to 50 answers annotators may choose", at + ".values");
  }
  std::set<std::string> seen;
  for (size_t i = 0; i < a.values.size(); ++i) {
    const std::string& v = a.values[i];
    const std::string field = at + ".values[" + std::to_string(i) + "]";
    if (v.empty() || v.size() > 80 || !IsValidUtf8(v)) {
      return InvalidArgument("must be 1 to 80 bytes of UTF-8", field);
    }
    if (!seen.insert(v).second) return InvalidArgument("is listed twice", field);
  }
  return Status::Ok();
}

Status ValidateQuota(const DiversityPolicy& p, int64_t overlap) {
  const DiversityQuota& q = *p.quota;
  const DiversityAttribute* attribute = FindAttribute(p, q.attribute);
  if (attribute == nullptr) {
    return InvalidArgument("must name one of the attributes the project asks about",
                           "diversity.quota.attribute");
  }
  if (q.minimums.empty()) {
    return InvalidArgument("must give at least one answer a minimum of labels per task",
                           "diversity.quota.minimums");
  }
  int64_t sum = 0;
  for (const auto& [value, minimum] : q.minimums) {
    const std::string field = "diversity.quota.minimums." + value;
    if (std::find(attribute->values.begin(), attribute->values.end(), value) ==
        attribute->values.end()) {
      return InvalidArgument("must be one of the answers of \"" + attribute->name + "\"", field);
    }
    if (minimum < 1 || minimum > overlap) {
      return InvalidArgument("must be between 1 and the project's overlap (" +
                                 std::to_string(overlap) + ") labels per task",
                             field);
    }
    sum += minimum;
  }
  if (sum > overlap) {
    return InvalidArgument("add up to " + std::to_string(sum) +
                               " labels per task, more than the project's overlap (" +
                               std::to_string(overlap) + "): lower a minimum or raise the overlap",
                           "diversity.quota.minimums");
  }
  return Status::Ok();
}

Result<DiversityAttribute> AttributeFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return InvalidArgument("must be an object", "");
  DiversityAttribute a;
  JsonFields f(json);
  f.String("name", &a.name, true);
  f.String("question", &a.question, true);
  std::string values;
  f.JsonText("values", &values, true);
  CHORUS_RETURN_IF_ERROR(f.Finish());
  const auto list = nlohmann::json::parse(values);
  if (!list.is_array()) return InvalidArgument("must be an array of strings", "values");
  for (size_t i = 0; i < list.size(); ++i) {
    if (!list[i].is_string()) {
      return InvalidArgument("must be a string", "values[" + std::to_string(i) + "]");
    }
    a.values.push_back(list[i].get<std::string>());
  }
  return a;
}

Result<DiversityQuota> QuotaFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return InvalidArgument("must be an object or null", "");
  DiversityQuota q;
  JsonFields f(json);
  f.String("attribute", &q.attribute, true);
  std::string minimums;
  f.JsonText("minimums", &minimums, true);
  CHORUS_RETURN_IF_ERROR(f.Finish());
  const auto map = nlohmann::json::parse(minimums);
  if (!map.is_object()) {
    return InvalidArgument("must be an object of answer: labels per task", "minimums");
  }
  for (const auto& [value, minimum] : map.items()) {
    if (!minimum.is_number_integer()) {
      return InvalidArgument("must be a whole number of labels", "minimums." + value);
    }
    q.minimums[value] = minimum.get<int64_t>();
  }
  return q;
}

}  // namespace

const DiversityAttribute* FindAttribute(const DiversityPolicy& policy, std::string_view name) {
  for (const DiversityAttribute& a : policy.attributes) {
    if (a.name == name) return &a;
  }
  return nullptr;
}

bool QuotaAdmits(const std::map<std::string, int64_t>& minimums,
                 const std::map<std::string, int64_t>& counts,
                 const std::optional<std::string>& group, int64_t free_slots) {
  int64_t unmet = 0;
  for (const auto& [value, minimum] : minimums) {
    if (group && *group == value) continue;  // Their own slot counts towards their group.
    const auto it = counts.find(value);
    unmet += std::max<int64_t>(0, minimum - (it == counts.end() ? 0 : it->second));
  }
  return free_slots - 1 >= unmet;
}

Status ValidateDiversityPolicy(const DiversityPolicy& p, int64_t overlap) {
  if (p.attributes.size() > kMaxAttributes) {
    return InvalidArgument("may ask about at most 10 attributes", "diversity.attributes");
  }
  std::set<std::string> names;
  for (size_t i = 0; i < p.attributes.size(); ++i) {
    const std::string at = "diversity.attributes[" + std::to_string(i) + "]";
    CHORUS_RETURN_IF_ERROR(ValidateAttribute(p.attributes[i], at));
    if (!names.insert(p.attributes[i].name).second) {
      return InvalidArgument("is used by an earlier attribute", at + ".name");
    }
  }
  if (p.quota) return ValidateQuota(p, overlap);
  return Status::Ok();
}

nlohmann::json ToJson(const DiversityPolicy& p) {
  nlohmann::json attributes = nlohmann::json::array();
  for (const DiversityAttribute& a : p.attributes) {
    attributes.push_back({{"name", a.name}, {"question", a.question}, {"values", a.values}});
  }
  nlohmann::json quota = nullptr;
  if (p.quota) quota = {{"attribute", p.quota->attribute}, {"minimums", p.quota->minimums}};
  return {{"attributes", std::move(attributes)}, {"quota", std::move(quota)}};
}

Result<DiversityPolicy> DiversityPolicyFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return InvalidArgument("must be an object", "diversity");
  DiversityPolicy p;
  JsonFields f(json);
  std::string attributes, quota;
  f.JsonText("attributes", &attributes);
  f.JsonText("quota", &quota);
  CHORUS_RETURN_IF_ERROR(UnderField(f.Finish(), "diversity."));
  if (!attributes.empty()) {
    const auto list = nlohmann::json::parse(attributes);
    if (!list.is_array()) return InvalidArgument("must be an array", "diversity.attributes");
    for (size_t i = 0; i < list.size(); ++i) {
      auto a = AttributeFromJson(list[i]);
      const std::string at = "diversity.attributes[" + std::to_string(i) + "]";
      if (!a.ok()) {
        return a.status().field().empty() ? InvalidArgument(a.status().message(), at)
                                          : UnderField(a.status(), at + ".");
      }
      p.attributes.push_back(std::move(a).value());
    }
  }
  if (!quota.empty()) {
    const auto object = nlohmann::json::parse(quota);
    if (!object.is_null()) {
      auto q = QuotaFromJson(object);
      if (!q.ok()) {
        return q.status().field().empty() ? InvalidArgument(q.status().message(), "diversity.quota")
                                          : UnderField(q.status(), "diversity.quota.");
      }
      p.quota = std::move(q).value();
    }
  }
  return p;
}

std::string DiversityPolicyToText(const DiversityPolicy& policy) { return ToJson(policy).dump(); }

Result<DiversityPolicy> DiversityPolicyFromText(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return InvalidArgument("is not JSON", "diversity");
  return DiversityPolicyFromJson(json);
}

}  // namespace chorus::domain
