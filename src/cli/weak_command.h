// `chorus weak FILE --functions FUNCTIONS.json`: weak supervision on files. Applies the
// labelling functions to each item's text, reports how each behaves (coverage, overlaps,
// conflicts, accuracy against the human labels the file has), and writes probabilistic labels
// from a label model learnt without gold, validated against those human labels.
// Thread-safety: reentrant.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace chorus::cli {

struct WeakArgs {
  std::string file;       // item,text,label (label empty where nobody labelled).
  std::string functions;  // JSON: labels and functions (quality/ingest/function_set_reader.h).
  std::string out;        // Labels CSV; empty = standard output.
  std::string text_column = "text";
  std::string format = "text";  // The summary: text or json.
};

int RunWeak(const WeakArgs& args, std::ostream& out, std::ostream& err);

}  // namespace chorus::cli
