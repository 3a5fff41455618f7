#include "service/svg_chart.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "service/html_page.h"

namespace chorus::service {
namespace {

constexpr int kFontSize = 12;
constexpr int kRowHeight = 20;

std::string Num(double v) { return FixedDecimals(v, 1); }

// An SVG text element: the label shortened and escaped, the full label as its tooltip.
std::string SvgText(double x, double y, std::string_view text, std::string_view anchor,
                    std::string_view extra = "", size_t max_bytes = kChartLabelBytes) {
  const std::string shown = ShortenUtf8(text, max_bytes);
  std::string out = "<text x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" text-anchor=\"" +
                    std::string(anchor) + "\"" + std::string(extra) + ">";
  if (shown.size() != text.size()) out += "<title>" + HtmlEscape(text) + "</title>";
  return out + HtmlEscape(shown) + "</text>";
}

std::string SvgOpen(std::string_view title, double width, double height) {
  return "<svg class=\"chart\" role=\"img\" aria-label=\"" + HtmlEscape(title) + "\" width=\"" +
         Num(width) + "\" height=\"" + Num(height) + "\" viewBox=\"0 0 " + Num(width) + " " +
         Num(height) + "\" font-family=\"sans-serif\" font-size=\"" + std::to_string(kFontSize) +
         "\"><title>" + HtmlEscape(title) + "</title>";
}

// White to blue for shares up to 1, white to red for negative values (kappa below chance).
std::string CellColour(double value, double low, double high) {
  const double zero = std::max(low, 0.0);
  double t = 0;
  int r = 255, g = 255, b = 255;
  if (value >= zero) {
    t = high > zero ? std::clamp((value - zero) / (high - zero), 0.0, 1.0) : 0;
    r = static_cast<int>(255 - t * (255 - 67));
    g = static_cast<int>(255 - t * (255 - 99));
    b = static_cast<int>(255 - t * (255 - 216));
  } else {
    t = low < 0 ? std::clamp(value / low, 0.0, 1.0) : 0;
    g = static_cast<int>(255 - t * (255 - 75));
    b = static_cast<int>(255 - t * (255 - 75));
    r = static_cast<int>(255 - t * (255 - 230));
  }
  char buffer[8];
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", r, g, b);
  return buffer;
}

}  // namespace

std::string ShortenUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t cut = max_bytes;
  // Step back over continuation bytes (10xxxxxx) so no character is split.
  while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) --cut;
  return std::string(text.substr(0, cut)) + "…";
}

std::string SvgBarChart(std::string_view title, std::span<const ChartBar> bars) {
  constexpr double kLabelWidth = 170, kBarWidth = 300, kValueWidth = 130;
  const double width = kLabelWidth + kBarWidth + kValueWidth;
  const double height = std::max<double>(1, static_cast<double>(bars.size())) * kRowHeight + 4;
  double largest = 0;
  for (const ChartBar& bar : bars) largest = std::max(largest, bar.value);
  std::string out = SvgOpen(title, width, height);
  for (size_t i = 0; i < bars.size(); ++i) {
    const double y = static_cast<double>(i) * kRowHeight + 2;
    const double length = largest > 0 ? kBarWidth * std::max(0.0, bars[i].value) / largest : 0;
    out += SvgText(kLabelWidth - 6, y + 14, bars[i].label, "end");
    out += "<rect x=\"" + Num(kLabelWidth) + "\" y=\"" + Num(y + 2) + "\" width=\"" +
           Num(length) + "\" height=\"" + std::to_string(kRowHeight - 4) + "\" fill=\"#4363d8\"/>";
    out += SvgText(kLabelWidth + length + 6, y + 14, bars[i].value_text, "start", "", 200);
  }
  return out + "</svg>";
}

