#include "quality/weak/labelling_function.h"

#include <re2/re2.h>

#include <algorithm>

namespace chorus::quality {

Result<LabellingFunction> LabellingFunction::Compile(LabellingFunctionSpec spec) {
  if (spec.name.empty()) return InvalidArgument("a labelling function needs a name", "name");
  if (spec.label.empty()) return InvalidArgument("say which label the function votes", "label");
  LabellingFunction function;
  if (spec.kind == FunctionKind::kKeyword) {
    if (spec.keywords.empty()) return InvalidArgument("list at least one keyword", "keywords");
    for (size_t k = 0; k < spec.keywords.size(); ++k) {
      auto words = LowerCaseWords(spec.keywords[k]);
      if (words.empty()) {
        return InvalidArgument("keyword \"" + spec.keywords[k] + "\" has no word in it",
                               "keywords[" + std::to_string(k) + "]");
      }
      function.phrases_.push_back(std::move(words));
    }
  } else {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_case_sensitive(spec.case_sensitive);
    auto regex = std::make_shared<const RE2>(spec.pattern, options);
    if (spec.pattern.empty() || !regex->ok()) {
      return InvalidArgument(
          "the pattern does not compile: " +
              (spec.pattern.empty() ? std::string("it is empty") : regex->error()) +
              " (RE2 syntax: no backreferences or lookaround)",
          "pattern");
    }
    function.regex_ = std::move(regex);
  }
  function.spec_ = std::move(spec);
  return function;
}

bool LabellingFunction::Matches(std::string_view text) const {
  if (regex_) return RE2::PartialMatch(text, *regex_);
  const std::vector<std::string> words = LowerCaseWords(text);
  for (const auto& phrase : phrases_) {
    if (std::search(words.begin(), words.end(), phrase.begin(), phrase.end()) != words.end()) {
      return true;
    }
  }
  return false;
}

}  // namespace chorus::quality
