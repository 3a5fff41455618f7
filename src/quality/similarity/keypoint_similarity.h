// ObjectKeypointSimilarity: how close an answer's keypoint instance is to a reference one.
//
// COCO's OKS (Lin, T.-Y. et al. (2014) "Microsoft COCO: Common Objects in Context", ECCV; the
// keypoint evaluation at cocodataset.org/#keypoints-eval and cocoapi's computeOks):
//   OKS = Σ_i exp(−d_i² / (2 s² κ²)) · [v_i > 0] / Σ_i [v_i > 0],   κ = 2σ,
// over the points the reference labels (v_i > 0), where d_i is the distance between the
// reference point and the answer's point of the same name (a point the answer lacks scores
// 0), s² is the object's area and σ the per-keypoint falloff. Chorus has no segment areas,
// so s² is the area of the reference instance's keypoint bounding box (at least
// min_area), and σ is one value for every point name (COCO's 17 values range from 0.025 for
// eyes to 0.107 for hips; the default is near their mean).
// Thread-safety: pure function.
#pragma once

#include <string>
#include <vector>

namespace chorus::quality {

struct NamedPoint {
  std::string name;
  double x = 0;
  double y = 0;
};

struct KeypointSimilarityOptions {
  double sigma = 0.07;    // Falloff per point, in units of the object's scale.
  double min_area = 1.0;  // Floor of s² (squared result units: percent²) for tiny objects.
};

// OKS in [0, 1]; 1 when the reference has no points (nothing to find).
double ObjectKeypointSimilarity(const std::vector<NamedPoint>& reference,
                                const std::vector<NamedPoint>& answer,
                                const KeypointSimilarityOptions& options = {});

}  // namespace chorus::quality