std::string SvgHistogram(std::string_view title, std::span<const uint64_t> counts, double low,
                         double high, std::string_view x_label, int decimals) {
  constexpr double kLeft = 50, kPlotWidth = 420, kPlotHeight = 160, kTop = 10;
  const double width = kLeft + kPlotWidth + 20, height = kTop + kPlotHeight + 44;
  uint64_t largest = 0;
  for (uint64_t c : counts) largest = std::max(largest, c);
  std::string out = SvgOpen(title, width, height);
  const double base = kTop + kPlotHeight;
  out += "<line x1=\"" + Num(kLeft) + "\" y1=\"" + Num(base) + "\" x2=\"" + Num(kLeft + kPlotWidth) +
         "\" y2=\"" + Num(base) + "\" stroke=\"#333\"/>";
  out += SvgText(kLeft - 6, kTop + 10, std::to_string(largest), "end");
  out += SvgText(kLeft - 6, base, "0", "end");
  const size_t n = counts.size();
  const double bin_width = n == 0 ? 0 : kPlotWidth / static_cast<double>(n);
  for (size_t i = 0; i < n; ++i) {
    const double h = largest == 0 ? 0 : kPlotHeight * static_cast<double>(counts[i]) /
                                            static_cast<double>(largest);
    const double x = kLeft + static_cast<double>(i) * bin_width;
    out += "<rect x=\"" + Num(x + 1) + "\" y=\"" + Num(base - h) + "\" width=\"" +
           Num(std::max(0.0, bin_width - 2)) + "\" height=\"" + Num(h) +
           "\" fill=\"#4363d8\"><title>" + std::to_string(counts[i]) + "</title></rect>";
  }
  for (size_t i = 0; i <= n; ++i) {
    const double edge = low + (high - low) * static_cast<double>(i) / static_cast<double>(std::max<size_t>(n, 1));
    out += SvgText(kLeft + static_cast<double>(i) * bin_width, base + 14,
                   FixedDecimals(edge, decimals), "middle");
  }
  out += SvgText(kLeft + kPlotWidth / 2, base + 34, x_label, "middle", "", 200);
  return out + "</svg>";
}

std::string SvgHeatMap(const HeatMap& map) {
  constexpr double kLabelWidth = 170, kCell = 44, kHeader = 110;
  const double cols = static_cast<double>(map.columns.size());
  const double rows = static_cast<double>(map.rows.size());
  // Wide enough for the axis caption under a small matrix.
  const double width = std::max(kLabelWidth + cols * kCell + 10, 420.0);
  const double height = kHeader + rows * kCell + 24;
  std::string out = SvgOpen(map.title, width, height);
  // Column names run upwards above their column; row names sit left of their row.
  for (size_t c = 0; c < map.columns.size(); ++c) {
    const double x = kLabelWidth + (static_cast<double>(c) + 0.5) * kCell;
    out += SvgText(0, 0, map.columns[c], "start",
                   " transform=\"translate(" + Num(x + 4) + "," + Num(kHeader - 6) +
                       ") rotate(-60)\"");
  }
  for (size_t r = 0; r < map.rows.size(); ++r) {
    const double y = kHeader + static_cast<double>(r) * kCell;
    out += SvgText(kLabelWidth - 6, y + kCell / 2 + 4, map.rows[r], "end");
    for (size_t c = 0; c < map.columns.size(); ++c) {
      const size_t i = r * map.columns.size() + c;
      const std::optional<double>& v = map.values[i];
      const double x = kLabelWidth + static_cast<double>(c) * kCell;
      const std::string fill = v ? CellColour(*v, map.low, map.high) : "#e0e0e0";
      std::string text = !map.cell_text.empty() ? map.cell_text[i] : v ? FixedDecimals(*v, 2) : "–";
      out += "<rect x=\"" + Num(x) + "\" y=\"" + Num(y) + "\" width=\"" + Num(kCell - 1) +
             "\" height=\"" + Num(kCell - 1) + "\" fill=\"" + fill + "\"><title>" +
             HtmlEscape(map.rows[r]) + " / " + HtmlEscape(map.columns[c]) + ": " +
             HtmlEscape(text) + "</title></rect>";
      out += SvgText(x + kCell / 2, y + kCell / 2 + 4, text, "middle");
    }
  }
  out += SvgText(kLabelWidth, height - 6,
                 map.row_title + " (rows) × " + map.column_title + " (columns)", "start", "", 200);
  return out + "</svg>";
}

}  // namespace chorus::service
