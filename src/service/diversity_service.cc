#include "service/diversity_service.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "quality/independence.h"
#include "service/agreement_monitor.h"
#include "service/audit.h"
#include "service/project_interface.h"

namespace chorus::service {
namespace {

// Each user's answer to `attribute` when the policy declares it, by user id.
std::map<int64_t, std::string> AnswersTo(const domain::DiversityAttribute& attribute,
                                         std::span<const store::MemberAttribute> answers) {
  std::map<int64_t, std::string> out;
  for (const store::MemberAttribute& a : answers) {
    if (a.attribute != attribute.name) continue;
    if (std::find(attribute.values.begin(), attribute.values.end(), a.value) ==
        attribute.values.end()) {
      continue;  // An answer the policy no longer offers: as if not given.
    }
    out[a.user_id] = a.value;
  }
  return out;
}

GroupFigures FiguresOfGroup(std::string name, const domain::Control& control,
                            std::span<const domain::Annotation> annotations) {
  const AgreementMonitorReport agreement = ComputeAgreementMonitor(control, annotations, 1);
  GroupFigures g;
  g.group = std::move(name);
  g.annotators = agreement.annotators;
  g.labels = agreement.overall.labels;
  for (const OptionAgreement& o : agreement.by_option) g.distribution.push_back(o.labels);
  g.krippendorff_alpha = agreement.overall.krippendorff_alpha;
  g.raw_agreement = agreement.overall.raw_agreement;
  return g;
}

// The chi-square test over `table` (groups x options), with the cells whose expected count is
// under 5 counted for the caution.
GroupDifference DifferenceOf(const std::vector<std::vector<int64_t>>& table) {
  GroupDifference out;
  const size_t rows = table.size(), cols = rows == 0 ? 0 : table[0].size();
  std::vector<double> counts, row_total(rows, 0), col_total(cols, 0);
  double n = 0;
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < cols; ++j) {
      counts.push_back(double(table[i][j]));
      row_total[i] += double(table[i][j]);
      col_total[j] += double(table[i][j]);
      n += double(table[i][j]);
    }
  }
  const auto used = [](const std::vector<double>& totals) {
    return std::count_if(totals.begin(), totals.end(), [](double t) { return t > 0; });
  };
  if (used(row_total) < 2) {
    out.chi_square = quality::Statistic::Undefined("fewer than two groups gave labels");
    return out;
  }
  if (used(col_total) < 2) {
    out.chi_square = quality::Statistic::Undefined("every label given is the same answer");
    return out;
  }
  const auto test = quality::ChiSquareTest(counts, rows, cols);
  if (!test.ok()) {
    out.chi_square = quality::Statistic::Undefined(test.status().message());
    return out;
  }
  out.chi_square = quality::Statistic::Of(test->statistic);
  out.df = test->degrees_of_freedom;
  out.p_value = test->p_value;
  for (size_t i = 0; i < rows; ++i) {
    for (size_t j = 0; j < cols; ++j) {
      if (row_total[i] == 0 || col_total[j] == 0) continue;
      ++out.cells;
      out.sparse_cells += row_total[i] * col_total[j] / n < 5;
    }
  }
  return out;
}

struct CastVote {
  int64_t task_id = 0;
  int64_t annotator_id = 0;
  uint32_t option = 0;
};

// The option a group's votes on one item settle on: a strict plurality of 2+ votes, or none.
std::optional<uint32_t> GroupMajorityOf(const std::map<uint32_t, int64_t>& counts, int64_t* total) {
  *total = 0;
  int64_t best = 0, runner_up = 0;
  uint32_t best_option = 0;
  for (const auto& [option, n] : counts) {
    *total += n;
    if (n > best) {
      runner_up = best;
      best = n;
      best_option = option;
    } else if (n > runner_up) {
      runner_up = n;
    }
  }
  if (*total < 2 || best == runner_up) return std::nullopt;
  return best_option;
}

