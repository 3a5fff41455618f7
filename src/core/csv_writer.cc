#include "core/csv_writer.h"

#include <charconv>

namespace chorus {
namespace {

bool IsNumber(std::string_view value) {
  if (value.size() > 1 && value.front() == '+') value.remove_prefix(1);  // from_chars rejects '+'.
  double parsed;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), parsed);
  return ec == std::errc() && ptr == value.data() + value.size();
}

bool StartsLikeFormula(std::string_view value) {
  if (value.empty()) return false;
  switch (value.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': return !IsNumber(value);
    default: return false;
  }
}

}  // namespace

std::string CsvField(std::string_view value, char delimiter) {
  std::string text;
  if (StartsLikeFormula(value)) text.push_back('\'');
  text.append(value);
  if (text.find_first_of(std::string{delimiter, '"', '\r', '\n'}) == std::string::npos) return text;
  std::string quoted = "\"";
  for (char c : text) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + '"';
}

std::string CsvRecord(std::initializer_list<std::string_view> fields, char delimiter) {
  std::string line;
  bool first = true;
  for (std::string_view field : fields) {
    if (!first) line += delimiter;
    first = false;
    line += CsvField(field, delimiter);
  }
  return line + '\n';
}

}  // namespace chorus
