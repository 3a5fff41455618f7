// The auth service against a real SQLite store in a temporary directory, with a hand-driven
// clock. Covers security catalogue entries 51, 52, 54, 55, 57, 58, 59 and 60.
#include "service/auth_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "service/scratch_store_for_test.h"
#include "service/secrets.h"

namespace chorus::service {
namespace {

using domain::Role;
using domain::User;

class AuthServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    service_ = MakeService();
    auto admin = service_->BootstrapAdmin("root@example.org", std::string(kTestPassword));
    ASSERT_TRUE(admin.ok() && admin->has_value()) << admin.status().ToString();
    admin_ = (*admin)->user;
  }

  // A service on the fixture's store, or on `store`.
  std::unique_ptr<AuthService> MakeService(AuthServiceOptions options = {},
                                           store::Store* store = nullptr) {
    options.hasher = PasswordHasherOptions::Fastest();
    return std::make_unique<AuthService>(store ? *store : *store_, options,
                                         [this] { return now_; });
  }

  Principal AdminPrincipal() const { return {admin_.id, Role::kAdmin, CredentialKind::kSession}; }

  User AddUser(const std::string& email, Role role = Role::kAnnotator) {
    NewUser user;
    user.email = email;
    user.display_name = "Someone";
    user.role = role;
    user.password = kTestPassword;
    auto created = service_->CreateUser(AdminPrincipal(), user);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : User();
  }

  Credentials Cookie(const LoginResult& login, bool unsafe = false, bool with_csrf = false) {
    Credentials credentials;
    credentials.session_cookie = login.session_cookie;
    credentials.unsafe_method = unsafe;
    if (with_csrf) credentials.csrf_token = login.csrf_token;
    return credentials;
  }

  Credentials Bearer(const std::string& token, bool unsafe = false) {
    Credentials credentials;
    credentials.bearer_token = token;
    credentials.unsafe_method = unsafe;
    return credentials;
  }

  std::vector<std::string> AuditActions(int64_t user_id) {
    auto events = store_->audit().ListByEntity("user", user_id, {});
    EXPECT_TRUE(events.ok());
    std::vector<std::string> actions;
    if (events.ok()) {
      for (const auto& event : events->items) actions.push_back(event.action);
    }
    return actions;
  }

  int64_t now_ = 1'700'000'000'000;
  ScratchStore store_;  // Declared first: destroyed after the services that use it.
  std::unique_ptr<AuthService> service_;
  User admin_;
};

TEST_F(AuthServiceTest, LoginStartsASessionThatAuthenticates) {
  auto login = service_->Login("  ROOT@example.org ", kTestPassword, kTestAddress);
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  EXPECT_EQ(login->user.id, admin_.id);
  EXPECT_EQ(login->session_cookie.size(), 43u);
  EXPECT_EQ(login->csrf_token.size(), 43u);
  EXPECT_NE(login->session_cookie, login->csrf_token);
  EXPECT_EQ(login->expires_at - login->created_at, 12 * 3600 * 1000);

  auto principal = service_->Authenticate(Cookie(*login));
  ASSERT_TRUE(principal.ok()) << principal.status().ToString();
  EXPECT_EQ(principal->user_id, admin_.id);
  EXPECT_EQ(principal->role, Role::kAdmin);
  EXPECT_EQ(principal->via, CredentialKind::kSession);

  // The store holds the hashes only.
  auto session = store_->auth().GetSession(SecretHash(login->session_cookie), now_);
  ASSERT_TRUE(session.ok());
  EXPECT_EQ(session->csrf_token_hash, SecretHash(login->csrf_token));
  EXPECT_FALSE(store_->auth().GetSession(login->session_cookie, now_).ok());
}

TEST_F(AuthServiceTest, SessionsExpire) {
  auto login = service_->Login("root@example.org", kTestPassword, kTestAddress);
  ASSERT_TRUE(login.ok());
  now_ = login->expires_at;
  auto principal = service_->Authenticate(Cookie(*login));
  ASSERT_FALSE(principal.ok());
  EXPECT_EQ(principal.status().code(), StatusCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, WrongPasswordUnknownEmailAndDisabledAccountLookTheSame) {
  const User disabled = AddUser("gone@example.org");
  UserPatch patch;
  patch.version = disabled.version;
  patch.disabled = true;
  ASSERT_TRUE(service_->UpdateUser(AdminPrincipal(), disabled.id, patch).ok());

  const Status wrong =
      service_->Login("root@example.org", "not the password!", kTestAddress).status();
  const Status unknown =
      service_->Login("nobody@example.org", kTestPassword, kTestAddress).status();
  const Status off = service_->Login("gone@example.org", kTestPassword, kTestAddress).status();
  for (const Status& status : {wrong, unknown, off}) {
    EXPECT_EQ(status.code(), StatusCode::kUnauthenticated);
    EXPECT_EQ(status.message(), wrong.message());
    EXPECT_EQ(status.field(), "");
    EXPECT_NE(status.message().find("email or password is wrong"), std::string::npos);
  }
  // Failures are audited (an unknown email under entity id 0).
  auto actions = AuditActions(admin_.id);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "auth.login_failed"), actions.end());
}

