#include "quality/preference/pair_agreement.h"

#include <algorithm>
#include <numeric>
#include <tuple>

namespace chorus::quality {

std::vector<PairAgreement> ComputePairAgreement(const ComparisonTable& table) {
  struct Row {
    ItemId item;
    OptionId first;
    OptionId second;
    AnnotatorId annotator;
    Outcome outcome;  // From `first`'s side.
  };
  std::vector<Row> rows;
  rows.reserve(table.size());
  for (size_t r = 0; r < table.size(); ++r) {
    const OptionId left = table.lefts()[r];
    const OptionId right = table.rights()[r];
    const bool left_first = left < right;
    rows.push_back({table.items()[r], left_first ? left : right, left_first ? right : left,
                    table.annotators()[r],
                    left_first ? table.outcomes()[r] : Flipped(table.outcomes()[r])});
  }
  std::sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) {
    return std::tie(a.item, a.first, a.second, a.annotator) <
           std::tie(b.item, b.first, b.second, b.annotator);
  });
  std::vector<PairAgreement> result;
  for (size_t begin = 0; begin < rows.size();) {
    size_t end = begin;
    PairAgreement pair;
    pair.item = rows[begin].item;
    pair.first = rows[begin].first;
    pair.second = rows[begin].second;
    while (end < rows.size() && rows[end].item == pair.item && rows[end].first == pair.first &&
           rows[end].second == pair.second) {
      if (end == begin || rows[end].annotator != rows[end - 1].annotator) ++pair.annotators;
      switch (rows[end].outcome) {
        case Outcome::kLeft: ++pair.first_wins; break;
        case Outcome::kRight: ++pair.second_wins; break;
        case Outcome::kTie: ++pair.ties; break;
      }
      ++end;
    }
    begin = end;
    if (pair.annotators < 2) continue;
    pair.comparisons = pair.first_wins + pair.second_wins + pair.ties;
    const uint32_t largest = std::max({pair.first_wins, pair.second_wins, pair.ties});
    const int at_largest =
        (pair.first_wins == largest) + (pair.second_wins == largest) + (pair.ties == largest);
    if (at_largest == 1) {
      pair.majority = pair.first_wins == largest    ? Outcome::kLeft
                      : pair.second_wins == largest ? Outcome::kRight
                                                    : Outcome::kTie;
    }
    pair.agreement = static_cast<double>(largest) / pair.comparisons;
    result.push_back(pair);
  }
  return result;
}

}  // namespace chorus::quality
