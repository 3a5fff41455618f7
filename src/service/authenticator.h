// What the server's guard needs from authentication: turn the credentials a request carries
// into a Principal. The auth service (service/auth_service.h) implements it over the store;
// tests may implement it with a fixed table.
// Thread-safety: implementations must be safe to call from many threads at once.
#pragma once

#include <optional>
#include <string>

#include "core/status.h"
#include "service/principal.h"

namespace chorus::service {

// The credentials of one request, as the transport found them.
struct Credentials {
  std::optional<std::string> session_cookie;  // Value of the session cookie, if sent.
  std::optional<std::string> csrf_token;      // Value of the X-CSRF-Token header, if sent.
  std::optional<std::string> bearer_token;    // From "Authorization: Bearer TOKEN", if sent.
  bool unsafe_method = false;                 // POST, PUT, PATCH, DELETE: needs CSRF on cookies.
};

class Authenticator {
 public:
  virtual ~Authenticator() = default;
  // The principal, or kUnauthenticated (no, unknown, expired or revoked credentials; a
  // disabled user) or kPermissionDenied (a cookie-authenticated unsafe request without the
  // session's CSRF token). Messages never say which part was wrong beyond what the client can
  // fix (catalogue: no account oracle).
  virtual Result<Principal> Authenticate(const Credentials& credentials) = 0;
};

}  // namespace chorus::service