TEST_F(AuthServiceTest, EveryLoginIsANewSession) {
  // Catalogue 51: a second login never reuses the first session id.
  auto first = service_->Login("root@example.org", kTestPassword, kTestAddress);
  auto second = service_->Login("root@example.org", kTestPassword, kTestAddress);
  ASSERT_TRUE(first.ok() && second.ok());
  EXPECT_NE(first->session_cookie, second->session_cookie);
  EXPECT_NE(first->csrf_token, second->csrf_token);
  EXPECT_TRUE(service_->Authenticate(Cookie(*first)).ok());
  EXPECT_TRUE(service_->Authenticate(Cookie(*second)).ok());
  // A cookie the client made up before logging in is not a session.
  Credentials planted;
  planted.session_cookie = RandomSecret();
  EXPECT_EQ(service_->Authenticate(planted).status().code(), StatusCode::kUnauthenticated);
}

TEST_F(AuthServiceTest, UnsafeCookieRequestsNeedTheSessionsCsrfToken) {
  auto login = service_->Login("root@example.org", kTestPassword, kTestAddress);
  auto other = service_->Login("root@example.org", kTestPassword, kTestAddress);
  ASSERT_TRUE(login.ok() && other.ok());
  EXPECT_TRUE(service_->Authenticate(Cookie(*login, /*unsafe=*/false)).ok());
  auto missing = service_->Authenticate(Cookie(*login, /*unsafe=*/true));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(missing.status().message(),
            "send the X-CSRF-Token header (the chorus_csrf cookie's value)");
  EXPECT_TRUE(service_->Authenticate(Cookie(*login, true, /*with_csrf=*/true)).ok());
  // Another session's token does not fit.
  Credentials mixed = Cookie(*login, true);
  mixed.csrf_token = other->csrf_token;
  EXPECT_EQ(service_->Authenticate(mixed).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(AuthServiceTest, NoCredentialsSayHowToLogIn) {
  auto none = service_->Authenticate(Credentials{});
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(none.status().message(),
            "log in (POST /api/v1/auth/login) or send Authorization: Bearer TOKEN");
}

TEST_F(AuthServiceTest, TokensAreShownOnceStoredHashedAndRevocable) {
  auto login = service_->Login("root@example.org", kTestPassword, kTestAddress);
  ASSERT_TRUE(login.ok());
  const Principal session = *service_->Authenticate(Cookie(*login));
  auto created = service_->CreateToken(session, "nightly import");
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->plain.rfind("chorus_", 0), 0u);
  EXPECT_EQ(created->plain.size(), 7u + 43u);
  EXPECT_EQ(created->token.token_hash, SecretHash(created->plain));

  auto listed = service_->ListTokens(session);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1u);
  EXPECT_EQ((*listed)[0].name, "nightly import");
  EXPECT_NE((*listed)[0].token_hash, created->plain);  // The store never had the plain text.
  EXPECT_EQ(nlohmann::json(domain::ToJson((*listed)[0])).dump().find(created->plain),
            std::string::npos);

  // Bearer works, without a CSRF token even for unsafe methods.
  auto principal = service_->Authenticate(Bearer(created->plain, /*unsafe=*/true));
  ASSERT_TRUE(principal.ok()) << principal.status().ToString();
  EXPECT_EQ(principal->via, CredentialKind::kApiToken);
  EXPECT_EQ(principal->user_id, admin_.id);

  // A token cannot mint tokens (catalogue 54).
  EXPECT_EQ(service_->CreateToken(*principal, "more").status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_->CreateToken(session, "").status().field(), "name");

  ASSERT_TRUE(service_->RevokeToken(session, created->token.id).ok());
  auto revoked = service_->Authenticate(Bearer(created->plain));
  ASSERT_FALSE(revoked.ok());
  EXPECT_EQ(revoked.status().code(), StatusCode::kUnauthenticated);

  // Another user cannot see or revoke it.
  const User other = AddUser("other@example.org");
  const Principal other_principal{other.id, Role::kAnnotator, CredentialKind::kSession};
  EXPECT_EQ(service_->RevokeToken(other_principal, created->token.id).code(),
            StatusCode::kNotFound);
  EXPECT_TRUE(service_->ListTokens(other_principal)->empty());
}

