// Invitations (issue 4; security catalogue entry 59: accounts are made by invitation only),
// stored by token hash. Accept turns a pending invitation into an account in one transaction,
// so a token is used at most once even when two requests present it at the same instant.
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/invitation.h"
#include "domain/user.h"
#include "store/page.h"

namespace chorus::store {

class InvitationStore {
 public:
  virtual ~InvitationStore() = default;

  // Stores a new invitation (used_at, user_id and revoked_at are cleared) and returns it with
  // its id. kInvalidArgument (ValidateInvitation), kNotFound when invited_by is no user,
  // kConflict when the token hash exists.
  virtual Result<domain::Invitation> Create(domain::Invitation invitation) = 0;
  // kNotFound when there is no such invitation.
  virtual Result<domain::Invitation> Get(int64_t id) = 0;
  // The invitation with this token hash, whatever its state. kNotFound when there is none.
  virtual Result<domain::Invitation> FindByTokenHash(std::string_view token_hash) = 0;
  // The invitations pending at now_ms (IsPending), in id order.
  virtual Result<Page<domain::Invitation>> ListPending(int64_t now_ms, const PageRequest& page) = 0;
  // Revokes invitation `id` at now_ms and returns it; revoking twice keeps the first time.
  // kNotFound for an unknown id; kFailedPrecondition when it was accepted already.
  virtual Result<domain::Invitation> Revoke(int64_t id, int64_t now_ms) = 0;

  // In one transaction: checks that invitation `invitation_id` still has `token_hash` and is
  // pending at now_ms, creates `user` (version 1) with `password_hash`, and marks the
  // invitation used by it. Returns the user. kNotFound when the invitation is unknown, used,
  // revoked or expired (one answer for all four); kConflict (field "email") when an account
  // has the email; kInvalidArgument (ValidateUser). On any error nothing changes.
  // REQUIRES: user.created_at set; password_hash not empty.
  virtual Result<domain::User> Accept(int64_t invitation_id, std::string_view token_hash,
                                      domain::User user, std::string password_hash,
                                      int64_t now_ms) = 0;
};

}  // namespace chorus::store
