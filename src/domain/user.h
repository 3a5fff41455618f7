// A person (or a model's service account) who works in Chorus: role, annotator tier, profile.
//
// Roles decide what a user may do (checked by the server's permission table); tiers describe an
// annotator's standing (crowd, expert, gold maker: DESIGN §4 "Annotator"). Self-reported
// attributes (languages, region, ...) are optional free strings. The password hash is not part
// of this value on purpose: it is stored and read only through store::AuthStore so it can never
// end up in a JSON response.
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::domain {

enum class Role { kAdmin, kManager, kReviewer, kAnnotator };
// Ordered: a requirement of a tier admits it and those above (domain/routing_policy.h).
enum class Tier { kCrowd, kExpert, kGoldMaker };

// Stable lower-case names ("admin", "gold_maker") used in JSON and in the database.
const char* RoleName(Role role);
Result<Role> ParseRole(std::string_view name);
const char* TierName(Tier tier);
Result<Tier> ParseTier(std::string_view name);

struct User {
  int64_t id = 0;            // Assigned by the store; 0 before creation.
  std::string email;         // Unique; stored normalised (see NormaliseEmail).
  std::string display_name;  // Shown to other users; 1..200 bytes of UTF-8.
  Role role = Role::kAnnotator;
  Tier tier = Tier::kCrowd;
  std::map<std::string, std::string> attributes;   // Self-reported, optional.
  std::optional<int64_t> pay_rate_cents_per_hour;  // None when not paid by the hour.
  bool disabled = false;                           // A disabled user cannot log in or use tokens.
  int64_t created_at = 0;                          // Unix milliseconds.
  int64_t version = 0;  // Optimistic concurrency: 1 after creation, +1 per update.

  bool operator==(const User&) const = default;
};

// Trims ASCII spaces and lower-cases ASCII letters, so "  Ann@Example.ORG" == "ann@example.org".
std::string NormaliseEmail(std::string_view email);

// kInvalidArgument with the field at fault. REQUIRES: email already normalised.
Status ValidateUser(const User& user);

// The attributes as a JSON object text ({"languages":"en,fr"}) and back, for storage.
std::string AttributesToJsonText(const std::map<std::string, std::string>& attributes);
Result<std::map<std::string, std::string>> AttributesFromJsonText(std::string_view text);

nlohmann::json ToJson(const User& user);
// Reads the fields of ToJson; unknown fields are refused. Normalises the email.
Result<User> UserFromJson(const nlohmann::json& json);

}  // namespace chorus::domain
