// Agreement monitoring in a project: how well the project's annotators agree on one
// single-choice control, overall, per option, per guideline version and per ISO week, with
// alerts that say when to revise the task instead of buying more labels (Chorus issue 6,
// item 9). Managers and reviewers read it (GET /api/v1/projects/{p}/agreement).
//
// What is read: every submitted annotation of the project (AnnotationStore::
// ListSubmittedInProject), gold tasks included (a gold task's answers are ordinary labels as
// far as agreement goes); skips and drafts are not labels; qualification answers are stored
// apart from annotations (GoldStore::RecordCalibration), given with feedback, and never
// counted. A result that leaves the control empty gives no vote.
// Ambiguous answers: on a control declared with "ambiguous": true, {"ambiguous": true} is a vote
// for one more category, "(ambiguous)" (domain::kAmbiguousCategory), listed last in `options`
// and `by_option`. Two annotators who both call an item ambiguous agree; one who calls it
// ambiguous and one who chose an option disagree. Its per-category kappa says how reliably
// annotators tell ambiguous items apart.
//
// Statistics (src/quality/agreement):
//   raw agreement     Fleiss' P-bar (MultiRaterPercentAgreement): the mean over items with two
//                     or more labels of the share of agreeing label pairs.
//   chance-corrected  Krippendorff's alpha, nominal (KrippendorffAlpha): docs/quality.md
//                     recommends it for crowdsourcing, where the number and the identity of the
//                     annotators vary from item to item, because it uses every pairable value
//                     and needs no fixed set of raters (Fleiss assumes n ratings on every item).
//   per option        Fleiss' per-category kappa kappa_j (Fleiss 1971), with the
//                     varying-n convention of fleiss.h: how reliably annotators tell option j
//                     from all the others.
// Buckets: per guideline version (the version shown when the label was given; 0 = no
// guidelines) and per ISO 8601 week (YYYY-Www) of the label's updated_at in UTC. A bucket holds
// the labels given in it, so an item counts in a bucket only if two of its labels fell in it.
// Weeks rather than every N labels: managers plan and revise guidelines by calendar, and a
// week lines up with the guideline versions they publish.
// Alerts: a chance-corrected value below 0.4 (Landis & Koch 1977, Biometrics 33:159-174, call
// 0.41-0.60 "moderate" and 0.21-0.40 only "fair") or raw agreement below 0.70. A bucket with
// fewer than min_paired_items items of two or more labels gives no alert (its `note` says so):
// a handful of items cannot tell a bad task from bad luck.
// Undefined figures carry their reason (quality::Statistic), never NaN.
// Thread-safety: Report is safe to call concurrently (the store is).
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/annotation.h"
#include "domain/label_interface.h"
#include "quality/statistic.h"
#include "store/store.h"

namespace chorus::service {

inline constexpr double kKappaAlertThreshold = 0.4;  // Chance-corrected (alpha, kappa_j).
inline constexpr double kRawAlertThreshold = 0.70;   // Raw (percent) agreement.
inline constexpr const char* kAgreementAdvice =
    "revise the task: tighter instructions, worked examples, fewer classes, an ambiguous bucket";

struct AgreementMonitorOptions {
  std::string control;            // Single-choice control; empty = the interface's first one.
  int64_t min_paired_items = 10;  // Buckets with fewer items of 2+ labels raise no alert.
};

// The figures of one bucket of labels.
struct AgreementFigures {
  int64_t labels = 0;                // Votes (submitted labels that chose an option).
  int64_t items = 0;                 // Tasks with at least one vote.
  int64_t paired_items = 0;          // Tasks with two or more votes: the ones agreement is made of.
  quality::Statistic raw_agreement;  // Fleiss' P-bar.
  quality::Statistic krippendorff_alpha;  // Nominal.
  std::string note;  // Why no alert can come from this bucket; empty when one can.
};

struct OptionAgreement {
  std::string option;
  int64_t labels = 0;        // Votes for this option.
  int64_t paired_items = 0;  // Items of 2+ votes where someone chose it.
  quality::Statistic kappa;  // Fleiss' per-category kappa.
  std::string note;
};

struct GuidelineAgreement {
  int64_t version = 0;
  AgreementFigures figures;
};

struct WeekAgreement {
  std::string week;  // ISO 8601, "2026-W48".
  AgreementFigures figures;
};

struct AgreementAlert {
  std::string scope;      // "project", "label:<option>", "guideline:<n>", "week:<YYYY-Www>".
  std::string statistic;  // "krippendorff_alpha", "raw_agreement", "fleiss_kappa".
  double value = 0;
  double threshold = 0;
  std::string advice;
};

struct AgreementMonitorReport {
  std::string control;
  std::vector<std::string> options;  // The control's options, in the interface's order, then
                                     // "(ambiguous)" when the control allows that answer.
  int64_t annotators = 0;
  int64_t min_paired_items = 0;
  double kappa_threshold = kKappaAlertThreshold;
  double raw_threshold = kRawAlertThreshold;
  AgreementFigures overall;
  std::vector<OptionAgreement> by_option;      // As `options`.
  std::vector<GuidelineAgreement> guidelines;  // By version.
  std::vector<WeekAgreement> weeks;            // Oldest first.
  std::vector<AgreementAlert> alerts;          // Project, options, guidelines, weeks.
};

// "YYYY-Www" of a Unix-millisecond time, UTC (ISO 8601: weeks start on Monday; week 1 holds
// the year's first Thursday).
std::string IsoWeek(int64_t unix_ms);

// The single-choice control agreement is measured on: the one named `name`, or the
// interface's first when `name` is empty. kInvalidArgument (field "control") when there is
// none. The pointer points into `label_interface`.
Result<const domain::Control*> AgreementControl(const domain::LabelInterface& label_interface,
                                                const std::string& name);

// The category an answer votes for on `control`: its option's index in control.labels, or
// control.labels.size() for "(ambiguous)" on a control that allows it; nullopt when the answer
// gives no vote (empty, an option since removed, ambiguity the control no longer allows).
std::optional<uint32_t> AgreementVote(const nlohmann::json& result, const domain::Control& control);

// Every submitted annotation of the project, page by page.
Result<std::vector<domain::Annotation>> SubmittedAnnotations(store::Store& store,
                                                             int64_t project_id);

// Krippendorff's nominal alpha over the same votes as the report's overall figure, with the
// 95% percentile interval of its bootstrap (Hayes & Krippendorff 2007; `samples` resamples
// from `seed`) in ci95: what a datasheet quotes. Pure. REQUIRES: as ComputeAgreementMonitor.
quality::Statistic AlphaWithInterval(const domain::Control& control,
                                     std::span<const domain::Annotation> annotations,
                                     int samples = 1000, uint64_t seed = 1);

// The report over `annotations` (submitted, one per annotator and task) for `control`.
// Pure. REQUIRES: control is a choices control without `multiple`.
AgreementMonitorReport ComputeAgreementMonitor(const domain::Control& control,
                                               std::span<const domain::Annotation> annotations,
                                               int64_t min_paired_items);

class AgreementMonitor {
 public:
  // REQUIRES: `store` outlives the monitor.
  explicit AgreementMonitor(store::Store& store) : store_(store) {}

  // kNotFound for an unknown project; kInvalidArgument (field "control") when the project has
  // no single-choice control, or `options.control` names none.
  Result<AgreementMonitorReport> Report(int64_t project_id,
                                        const AgreementMonitorOptions& options = {}) const;

 private:
  store::Store& store_;
};

}  // namespace chorus::service
