// Conformance: annotator diversity (migration 0020). Projects keep their diversity policy,
// members' answers are replaced as a whole and end with the membership, and ReserveNextTask
// honours a quota: an annotator takes a slot only if the slots left suffice for the other
// groups' unmet minimums, one request at a time and with many at once.
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

domain::DiversityPolicy QuotaPolicy() {
  domain::DiversityPolicy p;
  p.attributes.push_back({"region", "Where do you live?", {"EU", "Asia", "Americas"}});
  p.quota = domain::DiversityQuota{"region", {{"EU", 1}, {"Asia", 1}}};
  return p;
}

// Makes `user` a member of `project` with `region` as their answer (none when empty).
void Join(Store& store, int64_t project, int64_t user, const std::string& region) {
  domain::ProjectMember m;
  m.project_id = project;
  m.user_id = user;
  m.added_at = 1'700'000'500'000;
  Must(store.projects().AddMember(m), "adding a member");
  if (!region.empty()) {
    Must(Result<bool>(
        store.projects().SetMemberAttributes(project, user, {{"region", region}}).ok()));
  }
}

ReserveRequest AskWithQuota(int64_t project, int64_t annotator, const std::string& region) {
  ReserveRequest r = Ask(project, annotator, 3);
  r.quota = ReserveQuota{"region", {{"EU", 1}, {"Asia", 1}}, std::nullopt};
  if (!region.empty()) r.quota->group = region;
  return r;
}

TEST_P(StoreConformanceTest, ProjectsKeepTheirDiversityPolicy) {
  domain::Project project = AddProject(AddUser("o").id);
  EXPECT_EQ(Must(store().projects().Get(project.id)).diversity, domain::DiversityPolicy{});
  project.diversity = QuotaPolicy();
  const domain::Project updated = Must(store().projects().Update(project));
  EXPECT_EQ(updated.diversity, QuotaPolicy());
  Reopen();
  EXPECT_EQ(Must(store().projects().Get(project.id)).diversity, QuotaPolicy());
  domain::Project bad = updated;
  bad.overlap = 1;  // The minimums add up to 2 labels per task.
  EXPECT_EQ(store().projects().Update(bad).status().field(), "diversity.quota.minimums");
}

TEST_P(StoreConformanceTest, MemberAnswersAreReplacedWholeAndEndWithTheMembership) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner).id, other = AddProject(owner).id;
  const int64_t a = AddUser("a").id, b = AddUser("b").id, outsider = AddUser("x").id;
  Join(store(), project, a, "EU");
  Join(store(), project, b, "");
  Join(store(), other, a, "Asia");
  ASSERT_TRUE(store()
                  .projects()
                  .SetMemberAttributes(project, b, {{"language", "fr"}, {"region", "Asia"}})
                  .ok());
  EXPECT_EQ(Must(store().projects().MemberAttributes(project, a)),
            (std::map<std::string, std::string>{{"region", "EU"}}));
  const std::vector<MemberAttribute> all = Must(store().projects().ListMemberAttributes(project));
  EXPECT_EQ(all, (std::vector<MemberAttribute>{
                     {a, "region", "EU"}, {b, "language", "fr"}, {b, "region", "Asia"}}));
  // Replacing with fewer answers clears the rest ("prefer not to say").
  ASSERT_TRUE(store().projects().SetMemberAttributes(project, b, {{"language", "en"}}).ok());
  EXPECT_EQ(Must(store().projects().MemberAttributes(project, b)),
            (std::map<std::string, std::string>{{"language", "en"}}));
  EXPECT_EQ(store().projects().SetMemberAttributes(project, outsider, {{"region", "EU"}}).field(),
            "user_id");
  // Answers belong to the membership.
  Must(store().projects().RemoveMember(project, a));
  EXPECT_TRUE(Must(store().projects().MemberAttributes(project, a)).empty());
  EXPECT_EQ(Must(store().projects().MemberAttributes(other, a)),
            (std::map<std::string, std::string>{{"region", "Asia"}}));
}

