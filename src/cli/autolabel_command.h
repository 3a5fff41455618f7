// `chorus autolabel CALIBRATION --target A`: the lowest model-confidence threshold whose labels
// meet a target accuracy at a stated confidence (quality/auto_label_threshold.h), judged on
// calibration items with known labels; with --pool, the predictions it accepts.
// Thread-safety: reentrant.
#pragma once

#include <iosfwd>
#include <string>

namespace chorus::cli {

struct AutolabelArgs {
  std::string calibration;  // item,predicted,score,label.
  std::string pool;         // item,predicted,score: predictions to accept or leave to people.
  std::string out;          // The accepted pool rows; empty = standard output.
  double target = 0.98;
  double confidence = 0.95;
  size_t min_items = 30;
  std::string format = "text";  // The summary: text or json.
};

int RunAutolabel(const AutolabelArgs& args, std::ostream& out, std::ostream& err);

}  // namespace chorus::cli
