// A datasheet for a project's dataset (issue 8 item 4), after Gebru et al., "Datasheets for
// Datasets", Communications of the ACM 64(12), 2021: the questions of its sections
// (motivation, composition, collection process, labelling, uses, distribution, maintenance)
// answered with what Chorus knows, and the rest left as marked prompts for the team.
//
// What Chorus fills in, from the store and the existing reports:
//   composition:  tasks, gold tasks, labelled tasks, labels and skips, the data fields, the
//                 label distribution (stored aggregates, else votes) of the agreement control;
//   collection:   the label interface, guideline versions, overlap and routing, gold and
//                 qualification settings, model assistance (drafts, blind share, accept rate,
//                 anchoring alerts);
//   annotators:   how many labelled, by tier; self-reported attributes only as the diversity
//                 report gives them (groups under 3 people merged or withheld); the effective
//                 hourly pay's distribution; exposure to sensitive items;
//   quality:      Krippendorff's alpha with its bootstrap 95% interval (1,000 resamples,
//                 seed 1) and raw agreement; pooled accuracy on gold with a Wilson interval;
//                 the adjudication rate; the estimated error rate of the aggregated labels
//                 (mean of 1 - posterior confidence over aggregated tasks);
//   provenance:   labels by source (human, model, rule, adjudicated) and, for human labels,
//                 whether a model draft was shown, withheld (blind) or absent; aggregates by
//                 method and source;
//   limitations:  sentences derived from the figures (alerts, small samples, withheld groups).
// The document is JSON (stable keys, "datasheet_version": 1); DatasheetMarkdown and
// DatasheetHtml render it. Nothing names an annotator: figures are counts and distributions.
// Thread-safety: safe to call concurrently.
#pragma once

#include <cstdint>
#include <functional>
#include <nlohmann/json.hpp>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace chorus::service {

class DatasheetService {
 public:
  // REQUIRES: `store` outlives the service.
  DatasheetService(store::Store& store, std::function<int64_t()> now);

  // The project's datasheet. kNotFound for an unknown project.
  Result<nlohmann::json> Build(int64_t project_id);

 private:
  store::Store& store_;
  std::function<int64_t()> now_;
};

// The datasheet as Markdown: headings per section, tables of figures, prompts as block quotes
// marked "To fill in".
std::string DatasheetMarkdown(const nlohmann::json& datasheet);

// The datasheet as one self-contained HTML page (no script; inline SVG bar charts of the label
// distribution and the effective pay; every text escaped).
std::string DatasheetHtml(const nlohmann::json& datasheet);

}  // namespace chorus::service
