// Users: accounts, roles, annotator profiles, and (separately) password hashes.
// Thread-safety: implementations are safe to call from many threads at once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/status.h"
#include "domain/user.h"
#include "store/page.h"
#include "store/update_result.h"

namespace chorus::store {

class UserStore {
 public:
  virtual ~UserStore() = default;

  // Stores a new user with version 1 and returns it with its id. The email is normalised.
  // kInvalidArgument (ValidateUser), kConflict when the email is taken.
  // REQUIRES: user.created_at set by the caller.
  virtual Result<domain::User> Create(domain::User user) = 0;

  // kNotFound when there is no such user.
  virtual Result<domain::User> Get(int64_t id) = 0;
  // Looks the normalised email up. kNotFound when there is none.
  virtual Result<domain::User> GetByEmail(std::string_view email) = 0;
  virtual Result<Page<domain::User>> List(const PageRequest& page) = 0;

  // Replaces the mutable fields (display_name, role, tier, attributes, pay rate, disabled) of
  // user `changed.id` when its stored version equals `changed.version`; returns the row with
  // version + 1. Email and created_at never change here. kNotFound, kInvalidArgument, or
  // kConflict with current_version() when the version is stale.
  virtual UpdateResult<domain::User> Update(const domain::User& changed) = 0;

  // The password hash (an argon2id string from the auth service), kept apart from User so it
  // never reaches a response. Setting it does not change User::version.
  virtual Status SetPasswordHash(int64_t user_id, std::string hash) = 0;
  // kNotFound when the user does not exist or has no password (token-only accounts).
  virtual Result<std::string> GetPasswordHash(int64_t user_id) = 0;
};

}  // namespace chorus::store
