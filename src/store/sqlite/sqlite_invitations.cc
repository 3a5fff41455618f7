#include "store/sqlite/sqlite_invitations.h"

#include <string>
#include <utility>

#include "store/sqlite/sqlite_users.h"

namespace chorus::store::sqlite {

using domain::Invitation;
using domain::User;

namespace {

constexpr const char* kInvitationColumns =
    "SELECT id, email, role, tier, attributes, pay_rate_cents_per_hour, token_hash, invited_by, "
    "created_at, expires_at, used_at, user_id, revoked_at FROM invitations ";

Result<Invitation> ReadInvitation(const Query& q) {
  Invitation i;
  i.id = q.Int(0);
  i.email = q.Text(1);
  Result<domain::Role> role = domain::ParseRole(q.Text(2));
  Result<domain::Tier> tier = domain::ParseTier(q.Text(3));
  auto attributes = domain::AttributesFromJsonText(q.Text(4));
  if (!role.ok() || !tier.ok() || !attributes.ok()) {
    return Internal("invitation " + std::to_string(i.id) +
                    " has an unreadable role, tier or attributes in the database");
  }
  i.role = *role;
  i.tier = *tier;
  i.attributes = std::move(attributes).value();
  i.pay_rate_cents_per_hour = q.OptInt(5);
  i.token_hash = q.Text(6);
  i.invited_by = q.Int(7);
  i.created_at = q.Int(8);
  i.expires_at = q.Int(9);
  i.used_at = q.OptInt(10);
  i.user_id = q.OptInt(11);
  i.revoked_at = q.OptInt(12);
  return i;
}

// The one invitation a bound query selects, or kNotFound.
Result<Invitation> ReadOne(Query& q) {
  Result<bool> row = q.Step();
  if (!row.ok()) return row.status();
  if (!*row) return NotFound("there is no such invitation", "invitation");
  return ReadInvitation(q);
}

Result<Invitation> ReadById(Connection& db, int64_t id) {
  static const std::string sql = std::string(kInvitationColumns) + "WHERE id = ?";
  Result<Query> q = db.Prepare(sql.c_str());
  if (!q.ok()) return q.status();
  q->BindInt(id);
  return ReadOne(*q);
}

}  // namespace

Result<Invitation> SqliteInvitationStore::Create(Invitation invitation) {
  invitation.email = domain::NormaliseEmail(invitation.email);
  invitation.used_at.reset();
  invitation.user_id.reset();
  invitation.revoked_at.reset();
  CHORUS_RETURN_IF_ERROR(domain::ValidateInvitation(invitation));
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<User> inviter = ReadUserById(db, invitation.invited_by);
    if (!inviter.ok()) return inviter.status();
    Result<Query> q = db.Prepare(
        "INSERT INTO invitations (email, role, tier, attributes, pay_rate_cents_per_hour, "
        "token_hash, invited_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)");
    if (!q.ok()) return q.status();
    Status s = q->BindText(invitation.email)
                   .BindText(domain::RoleName(invitation.role))
                   .BindText(domain::TierName(invitation.tier))
                   .BindText(domain::AttributesToJsonText(invitation.attributes))
                   .BindOptInt(invitation.pay_rate_cents_per_hour)
                   .BindText(invitation.token_hash)
                   .BindInt(invitation.invited_by)
                   .BindInt(invitation.created_at)
                   .BindInt(invitation.expires_at)
                   .Run();
    if (s.code() == StatusCode::kConflict) return Conflict("invitation exists", "token_hash");
    CHORUS_RETURN_IF_ERROR(s);
    invitation.id = db.LastInsertRowId();
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return invitation;
}

Result<Invitation> SqliteInvitationStore::Get(int64_t id) {
  return WithReader(db_.reads, [&](Connection& db) { return ReadById(db, id); });
}

Result<Invitation> SqliteInvitationStore::FindByTokenHash(std::string_view token_hash) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Invitation> {
    static const std::string sql = std::string(kInvitationColumns) + "WHERE token_hash = ?";
    Result<Query> q = db.Prepare(sql.c_str());
    if (!q.ok()) return q.status();
    q->BindText(token_hash);
    return ReadOne(*q);
  });
}

Result<Page<Invitation>> SqliteInvitationStore::ListPending(int64_t now_ms,
                                                            const PageRequest& page) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<Invitation>> {
    const int64_t limit = ClampLimit(page.limit);
    static const std::string sql = std::string(kInvitationColumns) +
                                   "WHERE id > ? AND used_at IS NULL AND revoked_at IS NULL "
                                   "AND expires_at > ? ORDER BY id LIMIT ?";
    Result<Query> q = db.Prepare(sql.c_str());
    if (!q.ok()) return q.status();
    q->BindInt(page.after_id).BindInt(now_ms).BindInt(limit + 1);
    return ReadPageRows<Invitation>(*q, limit, ReadInvitation);
  });
}

Result<Invitation> SqliteInvitationStore::Revoke(int64_t id, int64_t now_ms) {
  Invitation revoked;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<Invitation> current = ReadById(db, id);
    if (!current.ok()) return current.status();
    if (current->used_at) {
      return {StatusCode::kFailedPrecondition,
              "invitation " + std::to_string(id) +
                  " was accepted already; disable the account instead (PATCH /api/v1/users/" +
                  std::to_string(current->user_id.value_or(0)) + ")",
              "id"};
    }
    revoked = *current;
    if (revoked.revoked_at) return Status::Ok();  // The first revocation stays.
    revoked.revoked_at = now_ms;
    Result<Query> q = db.Prepare("UPDATE invitations SET revoked_at = ? WHERE id = ?");
    if (!q.ok()) return q.status();
    return q->BindInt(now_ms).BindInt(id).Run();
  });
  if (!status.ok()) return status;
  return revoked;
}

Result<User> SqliteInvitationStore::Accept(int64_t invitation_id, std::string_view token_hash,
                                           User user, std::string password_hash, int64_t now_ms) {
  if (password_hash.empty()) return InvalidArgument("must not be empty", "password_hash");
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    // The writer runs one operation at a time: what is read here cannot change before the
    // UPDATE below, so of two acceptances only the first finds the invitation pending.
    Result<Invitation> current = ReadById(db, invitation_id);
    if (!current.ok()) return current.status();
    if (current->token_hash != token_hash || !domain::IsPending(*current, now_ms)) {
      return NotFound("the invitation is unknown, used, revoked or expired", "token");
    }
    CHORUS_RETURN_IF_ERROR(InsertUser(db, user));
    Result<Query> hash = db.Prepare("UPDATE users SET password_hash = ? WHERE id = ?");
    if (!hash.ok()) return hash.status();
    CHORUS_RETURN_IF_ERROR(hash->BindText(password_hash).BindInt(user.id).Run());
    Result<Query> used = db.Prepare(
        "UPDATE invitations SET used_at = ?, user_id = ? WHERE id = ? AND used_at IS NULL");
    if (!used.ok()) return used.status();
    CHORUS_RETURN_IF_ERROR(used->BindInt(now_ms).BindInt(user.id).BindInt(invitation_id).Run());
    if (db.Changes() != 1)
      return Internal("invitation " + std::to_string(invitation_id) +
                      " changed during its acceptance");
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return user;
}

}  // namespace chorus::store::sqlite
