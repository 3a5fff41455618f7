// UTF-8 validation for text read from files.
//
// Accepts exactly the well-formed byte sequences of the Unicode Standard (version 15, section
// 3.9, Table 3-7 "Well-Formed UTF-8 Byte Sequences"), which is also RFC 3629 (Yergeau, 2003)
// section 4: no overlong forms, no surrogates (U+D800..U+DFFF), nothing above U+10FFFF.
// NUL (U+0000) is well-formed UTF-8; callers that forbid it check for it themselves.
// Thread-safety: pure functions; safe to call concurrently.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace chorus {

// Length (1..4) of the well-formed UTF-8 sequence that starts at `p`, 0 when the bytes there
// are ill-formed, or -1 when they are a well-formed prefix cut short by `end`.
// REQUIRES: p < end.
int Utf8SequenceLength(const char* p, const char* end);

// Byte offset of the first byte of the first ill-formed sequence in `text` (a sequence cut
// short by the end of `text` counts as ill-formed), or std::string_view::npos if there is none.
size_t FindInvalidUtf8(std::string_view text);

inline bool IsValidUtf8(std::string_view text) {
  return FindInvalidUtf8(text) == std::string_view::npos;
}

// The code points of `text` (each ill-formed byte becomes U+FFFD), for comparisons that count
// characters as people see them (edit distance).
std::u32string DecodeUtf8(std::string_view text);

}  // namespace chorus
