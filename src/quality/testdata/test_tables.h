// Builders the quality tests share: names, vote tables from typed matrices, counts from codes.
#pragma once

#include <cstdint>
#include <filesystem>
#include <fstream>
#include <optional>
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

// Welinder, Branson, Belongie & Perona (2010), "The Multidimensional Wisdom of Crowds", NIPS:
// the bluebirds data (../shared/data/bluebirds_welinder, see its SOURCE.txt: 108 items, 39
// workers, 4212 answers "0"/"1", gold for every item). truth[item] is the gold class, -1 where
// the gold file has none. Nothing when the data is absent (the test then skips).
struct Bluebirds {
  VoteTable table;
  std::vector<int> truth;
};

inline std::optional<Bluebirds> LoadBluebirds() {
  const std::filesystem::path dir = SharedDataDir() / "bluebirds_welinder";
  std::ifstream answers(dir / "answers.csv"), gold(dir / "gold.csv");
  if (!answers || !gold) return std::nullopt;
  Bluebirds data;
  data.table.label_names().Intern("0");
  data.table.label_names().Intern("1");
  std::string line;
  std::getline(answers, line);  // task,worker,label
  while (std::getline(answers, line)) {
    const size_t a = line.find(','), b = line.find(',', a + 1);
    if (line.empty() || b == std::string::npos) continue;
    data.table.Add(line.substr(0, a), line.substr(a + 1, b - a - 1), line.substr(b + 1));
  }
  data.truth.assign(data.table.item_count(), -1);
  std::getline(gold, line);  // task,label
  while (std::getline(gold, line)) {
    const size_t a = line.find(',');
    if (line.empty() || a == std::string::npos) continue;
    if (const auto item = data.table.item_names().Find(line.substr(0, a))) {
      data.truth[*item] = line.substr(a + 1) == "1" ? 1 : 0;
    }
  }
  return data;
}

inline std::string Name(std::string_view prefix, std::string_view suffix) {
  std::string name(prefix);
  name.append(suffix);
  return name;
}
inline std::string Name(std::string_view prefix, size_t number) {
  return Name(prefix, std::to_string(number));
}

// One vote by ids, and a table of them whose items, annotators and labels are named i<n>,
// a<n> and l<n> in id order.
struct IdVote {
  ItemId item;
  AnnotatorId annotator;
  LabelId label;
};

inline VoteTable TableOfIds(size_t items, size_t annotators, size_t labels,
                            const std::vector<IdVote>& votes) {
  VoteTable table;
  for (size_t i = 0; i < items; ++i) table.item_names().Intern(Name("i", i));
  for (size_t a = 0; a < annotators; ++a) table.annotator_names().Intern(Name("a", a));
  for (size_t l = 0; l < labels; ++l) table.label_names().Intern(Name("l", l));
  for (const IdVote& v : votes) table.AddIds(v.item, v.annotator, v.label);
  return table;
}

// One vote by names, and a table of them whose ids follow the given name orders (then first
// appearance for any others).
struct NamedVote {
  std::string item, annotator, label;
};

inline VoteTable TableOfNames(const std::vector<NamedVote>& votes,
                              const std::vector<std::string>& labels = {},
                              const std::vector<std::string>& items = {},
                              const std::vector<std::string>& annotators = {}) {
  VoteTable table;
  for (const auto& l : labels) table.label_names().Intern(l);
  for (const auto& i : items) table.item_names().Intern(i);
  for (const auto& a : annotators) table.annotator_names().Intern(a);
  for (const auto& v : votes) table.Add(v.item, v.annotator, v.label);
  return table;
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
