// MatchedQuality: how well a set of answer regions (boxes, polygons, keypoint instances, time
// segments) reproduces a set of reference regions, as one number in [0, 1].
//
// Panoptic quality, Kirillov, A., He, K., Girshick, R., Rother, C. & Dollár, P. (2019)
// "Panoptic Segmentation", CVPR, eq. (1):
//   PQ = Σ_{(g,a) matched} sim(g, a) / (|TP| + ½|FP| + ½|FN|),
// where a reference and an answer region match when their similarity (IoU, OKS, ...) exceeds
// a threshold (0.5 there, which makes matches unique for non-overlapping regions). Regions may
// overlap here (boxes do), so pairs are matched greedily by descending similarity, each region
// at most once, as COCO's evaluation does. PQ = SQ (mean similarity of matches) × RQ (the F1 of
// detection), so a missed region and a spurious one cost the same.
// Both sets empty: 1 (nothing to find, nothing found).
// Thread-safety: pure function. Cost: O(n_reference · n_answer · log) plus the similarity calls.
#pragma once

#include <cstddef>
#include <functional>

namespace chorus::quality {

struct MatchedQuality {
  double quality = 1;          // PQ as above, in [0, 1].
  size_t matched = 0;          // |TP|.
  size_t missed = 0;           // |FN|: reference regions left unmatched.
  size_t spurious = 0;         // |FP|: answer regions left unmatched.
  double mean_similarity = 0;  // SQ: mean similarity of the matched pairs (0 when none).
};

// `similarity(r, a)` in [0, 1] for reference region r < n_reference and answer region
// a < n_answer; return 0 for pairs that may never match (different labels). Pairs match only
// when their similarity is > `match_threshold`.
// REQUIRES: 0 <= match_threshold < 1.
MatchedQuality MatchRegions(size_t n_reference, size_t n_answer,
                            const std::function<double(size_t, size_t)>& similarity,
                            double match_threshold = 0.5);

}  // namespace chorus::quality
