#include "server/byte_range.h"

#include <charconv>

namespace chorus::server {
namespace {

// Digits only (no sign, no blanks), as the grammar's 1*DIGIT.
std::optional<uint64_t> Digits(std::string_view text) {
  uint64_t value = 0;
  if (text.empty()) return std::nullopt;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

std::optional<ByteRange> ParseByteRange(std::string_view header, uint64_t size) {
  constexpr std::string_view kUnit = "bytes=";
  if (header.substr(0, kUnit.size()) != kUnit) return std::nullopt;
  const std::string_view spec = header.substr(kUnit.size());
  const size_t dash = spec.find('-');
  if (dash == std::string_view::npos || spec.find(',') != std::string_view::npos)
    return std::nullopt;
  const std::string_view from = spec.substr(0, dash);
  const std::string_view to = spec.substr(dash + 1);
  if (from.empty()) {  // "-N": the last N bytes.
    const auto suffix = Digits(to);
    if (!suffix) return std::nullopt;
    if (*suffix == 0 || size == 0) return ByteRange{0, 0, false};
    return ByteRange{*suffix >= size ? 0 : size - *suffix, size - 1, true};
  }
  const auto first = Digits(from);
  if (!first) return std::nullopt;
  std::optional<uint64_t> last = to.empty() ? std::optional<uint64_t>(UINT64_MAX) : Digits(to);
  if (!last || *last < *first) return std::nullopt;
  if (*first >= size) return ByteRange{0, 0, false};
  return ByteRange{*first, *last >= size ? size - 1 : *last, true};
}

std::string ContentRange(const ByteRange& range, uint64_t size) {
  if (!range.satisfiable) return "bytes */" + std::to_string(size);
  return "bytes " + std::to_string(range.first) + "-" + std::to_string(range.last) + "/" +
         std::to_string(size);
}

}  // namespace chorus::server
