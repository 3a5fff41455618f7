#include "cli/text_table.h"

#include <fmt/format.h>

#include <algorithm>

namespace chorus::cli {
namespace {

size_t DisplayWidth(const std::string& text) {
  // Count code points: continuation bytes (10xxxxxx) do not start a character.
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

}  // namespace

std::string TextTable::Render() const {
  std::vector<size_t> widths(columns_.size());
  for (size_t c = 0; c < columns_.size(); ++c) widths[c] = DisplayWidth(columns_[c].header);
  for (const auto& row : rows_) {
    for (size_t c = 0; c < row.size(); ++c) widths[c] = std::max(widths[c], DisplayWidth(row[c]));
  }
  auto render_row = [&](const std::vector<std::string>& cells) {
    std::string line;
    for (size_t c = 0; c < cells.size(); ++c) {
      const std::string pad(widths[c] - DisplayWidth(cells[c]), ' ');
      const bool last = c + 1 == cells.size();
      if (columns_[c].align == Align::kRight) {
        line += pad + cells[c];
      } else {
        line += cells[c] + (last ? "" : pad);
      }
      if (!last) line += "  ";
    }
    line.erase(line.find_last_not_of(' ') + 1);  // Empty last cells leave no trailing blanks.
    return line + '\n';
  };
  std::vector<std::string> headers;
  for (const auto& column : columns_) headers.push_back(column.header);
  std::string out = render_row(headers);
  size_t total = 0;
  for (size_t w : widths) total += w;
  out += std::string(total + 2 * (widths.size() - 1), '-') + '\n';
  for (const auto& row : rows_) out += render_row(row);
  return out;
}

std::string PrintableName(std::string_view name) {
  std::string out;
  for (unsigned char c : name) {
    if (c < 0x20 || c == 0x7F) {
      out += fmt::format("\\x{:02x}", c);
    } else {
      out += static_cast<char>(c);
    }
  }
  return out;
}

}  // namespace chorus::cli
