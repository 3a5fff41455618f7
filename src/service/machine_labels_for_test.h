// For the machine-label tests: a generated project with known truth. A sentiment project
// (overlap 1) of `tasks` tasks; task i's truth is "negative" when i % 3 == 0, else "positive".
// Model "m1" predicts every task with a score spread evenly over [0, 1): at or above 0.75 it
// is right except on every 97th task, below it right on 7 tasks in 10, so its accuracy rises
// with its score. Tasks [0, blind) get a blind human label (the truth), [blind, gold) are gold
// with the truth as reference, the rest are the pool that auto-labelling may take.
// Test-only (no .cc).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "service/scratch_store_for_test.h"

namespace chorus::service {

inline constexpr char kKnownTruthInterface[] =
    R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
    R"("options":["positive","negative"]}]})";

inline std::string TruthOf(size_t i) { return i % 3 == 0 ? "negative" : "positive"; }
inline double ScoreOf(size_t i) { return static_cast<double>((i * 7919) % 1000) / 1000.0; }
inline bool ModelRight(size_t i) { return ScoreOf(i) >= 0.75 ? i % 97 != 0 : i % 10 < 7; }
inline std::string ModelAnswer(size_t i) {
  if (ModelRight(i)) return TruthOf(i);
  return TruthOf(i) == "positive" ? "negative" : "positive";
}

struct KnownTruthProject {
  int64_t project_id = 0;
  int64_t owner = 0;
  int64_t labeller = 0;
  std::vector<int64_t> tasks;
};

// Builds the project in `store`. REQUIRES: blind <= gold <= tasks.
inline KnownTruthProject MakeKnownTruthProject(store::Store& store, size_t tasks, size_t blind,
                                               size_t gold) {
  KnownTruthProject out;
  out.owner = AddTestUser(store, "owner", domain::Role::kManager, kTestNow).user_id;
  out.labeller = AddTestUser(store, "labeller", domain::Role::kAnnotator, kTestNow).user_id;
  domain::Project project;
  project.name = "known truth";
  project.label_interface = kKnownTruthInterface;
  project.overlap = 1;
  project.created_by = out.owner;
  project.created_at = kTestNow;
  auto created = store.projects().Create(project);
  EXPECT_TRUE(created.ok()) << created.status().ToString();
  out.project_id = created->id;
  std::vector<domain::Task> batch(tasks);
  for (size_t i = 0; i < tasks; ++i) {
    batch[i].data = R"({"text":"item )" + std::to_string(i) + R"("})";
    batch[i].created_at = kTestNow;
  }
  auto inserted = store.tasks().InsertBatch(out.project_id, batch);
  EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
  out.tasks = inserted->task_ids;
  std::vector<domain::Prediction> predictions;
  for (size_t i = 0; i < tasks; ++i) {
    domain::Prediction p;
    p.task_id = out.tasks[i];
    p.model_version = "m1";
    p.result = SentimentAnswer(ModelAnswer(i));
    p.score = ScoreOf(i);
    p.created_at = kTestNow;
    predictions.push_back(p);
  }
  EXPECT_TRUE(store.predictions().Upsert(out.project_id, predictions).ok());
  for (size_t i = 0; i < blind; ++i) {
    domain::Annotation a;
    a.task_id = out.tasks[i];
    a.project_id = out.project_id;
    a.annotator_id = out.labeller;
    a.result = SentimentAnswer(TruthOf(i));
    a.draft_model_version = "m1";
    a.blind = true;
    a.version = 1;
    a.created_at = a.updated_at = kTestNow;
    auto submitted = store.annotations().Submit(a);
    EXPECT_TRUE(submitted.ok()) << submitted.status().ToString();
  }
  for (size_t i = blind; i < gold; ++i) {
    domain::GoldItem g;
    g.task_id = out.tasks[i];
    g.project_id = out.project_id;
    g.reference = SentimentAnswer(TruthOf(i));
    g.created_by = out.owner;
    g.created_at = g.updated_at = kTestNow;
    EXPECT_TRUE(store.gold().Put(g).ok());
  }
  return out;
}

}  // namespace chorus::service
