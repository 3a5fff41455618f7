// Conformance: project membership (security catalogue entries 61 and 63). A project's creator
// is its first member; members are added once, removed once, listed in user id order, and a
// user's project list holds exactly the projects they are a member of. Two additions of one
// user at the same instant store one membership.
#include <atomic>
#include <thread>
#include <vector>

#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::Project;
using domain::ProjectMember;
using domain::Role;

ProjectMember Member(int64_t project_id, int64_t user_id, std::optional<int64_t> added_by,
                     int64_t at = 1'700'000'500'000) {
  ProjectMember m;
  m.project_id = project_id;
  m.user_id = user_id;
  m.added_by = added_by;
  m.added_at = at;
  return m;
}

std::vector<int64_t> ProjectIds(const Page<Project>& page) {
  std::vector<int64_t> ids;
  for (const Project& p : page.items) ids.push_back(p.id);
  return ids;
}

TEST_P(StoreConformanceTest, TheCreatorIsTheFirstMember) {
  const int64_t manager = AddUser("manager", Role::kManager).id;
  const Project p = AddProject(manager);
  EXPECT_TRUE(Must(store().projects().IsMember(p.id, manager)));
  const Page<ProjectMember> members = Must(store().projects().ListMembers(p.id, {}));
  ASSERT_EQ(members.items.size(), 1u);
  EXPECT_EQ(members.items[0], Member(p.id, manager, manager, p.created_at));
  EXPECT_EQ(members.next_after_id, 0);
}

