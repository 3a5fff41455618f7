#include "domain/invitation.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace chorus::domain {
namespace {

Invitation ValidInvitation() {
  Invitation i;
  i.id = 3;
  i.email = "new@example.org";
  i.role = Role::kReviewer;
  i.tier = Tier::kExpert;
  i.attributes = {{"languages", "en,fr"}};
  i.pay_rate_cents_per_hour = 1800;
  i.token_hash = "ab12";
  i.invited_by = 1;
  i.created_at = 1000;
  i.expires_at = 2000;
  return i;
}

// Pending up to (not at) expires_at, and never again once used or revoked.
TEST(InvitationTest, PendingUntilUsedRevokedOrExpired) {
  Invitation i = ValidInvitation();
  EXPECT_TRUE(IsPending(i, 1999));
  EXPECT_FALSE(IsPending(i, 2000));
  Invitation used = ValidInvitation();
  used.used_at = 1500;
  EXPECT_FALSE(IsPending(used, 1600));
  Invitation revoked = ValidInvitation();
  revoked.revoked_at = 1500;
  EXPECT_FALSE(IsPending(revoked, 1600));
}

TEST(InvitationTest, ValidateNamesTheFieldAtFault) {
  EXPECT_TRUE(ValidateInvitation(ValidInvitation()).ok());
  Invitation bad_email = ValidInvitation();
  bad_email.email = "not-an-address";
  EXPECT_EQ(ValidateInvitation(bad_email).field(), "email");
  Invitation negative = ValidInvitation();
  negative.pay_rate_cents_per_hour = -1;
  EXPECT_EQ(ValidateInvitation(negative).field(), "pay_rate_cents_per_hour");
  Invitation no_hash = ValidInvitation();
  no_hash.token_hash.clear();
  EXPECT_EQ(ValidateInvitation(no_hash).field(), "token_hash");
  Invitation instant = ValidInvitation();
  instant.expires_at = instant.created_at;
  EXPECT_EQ(ValidateInvitation(instant).field(), "expires_at");
  Invitation attribute = ValidInvitation();
  attribute.attributes[""] = "x";
  EXPECT_EQ(ValidateInvitation(attribute).field(), "attributes.");
}

// The token hash never leaves the server (catalogue 54); the states are explicit nulls.
TEST(InvitationTest, JsonHasNoTokenHash) {
  Invitation i = ValidInvitation();
  i.used_at = 1500;
  i.user_id = 9;
  const nlohmann::json j = ToJson(i);
  EXPECT_FALSE(j.contains("token_hash"));
  EXPECT_EQ(j.dump().find("ab12"), std::string::npos);
  EXPECT_EQ(j["role"], "reviewer");
  EXPECT_EQ(j["tier"], "expert");
  EXPECT_EQ(j["used_at"], 1500);
  EXPECT_EQ(j["user_id"], 9);
  EXPECT_TRUE(j["revoked_at"].is_null());
  EXPECT_EQ(j["pay_rate_cents_per_hour"], 1800);
}

}  // namespace
}  // namespace chorus::domain
