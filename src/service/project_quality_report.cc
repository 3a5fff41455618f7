#include "service/project_quality_report.h"

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <vector>

#include "domain/label_interface.h"
#include "service/agreement_monitor.h"
#include "service/aggregation_service.h"
#include "service/human_reference.h"
#include "service/svg_chart.h"

namespace chorus::service {
namespace {

constexpr int64_t kGoldPage = 5000;

// "Ada (#7)", or "#7" when the user is gone.
std::string AnnotatorName(store::Store& store, int64_t user_id) {
  auto user = store.users().Get(user_id);
  const std::string id = "#" + std::to_string(user_id);
  return user.ok() && !user->display_name.empty() ? user->display_name + " (" + id + ")" : id;
}

}  // namespace

std::string DataExcerpt(const std::string& data_json) {
  const nlohmann::json data = nlohmann::json::parse(data_json, nullptr, false);
  std::string text;
  if (data.is_object()) {
    for (const auto& [field, value] : data.items()) {
      if (!value.is_string()) continue;
      text += (text.empty() ? "" : " · ") + field + ": " + value.get<std::string>();
      if (text.size() > kExcerptBytes) break;
    }
  }
  if (text.empty()) text = data.is_discarded() ? data_json : data.dump();
  return ShortenUtf8(text, kExcerptBytes);
}

Result<ProjectQualityReport> BuildProjectQualityReport(store::Store& store, int64_t project_id,
                                                       const quality::QualityReportOptions& options) {
  auto loaded = LoadProjectControl(store, project_id);
  if (!loaded.ok()) return loaded.status();
  const domain::Control& control = loaded->control();

  auto annotations = SubmittedAnnotations(store, project_id);
  if (!annotations.ok()) return annotations.status();
  // The control's options first, in the interface's order, so unused options are listed too.
  quality::VoteTable table;
  for (const std::string& option : control.labels) table.label_names().Intern(option);
  std::map<int64_t, quality::AnnotatorId> annotators;
  for (const domain::Annotation& a : *annotations) {
    std::optional<std::string> vote = VoteOf(a.result, control);
    if (!vote) continue;
    auto known = annotators.find(a.annotator_id);
    if (known == annotators.end()) {
      known = annotators
                  .emplace(a.annotator_id,
                           table.annotator_names().Intern(AnnotatorName(store, a.annotator_id)))
                  .first;
    }
    table.AddIds(table.item_names().Intern(std::to_string(a.task_id)), known->second,
                 table.label_names().Intern(*vote));
  }
  if (table.empty()) {
    return InvalidArgument("nobody has answered \"" + control.name + "\" in project " +
                               std::to_string(project_id) +
                               " yet: a quality report needs submitted labels",
                           "votes");
  }

  quality::QualityReportOptions with_gold = options;
  with_gold.gold.assign(table.item_count(), std::nullopt);
  store::PageRequest page{.after_id = 0, .limit = kGoldPage};
  while (true) {
    auto got = store.gold().List(project_id, page);
    if (!got.ok()) return got.status();
    for (const domain::GoldItem& g : got->items) {
      const auto item = table.item_names().Find(std::to_string(g.task_id));
      std::optional<std::string> reference = VoteOf(g.reference, control);
      if (item && reference) with_gold.gold[*item] = table.label_names().Intern(*reference);
    }
    if (got->next_after_id == 0) break;
    page.after_id = got->next_after_id;
  }
  bool any_gold = false;
  for (const auto& g : with_gold.gold) any_gold = any_gold || g.has_value();
  if (!any_gold) with_gold.gold.clear();

  auto report = quality::ComputeQualityReport(table, with_gold);
  if (!report.ok()) return report.status();
  for (quality::ReportDisagreement& row : report->disagreements) {
    auto task = store.tasks().Get(std::stoll(row.item));
    if (task.ok()) row.excerpt = DataExcerpt(task->data);
  }
  return ProjectQualityReport{project_id, loaded->project.name, control.name,
                              std::move(report).value()};
}

}  // namespace chorus::service