TEST_P(StoreConformanceTest, MembersAreAddedOnceAndRemovedOnce) {
  const int64_t manager = AddUser("manager", Role::kManager).id;
  const int64_t ann = AddUser("ann").id;
  const Project p = AddProject(manager);
  EXPECT_FALSE(Must(store().projects().IsMember(p.id, ann)));
  const ProjectMember added = Must(store().projects().AddMember(Member(p.id, ann, manager)));
  EXPECT_EQ(added, Member(p.id, ann, manager));
  EXPECT_TRUE(Must(store().projects().IsMember(p.id, ann)));

  Result<ProjectMember> again = store().projects().AddMember(Member(p.id, ann, manager, 7));
  EXPECT_EQ(again.status().code(), StatusCode::kConflict);
  EXPECT_EQ(again.status().field(), "user_id");
  // The refused second addition changed nothing (added_at is still the first one's).
  EXPECT_EQ(Must(store().projects().ListMembers(p.id, {})).items.back(), added);

  EXPECT_EQ(Must(store().projects().RemoveMember(p.id, ann)), added);
  EXPECT_FALSE(Must(store().projects().IsMember(p.id, ann)));
  Result<ProjectMember> twice = store().projects().RemoveMember(p.id, ann);
  EXPECT_EQ(twice.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(twice.status().field(), "user_id");
  // Back again after removal; survives reopening.
  Must(store().projects().AddMember(Member(p.id, ann, std::nullopt)));
  Reopen();
  EXPECT_EQ(Must(store().projects().ListMembers(p.id, {})).items.back(),
            Member(p.id, ann, std::nullopt));
}

// The check in front of submissions and drafts: membership of a task's project, in one read.
TEST_P(StoreConformanceTest, MembershipOfATasksProject) {
  const int64_t manager = AddUser("manager", Role::kManager).id;
  const int64_t ann = AddUser("ann").id;
  const Project mine = AddProject(manager);
  const Project other = AddProject(manager);
  domain::Task task;
  task.data = "{}";
  const int64_t in_mine = Must(store().tasks().InsertBatch(mine.id, {task})).task_ids[0];
  const int64_t in_other = Must(store().tasks().InsertBatch(other.id, {task})).task_ids[0];
  Must(store().projects().AddMember(Member(mine.id, ann, manager)));
  EXPECT_TRUE(Must(store().projects().IsMemberOfTaskProject(in_mine, ann)));
  EXPECT_FALSE(Must(store().projects().IsMemberOfTaskProject(in_other, ann)));
  EXPECT_TRUE(Must(store().projects().IsMemberOfTaskProject(in_other, manager)));
  Result<bool> missing = store().projects().IsMemberOfTaskProject(in_other + 1000, ann);
  EXPECT_EQ(missing.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(missing.status().field(), "task_id");
}

TEST_P(StoreConformanceTest, MembershipRefusesUnknownProjectsAndUsers) {
  const int64_t manager = AddUser("manager", Role::kManager).id;
  const int64_t ann = AddUser("ann").id;
  const Project p = AddProject(manager);
  Result<ProjectMember> r = store().projects().AddMember(Member(p.id + 100, ann, manager));
  EXPECT_EQ(r.status().code(), StatusCode::kNotFound);
  EXPECT_EQ(r.status().field(), "project_id");
  r = store().projects().AddMember(Member(p.id, ann + 100, manager));
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "user_id");
  r = store().projects().AddMember(Member(p.id, ann, ann + 100));
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "added_by");
  r = store().projects().AddMember(Member(p.id, ann, manager, -1));
  EXPECT_EQ(r.status().field(), "added_at");
  EXPECT_FALSE(Must(store().projects().IsMember(p.id, ann)));
  EXPECT_FALSE(Must(store().projects().IsMember(p.id + 100, ann)));
  EXPECT_TRUE(Must(store().projects().ListMembers(p.id + 100, {})).items.empty());
  EXPECT_EQ(store().projects().RemoveMember(p.id + 100, manager).status().code(),
            StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, EachUserListsExactlyTheirProjects) {
  const int64_t admin = AddUser("admin", Role::kAdmin).id;
  const int64_t ann = AddUser("ann").id;
  const int64_t rev = AddUser("rev", Role::kReviewer).id;
  std::vector<int64_t> all;
  for (int i = 0; i < 5; ++i) all.push_back(AddProject(admin).id);
  for (int i : {0, 2, 3}) Must(store().projects().AddMember(Member(all[i], ann, admin)));
  Must(store().projects().AddMember(Member(all[4], rev, admin)));
  EXPECT_EQ(ProjectIds(Must(store().projects().ListForMember(ann, {}))),
            (std::vector<int64_t>{all[0], all[2], all[3]}));
  EXPECT_EQ(ProjectIds(Must(store().projects().ListForMember(rev, {}))),
            (std::vector<int64_t>{all[4]}));
  EXPECT_EQ(ProjectIds(Must(store().projects().ListForMember(admin, {}))), all);  // Creator.
  EXPECT_TRUE(Must(store().projects().ListForMember(rev + 100, {})).items.empty());
  // Pages of two: the cursor is a project id.
  Page<Project> first = Must(store().projects().ListForMember(ann, {0, 2}));
  EXPECT_EQ(ProjectIds(first), (std::vector<int64_t>{all[0], all[2]}));
  EXPECT_EQ(first.next_after_id, all[2]);
  Page<Project> second = Must(store().projects().ListForMember(ann, {first.next_after_id, 2}));
  EXPECT_EQ(ProjectIds(second), (std::vector<int64_t>{all[3]}));
  EXPECT_EQ(second.next_after_id, 0);
  EXPECT_EQ(second.items[0], Must(store().projects().Get(all[3])));
  // Removal takes the project off the list.
  Must(store().projects().RemoveMember(all[2], ann));
  EXPECT_EQ(ProjectIds(Must(store().projects().ListForMember(ann, {}))),
            (std::vector<int64_t>{all[0], all[3]}));
}

TEST_P(StoreConformanceTest, MembersArePagedByUserId) {
  const int64_t admin = AddUser("admin", Role::kAdmin).id;
  const Project p = AddProject(admin);
  std::vector<int64_t> expected = {admin};
  for (int i = 0; i < 4; ++i) {
    const int64_t user = AddUser("user" + std::to_string(i)).id;
    expected.push_back(user);
  }
  // Added in reverse: the list is still in user id order.
  for (size_t i = expected.size() - 1; i >= 1; --i) {
    Must(store().projects().AddMember(Member(p.id, expected[i], admin)));
  }
  std::vector<int64_t> seen;
  PageRequest page{0, 2};
  for (int pages = 0; pages < 10; ++pages) {
    Page<ProjectMember> got = Must(store().projects().ListMembers(p.id, page));
    for (const ProjectMember& m : got.items) seen.push_back(m.user_id);
    if (got.next_after_id == 0) break;
    page.after_id = got.next_after_id;
  }
  EXPECT_EQ(seen, expected);
}

// Many requests add one user at the same instant: one succeeds, the rest get kConflict.
TEST_P(StoreConformanceTest, ConcurrentAdditionsOfOneUserStoreOneMembership) {
  const int64_t admin = AddUser("admin", Role::kAdmin).id;
  const int64_t ann = AddUser("ann").id;
  const Project p = AddProject(admin);
  constexpr int kThreads = 8;
  std::atomic<int> ready{0}, added{0}, conflicts{0}, other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < kThreads) std::this_thread::yield();  // A barrier.
      auto r = store().projects().AddMember(Member(p.id, ann, admin, 1000 + i));
      if (r.ok()) {
        ++added;
      } else if (r.status().code() == StatusCode::kConflict) {
        ++conflicts;
      } else {
        ++other;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(added.load(), 1);
  EXPECT_EQ(conflicts.load(), kThreads - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(Must(store().projects().ListMembers(p.id, {})).items.size(), 2u);
}

}  // namespace
}  // namespace chorus::store::conformance
