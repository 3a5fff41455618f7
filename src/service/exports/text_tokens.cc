#include "service/exports/text_tokens.h"

#include <algorithm>

#include "core/utf8.h"

namespace chorus::service::exports {
namespace {

bool IsSpaceCodePoint(char32_t c) {
  return c == U' ' || (c >= U'\t' && c <= U'\r') || c == 0x85 || c == 0xA0 || c == 0x1680 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

// A code point that is a token by itself.
bool IsSingleToken(char32_t c) {
  if (c < 0x80) {
    return (c >= U'!' && c <= U'/') || (c >= U':' && c <= U'@') || (c >= U'[' && c <= U'`') ||
           (c >= U'{' && c <= U'~');
  }
  return c == 0xA1 || c == 0xA7 || c == 0xAB || c == 0xB6 || c == 0xB7 || c == 0xBB || c == 0xBF ||
         (c >= 0x2010 && c <= 0x205E) || (c >= 0x3001 && c <= 0x303F) ||
         (c >= 0x2600 && c <= 0x27BF) || (c >= 0x1F000 && c <= 0x1FAFF);
}

// The code point of the well-formed n-byte sequence at text[at].
char32_t CodePointAt(std::string_view text, size_t at, size_t n) {
  const auto byte = [&](size_t i) {
    return static_cast<char32_t>(static_cast<unsigned char>(text[at + i]));
  };
  if (n == 1) return byte(0);
  char32_t c = byte(0) & (0x7F >> n);  // The lead byte keeps 7 - n bits.
  for (size_t i = 1; i < n; ++i) c = (c << 6) | (byte(i) & 0x3F);
  return c;
}

}  // namespace

std::vector<Token> Tokenize(std::string_view text) {
  std::vector<Token> tokens;
  size_t index = 0;  // Code points read so far.
  size_t byte = 0;
  bool in_word = false;
  while (byte < text.size()) {
    const int length = Utf8SequenceLength(text.data() + byte, text.data() + text.size());
    const size_t n = length > 0 ? static_cast<size_t>(length) : 1;  // A bad byte is one char.
    const char32_t c = length > 0 ? CodePointAt(text, byte, n) : 0xFFFD;
    if (IsSpaceCodePoint(c)) {
      in_word = false;
    } else if (IsSingleToken(c)) {
      tokens.push_back({index, index + 1, std::string(text.substr(byte, n))});
      in_word = false;
    } else if (in_word) {
      tokens.back().end = index + 1;
      tokens.back().text.append(text.substr(byte, n));
    } else {
      tokens.push_back({index, index + 1, std::string(text.substr(byte, n))});
      in_word = true;
    }
    byte += n;
    ++index;
  }
  return tokens;
}

std::vector<size_t> CodePointByteOffsets(std::string_view text) {
  std::vector<size_t> offsets;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) offsets.push_back(i);
  }
  offsets.push_back(text.size());
  return offsets;
}

TokenRange TokensOfSpan(const std::vector<Token>& tokens, size_t start, size_t end) {
  TokenRange range;
  // Tokens are in order and disjoint: binary search for the first that ends after `start`, so
  // a text with many spans costs O(spans log tokens).
  const auto first = std::partition_point(tokens.begin(), tokens.end(),
                                          [&](const Token& t) { return t.end <= start; });
  if (first == tokens.end() || first->start >= end) return range;
  range.first = static_cast<size_t>(first - tokens.begin());
  range.last = range.first;
  while (range.last + 1 < tokens.size() && tokens[range.last + 1].start < end) ++range.last;
  // Whitespace around a span is not a cut; only a token split in two is.
  range.cut = tokens[range.first].start < start || tokens[range.last].end > end;
  return range;
}

}  // namespace chorus::service::exports
