// Reading the two files of `chorus errors`: LABELS (item,label: each item's given label) and
// PROBS (item,<class1>,<class2>,...: each item's out-of-fold predicted probabilities, the
// header naming the classes), matched by item.
//
// Both are CSV with a header (TSV for .tsv files). LABELS names its columns with the usual
// aliases (item, task, unit, ... and label, answer, ...; other columns are ignored); rows with
// an empty label are unlabelled items and skipped. Every
// error names the file and line, and says what to do: a label that is not a class of PROBS,
// an item in one file but not the other, an item twice, a probability outside [0, 1] or a row
// whose probabilities do not add up to 1 (within 0.01, so rounded figures pass).
// Thread-safety: reentrant.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "core/status.h"
#include "quality/prob_matrix.h"

namespace chorus::quality {

struct LabelsAndProbs {
  std::vector<std::string> items;    // In PROBS order: the row of each item in `probs`.
  std::vector<std::string> classes;  // PROBS's header after the item column.
  std::vector<size_t> labels;        // Each item's given label, an index into `classes`.
  ProbMatrix probs;                  // items × classes.
};

Result<LabelsAndProbs> ReadLabelsAndProbs(const std::string& labels_path,
                                          const std::string& probs_path);

}  // namespace chorus::quality
