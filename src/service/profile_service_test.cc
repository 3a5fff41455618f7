// The self-profile service and the escalation refusal (security catalogue entry 61) against a
// real SQLite store: a user changes their display name and attributes only; any other field,
// through /me or through PATCH /users/{own id} without manage_users, is refused, changes
// nothing, and is recorded.
#include "service/profile_service.h"

#include <gtest/gtest.h>

#include <memory>
#include <nlohmann/json.hpp>
#include <string>

#include "service/auth_service.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::Role;
using domain::User;

class ProfileServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    User ann;
    ann.email = "ann@example.org";
    ann.display_name = "Ann";
    ann.attributes = {{"languages", "en"}};
    ann.pay_rate_cents_per_hour = 1500;
    ann.created_at = now_;
    auto created = store_->users().Create(ann);
    ASSERT_TRUE(created.ok());
    ann_ = *created;
    who_ = {ann_.id, Role::kAnnotator, CredentialKind::kSession};
    profiles_ = std::make_unique<ProfileService>(*store_, [this] { return now_; });
  }

  std::vector<domain::AuditEvent> Events() {
    auto events = store_->audit().ListByEntity("user", ann_.id, {});
    return events.ok() ? events->items : std::vector<domain::AuditEvent>{};
  }

  int64_t now_ = 1'700'000'000'000;
  ScratchStore store_;  // Declared first: destroyed after the services that use it.
  std::unique_ptr<ProfileService> profiles_;
  User ann_;
  Principal who_;
};

TEST_F(ProfileServiceTest, DisplayNameAndAttributesChangeWithTheVersion) {
  ASSERT_TRUE(profiles_->CheckFields(who_, {"attributes", "display_name", "version"}).ok());
  ProfilePatch patch;
  patch.version = 1;
  patch.display_name = "Ann Lee";
  patch.attributes = std::map<std::string, std::string>{{"languages", "en,fr"}, {"region", "EU"}};
  auto updated = profiles_->Update(who_, patch);
  ASSERT_TRUE(updated.ok()) << updated.status().ToString();
  EXPECT_EQ(updated->display_name, "Ann Lee");
  EXPECT_EQ(updated->attributes.size(), 2u);
  EXPECT_EQ(updated->version, 2);
  // Everything else as it was.
  EXPECT_EQ(updated->role, Role::kAnnotator);
  EXPECT_EQ(updated->pay_rate_cents_per_hour, std::optional<int64_t>(1500));
  EXPECT_EQ(updated->email, "ann@example.org");
  ASSERT_EQ(Events().size(), 1u);
  EXPECT_EQ(Events()[0].action, "user.profile_update");
  EXPECT_EQ(Events()[0].actor_id, std::optional<int64_t>(ann_.id));

  // A stale version: 409 with the version stored now, nothing changed.
  patch.display_name = "Someone else";
  auto stale = profiles_->Update(who_, patch);
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(stale.current_version(), 2);
  EXPECT_EQ(store_->users().Get(ann_.id)->display_name, "Ann Lee");
}

TEST_F(ProfileServiceTest, AttributesAreBounded) {
  ProfilePatch patch;
  patch.version = 1;
  patch.attributes = std::map<std::string, std::string>{{"Languages", "en"}};
  EXPECT_EQ(profiles_->Update(who_, patch).status().field(), "attributes.Languages");
  patch.attributes = std::map<std::string, std::string>{{"bio", std::string(201, 'x')}};
  EXPECT_EQ(profiles_->Update(who_, patch).status().field(), "attributes.bio");
  std::map<std::string, std::string> many;
  for (size_t i = 0; i <= kMaxSelfAttributes; ++i) many["a" + std::to_string(i)] = "x";
  patch.attributes = many;
  EXPECT_EQ(profiles_->Update(who_, patch).status().field(), "attributes");
  ProfilePatch nameless;
  nameless.version = 1;
  nameless.display_name = "";
  EXPECT_EQ(profiles_->Update(who_, nameless).status().field(), "display_name");
  EXPECT_EQ(store_->users().Get(ann_.id)->version, 1);  // Nothing was written.
}

// Catalogue 61: every privileged or unknown field is refused, nothing changes, and the attempt
// is in the audit log with the fields sent.
TEST_F(ProfileServiceTest, EscalationThroughMeIsRefusedAndRecorded) {
  for (const char* field : {"role", "tier", "pay_rate_cents_per_hour", "disabled", "email",
                            "is_admin", "is_staff", "permissions", "id", "password"}) {
    const Status refused = profiles_->CheckFields(who_, {"version", field});
    EXPECT_EQ(refused.code(), StatusCode::kPermissionDenied) << field;
    EXPECT_EQ(refused.field(), field);
  }
  EXPECT_EQ(*store_->users().Get(ann_.id), ann_);
  const auto events = Events();
  ASSERT_EQ(events.size(), 10u);
  EXPECT_EQ(events[0].action, "user.escalation_refused");
  EXPECT_EQ(events[0].actor_id, std::optional<int64_t>(ann_.id));
  const auto after = nlohmann::json::parse(events[0].after);
  EXPECT_EQ(after["via"], "PATCH /api/v1/me");
  EXPECT_EQ(after["fields"], nlohmann::json::array({"version", "role"}));
}

TEST_F(ProfileServiceTest, PatchingOneselfWithoutManageUsersIsRecordedToo) {
  AuthServiceOptions options;
  options.hasher = PasswordHasherOptions::Fastest();
  AuthService auth(*store_, options, [this] { return now_; });
  const Status refused = auth.CheckMayPatchUser(who_, ann_.id, {"role", "version"});
  EXPECT_EQ(refused.code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(refused.field(), "role");
  const auto events = Events();
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].action, "user.escalation_refused");
  EXPECT_EQ(nlohmann::json::parse(events[0].after)["via"],
            "PATCH /api/v1/users/" + std::to_string(ann_.id));
  // An administrator may.
  const Principal admin{ann_.id, Role::kAdmin, CredentialKind::kSession};
  EXPECT_TRUE(auth.CheckMayPatchUser(admin, ann_.id, {"role", "version"}).ok());
  EXPECT_EQ(Events().size(), 1u);
}

}  // namespace
}  // namespace chorus::service