AttributeReport ReportAttribute(const domain::DiversityAttribute& attribute,
                                const domain::Control& control,
                                const std::vector<std::string>& options,
                                std::span<const domain::Annotation> annotations,
                                const std::vector<CastVote>& votes,
                                std::span<const store::MemberAttribute> answers) {
  AttributeReport report;
  report.attribute = attribute.name;
  report.question = attribute.question;
  const std::map<int64_t, std::string> answer_of = AnswersTo(attribute, answers);
  // Groups in answer order, then those who labelled without answering.
  std::vector<std::string> names = attribute.values;
  names.emplace_back(kNoAnswerGroup);
  const auto group_index = [&](int64_t user) -> size_t {
    const auto it = answer_of.find(user);
    if (it == answer_of.end()) return names.size() - 1;
    return size_t(std::find(names.begin(), names.end(), it->second) - names.begin());
  };
  std::vector<std::vector<domain::Annotation>> by_group(names.size());
  for (const domain::Annotation& a : annotations)
    by_group[group_index(a.annotator_id)].push_back(a);

  std::vector<domain::Annotation> small;
  int64_t small_groups = 0;
  std::vector<bool> reported(names.size(), false);
  for (size_t g = 0; g < names.size(); ++g) {
    GroupFigures figures = FiguresOfGroup(names[g], control, by_group[g]);
    if (figures.annotators == 0) continue;
    if (figures.annotators < kMinReportedGroup) {
      small.insert(small.end(), by_group[g].begin(), by_group[g].end());
      ++small_groups;
      continue;
    }
    reported[g] = true;
    report.groups.push_back(std::move(figures));
  }
  if (small_groups > 0) {
    GroupFigures merged = FiguresOfGroup(kSmallGroups, control, small);
    merged.merged_groups = small_groups;
    if (merged.annotators >= kMinReportedGroup) {
      report.note = std::to_string(small_groups) + " group(s) with fewer than " +
                    std::to_string(kMinReportedGroup) + " annotators are reported together as \"" +
                    kSmallGroups + "\"";
      report.groups.push_back(std::move(merged));
    } else {
      report.withheld_groups = small_groups;
      report.note = std::to_string(small_groups) + " group(s) with fewer than " +
                    std::to_string(kMinReportedGroup) +
                    " annotators are withheld: even together they are too few to report "
                    "without describing individuals";
    }
  }

  // Whether the reported answer groups label alike: answer groups x options.
  std::vector<std::vector<int64_t>> table;
  for (const GroupFigures& g : report.groups) {
    if (g.group == kNoAnswerGroup || g.group == kSmallGroups) continue;
    table.push_back(g.distribution);
  }
  report.difference = DifferenceOf(table);

  // Items where reported answer groups' own majorities differ.
  std::map<int64_t, std::vector<std::map<uint32_t, int64_t>>> per_item;
  for (const CastVote& v : votes) {
    const size_t g = group_index(v.annotator_id);
    if (!reported[g] || g == names.size() - 1) continue;
    auto& counts = per_item[v.task_id];
    if (counts.empty()) counts.resize(names.size());
    ++counts[g][v.option];
  }
  for (const auto& [task_id, counts] : per_item) {
    DisagreementItem item{task_id, {}};
    std::set<uint32_t> labels;
    for (size_t g = 0; g < counts.size(); ++g) {
      int64_t total = 0;
      const std::optional<uint32_t> majority = GroupMajorityOf(counts[g], &total);
      if (!majority) continue;
      labels.insert(*majority);
      item.majorities.push_back({names[g], options[*majority], total});
    }
    if (item.majorities.size() < 2 || labels.size() < 2) continue;
    ++report.disagreements_total;
    if (report.disagreements.size() < kMaxDisagreementItems) {
      report.disagreements.push_back(std::move(item));
    }
  }
  return report;
}

