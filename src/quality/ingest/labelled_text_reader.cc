#include "quality/ingest/labelled_text_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/csv_reader.h"
#include "quality/ingest/column_names.h"
#include "quality/ingest/input_file.h"

namespace chorus::quality {

Result<LabelledTexts> ReadLabelledTexts(const std::string& path, const std::string& text_column) {
  auto opened = OpenDelimitedFile(path);
  if (!opened.ok()) return opened.status();
  CsvReader& reader = *opened;
  auto header = reader.Next();
  if (!header.ok()) return header.status();
  constexpr Role kRoles[] = {Role::kItem, Role::kLabel};
  std::optional<size_t> item_at, text_at, label_at;
  for (size_t c = 0; *header && c < reader.record().size(); ++c) {
    const std::string_view name = TrimBlanks(reader.record()[c]);
    if (!text_at && name == text_column) {
      text_at = c;
      continue;
    }
    const auto role = MatchRole(name, kRoles);
    if (role == Role::kItem && !item_at) item_at = c;
    if (role == Role::kLabel && !label_at) label_at = c;
  }
  if (!item_at || !text_at || !label_at) {
    return InvalidArgument(
        fmt::format("the header must name an item column ({}), a \"{}\" column and a label "
                    "column ({}), e.g. item,text,label",
                    RoleAliases(Role::kItem), text_column, RoleAliases(Role::kLabel)),
        path + ":1");
  }
  const size_t needed = std::max({*item_at, *text_at, *label_at}) + 1;
  LabelledTexts out;
  std::vector<std::string> raw_labels;
  std::unordered_map<std::string, uint64_t> line_of;
  while (true) {
    auto next = reader.Next();
    if (!next.ok()) return next.status();
    if (!*next) break;
    const auto& record = reader.record();
    const std::string where = fmt::format("{}:{}", path, record.line());
    if (record.size() < needed) return InvalidArgument("the row is shorter than the header", where);
    std::string item(TrimBlanks(record[*item_at]));
    if (item.empty()) return InvalidArgument("the item is empty", where);
    const auto [seen, fresh] = line_of.emplace(item, record.line());
    if (!fresh) {
      return InvalidArgument(fmt::format("item \"{}\" is already on line {}; keep one row per item",
                                         item, seen->second),
                             where);
    }
    out.items.push_back(std::move(item));
    out.texts.emplace_back(record[*text_at]);
    raw_labels.emplace_back(TrimBlanks(record[*label_at]));
  }
  std::map<std::string, size_t> class_of;
  for (const std::string& label : raw_labels) {
    if (!label.empty()) class_of.emplace(label, 0);
  }
  for (auto& [name, id] : class_of) {
    id = out.classes.size();
    out.classes.push_back(name);
  }
  for (const std::string& label : raw_labels) {
    out.labels.push_back(label.empty() ? std::nullopt : std::optional(class_of.at(label)));
  }
  return out;
}

}  // namespace chorus::quality
