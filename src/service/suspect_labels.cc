#include "service/suspect_labels.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <utility>

#include "quality/errors/confident_learning.h"
#include "service/audit.h"
#include "service/learning_data.h"

namespace chorus::service {
namespace {

using nlohmann::json;

size_t ArgMax(std::span<const double> row) {
  return static_cast<size_t>(std::max_element(row.begin(), row.end()) - row.begin());
}

// The most probable class of `row` other than `given`.
size_t BestOther(std::span<const double> row, size_t given) {
  size_t best = given == 0 ? 1 : 0;
  for (size_t k = 0; k < row.size(); ++k) {
    if (k != given && row[k] > row[best]) best = k;
  }
  return best;
}

struct Scored {
  Suspect suspect;
  bool any = false;
};

void Consider(Scored& s, double component, const char* reason) {
  s.suspect.score = std::max(s.suspect.score, component);
  s.suspect.reasons.emplace_back(reason);
  s.any = true;
}

}  // namespace

SuspectLabelsService::SuspectLabelsService(store::Store& store, std::function<int64_t()> now)
    : store_(store), now_(std::move(now)) {}

Result<SuspectReport> SuspectLabelsService::Find(int64_t project_id, const std::string& text_field,
                                                 int64_t limit, uint64_t seed) {
  if (limit < 1) return InvalidArgument("must be at least 1", "limit");
  auto set = ReadLearningSet(store_, project_id, text_field);
  if (!set.ok()) return set.status();
  auto learnt = LearnFrom(*set, seed);
  if (!learnt.ok()) return learnt.status();
  const std::vector<std::string>& classes = set->setup.classes;

  std::vector<size_t> given;
  for (const quality::LabelledText& e : learnt->examples) given.push_back(e.label);
  auto issues = quality::FindLabelIssues(given, learnt->out_of_fold);
  if (!issues.ok()) return issues.status();
  std::vector<bool> flagged(given.size(), false);
  for (const quality::LabelIssue& issue : issues->issues) flagged[issue.item] = true;

  SuspectReport report;
  report.control = set->setup.control;
  report.text_field = set->setup.text_field;
  report.label_source = LabelSourceName(set->source);
  report.out_of_fold_accuracy = learnt->out_of_fold_accuracy;
  report.estimated_noise = issues->estimated_noise;
  std::vector<Suspect> found;
  for (size_t r = 0; r < learnt->labelled.size(); ++r) {
    const LearningTask& task = set->tasks[learnt->labelled[r]];
    ++report.labelled;        // Gold counted too: the count must not tell how many are gold.
    if (task.gold) continue;  // Its label is the reference.
    const size_t label = given[r];
    const auto p = learnt->out_of_fold.row(r);
    const size_t predicted = ArgMax(p);
    Scored s;
    s.suspect.task_id = task.task_id;
    s.suspect.given = classes[label];
    if (flagged[r]) Consider(s, 1 - p[label], "confident_learning");
    if (predicted != label && p[predicted] >= kConfidentModel) {
      Consider(s, p[predicted], "model_disagrees");
    }
    const bool weak =
        task.posterior.size() == classes.size() && task.posterior[label] < kWeakPosterior;
    if (weak) Consider(s, 1 - task.posterior[label], "posterior");
    if (!s.any) continue;
    const size_t suggested = predicted != label ? predicted
                             : task.posterior.size() == classes.size()
                                 ? BestOther(task.posterior, label)
                                 : BestOther(p, label);
    s.suspect.suggested = classes[suggested];
    found.push_back(std::move(s.suspect));
  }
  std::sort(found.begin(), found.end(), [](const Suspect& a, const Suspect& b) {
    return a.score != b.score ? a.score > b.score : a.task_id < b.task_id;
  });
  report.total = static_cast<int64_t>(found.size());
  if (found.size() > static_cast<size_t>(limit)) found.resize(static_cast<size_t>(limit));
  report.suspects = std::move(found);
  return report;
}

Result<RelabelSummary> SuspectLabelsService::Relabel(const Principal& actor, int64_t project_id,
                                                     const std::string& text_field, int64_t top,
                                                     uint64_t seed) {
  if (top < 1 || top > kMaxSuspectsShown) {
    return InvalidArgument("must be between 1 and " + std::to_string(kMaxSuspectsShown), "top");
  }
  auto report = Find(project_id, text_field, top, seed);
  if (!report.ok()) return report.status();
  RelabelSummary summary;
  for (const Suspect& s : report->suspects) {
    auto before = store_.tasks().GetRouting(s.task_id);
    if (!before.ok()) return before.status();
    CHORUS_RETURN_IF_ERROR(store_.tasks().SetRequiredTier(s.task_id, domain::Tier::kExpert));
    const int64_t wanted = before->submitted + 1;
    auto set = store_.tasks().SetWanted(s.task_id, wanted, before->submitted);
    if (!set.ok()) return set.status();
    summary.sent.push_back(s.task_id);
    if (!*set) summary.not_reopened.push_back(s.task_id);
    const json was = {
        {"required_tier",
         before->required_tier ? json(domain::TierName(*before->required_tier)) : json(nullptr)},
        {"wanted", before->wanted ? json(*before->wanted) : json(nullptr)}};
    const json now = {{"required_tier", "expert"}, {"wanted", *set ? json(wanted) : was["wanted"]},
                      {"given", s.given},          {"suggested", s.suggested},
                      {"score", s.score},          {"reasons", s.reasons}};
    CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "task.relabel", "task",
                                        s.task_id, AuditJson(was), AuditJson(now), now_()));
  }
  return summary;
}

}  // namespace chorus::service
