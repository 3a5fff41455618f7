// A long-lived API token for scripts (`Authorization: Bearer TOKEN`). Only a hash of the token
// is stored: the plain token is shown once at creation and never kept (catalogue entry 54).
// A revoked token stops working at once (entry 52).
// Thread-safety: value type.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>

namespace chorus::domain {

struct ApiToken {
  int64_t id = 0;  // Assigned by the store.
  int64_t user_id = 0;
  std::string name;                   // What the user called it ("nightly import").
  std::string token_hash;             // Hash of the secret, computed by the auth service; unique.
  int64_t created_at = 0;             // Unix milliseconds.
  std::optional<int64_t> revoked_at;  // Set once; a revoked token never authenticates.

  bool operator==(const ApiToken&) const = default;
};

// Everything but the hash, for listing a user's tokens.
nlohmann::json ToJson(const ApiToken& token);

}  // namespace chorus::domain
