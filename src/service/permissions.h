// The one table of who may do what (issue 4, "role checks on every endpoint"). Every route
// names the Action it performs; the server's guard refuses the request with 403 unless
// Allows(role, action). The table is tested exhaustively (permissions_test.cc) and through
// every endpoint (tests/api authorization matrix).
// Roles are global, projects are not: besides its action, a project-scoped route needs the
// caller to be a member of the project (administrators excepted; service/project_access.h).
// Thread-safety: pure functions.
#pragma once

#include <array>

#include "domain/user.h"

namespace chorus::service {

enum class Action {
  kReadSelf,           // Own profile (read; edit display name and attributes), log out.
  kManageOwnTokens,    // Create and revoke one's own API tokens.
  kListUsers,          // See every account.
  kInviteUsers,        // Invite people, list and revoke pending invitations (MayGrantRole).
  kManageUsers,        // Create accounts, change role, tier, pay rate, disable.
  kListProjects,       // See projects and their guidelines.
  kManageProjects,     // Create and edit projects, label interfaces and guidelines.
  kManageMembers,      // See, add and remove the members of a project (not oneself: admins).
  kImportTasks,        // Add tasks to a project.
  kImportServerFiles,  // Add tasks from a file on the server (inside --import-dir).
  kReadTasks,          // Browse every task of a project with its data.
  kAnnotate,           // Next task, submit, skip, own drafts, correct own annotations.
  kReadAnnotations,    // See every annotation of a task (review).
  kReview,             // Accept, fix or reject someone else's label.
  kExport,             // Export tasks with all their annotations.
  kReadAudit,          // Read the audit log.
  kManageGold,         // Mark gold items, read their references and everyone's gold accuracy.
  kAdjudicate,  // Read escalated tasks' labels (anonymised) and decide them; annotators only of
                // tier expert or above (service/adjudication_service.h checks the tier).
};

inline constexpr std::array kAllActions = {
    Action::kReadSelf,          Action::kManageOwnTokens, Action::kListUsers,
    Action::kInviteUsers,       Action::kManageUsers,     Action::kListProjects,
    Action::kManageProjects,    Action::kManageMembers,   Action::kImportTasks,
    Action::kImportServerFiles, Action::kReadTasks,       Action::kAnnotate,
    Action::kReadAnnotations,   Action::kReview,          Action::kExport,
    Action::kReadAudit,         Action::kManageGold,      Action::kAdjudicate,
};

// Stable snake_case name ("manage_projects"), used in error messages and docs.
const char* ActionName(Action action);

// Whether a user with `role` may perform `action`.
bool Allows(domain::Role role, Action action);

// Whether a user with role `inviter` (who may invite_users) may invite someone as `granted`, or
// revoke such an invitation: administrators any role; managers annotators and reviewers only,
// so nobody can hand out a role as powerful as their own unless they are an administrator.
// Invitations that set a pay rate are for administrators too (only manage_users changes pay).
bool MayGrantRole(domain::Role inviter, domain::Role granted);

}  // namespace chorus::service
