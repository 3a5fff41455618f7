#include "core/format_number.h"

#include <gtest/gtest.h>

#include <charconv>
#include <cmath>
#include <limits>
#include <random>

namespace chorus {
namespace {

std::string Reference(double value, int precision) {
  char text[64];
  const auto end =
      std::to_chars(text, text + sizeof text, value, std::chars_format::general, precision).ptr;
  return std::string(text, end);
}

std::string Fast(double value, int precision) {
  std::string text;
  AppendGeneral(text, value, precision);
  return text;
}

TEST(AppendGeneral, WritesWhatPrintfWrites) {
  EXPECT_EQ(Fast(0.996289123, 6), "0.996289");
  EXPECT_EQ(Fast(0.00371078, 6), "0.00371078");
  EXPECT_EQ(Fast(1.0, 6), "1");
  EXPECT_EQ(Fast(0.5, 6), "0.5");
  EXPECT_EQ(Fast(0.0, 6), "0");
  EXPECT_EQ(Fast(-0.0, 6), "-0");
  EXPECT_EQ(Fast(1e-5, 6), "1e-05");
  EXPECT_EQ(Fast(1.25e-7, 6), "1.25e-07");
  EXPECT_EQ(Fast(123456789.0, 6), "1.23457e+08");
  EXPECT_EQ(Fast(100000.0, 6), "100000");
  EXPECT_EQ(Fast(999999.5, 6), "1e+06");
  EXPECT_EQ(Fast(9.9999996, 6), "10");
  EXPECT_EQ(Fast(-2.5, 6), "-2.5");
  EXPECT_EQ(Fast(1e300, 6), "1e+300");
  EXPECT_EQ(Fast(std::numeric_limits<double>::infinity(), 6), "inf");
  EXPECT_EQ(Fast(std::nan(""), 6), "nan");
}

// Ties in decimal that are not ties in binary (0.0000125 is slightly below or above) must
// round as the exact binary value says, like printf.
TEST(AppendGeneral, RoundsNearHalfwayLikeToChars) {
  for (double value : {0.0000125, 0.125, 0.1234565, 2.5e-10, 1234565.0, 0.3333335, 0.6666665}) {
    for (int precision = 1; precision <= 9; ++precision) {
      EXPECT_EQ(Fast(value, precision), Reference(value, precision)) << value << " " << precision;
    }
  }
}

TEST(AppendGeneral, AgreesWithToCharsOnMillionsOfValues) {
  std::mt19937_64 random(7);
  std::uniform_real_distribution<double> unit(0, 1);
  std::uniform_int_distribution<int> power(-30, 30);
  for (int i = 0; i < 1'000'000; ++i) {
    double value = unit(random);
    if (i % 3 == 1) value = value * std::pow(10.0, power(random));
    if (i % 3 == 2) value = std::round(value * 1e6) / 1e6;  // Short decimals, near boundaries.
    if (i % 7 == 0) value = -value;
    const int precision = 1 + i % 9;
    ASSERT_EQ(Fast(value, precision), Reference(value, precision)) << value << " " << precision;
  }
}

}  // namespace
}  // namespace chorus
