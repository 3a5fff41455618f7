#include "quality/ingest/gold_reader.h"

#include <fmt/format.h>

#include <string_view>
#include <unordered_set>

#include "core/interner.h"
#include "quality/ingest/role_reader.h"

namespace chorus::quality {
namespace {

constexpr size_t kExamples = 5;

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

}  // namespace

Result<GoldLabels> ReadGold(const std::string& path, VoteTable& table,
                            const VoteReadOptions& options) {
  auto reader = RoleReader::Open(path, {Role::kItem, Role::kGoldLabel}, options);
  if (!reader.ok()) return reader.status();
  RoleReader& rows = **reader;
  GoldLabels gold;
  gold.by_item.assign(table.item_count(), std::nullopt);
  std::vector<uint64_t> line_of(table.item_count(), 0);
  std::unordered_set<std::string, StringHash, std::equal_to<>> not_in_votes;
  // Labels no vote used get ids after the table's, and join the table only on success.
  const auto labels_before = static_cast<LabelId>(table.label_count());
  Interner new_labels;
  const auto label_name = [&](LabelId id) -> std::string {
    return std::string(id < labels_before ? std::string_view(table.label_names().Name(id))
                                          : new_labels.Name(id - labels_before));
  };
  while (true) {
    auto next = rows.Next();
    if (!next.ok()) return next.status();
    if (!*next) break;
    const RoleRow& row = rows.row();
    if (row.missing[1]) {
      ++gold.missing_skipped;
      continue;
    }
    const std::optional<ItemId> item = table.item_names().Find(row.values[0]);
    if (!item) {
      if (not_in_votes.find(row.values[0]) == not_in_votes.end()) {
        not_in_votes.emplace(row.values[0]);
        if (gold.examples_not_in_votes.size() < kExamples) {
          gold.examples_not_in_votes.emplace_back(row.values[0]);
        }
      }
      continue;
    }
    const std::optional<LabelId> known = table.label_names().Find(row.values[1]);
    const LabelId label = known ? *known : labels_before + new_labels.Intern(row.values[1]);
    std::optional<LabelId>& slot = gold.by_item[*item];
    if (!slot) {
      slot = label;
      line_of[*item] = row.line;
      ++gold.gold_items;
      continue;
    }
    const bool same = *slot == label;
    const DuplicatePolicy policy = options.duplicates;
    if (policy == DuplicatePolicy::kKeepFirst || policy == DuplicatePolicy::kKeepLast ||
        (same && policy == DuplicatePolicy::kKeepAll)) {
      if (policy == DuplicatePolicy::kKeepLast) {
        slot = label;
        line_of[*item] = row.line;
      }
      ++gold.duplicates_dropped;
      continue;
    }
    if (same && policy == DuplicatePolicy::kError) {
      ++gold.duplicates_dropped;  // The same answer twice is harmless.
      continue;
    }
    return InvalidArgument(
        fmt::format("item \"{}\" has two different gold labels, \"{}\" on line {} and \"{}\" on "
                    "line {}; keep one, or pass --duplicates first or last",
                    row.values[0], label_name(*slot), line_of[*item], row.values[1], row.line),
        fmt::format("{}:{}:1", rows.name(), row.line));
  }
  gold.items_not_in_votes = not_in_votes.size();
  for (uint32_t id = 0; id < new_labels.size(); ++id)
    table.label_names().Intern(new_labels.Name(id));
  gold.new_labels = new_labels.size();
  gold.lines = rows.lines();
  return gold;
}

}  // namespace chorus::quality
