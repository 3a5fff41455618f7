// `chorus report`'s outputs of a quality report (quality/truth/quality_report.h): JSON with
// stable keys ("report_version": 1, see docs/cli.md) and one self-contained HTML page (inline
// CSS, charts as inline SVG from service/svg_chart.h, no script, no external reference, every
// text from the data escaped). Both show the same numbers.
// Thread-safety: stateless functions.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "quality/truth/quality_report.h"

namespace chorus::service {

// Where the votes came from, for the report's header.
struct QualityReportSource {
  std::string title;      // "votes.csv", or the project's name.
  std::string file;       // Vote file (file mode).
  std::string gold_file;  // Gold file, when given.
  uint64_t missing_skipped = 0;          // Votes with an empty or NA label.
  uint64_t duplicates_dropped = 0;       // Dropped by --duplicates first|last.
  uint64_t gold_items_not_in_votes = 0;  // Gold lines naming an item nobody labelled.
  std::optional<int64_t> project_id;     // Project mode.
  std::string control;                   // Project mode: the control the votes answer.
};

nlohmann::json QualityReportJson(const quality::QualityReport& report,
                                 const QualityReportSource& source);

std::string QualityReportHtml(const quality::QualityReport& report,
                              const QualityReportSource& source);

}  // namespace chorus::service
