#include "service/datasheet.h"

#include <algorithm>
#include <map>
#include <utility>
#include <vector>

#include "domain/annotation.h"
#include "domain/label_interface.h"
#include "domain/machine_label.h"
#include "quality/wilson_interval.h"
#include "service/agreement_monitor.h"
#include "service/anchoring_service.h"
#include "service/datasheet_prompts.h"
#include "service/diversity_service.h"
#include "service/gold_service.h"
#include "service/pay_service.h"
#include "service/statistic_json.h"
#include "service/wellbeing_service.h"

namespace chorus::service {
namespace {

using nlohmann::json;

json StatisticJson(const quality::Statistic& s) { return StatisticToJson(s); }

json Share(int64_t part, int64_t whole) {
  return whole > 0 ? json(static_cast<double>(part) / static_cast<double>(whole)) : json(nullptr);
}

// Minimum, median and maximum of `values` (sorted here); nulls when there are none.
json Spread(std::vector<int64_t> values) {
  std::sort(values.begin(), values.end());
  if (values.empty()) return {{"count", 0}, {"min", nullptr}, {"median", nullptr}, {"max", nullptr}};
  const size_t n = values.size();
  const double median = n % 2 == 1 ? static_cast<double>(values[n / 2])
                                   : (values[n / 2 - 1] + values[n / 2]) / 2.0;
  return {{"count", n}, {"min", values.front()}, {"median", median}, {"max", values.back()}};
}

// Every stored aggregate of the project, page by page.
Result<std::vector<domain::TaskAggregate>> AllAggregates(store::Store& store, int64_t project_id) {
  std::vector<domain::TaskAggregate> out;
  store::PageRequest page{0, 1000};
  while (true) {
    auto got = store.aggregates().List(project_id, page);
    if (!got.ok()) return got.status();
    for (auto& a : got->items) out.push_back(std::move(a));
    if (got->next_after_id == 0) return out;
    page.after_id = got->next_after_id;
  }
}

json InterfaceJson(const domain::LabelInterface& label_interface) {
  json controls = json::array();
  for (const domain::Control& c : label_interface.controls) {
    controls.push_back({{"name", c.name},
                        {"type", domain::ControlTypeName(c.type)},
                        {"labels", c.labels},
                        {"reads", c.to}});
  }
  return controls;
}

// The project's machine labels (auto labels and rule labels), page by page.
Result<std::vector<domain::MachineLabel>> AllMachineLabels(store::Store& store, int64_t project_id) {
  std::vector<domain::MachineLabel> out;
  store::PageRequest page{0, 1000};
  while (true) {
    auto got = store.machine_labels().List(project_id, std::nullopt, page);
    if (!got.ok()) return got.status();
    for (auto& m : got->items) out.push_back(std::move(m));
    if (got->next_after_id == 0) return out;
    page.after_id = got->next_after_id;
  }
}

// Labels by source, human labels by what the model showed them, and machine labels by the
// model version or rule set that made them.
json ProvenanceJson(const std::vector<domain::Annotation>& labels,
                    const std::vector<domain::MachineLabel>& machine,
                    const std::vector<domain::TaskAggregate>& aggregates) {
  std::map<std::string, int64_t> by_source, exposure, by_method, aggregate_source, by_origin;
  for (const domain::MachineLabel& m : machine) {
    ++by_source[std::string(domain::AnnotationSourceName(m.source)) + " (machine label)"];
    ++by_origin[std::string(domain::AnnotationSourceName(m.source)) + ": " + m.origin];
  }
  for (const domain::Annotation& a : labels) {
    ++by_source[domain::AnnotationSourceName(a.source)];
    if (a.source != domain::AnnotationSource::kHuman) continue;
    ++exposure[a.draft_shown ? "draft_shown" : a.blind ? "blind_control" : "no_draft"];
  }
  for (const domain::TaskAggregate& a : aggregates) {
    ++by_method[a.method];
    ++aggregate_source[domain::AggregateSourceName(a.source)];
  }
  return {{"labels_by_source", by_source},
          {"human_labels_by_model_exposure", exposure},
          {"machine_labels_by_origin", by_origin},
          {"aggregates_by_method", by_method},
          {"aggregates_by_source", aggregate_source}};
}

}  // namespace

DatasheetService::DatasheetService(store::Store& store, std::function<int64_t()> now)
    : store_(store), now_(std::move(now)) {}

Result<json> DatasheetService::Build(int64_t project_id) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto parsed = domain::ParseLabelInterface(project->label_interface);
  const domain::LabelInterface label_interface =
      parsed.ok() ? *std::move(parsed) : domain::LabelInterface{};
  auto tasks = store_.tasks().Count(project_id);
  if (!tasks.ok()) return tasks.status();
  auto labels = SubmittedAnnotations(store_, project_id);
  if (!labels.ok()) return labels.status();
  auto aggregates = AllAggregates(store_, project_id);
  if (!aggregates.ok()) return aggregates.status();
  auto machine = AllMachineLabels(store_, project_id);
  if (!machine.ok()) return machine.status();
  auto tally = store_.tasks().TallyRouting(project_id, project->overlap);
  if (!tally.ok()) return tally.status();
  auto gold = GoldService(store_, now_).Report(project_id);
  if (!gold.ok()) return gold.status();
  auto pay = PayService(store_).Report(project_id);
  if (!pay.ok()) return pay.status();
  auto wellbeing = WellbeingService(store_, now_).Report(project_id);
  if (!wellbeing.ok()) return wellbeing.status();
  auto guidelines = store_.projects().ListGuidelines(project_id);
  if (!guidelines.ok()) return guidelines.status();

