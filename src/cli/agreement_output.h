// Renders an AgreementReport as text (a readable table), JSON (stable keys, see
// docs/cli.md) or CSV (one table; which one depends on the sections asked for).
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <string>

#include "quality/agreement/report.h"

namespace chorus::cli {

// Where the votes came from, for the report's header.
struct AgreementSource {
  std::string file;
  uint64_t missing_skipped = 0;     // Votes with an empty or NA label.
  uint64_t duplicates_dropped = 0;  // Repeated votes dropped by --duplicates first|last.
  std::string gold_file;
  uint64_t gold_items_not_in_votes = 0;
};

struct TextOptions {
  size_t item_rows = 20;  // --by-item shows this many least-agreed items.
};

// `table` is the one the report was computed from; it supplies item and annotator names.
std::string RenderAgreementText(const quality::AgreementReport& report,
                                const quality::VoteTable& table, const AgreementSource& source,
                                const TextOptions& options);
std::string RenderAgreementJson(const quality::AgreementReport& report,
                                const quality::VoteTable& table, const AgreementSource& source);

// The section a CSV holds: CSV has room for one table.
enum class CsvSection { kStatistics, kItems, kPairs, kGold };
std::string RenderAgreementCsv(const quality::AgreementReport& report,
                               const quality::VoteTable& table, CsvSection section);

}  // namespace chorus::cli
