// EditSimilarity: how close a free-text answer is to the reference text.
//
// 1 − Levenshtein distance / the longer length, over Unicode code points (Levenshtein, V. I.
// (1966) "Binary codes capable of correcting deletions, insertions, and reversals", Soviet
// Physics Doklady 10(8):707-710; computed with the Wagner-Fischer dynamic programme, Wagner,
// R. A. & Fischer, M. J. (1974) JACM 21(1):168-173). 1 for equal texts (both empty included),
// 0 when no character survives.
// Thread-safety: pure function. Cost: O(|a| · |b|) time, O(min(|a|, |b|)) memory.
#pragma once

#include <cstddef>
#include <string>

namespace chorus::quality {

size_t EditDistance(const std::u32string& a, const std::u32string& b);
double EditSimilarity(const std::u32string& a, const std::u32string& b);

}  // namespace chorus::quality