  json sheet = {{"datasheet_version", 1},
                {"generated_at", now_()},
                {"project",
                 {{"id", project->id},
                  {"name", project->name},
                  {"description", project->description},
                  {"created_at", project->created_at}}}};
  std::vector<std::string> limitations;

  // Composition.
  std::map<int64_t, bool> labelled_tasks;
  for (const domain::Annotation& a : *labels) labelled_tasks[a.task_id] = true;
  json composition = {{"tasks", *tasks},
                      {"gold_tasks", gold->gold_items},
                      {"labelled_tasks", labelled_tasks.size()},
                      {"submitted_labels", labels->size()},
                      {"machine_labels", machine->size()},
                      {"data_fields", domain::DataFieldsUsed(label_interface)}};
  auto control = AgreementControl(label_interface, "");
  if (control.ok()) {
    std::vector<std::string> options = (*control)->labels;
    if ((*control)->ambiguous) options.emplace_back(domain::kAmbiguousCategory);
    std::map<std::string, int64_t> counts;
    int64_t total = 0;
    const bool from_aggregates = !aggregates->empty();
    if (from_aggregates) {
      for (const auto& a : *aggregates) {
        if (a.label && a.control == (*control)->name) ++counts[*a.label], ++total;
      }
    } else {
      for (const domain::Annotation& a : *labels) {
        const json result = json::parse(a.result, nullptr, false);
        if (result.is_discarded()) continue;
        if (auto vote = AgreementVote(result, **control)) ++counts[options.at(*vote)], ++total;
      }
    }
    json rows = json::array();
    for (const std::string& option : options) {
      rows.push_back({{"label", option}, {"count", counts[option]}, {"share", Share(counts[option], total)}});
    }
    composition["label_distribution"] = {
        {"control", (*control)->name},
        {"basis", from_aggregates ? "aggregated labels" : "individual votes"},
        {"rows", std::move(rows)}};
  }
  sheet["composition"] = std::move(composition);

  // Collection and labelling process.
  json versions = json::array();
  for (const domain::Guideline& g : *guidelines)
    versions.push_back({{"version", g.version}, {"created_at", g.created_at}});
  auto anchoring = AnchoringService(store_).Report(project_id);
  json assistance = {{"drafts_enabled", project->drafts.enabled},
                     {"blind_share", project->drafts.blind_share}};
  if (anchoring.ok()) {
    assistance["model_version"] = anchoring->model_version;
    assistance["drafted_labels"] = anchoring->drafted_labels;
    assistance["blind_labels"] = anchoring->blind_labels;
    assistance["accept_rate"] = anchoring->accept_rate ? json(*anchoring->accept_rate) : json(nullptr);
    assistance["alerts"] = anchoring->alerts;
    for (const std::string& alert : anchoring->alerts) limitations.push_back(alert);
  }
  sheet["collection"] = {
      {"label_interface", InterfaceJson(label_interface)},
      {"guideline_versions", std::move(versions)},
      {"overlap", project->overlap},
      {"routing",
       {{"required_tier", domain::TierName(project->routing.required_tier)},
        {"dynamic_overlap", project->routing.dynamic},
        {"max_overlap", project->routing.max_overlap}}},
      {"gold",
       {{"items", gold->gold_items},
        {"rate", project->gold.rate},
        {"warn_below", project->gold.warn_below},
        {"pause_below", project->gold.pause_below},
        {"qualification_items", project->gold.qualification_items},
        {"qualification_pass", project->gold.qualification_pass}}},
      {"model_assistance", std::move(assistance)}};

