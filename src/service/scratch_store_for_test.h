// For the service tests: a SQLite store in a fresh temporary directory, removed with it, the
// one way they add a user, and the clock, password, address and answer they share.
// Test-only (no .cc, so no product code links it).
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

#include "service/principal.h"
#include "store/sqlite/sqlite_store.h"

namespace chorus::service {

class ScratchStore {
 public:
  ScratchStore() {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "chorus_service_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    store::sqlite::SqliteOptions options;
    options.path = (dir_ / "chorus.db").string();
    auto opened = store::sqlite::SqliteStore::Open(options);
    if (!opened.ok()) throw std::runtime_error(opened.status().ToString());
    store_ = std::move(opened).value();
  }
  ~ScratchStore() {
    store_.reset();  // Closed before its files go.
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  ScratchStore(const ScratchStore&) = delete;
  ScratchStore& operator=(const ScratchStore&) = delete;

  store::sqlite::SqliteStore& operator*() const { return *store_; }
  store::sqlite::SqliteStore* operator->() const { return store_.get(); }

 private:
  std::filesystem::path dir_;
  std::unique_ptr<store::sqlite::SqliteStore> store_;
};

inline constexpr int64_t kTestNow = 1'700'000'000'000;  // Milliseconds, November 2023.
inline constexpr char kTestPassword[] = "a long enough password";
inline constexpr char kTestAddress[] = "192.0.2.1:40000";  // TEST-NET-1 (RFC 5737).

// A result choosing `option` in the single-choice "sentiment" control of the test projects.
inline std::string SentimentAnswer(const std::string& option) {
  return R"({"sentiment":{"choices":[")" + option + R"("]}})";
}

// Creates `name`@example.org with `role` (and `tier`) in `store`; the Principal that acts as them
// (user id 0 and a test failure when the store refuses).
inline Principal AddTestUser(store::Store& store, const std::string& name, domain::Role role,
                             int64_t created_at, domain::Tier tier = domain::Tier::kCrowd) {
  domain::User user;
  user.email = name + "@example.org";
  user.display_name = name;
  user.role = role;
  user.tier = tier;
  user.created_at = created_at;
  auto created = store.users().Create(user);
  EXPECT_TRUE(created.ok()) << created.status().ToString();
  return {created.ok() ? created->id : 0, role, CredentialKind::kSession, tier};
}

}  // namespace chorus::service
