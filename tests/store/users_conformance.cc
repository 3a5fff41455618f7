// Conformance: UserStore (unique normalised emails, cursor listing, optimistic updates,
// password hashes kept apart from the User value).
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::Role;
using domain::Tier;
using domain::User;

TEST_P(StoreConformanceTest, UserCreateAssignsIdVersionAndNormalisedEmail) {
  User user;
  user.email = "  Ann.Lee@Example.ORG ";
  user.display_name = "Ann";
  user.tier = Tier::kExpert;
  user.attributes = {{"languages", "en,fr"}};
  user.pay_rate_cents_per_hour = 2500;
  user.created_at = 1'700'000'000'000;
  User created = Must(store().users().Create(user));
  EXPECT_GT(created.id, 0);
  EXPECT_EQ(created.version, 1);
  EXPECT_EQ(created.email, "ann.lee@example.org");
  EXPECT_EQ(Must(store().users().Get(created.id)), created);
  EXPECT_EQ(Must(store().users().GetByEmail("ANN.LEE@example.org")), created);
}

TEST_P(StoreConformanceTest, UserEmailIsUniqueWhateverItsCase) {
  AddUser("bob");
  User twin;
  twin.email = "BOB@example.org";
  twin.display_name = "Bob again";
  Result<User> again = store().users().Create(twin);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
  EXPECT_EQ(again.status().field(), "email");
}

TEST_P(StoreConformanceTest, UserInvalidOrMissing) {
  User bad;
  bad.email = "not-an-address";
  bad.display_name = "x";
  Result<User> created = store().users().Create(bad);
  EXPECT_EQ(created.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(created.status().field(), "email");
  EXPECT_EQ(store().users().Get(12345).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().users().GetByEmail("nobody@example.org").status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, UserListPagesInIdOrder) {
  std::vector<int64_t> ids;
  for (int i = 0; i < 5; ++i) ids.push_back(AddUser("u" + std::to_string(i)).id);
  std::vector<int64_t> seen;
  PageRequest request{0, 2};
  int pages = 0;
  while (true) {
    Page<User> page = Must(store().users().List(request));
    ++pages;
    for (const User& u : page.items) seen.push_back(u.id);
    if (page.next_after_id == 0) break;
    EXPECT_EQ(page.items.size(), 2u);
    request.after_id = page.next_after_id;
  }
  EXPECT_EQ(seen, ids);
  EXPECT_EQ(pages, 3);
}

TEST_P(StoreConformanceTest, UserUpdateNeedsTheCurrentVersion) {
  User user = AddUser("cara");
  User changed = user;
  changed.role = Role::kReviewer;
  changed.tier = Tier::kGoldMaker;
  changed.disabled = true;
  changed.email = "hijack@example.org";  // Not an updatable field: ignored.
  User updated = Must(store().users().Update(changed));
  EXPECT_EQ(updated.version, 2);
  EXPECT_EQ(updated.role, Role::kReviewer);
  EXPECT_EQ(updated.tier, Tier::kGoldMaker);
  EXPECT_TRUE(updated.disabled);
  EXPECT_EQ(updated.email, "cara@example.org");
  EXPECT_EQ(Must(store().users().Get(user.id)), updated);

  changed.role = Role::kAdmin;  // Still names version 1.
  UpdateResult<User> stale = store().users().Update(changed);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(stale.current_version(), 2);
  EXPECT_EQ(Must(store().users().Get(user.id)).role, Role::kReviewer);

  changed.id = 999;
  EXPECT_EQ(store().users().Update(changed).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, PasswordHashIsStoredApart) {
  User user = AddUser("dan");
  EXPECT_EQ(store().users().GetPasswordHash(user.id).status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store().users().SetPasswordHash(user.id, "$argon2id$v=19$m=65536,t=2,p=1$x$y").ok());
  EXPECT_EQ(Must(store().users().GetPasswordHash(user.id)), "$argon2id$v=19$m=65536,t=2,p=1$x$y");
  EXPECT_EQ(Must(store().users().Get(user.id)).version, 1);
  EXPECT_EQ(store().users().SetPasswordHash(999, "h").code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace chorus::store::conformance
