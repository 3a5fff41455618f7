// AppendGeneral: printf's "%.Pg" (P significant digits, trailing zeros dropped), appended to a
// string, for writing millions of probabilities.
//
// std::to_chars with a precision takes ~90 ns a number (libstdc++ 12), most of the time of
// writing an aggregate's result file. Here the value is scaled by an exact power of ten and
// rounded once; that answer is provably the correctly rounded one unless the scaled value lies
// within a hair of a rounding boundary, and those rare cases (and NaN, infinities, values whose
// scale needs an inexact power of ten) go to std::to_chars. The text is always byte for byte
// what std::to_chars (and printf) write.
// Thread-safety: thread-safe.
#pragma once

#include <string>

namespace chorus {

// REQUIRES: 1 <= precision <= 9.
void AppendGeneral(std::string& out, double value, int precision);

// A share (0.734) as a whole percentage for messages ("73%").
std::string WholePercent(double share);

}  // namespace chorus
