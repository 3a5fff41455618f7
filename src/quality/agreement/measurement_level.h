// MeasurementLevel: Stevens' levels of measurement, which pick the difference function of
// Krippendorff's alpha (and of any statistic that weighs disagreements by distance).
//
//   nominal  — labels are unordered categories; any two different labels disagree equally.
//   ordinal  — labels are ordered (their numeric values give the order, not distances).
//   interval — labels are numbers; distances are differences.
//   ratio    — labels are non-negative numbers with a true zero; distances are relative.
// Stevens, S. S. (1946) "On the theory of scales of measurement", Science 103(2684):677-680.
// Thread-safety: pure functions.
#pragma once

#include <cctype>
#include <string>
#include <string_view>

#include "core/status.h"

namespace chorus::quality {

enum class MeasurementLevel { kNominal, kOrdinal, kInterval, kRatio };

// The lower-case name ("nominal", "ordinal", "interval", "ratio").
inline const char* MeasurementLevelName(MeasurementLevel level) {
  switch (level) {
    case MeasurementLevel::kNominal: return "nominal";
    case MeasurementLevel::kOrdinal: return "ordinal";
    case MeasurementLevel::kInterval: return "interval";
    case MeasurementLevel::kRatio: return "ratio";
  }
  return "nominal";
}

// Parses a name as MeasurementLevelName writes it, ignoring case.
inline Result<MeasurementLevel> ParseMeasurementLevel(std::string_view name) {
  std::string lower(name);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (MeasurementLevel level : {MeasurementLevel::kNominal, MeasurementLevel::kOrdinal,
                                 MeasurementLevel::kInterval, MeasurementLevel::kRatio}) {
    if (lower == MeasurementLevelName(level)) return level;
  }
  return InvalidArgument(
      "unknown measurement level \"" + std::string(name) +
          "\"; use nominal (unordered categories), ordinal (ordered), interval (numbers) or "
          "ratio (non-negative numbers with a true zero)",
      "level");
}

}  // namespace chorus::quality
