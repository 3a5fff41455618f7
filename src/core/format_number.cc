#include "core/format_number.h"

#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

namespace chorus {
namespace {

// 10^0 .. 10^22: every one is exactly representable as a double.
constexpr double kExactPowers[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
                                   1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
                                   1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
constexpr int kMaxExactPower = 22;

void AppendSlow(std::string& out, double value, int precision) {
  char text[64];
  const auto end =
      std::to_chars(text, text + sizeof text, value, std::chars_format::general, precision).ptr;
  out.append(text, end);
}

// Writes `count` digits of `digits` (most significant first) into `text`.
void WriteDigits(char* text, uint64_t digits, int count) {
  for (int i = count - 1; i >= 0; --i) {
    text[i] = static_cast<char>('0' + digits % 10);
    digits /= 10;
  }
}

// value * 10^shift with one rounding, or NaN when 10^|shift| is not exact.
double Scale(double value, int shift) {
  if (shift > kMaxExactPower || -shift > kMaxExactPower) return std::nan("");
  return shift >= 0 ? value * kExactPowers[shift] : value / kExactPowers[-shift];
}

}  // namespace

void AppendGeneral(std::string& out, double value, int precision) {
  if (!std::isnormal(value)) return AppendSlow(out, value, precision);
  const double magnitude = std::fabs(value);
  // floor(log10(2^e)) from the binary exponent (78913 / 2^18 ≈ log10 2); the decimal exponent
  // is this or one more, which the checks below settle.
  const int binary_exponent = std::ilogb(magnitude);
  int exponent = binary_exponent >= 0 ? (binary_exponent * 78913) >> 18
                                      : -((-binary_exponent * 78913 + (1 << 18) - 1) >> 18);
  const double low = kExactPowers[precision - 1], high = kExactPowers[precision];
  double scaled = Scale(magnitude, precision - 1 - exponent);
  // log10 can be one off next to a power of ten.
  if (scaled < low) scaled = Scale(magnitude, precision - 1 - --exponent);
  if (scaled >= high) scaled = Scale(magnitude, precision - 1 - ++exponent);
  if (!(scaled >= low && scaled < high)) return AppendSlow(out, value, precision);
  const auto whole = static_cast<uint64_t>(scaled);  // scaled > 0: truncation is floor.
  const double fraction = scaled - static_cast<double>(whole);
  // The one rounding of Scale moves the value by at most half an ulp of `scaled` (< 1e-7 for
  // 9 digits); inside this margin around .5 the exact decimal value decides: leave it to
  // to_chars.
  if (std::fabs(fraction - 0.5) < 1e-6) return AppendSlow(out, value, precision);
  uint64_t digits = whole + (fraction > 0.5 ? 1 : 0);
  if (digits == static_cast<uint64_t>(high)) {  // 9.999996 rounds up to 10.0000.
    digits /= 10;
    ++exponent;
  }
  int kept = precision;  // Significant digits left once trailing zeros are dropped.
  while (kept > 1 && digits % 10 == 0) {
    digits /= 10;
    --kept;
  }
  char text[32];
  char* p = text;
  if (value < 0) *p++ = '-';
  if (exponent < -4 || exponent >= precision) {  // d.ddde±XX
    WriteDigits(p, digits, kept);
    if (kept > 1) {
      std::memmove(p + 2, p + 1, static_cast<size_t>(kept - 1));
      p[1] = '.';
      p += kept + 1;
    } else {
      p += 1;
    }
    *p++ = 'e';
    *p++ = exponent < 0 ? '-' : '+';
    const int e = std::abs(exponent);
    if (e >= 100) *p++ = static_cast<char>('0' + e / 100);
    *p++ = static_cast<char>('0' + e / 10 % 10);
    *p++ = static_cast<char>('0' + e % 10);
  } else if (exponent < 0) {  // 0.000ddd
    *p++ = '0';
    *p++ = '.';
    for (int i = -1; i > exponent; --i) *p++ = '0';
    WriteDigits(p, digits, kept);
    p += kept;
  } else {  // ddd.ddd or ddd
    const int integer_digits = exponent + 1;
    if (kept <= integer_digits) {
      WriteDigits(p, digits, kept);
      p += kept;
      for (int i = kept; i < integer_digits; ++i) *p++ = '0';
    } else {
      WriteDigits(p, digits, kept);
      std::memmove(p + integer_digits + 1, p + integer_digits,
                   static_cast<size_t>(kept - integer_digits));
      p[integer_digits] = '.';
      p += kept + 1;
    }
  }
  out.append(text, p);
}

std::string WholePercent(double share) { return std::to_string(std::lround(share * 100)) + "%"; }

}  // namespace chorus
