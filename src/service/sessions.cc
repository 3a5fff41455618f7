#include "service/sessions.h"

#include "service/secrets.h"

namespace chorus::service {

Result<LoginResult> StartSession(store::AuthStore& store, const domain::User& user, int64_t now_ms,
                                 int64_t lifetime_ms) {
  LoginResult result;
  result.user = user;
  result.session_cookie = RandomSecret();
  result.csrf_token = RandomSecret();
  result.created_at = now_ms;
  result.expires_at = now_ms + lifetime_ms;
  domain::Session session;
  session.id_hash = SecretHash(result.session_cookie);
  session.user_id = user.id;
  session.csrf_token_hash = SecretHash(result.csrf_token);
  session.created_at = result.created_at;
  session.expires_at = result.expires_at;
  CHORUS_RETURN_IF_ERROR(store.CreateSession(session));
  return result;
}

}  // namespace chorus::service
