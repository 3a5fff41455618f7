#include "tests/store/store_conformance.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace chorus::store::conformance {

void StoreConformanceTest::SetUp() {
  if (GetParam().unavailable) {
    std::string why = GetParam().unavailable();
    if (!why.empty()) GTEST_SKIP() << why;
  }
  backend_ = GetParam().make();
  store_ = Must(backend_->Open(), "opening the store");
}

void StoreConformanceTest::TearDown() {
  store_.reset();
  backend_.reset();
}

void StoreConformanceTest::Reopen() {
  store_.reset();
  store_ = Must(backend_->Open(), "reopening the store");
}

domain::User StoreConformanceTest::AddUser(const std::string& name, domain::Role role) {
  domain::User user;
  user.email = name + "@example.org";
  user.display_name = name;
  user.role = role;
  user.created_at = 1'700'000'000'000;
  return Must(store().users().Create(user), "creating user " + name);
}

domain::Project StoreConformanceTest::AddProject(int64_t created_by, int64_t overlap) {
  domain::Project project;
  project.name = "sentiment";
  project.label_interface = R"({"controls":[{"type":"choices","name":"label"}]})";
  project.overlap = overlap;
  project.created_by = created_by;
  project.created_at = 1'700'000'000'000;
  return Must(store().projects().Create(project), "creating a project");
}

std::vector<int64_t> StoreConformanceTest::AddTasks(int64_t project_id, size_t count,
                                                    const std::vector<int64_t>& priorities) {
  std::vector<domain::Task> tasks(count);
  for (size_t i = 0; i < count; ++i) {
    tasks[i].data = R"({"text":"item )" + std::to_string(i) + R"("})";
    tasks[i].priority = i < priorities.size() ? priorities[i] : 0;
    tasks[i].created_at = 1'700'000'000'000;
  }
  InsertTasksReport report = Must(store().tasks().InsertBatch(project_id, tasks), "inserting");
  return report.task_ids;
}

domain::Annotation StoreConformanceTest::MakeAnnotation(int64_t project_id, int64_t task_id,
                                                        int64_t annotator_id,
                                                        const std::string& key) {
  domain::Annotation a;
  a.project_id = project_id;
  a.task_id = task_id;
  a.annotator_id = annotator_id;
  a.result = R"({"label":"positive"})";
  a.lead_time_ms = 4200;
  a.active_time_ms = 3100;
  a.idempotency_key = key;
  a.created_at = 1'700'000'100'000;
  a.updated_at = a.created_at;
  return a;
}

StoreConformanceTest::SubmitRace StoreConformanceTest::SubmitAllAtOnce(
    int64_t project_id, int64_t task_id, const std::vector<int64_t>& annotators, int64_t cap) {
  const int n = static_cast<int>(annotators.size());
  std::atomic<int> ready{0}, accepted{0}, refused{0}, other{0};
  std::vector<std::thread> threads;
  threads.reserve(annotators.size());
  for (int i = 0; i < n; ++i) {
    threads.emplace_back([&, i] {
      ++ready;
      while (ready.load() < n) std::this_thread::yield();  // A barrier.
      auto r = store().annotations().Submit(
          MakeAnnotation(project_id, task_id, annotators[i], "k" + std::to_string(i)), {cap});
      if (r.ok()) {
        ++accepted;
      } else if (r.status().code() == StatusCode::kConflict) {
        ++refused;
      } else {
        ++other;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  return {accepted.load(), refused.load(), other.load()};
}

std::string BackendName(const ::testing::TestParamInfo<BackendParam>& info) {
  return info.param.name;
}

}  // namespace chorus::store::conformance
