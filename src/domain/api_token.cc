#include "domain/api_token.h"

#include <nlohmann/json.hpp>

namespace chorus::domain {

nlohmann::json ToJson(const ApiToken& token) {
  nlohmann::json j = {{"id", token.id},
                      {"user_id", token.user_id},
                      {"name", token.name},
                      {"created_at", token.created_at},
                      {"revoked_at", nullptr}};
  if (token.revoked_at) j["revoked_at"] = *token.revoked_at;
  return j;
}

}  // namespace chorus::domain
