#include "domain/user.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace chorus::domain {
namespace {

User ValidUser() {
  User u;
  u.id = 4;
  u.email = "ann@example.org";
  u.display_name = "Ann Lee";
  u.role = Role::kReviewer;
  u.tier = Tier::kGoldMaker;
  u.attributes = {{"languages", "en,de"}, {"region", "EU"}};
  u.pay_rate_cents_per_hour = 2100;
  u.created_at = 1'700'000'000'000;
  u.version = 3;
  return u;
}

TEST(UserTest, NormaliseEmailTrimsAndLowerCasesAscii) {
  EXPECT_EQ(NormaliseEmail("  Ann.Lee@Example.ORG "), "ann.lee@example.org");
  EXPECT_EQ(NormaliseEmail("ÄNN@x.org"), "Änn@x.org");  // Non-ASCII bytes are left alone.
}

TEST(UserTest, ValidateNamesTheFieldAtFault) {
  EXPECT_TRUE(ValidateUser(ValidUser()).ok());
  for (const char* email : {"", "ann", "@example.org", "ann@", "a@b@c", "a b@c.org"}) {
    User u = ValidUser();
    u.email = email;
    EXPECT_EQ(ValidateUser(u).field(), "email") << email;
  }
  User upper = ValidUser();
  upper.email = "Ann@example.org";
  EXPECT_EQ(ValidateUser(upper).field(), "email");
  User nameless = ValidUser();
  nameless.display_name = "";
  EXPECT_EQ(ValidateUser(nameless).field(), "display_name");
  User bad_utf8 = ValidUser();
  bad_utf8.display_name = "\xC0\xAF";
  EXPECT_EQ(ValidateUser(bad_utf8).field(), "display_name");
  User negative = ValidUser();
  negative.pay_rate_cents_per_hour = -1;
  EXPECT_EQ(ValidateUser(negative).field(), "pay_rate_cents_per_hour");
}

TEST(UserTest, RolesAndTiersRoundTripThroughTheirNames) {
  for (Role r : {Role::kAdmin, Role::kManager, Role::kReviewer, Role::kAnnotator}) {
    EXPECT_EQ(*ParseRole(RoleName(r)), r);
  }
  for (Tier t : {Tier::kCrowd, Tier::kExpert, Tier::kGoldMaker}) {
    EXPECT_EQ(*ParseTier(TierName(t)), t);
  }
  EXPECT_EQ(ParseRole("superuser").status().field(), "role");
  EXPECT_EQ(ParseTier("gold-maker").status().field(), "tier");
}

TEST(UserTest, JsonRoundTrip) {
  User u = ValidUser();
  nlohmann::json j = ToJson(u);
  EXPECT_EQ(j["role"], "reviewer");
  EXPECT_EQ(j["tier"], "gold_maker");
  EXPECT_FALSE(j.contains("password_hash"));
  EXPECT_EQ(*UserFromJson(j), u);
  u.pay_rate_cents_per_hour.reset();
  EXPECT_TRUE(ToJson(u)["pay_rate_cents_per_hour"].is_null());
  EXPECT_EQ(*UserFromJson(ToJson(u)), u);
}

TEST(UserTest, FromJsonRefusesUnknownAndMistypedFields) {
  nlohmann::json j = ToJson(ValidUser());
  j["is_admin"] = true;  // Mass assignment (security catalogue entry 62).
  Result<User> r = UserFromJson(j);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "is_admin");
  j = ToJson(ValidUser());
  j["disabled"] = "no";
  EXPECT_EQ(UserFromJson(j).status().field(), "disabled");
  j = ToJson(ValidUser());
  j["attributes"]["age"] = 30;
  EXPECT_EQ(UserFromJson(j).status().field(), "attributes.age");
  j = ToJson(ValidUser());
  j.erase("email");
  EXPECT_EQ(UserFromJson(j).status().field(), "email");
  EXPECT_FALSE(UserFromJson(nlohmann::json::array()).ok());
}

TEST(UserTest, AttributesTextRoundTrip) {
  std::map<std::string, std::string> a = {{"languages", "en"}, {"quote", "\"x\""}};
  EXPECT_EQ(*AttributesFromJsonText(AttributesToJsonText(a)), a);
  EXPECT_FALSE(AttributesFromJsonText("[1]").ok());
  EXPECT_FALSE(AttributesFromJsonText("{oops").ok());
}

}  // namespace
}  // namespace chorus::domain
