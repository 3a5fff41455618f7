// Span offsets between Label Studio and Chorus: Label Studio counts UTF-16 code units (the
// indices of a JavaScript string), Chorus counts Unicode code points (as Python's str does).
// They differ after any character outside the Basic Multilingual Plane (emoji, many CJK
// extension characters), which takes two UTF-16 units and one code point.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace chorus::domain {

enum class Utf16Offset {
  kOk,
  kInsidePair,  // The offset splits a surrogate pair: it points into the middle of a character.
  kPastEnd,     // The offset is beyond the text.
  kNegative,
};

struct CodePointOffset {
  Utf16Offset outcome = Utf16Offset::kOk;
  int64_t code_points = 0;  // Meaningful when outcome is kOk.
};

// The code-point offset of UTF-16 offset `units` in `utf8` (ill-formed bytes count as one code
// point each, as the validator would refuse them anyway).
CodePointOffset CodePointsFromUtf16(std::string_view utf8, int64_t units);

// The UTF-16 offset of code-point offset `code_points` in `utf8`; nullopt when it is negative
// or past the end.
std::optional<int64_t> Utf16FromCodePoints(std::string_view utf8, int64_t code_points);

}  // namespace chorus::domain