QuotaFulfilment FulfilmentOf(const domain::DiversityPolicy& policy, int64_t overlap,
                             std::span<const domain::Annotation> annotations,
                             std::span<const store::MemberAttribute> answers,
                             const std::vector<int64_t>& gold_tasks) {
  QuotaFulfilment out;
  out.quota = *policy.quota;
  const domain::DiversityAttribute* attribute = domain::FindAttribute(policy, out.quota.attribute);
  std::map<int64_t, std::string> answer_of;
  if (attribute != nullptr) answer_of = AnswersTo(*attribute, answers);
  const std::set<int64_t> gold(gold_tasks.begin(), gold_tasks.end());
  std::map<int64_t, std::pair<int64_t, std::map<std::string, int64_t>>> per_task;
  for (const domain::Annotation& a : annotations) {
    if (gold.contains(a.task_id)) continue;  // Gold is handed out apart from the quota.
    auto& [labels, groups] = per_task[a.task_id];
    ++labels;
    if (const auto it = answer_of.find(a.annotator_id); it != answer_of.end()) ++groups[it->second];
  }
  for (const auto& [task_id, tally] : per_task) {
    if (tally.first < overlap) continue;
    ++out.finished_items;
    const bool met =
        std::all_of(out.quota.minimums.begin(), out.quota.minimums.end(), [&](const auto& minimum) {
          const auto it = tally.second.find(minimum.first);
          return it != tally.second.end() && it->second >= minimum.second;
        });
    out.items_meeting += met;
  }
  return out;
}

}  // namespace

Result<std::optional<store::ReserveQuota>> ReserveQuotaOf(store::ProjectStore& projects,
                                                          const domain::Project& project,
                                                          int64_t annotator_id) {
  const auto& quota = project.diversity.quota;
  if (!quota) return std::optional<store::ReserveQuota>();
  store::ReserveQuota out{quota->attribute, quota->minimums, std::nullopt};
  auto answers = projects.MemberAttributes(project.id, annotator_id);
  if (!answers.ok()) return answers.status();
  const domain::DiversityAttribute* attribute =
      domain::FindAttribute(project.diversity, quota->attribute);
  if (const auto it = answers->find(quota->attribute); it != answers->end() && attribute) {
    if (std::find(attribute->values.begin(), attribute->values.end(), it->second) !=
        attribute->values.end()) {
      out.group = it->second;
    }
  }
  return std::optional<store::ReserveQuota>(std::move(out));
}

DiversityReport ComputeDiversityReport(const domain::DiversityPolicy& policy,
                                       const domain::Control& control, int64_t overlap,
                                       std::span<const domain::Annotation> annotations,
                                       std::span<const store::MemberAttribute> answers,
                                       const std::vector<int64_t>& gold_tasks) {
  DiversityReport report;
  report.control = control.name;
  report.options = control.labels;
  if (control.ambiguous) report.options.emplace_back(domain::kAmbiguousCategory);
  std::vector<CastVote> votes;
  for (const domain::Annotation& a : annotations) {
    const nlohmann::json result = nlohmann::json::parse(a.result, nullptr, false);
    if (result.is_discarded()) continue;
    if (const auto option = AgreementVote(result, control)) {
      votes.push_back({a.task_id, a.annotator_id, *option});
    }
  }
  for (const domain::DiversityAttribute& attribute : policy.attributes) {
    report.attributes.push_back(
        ReportAttribute(attribute, control, report.options, annotations, votes, answers));
  }
  if (policy.quota) {
    report.quota = FulfilmentOf(policy, overlap, annotations, answers, gold_tasks);
  }
  return report;
}

DiversityService::DiversityService(store::Store& store, std::function<int64_t()> now)
    : store_(store), now_(std::move(now)) {}

Result<domain::DiversityPolicy> DiversityService::Policy(int64_t project_id) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  return project->diversity;
}

