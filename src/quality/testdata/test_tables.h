// Builders the quality tests share: names, vote tables from typed matrices, counts from codes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "quality/vote_table.h"

namespace chorus::quality::testdata {

// ../shared/data beside the checkout (where CI and developers keep the real datasets). Tests
// that read it skip with a message when it is absent. REQUIRES: CHORUS_SOURCE_DIR is defined
// (it is, for every test target of cmake/chorus.cmake).
inline std::filesystem::path SharedDataDir() {
  return std::filesystem::path(CHORUS_SOURCE_DIR).parent_path() / "shared" / "data";
}

inline std::string Name(std::string_view prefix, std::string_view suffix) {
  std::string name(prefix);
  name.append(suffix);
  return name;
}
inline std::string Name(std::string_view prefix, size_t number) {
  return Name(prefix, std::to_string(number));
}

// A table with its votes grouped by item and each label's numeric value (empty if any label
// is not a number).
struct GroupedVotes {
  VoteTable table;
  ItemVotes grouped;
  std::vector<double> values;
};

inline GroupedVotes Group(VoteTable table) {
  GroupedVotes v{std::move(table), {}, {}};
  v.grouped = GroupByItem(v.table);
  auto values = v.table.NumericLabelValues();
  if (values.ok()) v.values = *values;
  return v;
}

// Coders × units matrix, 0 = missing; units are "u<i>", coders "c<i>", labels their value.
inline GroupedVotes FromCoderMatrix(const std::vector<std::vector<int>>& rows) {
  VoteTable table;
  for (size_t c = 0; c < rows.size(); ++c) {
    for (size_t u = 0; u < rows[c].size(); ++u) {
      if (rows[c][u] == 0) continue;
      table.Add(Name("u", u), Name("c", c), std::to_string(rows[c][u]));
    }
  }
  return Group(std::move(table));
}

// Raw ratings (one row per item, codes 1..k, 0 = missing) to items × categories counts.
inline CategoryCounts CountsFromCodes(const std::vector<std::vector<uint32_t>>& ratings, size_t k) {
  CategoryCounts counts;
  counts.item_count = ratings.size();
  counts.category_count = k;
  counts.counts.assign(ratings.size() * k, 0);
  for (size_t i = 0; i < ratings.size(); ++i) {
    for (uint32_t code : ratings[i]) {
      if (code != 0) ++counts.counts[i * k + code - 1];
    }
  }
  return counts;
}

}  // namespace chorus::quality::testdata
