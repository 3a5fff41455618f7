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
    case '=':
    case '+':
    case '-':
    case '@':
    case '\t':
    case '\r': return !IsNumber(value);
    default: return false;
  }
}

}  // namespace

void AppendCsvField(std::string& out, std::string_view value, char delimiter) {
  const bool formula = StartsLikeFormula(value);
  bool needs_quotes = false;
  for (char c : value) {
    if (c == delimiter || c == '"' || c == '\r' || c == '\n') {
      needs_quotes = true;
      break;
    }
  }
  if (!needs_quotes) {
    if (formula) out.push_back('\'');
    out.append(value);
    return;
  }
  out.push_back('"');
  if (formula) out.push_back('\'');
  for (char c : value) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

void AppendCsvRecord(std::string& out, std::initializer_list<std::string_view> fields,
                     char delimiter) {
  bool first = true;
  for (std::string_view field : fields) {
    if (!first) out.push_back(delimiter);
    first = false;
    AppendCsvField(out, field, delimiter);
  }
  out.push_back('\n');
}

std::string CsvField(std::string_view value, char delimiter) {
  std::string text;
  AppendCsvField(text, value, delimiter);
  return text;
}

std::string CsvRecord(std::initializer_list<std::string_view> fields, char delimiter) {
  std::string line;
  AppendCsvRecord(line, fields, delimiter);
  return line;
}

}  // namespace chorus