Result<domain::DiversityPolicy> DiversityService::SetPolicy(const Principal& actor,
                                                            int64_t project_id,
                                                            const domain::DiversityPolicy& policy) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  CHORUS_RETURN_IF_ERROR(domain::ValidateDiversityPolicy(policy, project->overlap));
  const domain::DiversityPolicy before = project->diversity;
  project->diversity = policy;
  auto updated = store_.projects().Update(*project);
  if (!updated.ok()) return updated.status();
  CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "project.diversity", "project",
                                      project_id, domain::ToJson(before).dump(),
                                      domain::ToJson(policy).dump(), now_()));
  return updated->diversity;
}

Result<DiversityReport> DiversityService::Report(int64_t project_id) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  // Nothing asked, nothing to report: a project without a choice control is no error then.
  if (project->diversity.attributes.empty()) return DiversityReport{};
  auto label_interface = ProjectLabelInterface(*project);
  if (!label_interface.ok()) return label_interface.status();
  auto control = AgreementControl(*label_interface, project->routing.control);
  if (!control.ok()) return control.status();
  auto annotations = SubmittedAnnotations(store_, project_id);
  if (!annotations.ok()) return annotations.status();
  auto answers = store_.projects().ListMemberAttributes(project_id);
  if (!answers.ok()) return answers.status();
  std::vector<int64_t> gold;
  store::PageRequest page{.after_id = 0, .limit = 5000};
  while (true) {
    auto items = store_.gold().List(project_id, page);
    if (!items.ok()) return items.status();
    for (const domain::GoldItem& g : items->items) gold.push_back(g.task_id);
    if (items->next_after_id == 0) break;
    page.after_id = items->next_after_id;
  }
  return ComputeDiversityReport(project->diversity, **control, project->overlap, *annotations,
                                *answers, gold);
}

Result<MyDiversity> DiversityService::Mine(const Principal& actor, int64_t project_id) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  auto answers = store_.projects().MemberAttributes(project_id, actor.user_id);
  if (!answers.ok()) return answers.status();
  auto member = store_.projects().IsMember(project_id, actor.user_id);
  if (!member.ok()) return member.status();
  MyDiversity mine{project->diversity, {}, *member};
  for (const auto& [attribute, value] : *answers) {
    const domain::DiversityAttribute* a = domain::FindAttribute(mine.policy, attribute);
    if (a != nullptr && std::find(a->values.begin(), a->values.end(), value) != a->values.end()) {
      mine.answers[attribute] = value;
    }
  }
  return mine;
}

Result<MyDiversity> DiversityService::SetMine(const Principal& actor, int64_t project_id,
                                              const std::map<std::string, std::string>& answers) {
  auto project = store_.projects().Get(project_id);
  if (!project.ok()) return project.status();
  for (const auto& [attribute, value] : answers) {
    const domain::DiversityAttribute* a = domain::FindAttribute(project->diversity, attribute);
    if (a == nullptr) {
      return InvalidArgument("is not a question this project asks; leave it out",
                             "answers." + attribute);
    }
    if (std::find(a->values.begin(), a->values.end(), value) == a->values.end()) {
      return InvalidArgument("must be one of the answers offered, or left out to not say",
                             "answers." + attribute);
    }
  }
  Status stored = store_.projects().SetMemberAttributes(project_id, actor.user_id, answers);
  if (stored.code() == StatusCode::kNotFound) {
    return Status(StatusCode::kFailedPrecondition,
                  "only members of the project answer its questions; ask a manager to add you",
                  "answers");
  }
  CHORUS_RETURN_IF_ERROR(stored);
  // The audit log says that answers changed, never what they are.
  CHORUS_RETURN_IF_ERROR(RecordChange(store_.audit(), actor.user_id, "member.diversity_answers",
                                      "project", project_id, "{}", "{}", now_()));
  return Mine(actor, project_id);
}

}  // namespace chorus::service
