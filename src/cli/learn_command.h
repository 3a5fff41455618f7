// `chorus learn FILE`: the built-in text classifier on a labelled CSV (item,text,label):
// out-of-fold probabilities of the labelled items (what `chorus errors` reads) and calibrated
// predictions for the unlabelled ones.
// Thread-safety: reentrant.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace chorus::cli {

struct LearnArgs {
  std::string file;
  std::string out;          // Out-of-fold probabilities CSV; empty = standard output.
  std::string predictions;  // Probabilities of the unlabelled rows; empty = not written.
  std::string text_column = "text";
  size_t folds = 5;
  int epochs = 8;
  uint64_t seed = 1;
  std::string format = "text";  // The summary: text or json.
};

int RunLearn(const LearnArgs& args, std::ostream& out, std::ostream& err);

}  // namespace chorus::cli
