// The membership service against a real SQLite store (catalogue entries 61 and 63): who may
// list, add and remove members, that nobody but an administrator adds themselves, that a
// non-member manager is told the project does not exist, and that each change is audited.
#include "service/membership_service.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "service/project_service.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::Role;

class MembershipServiceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = AddUser("admin", Role::kAdmin);
    manager_ = AddUser("manager", Role::kManager);
    stranger_ = AddUser("stranger", Role::kManager);
    ann_ = AddUser("ann", Role::kAnnotator);
    rev_ = AddUser("rev", Role::kReviewer);
    ProjectService projects(*store_, [this] { return now_; });
    domain::Project project;
    project.name = "p";
    project.label_interface =
        R"({"controls":[{"type":"choices","name":"s","to":"text","options":["a","b"]}]})";
    auto created = projects.Create(manager_, project);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    project_ = created->id;
  }

  Principal AddUser(const std::string& name, Role role) {
    return AddTestUser(*store_, name, role, kTestNow);
  }

  std::vector<int64_t> MemberIds() {
    auto page = service_.List(admin_, project_, {});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    std::vector<int64_t> ids;
    if (page.ok()) {
      for (const MemberView& view : page->items) ids.push_back(view.member.user_id);
    }
    return ids;
  }

  ScratchStore store_;  // Declared first: destroyed after the service that uses it.
  int64_t now_ = kTestNow;
  MembershipService service_{*store_, [this] { return now_; }};
  Principal admin_, manager_, stranger_, ann_, rev_;
  int64_t project_ = 0;
};

TEST_F(MembershipServiceTest, TheCreatingManagerAddsAndRemovesOthers) {
  EXPECT_EQ(MemberIds(), (std::vector<int64_t>{manager_.user_id}));
  now_ += 5;
  auto added = service_.Add(manager_, project_, ann_.user_id);
  ASSERT_TRUE(added.ok()) << added.status().ToString();
  EXPECT_EQ(added->member.added_by, manager_.user_id);
  EXPECT_EQ(added->member.added_at, kTestNow + 5);
  EXPECT_EQ(added->user.email, "ann@example.org");
  EXPECT_EQ(MemberIds(), (std::vector<int64_t>{manager_.user_id, ann_.user_id}));
  EXPECT_EQ(service_.Add(manager_, project_, ann_.user_id).status().code(), StatusCode::kConflict);
  const auto unknown = service_.Add(manager_, project_, 4242);
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(unknown.status().field(), "user_id");
  EXPECT_TRUE(service_.Remove(manager_, project_, ann_.user_id).ok());
  EXPECT_EQ(service_.Remove(manager_, project_, ann_.user_id).code(), StatusCode::kNotFound);
  EXPECT_EQ(MemberIds(), (std::vector<int64_t>{manager_.user_id}));
}

// Catalogue entry 61: adding oneself is refused to everyone but administrators, whatever the
// role; a manager outside the project is told it does not exist (as for a missing one).
TEST_F(MembershipServiceTest, NobodyButAnAdministratorAddsThemselves) {
  ASSERT_TRUE(service_.Add(manager_, project_, ann_.user_id).ok());
  EXPECT_EQ(service_.Add(manager_, project_, manager_.user_id).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_.Add(ann_, project_, ann_.user_id).status().code(),
            StatusCode::kPermissionDenied);
  EXPECT_EQ(service_.Add(rev_, project_, rev_.user_id).status().code(),
            StatusCode::kPermissionDenied);
  const Status hidden = service_.Add(stranger_, project_, stranger_.user_id).status();
  const Status missing = service_.Add(stranger_, project_ + 100, stranger_.user_id).status();
  EXPECT_EQ(hidden.code(), StatusCode::kNotFound);
  EXPECT_EQ(hidden.field(), missing.field());
  EXPECT_EQ(hidden.message(), "there is no project with id " + std::to_string(project_));
  EXPECT_EQ(service_.List(stranger_, project_, {}).status().code(), StatusCode::kNotFound);
  EXPECT_EQ(service_.Remove(stranger_, project_, ann_.user_id).code(), StatusCode::kNotFound);
  EXPECT_EQ(service_.List(ann_, project_, {}).status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(MemberIds(), (std::vector<int64_t>{manager_.user_id, ann_.user_id}));
  // An administrator may add themselves, and anyone else; a missing project is named as such.
  EXPECT_TRUE(service_.Add(admin_, project_, admin_.user_id).ok());
  EXPECT_TRUE(service_.Add(admin_, project_, stranger_.user_id).ok());
  EXPECT_EQ(service_.Add(admin_, project_ + 100, rev_.user_id).status().field(), "project_id");
  // Now a member, the second manager manages too (removing the first, even).
  EXPECT_TRUE(service_.Remove(stranger_, project_, manager_.user_id).ok());
}

TEST_F(MembershipServiceTest, EveryAdditionAndRemovalIsAudited) {
  ASSERT_TRUE(service_.Add(manager_, project_, ann_.user_id).ok());
  now_ += 10;
  ASSERT_TRUE(service_.Remove(admin_, project_, ann_.user_id).ok());
  ASSERT_FALSE(service_.Add(manager_, project_, manager_.user_id).ok());  // Refused: no event.
  auto events = store_->audit().ListByEntity("project", project_, {0, 100});
  ASSERT_TRUE(events.ok());
  std::vector<domain::AuditEvent> member_events;
  for (const domain::AuditEvent& event : events->items) {
    if (event.action.rfind("project_member.", 0) == 0) member_events.push_back(event);
  }
  ASSERT_EQ(member_events.size(), 2u);
  EXPECT_EQ(member_events[0].action, "project_member.add");
  EXPECT_EQ(member_events[0].actor_id, manager_.user_id);
  EXPECT_EQ(member_events[0].before, "null");
  EXPECT_EQ(nlohmann::json::parse(member_events[0].after)["user_id"], ann_.user_id);
  EXPECT_EQ(member_events[1].action, "project_member.remove");
  EXPECT_EQ(member_events[1].actor_id, admin_.user_id);
  EXPECT_EQ(nlohmann::json::parse(member_events[1].before)["added_by"], manager_.user_id);
  EXPECT_EQ(member_events[1].after, "null");
  EXPECT_EQ(member_events[1].at, kTestNow + 10);
}

}  // namespace
}  // namespace chorus::service
