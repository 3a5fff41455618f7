// How the CLI's reports print numbers: three decimals for people, significant digits for files.
#pragma once

#include <fmt/format.h>

#include <string>

namespace chorus::cli {

inline std::string Number(double value) { return fmt::format("{:.3f}", value); }
inline std::string Exact(double value, int significant = 6) {
  return fmt::format("{:.{}g}", value, significant);
}

}  // namespace chorus::cli
