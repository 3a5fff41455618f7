// Output of `chorus aggregate --method bt|crowdbt`: one row per option (CSV or JSONL) and a
// summary (text or JSON).
// Thread-safety: stateless functions.
#pragma once

#include <ostream>
#include <string>

#include "cli/aggregate_output.h"
#include "quality/ingest/comparison_reader.h"
#include "quality/preference/crowd_bt.h"

namespace chorus::cli {

// The columns of the options file, in order.
inline constexpr const char* kPreferenceColumns[] = {
    "option",    "score", "score_low", "score_high", "rank",        "rank_low",
    "rank_high", "wins",  "losses",    "ties",       "comparisons", "component"};

// One row per option, best rank first (ties in rank by first appearance).
void WritePreferenceOptions(std::ostream& out, const quality::ComparisonTable& table,
                            const quality::PreferenceFit& fit, ItemFormat format);

struct PreferenceSummaryInput {
  const quality::ComparisonFile* file = nullptr;
  const quality::PreferenceFit* fit = nullptr;
  const std::vector<quality::AnnotatorReliability>* annotators = nullptr;  // crowdbt only.
  std::string source_file;
  std::string out_file;  // Empty: standard output.
};

std::string RenderPreferenceSummaryText(const PreferenceSummaryInput& input, size_t rows);
std::string RenderPreferenceSummaryJson(const PreferenceSummaryInput& input);

}  // namespace chorus::cli
