#include "domain/draft_policy.h"

#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "domain/json_fields.h"
#include "domain/prediction.h"

namespace chorus::domain {

Status ValidateDraftPolicy(const DraftPolicy& p) {
  if (!(p.blind_share >= 0 && p.blind_share <= 1)) {
    return InvalidArgument("must be between 0 and 1 (the share of items shown without the draft)",
                           "drafts.blind_share");
  }
  if (p.model_version.size() > kMaxModelVersionBytes || !IsValidUtf8(p.model_version)) {
    return InvalidArgument("must be at most 200 bytes of UTF-8; empty means the latest model",
                           "drafts.model_version");
  }
  return Status::Ok();
}

nlohmann::json ToJson(const DraftPolicy& p) {
  return {
      {"enabled", p.enabled}, {"model_version", p.model_version}, {"blind_share", p.blind_share}};
}

Result<DraftPolicy> DraftPolicyFromJson(const nlohmann::json& json) {
  if (!json.is_object()) return InvalidArgument("must be an object", "drafts");
  DraftPolicy p;
  JsonFields f(json);
  f.Bool("enabled", &p.enabled);
  f.String("model_version", &p.model_version);
  f.Double("blind_share", &p.blind_share);
  CHORUS_RETURN_IF_ERROR(UnderField(f.Finish(), "drafts."));
  return p;
}

std::string DraftPolicyToText(const DraftPolicy& policy) { return ToJson(policy).dump(); }

Result<DraftPolicy> DraftPolicyFromText(std::string_view text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (json.is_discarded()) return InvalidArgument("is not JSON", "drafts");
  return DraftPolicyFromJson(json);
}

}  // namespace chorus::domain
