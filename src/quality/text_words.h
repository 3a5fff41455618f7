// The words of a text as the text models see them (the learner's features, the keyword
// labelling functions): maximal runs of ASCII letters and digits or non-ASCII bytes (so UTF-8
// words stay whole), ASCII letters lower-cased.
// Thread-safety: pure function.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chorus::quality {

std::vector<std::string> LowerCaseWords(std::string_view text);

}  // namespace chorus::quality
