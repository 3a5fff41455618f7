// Labelling functions stored in a project and run over its tasks (issue 7 item 7).
//
// A project keeps one document of labelling functions in the shape the CLI's function file
// uses (quality/ingest/function_set_reader.h: {"labels", "functions": [{name, kind keyword |
// regex, keywords | pattern, case_sensitive?, label}]}), so one parser serves both. "labels"
// may be left out: the project's control's options are filled in; when given, each must be
// one of those options.
//
// A run applies the functions to each task's text (the data field the control reads, its
// "to", or a named field; a task whose field is not a string gives an empty text, on which
// every function abstains), reports per function its coverage, overlap, conflict and accuracy
// against the human answer (service/human_reference.h, kUnanchored; Wilson 95% interval), fits
// the label model (quality/weak/weak_supervision.h) and appends, for each task some function
// voted on, a rule label (domain/machine_label.h: source "rule", the rule set's name, the
// label model's most likely label and its probability). Rule labels never close a task and are
// never annotations. Runs are background jobs (kind "weak_labels") whose manifest holds the
// statistics. Callers check the role (Action::kManageProjects).
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "quality/statistic.h"
#include "service/job_runner.h"
#include "service/principal.h"
#include "store/store.h"

namespace chorus::service {

struct WeakLabelRequest {
  std::string text_field;                    // "" : the field the control reads.
  std::string rule_set = "labelling-functions";  // The rule labels' origin, 1..200 bytes.
};

struct FunctionReport {
  std::string name;
  std::string label;
  double coverage = 0;
  double overlap = 0;
  double conflict = 0;
  int64_t judged = 0;  // Votes on tasks with a human answer.
  int64_t correct = 0;
  std::optional<double> accuracy;
  std::optional<quality::Interval> wilson95;
};

struct WeakLabelSummary {
  std::string rule_set;
  std::string control;
  std::string text_field;
  int64_t tasks = 0;
  int64_t covered = 0;   // Tasks some function voted on.
  int64_t labelled = 0;  // Rule labels written.
  std::vector<std::string> labels;
  std::vector<double> class_balance;  // The label model's estimate, per label.
  std::vector<FunctionReport> functions;
  int iterations = 0;
  bool converged = true;
};

class WeakLabelling {
 public:
  // REQUIRES: `store` outlives the service; runner is not null.
  WeakLabelling(store::Store& store, std::shared_ptr<JobRunner> runner,
                std::function<int64_t()> now);

  // The stored document (JSON text, "" when none) and when it was written. kNotFound.
  Result<std::pair<std::string, int64_t>> Functions(int64_t project_id);
  // Validates and stores `document` (labels filled in when absent); returns what was stored.
  // kInvalidArgument naming the field at fault ("labels", "functions[1].pattern", ...).
  Result<std::string> PutFunctions(const Principal& actor, int64_t project_id,
                                   const std::string& document);
  // Removes the document; ok when there was none.
  Status DeleteFunctions(const Principal& actor, int64_t project_id);

  // Runs now, in the caller's thread. kInvalidArgument naming "text_field", "rule_set",
  // "functions" (none stored) or "control"; the label model's error when no function votes.
  Result<WeakLabelSummary> Run(int64_t project_id, const WeakLabelRequest& request,
                               JobProgress* progress = nullptr);
  // Checks what can be checked now, then runs as a background job owned by `actor`.
  Result<Job> Start(const Principal& actor, int64_t project_id, const WeakLabelRequest& request);

 private:
  store::Store& store_;
  std::shared_ptr<JobRunner> runner_;
  std::function<int64_t()> now_;
};

}  // namespace chorus::service
