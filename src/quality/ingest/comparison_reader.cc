#include "quality/ingest/comparison_reader.h"

#include <fmt/format.h>

#include "quality/ingest/role_reader.h"

namespace chorus::quality {
namespace {

std::string Location(const RoleReader& reader, const RoleRow& row, size_t role) {
  const uint32_t column = row.columns[role] == 0 ? 1 : row.columns[role];
  return fmt::format("{}:{}:{}", reader.name(), row.line, column);
}

}  // namespace

Result<Outcome> ParseWinner(std::string_view value, std::string_view left, std::string_view right,
                            bool* both_bad) {
  *both_bad = false;
  const std::string_view trimmed = TrimBlanks(value);
  if (trimmed == left) return Outcome::kLeft;
  if (trimmed == right) return Outcome::kRight;
  if (EqualsIgnoringCase(trimmed, "left") || EqualsIgnoringCase(trimmed, "a"))
    return Outcome::kLeft;
  if (EqualsIgnoringCase(trimmed, "right") || EqualsIgnoringCase(trimmed, "b"))
    return Outcome::kRight;
  if (EqualsIgnoringCase(trimmed, "tie") || EqualsIgnoringCase(trimmed, "draw"))
    return Outcome::kTie;
  if (EqualsIgnoringCase(trimmed, "both_bad") || EqualsIgnoringCase(trimmed, "both-bad")) {
    *both_bad = true;
    return Outcome::kTie;
  }
  return InvalidArgument(fmt::format(
      "the winner \"{}\" is not one of left, right, tie, a, b, draw, both_bad, or the text of "
      "the left option (\"{}\") or the right option (\"{}\"); fix the value",
      value, left, right));
}

Result<ComparisonFile> ReadComparisons(const std::string& path, const VoteReadOptions& options) {
  enum { kItem, kAnnotator, kLeft, kRight, kWinner };
  auto opened = RoleReader::Open(
      path, {Role::kItem, Role::kAnnotator, Role::kLeft, Role::kRight, Role::kWinner}, options);
  if (!opened.ok()) return opened.status();
  RoleReader& reader = **opened;
  ComparisonFile file;
  ComparisonTable& table = file.table;
  while (true) {
    auto next = reader.Next();
    if (!next.ok()) return next.status();
    if (!*next) break;
    const RoleRow& row = reader.row();
    const std::string_view left = row.values[kLeft];
    const std::string_view right = row.values[kRight];
    if (left == right) {
      return InvalidArgument(
          fmt::format("line {} compares \"{}\" with itself; left and right must be two "
                      "different options",
                      row.line, left),
          Location(reader, row, kRight));
    }
    bool both_bad = false;
    auto outcome = ParseWinner(row.values[kWinner], left, right, &both_bad);
    if (!outcome.ok()) {
      return InvalidArgument(fmt::format("line {}: {}", row.line, outcome.status().message()),
                             Location(reader, row, kWinner));
    }
    table.Add(row.values[kItem], row.values[kAnnotator], left, right, *outcome);
    if (*outcome == Outcome::kTie) ++file.report.ties;
    if (both_bad) ++file.report.both_bad;
  }
  file.report.lines = reader.lines();
  file.report.comparisons = table.size();
  file.report.format = reader.format();
  return file;
}

}  // namespace chorus::quality
