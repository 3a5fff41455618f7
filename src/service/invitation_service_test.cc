// The invitation service against a real SQLite store with a hand-driven clock: who may invite
// whom, one generic refusal for unknown, used, revoked and expired tokens, rate limiting of
// failed acceptances, the account made with the invited role, and the audit trail. Covers
// security catalogue entries 54, 58 and 59 for invitations.
#include "service/invitation_service.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <string>

#include "service/scratch_store_for_test.h"
#include "service/secrets.h"

namespace chorus::service {
namespace {

using domain::Role;
using domain::Tier;
using domain::User;

constexpr int64_t kDay = 24 * 3600 * 1000;

class InvitationServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    AuthServiceOptions auth_options;
    auth_options.hasher = PasswordHasherOptions::Fastest();
    auth_options.rate_limit.max_failures_per_email = 3;
    auth_ = std::make_unique<AuthService>(*store_, auth_options, [this] { return now_; });
    invitations_ =
        std::make_unique<InvitationService>(*store_, auth_options, [this] { return now_; });
    auto admin = auth_->BootstrapAdmin("root@example.org", std::string(kTestPassword));
    ASSERT_TRUE(admin.ok() && admin->has_value());
    admin_ = {(*admin)->user.id, Role::kAdmin, CredentialKind::kSession};
    NewUser manager;
    manager.email = "manager@example.org";
    manager.display_name = "Manager";
    manager.role = Role::kManager;
    manager.password = kTestPassword;
    auto made = auth_->CreateUser(admin_, manager);
    ASSERT_TRUE(made.ok());
    manager_ = {made->id, Role::kManager, CredentialKind::kSession};
  }

  NewInvitation Invitation(const std::string& email, Role role = Role::kAnnotator) {
    NewInvitation invitation;
    invitation.email = email;
    invitation.role = role;
    return invitation;
  }

  CreatedInvitation Invite(const std::string& email, Role role = Role::kAnnotator) {
    auto created = invitations_->Invite(admin_, Invitation(email, role));
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? *created : CreatedInvitation{};
  }

  Result<LoginResult> Accept(const std::string& token, const std::string& address = kTestAddress) {
    return invitations_->Accept({token, kTestPassword, "New Person"}, address);
  }

  std::vector<std::string> Actions(const std::string& entity, int64_t id) {
    auto events = store_->audit().ListByEntity(entity, id, {});
    std::vector<std::string> actions;
    if (events.ok()) {
      for (const auto& event : events->items) actions.push_back(event.action);
    }
    return actions;
  }

  int64_t now_ = 1'700'000'000'000;
  ScratchStore store_;  // Declared first: destroyed after the services that use it.
  std::unique_ptr<AuthService> auth_;
  std::unique_ptr<InvitationService> invitations_;
  Principal admin_;
  Principal manager_;
};

TEST_F(InvitationServiceTest, TheTokenIsShownOnceAndStoredAsAHash) {
  NewInvitation fields = Invitation("  New@Example.org", Role::kReviewer);
  fields.tier = Tier::kExpert;
  fields.attributes = {{"languages", "en"}};
  fields.pay_rate_cents_per_hour = 2000;
  auto created = invitations_->Invite(admin_, fields);
  ASSERT_TRUE(created.ok()) << created.status().ToString();
  EXPECT_EQ(created->token.rfind("chorus_invite_", 0), 0u);
  EXPECT_EQ(created->token.size(), 14u + 43u);
  EXPECT_EQ(created->invitation.email, "new@example.org");
  EXPECT_EQ(created->invitation.token_hash, SecretHash(created->token));
  EXPECT_EQ(created->invitation.expires_at - created->invitation.created_at, 7 * kDay);
  EXPECT_EQ(created->invitation.invited_by, admin_.user_id);
  // The plain token is nowhere in the store.
  EXPECT_FALSE(store_->invitations().FindByTokenHash(created->token).ok());
  EXPECT_EQ(Actions("invitation", created->invitation.id),
            std::vector<std::string>{"invitation.create"});
}

