// Conformance: InvitationStore (issue 4; security catalogue entry 59): invitations found by
// token hash, pending until used, revoked or expired, and accepted at most once, also when
// many requests present one token at the same instant (the account and the "used" mark are
// one transaction).
#include <atomic>
#include <thread>

#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::Invitation;
using domain::Role;
using domain::Tier;
using domain::User;

constexpr int64_t kInviteNow = 1'700'000'000'000;
constexpr int64_t kDay = 24 * 3600 * 1000;

Invitation MakeInvitation(int64_t invited_by, const std::string& email,
                          const std::string& token_hash) {
  Invitation i;
  i.email = email;
  i.role = Role::kReviewer;
  i.tier = Tier::kExpert;
  i.attributes = {{"languages", "en,fr"}};
  i.pay_rate_cents_per_hour = 1900;
  i.token_hash = token_hash;
  i.invited_by = invited_by;
  i.created_at = kInviteNow;
  i.expires_at = kInviteNow + 7 * kDay;
  return i;
}

// The account an acceptance creates (the service copies the invitation's fields like this).
User Invitee(const Invitation& invitation, const std::string& email) {
  User user;
  user.email = email;
  user.display_name = "Invitee";
  user.role = invitation.role;
  user.tier = invitation.tier;
  user.attributes = invitation.attributes;
  user.pay_rate_cents_per_hour = invitation.pay_rate_cents_per_hour;
  user.created_at = kInviteNow + 1;
  return user;
}

TEST_P(StoreConformanceTest, InvitationCreateFindAndListPending) {
  const int64_t admin = AddUser("admin", Role::kAdmin).id;
  Invitation made = Must(store().invitations().Create(
      MakeInvitation(admin, "  New@Example.org", std::string(64, 'a'))));
  EXPECT_GT(made.id, 0);
  EXPECT_EQ(made.email, "new@example.org");
  EXPECT_FALSE(made.used_at || made.revoked_at || made.user_id);
  EXPECT_EQ(Must(store().invitations().Get(made.id)), made);
  EXPECT_EQ(Must(store().invitations().FindByTokenHash(std::string(64, 'a'))), made);
  EXPECT_EQ(store().invitations().FindByTokenHash(std::string(64, 'b')).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().invitations().Get(made.id + 100).status().code(), StatusCode::kNotFound);

  // Token hashes are unique; the inviter must exist; fields are validated.
  EXPECT_EQ(store()
                .invitations()
                .Create(MakeInvitation(admin, "other@example.org", std::string(64, 'a')))
                .status()
                .code(),
            StatusCode::kConflict);
  EXPECT_EQ(store().invitations().Create(MakeInvitation(999, "x@example.org", "h")).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().invitations().Create(MakeInvitation(admin, "nope", "h")).status().field(),
            "email");

  // Listing pages through pending ones only, in id order.
  Invitation second = Must(store().invitations().Create(MakeInvitation(admin, "b@x.org", "hb")));
  Invitation third = Must(store().invitations().Create(MakeInvitation(admin, "c@x.org", "hc")));
  Must(store().invitations().Revoke(second.id, kInviteNow + 5));
  Page<Invitation> first_page = Must(store().invitations().ListPending(kInviteNow + 10, {0, 1}));
  ASSERT_EQ(first_page.items.size(), 1u);
  EXPECT_EQ(first_page.items[0].id, made.id);
  Page<Invitation> rest =
      Must(store().invitations().ListPending(kInviteNow + 10, {first_page.next_after_id, 10}));
  ASSERT_EQ(rest.items.size(), 1u);
  EXPECT_EQ(rest.items[0].id, third.id);
  EXPECT_EQ(rest.next_after_id, 0);
  // Expired ones are not pending.
  EXPECT_TRUE(
      Must(store().invitations().ListPending(kInviteNow + 7 * kDay, {0, 10})).items.empty());
}

TEST_P(StoreConformanceTest, InvitationAcceptCreatesTheAccountOnce) {
  const int64_t admin = AddUser("admin", Role::kAdmin).id;
  Invitation inv = Must(store().invitations().Create(MakeInvitation(admin, "new@x.org", "tok")));
  // A wrong hash for the id is refused like an unknown invitation.
  EXPECT_EQ(store()
                .invitations()
                .Accept(inv.id, "other", Invitee(inv, "new@x.org"), "argon-hash", kInviteNow + 1)
                .status()
                .code(),
            StatusCode::kNotFound);
  User user = Must(store().invitations().Accept(inv.id, "tok", Invitee(inv, "new@x.org"),
                                                "argon-hash", kInviteNow + 1));
  EXPECT_GT(user.id, 0);
  EXPECT_EQ(user.version, 1);
  EXPECT_EQ(Must(store().users().Get(user.id)), user);
  EXPECT_EQ(user.role, Role::kReviewer);
  EXPECT_EQ(Must(store().users().GetPasswordHash(user.id)), "argon-hash");
  Invitation used = Must(store().invitations().Get(inv.id));
  EXPECT_EQ(used.used_at, std::optional<int64_t>(kInviteNow + 1));
  EXPECT_EQ(used.user_id, std::optional<int64_t>(user.id));
  // A second use: refused, nothing created.
  Result<User> again =
      store().invitations().Accept(inv.id, "tok", Invitee(inv, "again@x.org"), "h", kInviteNow + 2);
  EXPECT_EQ(again.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().users().GetByEmail("again@x.org").status().code(), StatusCode::kNotFound);
  // An accepted invitation cannot be revoked (disable the account instead).
  EXPECT_EQ(store().invitations().Revoke(inv.id, kInviteNow + 3).status().code(),
            StatusCode::kFailedPrecondition);
}

