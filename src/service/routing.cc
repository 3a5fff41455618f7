#include "service/routing.h"

#include <algorithm>
#include <cstdio>
#include <nlohmann/json.hpp>

#include "core/format_number.h"
#include "domain/annotation_result.h"

namespace chorus::service {
namespace {

// An annotator's accuracy from their gold answers, shrunk towards the policy's prior.
double Skill(const GoldStanding& standing, double prior_skill) {
  return (static_cast<double>(standing.correct) + 2 * prior_skill) /
         (static_cast<double>(standing.answers) + 2);
}

}  // namespace

const char* RoutingActionName(RoutingAction action) {
  switch (action) {
    case RoutingAction::kWait: return "wait";
    case RoutingAction::kEnough: return "enough";
    case RoutingAction::kWantMore: return "want_more";
    case RoutingAction::kEscalate: return "escalate";
  }
  return "wait";
}

RoutingDecision DecideRouting(const domain::RoutingPolicy& policy, int64_t overlap,
                              std::optional<int64_t> wanted, int64_t labels,
                              const std::vector<quality::SkilledVote>& votes, size_t option_count,
                              int64_t ambiguous_votes) {
  RoutingDecision d;
  const int64_t target = wanted.value_or(overlap);
  d.wanted = target;
  if (!votes.empty()) {
    std::vector<int64_t> counts(option_count, 0);
    for (const quality::SkilledVote& v : votes) ++counts[v.label];
    // Ambiguous votes count as votes that agree with no option.
    d.agreement = static_cast<double>(*std::max_element(counts.begin(), counts.end())) /
                  static_cast<double>(static_cast<int64_t>(votes.size()) + ambiguous_votes);
    const std::vector<double> posterior = quality::ItemPosterior(votes, option_count);
    d.confidence = *std::max_element(posterior.begin(), posterior.end());
  }
  std::string figures = std::to_string(labels) + " labels, " + WholePercent(d.agreement) +
                        " agree (" + WholePercent(policy.agree_at) + " wanted), posterior " +
                        WholePercent(d.confidence);
  if (ambiguous_votes > 0) figures += ", " + std::to_string(ambiguous_votes) + " ambiguous";
  if (policy.stop_confidence < 1 && !votes.empty() && ambiguous_votes == 0 &&
      labels >= policy.min_labels && d.confidence >= policy.stop_confidence) {
    d.action = RoutingAction::kEnough;
    d.wanted = labels;
    d.reason = figures + ": confident enough to stop";
  } else if (labels < target) {
    d.action = RoutingAction::kWait;
    d.reason = figures + ": waiting for " + std::to_string(target) + " labels";
  } else if (!votes.empty() && d.agreement >= policy.agree_at) {
    d.action = RoutingAction::kEnough;
    d.wanted = labels;
    d.reason = figures + ": the labels agree";
  } else if (labels < policy.max_overlap) {
    d.action = RoutingAction::kWantMore;
    d.wanted = labels + 1;
    d.reason = figures + ": asking for one more label";
  } else {
    d.action = RoutingAction::kEscalate;
    d.wanted = labels;
    d.reason = figures + ": still disagreeing at the most labels allowed (" +
               std::to_string(policy.max_overlap) + ")";
  }
  return d;
}

const domain::Control* RoutingControl(const domain::LabelInterface& label_interface,
                                      const domain::RoutingPolicy& policy) {
  const domain::Control* control = policy.control.empty()
                                       ? domain::FirstChoices(label_interface)
                                       : domain::FindControl(label_interface, policy.control);
  if (control == nullptr || control->type != domain::ControlType::kChoices || control->multiple) {
    return nullptr;
  }
  return control;
}

Status CheckRoutingControl(const domain::Project& project) {
  if (!project.routing.dynamic) return Status::Ok();
  auto parsed = domain::ParseLabelInterface(project.label_interface);
  if (parsed.ok() && RoutingControl(*parsed, project.routing) != nullptr) return Status::Ok();
  return InvalidArgument(
      "dynamic overlap judges the labels on a single choice control; name one in "
      "routing.control (or add one to the interface), or turn routing.dynamic off",
      "routing.control");
}

Result<RoutingDecision> TaskRouter::Route(const domain::Project& project, int64_t task_id,
                                          int64_t now_ms) {
  RoutingDecision none;
  if (!project.routing.dynamic) return none;
  auto parsed = domain::ParseLabelInterface(project.label_interface);
  if (!parsed.ok()) return none;
  const domain::Control* control = RoutingControl(*parsed, project.routing);
  if (control == nullptr) return none;
  auto routing = store_.tasks().GetRouting(task_id);
  if (!routing.ok()) return routing.status();
  if (routing->is_gold) return none;
  // Once escalated, the task waits for its adjudicator whatever its labels do.
  auto escalated = store_.adjudications().Get(task_id);
  if (escalated.ok()) return none;
  if (escalated.status().code() != StatusCode::kNotFound) return escalated.status();

  auto annotations = store_.annotations().ListByTask(task_id);
  if (!annotations.ok()) return annotations.status();
  int64_t labels = 0;
  int64_t ambiguous = 0;
  std::vector<quality::SkilledVote> votes;
  for (const domain::Annotation& a : *annotations) {
    if (a.state != domain::AnnotationState::kSubmitted) continue;
    ++labels;
    const auto result = nlohmann::json::parse(a.result, nullptr, false);
    if (domain::IsAmbiguousAnswer(result, *control)) {
      ++ambiguous;
      continue;
    }
    const std::vector<std::string> chosen = domain::SelectedChoices(result, *control);
    if (chosen.empty()) continue;
    const auto option = std::find(control->labels.begin(), control->labels.end(), chosen[0]);
    if (option == control->labels.end()) continue;
    auto standing = standings_.Of(project, a.annotator_id);
    if (!standing.ok()) return standing.status();
    votes.push_back({static_cast<size_t>(option - control->labels.begin()),
                     Skill(*standing, project.routing.prior_skill)});
  }
  RoutingDecision decision = DecideRouting(project.routing, project.overlap, routing->wanted,
                                           labels, votes, control->labels.size(), ambiguous);
  const int64_t target = routing->wanted.value_or(project.overlap);
  // An early stop leaves room for labels being made now (reservations held), so nobody who
  // is mid-task loses their work; their label decides again.
  if (decision.action == RoutingAction::kEnough) {
    decision.wanted = std::min(target, std::max(decision.wanted, routing->taken));
  }
  switch (decision.action) {
    case RoutingAction::kWait: break;
    case RoutingAction::kEnough:
    case RoutingAction::kWantMore:
      if (decision.wanted != target) {
        auto set = store_.tasks().SetWanted(task_id, decision.wanted, labels);
        if (!set.ok()) return set.status();
      }
      break;
    case RoutingAction::kEscalate: {
      domain::Adjudication opened;
      opened.task_id = task_id;
      opened.reason = decision.reason;
      opened.opened_at = now_ms;
      auto escalate = store_.adjudications().Escalate(opened, labels);
      if (!escalate.ok()) return escalate.status();
      break;
    }
  }
  return decision;
}

}  // namespace chorus::service
