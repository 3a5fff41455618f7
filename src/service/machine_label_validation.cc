#include "service/machine_label_validation.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>
#include <map>
#include <utility>

#include "quality/wilson_interval.h"
#include "service/aggregation_service.h"
#include "service/human_reference.h"

namespace chorus::service {
namespace {

std::string Pct(double share) { return fmt::format("{:.1f}%", share * 100); }

// Tallies one machine answer for `task` against the human reference.
void Tally(SourceValidation& s, const HumanReference& human,
           const std::map<std::string, size_t>& index, int64_t task, const std::string& answer) {
  ++s.labels;
  const auto found = human.answers.find(task);
  if (found == human.answers.end()) return;
  ++s.compared;
  if (found->second == answer) ++s.correct;
  const auto row = index.find(found->second), column = index.find(answer);
  if (row != index.end() && column != index.end()) ++s.confusion[row->second][column->second];
}

void Judge(SourceValidation& s, double min_accuracy) {
  if (s.compared == 0) {
    s.verdict = "no human labels on the same tasks yet: do not train on this yet; have people "
                "label a blind sample first";
    return;
  }
  s.accuracy = static_cast<double>(s.correct) / static_cast<double>(s.compared);
  s.wilson95 = quality::WilsonInterval(static_cast<uint64_t>(s.correct),
                                       static_cast<uint64_t>(s.compared));
  s.fit_to_train = s.wilson95->low >= min_accuracy;
  if (s.fit_to_train) {
    s.verdict = fmt::format(
        "fit to train on: {} of {} agree with people ({}, Wilson 95% {}-{}), at least {}",
        s.correct, s.compared, Pct(*s.accuracy), Pct(s.wilson95->low), Pct(s.wilson95->high),
        Pct(min_accuracy));
  } else {
    s.verdict = fmt::format(
        "do not train on this yet: {} of {} agree with people ({}, Wilson 95% {}-{}), which may "
        "be under {}; check more labels or fix the source",
        s.correct, s.compared, Pct(*s.accuracy), Pct(s.wilson95->low), Pct(s.wilson95->high),
        Pct(min_accuracy));
  }
}

}  // namespace

Result<ValidationReport> ValidateMachineLabels(store::Store& store, int64_t project_id,
                                               double min_accuracy) {
  if (!std::isfinite(min_accuracy) || min_accuracy <= 0 || min_accuracy >= 1) {
    return InvalidArgument("must be between 0 and 1, e.g. 0.9", "min_accuracy");
  }
  auto context = LoadProjectControl(store, project_id);
  if (!context.ok()) return context.status();
  const domain::Control& control = context->control();
  auto human = LoadHumanReference(store, project_id, control, HumanEvidence::kUnanchored);
  if (!human.ok()) return human.status();
  ValidationReport report;
  report.control = control.name;
  report.options = control.labels;
  report.min_accuracy = min_accuracy;
  report.human_tasks = static_cast<int64_t>(human->answers.size());
  std::map<std::string, size_t> index;
  for (size_t i = 0; i < control.labels.size(); ++i) index.emplace(control.labels[i], i);
  const auto fresh = [&](std::string source, std::string origin) {
    SourceValidation s;
    s.source = std::move(source);
    s.origin = std::move(origin);
    s.confusion.assign(control.labels.size(), std::vector<int64_t>(control.labels.size(), 0));
    return s;
  };

  auto versions = store.machine_labels().PredictedModelVersions(project_id);
  if (!versions.ok()) return versions.status();
  for (const std::string& version : *versions) {
    auto predictions = store.predictions().ListForModel(project_id, version);
    if (!predictions.ok()) return predictions.status();
    SourceValidation s = fresh("prediction", version);
    for (const domain::Prediction& p : *predictions) {
      if (auto answer = VoteOf(p.result, control)) Tally(s, *human, index, p.task_id, *answer);
    }
    report.sources.push_back(std::move(s));
  }

  auto labels = store.machine_labels().ListForTasks(project_id, 0,
                                                    std::numeric_limits<int64_t>::max());
  if (!labels.ok()) return labels.status();
  // The latest label per (source, origin) and task: listed by task then id, so the last wins.
  std::map<std::pair<std::string, std::string>, std::map<int64_t, std::string>> latest;
  for (const domain::MachineLabel& m : *labels) {
    const std::string source = m.source == domain::AnnotationSource::kModel ? "auto_label" : "rule";
    std::optional<std::string> answer = VoteOf(m.result, control);
    auto& of_source = latest[{source, m.origin}];
    if (answer) {
      of_source[m.task_id] = *answer;
    } else {
      of_source.erase(m.task_id);
    }
  }
  for (const char* kind : {"auto_label", "rule"}) {
    for (const auto& [key, answers] : latest) {
      if (key.first != kind) continue;
      SourceValidation s = fresh(key.first, key.second);
      for (const auto& [task, answer] : answers) Tally(s, *human, index, task, answer);
      report.sources.push_back(std::move(s));
    }
  }
  for (SourceValidation& s : report.sources) Judge(s, min_accuracy);
  return report;
}

Result<store::Page<domain::MachineLabel>> MachineLabelReports::List(
    int64_t project_id, std::optional<domain::AnnotationSource> source,
    const store::PageRequest& page) {
  CHORUS_RETURN_IF_ERROR(store_.projects().Get(project_id).status());
  return store_.machine_labels().List(project_id, source, page);
}

}  // namespace chorus::service
