// Conformance: ReserveNextTask, the next-task primitive. Priority then id order; never past the
// overlap, also with many concurrent annotators (catalogue entry 10); reservations expire.
#include <atomic>
#include <map>
#include <mutex>
#include <thread>

#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::Annotation;
using domain::AnnotationState;

constexpr int64_t kTtl = kReserveTtl;

TEST_P(StoreConformanceTest, ReserveTakesHighestPriorityThenLowestId) {
  int64_t project = AddProject(AddUser("o").id, 1).id;
  std::vector<int64_t> ids = AddTasks(project, 5, {0, 5, 1, 5, 0});
  std::vector<int64_t> order;
  for (int i = 0; i < 5; ++i) {
    auto r =
        Must(store().tasks().ReserveNextTask(Ask(project, AddUser("a" + std::to_string(i)).id, 1)));
    ASSERT_TRUE(r.has_value());
    EXPECT_EQ(r->expires_at, kReserveNow + kTtl);
    order.push_back(r->task.id);
  }
  EXPECT_EQ(order, (std::vector<int64_t>{ids[1], ids[3], ids[2], ids[0], ids[4]}));
  EXPECT_FALSE(
      Must(store().tasks().ReserveNextTask(Ask(project, AddUser("late").id, 1))).has_value());
}

TEST_P(StoreConformanceTest, ReserveRespectsOverlapUntilReservationsExpire) {
  int64_t project = AddProject(AddUser("o").id, 2).id;
  int64_t task = AddTasks(project, 1)[0];
  int64_t a = AddUser("a").id, b = AddUser("b").id, c = AddUser("c").id;
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, a, 2)))->task.id, task);
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, b, 2)))->task.id, task);
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, c, 2))).has_value());
  // At expiry the reservations hold nothing.
  auto after = Must(store().tasks().ReserveNextTask(Ask(project, c, 2, kReserveNow + kTtl)));
  ASSERT_TRUE(after.has_value());
  EXPECT_EQ(after->task.id, task);
}

TEST_P(StoreConformanceTest, AskingTwiceKeepsOneReservation) {
  int64_t project = AddProject(AddUser("o").id, 1).id;
  std::vector<int64_t> ids = AddTasks(project, 2);
  int64_t a = AddUser("a").id;
  auto first = Must(store().tasks().ReserveNextTask(Ask(project, a, 1)));
  auto again = Must(store().tasks().ReserveNextTask(Ask(project, a, 1, kReserveNow + 1000)));
  ASSERT_TRUE(first && again);
  EXPECT_EQ(again->task.id, first->task.id);
  EXPECT_EQ(again->expires_at, kReserveNow + 1000 + kTtl);
  // The other task is still free for someone else.
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, AddUser("b").id, 1)))->task.id,
            ids[1]);
}

TEST_P(StoreConformanceTest, SubmittedAndSkippedTasksAreNotHandedAgain) {
  int64_t project = AddProject(AddUser("o").id, 1).id;
  std::vector<int64_t> ids = AddTasks(project, 2);
  int64_t a = AddUser("a").id, b = AddUser("b").id;
  Annotation skip = MakeAnnotation(project, ids[0], a, "s");
  skip.state = AnnotationState::kSkipped;
  Must(store().tasks().ReserveNextTask(Ask(project, a, 1)));
  Must(store().annotations().Submit(skip));
  // a skipped ids[0]: a gets ids[1]; the skip does not count, so b gets ids[0].
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, a, 1)))->task.id, ids[1]);
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, b, 1)))->task.id, ids[0]);
  // a submits ids[1]: the reservation turns into a label and a has nothing left.
  Must(store().annotations().Submit(MakeAnnotation(project, ids[1], a, "x")));
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, a, 1))).has_value());
  // A released reservation frees the slot.
  int64_t c = AddUser("c").id;
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, c, 1))).has_value());
  ASSERT_TRUE(store().tasks().ReleaseReservation(ids[0], b).ok());
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, c, 1)))->task.id, ids[0]);
}

