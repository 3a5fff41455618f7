// Reading the input of `chorus learn`: a CSV (TSV for .tsv) whose header names an item column
// (item, task, ... aliases), a text column (`text` unless told otherwise) and a label column
// (label, answer, ... aliases). Rows with an empty label are unlabelled: the learner predicts
// them. Errors name the file and line: a missing column, an empty or repeated item.
// Thread-safety: reentrant.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace chorus::quality {

struct LabelledTexts {
  std::vector<std::string> items;  // In file order.
  std::vector<std::string> texts;
  std::vector<std::optional<size_t>> labels;  // Index into `classes`; absent: unlabelled.
  std::vector<std::string> classes;           // The labels used, sorted by name.
};

Result<LabelledTexts> ReadLabelledTexts(const std::string& path,
                                        const std::string& text_column = "text");

}  // namespace chorus::quality
