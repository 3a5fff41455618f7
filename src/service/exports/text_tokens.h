// The tokenizer of the CoNLL exports (docs/server.md, "Export formats"): tokens are maximal
// runs of code points that are neither whitespace nor punctuation; each punctuation code point
// (ASCII punctuation, U+00A1..U+00BF's marks, General Punctuation U+2010..U+205E, CJK
// punctuation U+3001..U+303F) and each emoji or pictograph (U+2600..U+27BF, U+1F000..U+1FAFF)
// is a token of its own. Offsets count code points, as span results do
// (domain/annotation_result.h), end exclusive.
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::service::exports {

struct Token {
  size_t start = 0;  // Code points.
  size_t end = 0;
  std::string text;  // UTF-8.
};

std::vector<Token> Tokenize(std::string_view text);

// The byte offset of each code point of `text`, plus text.size() at the end: code point i is
// text[offsets[i], offsets[i + 1]).
std::vector<size_t> CodePointByteOffsets(std::string_view text);

// The tokens a span [start, end) touches, widened to whole tokens: [first, last] token indices,
// or first > last when it touches none (a span of whitespace only). `cut` is set when the span
// split a token (whitespace around it does not count).
struct TokenRange {
  size_t first = 1;
  size_t last = 0;
  bool cut = false;
};
TokenRange TokensOfSpan(const std::vector<Token>& tokens, size_t start, size_t end);

}  // namespace chorus::service::exports
