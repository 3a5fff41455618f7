#include "service/anchoring_service.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <span>

#include "core/format_number.h"
#include "domain/annotation_result.h"
#include "domain/label_interface.h"
#include "quality/wilson_interval.h"

namespace chorus::service {
namespace {

// The single option chosen in `control` by `result`, or nullopt (absent, ambiguous, several).
std::optional<std::string> SingleChoice(const nlohmann::json& result,
                                        const domain::Control& control) {
  if (result.is_discarded() || !result.is_object()) return std::nullopt;
  const std::vector<std::string> chosen = domain::SelectedChoices(result, control);
  if (chosen.size() != 1) return std::nullopt;
  return chosen[0];
}

void Finish(ModelAgreement& a) {
  if (a.compared == 0) return;
  a.rate = static_cast<double>(a.agree) / static_cast<double>(a.compared);
  a.wilson =
      quality::WilsonInterval(static_cast<uint64_t>(a.agree), static_cast<uint64_t>(a.compared));
}

// The distribution comparison and the anchoring test of one control, from its counts.
Status Compare(AnchoringControl& c) {
  const size_t k = c.options.size();
  int64_t blind_total = 0, drafted_total = 0;
  std::vector<double> table;
  for (size_t i = 0; i < k; ++i) table.push_back(static_cast<double>(c.drafted_counts[i]));
  for (size_t i = 0; i < k; ++i) table.push_back(static_cast<double>(c.blind_counts[i]));
  for (size_t i = 0; i < k; ++i) {
    drafted_total += c.drafted_counts[i];
    blind_total += c.blind_counts[i];
  }
  if (blind_total == 0 || drafted_total == 0) {
    c.comparison_reason = blind_total == 0 ? "no blind labels yet" : "no drafted labels yet";
  } else {
    auto chi = quality::ChiSquareTest(table, 2, k);
    if (!chi.ok()) return chi.status();
    auto g = quality::GTest(table, 2, k);
    if (!g.ok()) return g.status();
    c.chi_square = *chi;
    c.g_test = *g;
    c.js_distance = quality::JensenShannonDistance(std::span(table).subspan(0, k),
                                                   std::span(table).subspan(k, k));
  }
  Finish(c.blind);
  Finish(c.drafted);
  if (c.blind.compared > 0 && c.drafted.compared > 0) {
    const double agreement[] = {static_cast<double>(c.drafted.agree),
                                static_cast<double>(c.drafted.compared - c.drafted.agree),
                                static_cast<double>(c.blind.agree),
                                static_cast<double>(c.blind.compared - c.blind.agree)};
    auto test = quality::ChiSquareTest(agreement, 2, 2);
    if (!test.ok()) return test.status();
    c.agreement_test = *test;
    c.alert = *c.drafted.rate > *c.blind.rate && test->p_value < kAnchoringAlertP;
  }
  return Status::Ok();
}

}  // namespace

Result<AnchoringReport> AnchoringService::Report(int64_t project_id,
                                                 const std::string& model_version) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  AnchoringReport report;
  report.policy = project->drafts;
  report.model_version = !model_version.empty() ? model_version : project->drafts.model_version;
  if (report.model_version.empty()) {
    auto latest = store_.predictions().LatestModelVersion(project_id);
    if (!latest.ok()) return latest.status();
    if (!*latest) return report;
    report.model_version = **latest;
  }
  auto interface = domain::ParseLabelInterface(project->label_interface);
  if (!interface.ok()) return report;  // An unfinished interface has no controls to report.
  std::vector<const domain::Control*> controls;
  for (const domain::Control& control : interface->controls) {
    if (control.type != domain::ControlType::kChoices || control.multiple) continue;
    controls.push_back(&control);
    AnchoringControl c;
    c.control = control.name;
    c.options = control.labels;
    c.blind_counts.assign(control.labels.size(), 0);
    c.drafted_counts.assign(control.labels.size(), 0);
    report.controls.push_back(std::move(c));
  }
  auto predictions = store_.predictions().ListForModel(project_id, report.model_version);
  if (!predictions.ok()) return predictions.status();
  std::map<int64_t, nlohmann::json> model;  // By task id.
  for (const domain::Prediction& p : *predictions) {
    model.emplace(p.task_id, nlohmann::json::parse(p.result, nullptr, false));
  }
  store::PageRequest page;
  page.limit = 10'000;
  while (true) {
    auto batch = store_.annotations().ListSubmittedInProject(project_id, page);
    if (!batch.ok()) return batch.status();
    for (const domain::Annotation& a : batch->items) {
      if (a.source != domain::AnnotationSource::kHuman ||
          a.draft_model_version != report.model_version || (!a.blind && !a.draft_shown)) {
        continue;
      }
      const bool blind = a.blind;
      if (blind) {
        ++report.blind_labels;
      } else {
        ++report.drafted_labels;
        if (a.draft_accepted) ++report.accepted_unchanged;
      }
      const nlohmann::json result = nlohmann::json::parse(a.result, nullptr, false);
      const auto predicted = model.find(a.task_id);
      for (size_t i = 0; i < controls.size(); ++i) {
        const std::optional<std::string> label = SingleChoice(result, *controls[i]);
        if (!label) continue;
        AnchoringControl& c = report.controls[i];
        for (size_t o = 0; o < c.options.size(); ++o) {
          if (c.options[o] == *label) ++(blind ? c.blind_counts : c.drafted_counts)[o];
        }
        if (predicted == model.end()) continue;
        const std::optional<std::string> guess = SingleChoice(predicted->second, *controls[i]);
        if (!guess) continue;
        ModelAgreement& arm = blind ? c.blind : c.drafted;
        ++arm.compared;
        if (*guess == *label) ++arm.agree;
      }
    }
    if (batch->next_after_id == 0) break;
    page.after_id = batch->next_after_id;
  }
  if (report.drafted_labels > 0) {
    report.accept_rate =
        static_cast<double>(report.accepted_unchanged) / static_cast<double>(report.drafted_labels);
  }
  for (AnchoringControl& c : report.controls) {
    CHORUS_RETURN_IF_ERROR(Compare(c));
    if (c.alert) {
      report.alerts.push_back(
          c.control + ": drafted labels agree with model " + report.model_version + " " +
          WholePercent(*c.drafted.rate) + " of the time, blind labels " +
          WholePercent(*c.blind.rate) +
          " (chi-square p = " + fmt::format("{:.2g}", c.agreement_test->p_value) +
          "): annotators may be anchoring on the drafts; review the guidelines or raise the "
          "blind share");
    }
  }
  return report;
}

}  // namespace chorus::service