TEST_F(AuthServiceTest, RateLimitRefusesWithoutCheckingThenRecovers) {
  AuthServiceOptions options;
  options.rate_limit.max_failures_per_email = 3;
  options.rate_limit.window_ms = 60'000;
  service_ = MakeService(options);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(service_->Login("root@example.org", "wrong password!!", kTestAddress).status().code(),
              StatusCode::kUnauthenticated);
  }
  now_ += 10'000;
  int64_t retry_after = 0;
  // Even the right password is refused now: the password is not checked.
  auto limited = service_->Login("root@example.org", kTestPassword, "192.0.2.9:1", &retry_after);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.status().code(), StatusCode::kResourceExhausted);
  EXPECT_EQ(retry_after, 50);
  EXPECT_NE(limited.status().message().find("try again in 50 seconds"), std::string::npos);
  // Other accounts still log in.
  AddUser("someone@example.org");
  EXPECT_TRUE(service_->Login("someone@example.org", kTestPassword, kTestAddress).ok());

  now_ += 50'000;
  EXPECT_TRUE(service_->Login("root@example.org", kTestPassword, kTestAddress).ok());
}

TEST_F(AuthServiceTest, RateLimitCountsPerAddressWithoutPort) {
  AuthServiceOptions options;
  options.rate_limit.max_failures_per_address = 2;
  service_ = MakeService(options);
  EXPECT_FALSE(service_->Login("a@example.org", kTestPassword, "198.51.100.5:1000").ok());
  EXPECT_FALSE(service_->Login("b@example.org", kTestPassword, "198.51.100.5:2000").ok());
  EXPECT_EQ(service_->Login("root@example.org", kTestPassword, "198.51.100.5:3000").status().code(),
            StatusCode::kResourceExhausted);
  EXPECT_TRUE(service_->Login("root@example.org", kTestPassword, "198.51.100.6:3000").ok());
}

