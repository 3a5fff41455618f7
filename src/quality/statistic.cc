#include "quality/statistic.h"

namespace chorus::quality {

const char* LandisKochBand(double kappa) {
  if (kappa < 0) return "poor";
  if (kappa <= 0.20) return "slight";
  if (kappa <= 0.40) return "fair";
  if (kappa <= 0.60) return "moderate";
  if (kappa <= 0.80) return "substantial";
  return "almost perfect";
}

}  // namespace chorus::quality
