// Output of the numeric methods of `chorus aggregate` and `chorus annotators`: one row per
// item (CSV or JSONL), a summary (text or JSON) and the per-annotator bias and noise table
// (text, JSON or CSV).
// Thread-safety: stateless functions.
#pragma once

#include <ostream>
#include <string>

#include "cli/aggregate_output.h"
#include "quality/truth/numeric_aggregate.h"

namespace chorus::cli {

// item,value,nearest_label,votes,spread,ci_low,ci_high; an empty cell (JSON null) where a value
// is undefined. JSONL rows add "undefined" (the reason) when the value or interval is missing.
void WriteNumericItems(std::ostream& out, const quality::VoteTable& table,
                       const quality::NumericAggregation& aggregation, ItemFormat format);

// `annotator_rows`: how many of the most biased and of the noisiest annotators to list.
std::string RenderNumericSummaryText(const quality::VoteTable& table,
                                     const quality::NumericAggregation& aggregation,
                                     const AggregateSource& source, size_t annotator_rows);
std::string RenderNumericSummaryJson(const quality::VoteTable& table,
                                     const quality::NumericAggregation& aggregation,
                                     const AggregateSource& source, size_t annotator_rows);

// Every annotator who voted, noisiest first: votes, bias, noise SD.
std::string RenderNumericAnnotatorsText(const quality::VoteTable& table,
                                        const quality::NumericAggregation& aggregation);
std::string RenderNumericAnnotatorsJson(const quality::VoteTable& table,
                                        const quality::NumericAggregation& aggregation);
std::string RenderNumericAnnotatorsCsv(const quality::VoteTable& table,
                                       const quality::NumericAggregation& aggregation);

}  // namespace chorus::cli
