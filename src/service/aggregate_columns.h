// How a stored aggregate (domain/task_aggregate.h) reads as CSV, shared by the project export
// (service/export.h) and GET /api/v1/projects/{p}/aggregates?format=csv so both name and
// format the columns alike: method, source, label, confidence, weight, ambiguous, votes,
// distribution and posterior (JSON object text). Numbers have 6 significant digits; a task
// without an aggregate has every field empty. (No CSV writing here: core/csv_writer.h's
// CsvRecord function must not precede core/csv_reader.h's CsvRecord class in a unity batch.)
// Thread-safety: pure functions.
#pragma once

#include <array>
#include <string>
#include <string_view>

#include "domain/task_aggregate.h"

namespace chorus::service {

inline constexpr std::array<std::string_view, 9> kAggregateCsvColumns = {
    "aggregate_method",     "aggregate_source",       "aggregate_label",
    "aggregate_confidence", "aggregate_weight",       "aggregate_ambiguous",
    "aggregate_votes",      "aggregate_distribution", "aggregate_posterior"};

// The fields of kAggregateCsvColumns for `aggregate` (all empty for nullptr).
std::array<std::string, 9> AggregateCsvFields(const domain::TaskAggregate* aggregate);

}  // namespace chorus::service