  // The annotator pool: counts and distributions only.
  std::map<std::string, int64_t> tiers;
  std::vector<int64_t> hourly;
  int64_t labellers = 0, below_floor = 0;
  for (const AnnotatorPay& a : pay->annotators) {
    if (a.work.submitted == 0) continue;
    ++labellers;
    ++tiers[domain::TierName(a.tier)];
    if (a.effective_cents_per_hour) hourly.push_back(*a.effective_cents_per_hour);
    if (a.below_floor) ++below_floor;
  }
  std::vector<int64_t> sensitive;
  for (const AnnotatorExposure& e : wellbeing->annotators) sensitive.push_back(e.total_sensitive);
  json pool = {{"labellers", labellers},
               {"by_tier", tiers},
               {"effective_pay_cents_per_hour", Spread(hourly)},
               {"pay_floor_cents_per_hour", project->pay.floor_cents_per_hour},
               {"below_floor", below_floor},
               {"sensitive_items_per_annotator", Spread(sensitive)},
               {"wellbeing_caps_enabled", project->wellbeing.enabled},
               {"daily_sensitive_cap", project->wellbeing.daily_cap}};
  json attributes = json::array();
  if (!project->diversity.attributes.empty()) {
    auto diversity = DiversityService(store_, now_).Report(project_id);
    if (diversity.ok()) {
      for (const AttributeReport& a : diversity->attributes) {
        json groups = json::array();
        for (const GroupFigures& g : a.groups)
          groups.push_back({{"group", g.group}, {"annotators", g.annotators}, {"labels", g.labels}});
        attributes.push_back({{"attribute", a.attribute},
                              {"groups", std::move(groups)},
                              {"withheld_groups", a.withheld_groups},
                              {"note", a.note}});
      }
    }
  }
  pool["self_reported_attributes"] = std::move(attributes);
  if (below_floor > 0 && pay->spent_cents > 0) {  // Projects that pay outside Chorus spend 0.
    limitations.push_back(std::to_string(below_floor) +
                          " annotator(s) earned less per hour than the project's pay floor.");
  }
  sheet["annotators"] = std::move(pool);

  // Quality.
  json quality = json::object();
  if (control.ok()) {
    const quality::Statistic alpha = AlphaWithInterval(**control, *labels);
    const AgreementMonitorReport report = ComputeAgreementMonitor(**control, *labels, 10);
    quality["agreement"] = {{"control", (*control)->name},
                            {"krippendorff_alpha", StatisticJson(alpha)},
                            {"raw_agreement", StatisticJson(report.overall.raw_agreement)},
                            {"paired_items", report.overall.paired_items}};
    for (const AgreementAlert& alert : report.alerts) {
      if (alert.scope == "project") limitations.push_back(alert.advice);
    }
    if (alpha.ci95 && alpha.ci95->high - alpha.ci95->low > 0.2) {
      limitations.push_back("Agreement is measured on few items: its 95% interval is wider than 0.2.");
    }
  }
  int64_t gold_answers = 0, gold_correct = 0;
  for (const AnnotatorGoldReport& a : gold->annotators) {
    gold_answers += a.standing.answers;
    gold_correct += a.standing.correct;
  }
  const quality::Interval gold_ci = quality::WilsonInterval(gold_correct, gold_answers);
  quality["gold_accuracy"] = {{"answers", gold_answers},
                              {"correct", gold_correct},
                              {"accuracy", Share(gold_correct, gold_answers)},
                              {"ci95", {gold_ci.low, gold_ci.high}}};
  if (gold_answers < 30) {
    limitations.push_back("Fewer than 30 answers on gold items: accuracy against gold is uncertain.");
  }
  const int64_t escalated = tally->escalated + tally->adjudicated;
  quality["adjudication"] = {{"escalated", escalated},
                             {"decided", tally->adjudicated},
                             {"rate", Share(escalated, static_cast<int64_t>(labelled_tasks.size()))}};
  double expected_errors = 0;
  int64_t aggregated = 0;
  for (const auto& a : *aggregates) {
    if (!a.label) continue;  // No votes: no label to be wrong.
    expected_errors += 1 - a.confidence;
    ++aggregated;
  }
  quality["estimated_label_error"] = {
      {"aggregated_tasks", aggregated},
      {"rate", aggregated == 0 ? json(nullptr)
                               : json(expected_errors / static_cast<double>(aggregated))},
      {"basis", "mean of 1 - the posterior probability of each aggregated label"}};
  if (aggregated == 0) {
    limitations.push_back("No stored aggregates: labels were not aggregated, so there is no "
                          "estimated label error rate.");
  }
  sheet["quality"] = std::move(quality);

  if (!machine->empty()) {
    limitations.push_back(std::to_string(machine->size()) +
                          " label(s) were made by a model or rules, not people: check them in "
                          "the validation report before training on them.");
  }
  sheet["provenance"] = ProvenanceJson(*labels, *machine, *aggregates);
  sheet["limitations"] = limitations;
  sheet["prompts"] = DatasheetPrompts();
  return sheet;
}

}  // namespace chorus::service
