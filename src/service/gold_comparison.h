// How an answer compares with a gold item's reference, control by control, with the measure
// that fits each control type (docs/quality.md, "Gold comparison"):
//   choices, pairwise, rating, number   exact match                        pass: equal
//   spans                               span F1 (same start, end, label)   pass: >= 0.8
//   rectangles, polygons                region PQ over IoU (same label)    pass: >= 0.5
//   keypoints                           PQ over OKS per instance           pass: >= 0.5
//   audio and video segments            PQ over time IoU (same label)      pass: >= 0.5
//   text                                1 − normalised edit distance       pass: >= 0.8
//   ranking                             Kendall's tau                      pass: >= 0.6
// PQ is panoptic quality (quality/similarity/matching.h): it counts missed and spurious
// regions as well as how well matched ones fit. Relations, polylines and video tracks are not
// compared (listed with measure "none"). An ambiguous choices answer ({"ambiguous": true})
// matches only an ambiguous reference, which no answer with options matches. Only the controls
// the reference answers are judged; an answer is correct when every judged control passes.
// Thread-safety: pure functions.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <vector>

#include "domain/label_interface.h"

namespace chorus::service {

struct GoldPassMarks {
  double span_f1 = 0.8;
  double region_quality = 0.5;
  double keypoint_quality = 0.5;
  double segment_quality = 0.5;
  double text_similarity = 0.8;
  double ranking_tau = 0.6;
};

struct ControlComparison {
  std::string control;  // The control's name.
  std::string measure;  // "exact", "span_f1", "region_pq", "keypoint_pq", "segment_pq",
                        // "edit_similarity", "kendall_tau", or "none" (not compared).
  double score = 0;     // In [0, 1] (Kendall's tau in [−1, 1]); 0 for "none".
  bool passed = false;  // score reached the pass mark; false for "none".
};

struct GoldComparison {
  std::vector<ControlComparison> controls;  // In the interface's order.
  bool judged = false;                      // At least one control was compared.
  bool correct = false;                     // judged, and every compared control passed.
  double score = 0;                         // Mean score of the compared controls (0 when none).
};

// REQUIRES: `reference` and `answer` are result objects valid for `label_interface` (an
// answer that is not an object is compared as an empty one).
GoldComparison CompareToGold(const domain::LabelInterface& label_interface,
                             const nlohmann::json& reference, const nlohmann::json& answer,
                             const GoldPassMarks& marks = {});

}  // namespace chorus::service
