// Labelling functions for weak supervision: small rules that vote a label for an item or
// abstain (Ratner et al., "Data Programming: Creating Large Training Sets, Quickly", NeurIPS
// 2016). Two kinds are built in: keywords (any of the phrases, as whole words, ignoring case)
// and regular expressions (RE2: matching takes time linear in the text, so a manager's
// pattern cannot stall the server on a crafted item, unlike backtracking engines).
// Thread-safety: a compiled function is immutable; Apply may run on many threads.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "quality/text_words.h"

namespace re2 {
class RE2;
}

namespace chorus::quality {

enum class FunctionKind { kKeyword, kRegex };

struct LabellingFunctionSpec {
  std::string name;
  FunctionKind kind = FunctionKind::kKeyword;
  std::vector<std::string> keywords;  // kKeyword: phrases of one or more words.
  std::string pattern;                // kRegex: RE2 syntax, searched anywhere in the text.
  bool case_sensitive = false;        // kRegex only; keywords always ignore case.
  std::string label;                  // The label voted on a match.
};

class LabellingFunction {
 public:
  // kInvalidArgument naming the field ("name", "keywords", "pattern", "label") when the
  // name or label is empty, a keyword has no word in it, or the pattern does not compile.
  static Result<LabellingFunction> Compile(LabellingFunctionSpec spec);

  // True when the function votes its label for `text`.
  bool Matches(std::string_view text) const;
  const LabellingFunctionSpec& spec() const { return spec_; }

 private:
  LabellingFunctionSpec spec_;
  std::vector<std::vector<std::string>> phrases_;  // Keywords split into lower-case words.
  std::shared_ptr<const re2::RE2> regex_;
};

}  // namespace chorus::quality
