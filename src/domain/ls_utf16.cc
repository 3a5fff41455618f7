#include "domain/ls_utf16.h"

#include "core/utf8.h"

namespace chorus::domain {
namespace {

// Bytes of the code point at `p` (1 for an ill-formed byte) and its UTF-16 length.
struct Utf8Step {
  int bytes = 1;
  int units = 1;
};

Utf8Step StepAt(const char* p, const char* end) {
  const int length = Utf8SequenceLength(p, end);
  if (length <= 0) return {};
  return {.bytes = length, .units = length == 4 ? 2 : 1};  // Only 4-byte forms leave the BMP.
}

}  // namespace

CodePointOffset CodePointsFromUtf16(std::string_view utf8, int64_t units) {
  if (units < 0) return {.outcome = Utf16Offset::kNegative, .code_points = 0};
  const char* p = utf8.data();
  const char* end = p + utf8.size();
  int64_t seen_units = 0;
  int64_t points = 0;
  while (seen_units < units) {
    if (p >= end) return {.outcome = Utf16Offset::kPastEnd, .code_points = 0};
    const Utf8Step step = StepAt(p, end);
    seen_units += step.units;
    p += step.bytes;
    ++points;
  }
  if (seen_units > units) return {.outcome = Utf16Offset::kInsidePair, .code_points = 0};
  return {.outcome = Utf16Offset::kOk, .code_points = points};
}

std::optional<int64_t> Utf16FromCodePoints(std::string_view utf8, int64_t code_points) {
  if (code_points < 0) return std::nullopt;
  const char* p = utf8.data();
  const char* end = p + utf8.size();
  int64_t units = 0;
  for (int64_t i = 0; i < code_points; ++i) {
    if (p >= end) return std::nullopt;
    const Utf8Step step = StepAt(p, end);
    units += step.units;
    p += step.bytes;
  }
  return units;
}

}  // namespace chorus::domain
