#include "domain/project.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "domain/json_fields.h"

namespace chorus::domain {

Status ValidateProject(const Project& project) {
  if (project.name.empty() || project.name.size() > 200 || !IsValidUtf8(project.name)) {
    return InvalidArgument("must be 1 to 200 bytes of UTF-8", "name");
  }
  if (project.description.size() > 100'000 || !IsValidUtf8(project.description)) {
    return InvalidArgument("must be at most 100000 bytes of UTF-8", "description");
  }
  CHORUS_RETURN_IF_ERROR(CheckJsonText(project.label_interface, "label_interface"));
  if (project.overlap < 1 || project.overlap > 1000) {
    return InvalidArgument("must be between 1 and 1000 labels per task", "overlap");
  }
  CHORUS_RETURN_IF_ERROR(ValidateGoldPolicy(project.gold));
  CHORUS_RETURN_IF_ERROR(ValidatePayPolicy(project.pay));
  CHORUS_RETURN_IF_ERROR(ValidateWellbeingPolicy(project.wellbeing));
  CHORUS_RETURN_IF_ERROR(ValidateDiversityPolicy(project.diversity, project.overlap));
  CHORUS_RETURN_IF_ERROR(ValidateDraftPolicy(project.drafts));
  return ValidateRoutingPolicy(project.routing, project.overlap);
}

nlohmann::json ToJson(const Project& project) {
  return {{"id", project.id},
          {"name", project.name},
          {"description", project.description},
          {"label_interface", JsonFromText(project.label_interface)},
          {"overlap", project.overlap},
          {"gold", ToJson(project.gold)},
          {"routing", ToJson(project.routing)},
          {"pay", ToJson(project.pay)},
          {"wellbeing", ToJson(project.wellbeing)},
          {"diversity", ToJson(project.diversity)},
          {"drafts", ToJson(project.drafts)},
          {"created_by", project.created_by},
          {"created_at", project.created_at},
          {"version", project.version}};
}

Result<Project> ProjectFromJson(const nlohmann::json& json) {
  Project p;
  JsonFields f(json);
  f.Int("id", &p.id);
  f.String("name", &p.name, /*required=*/true);
  f.String("description", &p.description);
  f.JsonText("label_interface", &p.label_interface);
  f.Int("overlap", &p.overlap);
  std::string gold;
  f.JsonText("gold", &gold);
  std::string routing;
  f.JsonText("routing", &routing);
  std::string pay;
  f.JsonText("pay", &pay);
  std::string wellbeing;
  f.JsonText("wellbeing", &wellbeing);
  std::string diversity;
  f.JsonText("diversity", &diversity);
  std::string drafts;
  f.JsonText("drafts", &drafts);
  f.Int("created_by", &p.created_by);
  f.Int("created_at", &p.created_at);
  f.Int("version", &p.version);
  CHORUS_RETURN_IF_ERROR(f.Finish());
  if (!gold.empty()) {
    auto policy = GoldPolicyFromJson(nlohmann::json::parse(gold));
    if (!policy.ok()) return policy.status();
    p.gold = *policy;
  }
  if (!routing.empty()) {
    auto policy = RoutingPolicyFromJson(nlohmann::json::parse(routing));
    if (!policy.ok()) return policy.status();
    p.routing = *policy;
  }
  if (!pay.empty()) {
    auto policy = PayPolicyFromJson(nlohmann::json::parse(pay));
    if (!policy.ok()) return policy.status();
    p.pay = *policy;
  }
  if (!wellbeing.empty()) {
    auto policy = WellbeingPolicyFromJson(nlohmann::json::parse(wellbeing));
    if (!policy.ok()) return policy.status();
    p.wellbeing = *policy;
  }
  if (!diversity.empty()) {
    auto policy = DiversityPolicyFromJson(nlohmann::json::parse(diversity));
    if (!policy.ok()) return policy.status();
    p.diversity = *policy;
  }
  if (!drafts.empty()) {
    auto policy = DraftPolicyFromJson(nlohmann::json::parse(drafts));
    if (!policy.ok()) return policy.status();
    p.drafts = *policy;
  }
  return p;
}

}  // namespace chorus::domain
