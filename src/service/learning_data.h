// What the built-in learner (quality/learner/text_classifier.h) reads from a project: the text
// of each task, the classes of the single-choice control judged, and the labels known so far.
// Shared by the active-learning queue (service/active_queue.h) and the suspect labels
// (service/suspect_labels.h).
//
// Text: the data field the request names, else the first field bound to a spans or text
// control, else the field the judged control is bound to. Tasks whose data has no string in
// that field are left out (counted). Classes: the options of the control aggregates are
// computed on (service/aggregation_service.h: the routing control, else the first
// single-choice control).
// Labels: the stored aggregates' labels with their training weight (at least kMinWeight, so a
// low-weight label still counts a little) when the project has been aggregated; otherwise the
// majority of the submitted human labels on the control (ties to the option listed first in
// the interface), weight 1. "(ambiguous)" answers are no class and label nothing.
// Thread-safety: pure functions over the store, safe to call concurrently.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/label_interface.h"
#include "domain/project.h"
#include "quality/learner/text_classifier.h"
#include "store/store.h"

namespace chorus::service {

inline constexpr double kMinWeight = 0.1;

struct LearningSetup {
  std::string control;               // The single-choice control judged.
  std::vector<std::string> classes;  // Its options, in the interface's order.
  std::string text_field;            // The data field the learner reads.
};

// kInvalidArgument naming "control" when the project has no single-choice control, or
// "text_field" when no control is bound to a field and none was named.
Result<LearningSetup> ProjectLearningSetup(const domain::LabelInterface& label_interface,
                                           const domain::Project& project,
                                           std::string_view text_field);

enum class LabelSource { kAggregates, kMajority };
const char* LabelSourceName(LabelSource source);  // "aggregates", "majority".

struct LearningTask {
  int64_t task_id = 0;
  std::string text;
  bool gold = false;
  std::optional<size_t> label;      // Class index; nullopt: no label yet.
  double weight = 1;                // Training weight of the label.
  std::vector<double> posterior;    // Per class (aggregates only; empty otherwise).
  std::vector<double> vote_shares;  // Per class, of the raw votes (empty without votes).
};

struct LearningSet {
  LearningSetup setup;
  LabelSource source = LabelSource::kMajority;
  std::vector<LearningTask> tasks;  // Tasks with text, in id order.
  int64_t without_text = 0;         // Tasks whose data has no string in setup.text_field.
};

// Reads the whole project (memory: every task's text). kNotFound for an unknown project;
// kInvalidArgument as ProjectLearningSetup, or naming "text_field" when no task has text there.
Result<LearningSet> ReadLearningSet(store::Store& store, int64_t project_id,
                                    std::string_view text_field);

// The built-in learner on a set's labelled tasks.
struct Learnt {
  std::vector<size_t> labelled;                 // Indices into LearningSet::tasks.
  std::vector<quality::LabelledText> examples;  // One per labelled task.
  quality::ProbMatrix out_of_fold;              // One row per labelled task.
  double out_of_fold_accuracy = 0;              // Its argmax against the stored labels.
  quality::TextClassifier model;                // Trained on every example, calibrated.
};

// kFailedPrecondition (field "labels") below two labelled tasks: label some first.
Result<Learnt> LearnFrom(const LearningSet& set, uint64_t seed, size_t folds = 5);

}  // namespace chorus::service
