// Who is making a request, once authenticated: the user, their role, and how they proved it.
// Handlers receive it from the server's guard (server/auth_guard.h) and pass it to services,
// which check permissions (service/permissions.h) and stamp it on what they write.
// Thread-safety: value type.
#pragma once

#include <cstdint>

#include "domain/user.h"

namespace chorus::service {

enum class CredentialKind {
  kSession,   // A session cookie; unsafe methods also carried the CSRF token.
  kApiToken,  // Authorization: Bearer TOKEN (scripts); no CSRF token needed.
};

struct Principal {
  int64_t user_id = 0;
  domain::Role role = domain::Role::kAnnotator;
  CredentialKind via = CredentialKind::kSession;
  domain::Tier tier = domain::Tier::kCrowd;  // Which work they may take (routing_policy.h).
};

}  // namespace chorus::service
