// The quality report (quality/truth/quality_report.h) of a project, from its store: what
// `chorus report --project` renders, with the same figures the server's dashboard shows.
//
// Which votes count: every submitted annotation (no drafts, no skips; qualification answers are
// not annotations), on the control the project's aggregates use (AggregationControl: the
// routing control, else the first single-choice control), read as the aggregation service
// reads them (VoteOf). Unlike the stored aggregates, annotators paused by gold accuracy are
// kept: their labels are what a quality report is about. Gold: the project's gold items that
// answer the control (annotators' accuracy, confusion matrices against gold). Items are named
// by task id; annotators "display name (#id)"; each disputed item gets an excerpt of its data
// (its string fields, shortened), which the renderers escape.
// Thread-safety: safe to call concurrently (the store is).
#pragma once

#include <cstdint>
#include <string>

#include "core/status.h"
#include "quality/truth/quality_report.h"
#include "store/store.h"

namespace chorus::service {

// Data excerpts are cut to this many bytes (at a UTF-8 boundary).
inline constexpr size_t kExcerptBytes = 300;

struct ProjectQualityReport {
  int64_t project_id = 0;
  std::string project_name;
  std::string control;  // The control the votes were read from.
  quality::QualityReport report;
};

// A task's data as a short text: its top-level string fields as "field: value", joined by
// " · ", else the JSON itself; cut to kExcerptBytes.
std::string DataExcerpt(const std::string& data_json);

// kNotFound for an unknown project; kInvalidArgument (field "control") when it has no
// single-choice control, or (field "votes") when nobody has answered it yet.
Result<ProjectQualityReport> BuildProjectQualityReport(store::Store& store, int64_t project_id,
                                                       const quality::QualityReportOptions& options);

}  // namespace chorus::service
