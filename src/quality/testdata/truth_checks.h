// Checks the truth-inference tests share: accuracy against a known truth, decision margins and
// posteriors keyed by name (to compare fits of renamed or reordered tables).
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "quality/truth/truth_estimate.h"
#include "quality/vote_table.h"

namespace chorus::quality::testdata {

inline std::vector<std::string> Names(const char* prefix, int n) {
  std::vector<std::string> names;
  for (int i = 0; i < n; ++i) names.push_back(prefix + std::to_string(i));
  return names;
}

// Majority-vote accuracy against truth, ties counted as half right on average (1/ties).
inline double MajorityAccuracy(const VoteTable& table, const std::vector<int>& truth) {
  const CategoryCounts counts = CountByItem(table);
  double correct = 0;
  for (size_t j = 0; j < counts.item_count; ++j) {
    const auto row = counts.row(j);
    const uint32_t best = *std::max_element(row.begin(), row.end());
    const double ties = static_cast<double>(std::count(row.begin(), row.end(), best));
    if (row[truth[j]] == best) correct += 1 / ties;
  }
  return correct / static_cast<double>(counts.item_count);
}

inline double Accuracy(const TruthEstimate& e, const std::vector<int>& truth) {
  double correct = 0;
  for (size_t j = 0; j < truth.size(); ++j)
    correct += e.labels[j] == static_cast<LabelId>(truth[j]);
  return correct / static_cast<double>(truth.size());
}

// Top posterior minus the runner-up: how safely the hard label is decided.
inline double Margin(const TruthEstimate& e, size_t j) {
  std::vector<double> row(e.posterior.row(j).begin(), e.posterior.row(j).end());
  std::sort(row.rbegin(), row.rend());
  return row.size() < 2 ? 1.0 : row[0] - row[1];
}

// Posterior by (item name, label name), to compare fits of renamed tables.
inline std::map<std::pair<std::string, std::string>, double> PosteriorByName(
    const VoteTable& t, const TruthEstimate& e) {
  std::map<std::pair<std::string, std::string>, double> out;
  for (size_t j = 0; j < t.item_count(); ++j) {
    for (size_t c = 0; c < t.label_count(); ++c) {
      out[{std::string(t.item_names().Name(static_cast<ItemId>(j))),
           std::string(t.label_names().Name(static_cast<LabelId>(c)))}] = e.posterior.at(j, c);
    }
  }
  return out;
}

}  // namespace chorus::quality::testdata
