// Annotator diversity (Chorus issue 6 item 8; domain/diversity_policy.h): the project's
// questions and quota, each member's own answers, the quota handed to the reservation, and
// the group report.
//
// Privacy (our reading of "visible only to managers, reported only in aggregate"): nothing
// here returns one person's answers to anyone but that person (Mine). Managers set the
// questions and read the report, which holds aggregates only: per group of annotators who
// gave the same answer, how many labelled, their label distribution and agreement. A group
// with fewer than kMinReportedGroup labellers is never reported on its own: such groups are
// merged into one "(small groups)" bucket, itself withheld when it is still under the
// threshold, so no figure describes one or two people. Answers are not written to the audit
// log (only that someone changed theirs), and they end with the membership.
//
// The quota (ReserveQuotaOf): LabellingService::Next passes the project's quota with the
// annotator's own answer to the store, which hands an ordinary task out only if the slots
// left after it cover the other groups' unmet minimums (domain::QuotaAdmits).
//
// Report: for each question, groups in the order of its answers, then "(no answer)" (those
// who labelled without answering), each with labellers, labels, the distribution over the
// options of the project's single-choice control and agreement within the group (nominal
// Krippendorff alpha and raw agreement, as service/agreement_monitor.h computes them);
// Pearson's chi-square test of whether the reported answer groups label alike
// (quality/independence.h); and the items where groups disagree systematically: two or more
// reported answer groups each gave the item 2+ labels with a strict majority, and those
// majorities differ. With a quota, how many finished ordinary items met it.
// Thread-safety: safe to call concurrently (the store is).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/annotation.h"
#include "domain/diversity_policy.h"
#include "domain/label_interface.h"
#include "quality/statistic.h"
#include "service/principal.h"
#include "store/store.h"

namespace chorus::service {

inline constexpr int64_t kMinReportedGroup = 3;  // Fewest labellers a reported group has.
inline constexpr const char* kNoAnswerGroup = "(no answer)";
inline constexpr const char* kSmallGroups = "(small groups)";
inline constexpr size_t kMaxDisagreementItems = 200;  // Listed, lowest task id first.

struct GroupFigures {
  std::string group;                  // An answer, kNoAnswerGroup or kSmallGroups.
  int64_t annotators = 0;             // Labellers in the group.
  int64_t labels = 0;                 // Their votes on the control.
  std::vector<int64_t> distribution;  // Votes per option (DiversityReport::options).
  quality::Statistic krippendorff_alpha;
  quality::Statistic raw_agreement;
  int64_t merged_groups = 0;  // kSmallGroups only: how many groups it merges.
};

struct GroupMajority {
  std::string group;
  std::string label;
  int64_t labels = 0;  // The group's labels on the item.
};

struct DisagreementItem {
  int64_t task_id = 0;
  std::vector<GroupMajority> majorities;  // One per group of 2+ labels, in answer order.
};

// Pearson's chi-square test of whether the reported answer groups share one label
// distribution (quality::ChiSquareTest over groups x options), undefined with its reason when
// fewer than two groups or two labels are in the table.
struct GroupDifference {
  quality::Statistic chi_square;  // X², or why the test is undefined.
  int64_t df = 0;
  std::optional<double> p_value;
  int64_t sparse_cells = 0;  // Cells with an expected count under 5 (Cochran 1954): rough.
  int64_t cells = 0;         // Cells of the rows and columns with labels.
};

struct AttributeReport {
  std::string attribute;
  std::string question;
  std::vector<GroupFigures> groups;   // Reported groups only.
  int64_t withheld_groups = 0;        // Small groups left out entirely (bucket too small).
  GroupDifference difference;       // Over the reported answer groups x options.
  std::vector<DisagreementItem> disagreements;
  int64_t disagreements_total = 0;  // Before the kMaxDisagreementItems cut.
  std::string note;                 // Why groups are merged or withheld; empty when none.
};

struct QuotaFulfilment {
  domain::DiversityQuota quota;
  int64_t finished_items = 0;  // Ordinary tasks with the project's overlap of labels.
  int64_t items_meeting = 0;   // Of those, items whose labels meet every minimum.
};

struct DiversityReport {
  std::string control;
  std::vector<std::string> options;
  int64_t min_group_size = kMinReportedGroup;
  std::vector<AttributeReport> attributes;
  std::optional<QuotaFulfilment> quota;
};

// The caller's own answers with the questions they answer.
struct MyDiversity {
  domain::DiversityPolicy policy;
  std::map<std::string, std::string> answers;  // Attribute -> value.
  bool member = false;  // Only members answer (an administrator may read the questions).
};

// What the reservation needs for `annotator_id` (their answer to the quota attribute, when it
// is one of its declared values), or nullopt when the project has no quota.
Result<std::optional<store::ReserveQuota>> ReserveQuotaOf(store::ProjectStore& projects,
                                                          const domain::Project& project,
                                                          int64_t annotator_id);

// The report over submitted `annotations` of `control`, grouping annotators by `answers`.
// `gold_tasks` are left out of quota fulfilment. Pure.
// REQUIRES: control is a choices control without `multiple`.
DiversityReport ComputeDiversityReport(const domain::DiversityPolicy& policy,
                                       const domain::Control& control, int64_t overlap,
                                       std::span<const domain::Annotation> annotations,
                                       std::span<const store::MemberAttribute> answers,
                                       const std::vector<int64_t>& gold_tasks);

class DiversityService {
 public:
  // REQUIRES: `store` outlives the service.
  DiversityService(store::Store& store, std::function<int64_t()> now);

  // kNotFound for an unknown project.
  Result<domain::DiversityPolicy> Policy(int64_t project_id);
  // Validates (kInvalidArgument naming "diversity.FIELD") and stores the policy; kConflict
  // when the project changed meanwhile (send it again).
  Result<domain::DiversityPolicy> SetPolicy(const Principal& actor, int64_t project_id,
                                            const domain::DiversityPolicy& policy);
  // kNotFound for an unknown project; kInvalidArgument (field "control") when the project asks
  // questions but has no single-choice control (an empty report when it asks none).
  Result<DiversityReport> Report(int64_t project_id);
  // The caller's own answers (answers the policy no longer declares are left out).
  Result<MyDiversity> Mine(const Principal& actor, int64_t project_id);
  // Replaces the caller's answers; an attribute left out is not answered. kInvalidArgument
  // naming "answers.ATTRIBUTE" for an unknown question or answer; kFailedPrecondition when the
  // caller is not a member of the project.
  Result<MyDiversity> SetMine(const Principal& actor, int64_t project_id,
                              const std::map<std::string, std::string>& answers);

 private:
  store::Store& store_;
  std::function<int64_t()> now_;
};

}  // namespace chorus::service
