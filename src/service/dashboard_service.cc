#include "service/dashboard_service.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include <nlohmann/json.hpp>

#include "quality/agreement/annotator_agreement.h"
#include "quality/vote_table.h"
#include "service/agreement_monitor.h"
#include "service/gold_standing.h"

namespace chorus::service {

std::vector<GoldAccuracyWeek> GoldAccuracyByWeek(const domain::LabelInterface& label_interface,
                                                 std::span<const store::GoldAnswer> answers,
                                                 const domain::GoldPolicy& policy) {
  // Bucketed first, so each bucket is scored by the one scorer the gold report uses.
  std::map<std::pair<int64_t, std::string>, std::vector<store::GoldAnswer>> buckets;
  for (const store::GoldAnswer& a : answers) {
    buckets[{a.annotator_id, IsoWeek(a.updated_at)}].push_back(a);
  }
  std::vector<GoldAccuracyWeek> rows;
  for (const auto& [key, bucket] : buckets) {
    const GoldStanding standing = ScoreGoldAnswers(label_interface, bucket, policy).standing;
    if (standing.answers == 0) continue;  // Nothing judged: no point to plot.
    GoldAccuracyWeek row;
    row.annotator_id = key.first;
    row.week = key.second;
    row.answers = standing.answers;
    row.correct = standing.correct;
    row.accuracy = standing.accuracy;
    row.ci95 = standing.ci95;
    rows.push_back(std::move(row));
  }
  return rows;
}

PairwiseAgreementReport ComputePairwiseAgreement(const domain::Control& control,
                                                 std::span<const domain::Annotation> annotations,
                                                 uint64_t min_shared_items) {
  PairwiseAgreementReport report;
  report.control = control.name;
  report.min_shared_items = static_cast<int64_t>(min_shared_items);
  struct Vote {
    int64_t task_id = 0;
    int64_t annotator_id = 0;
    uint32_t category = 0;
  };
  std::vector<Vote> votes;
  std::map<int64_t, bool> voters;
  for (const domain::Annotation& a : annotations) {
    const nlohmann::json result = nlohmann::json::parse(a.result, nullptr, false);
    if (result.is_discarded()) continue;
    const std::optional<uint32_t> category = AgreementVote(result, control);
    if (!category) continue;
    votes.push_back({a.task_id, a.annotator_id, *category});
    voters[a.annotator_id] = true;
  }
  // Interned in id order first, so the table's annotator i is report.annotators[i].
  quality::VoteTable table;
  for (const auto& [id, unused] : voters) {
    table.annotator_names().Intern(std::to_string(id));
    report.annotators.push_back({id, ""});
  }
  const size_t categories = control.labels.size() + 1;  // The last: "(ambiguous)".
  for (size_t c = 0; c < categories; ++c) table.label_names().Intern(std::to_string(c));
  for (const Vote& v : votes) {
    table.Add(std::to_string(v.task_id), std::to_string(v.annotator_id),
              std::to_string(v.category));
  }
  quality::AnnotatorAgreementOptions options;
  options.min_shared_items = min_shared_items;
  const quality::AnnotatorAgreement agreement = quality::ComputeAnnotatorAgreement(
      quality::GroupByItem(table), categories, report.annotators.size(), options);
  for (const quality::AnnotatorPairAgreement& pair : agreement.pairs) {
    report.pairs.push_back({report.annotators[pair.first].id, report.annotators[pair.second].id,
                            static_cast<int64_t>(pair.shared_items), pair.percent_agreement,
                            pair.cohen_kappa});
  }
  return report;
}

Result<std::vector<GoldAccuracyWeek>> DashboardService::GoldAccuracy(int64_t project_id) const {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto label_interface = domain::ParseLabelInterface(project->label_interface);
  if (!label_interface.ok()) return label_interface.status();
  auto answers = store_.gold().Answers(project_id, std::nullopt);
  if (!answers.ok()) return answers.status();
  std::vector<GoldAccuracyWeek> rows = GoldAccuracyByWeek(*label_interface, *answers, project->gold);
  std::map<int64_t, std::string> names;
  for (GoldAccuracyWeek& row : rows) {
    auto found = names.find(row.annotator_id);
    if (found == names.end()) {
      auto user = store_.users().Get(row.annotator_id);
      if (!user.ok()) return user.status();
      found = names.emplace(row.annotator_id, user->display_name).first;
    }
    row.display_name = found->second;
  }
  return rows;
}

Result<PairwiseAgreementReport> DashboardService::PairwiseAgreement(int64_t project_id) const {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto label_interface = domain::ParseLabelInterface(project->label_interface);
  if (!label_interface.ok()) return label_interface.status();
  auto control = AgreementControl(*label_interface, "");
  if (!control.ok()) return control.status();
  auto annotations = SubmittedAnnotations(store_, project_id);
  if (!annotations.ok()) return annotations.status();
  PairwiseAgreementReport report =
      ComputePairwiseAgreement(**control, *annotations, kPairwiseMinSharedItems);
  for (DashboardAnnotator& a : report.annotators) {
    auto user = store_.users().Get(a.id);
    if (!user.ok()) return user.status();
    a.display_name = user->display_name;
  }
  return report;
}

}  // namespace chorus::service
