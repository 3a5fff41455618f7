#include "domain/user.h"

#include <nlohmann/json.hpp>
#include <utility>

#include "core/utf8.h"
#include "domain/json_fields.h"

namespace chorus::domain {

const char* RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kManager: return "manager";
    case Role::kReviewer: return "reviewer";
    case Role::kAnnotator: return "annotator";
  }
  return "annotator";
}

Result<Role> ParseRole(std::string_view name) {
  for (Role r : {Role::kAdmin, Role::kManager, Role::kReviewer, Role::kAnnotator}) {
    if (name == RoleName(r)) return r;
  }
  return InvalidArgument("must be one of admin, manager, reviewer, annotator", "role");
}

const char* TierName(Tier tier) {
  switch (tier) {
    case Tier::kCrowd: return "crowd";
    case Tier::kExpert: return "expert";
    case Tier::kGoldMaker: return "gold_maker";
  }
  return "crowd";
}

Result<Tier> ParseTier(std::string_view name) {
  for (Tier t : {Tier::kCrowd, Tier::kExpert, Tier::kGoldMaker}) {
    if (name == TierName(t)) return t;
  }
  return InvalidArgument("must be one of crowd, expert, gold_maker", "tier");
}

std::string NormaliseEmail(std::string_view email) {
  while (!email.empty() && email.front() == ' ') email.remove_prefix(1);
  while (!email.empty() && email.back() == ' ') email.remove_suffix(1);
  std::string out(email);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

Status ValidateUser(const User& user) {
  const std::string& e = user.email;
  size_t at = e.find('@');
  if (e.size() > 254 || at == std::string::npos || at == 0 || at + 1 == e.size() ||
      e.find('@', at + 1) != std::string::npos || e.find_first_of(" \t\r\n") != std::string::npos) {
    return InvalidArgument("must be an address like name@example.org (at most 254 bytes)", "email");
  }
  if (e != NormaliseEmail(e)) {
    return InvalidArgument("must be normalised with NormaliseEmail before storing", "email");
  }
  if (user.display_name.empty() || user.display_name.size() > 200 ||
      !IsValidUtf8(user.display_name)) {
    return InvalidArgument("must be 1 to 200 bytes of UTF-8", "display_name");
  }
  for (const auto& [key, value] : user.attributes) {
    if (key.empty() || key.size() > 64 || value.size() > 1000 || !IsValidUtf8(key) ||
        !IsValidUtf8(value)) {
      return InvalidArgument("keys must be 1 to 64 bytes and values at most 1000 bytes of UTF-8",
                             "attributes." + key);
    }
  }
  if (user.pay_rate_cents_per_hour && *user.pay_rate_cents_per_hour < 0) {
    return InvalidArgument("must not be negative", "pay_rate_cents_per_hour");
  }
  return Status::Ok();
}

std::string AttributesToJsonText(const std::map<std::string, std::string>& attributes) {
  return nlohmann::json(attributes).dump();
}

Result<std::map<std::string, std::string>> AttributesFromJsonText(std::string_view text) {
  nlohmann::json json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  std::map<std::string, std::string> attributes;
  const nlohmann::json wrapper = {{"attributes", std::move(json)}};
  JsonFields f(wrapper);
  f.StringMap("attributes", &attributes);
  CHORUS_RETURN_IF_ERROR(f.Finish());
  return attributes;
}

nlohmann::json ToJson(const User& user) {
  nlohmann::json j = {{"id", user.id},
                      {"email", user.email},
                      {"display_name", user.display_name},
                      {"role", RoleName(user.role)},
                      {"tier", TierName(user.tier)},
                      {"attributes", user.attributes},
                      {"pay_rate_cents_per_hour", nullptr},
                      {"disabled", user.disabled},
                      {"created_at", user.created_at},
                      {"version", user.version}};
  if (user.pay_rate_cents_per_hour) j["pay_rate_cents_per_hour"] = *user.pay_rate_cents_per_hour;
  return j;
}

Result<User> UserFromJson(const nlohmann::json& json) {
  User user;
  std::string role = RoleName(user.role);
  std::string tier = TierName(user.tier);
  JsonFields f(json);
  f.Int("id", &user.id);
  f.String("email", &user.email, /*required=*/true);
  f.String("display_name", &user.display_name, /*required=*/true);
  f.String("role", &role);
  f.String("tier", &tier);
  f.StringMap("attributes", &user.attributes);
  f.OptionalInt("pay_rate_cents_per_hour", &user.pay_rate_cents_per_hour);
  f.Bool("disabled", &user.disabled);
  f.Int("created_at", &user.created_at);
  f.Int("version", &user.version);
  CHORUS_RETURN_IF_ERROR(f.Finish());
  Result<Role> r = ParseRole(role);
  if (!r.ok()) return r.status();
  Result<Tier> t = ParseTier(tier);
  if (!t.ok()) return t.status();
  user.role = *r;
  user.tier = *t;
  user.email = NormaliseEmail(user.email);
  return user;
}

}  // namespace chorus::domain