TEST_F(InvitationServiceTest, AcceptingCreatesTheInvitedAccountAndLogsIn) {
  NewInvitation fields = Invitation("new@example.org", Role::kReviewer);
  fields.tier = Tier::kGoldMaker;
  fields.attributes = {{"region", "EU"}};
  fields.pay_rate_cents_per_hour = 2100;
  auto created = invitations_->Invite(admin_, fields);
  ASSERT_TRUE(created.ok());
  now_ += 1000;
  auto login = Accept(created->token);
  ASSERT_TRUE(login.ok()) << login.status().ToString();
  const User& user = login->user;
  EXPECT_EQ(user.email, "new@example.org");
  EXPECT_EQ(user.display_name, "New Person");
  EXPECT_EQ(user.role, Role::kReviewer);
  EXPECT_EQ(user.tier, Tier::kGoldMaker);
  EXPECT_EQ(user.attributes.at("region"), "EU");
  EXPECT_EQ(user.pay_rate_cents_per_hour, std::optional<int64_t>(2100));
  // The session works, and so does a password login afterwards.
  Credentials cookie;
  cookie.session_cookie = login->session_cookie;
  auto principal = auth_->Authenticate(cookie);
  ASSERT_TRUE(principal.ok());
  EXPECT_EQ(principal->user_id, user.id);
  EXPECT_EQ(principal->role, Role::kReviewer);
  EXPECT_TRUE(auth_->Login("new@example.org", kTestPassword, kTestAddress).ok());
  // Audited: the account, the acceptance, the login.
  EXPECT_EQ(Actions("user", user.id),
            (std::vector<std::string>{"user.create", "auth.login", "auth.login"}));
  EXPECT_EQ(Actions("invitation", created->invitation.id),
            (std::vector<std::string>{"invitation.create", "invitation.accept"}));
  // No longer pending.
  auto pending = invitations_->ListPending(admin_, {});
  ASSERT_TRUE(pending.ok());
  EXPECT_TRUE(pending->items.empty());
}