TEST_P(StoreConformanceTest, ReservationsHonourTheQuota) {
  const int64_t owner = AddUser("o").id;
  const int64_t project = AddProject(owner, 3).id;
  const std::vector<int64_t> tasks = AddTasks(project, 2);
  const int64_t none1 = AddUser("n1").id, none2 = AddUser("n2").id, none3 = AddUser("n3").id;
  const int64_t eu1 = AddUser("e1").id, eu2 = AddUser("e2").id, asia = AddUser("s1").id;
  const int64_t other = AddUser("m1").id;
  for (int64_t u : {none1, none2, none3}) Join(store(), project, u, "");
  Join(store(), project, eu1, "EU");
  Join(store(), project, eu2, "EU");
  Join(store(), project, asia, "Asia");
  Join(store(), project, other, "Americas");
  auto next = [&](int64_t who, const std::string& region) -> int64_t {
    auto got = Must(store().tasks().ReserveNextTask(AskWithQuota(project, who, region)));
    return got ? got->task.id : 0;
  };
  // An empty task has room for anyone: two slots are left for EU and Asia.
  EXPECT_EQ(next(none1, ""), tasks[0]);
  // tasks[0]'s last two slots are EU's and Asia's: a second annotator of no group goes on.
  EXPECT_EQ(next(none2, ""), tasks[1]);
  // EU's own slot counts for EU, and the one left is Asia's.
  EXPECT_EQ(next(eu1, "EU"), tasks[0]);
  Must(store().annotations().Submit(MakeAnnotation(project, tasks[0], eu1, "e1"), {3}));
  // A submitted EU label fills EU as a reservation did: the last slot of tasks[0] is Asia's.
  EXPECT_EQ(next(eu2, "EU"), tasks[1]);
  EXPECT_EQ(next(other, "Americas"), 0);  // Both tasks keep their free slots for Asia.
  EXPECT_EQ(next(asia, "Asia"), tasks[0]);
  EXPECT_EQ(next(none3, ""), 0);
  // Gold and held reservations are not subject to the quota: asking again returns the hold.
  EXPECT_EQ(next(none1, ""), tasks[0]);
  // Without a quota the same annotator takes the free slot.
  auto plain = Must(store().tasks().ReserveNextTask(Ask(project, other, 3)));
  ASSERT_TRUE(plain.has_value());
  EXPECT_EQ(plain->task.id, tasks[1]);
}

TEST_P(StoreConformanceTest, ConcurrentReservationsNeverBreakTheQuota) {
  constexpr int kTasks = 8;
  constexpr int64_t kOverlap = 3;
  const int64_t project = AddProject(AddUser("o").id, kOverlap).id;
  const std::vector<int64_t> tasks = AddTasks(project, kTasks);
  const std::vector<std::string> regions = {"EU", "Asia", "", "Americas"};
  std::vector<std::pair<int64_t, std::string>> annotators;
  for (int i = 0; i < 16; ++i) {
    const int64_t id = AddUser("c" + std::to_string(i)).id;
    const std::string& region = regions[i % regions.size()];
    Join(store(), project, id, region);
    annotators.emplace_back(id, region);
  }
  std::mutex mutex;
  std::map<int64_t, std::vector<std::string>> groups;  // task -> the labellers' regions
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (const auto& [me, region] : annotators) {
    threads.emplace_back([&, me, region] {
      while (true) {
        auto next = store().tasks().ReserveNextTask(AskWithQuota(project, me, region));
        if (!next.ok()) {
          ++errors;
          return;
        }
        if (!next->has_value()) return;
        const int64_t task = (*next)->task.id;
        auto submitted = store().annotations().Submit(
            MakeAnnotation(project, task, me, "q" + std::to_string(task)), {kOverlap});
        if (!submitted.ok()) {
          ++errors;
          return;
        }
        std::lock_guard<std::mutex> lock(mutex);
        groups[task].push_back(region);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  for (int64_t task : tasks) {
    const std::vector<std::string>& g = groups[task];
    // Enough annotators of every group: each task ends full, with the quota met.
    EXPECT_EQ(g.size(), static_cast<size_t>(kOverlap)) << "task " << task;
    EXPECT_GE(std::count(g.begin(), g.end(), "EU"), 1) << "task " << task;
    EXPECT_GE(std::count(g.begin(), g.end(), "Asia"), 1) << "task " << task;
  }
}

}  // namespace
}  // namespace chorus::store::conformance
