// Output of `chorus aggregate` and `chorus annotators`: one row per item (CSV or JSONL), a
// summary (text or JSON) and the per-annotator table (text, JSON or CSV).
// Thread-safety: stateless functions.
#pragma once

#include <ostream>
#include <string>

#include "quality/truth/aggregate.h"

namespace chorus::cli {

enum class ItemFormat { kCsv, kJsonl };

// item,label,confidence,weight,ambiguous,distribution[,vote_distribution]; the distributions
// are "label:p;label:p" over every class. Rows are formatted on `threads` threads (0: one per
// core) and written in item order.
void WriteAggregatedItems(std::ostream& out, const quality::VoteTable& table,
                          const quality::Aggregation& aggregation, ItemFormat format,
                          bool with_vote_distribution, unsigned threads);

struct AggregateSource {
  std::string file;
  std::string gold_file;
  std::string out_file;  // Where the items went; empty = standard output.
};

std::string RenderAggregateSummaryText(const quality::VoteTable& table,
                                       const quality::Aggregation& aggregation,
                                       const AggregateSource& source, size_t annotator_rows);
std::string RenderAggregateSummaryJson(const quality::VoteTable& table,
                                       const quality::Aggregation& aggregation,
                                       const AggregateSource& source);

std::string RenderAnnotatorsText(const quality::VoteTable& table,
                                 const quality::Aggregation& aggregation);
std::string RenderAnnotatorsJson(const quality::VoteTable& table,
                                 const quality::Aggregation& aggregation);
std::string RenderAnnotatorsCsv(const quality::VoteTable& table,
                                const quality::Aggregation& aggregation);

}  // namespace chorus::cli
