#include "quality/ingest/scored_prediction_reader.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "core/csv_reader.h"
#include "quality/ingest/column_names.h"
#include "quality/ingest/input_file.h"

namespace chorus::quality {

Result<std::vector<ScoredPrediction>> ReadScoredPredictions(const std::string& path,
                                                            bool need_label) {
  auto opened = OpenDelimitedFile(path);
  if (!opened.ok()) return opened.status();
  CsvReader& reader = *opened;
  auto header = reader.Next();
  if (!header.ok()) return header.status();
  constexpr Role kRoles[] = {Role::kItem, Role::kLabel};
  std::optional<size_t> item_at, predicted_at, score_at, label_at;
  for (size_t c = 0; *header && c < reader.record().size(); ++c) {
    const std::string_view name = TrimBlanks(reader.record()[c]);
    if (EqualsIgnoringCase(name, "predicted") || EqualsIgnoringCase(name, "prediction")) {
      predicted_at = predicted_at.value_or(c);
    } else if (EqualsIgnoringCase(name, "score") || EqualsIgnoringCase(name, "confidence")) {
      score_at = score_at.value_or(c);
    } else if (const auto role = MatchRole(name, kRoles); role == Role::kItem) {
      item_at = item_at.value_or(c);
    } else if (role == Role::kLabel) {
      label_at = label_at.value_or(c);
    }
  }
  if (!item_at || !predicted_at || !score_at || (need_label && !label_at)) {
    return InvalidArgument(
        fmt::format("the header must name the columns item, predicted (or prediction), score "
                    "(or confidence){}",
                    need_label ? " and label (the known answer)" : ""),
        path + ":1");
  }
  std::vector<ScoredPrediction> rows;
  while (true) {
    auto next = reader.Next();
    if (!next.ok()) return next.status();
    if (!*next) break;
    const auto& record = reader.record();
    const std::string where = fmt::format("{}:{}", path, record.line());
    const size_t needed = std::max({*item_at, *predicted_at, *score_at, label_at.value_or(0)}) + 1;
    if (record.size() < needed) return InvalidArgument("the row is shorter than the header", where);
    ScoredPrediction row;
    row.item = std::string(TrimBlanks(record[*item_at]));
    row.predicted = std::string(TrimBlanks(record[*predicted_at]));
    if (row.item.empty()) return InvalidArgument("the item is empty", where);
    const std::string_view score = TrimBlanks(record[*score_at]);
    const auto [end, ec] = std::from_chars(score.data(), score.data() + score.size(), row.score);
    if (ec != std::errc() || end != score.data() + score.size() || !std::isfinite(row.score)) {
      return InvalidArgument(fmt::format("score \"{}\" is not a number", score), where);
    }
    if (label_at) {
      const std::string label(TrimBlanks(record[*label_at]));
      if (!label.empty()) row.label = label;
    }
    if (need_label && !row.label) {
      return InvalidArgument("a calibration item needs its known label", where);
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace chorus::quality
