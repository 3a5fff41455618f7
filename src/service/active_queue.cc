#include "service/active_queue.h"

#include <cmath>
#include <nlohmann/json.hpp>
#include <random>
#include <utility>

#include "quality/learner/candidate_scores.h"
#include "service/learning_data.h"
#include "service/project_interface.h"

namespace chorus::service {
namespace {

using nlohmann::json;

// SelectBatch's picks (the random ones last) with the random ones spread evenly instead, so
// a queue handed out from the top meets them all along.
std::vector<std::pair<size_t, bool>> Interleave(const std::vector<size_t>& picked,
                                                size_t random_count) {
  const size_t k = picked.size();
  const size_t top = k - random_count;
  std::vector<std::pair<size_t, bool>> out;
  size_t t = 0, r = 0;
  for (size_t i = 0; i < k; ++i) {
    if (r < random_count && (i + 1) * random_count >= (r + 1) * k) {
      out.emplace_back(picked[top + r++], true);
    } else {
      out.emplace_back(picked[t++], false);
    }
  }
  return out;
}

json SummaryJson(const ActiveLearningSummary& s, int64_t project_id) {
  json top = json::array();
  for (const RankedTask& t : s.top) {
    top.push_back({{"task_id", t.task_id},
                   {"score", t.score},
                   {"random", t.random},
                   {"priority", t.priority}});
  }
  return {{"project_id", project_id},
          {"strategy", s.strategy},
          {"control", s.control},
          {"text_field", s.text_field},
          {"label_source", s.label_source},
          {"trained", s.trained},
          {"scored", s.scored},
          {"prioritised", s.prioritised},
          {"without_text", s.without_text},
          {"out_of_fold_accuracy", s.out_of_fold_accuracy},
          {"top", std::move(top)}};
}

Result<ActiveLearningSummary> Order(store::Store& store, int64_t project_id,
                                    const ActiveLearningRequest& request, JobProgress* progress) {
  CHORUS_RETURN_IF_ERROR(ValidateActiveLearningRequest(request));
  auto set = ReadLearningSet(store, project_id, request.text_field);
  if (!set.ok()) return set.status();
  if (progress != nullptr) progress->SetTotal(static_cast<int64_t>(set->tasks.size()));
  auto learnt = LearnFrom(*set, request.seed);
  if (!learnt.ok()) return learnt.status();

  std::vector<size_t> candidates;  // Indices into set->tasks.
  std::vector<quality::SparseVector> features;
  for (size_t i = 0; i < set->tasks.size(); ++i) {
    const LearningTask& t = set->tasks[i];
    if (t.gold || t.label) continue;
    candidates.push_back(i);
    features.push_back(quality::HashTextFeatures(t.text, learnt->model.options().features));
  }
  const std::vector<double> density = request.strategy == quality::Strategy::kDensity
                                          ? quality::SparseDensity(features)
                                          : std::vector<double>{};
  std::mt19937_64 rng(request.seed);
  quality::CandidateScoreOptions options;
  options.strategy = request.strategy;
  options.classifier = learnt->model.options();
  auto scores =
      quality::CandidateScores(learnt->model, learnt->examples, features, density, options, rng);
  if (!scores.ok()) return scores.status();

  const size_t n = candidates.size();
  const size_t batch = request.batch ? std::min(n, static_cast<size_t>(*request.batch)) : n;
  const double share = request.strategy == quality::Strategy::kRandom ? 1.0 : request.random_share;
  const auto random_count = static_cast<size_t>(std::llround(static_cast<double>(batch) * share));
  const std::vector<size_t> picked = quality::SelectBatch(*scores, batch, share, rng());
  const auto order = Interleave(picked, random_count);

  ActiveLearningSummary summary;
  summary.strategy = quality::StrategyName(request.strategy);
  summary.control = set->setup.control;
  summary.text_field = set->setup.text_field;
  summary.label_source = LabelSourceName(set->source);
  summary.trained = static_cast<int64_t>(learnt->examples.size());
  summary.scored = static_cast<int64_t>(n);
  summary.without_text = set->without_text;
  summary.out_of_fold_accuracy = learnt->out_of_fold_accuracy;
  std::vector<int64_t> priority(n, 0);  // Outside the batch: 0.
  for (size_t j = 0; j < order.size(); ++j) {
    const auto [c, is_random] = order[j];
    priority[c] = static_cast<int64_t>(order.size() - j);
    if (j < kTopShown) {
      summary.top.push_back({.task_id = set->tasks[candidates[c]].task_id,
                             .score = (*scores)[c],
                             .random = is_random,
                             .priority = priority[c]});
    }
  }
  std::vector<std::pair<int64_t, int64_t>> writes;
  writes.reserve(n);
  for (size_t c = 0; c < n; ++c)
    writes.emplace_back(set->tasks[candidates[c]].task_id, priority[c]);
  // The last point to stop: the priorities are then written in one transaction.
  if (progress != nullptr) CHORUS_RETURN_IF_ERROR(progress->CheckCancel());
  auto written = store.tasks().SetPriorities(project_id, writes);
  if (!written.ok()) return written.status();
  summary.prioritised = *written;
  if (progress != nullptr) progress->SetDone(static_cast<int64_t>(set->tasks.size()));
  return summary;
}

}  // namespace

Status ValidateActiveLearningRequest(const ActiveLearningRequest& request) {
  if (!(request.random_share >= 0 && request.random_share <= 1)) {
    return InvalidArgument("must be between 0 and 1 (the share of the order drawn at random)",
                           "random_share");
  }
  if (request.batch && *request.batch < 1) {
    return InvalidArgument("must be at least 1, or left out to order every task", "batch");
  }
  return Status::Ok();
}

ActiveQueueService::ActiveQueueService(store::Store& store, std::shared_ptr<JobRunner> runner)
    : store_(store), runner_(std::move(runner)) {}

Result<ActiveLearningSummary> ActiveQueueService::Run(int64_t project_id,
                                                      const ActiveLearningRequest& request,
                                                      JobProgress* progress) {
  return Order(store_, project_id, request, progress);
}

Result<Job> ActiveQueueService::Start(const Principal& actor, int64_t project_id,
                                      const ActiveLearningRequest& request) {
  CHORUS_RETURN_IF_ERROR(ValidateActiveLearningRequest(request));
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  // Refused now, not as a failed job: the caller can fix the interface or name the field.
  auto label_interface = ProjectLabelInterface(*project);
  if (!label_interface.ok()) return label_interface.status();
  CHORUS_RETURN_IF_ERROR(
      ProjectLearningSetup(*label_interface, *project, request.text_field).status());
  Job job;
  job.kind = "active_learning";
  job.owner_id = actor.user_id;
  job.project_id = project_id;
  store::Store* store = &store_;
  return runner_->Start(job, [store, project_id, request](JobProgress& progress, Job& result) {
    auto summary = Order(*store, project_id, request, &progress);
    if (!summary.ok()) return summary.status();
    result.manifest = SummaryJson(*summary, project_id).dump();
    return Status::Ok();
  });
}

}  // namespace chorus::service
