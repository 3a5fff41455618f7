// Conformance: AuthStore (sessions and API tokens by hash; logout everywhere and revocation
// take effect at once: catalogue entries 51-52) and the AuditLog.
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::ApiToken;
using domain::AuditEvent;
using domain::Session;

TEST_P(StoreConformanceTest, SessionsLiveUntilExpiryOrDeletion) {
  int64_t user = AddUser("ann").id;
  Session s{"hash-1", user, "csrf-1", 1000, 5000};
  ASSERT_TRUE(store().auth().CreateSession(s).ok());
  EXPECT_EQ(Must(store().auth().GetSession("hash-1", 4999)), s);
  EXPECT_EQ(store().auth().GetSession("hash-1", 5000).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().auth().GetSession("hash-2", 2000).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().auth().CreateSession(s).code(), StatusCode::kConflict);
  ASSERT_TRUE(store().auth().DeleteSession("hash-1").ok());
  EXPECT_EQ(store().auth().GetSession("hash-1", 2000).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store().auth().DeleteSession("hash-1").ok());  // Logout twice is fine.
}

TEST_P(StoreConformanceTest, SessionUserReadsTheSessionWithItsUser) {
  const domain::User ann = AddUser("ann");
  Session s{"hash-1", ann.id, "csrf-1", 1000, 5000};
  ASSERT_TRUE(store().auth().CreateSession(s).ok());
  SessionUser found = Must(store().auth().GetSessionUser("hash-1", 4999));
  EXPECT_EQ(found.session, s);
  EXPECT_EQ(found.user, Must(store().users().Get(ann.id)));
  EXPECT_EQ(store().auth().GetSessionUser("hash-1", 5000).status().code(),
            StatusCode::kNotFound);  // Expired.
  EXPECT_EQ(store().auth().GetSessionUser("nope", 10).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, DeleteUserSessionsLogsOutEverywhere) {
  int64_t ann = AddUser("ann").id;
  int64_t bob = AddUser("bob").id;
  ASSERT_TRUE(store().auth().CreateSession({"a1", ann, "c", 1, 100}).ok());
  ASSERT_TRUE(store().auth().CreateSession({"a2", ann, "c", 1, 100}).ok());
  ASSERT_TRUE(store().auth().CreateSession({"b1", bob, "c", 1, 100}).ok());
  EXPECT_EQ(Must(store().auth().DeleteUserSessions(ann)), 2);
  EXPECT_EQ(store().auth().GetSession("a1", 50).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(store().auth().GetSession("a2", 50).status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(store().auth().GetSession("b1", 50).ok());
}

TEST_P(StoreConformanceTest, ExpiredSessionsAreDeletedAndLiveOnesKept) {
  int64_t ann = AddUser("ann").id;
  ASSERT_TRUE(store().auth().CreateSession({"old", ann, "c", 1, 100}).ok());
  ASSERT_TRUE(store().auth().CreateSession({"edge", ann, "c", 1, 200}).ok());
  ASSERT_TRUE(store().auth().CreateSession({"live", ann, "c", 1, 201}).ok());
  EXPECT_EQ(Must(store().auth().DeleteExpiredSessions(200)), 2);  // Dead at expires_at itself.
  EXPECT_TRUE(store().auth().GetSession("live", 200).ok());
  EXPECT_EQ(Must(store().auth().DeleteExpiredSessions(200)), 0);
  EXPECT_EQ(Must(store().auth().DeleteUserSessions(ann)), 1);  // Only "live" was left.
}

TEST_P(StoreConformanceTest, SessionRejectsBadInput) {
  int64_t ann = AddUser("ann").id;
  EXPECT_EQ(store().auth().CreateSession({"", ann, "c", 1, 100}).field(), "id_hash");
  EXPECT_EQ(store().auth().CreateSession({"h", ann, "c", 100, 100}).field(), "expires_at");
  EXPECT_EQ(store().auth().CreateSession({"h", 999, "c", 1, 100}).code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, TokensWorkUntilRevoked) {
  int64_t ann = AddUser("ann").id;
  int64_t bob = AddUser("bob").id;
  ApiToken t = Must(store().auth().CreateToken({0, ann, "nightly import", "th-1", 10, {}}));
  EXPECT_GT(t.id, 0);
  EXPECT_EQ(Must(store().auth().FindActiveToken("th-1")), t);
  EXPECT_EQ(store().auth().CreateToken({0, bob, "copy", "th-1", 11, {}}).status().code(),
            StatusCode::kConflict);
  // Bob cannot revoke Ann's token, and learns nothing about it.
  EXPECT_EQ(store().auth().RevokeToken(bob, t.id, 20).code(), StatusCode::kNotFound);
  EXPECT_TRUE(store().auth().FindActiveToken("th-1").ok());
  ASSERT_TRUE(store().auth().RevokeToken(ann, t.id, 20).ok());
  EXPECT_EQ(store().auth().FindActiveToken("th-1").status().code(), StatusCode::kNotFound);
  ASSERT_TRUE(store().auth().RevokeToken(ann, t.id, 30).ok());
  std::vector<ApiToken> listed = Must(store().auth().ListTokens(ann));
  ASSERT_EQ(listed.size(), 1u);
  EXPECT_EQ(listed[0].revoked_at, std::optional<int64_t>(20));  // The first revocation stays.
  EXPECT_TRUE(Must(store().auth().ListTokens(bob)).empty());
}

TEST_P(StoreConformanceTest, AuditLogListsEventsPerEntityInOrder) {
  int64_t admin = AddUser("admin", domain::Role::kAdmin).id;
  std::vector<AuditEvent> on_seven;
  for (int i = 0; i < 3; ++i) {
    AuditEvent e{0,
                 admin,
                 "project.update",
                 "project",
                 7,
                 R"({"name":"v)" + std::to_string(i) + R"("})",
                 R"({"name":"v)" + std::to_string(i + 1) + R"("})",
                 100 + i};
    on_seven.push_back(Must(store().audit().Append(e)));
    Must(store().audit().Append(
        {0, std::nullopt, "project.update", "project", 8, "null", "{}", 100 + i}));
  }
  Must(store().audit().Append({0, admin, "user.update", "user", 7, "null", "{}", 200}));
  EXPECT_LT(on_seven[0].id, on_seven[1].id);
  Page<AuditEvent> first = Must(store().audit().ListByEntity("project", 7, {0, 2}));
  ASSERT_EQ(first.items.size(), 2u);
  EXPECT_EQ(first.items[0], on_seven[0]);
  EXPECT_EQ(first.items[1], on_seven[1]);
  Page<AuditEvent> rest =
      Must(store().audit().ListByEntity("project", 7, {first.next_after_id, 2}));
  EXPECT_EQ(rest.items, std::vector<AuditEvent>{on_seven[2]});
  EXPECT_EQ(rest.next_after_id, 0);

  AuditEvent bad{0, admin, "", "project", 7, "null", "null", 1};
  EXPECT_EQ(store().audit().Append(bad).status().field(), "action");
  bad.action = "x";
  bad.after = "{oops";
  EXPECT_EQ(store().audit().Append(bad).status().field(), "after");
}

// GET /api/v1/audit's filters: each set field must match, pages run oldest to newest.
TEST_P(StoreConformanceTest, AuditLogListFiltersByEntityAndActor) {
  int64_t admin = AddUser("admin", domain::Role::kAdmin).id;
  int64_t ann = AddUser("ann").id;
  std::vector<AuditEvent> all;
  all.push_back(
      Must(store().audit().Append({0, admin, "user.create", "user", ann, "null", "{}", 1})));
  all.push_back(Must(store().audit().Append({0, ann, "auth.login", "user", ann, "null", "{}", 2})));
  all.push_back(Must(
      store().audit().Append({0, ann, "user.escalation_refused", "user", ann, "null", "{}", 3})));
  all.push_back(
      Must(store().audit().Append({0, admin, "project.create", "project", ann, "null", "{}", 4})));
  all.push_back(Must(store().audit().Append(
      {0, std::nullopt, "user.bootstrap_admin", "user", admin, "null", "{}", 5})));

  auto ids = [](const Page<AuditEvent>& page) {
    std::vector<int64_t> out;
    for (const AuditEvent& e : page.items) out.push_back(e.id);
    return out;
  };
  EXPECT_EQ(ids(Must(store().audit().List({}, {0, 100}))),
            (std::vector<int64_t>{all[0].id, all[1].id, all[2].id, all[3].id, all[4].id}));
  // Same entity id, other kind of entity: not mixed up.
  EXPECT_EQ(ids(Must(store().audit().List({"user", ann, std::nullopt}, {0, 100}))),
            (std::vector<int64_t>{all[0].id, all[1].id, all[2].id}));
  EXPECT_EQ(ids(Must(store().audit().List({"user", std::nullopt, std::nullopt}, {0, 100}))),
            (std::vector<int64_t>{all[0].id, all[1].id, all[2].id, all[4].id}));
  EXPECT_EQ(ids(Must(store().audit().List({std::nullopt, std::nullopt, admin}, {0, 100}))),
            (std::vector<int64_t>{all[0].id, all[3].id}));
  EXPECT_EQ(ids(Must(store().audit().List({"user", ann, ann}, {0, 100}))),
            (std::vector<int64_t>{all[1].id, all[2].id}));
  // Cursor paging: after_id and limit, next_after_id 0 on the last page.
  Page<AuditEvent> first = Must(store().audit().List({"user", ann, std::nullopt}, {0, 2}));
  EXPECT_EQ(ids(first), (std::vector<int64_t>{all[0].id, all[1].id}));
  EXPECT_EQ(first.next_after_id, all[1].id);
  Page<AuditEvent> second =
      Must(store().audit().List({"user", ann, std::nullopt}, {first.next_after_id, 2}));
  EXPECT_EQ(second.items, std::vector<AuditEvent>{all[2]});
  EXPECT_EQ(second.next_after_id, 0);
  EXPECT_TRUE(Must(store().audit().List({"invitation", std::nullopt, std::nullopt}, {0, 10}))
                  .items.empty());
  // An id without its kind of entity names nothing.
  EXPECT_EQ(store().audit().List({std::nullopt, ann, std::nullopt}, {0, 10}).status().field(),
            "entity_id");
}

}  // namespace
}  // namespace chorus::store::conformance
