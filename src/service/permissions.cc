#include "service/permissions.h"

namespace chorus::service {
namespace {

using domain::Role;

// Rows: actions; columns: admin, manager, reviewer, annotator. Reviewers read and review but
// do not change projects; annotators label and see only their own work (blind by default).
struct Row {
  Action action;
  bool admin, manager, reviewer, annotator;
};
constexpr Row kTable[] = {
    {Action::kReadSelf, true, true, true, true},
    {Action::kManageOwnTokens, true, true, true, true},
    {Action::kListUsers, true, true, false, false},
    {Action::kInviteUsers, true, true, false, false},
    {Action::kManageUsers, true, false, false, false},
    {Action::kListProjects, true, true, true, true},
    {Action::kManageProjects, true, true, false, false},
    {Action::kManageMembers, true, true, false, false},
    {Action::kImportTasks, true, true, false, false},
    // Reads files from the server's own disk: administrators only, whatever --import-dir says.
    {Action::kImportServerFiles, true, false, false, false},
    {Action::kReadTasks, true, true, true, false},
    {Action::kAnnotate, true, true, true, true},
    {Action::kReadAnnotations, true, true, true, false},
    {Action::kReview, true, true, true, false},
    {Action::kExport, true, true, false, false},
    {Action::kReadAudit, true, false, false, false},
    // Reviewers label too, so they must not learn which tasks are gold.
    {Action::kManageGold, true, true, false, false},
    // Annotators too: the service admits only experts and gold makers among them.
    {Action::kAdjudicate, true, true, true, true},
};

}  // namespace

const char* ActionName(Action action) {
  switch (action) {
    case Action::kReadSelf: return "read_self";
    case Action::kManageOwnTokens: return "manage_own_tokens";
    case Action::kListUsers: return "list_users";
    case Action::kInviteUsers: return "invite_users";
    case Action::kManageUsers: return "manage_users";
    case Action::kListProjects: return "list_projects";
    case Action::kManageProjects: return "manage_projects";
    case Action::kManageMembers: return "manage_members";
    case Action::kImportTasks: return "import_tasks";
    case Action::kImportServerFiles: return "import_server_files";
    case Action::kReadTasks: return "read_tasks";
    case Action::kAnnotate: return "annotate";
    case Action::kReadAnnotations: return "read_annotations";
    case Action::kReview: return "review";
    case Action::kExport: return "export";
    case Action::kReadAudit: return "read_audit";
    case Action::kManageGold: return "manage_gold";
    case Action::kAdjudicate: return "adjudicate";
  }
  return "unknown";
}

bool Allows(Role role, Action action) {
  for (const Row& row : kTable) {
    if (row.action != action) continue;
    switch (role) {
      case Role::kAdmin: return row.admin;
      case Role::kManager: return row.manager;
      case Role::kReviewer: return row.reviewer;
      case Role::kAnnotator: return row.annotator;
    }
  }
  return false;  // An action missing from the table is denied to everyone.
}

bool MayGrantRole(Role inviter, Role granted) {
  if (!Allows(inviter, Action::kInviteUsers)) return false;
  if (inviter == Role::kAdmin) return true;
  return granted == Role::kAnnotator || granted == Role::kReviewer;
}

}  // namespace chorus::service
