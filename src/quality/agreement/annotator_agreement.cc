#include "quality/agreement/annotator_agreement.h"

#include <cassert>
#include <string>
#include <utility>

#include "quality/agreement/cohen.h"
#include "quality/agreement/contingency.h"

namespace chorus::quality {
namespace {

std::string TooFewSharedReason(uint64_t shared, uint64_t minimum) {
  // Appended piece by piece: g++ 12 -O3 warns falsely on "literal" + std::string (GCC bugs 105329,
  // 105651).
  std::string reason = "these two annotators share only ";
  reason += std::to_string(shared);
  reason += " item(s), fewer than the minimum of ";
  reason += std::to_string(minimum);
  reason += "; assign them more items in common or lower the minimum";
  return reason;
}

}  // namespace

PairTables BuildPairTables(const ItemVotes& votes, size_t label_count, size_t annotator_count,
                           std::vector<uint64_t>* items_labelled) {
  const size_t k = label_count, kk = k * k, n = annotator_count;
  PairTables tables;
  tables.annotator_count = n;
  tables.category_count = k;
  // uint32 cells halve the memory traffic; no cell can exceed the item count, which ItemVotes'
  // uint32 offsets already bound.
  tables.cells.assign(n < 2 ? 0 : n * (n - 1) / 2 * kk, 0);
  if (items_labelled != nullptr) items_labelled->assign(n, 0);
  std::vector<size_t> row_start(n, 0);
  for (size_t a = 0; a + 1 < n; ++a) {
    row_start[a] = tables.PairIndex(static_cast<AnnotatorId>(a), static_cast<AnnotatorId>(a + 1));
  }
  // Per item, each distinct annotator's first vote as (annotator, its column offset b·k² + l),
  // so the pair loop below is a bare increment; reused across items, no per-item allocation.
  std::vector<AnnotatorId> who;
  std::vector<size_t> column;
  uint32_t* cells = tables.cells.data();
  for (size_t item = 0; item < votes.item_count(); ++item) {
    const uint32_t begin = votes.offsets[item], end = votes.offsets[item + 1];
    who.clear();
    column.clear();
    for (uint32_t v = begin; v < end; ++v) {
      // Votes are sorted by annotator: a repeat is not the first vote, which PairTable uses.
      if (v > begin && votes.annotators[v] == votes.annotators[v - 1]) continue;
      assert(votes.annotators[v] < n && votes.labels[v] < k);
      who.push_back(votes.annotators[v]);
      column.push_back(votes.annotators[v] * kk + votes.labels[v]);
      if (items_labelled != nullptr) ++(*items_labelled)[votes.annotators[v]];
    }
    const size_t m = who.size();
    for (size_t i = 0; i + 1 < m; ++i) {
      const AnnotatorId a = who[i];
      // Cell (a, b, l_a, l_b) is (row_start[a] + b - a - 1)·k² + l_a·k + l_b; fold everything
      // but column[j] = b·k² + l_b into `row`. The subtraction may wrap, but size_t arithmetic
      // is modular, so row + column[j] is exact.
      const size_t row = row_start[a] * kk + (column[i] - a * kk) * k - (a + 1) * kk;
      for (size_t j = i + 1; j < m; ++j) ++cells[row + column[j]];
    }
  }
  return tables;
}

AnnotatorAgreement ComputeAnnotatorAgreement(const ItemVotes& votes, size_t label_count,
                                             size_t annotator_count,
                                             const AnnotatorAgreementOptions& options) {
  const size_t kk = label_count * label_count, n = annotator_count;
  AnnotatorAgreement result;
  const PairTables tables = BuildPairTables(votes, label_count, n, &result.items_labelled);

  std::vector<double> kappa_sum(n, 0.0);
  std::vector<uint32_t> kappa_count(n, 0), pair_count(n, 0);
  ContingencyTable table;
  table.category_count = label_count;
  table.counts.resize(kk);
  for (AnnotatorId a = 0; a + 1 < n; ++a) {
    for (AnnotatorId b = a + 1; b < n; ++b) {
      const std::span<const uint32_t> cells = tables.Cells(a, b);
      uint64_t shared = 0;
      for (uint32_t c : cells) shared += c;
      if (shared == 0) continue;
      ++pair_count[a];
      ++pair_count[b];
      AnnotatorPairAgreement pair;
      pair.first = a;
      pair.second = b;
      pair.shared_items = shared;
      if (shared < options.min_shared_items) {
        pair.percent_agreement =
            Statistic::Undefined(TooFewSharedReason(shared, options.min_shared_items));
        pair.cohen_kappa = pair.percent_agreement;
      } else {
        for (size_t c = 0; c < kk; ++c) table.counts[c] = cells[c];
        pair.percent_agreement = PercentAgreement(table);
        pair.cohen_kappa = CohenKappa(table, options.weighting, options.category_values);
        if (pair.cohen_kappa.defined()) {
          kappa_sum[a] += *pair.cohen_kappa.value;
          kappa_sum[b] += *pair.cohen_kappa.value;
          ++kappa_count[a];
          ++kappa_count[b];
        }
      }
      result.pairs.push_back(std::move(pair));
    }
  }

  result.mean_kappa_with_others.resize(n);
  for (size_t a = 0; a < n; ++a) {
    if (kappa_count[a] > 0) {
      result.mean_kappa_with_others[a] = Statistic::Of(kappa_sum[a] / kappa_count[a]);
    } else if (pair_count[a] == 0) {
      result.mean_kappa_with_others[a] = Statistic::Undefined(
          "this annotator shares no item with any other annotator; assign some of "
          "their items to others as well");
    } else {
      std::string reason =
          "none of this annotator's pairs has a defined kappa (each shares fewer "
          "than ";
      reason += std::to_string(options.min_shared_items);
      reason += " items, or only one category was used); assign them more items in common";
      result.mean_kappa_with_others[a] = Statistic::Undefined(std::move(reason));
    }
  }
  return result;
}

}  // namespace chorus::quality
