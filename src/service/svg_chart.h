// Charts as inline SVG for the self-contained HTML documents Chorus writes (the quality report,
// the datasheet): a horizontal bar chart, a histogram and a heat map. Plain shapes and text,
// no script, no external reference (no href, no xmlns needed inside HTML); every label is
// escaped (service/html_page.h) and shortened to kChartLabelBytes, with the full text in a
// <title> tooltip. Each chart is an <svg role="img"> whose aria-label is its title.
// Thread-safety: stateless functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chorus::service {

// Labels longer than this (in bytes, cut at a UTF-8 boundary) end in "…" on the chart.
inline constexpr size_t kChartLabelBytes = 24;

// `text` cut to at most `max_bytes` bytes at a UTF-8 character boundary, with "…" appended
// when something was cut.
std::string ShortenUtf8(std::string_view text, size_t max_bytes);

struct ChartBar {
  std::string label;
  double value = 0;        // >= 0; bars are scaled to the largest.
  std::string value_text;  // Shown after the bar ("12 (40.0%)").
};

// One row per bar, label at the left.
std::string SvgBarChart(std::string_view title, std::span<const ChartBar> bars);

// Vertical bars of `counts` over equal bins of [low, high], with the bin edges on the x axis
// (`decimals` decimals) and `x_label` below it.
std::string SvgHistogram(std::string_view title, std::span<const uint64_t> counts, double low,
                         double high, std::string_view x_label, int decimals = 1);

struct HeatMap {
  std::string title;
  std::string row_title;     // What the rows are ("gold label").
  std::string column_title;  // What the columns are ("their label").
  std::vector<std::string> rows;
  std::vector<std::string> columns;
  // rows × columns, row-major; nullopt draws a grey cell marked "–".
  std::vector<std::optional<double>> values;
  double low = 0;   // Values are coloured on [low, high]: white at max(low, 0), blue towards
  double high = 1;  // high, red towards a negative low.
  std::vector<std::string> cell_text;  // Per cell; empty: the value with two decimals.
};

// REQUIRES: values.size() == rows.size() * columns.size(); cell_text empty or the same size.
std::string SvgHeatMap(const HeatMap& map);

}  // namespace chorus::service
