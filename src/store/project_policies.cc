#include "store/project_policies.h"

#include <string_view>
#include <utility>

namespace chorus::store {
namespace {

// `*target` = the parsed `text`, or kInternal naming the project and `what`.
template <typename Policy, typename Parse>
Status ParseInto(Parse parse, std::string_view text, const domain::Project& project,
                 const char* what, Policy* target) {
  auto policy = parse(text);
  if (!policy.ok()) {
    return Internal("project " + std::to_string(project.id) + " has an unreadable " + what +
                    " policy");
  }
  *target = std::move(policy).value();
  return Status::Ok();
}

void CopyPolicies(const domain::Project& from, domain::Project& to) {
  to.gold = from.gold;
  to.routing = from.routing;
  to.pay = from.pay;
  to.wellbeing = from.wellbeing;
  to.diversity = from.diversity;
  to.drafts = from.drafts;
}

}  // namespace

Status ParseProjectPolicies(const PolicyTexts& texts, domain::Project& project) {
  CHORUS_RETURN_IF_ERROR(
      ParseInto(domain::GoldPolicyFromText, texts.gold, project, "gold", &project.gold));
  CHORUS_RETURN_IF_ERROR(ParseInto(domain::RoutingPolicyFromText, texts.routing, project, "routing",
                                   &project.routing));
  CHORUS_RETURN_IF_ERROR(
      ParseInto(domain::PayPolicyFromText, texts.pay, project, "pay", &project.pay));
  CHORUS_RETURN_IF_ERROR(ParseInto(domain::WellbeingPolicyFromText, texts.wellbeing, project,
                                   "wellbeing", &project.wellbeing));
  CHORUS_RETURN_IF_ERROR(ParseInto(domain::DiversityPolicyFromText, texts.diversity, project,
                                   "diversity", &project.diversity));
  return ParseInto(domain::DraftPolicyFromText, texts.drafts, project, "draft", &project.drafts);
}

Status ProjectPolicyCache::Fill(domain::Project& project,
                                const std::function<PolicyTexts()>& read_texts) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    auto it = by_id_.find(project.id);
    if (it != by_id_.end() && it->second.version == project.version) {
      CopyPolicies(it->second.policies, project);
      return Status::Ok();
    }
  }
  CHORUS_RETURN_IF_ERROR(ParseProjectPolicies(read_texts(), project));
  std::lock_guard<std::mutex> lock(mutex_);
  Entry& entry = by_id_[project.id];
  // A slower reader of an older version does not replace a newer one.
  if (entry.version <= project.version) {
    entry.version = project.version;
    CopyPolicies(project, entry.policies);
  }
  return Status::Ok();
}

}  // namespace chorus::store
