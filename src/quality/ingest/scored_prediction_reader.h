// Reading the files of `chorus autolabel`: model predictions with a score, `item,predicted,
// score` plus, for calibration items, the known `label`. CSV (TSV for .tsv) with a header
// naming those columns (item aliases as for votes); other columns are ignored. Errors name the
// file and line: a missing column, an empty item, a score that is not a number.
// Thread-safety: reentrant.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace chorus::quality {

struct ScoredPrediction {
  std::string item;
  std::string predicted;
  double score = 0;
  std::optional<std::string> label;  // The known label, when the file has the column and a value.
};

// `need_label`: the file must have a label column with a value on every row (calibration).
Result<std::vector<ScoredPrediction>> ReadScoredPredictions(const std::string& path,
                                                            bool need_label);

}  // namespace chorus::quality
