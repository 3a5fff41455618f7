#include "quality/ingest/label_probs_reader.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <optional>
#include <unordered_map>

#include "core/csv_reader.h"
#include "quality/ingest/column_names.h"
#include "quality/ingest/input_file.h"

namespace chorus::quality {
namespace {

// Rounded probabilities (three decimals over ten classes) still add up to 1 within this.
constexpr double kSumTolerance = 0.01;

Status LineError(const std::string& path, uint64_t line, std::string message) {
  return InvalidArgument(std::move(message), fmt::format("{}:{}", path, line));
}

std::optional<double> ParseProbability(std::string_view text) {
  text = TrimBlanks(text);
  double value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

Status ReadProbs(const std::string& path, LabelsAndProbs& out,
                 std::unordered_map<std::string, size_t>& row_of, std::vector<uint64_t>& line_of) {
  auto reader = OpenDelimitedFile(path);
  if (!reader.ok()) return reader.status();
  auto has_header = reader->Next();
  if (!has_header.ok()) return has_header.status();
  constexpr Role kItemRole[] = {Role::kItem};
  if (!*has_header || reader->record().size() < 3 || !MatchRole(reader->record()[0], kItemRole)) {
    return LineError(path, 1,
                     "PROBS needs a header: the item column, then one column per class "
                     "(item,cat,dog,...), with at least two classes");
  }
  std::unordered_map<std::string, size_t> class_of;
  for (size_t c = 1; c < reader->record().size(); ++c) {
    std::string name(TrimBlanks(reader->record()[c]));
    if (name.empty()) return LineError(path, 1, fmt::format("class column {} has no name", c + 1));
    if (!class_of.emplace(name, c - 1).second) {
      return LineError(path, 1, fmt::format("class \"{}\" is named twice", name));
    }
    out.classes.push_back(std::move(name));
  }
  const size_t classes = out.classes.size();
  std::vector<double> values;
  while (true) {
    auto next = reader->Next();
    if (!next.ok()) return next.status();
    if (!*next) break;
    const auto& record = reader->record();
    const uint64_t line = record.line();
    if (record.size() != classes + 1) {
      return LineError(path, line,
                       fmt::format("{} fields where the header has {} (the item and {} classes)",
                                   record.size(), classes + 1, classes));
    }
    std::string item(TrimBlanks(record[0]));
    if (item.empty()) return LineError(path, line, "the item is empty");
    const auto [seen, fresh] = row_of.emplace(item, out.items.size());
    if (!fresh) {
      return LineError(path, line,
                       fmt::format("item \"{}\" already has probabilities on line {}; keep one row "
                                   "per item",
                                   item, line_of[seen->second]));
    }
    double sum = 0;
    for (size_t c = 0; c < classes; ++c) {
      const auto p = ParseProbability(record[c + 1]);
      if (!p || *p < 0 || *p > 1) {
        return LineError(path, line,
                         fmt::format("\"{}\" for class \"{}\" is not a probability between 0 and 1",
                                     record[c + 1], out.classes[c]));
      }
      values.push_back(*p);
      sum += *p;
    }
    if (std::abs(sum - 1) > kSumTolerance) {
      return LineError(path, line,
                       fmt::format("the probabilities of item \"{}\" add up to {:.4g}, not 1: "
                                   "PROBS must hold each item's predicted distribution (softmax "
                                   "outputs)",
                                   item, sum));
    }
    out.items.push_back(std::move(item));
    line_of.push_back(line);
  }
  if (out.items.empty()) return LineError(path, 2, "PROBS has a header but no items");
  out.probs.rows = out.items.size();
  out.probs.cols = classes;
  out.probs.values = std::move(values);
  return Status::Ok();
}

Status ReadGivenLabels(const std::string& path, LabelsAndProbs& out,
                       const std::unordered_map<std::string, size_t>& row_of,
                       const std::string& probs_path, const std::vector<uint64_t>& probs_line_of) {
  auto reader = OpenDelimitedFile(path);
  if (!reader.ok()) return reader.status();
  auto has_header = reader->Next();
  if (!has_header.ok()) return has_header.status();
  constexpr Role kRoles[] = {Role::kItem, Role::kLabel};
  std::optional<size_t> item_column, label_column;
  if (*has_header) {
    for (size_t c = 0; c < reader->record().size(); ++c) {
      const auto role = MatchRole(reader->record()[c], kRoles);
      if (role == Role::kItem && !item_column) item_column = c;
      if (role == Role::kLabel && !label_column) label_column = c;
    }
  }
  if (!item_column || !label_column) {
    return LineError(path, 1,
                     fmt::format("LABELS needs a header naming the item column ({}) and the label "
                                 "column ({}), e.g. item,label",
                                 RoleAliases(Role::kItem), RoleAliases(Role::kLabel)));
  }
  std::unordered_map<std::string, size_t> class_of;
  for (size_t c = 0; c < out.classes.size(); ++c) class_of.emplace(out.classes[c], c);
  constexpr size_t kNone = static_cast<size_t>(-1);
  out.labels.assign(out.items.size(), kNone);
  std::vector<uint64_t> line_of(out.items.size(), 0);
  while (true) {
    auto next = reader->Next();
    if (!next.ok()) return next.status();
    if (!*next) break;
    const auto& record = reader->record();
    const uint64_t line = record.line();
    if (record.size() <= std::max(*item_column, *label_column)) {
      return LineError(path, line, "the row is shorter than the header");
    }
    const std::string item(TrimBlanks(record[*item_column]));
    const std::string label(TrimBlanks(record[*label_column]));
    if (label.empty()) continue;  // An unlabelled item: nothing to check.
    const auto row = row_of.find(item);
    if (row == row_of.end()) {
      return LineError(path, line,
                       fmt::format("item \"{}\" has no probabilities in {}; give every labelled "
                                   "item a row there",
                                   item, probs_path));
    }
    const auto label_id = class_of.find(label);
    if (label_id == class_of.end()) {
      return LineError(path, line,
                       fmt::format("label \"{}\" of item \"{}\" is not a class of {} ({})", label,
                                   item, probs_path, fmt::join(out.classes, ", ")));
    }
    if (out.labels[row->second] != kNone) {
      return LineError(path, line,
                       fmt::format("item \"{}\" already has a label on line {}; keep one", item,
                                   line_of[row->second]));
    }
    out.labels[row->second] = label_id->second;
    line_of[row->second] = line;
  }
  for (size_t i = 0; i < out.labels.size(); ++i) {
    if (out.labels[i] == kNone) {
      return LineError(probs_path, probs_line_of[i],
                       fmt::format("item \"{}\" has no label in {}; label it or drop its row",
                                   out.items[i], path));
    }
  }
  return Status::Ok();
}

}  // namespace

Result<LabelsAndProbs> ReadLabelsAndProbs(const std::string& labels_path,
                                          const std::string& probs_path) {
  LabelsAndProbs out;
  std::unordered_map<std::string, size_t> row_of;
  std::vector<uint64_t> line_of;
  if (Status read = ReadProbs(probs_path, out, row_of, line_of); !read.ok()) return read;
  if (Status read = ReadGivenLabels(labels_path, out, row_of, probs_path, line_of); !read.ok()) {
    return read;
  }
  return out;
}

}  // namespace chorus::quality
