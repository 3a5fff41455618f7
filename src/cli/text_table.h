// TextTable: aligned columns for the CLI's human-readable output.
// Thread-safety: not thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace chorus::cli {

class TextTable {
 public:
  enum class Align { kLeft, kRight };
  struct Column {
    std::string header;
    Align align = Align::kLeft;
  };

  explicit TextTable(std::vector<Column> columns) : columns_(std::move(columns)) {}
  // REQUIRES: cells.size() == number of columns.
  void AddRow(std::vector<std::string> cells) { rows_.push_back(std::move(cells)); }
  bool empty() const { return rows_.empty(); }
  // The header, a rule, and the rows, each line ending in '\n'; widths count UTF-8 code points.
  std::string Render() const;

 private:
  std::vector<Column> columns_;
  std::vector<std::vector<std::string>> rows_;
};

// Control characters in user-supplied names would move the terminal's cursor: show them escaped.
std::string PrintableName(std::string_view name);

}  // namespace chorus::cli