TEST_F(AuthServiceTest, DisablingAUserEndsSessionsAndTokens) {
  const User annotator = AddUser("ann@example.org");
  auto login = service_->Login("ann@example.org", kTestPassword, kTestAddress);
  ASSERT_TRUE(login.ok());
  const Principal principal = *service_->Authenticate(Cookie(*login));
  auto token = service_->CreateToken(principal, "script");
  ASSERT_TRUE(token.ok());

  UserPatch patch;
  patch.version = annotator.version;
  patch.disabled = true;
  auto updated = service_->UpdateUser(AdminPrincipal(), annotator.id, patch);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_TRUE(updated->disabled);
  EXPECT_EQ(updated->version, annotator.version + 1);

  EXPECT_EQ(service_->Authenticate(Cookie(*login)).status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(service_->Authenticate(Bearer(token->plain)).status().code(),
            StatusCode::kUnauthenticated);
  EXPECT_FALSE(store_->auth().GetSession(SecretHash(login->session_cookie), now_).ok());
  auto actions = AuditActions(annotator.id);
  EXPECT_NE(std::find(actions.begin(), actions.end(), "user.disable"), actions.end());
}

TEST_F(AuthServiceTest, ChangingThePasswordEndsSessions) {
  AddUser("ann@example.org");
  auto login = service_->Login("ann@example.org", kTestPassword, kTestAddress);
  ASSERT_TRUE(login.ok());
  const Principal principal = *service_->Authenticate(Cookie(*login));
  EXPECT_EQ(service_->ChangePassword(principal, "wrong current pw", "a brand new password").code(),
            StatusCode::kUnauthenticated);
  EXPECT_EQ(service_->ChangePassword(principal, kTestPassword, "short").field(), "new_password");
  ASSERT_TRUE(service_->ChangePassword(principal, kTestPassword, "a brand new password").ok());
  EXPECT_FALSE(service_->Authenticate(Cookie(*login)).ok());
  EXPECT_FALSE(service_->Login("ann@example.org", kTestPassword, kTestAddress).ok());
  EXPECT_TRUE(service_->Login("ann@example.org", "a brand new password", kTestAddress).ok());
}

TEST_F(AuthServiceTest, LogoutEndsTheSessionAndIsIdempotent) {
  auto login = service_->Login("root@example.org", kTestPassword, kTestAddress);
  ASSERT_TRUE(login.ok());
  ASSERT_TRUE(service_->Logout(login->session_cookie).ok());
  EXPECT_FALSE(service_->Authenticate(Cookie(*login)).ok());
  EXPECT_TRUE(service_->Logout(login->session_cookie).ok());
  EXPECT_TRUE(service_->Logout(std::nullopt).ok());
}

TEST_F(AuthServiceTest, UsersAreManagedByAdministratorsOnly) {
  const User manager = AddUser("boss@example.org", Role::kManager);
  const User annotator = AddUser("ann@example.org");
  const Principal as_manager{manager.id, Role::kManager, CredentialKind::kSession};
  const Principal as_annotator{annotator.id, Role::kAnnotator, CredentialKind::kSession};

  NewUser fields;
  fields.email = "new@example.org";
  fields.display_name = "New";
  fields.password = kTestPassword;
  EXPECT_EQ(service_->CreateUser(as_manager, fields).status().code(),
            StatusCode::kPermissionDenied);
  fields.password = "short";
  EXPECT_EQ(service_->CreateUser(AdminPrincipal(), fields).status().field(), "password");
  fields.password = kTestPassword;
  fields.email = "ann@example.org";
  EXPECT_EQ(service_->CreateUser(AdminPrincipal(), fields).status().code(), StatusCode::kConflict);

  EXPECT_TRUE(service_->ListUsers(as_manager, {}).ok());
  EXPECT_EQ(service_->ListUsers(as_annotator, {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_TRUE(service_->GetUser(as_annotator, annotator.id).ok());
  EXPECT_EQ(service_->GetUser(as_annotator, manager.id).status().code(), StatusCode::kNotFound);

  // Role escalation (catalogue 61): only manage_users may change a role.
  UserPatch patch;
  patch.version = annotator.version;
  patch.role = Role::kAdmin;
  EXPECT_EQ(service_->UpdateUser(as_annotator, annotator.id, patch).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(store_->users().Get(annotator.id)->role, Role::kAnnotator);

  // Optimistic concurrency: a stale version gets 409 with the current one.
  patch.role = Role::kReviewer;
  ASSERT_TRUE(service_->UpdateUser(AdminPrincipal(), annotator.id, patch).ok());
  auto stale = service_->UpdateUser(AdminPrincipal(), annotator.id, patch);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(stale.current_version(), annotator.version + 1);

  // An administrator cannot lock themself out.
  UserPatch self;
  self.version = admin_.version;
  self.disabled = true;
  EXPECT_EQ(service_->UpdateUser(AdminPrincipal(), admin_.id, self).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_F(AuthServiceTest, AdministratorsResetPasswords) {
  const User annotator = AddUser("ann@example.org");
  auto login = service_->Login("ann@example.org", kTestPassword, kTestAddress);
  ASSERT_TRUE(login.ok());
  UserPatch patch;
  patch.version = annotator.version;
  patch.password = "an administrator's reset";
  ASSERT_TRUE(service_->UpdateUser(AdminPrincipal(), annotator.id, patch).ok());
  EXPECT_FALSE(service_->Authenticate(Cookie(*login)).ok());
  EXPECT_TRUE(service_->Login("ann@example.org", "an administrator's reset", kTestAddress).ok());
}

TEST_F(AuthServiceTest, BootstrapCreatesOneAdministratorOnce) {
  // SetUp bootstrapped with a given email and password; a second call does nothing.
  auto again = service_->BootstrapAdmin(std::nullopt, std::nullopt);
  ASSERT_TRUE(again.ok());
  EXPECT_FALSE(again->has_value());
  EXPECT_EQ(admin_.role, Role::kAdmin);
  EXPECT_TRUE(service_->Login("root@example.org", kTestPassword, kTestAddress).ok());
}

TEST_F(AuthServiceTest, BootstrapGeneratesAPasswordOnAnEmptyStore) {
  const ScratchStore empty;
  const auto service = MakeService({}, &*empty);
  auto admin = service->BootstrapAdmin(std::nullopt, std::nullopt);
  ASSERT_TRUE(admin.ok() && admin->has_value()) << admin.status().ToString();
  EXPECT_EQ((*admin)->user.email, "admin@localhost");
  EXPECT_EQ((*admin)->generated_password.size(), 20u);
  EXPECT_TRUE(service->Login("admin@localhost", (*admin)->generated_password, kTestAddress).ok());
  auto second = service->BootstrapAdmin(std::nullopt, std::nullopt);
  ASSERT_TRUE(second.ok());
  EXPECT_FALSE(second->has_value());
}

TEST_F(AuthServiceTest, RehashesOnLoginWhenTheLimitsWereRaised) {
  AuthServiceOptions options;
  options.hasher = PasswordHasherOptions::Fastest();
  options.hasher.opslimit += 1;
  auto stronger = std::make_unique<AuthService>(*store_, options, [this] { return now_; });
  const std::string before = *store_->users().GetPasswordHash(admin_.id);
  ASSERT_TRUE(stronger->Login("root@example.org", kTestPassword, kTestAddress).ok());
  const std::string after = *store_->users().GetPasswordHash(admin_.id);
  EXPECT_NE(before, after);
  EXPECT_FALSE(PasswordHasher(options.hasher).NeedsRehash(after));
}

}  // namespace
}  // namespace chorus::service
