#include "service/agreement_monitor.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <utility>

#include "domain/annotation_result.h"
#include "quality/agreement/fleiss.h"
#include "quality/agreement/krippendorff.h"
#include "quality/agreement/krippendorff_bootstrap.h"
#include "quality/vote_table.h"
#include "service/project_interface.h"

namespace chorus::service {
namespace {

using quality::Statistic;

// One vote: the task, the annotator and the option index, with when and under which
// guideline version it was given.
struct Vote {
  int64_t task_id = 0;
  int64_t annotator_id = 0;
  uint32_t option = 0;
  int64_t guideline_version = 0;
  int64_t updated_at = 0;
};

// The votes `annotations` cast on `control` (an answer without a vote casts none).
std::vector<Vote> VotesOf(const domain::Control& control,
                          std::span<const domain::Annotation> annotations) {
  std::vector<Vote> votes;
  for (const domain::Annotation& a : annotations) {
    const nlohmann::json result = nlohmann::json::parse(a.result, nullptr, false);
    if (result.is_discarded()) continue;  // The store validated it; never expected.
    const std::optional<uint32_t> option = AgreementVote(result, control);
    if (option) votes.push_back({a.task_id, a.annotator_id, *option, a.guideline_version,
                                 a.updated_at});
  }
  return votes;
}

// The control's categories: its options, then "(ambiguous)" when it allows that answer.
std::vector<std::string> CategoriesOf(const domain::Control& control) {
  std::vector<std::string> categories = control.labels;
  if (control.ambiguous) categories.emplace_back(domain::kAmbiguousCategory);
  return categories;
}

// A table whose label ids are the option indices (every option interned first, in order), so
// nobody-chose-it options still count as categories.
quality::VoteTable TableOf(const std::vector<std::string>& options, std::span<const Vote> votes) {
  quality::VoteTable table;
  for (const std::string& option : options) table.label_names().Intern(option);
  table.Reserve(votes.size());
  for (const Vote& v : votes) {
    table.Add(std::to_string(v.task_id), std::to_string(v.annotator_id), options[v.option]);
  }
  return table;
}

int64_t PairedItems(const quality::CategoryCounts& counts) {
  int64_t paired = 0;
  for (size_t i = 0; i < counts.item_count; ++i) {
    uint32_t n = 0;
    for (uint32_t c : counts.row(i)) n += c;
    if (n >= 2) ++paired;
  }
  return paired;
}

std::string TooFewNote(int64_t paired, int64_t min_paired) {
  return "only " + std::to_string(paired) + " item(s) with two or more labels (fewer than " +
         std::to_string(min_paired) + "): no alert until there are more";
}

AgreementFigures FiguresOf(const std::vector<std::string>& options, std::span<const Vote> votes,
                           int64_t min_paired) {
  const quality::VoteTable table = TableOf(options, votes);
  const quality::CategoryCounts counts = quality::CountByItem(table);
  AgreementFigures f;
  f.labels = static_cast<int64_t>(votes.size());
  f.items = static_cast<int64_t>(table.item_count());
  f.paired_items = PairedItems(counts);
  f.raw_agreement = quality::MultiRaterPercentAgreement(counts);
  f.krippendorff_alpha = quality::KrippendorffAlpha(
      quality::GroupByItem(table), table.label_count(), quality::MeasurementLevel::kNominal, {});
  if (f.paired_items < min_paired) f.note = TooFewNote(f.paired_items, min_paired);
  return f;
}

void AlertIfLow(const std::string& scope, const char* statistic, const Statistic& s,
                double threshold, std::vector<AgreementAlert>& alerts) {
  if (!s.defined() || *s.value >= threshold) return;
  alerts.push_back({scope, statistic, *s.value, threshold, kAgreementAdvice});
}

void AlertOnFigures(const std::string& scope, const AgreementFigures& f,
                    std::vector<AgreementAlert>& alerts) {
  if (!f.note.empty()) return;
  AlertIfLow(scope, "krippendorff_alpha", f.krippendorff_alpha, kKappaAlertThreshold, alerts);
  AlertIfLow(scope, "raw_agreement", f.raw_agreement, kRawAlertThreshold, alerts);
}

}  // namespace

std::string IsoWeek(int64_t unix_ms) {
  using namespace std::chrono;
  const sys_days day = floor<days>(sys_time<milliseconds>(milliseconds(unix_ms)));
  const unsigned iso_weekday = weekday(day).iso_encoding();  // Monday 1 .. Sunday 7.
  const sys_days thursday = day - days(iso_weekday - 1) + days(3);
  const year_month_day thursday_date(thursday);
  const sys_days jan1 = sys_days(thursday_date.year() / January / 1);
  const int week = static_cast<int>((thursday - jan1).count() / 7) + 1;
  char out[32];
  std::snprintf(out, sizeof out, "%04d-W%02d", static_cast<int>(thursday_date.year()), week);
  return out;
}

Result<const domain::Control*> AgreementControl(const domain::LabelInterface& label_interface,
                                                const std::string& name) {
  const domain::Control* control = nullptr;
  for (const domain::Control& c : label_interface.controls) {
    const bool single_choice = c.type == domain::ControlType::kChoices && !c.multiple;
    if (name.empty() ? single_choice : c.name == name) {
      control = &c;
      break;
    }
  }
  if (control == nullptr) {
    return InvalidArgument(
        name.empty() ? "the project's label interface has no single-choice control to measure "
                       "agreement on: add a choices control without \"multiple\""
                     : "names no control of the project's label interface",
        "control");
  }
  if (control->type != domain::ControlType::kChoices || control->multiple) {
    return InvalidArgument(
        "agreement is measured on a choices control without \"multiple\"; name one", "control");
  }
  return control;
}

std::optional<uint32_t> AgreementVote(const nlohmann::json& result, const domain::Control& control) {
  if (domain::IsAmbiguousAnswer(result, control)) {
    // The control allowed it once and no longer does: not a category now.
    if (!control.ambiguous) return std::nullopt;
    return static_cast<uint32_t>(control.labels.size());
  }
  const std::vector<std::string> chosen = domain::SelectedChoices(result, control);
  if (chosen.empty()) return std::nullopt;
  for (size_t i = 0; i < control.labels.size(); ++i) {
    if (control.labels[i] == chosen.front()) return static_cast<uint32_t>(i);
  }
  return std::nullopt;  // An option since removed from the interface.
}

Result<std::vector<domain::Annotation>> SubmittedAnnotations(store::Store& store,
                                                             int64_t project_id) {
  std::vector<domain::Annotation> annotations;
  store::PageRequest page{.after_id = 0, .limit = 5000};
  while (true) {
    Result<store::Page<domain::Annotation>> got =
        store.annotations().ListSubmittedInProject(project_id, page);
    if (!got.ok()) return got.status();
    for (domain::Annotation& a : got->items) annotations.push_back(std::move(a));
    if (got->next_after_id == 0) break;
    page.after_id = got->next_after_id;
  }
  return annotations;
}

AgreementMonitorReport ComputeAgreementMonitor(const domain::Control& control,
                                               std::span<const domain::Annotation> annotations,
                                               int64_t min_paired_items) {
  AgreementMonitorReport report;
  report.control = control.name;
  // An ambiguous answer is a vote for one more category: annotators who agree an item is
  // ambiguous agree, and one who calls it ambiguous disagrees with one who chose an option.
  const std::vector<std::string> categories = CategoriesOf(control);
  report.options = categories;
  report.min_paired_items = min_paired_items;

  const std::vector<Vote> votes = VotesOf(control, annotations);
  std::map<int64_t, std::vector<Vote>> by_guideline;
  std::map<std::string, std::vector<Vote>> by_week;  // "YYYY-Www" sorts by time.
  std::map<int64_t, bool> annotators;
  for (const Vote& vote : votes) {
    by_guideline[vote.guideline_version].push_back(vote);
    by_week[IsoWeek(vote.updated_at)].push_back(vote);
    annotators[vote.annotator_id] = true;
  }
  report.annotators = static_cast<int64_t>(annotators.size());

  report.overall = FiguresOf(categories, votes, min_paired_items);
  AlertOnFigures("project", report.overall, report.alerts);

  const quality::VoteTable table = TableOf(categories, votes);
  const quality::CategoryCounts counts = quality::CountByItem(table);
  const quality::FleissKappa fleiss = quality::ComputeFleissKappa(counts);
  for (size_t j = 0; j < categories.size(); ++j) {
    OptionAgreement o;
    o.option = categories[j];
    o.kappa = j < fleiss.per_category.size()
                  ? fleiss.per_category[j]
                  : Statistic::Undefined("no item has two or more labels");
    for (size_t i = 0; i < counts.item_count; ++i) {
      o.labels += counts.at(i, j);
      uint32_t n = 0;
      for (uint32_t c : counts.row(i)) n += c;
      if (n >= 2 && counts.at(i, j) > 0) ++o.paired_items;
    }
    if (o.paired_items < min_paired_items) {
      o.note = TooFewNote(o.paired_items, min_paired_items);
    } else {
      AlertIfLow("label:" + o.option, "fleiss_kappa", o.kappa, kKappaAlertThreshold, report.alerts);
    }
    report.by_option.push_back(std::move(o));
  }

  for (const auto& [version, bucket] : by_guideline) {
    GuidelineAgreement g{version, FiguresOf(categories, bucket, min_paired_items)};
    AlertOnFigures("guideline:" + std::to_string(version), g.figures, report.alerts);
    report.guidelines.push_back(std::move(g));
  }
  for (const auto& [week, bucket] : by_week) {
    WeekAgreement w{week, FiguresOf(categories, bucket, min_paired_items)};
    AlertOnFigures("week:" + week, w.figures, report.alerts);
    report.weeks.push_back(std::move(w));
  }
  return report;
}

Result<AgreementMonitorReport> AgreementMonitor::Report(
    int64_t project_id, const AgreementMonitorOptions& options) const {
  Result<domain::Project> project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto label_interface = ProjectLabelInterface(*project);
  if (!label_interface.ok()) return label_interface.status();
  Result<const domain::Control*> control = AgreementControl(*label_interface, options.control);
  if (!control.ok()) return control.status();
  Result<std::vector<domain::Annotation>> annotations = SubmittedAnnotations(store_, project_id);
  if (!annotations.ok()) return annotations.status();
  return ComputeAgreementMonitor(**control, *annotations, options.min_paired_items);
}

Statistic AlphaWithInterval(const domain::Control& control,
                             std::span<const domain::Annotation> annotations, int samples,
                             uint64_t seed) {
  const std::vector<std::string> categories = CategoriesOf(control);
  const quality::VoteTable table = TableOf(categories, VotesOf(control, annotations));
  quality::AlphaBootstrapOptions options;
  options.samples = samples;
  options.seed = seed;
  auto boot = quality::KrippendorffAlphaBootstrap(
      quality::GroupByItem(table), table.label_count(), quality::MeasurementLevel::kNominal, {},
      options);
  if (!boot.ok()) return Statistic::Undefined(boot.status().message());
  return boot->alpha;
}

}  // namespace chorus::service
