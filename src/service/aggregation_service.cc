#include "service/aggregation_service.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <span>
#include <utility>
#include <vector>

#include "domain/annotation_result.h"
#include "quality/vote_table.h"
#include "service/agreement_monitor.h"
#include "service/project_interface.h"

namespace chorus::service {
namespace {

using nlohmann::json;

constexpr int64_t kReadPage = 5000;

bool SingleChoice(const domain::Control& control) {
  return control.type == domain::ControlType::kChoices && !control.multiple;
}

// Every task id of the project, ascending (the store lists in id order).
Result<std::vector<int64_t>> TaskIds(store::Store& store, int64_t project_id) {
  std::vector<int64_t> ids;
  store::PageRequest page{.after_id = 0, .limit = kReadPage};
  while (true) {
    auto got = store.tasks().List(project_id, page);
    if (!got.ok()) return got.status();
    for (const domain::Task& task : got->items) ids.push_back(task.id);
    if (got->next_after_id == 0) break;
    page.after_id = got->next_after_id;
  }
  return ids;
}

// The item id of task `task_id`, or nullopt when it is not one of `ids`.
std::optional<quality::ItemId> ItemOf(const std::vector<int64_t>& ids, int64_t task_id) {
  auto it = std::lower_bound(ids.begin(), ids.end(), task_id);
  if (it == ids.end() || *it != task_id) return std::nullopt;
  return static_cast<quality::ItemId>(it - ids.begin());
}

// `values` (one per class) as a JSON object keyed by the class names.
std::string ByOption(const quality::VoteTable& table, std::span<const double> values) {
  json out = json::object();
  for (size_t c = 0; c < values.size(); ++c) {
    out[std::string(table.label_names().Name(static_cast<quality::LabelId>(c)))] = values[c];
  }
  return out.dump();
}

json SummaryJson(const AggregationSummary& s, int64_t project_id) {
  return {{"project_id", project_id},
          {"control", s.control},
          {"method", s.method},
          {"tasks", s.tasks},
          {"votes", s.votes},
          {"inferred", s.inferred},
          {"adjudicated", s.adjudicated},
          {"single", s.single},
          {"no_votes", s.no_votes},
          {"ambiguous", s.ambiguous},
          {"gold_clamped", s.gold_clamped},
          {"excluded_annotators", s.excluded_annotators},
          {"results_url", "/api/v1/projects/" + std::to_string(project_id) + "/aggregates"}};
}

}  // namespace

Result<const domain::Control*> AggregationControl(const domain::LabelInterface& label_interface,
                                                  const domain::Project& project) {
  const std::string& named = project.routing.control;
  if (!named.empty()) {
    const domain::Control* control = domain::FindControl(label_interface, named);
    if (control != nullptr && SingleChoice(*control)) return control;
  } else {
    for (const domain::Control& control : label_interface.controls) {
      if (SingleChoice(control)) return &control;
    }
  }
  std::string choices;
  for (const domain::Control& control : label_interface.controls) {
    if (!SingleChoice(control)) continue;
    choices += (choices.empty() ? "" : ", ") + control.name;
  }
  if (!named.empty()) {
    return InvalidArgument("the project's routing control \"" + named +
                               "\" is not a single-choice control; aggregates are computed on one" +
                               (choices.empty() ? std::string(" (the interface has none)")
                                                : ": set routing.control to one of " + choices),
                           "control");
  }
  return InvalidArgument(
      "the project's label interface has no single-choice control (a choices control without "
      "\"multiple\"): only such a control can be aggregated; add one to the interface",
      "control");
}

std::optional<std::string> VoteOf(const std::string& result, const domain::Control& control) {
  const json parsed = json::parse(result, nullptr, false);
  if (parsed.is_discarded() || !parsed.is_object()) return std::nullopt;
  // Counted as the agreement monitor counts: an option the interface still has, or
  // "(ambiguous)" while the control allows it; anything else is left out.
  const std::optional<uint32_t> vote = AgreementVote(parsed, control);
  if (!vote) return std::nullopt;
  if (*vote < control.labels.size()) return control.labels[*vote];
  return std::string(domain::kAmbiguousCategory);
}

AggregationService::AggregationService(store::Store& store, std::shared_ptr<JobRunner> runner,
                                       std::function<int64_t()> now)
    : store_(store),
      runner_(std::move(runner)),
      now_(std::move(now)),
      standings_(std::make_shared<GoldStandings>(store)) {}

namespace {

Result<AggregationSummary> RunAggregation(store::Store& store, GoldStandings& standings,
                                          const std::function<int64_t()>& now, int64_t project_id,
                                          quality::TruthMethod method, JobProgress* progress) {
  auto project = store.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto label_interface = ProjectLabelInterface(*project);
  if (!label_interface.ok()) return label_interface.status();
  auto control_or = AggregationControl(*label_interface, *project);
  if (!control_or.ok()) return control_or.status();
  const domain::Control& control = **control_or;

  auto ids = TaskIds(store, project_id);
  if (!ids.ok()) return ids.status();
  if (progress != nullptr) progress->SetTotal(static_cast<int64_t>(ids->size()));

  // Items are the tasks in id order (item id = index), so tasks without votes get rows too;
  // classes start with the control's options in the interface's order.
  quality::VoteTable table;
  for (int64_t id : *ids) table.item_names().Intern(std::to_string(id));
  for (const std::string& option : control.labels) table.label_names().Intern(option);

  AggregationSummary summary;
  summary.control = control.name;
  summary.method = quality::TruthMethodName(method);
  std::map<int64_t, bool> paused;  // By annotator: whether gold accuracy paused them.
  store::PageRequest page{.after_id = 0, .limit = kReadPage};
  while (true) {
    auto got = store.annotations().ListSubmittedInProject(project_id, page);
    if (!got.ok()) return got.status();
    for (const domain::Annotation& a : got->items) {
      auto known = paused.find(a.annotator_id);
      if (known == paused.end()) {
        auto standing = standings.Of(*project, a.annotator_id);
        if (!standing.ok()) return standing.status();
        const bool is_paused = standing->verdict == GoldVerdict::kPaused;
        if (is_paused) ++summary.excluded_annotators;
        known = paused.emplace(a.annotator_id, is_paused).first;
      }
      if (known->second) continue;
      const std::optional<quality::ItemId> item = ItemOf(*ids, a.task_id);
      if (!item) continue;  // Imported after the task list was read.
      std::optional<std::string> vote = VoteOf(a.result, control);
      if (!vote) continue;
      table.AddIds(*item, table.annotator_names().Intern(std::to_string(a.annotator_id)),
                   table.label_names().Intern(*vote));
    }
    // A page of labels read is a place to stop; the inference below runs to its end (Dawid-Skene
    // on 5M votes: 190-289 ms, docs/benchmarks.md).
    if (progress != nullptr) CHORUS_RETURN_IF_ERROR(progress->CheckCancel());
    if (got->next_after_id == 0) break;
    page.after_id = got->next_after_id;
  }
  summary.votes = static_cast<int64_t>(table.size());

  std::vector<std::optional<quality::LabelId>> gold(ids->size());
  store::PageRequest gold_page{.after_id = 0, .limit = kReadPage};
  while (true) {
    auto got = store.gold().List(project_id, gold_page);
    if (!got.ok()) return got.status();
    for (const domain::GoldItem& g : got->items) {
      const std::optional<quality::ItemId> item = ItemOf(*ids, g.task_id);
      std::optional<std::string> reference = VoteOf(g.reference, control);
      if (!item || !reference) continue;
      gold[*item] = table.label_names().Intern(*reference);
      ++summary.gold_clamped;
    }
    if (got->next_after_id == 0) break;
    gold_page.after_id = got->next_after_id;
  }

  std::map<quality::ItemId, std::string> decided;  // Adjudicators' labels on the control.
  store::PageRequest decided_page{.after_id = 0, .limit = kReadPage};
  while (true) {
    auto got =
        store.adjudications().List(project_id, store::AdjudicationFilter::kDecided, decided_page);
    if (!got.ok()) return got.status();
    for (const domain::Adjudication& j : got->items) {
      const std::optional<quality::ItemId> item = ItemOf(*ids, j.task_id);
      std::optional<std::string> label = VoteOf(j.result, control);
      if (item && label) decided[*item] = std::move(*label);
    }
    if (got->next_after_id == 0) break;
    decided_page.after_id = got->next_after_id;
  }

  std::optional<quality::Aggregation> aggregation;
  if (!table.empty()) {
    if (method == quality::TruthMethod::kWeightedMajorityVote && summary.gold_clamped == 0) {
      return InvalidArgument(
          "wmv weighs annotators by their accuracy on gold items and the project has none that "
          "answer \"" +
              control.name + "\": mark gold items first, or use ds or wawa",
          "method");
    }
    quality::AggregateOptions options;
    options.method = method;
    options.threads = 1;  // A background job shares the server's cores with requests.
    if (summary.gold_clamped > 0) options.gold = gold;
    auto got = quality::Aggregate(table, options);
    if (!got.ok()) return got.status();
    aggregation = std::move(got).value();
  }

  const int64_t computed_at = now();
  std::vector<domain::TaskAggregate> rows;
  rows.reserve(ids->size());
  for (size_t i = 0; i < ids->size(); ++i) {
    domain::TaskAggregate row;
    row.task_id = (*ids)[i];
    row.project_id = project_id;
    row.control = control.name;
    row.method = summary.method;
    row.computed_at = computed_at;
    const quality::SoftLabels* soft = aggregation ? &aggregation->soft : nullptr;
    row.votes = soft != nullptr ? soft->votes[i] : 0;
    if (row.votes > 0) row.distribution = ByOption(table, soft->vote_shares.row(i));
    if (auto d = decided.find(static_cast<quality::ItemId>(i)); d != decided.end()) {
      row.label = d->second;
      row.posterior = json({{d->second, 1.0}}).dump();
      row.confidence = 1;
      row.weight = 1;
      row.source = domain::AggregateSource::kAdjudicated;
      ++summary.adjudicated;
    } else if (row.votes == 0) {
      row.ambiguous = true;  // Nothing to go on (as soft_labels.h flags it).
      ++summary.no_votes;
    } else {
      const quality::TruthEstimate& estimate = aggregation->estimate;
      row.label = std::string(table.label_names().Name(estimate.labels[i]));
      row.posterior = ByOption(table, estimate.posterior.row(i));
      row.confidence = estimate.confidence[i];
      row.weight = soft->training_weight[i];
      row.ambiguous = soft->ambiguous[i] != 0;
      row.source =
          row.votes == 1 ? domain::AggregateSource::kSingle : domain::AggregateSource::kInferred;
      ++(row.votes == 1 ? summary.single : summary.inferred);
    }
    if (row.ambiguous) ++summary.ambiguous;
    rows.push_back(std::move(row));
    if (progress != nullptr && (i + 1) % 1000 == 0) {
      progress->SetDone(static_cast<int64_t>(i + 1));
      CHORUS_RETURN_IF_ERROR(progress->CheckCancel());
    }
  }
  // The last point to stop: the aggregates are then replaced whole, in one transaction.
  if (progress != nullptr) CHORUS_RETURN_IF_ERROR(progress->CheckCancel());
  CHORUS_RETURN_IF_ERROR(store.aggregates().ReplaceForProject(project_id, rows));
  summary.tasks = static_cast<int64_t>(rows.size());
  if (progress != nullptr) progress->SetDone(summary.tasks);
  return summary;
}

}  // namespace

Result<AggregationSummary> AggregationService::Run(int64_t project_id, quality::TruthMethod method,
                                                   JobProgress* progress) {
  return RunAggregation(store_, *standings_, now_, project_id, method, progress);
}

Result<Job> AggregationService::Start(const Principal& actor, int64_t project_id,
                                      quality::TruthMethod method) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  // Refused now, not as a failed job: the caller can fix the interface.
  auto label_interface = ProjectLabelInterface(*project);
  if (!label_interface.ok()) return label_interface.status();
  CHORUS_RETURN_IF_ERROR(AggregationControl(*label_interface, *project).status());
  auto tasks = store_.tasks().Count(project_id);
  if (!tasks.ok()) return tasks.status();
  Job job;
  job.kind = "aggregate";
  job.owner_id = actor.user_id;
  job.project_id = project_id;
  job.total = *tasks;
  // The job holds what it needs, so it may outlive the service.
  store::Store* store = &store_;
  return runner_->Start(job, [store, standings = standings_, now = now_, project_id, method](
                                 JobProgress& progress, Job& result) {
    auto summary = RunAggregation(*store, *standings, now, project_id, method, &progress);
    if (!summary.ok()) return summary.status();
    result.manifest = SummaryJson(*summary, project_id).dump();
    return Status::Ok();
  });
}

Result<domain::TaskAggregate> AggregationService::ForTask(int64_t task_id) {
  return store_.aggregates().Get(task_id);
}

Result<store::Page<domain::TaskAggregate>> AggregationService::ForProject(
    int64_t project_id, const store::PageRequest& page) {
  return store_.aggregates().List(project_id, page);
}

}  // namespace chorus::service
