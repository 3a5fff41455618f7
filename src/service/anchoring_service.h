// The anchoring report (issue 7 item 2): do model drafts pull annotators toward the model?
//
// Labels are split by their draft provenance (domain::Annotation): drafted (the model's draft
// was shown) and blind (a draft existed and was withheld, service/model_drafts.h), for one
// model version (the draft policy's, else the project's latest). Per single-choice control:
//  - the blind and drafted label distributions, compared by Pearson's chi-square and the G-test
//    of independence (2 × options table) and the Jensen-Shannon distance
//    (quality/independence.h);
//  - the model's accuracy on blind labels (its prediction against the blind human label) with a
//    95% Wilson interval (quality/wilson_interval.h), and the same agreement for drafted labels;
//  - an alert when drafted labels agree with the model more than blind labels do and the 2 × 2
//    table (arm × agrees) has a chi-square p-value below kAnchoringAlertP: anchoring.
// Plus, over all controls, how many drafted labels were accepted unchanged.
// Drafted labels are compared with the model's current prediction (a re-import after the label
// replaces what was shown). Callers check the role (Action::kManageProjects).
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "domain/draft_policy.h"
#include "quality/independence.h"
#include "quality/statistic.h"
#include "store/store.h"

namespace chorus::service {

// The p-value under which drafted labels' extra agreement with the model raises an alert.
inline constexpr double kAnchoringAlertP = 0.01;

// Agreement with the model in one arm: labels compared and how many equal the model's.
struct ModelAgreement {
  int64_t compared = 0;
  int64_t agree = 0;
  std::optional<double> rate;               // agree / compared; nullopt when nothing compared.
  std::optional<quality::Interval> wilson;  // 95% Wilson interval of the rate.
};

struct AnchoringControl {
  std::string control;                  // The control's name.
  std::vector<std::string> options;     // In the interface's order.
  std::vector<int64_t> blind_counts;    // Per option: blind labels choosing it.
  std::vector<int64_t> drafted_counts;  // Per option: drafted labels choosing it.
  // The distribution tests; nullopt (with the reason) until both arms have labels.
  std::optional<quality::IndependenceTest> chi_square;
  std::optional<quality::IndependenceTest> g_test;
  std::optional<double> js_distance;
  std::string comparison_reason;
  ModelAgreement blind;    // Its rate is the model's accuracy measured on blind labels.
  ModelAgreement drafted;  // How often drafted labels equal the model.
  // Chi-square on [[drafted agree, disagree], [blind agree, disagree]]; nullopt until both
  // arms have compared labels.
  std::optional<quality::IndependenceTest> agreement_test;
  bool alert = false;
};

struct AnchoringReport {
  std::string model_version;  // "" when the project has no predictions.
  domain::DraftPolicy policy;
  int64_t drafted_labels = 0;              // Submitted labels with this model's draft shown.
  int64_t blind_labels = 0;                // Submitted labels that were blind controls.
  int64_t accepted_unchanged = 0;          // Drafted labels equal to the draft when submitted.
  std::optional<double> accept_rate;       // accepted_unchanged / drafted_labels.
  std::vector<AnchoringControl> controls;  // Single-choice controls, in display order.
  std::vector<std::string> alerts;         // One sentence per alerting control.
};

class AnchoringService {
 public:
  // REQUIRES: `store` outlives the service.
  explicit AnchoringService(store::Store& store) : store_(store) {}

  // The report for `model_version` ("" : the draft policy's, else the latest). kNotFound for an
  // unknown project.
  Result<AnchoringReport> Report(int64_t project_id, const std::string& model_version = "");

 private:
  store::Store& store_;
};

}  // namespace chorus::service
