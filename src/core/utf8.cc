#include "core/utf8.h"

#include <cstdint>
#include <cstring>

namespace chorus {
namespace {

bool InRange(unsigned char byte, unsigned char low, unsigned char high) {
  return byte >= low && byte <= high;
}

}  // namespace

int Utf8SequenceLength(const char* p, const char* end) {
  const auto* s = reinterpret_cast<const unsigned char*>(p);
  const auto available = static_cast<size_t>(end - p);
  const unsigned char lead = s[0];
  if (lead < 0x80) return 1;
  int length = 0;
  // Table 3-7: the second byte's range depends on the lead byte; later bytes are 80..BF.
  unsigned char second_low = 0x80, second_high = 0xBF;
  if (InRange(lead, 0xC2, 0xDF)) {
    length = 2;
  } else if (InRange(lead, 0xE0, 0xEF)) {
    length = 3;
    if (lead == 0xE0) second_low = 0xA0;   // Overlong below U+0800.
    if (lead == 0xED) second_high = 0x9F;  // Surrogates U+D800..U+DFFF.
  } else if (InRange(lead, 0xF0, 0xF4)) {
    length = 4;
    if (lead == 0xF0) second_low = 0x90;   // Overlong below U+10000.
    if (lead == 0xF4) second_high = 0x8F;  // Above U+10FFFF.
  } else {
    return 0;  // 80..C1 (continuation or overlong lead) and F5..FF never start a sequence.
  }
  if (available < 2) return -1;
  if (!InRange(s[1], second_low, second_high)) return 0;
  for (int i = 2; i < length; ++i) {
    if (available <= static_cast<size_t>(i)) return -1;
    if (!InRange(s[i], 0x80, 0xBF)) return 0;
  }
  return length;
}

size_t FindInvalidUtf8(std::string_view text) {
  const char* begin = text.data();
  const char* end = begin + text.size();
  const char* p = begin;
  while (p < end) {
    // Skip ASCII eight bytes at a time: most annotation text is ASCII.
    while (end - p >= 8) {
      uint64_t word;
      std::memcpy(&word, p, 8);
      if (word & 0x8080808080808080ULL) break;
      p += 8;
    }
    if (p == end) break;
    const int length = Utf8SequenceLength(p, end);
    if (length <= 0) return static_cast<size_t>(p - begin);
    p += length;
  }
  return std::string_view::npos;
}

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const int length = Utf8SequenceLength(p, end);
    if (length <= 0) {
      out.push_back(U'\uFFFD');
      ++p;
      continue;
    }
    const auto byte = [&](int i) { return char32_t(static_cast<unsigned char>(p[i])); };
    char32_t c = length == 1 ? byte(0) : byte(0) & (0x7F >> length);
    for (int i = 1; i < length; ++i) c = (c << 6) | (byte(i) & 0x3F);
    out.push_back(c);
    p += length;
  }
  return out;
}

}  // namespace chorus
