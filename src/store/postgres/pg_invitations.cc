// InvitationStore on PostgreSQL. Revoke and Accept lock the invitation row (SELECT ... FOR
// UPDATE) before checking its state, so of two acceptances of one token the second waits for
// the first to commit and then finds the invitation used (READ COMMITTED re-reads a locked row).
#include <string>
#include <utility>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::Invitation;
using domain::User;

namespace {

constexpr const char* kInvitationColumns =
    "SELECT id, email, role, tier, attributes, pay_rate_cents_per_hour, token_hash, invited_by, "
    "created_at, expires_at, used_at, user_id, revoked_at FROM invitations ";

Result<Invitation> ReadInvitation(const Rows& rows, int i) {
  Invitation inv;
  inv.id = rows.Int(i, 0);
  inv.email = rows.Text(i, 1);
  Result<domain::Role> role = domain::ParseRole(rows.Text(i, 2));
  Result<domain::Tier> tier = domain::ParseTier(rows.Text(i, 3));
  auto attributes = domain::AttributesFromJsonText(rows.Text(i, 4));
  if (!role.ok() || !tier.ok() || !attributes.ok()) {
    return Internal("invitation " + std::to_string(inv.id) +
                    " has an unreadable role, tier or attributes in the database");
  }
  inv.role = *role;
  inv.tier = *tier;
  inv.attributes = std::move(attributes).value();
  inv.pay_rate_cents_per_hour = rows.OptInt(i, 5);
  inv.token_hash = rows.Text(i, 6);
  inv.invited_by = rows.Int(i, 7);
  inv.created_at = rows.Int(i, 8);
  inv.expires_at = rows.Int(i, 9);
  inv.used_at = rows.OptInt(i, 10);
  inv.user_id = rows.OptInt(i, 11);
  inv.revoked_at = rows.OptInt(i, 12);
  return inv;
}

Result<Invitation> ReadOne(Result<Rows> rows) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) return NotFound("there is no such invitation", "invitation");
  return ReadInvitation(*rows, 0);
}

// Invitation `id`, locked for the rest of the transaction when `lock`.
Result<Invitation> ReadById(Connection& db, int64_t id, bool lock) {
  static const std::string plain = std::string(kInvitationColumns) + "WHERE id = $1";
  static const std::string locked = plain + " FOR UPDATE";
  return ReadOne(db.Exec(lock ? locked.c_str() : plain.c_str(), Params().Int(id)));
}

}  // namespace

Result<Invitation> PgInvitationStore::Create(Invitation invitation) {
  invitation.email = domain::NormaliseEmail(invitation.email);
  invitation.used_at.reset();
  invitation.user_id.reset();
  invitation.revoked_at.reset();
  CHORUS_RETURN_IF_ERROR(domain::ValidateInvitation(invitation));
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    Result<User> inviter = ReadUserById(db, invitation.invited_by);
    if (!inviter.ok()) return inviter.status();
    Result<Rows> rows = db.Exec(
        "INSERT INTO invitations (email, role, tier, attributes, pay_rate_cents_per_hour, "
        "token_hash, invited_by, created_at, expires_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        Params()
            .Text(invitation.email)
            .Text(domain::RoleName(invitation.role))
            .Text(domain::TierName(invitation.tier))
            .Text(domain::AttributesToJsonText(invitation.attributes))
            .OptInt(invitation.pay_rate_cents_per_hour)
            .Text(invitation.token_hash)
            .Int(invitation.invited_by)
            .Int(invitation.created_at)
            .Int(invitation.expires_at));
    if (rows.status().code() == StatusCode::kConflict) {
      return Conflict("invitation exists", "token_hash");
    }
    if (!rows.ok()) return rows.status();
    invitation.id = rows->Int(0, 0);
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return invitation;
}

Result<Invitation> PgInvitationStore::Get(int64_t id) {
  return WithConnection(pool_, [&](Connection& db) { return ReadById(db, id, /*lock=*/false); });
}

Result<Invitation> PgInvitationStore::FindByTokenHash(std::string_view token_hash) {
  return WithConnection(pool_, [&](Connection& db) {
    static const std::string sql = std::string(kInvitationColumns) + "WHERE token_hash = $1";
    return ReadOne(db.Exec(sql.c_str(), Params().Text(token_hash)));
  });
}

Result<Page<Invitation>> PgInvitationStore::ListPending(int64_t now_ms, const PageRequest& page) {
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<Invitation>> {
    const int64_t limit = ClampLimit(page.limit);
    static const std::string sql = std::string(kInvitationColumns) +
                                   "WHERE id > $1 AND used_at IS NULL AND revoked_at IS NULL "
                                   "AND expires_at > $2 ORDER BY id LIMIT $3";
    Result<Rows> rows =
        db.Exec(sql.c_str(), Params().Int(page.after_id).Int(now_ms).Int(limit + 1));
    if (!rows.ok()) return rows.status();
    Page<Invitation> out;
    for (int i = 0; i < rows->size(); ++i) {
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().id;
        break;
      }
      Result<Invitation> invitation = ReadInvitation(*rows, i);
      if (!invitation.ok()) return invitation.status();
      out.items.push_back(std::move(invitation).value());
    }
    return out;
  });
}

Result<Invitation> PgInvitationStore::Revoke(int64_t id, int64_t now_ms) {
  Invitation revoked;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    Result<Invitation> current = ReadById(db, id, /*lock=*/true);
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
    return db
        .Exec("UPDATE invitations SET revoked_at = $1 WHERE id = $2", Params().Int(now_ms).Int(id))
        .status();
  });
  if (!status.ok()) return status;
  return revoked;
}

Result<User> PgInvitationStore::Accept(int64_t invitation_id, std::string_view token_hash,
                                       User user, std::string password_hash, int64_t now_ms) {
  if (password_hash.empty()) return InvalidArgument("must not be empty", "password_hash");
  const User requested = user;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    user = requested;  // The body may run again after a serialization failure.
    Result<Invitation> current = ReadById(db, invitation_id, /*lock=*/true);
    if (!current.ok()) return current.status();
    if (current->token_hash != token_hash || !domain::IsPending(*current, now_ms)) {
      return NotFound("the invitation is unknown, used, revoked or expired", "token");
    }
    CHORUS_RETURN_IF_ERROR(InsertUser(db, user));
    Result<Rows> hashed = db.Exec("UPDATE users SET password_hash = $1 WHERE id = $2",
                                  Params().Text(password_hash).Int(user.id));
    if (!hashed.ok()) return hashed.status();
    Result<Rows> used = db.Exec(
        "UPDATE invitations SET used_at = $1, user_id = $2 WHERE id = $3 AND used_at IS NULL",
        Params().Int(now_ms).Int(user.id).Int(invitation_id));
    if (!used.ok()) return used.status();
    if (used->affected() != 1) {
      return Internal("invitation " + std::to_string(invitation_id) +
                      " changed during its acceptance");
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return user;
}

}  // namespace chorus::store::postgres
