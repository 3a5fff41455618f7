// Reading labelling functions (quality/weak) from a JSON document:
//   {"labels": ["spam", "ham"],
//    "functions": [{"name": "money", "kind": "keyword", "keywords": ["free money"], "label":
//    "spam"},
//                  {"name": "opt_out", "kind": "regex", "pattern": "unsubscribe|opt.?out",
//                   "case_sensitive": false, "label": "spam"}]}
// Errors name the field ("functions[1].pattern") and say what is expected; unknown fields are
// refused so a typo does not pass silently.
// Thread-safety: pure functions.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "quality/weak/labelling_function.h"

namespace chorus::quality {

struct FunctionSet {
  std::vector<std::string> labels;
  std::vector<LabellingFunction> functions;
};

Result<FunctionSet> ParseFunctionSet(std::string_view json_text);

}  // namespace chorus::quality