// The open-task index (migration 0007) follows every way a slot is taken or given back.
TEST_P(StoreConformanceTest, RaisingTheOverlapReopensFullTasks) {
  domain::Project project = AddProject(AddUser("o").id, 1);
  int64_t task = AddTasks(project.id, 1)[0];
  int64_t a = AddUser("a").id, b = AddUser("b").id;
  Must(store().tasks().ReserveNextTask(Ask(project.id, a, 1)));
  Must(store().annotations().Submit(MakeAnnotation(project.id, task, a, "x")));
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project.id, b, 1))).has_value());
  project.overlap = 2;
  project = Must(store().projects().Update(project));
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project.id, b, 2)))->task.id, task);
  // And lowering it closes the task again for a third annotator.
  project.overlap = 1;
  Must(store().projects().Update(project));
  ASSERT_TRUE(store().tasks().ReleaseReservation(task, b).ok());
  EXPECT_FALSE(
      Must(store().tasks().ReserveNextTask(Ask(project.id, AddUser("c").id, 1))).has_value());
}

TEST_P(StoreConformanceTest, TurningASubmissionBackIntoADraftFreesItsSlot) {
  int64_t project = AddProject(AddUser("o").id, 1).id;
  int64_t task = AddTasks(project, 1)[0];
  int64_t a = AddUser("a").id, b = AddUser("b").id;
  Annotation mine =
      Must(store().annotations().Submit(MakeAnnotation(project, task, a, "x"))).annotation;
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, b, 1))).has_value());
  mine.state = AnnotationState::kDraft;
  mine = Must(store().annotations().Update(mine, a));
  EXPECT_EQ(Must(store().tasks().ReserveNextTask(Ask(project, b, 1)))->task.id, task);
}

TEST_P(StoreConformanceTest, ReserveRejectsBadRequests) {
  int64_t project = AddProject(AddUser("o").id).id;
  int64_t a = AddUser("a").id;
  EXPECT_EQ(store().tasks().ReserveNextTask(Ask(project, a, 0)).status().field(), "overlap");
  ReserveRequest no_ttl = Ask(project, a, 1);
  no_ttl.ttl_ms = 0;
  EXPECT_EQ(store().tasks().ReserveNextTask(no_ttl).status().field(), "ttl_ms");
  EXPECT_FALSE(Must(store().tasks().ReserveNextTask(Ask(project, a, 1))).has_value());  // No tasks.
}

TEST_P(StoreConformanceTest, ConcurrentAnnotatorsNeverExceedOverlap) {
  constexpr int kTasks = 10;
  constexpr int64_t kOverlap = 3;
  constexpr int kAnnotators = 40;
  int64_t project = AddProject(AddUser("o").id, kOverlap).id;
  std::vector<int64_t> tasks = AddTasks(project, kTasks);
  std::vector<int64_t> annotators;
  for (int i = 0; i < kAnnotators; ++i) annotators.push_back(AddUser("a" + std::to_string(i)).id);

  // Each annotator loops next -> submit until nothing is left, all at once.
  std::mutex mutex;
  std::map<int64_t, std::vector<int64_t>> labelled_by;  // task -> annotators
  std::atomic<int> errors{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kAnnotators; ++i) {
    threads.emplace_back([&, i] {
      int64_t me = annotators[i];
      while (true) {
        auto next = store().tasks().ReserveNextTask(Ask(project, me, kOverlap));
        if (!next.ok()) {
          ++errors;
          return;
        }
        if (!next->has_value()) return;
        int64_t task = (*next)->task.id;
        auto submitted = store().annotations().Submit(
            MakeAnnotation(project, task, me, "k" + std::to_string(task)), {kOverlap});
        if (!submitted.ok()) {
          ++errors;
          return;
        }
        std::lock_guard<std::mutex> lock(mutex);
        labelled_by[task].push_back(me);
      }
    });
  }
  for (std::thread& t : threads) t.join();
  EXPECT_EQ(errors.load(), 0);
  ASSERT_EQ(labelled_by.size(), static_cast<size_t>(kTasks));
  for (int64_t task : tasks) {
    EXPECT_EQ(labelled_by[task].size(), static_cast<size_t>(kOverlap)) << "task " << task;
    EXPECT_EQ(Must(store().annotations().CountSubmitted(task)), kOverlap);
  }
}

}  // namespace
}  // namespace chorus::store::conformance
