#include "service/permissions.h"

#include <gtest/gtest.h>

#include <set>
#include <string>

namespace chorus::service {
namespace {

using domain::Role;

// Every action is in the table once, has a name, and the admin may do it.
TEST(PermissionsTest, EveryActionIsNamedAndAllowedToAdmins) {
  std::set<std::string> names;
  for (Action action : kAllActions) {
    const std::string name = ActionName(action);
    EXPECT_NE(name, "unknown");
    EXPECT_TRUE(names.insert(name).second) << name << " named twice";
    EXPECT_TRUE(Allows(Role::kAdmin, action)) << name;
  }
}

// Roles are nested: whatever a role may do, every more powerful role may do too.
TEST(PermissionsTest, RolesAreNested) {
  const Role order[] = {Role::kAnnotator, Role::kReviewer, Role::kManager, Role::kAdmin};
  for (Action action : kAllActions) {
    for (size_t weaker = 0; weaker + 1 < std::size(order); ++weaker) {
      if (Allows(order[weaker], action)) {
        EXPECT_TRUE(Allows(order[weaker + 1], action))
            << ActionName(action) << " allowed to " << domain::RoleName(order[weaker])
            << " but not to " << domain::RoleName(order[weaker + 1]);
      }
    }
  }
}

// The boundaries the issue names: annotators are blind and cannot manage; only admins manage
// users and read the audit log.
TEST(PermissionsTest, AnnotatorsLabelButSeeNothingElse) {
  EXPECT_TRUE(Allows(Role::kAnnotator, Action::kAnnotate));
  EXPECT_FALSE(Allows(Role::kAnnotator, Action::kReadAnnotations));
  EXPECT_FALSE(Allows(Role::kAnnotator, Action::kReadTasks));
  EXPECT_FALSE(Allows(Role::kAnnotator, Action::kExport));
  EXPECT_FALSE(Allows(Role::kAnnotator, Action::kImportTasks));
  EXPECT_FALSE(Allows(Role::kReviewer, Action::kManageProjects));
  EXPECT_FALSE(Allows(Role::kManager, Action::kManageUsers));
  EXPECT_FALSE(Allows(Role::kManager, Action::kReadAudit));
}

// Project members (catalogue entry 61): managed by administrators and managers only (the
// service adds: managers only of their own projects, and nobody adds themselves).
TEST(PermissionsTest, OnlyAdministratorsAndManagersManageMembers) {
  EXPECT_TRUE(Allows(Role::kAdmin, Action::kManageMembers));
  EXPECT_TRUE(Allows(Role::kManager, Action::kManageMembers));
  EXPECT_FALSE(Allows(Role::kReviewer, Action::kManageMembers));
  EXPECT_FALSE(Allows(Role::kAnnotator, Action::kManageMembers));
  EXPECT_STREQ(ActionName(Action::kManageMembers), "manage_members");
}

// Reading files from the server's own disk is for administrators only (issue 4, --import-dir).
TEST(PermissionsTest, OnlyAdministratorsImportServerFiles) {
  EXPECT_TRUE(Allows(Role::kAdmin, Action::kImportServerFiles));
  for (Role role : {Role::kManager, Role::kReviewer, Role::kAnnotator}) {
    EXPECT_FALSE(Allows(role, Action::kImportServerFiles)) << domain::RoleName(role);
  }
  EXPECT_STREQ(ActionName(Action::kImportServerFiles), "import_server_files");
}

// Adjudication (issue 6): every role passes the table; the service then admits annotators
// only of tier expert or above (service/adjudication_service.h).
TEST(PermissionsTest, EveryRoleMayReachAdjudicationAndTheServiceChecksTheTier) {
  for (Role role : {Role::kAdmin, Role::kManager, Role::kReviewer, Role::kAnnotator}) {
    EXPECT_TRUE(Allows(role, Action::kAdjudicate)) << domain::RoleName(role);
  }
  EXPECT_STREQ(ActionName(Action::kAdjudicate), "adjudicate");
}

// Invitations (issue 4): administrators grant any role; managers only annotator and reviewer;
// roles without invite_users grant nothing, not even annotator.
TEST(PermissionsTest, OnlyAdministratorsInviteManagersAndAdministrators) {
  const Role all[] = {Role::kAdmin, Role::kManager, Role::kReviewer, Role::kAnnotator};
  for (Role granted : all) EXPECT_TRUE(MayGrantRole(Role::kAdmin, granted));
  EXPECT_TRUE(MayGrantRole(Role::kManager, Role::kAnnotator));
  EXPECT_TRUE(MayGrantRole(Role::kManager, Role::kReviewer));
  EXPECT_FALSE(MayGrantRole(Role::kManager, Role::kManager));
  EXPECT_FALSE(MayGrantRole(Role::kManager, Role::kAdmin));
  for (Role inviter : {Role::kReviewer, Role::kAnnotator}) {
    for (Role granted : all) EXPECT_FALSE(MayGrantRole(inviter, granted));
  }
  EXPECT_FALSE(Allows(Role::kReviewer, Action::kInviteUsers));
}

}  // namespace
}  // namespace chorus::service