// Used, revoked, expired and unknown tokens: one answer, so a token holder learns nothing
// about which it was (catalogue 58 applied to invitations).
TEST_F(InvitationServiceTest, UnusableTokensAllGetTheSameAnswer) {
  const CreatedInvitation used = Invite("used@example.org");
  ASSERT_TRUE(Accept(used.token).ok());
  const CreatedInvitation revoked = Invite("revoked@example.org");
  ASSERT_TRUE(invitations_->Revoke(admin_, revoked.invitation.id).ok());
  const CreatedInvitation expired = Invite("expired@example.org");
  now_ = expired.invitation.expires_at;

  const Status again = Accept(used.token).status();
  const Status after_revoke = Accept(revoked.token).status();
  const Status late = Accept(expired.token).status();
  const Status unknown = Accept("chorus_invite_" + RandomSecret()).status();
  const Status huge = Accept(std::string(10'000, 'x')).status();
  for (const Status& status : {again, after_revoke, late, unknown, huge}) {
    EXPECT_EQ(status.code(), StatusCode::kInvalidArgument);
    EXPECT_EQ(status.message(), again.message());
    EXPECT_EQ(status.field(), "token");
  }
  for (const char* email : {"revoked@example.org", "expired@example.org"}) {
    EXPECT_EQ(store_->users().GetByEmail(email).status().code(), StatusCode::kNotFound) << email;
  }
  // Each failure is recorded for administrators, with its reason.
  auto events = store_->audit().ListByEntity("invitation", revoked.invitation.id, {});
  ASSERT_TRUE(events.ok());
  ASSERT_FALSE(events->items.empty());
  EXPECT_EQ(events->items.back().action, "invitation.accept_failed");
  EXPECT_NE(events->items.back().after.find("revoked"), std::string::npos);
}

TEST_F(InvitationServiceTest, PasswordPolicyAndNameAreCheckedAndTheTokenSurvives) {
  const CreatedInvitation invitation = Invite("new@example.org");
  auto short_password = invitations_->Accept({invitation.token, "short", "Name"}, kTestAddress);
  EXPECT_EQ(short_password.status().field(), "password");
  auto no_name = invitations_->Accept({invitation.token, kTestPassword, ""}, kTestAddress);
  EXPECT_EQ(no_name.status().field(), "display_name");
  // A password of 64+ characters is taken as typed (catalogue 60).
  const std::string long_password(80, 'p');
  ASSERT_TRUE(invitations_->Accept({invitation.token, long_password, "Name"}, kTestAddress).ok());
  EXPECT_TRUE(auth_->Login("new@example.org", long_password, kTestAddress).ok());
}

TEST_F(InvitationServiceTest, AnEmailRegisteredMeanwhileIsAConflict) {
  const CreatedInvitation invitation = Invite("late@example.org");
  NewUser user;
  user.email = "late@example.org";
  user.display_name = "Made directly";
  user.password = kTestPassword;
  ASSERT_TRUE(auth_->CreateUser(admin_, user).ok());
  auto accepted = Accept(invitation.token);
  EXPECT_EQ(accepted.status().code(), StatusCode::kConflict);
  EXPECT_EQ(accepted.status().field(), "email");
  // And inviting a registered email is refused up front.
  auto again = invitations_->Invite(admin_, Invitation("LATE@example.org"));
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
}

TEST_F(InvitationServiceTest, ManagersInviteOnlyAnnotatorsAndReviewersWithoutPay) {
  EXPECT_TRUE(invitations_->Invite(manager_, Invitation("a@example.org", Role::kAnnotator)).ok());
  EXPECT_TRUE(invitations_->Invite(manager_, Invitation("r@example.org", Role::kReviewer)).ok());
  for (Role role : {Role::kManager, Role::kAdmin}) {
    auto refused = invitations_->Invite(manager_, Invitation("m@example.org", role));
    EXPECT_EQ(refused.status().code(), StatusCode::kPermissionDenied) << domain::RoleName(role);
  }
  NewInvitation paid = Invitation("p@example.org");
  paid.pay_rate_cents_per_hour = 5000;
  EXPECT_EQ(invitations_->Invite(manager_, paid).status().code(), StatusCode::kPermissionDenied);
  // Nor may they revoke an administrator's invitation of a manager.
  const CreatedInvitation for_manager = Invite("boss@example.org", Role::kManager);
  EXPECT_EQ(invitations_->Revoke(manager_, for_manager.invitation.id).code(),
            StatusCode::kPermissionDenied);
  // Reviewers and annotators may not invite at all.
  const Principal reviewer{999, Role::kReviewer, CredentialKind::kSession};
  EXPECT_EQ(invitations_->Invite(reviewer, Invitation("x@example.org")).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(invitations_->ListPending(reviewer, {}).status().code(), StatusCode::kPermissionDenied);
}

TEST_F(InvitationServiceTest, RevokingTwiceIsFineButNotAfterAcceptance) {
  const CreatedInvitation invitation = Invite("new@example.org");
  ASSERT_TRUE(invitations_->Revoke(admin_, invitation.invitation.id).ok());
  ASSERT_TRUE(invitations_->Revoke(admin_, invitation.invitation.id).ok());
  EXPECT_EQ(Actions("invitation", invitation.invitation.id),
            (std::vector<std::string>{"invitation.create", "invitation.revoke"}));
  EXPECT_EQ(invitations_->Revoke(admin_, 12345).code(), StatusCode::kNotFound);
  const CreatedInvitation accepted = Invite("other@example.org");
  ASSERT_TRUE(Accept(accepted.token).ok());
  EXPECT_EQ(invitations_->Revoke(admin_, accepted.invitation.id).code(),
            StatusCode::kFailedPrecondition);
}

// Failed acceptances are limited like logins: after 3 failures with one token (this test's
// limit) it is refused without being looked at, until the window ends.
TEST_F(InvitationServiceTest, FailedAcceptancesAreRateLimited) {
  const CreatedInvitation invitation = Invite("new@example.org");
  ASSERT_TRUE(invitations_->Revoke(admin_, invitation.invitation.id).ok());
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Accept(invitation.token).status().code(), StatusCode::kInvalidArgument);
  }
  int64_t retry_after = 0;
  auto limited =
      invitations_->Accept({invitation.token, kTestPassword, "Name"}, kTestAddress, &retry_after);
  EXPECT_EQ(limited.status().code(), StatusCode::kResourceExhausted);
  EXPECT_GE(retry_after, 1);
  EXPECT_LE(retry_after, 15 * 60);
  now_ += 15 * 60 * 1000;
  EXPECT_EQ(Accept(invitation.token).status().code(), StatusCode::kInvalidArgument);
}

TEST_F(InvitationServiceTest, TheLifetimeIsAnOption) {
  AuthServiceOptions options;
  options.hasher = PasswordHasherOptions::Fastest();
  options.invitation_lifetime_ms = 3600 * 1000;
  InvitationService hourly(*store_, options, [this] { return now_; });
  auto created = hourly.Invite(admin_, Invitation("hour@example.org"));
  ASSERT_TRUE(created.ok());
  EXPECT_EQ(created->invitation.expires_at, now_ + 3600 * 1000);
  now_ += 3600 * 1000;
  EXPECT_EQ(hourly.Accept({created->token, kTestPassword, "Late"}, kTestAddress).status().field(),
            "token");
}

}  // namespace
}  // namespace chorus::service
