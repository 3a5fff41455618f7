// InvitationStore on SQLite. Accept runs as one operation of the single writer, inside its own
// savepoint, so two acceptances of one token are serialised and the second sees it used.
// Thread-safety: safe from many threads.
#pragma once

#include "store/invitation_store.h"
#include "store/sqlite/sqlite_context.h"

namespace chorus::store::sqlite {

class SqliteInvitationStore final : public InvitationStore {
 public:
  explicit SqliteInvitationStore(SqliteContext context) : db_(context) {}

  Result<domain::Invitation> Create(domain::Invitation invitation) override;
  Result<domain::Invitation> Get(int64_t id) override;
  Result<domain::Invitation> FindByTokenHash(std::string_view token_hash) override;
  Result<Page<domain::Invitation>> ListPending(int64_t now_ms, const PageRequest& page) override;
  Result<domain::Invitation> Revoke(int64_t id, int64_t now_ms) override;
  Result<domain::User> Accept(int64_t invitation_id, std::string_view token_hash, domain::User user,
                              std::string password_hash, int64_t now_ms) override;

 private:
  SqliteContext db_;
};

}  // namespace chorus::store::sqlite