TEST_P(StoreConformanceTest, InvitationRevokedOrExpiredCannotBeAccepted) {
  const int64_t admin = AddUser("admin", Role::kAdmin).id;
  Invitation revoked = Must(store().invitations().Create(MakeInvitation(admin, "r@x.org", "tr")));
  Invitation first = Must(store().invitations().Revoke(revoked.id, kInviteNow + 5));
  EXPECT_EQ(first.revoked_at, std::optional<int64_t>(kInviteNow + 5));
  // Revoking twice keeps the first time.
  EXPECT_EQ(Must(store().invitations().Revoke(revoked.id, kInviteNow + 9)).revoked_at,
            std::optional<int64_t>(kInviteNow + 5));
  EXPECT_EQ(store().invitations().Revoke(revoked.id + 100, kInviteNow).status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store()
                .invitations()
                .Accept(revoked.id, "tr", Invitee(revoked, "r@x.org"), "h", kInviteNow + 6)
                .status()
                .code(),
            StatusCode::kNotFound);

  Invitation expiring = Must(store().invitations().Create(MakeInvitation(admin, "e@x.org", "te")));
  EXPECT_EQ(store()
                .invitations()
                .Accept(expiring.id, "te", Invitee(expiring, "e@x.org"), "h", expiring.expires_at)
                .status()
                .code(),
            StatusCode::kNotFound);
  EXPECT_EQ(store().users().GetByEmail("r@x.org").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().users().GetByEmail("e@x.org").status().code(), StatusCode::kNotFound);
  // One millisecond earlier it was still good.
  EXPECT_TRUE(
      store()
          .invitations()
          .Accept(expiring.id, "te", Invitee(expiring, "e@x.org"), "h", expiring.expires_at - 1)
          .ok());
}

// An email registered in the meantime: 409 on the email, and the invitation stays pending (the
// account and the "used" mark are one transaction).
TEST_P(StoreConformanceTest, InvitationAcceptWithATakenEmailChangesNothing) {
  const int64_t admin = AddUser("admin", Role::kAdmin).id;
  Invitation inv =
      Must(store().invitations().Create(MakeInvitation(admin, "bob@example.org", "t")));
  AddUser("bob");  // bob@example.org
  Result<User> taken = store().invitations().Accept(inv.id, "t", Invitee(inv, "bob@example.org"),
                                                    "h", kInviteNow + 1);
  EXPECT_EQ(taken.status().code(), StatusCode::kConflict);
  EXPECT_EQ(taken.status().field(), "email");
  Invitation after = Must(store().invitations().Get(inv.id));
  EXPECT_FALSE(after.used_at.has_value());
  EXPECT_TRUE(domain::IsPending(after, kInviteNow + 1));
}

// Many requests present one token at the same instant, each for a different address (so the
// unique email index cannot be what stops them): exactly one account is created.
TEST_P(StoreConformanceTest, InvitationConcurrentAcceptsMakeExactlyOneUser) {
  constexpr int kRequests = 16;
  const int64_t admin = AddUser("admin", Role::kAdmin).id;
  Invitation inv = Must(store().invitations().Create(MakeInvitation(admin, "one@x.org", "race")));
  std::atomic<int> ready{0};
  std::atomic<int> accepted{0};
  std::atomic<int> refused{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  threads.reserve(kRequests);
  for (int i = 0; i < kRequests; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kRequests) std::this_thread::yield();  // A barrier.
      Result<User> r = store().invitations().Accept(
          inv.id, "race", Invitee(inv, "racer" + std::to_string(i) + "@x.org"), "h",
          kInviteNow + 1);
      if (r.ok()) {
        ++accepted;
      } else if (r.status().code() == StatusCode::kNotFound) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(accepted.load(), 1);
  EXPECT_EQ(refused.load(), kRequests - 1);
  EXPECT_EQ(other.load(), 0);
  // admin + the one invitee.
  EXPECT_EQ(Must(store().users().List({0, 100})).items.size(), 2u);
  Invitation used = Must(store().invitations().Get(inv.id));
  ASSERT_TRUE(used.user_id.has_value());
  EXPECT_EQ(Must(store().users().Get(*used.user_id)).email.rfind("racer", 0), 0u);
}

}  // namespace
}  // namespace chorus::store::conformance
