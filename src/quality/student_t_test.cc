#include "quality/student_t.h"

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>

namespace chorus::quality {
namespace {

// Two-sided 95% points t(0.975, ν) as printed in the NIST/SEMATECH e-Handbook of Statistical
// Methods, §1.3.6.7.2 (critical values of Student's t), to 3 decimals; more digits from
// scipy.stats.t.ppf (1.x), used only as a reference outside the build.
TEST(StudentTTest, UpperQuantilesMatchThePublishedTable) {
  struct Case {
    double df, t;
  };
  const Case cases[] = {{1, 12.706204736432095},   {2, 4.302652729911275},
                        {3, 3.182446305284263},    {5, 2.5705818366147395},
                        {10, 2.2281388519649385},  {30, 2.0422724563012373},
                        {120, 1.9799304050527766}, {1000, 1.9623390808264074}};
  for (const Case& c : cases) {
    EXPECT_NEAR(StudentTQuantile(0.975, c.df), c.t, 1e-9 * c.t) << "df " << c.df;
  }
}

TEST(StudentTTest, ClosedFormsAndSymmetry) {
  // ν = 1 is the Cauchy distribution: F(t) = 1/2 + atan(t)/π.
  for (double t : {-3.0, -0.5, 0.0, 0.7, 10.0}) {
    EXPECT_NEAR(StudentTCdf(t, 1), 0.5 + std::atan(t) / std::numbers::pi, 1e-13) << t;
  }
  // ν = 2: F(t) = 1/2 + t / (2 sqrt(2 + t²)).
  for (double t : {-2.0, 0.3, 4.0}) {
    EXPECT_NEAR(StudentTCdf(t, 2), 0.5 + t / (2 * std::sqrt(2 + t * t)), 1e-13) << t;
  }
  EXPECT_DOUBLE_EQ(StudentTQuantile(0.5, 3), 0.0);
  EXPECT_NEAR(StudentTQuantile(0.025, 7), -2.3646242510103, 1e-9);  // scipy.stats.t.ppf
  EXPECT_NEAR(StudentTQuantile(0.9, 4), 1.533206273713144, 1e-9);
  // Large ν approaches the normal 97.5% point.
  EXPECT_NEAR(StudentTQuantile(0.975, 1e7), 1.959963984540054, 1e-5);
}

}  // namespace
}  // namespace chorus::quality
