#include "service/gold_comparison.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>

#include "core/utf8.h"
#include "domain/annotation_result.h"
#include "quality/similarity/keypoint_similarity.h"
#include "quality/similarity/matching.h"
#include "quality/similarity/rank_correlation.h"
#include "quality/similarity/region_overlap.h"
#include "quality/similarity/text_similarity.h"

namespace chorus::service {
namespace {

using domain::ControlType;
using nlohmann::json;

// The list stored under `key`, or an empty list.
const json& ListOf(const json& value, const char* key) {
  static const json kEmpty = json::array();
  if (!value.is_object()) return kEmpty;
  const auto found = value.find(key);
  return found != value.end() && found->is_array() ? *found : kEmpty;
}

double Number(const json& value, const char* key) {
  const auto found = value.find(key);
  return found != value.end() && found->is_number() ? found->get<double>() : 0;
}

std::string Label(const json& region) { return region.value("label", std::string()); }

quality::Outline BoxOutline(const json& box) {
  return quality::RotatedBox(Number(box, "x"), Number(box, "y"), Number(box, "width"),
                             Number(box, "height"), Number(box, "rotation"));
}

quality::Outline PolygonOutline(const json& polygon) {
  quality::Outline out;
  for (const json& point : ListOf(polygon, "points")) {
    if (point.is_array() && point.size() == 2) {
      out.push_back({point[0].get<double>(), point[1].get<double>()});
    }
  }
  return out;
}

std::vector<quality::NamedPoint> InstancePoints(const json& instance) {
  std::vector<quality::NamedPoint> out;
  for (const json& point : ListOf(instance, "points")) {
    out.push_back({Label(point), Number(point, "x"), Number(point, "y")});
  }
  return out;
}

// PQ of two region lists under `similarity(reference_region, answer_region)`.
template <typename Similarity>
double RegionQuality(const json& reference, const json& answer, Similarity similarity) {
  return quality::MatchRegions(
             reference.size(), answer.size(),
             [&](size_t r, size_t a) { return similarity(reference[r], answer[a]); })
      .quality;
}

// Region similarity that never matches regions of different labels.
template <typename Measure>
auto SameLabel(Measure measure) {
  return [measure](const json& r, const json& a) {
    return Label(r) == Label(a) ? measure(r, a) : 0.0;
  };
}

std::vector<std::string> SortedChoices(const json& value) {
  std::vector<std::string> out;
  for (const json& c : ListOf(value, "choices")) {
    if (c.is_string()) out.push_back(c.get<std::string>());
  }
  std::sort(out.begin(), out.end());
  return out;
}

// A choices value {"ambiguous": true} (domain::IsAmbiguousAnswer, for one control's value).
bool SaysAmbiguous(const json& value) {
  if (!value.is_object()) return false;
  const auto found = value.find("ambiguous");
  return found != value.end() && found->is_boolean() && found->get<bool>();
}

std::vector<int64_t> Order(const json& value) {
  std::vector<int64_t> out;
  for (const json& i : ListOf(value, "order")) {
    if (i.is_number_integer()) out.push_back(i.get<int64_t>());
  }
  return out;
}

ControlComparison Compare(const domain::Control& control, const json& reference, const json& answer,
                          const GoldPassMarks& marks) {
  ControlComparison out{control.name, "none", 0, false};
  const char* key = domain::ResultKey(control.type);
  auto exact = [&](bool equal) {
    out.measure = "exact";
    out.score = equal ? 1 : 0;
    out.passed = equal;
  };
  auto measured = [&](const char* measure, double score, double pass_mark) {
    out.measure = measure;
    out.score = score;
    out.passed = score >= pass_mark;
  };
  switch (control.type) {
    case ControlType::kChoices: {
      // An ambiguous answer is right only where the reference says the item is ambiguous.
      const bool reference_ambiguous = SaysAmbiguous(reference);
      const bool answer_ambiguous = SaysAmbiguous(answer);
      exact(reference_ambiguous == answer_ambiguous &&
            (reference_ambiguous || SortedChoices(reference) == SortedChoices(answer)));
      break;
    }
    case ControlType::kPairwise:
      exact(answer.is_object() && reference.value(key, json()) == answer.value(key, json()));
      break;
    case ControlType::kRating:
    case ControlType::kNumber: {
      const auto found = answer.is_object() ? answer.find(key) : answer.end();
      const double want = Number(reference, key);
      exact(found != answer.end() && found->is_number() &&
            std::abs(found->get<double>() - want) <= 1e-9 * std::max(1.0, std::abs(want)));
      break;
    }
    case ControlType::kSpans:
      measured("span_f1",
               RegionQuality(ListOf(reference, key), ListOf(answer, key),
                             [](const json& r, const json& a) {
                               return Label(r) == Label(a) &&
                                              Number(r, "start") == Number(a, "start") &&
                                              Number(r, "end") == Number(a, "end")
                                          ? 1.0
                                          : 0.0;
                             }),
               marks.span_f1);
      break;
    case ControlType::kRectangles:
      measured("region_pq",
               RegionQuality(ListOf(reference, key), ListOf(answer, key),
                             SameLabel([](const json& r, const json& a) {
                               return quality::RegionIoU(BoxOutline(r), BoxOutline(a));
                             })),
               marks.region_quality);
      break;
    case ControlType::kPolygons:
      measured("region_pq",
               RegionQuality(ListOf(reference, key), ListOf(answer, key),
                             SameLabel([](const json& r, const json& a) {
                               return quality::RegionIoU(PolygonOutline(r), PolygonOutline(a));
                             })),
               marks.region_quality);
      break;
    case ControlType::kKeypoints:
      measured("keypoint_pq",
               RegionQuality(ListOf(reference, key), ListOf(answer, key),
                             [](const json& r, const json& a) {
                               return quality::ObjectKeypointSimilarity(InstancePoints(r),
                                                                        InstancePoints(a));
                             }),
               marks.keypoint_quality);
      break;
    case ControlType::kAudioSegments:
    case ControlType::kVideoSegments:
      measured("segment_pq",
               RegionQuality(ListOf(reference, key), ListOf(answer, key),
                             SameLabel([](const json& r, const json& a) {
                               return quality::IntervalIoU(Number(r, "start"), Number(r, "end"),
                                                           Number(a, "start"), Number(a, "end"));
                             })),
               marks.segment_quality);
      break;
    case ControlType::kText: {
      const std::string answer_text = answer.is_object() ? answer.value(key, std::string()) : "";
      measured("edit_similarity",
               quality::EditSimilarity(DecodeUtf8(reference.value(key, std::string())),
                                       DecodeUtf8(answer_text)),
               marks.text_similarity);
      break;
    }
    case ControlType::kRanking:
      measured("kendall_tau", quality::KendallTau(Order(reference), Order(answer)),
               marks.ranking_tau);
      break;
    case ControlType::kRelations:
    case ControlType::kPolylines:
    case ControlType::kVideoTracks: break;
  }
  return out;
}

}  // namespace

GoldComparison CompareToGold(const domain::LabelInterface& label_interface, const json& reference,
                             const json& answer, const GoldPassMarks& marks) {
  GoldComparison out;
  if (!reference.is_object()) return out;
  static const json kNothing = json::object();
  double total = 0;
  size_t compared = 0;
  bool all_passed = true;
  for (const domain::Control& control : label_interface.controls) {
    const auto wanted = reference.find(control.name);
    if (wanted == reference.end()) continue;
    const json* given = &kNothing;
    if (answer.is_object()) {
      const auto found = answer.find(control.name);
      if (found != answer.end()) given = &*found;
    }
    ControlComparison c = Compare(control, *wanted, *given, marks);
    if (c.measure != "none") {
      total += c.score;
      ++compared;
      all_passed = all_passed && c.passed;
    }
    out.controls.push_back(std::move(c));
  }
  out.judged = compared > 0;
  out.correct = out.judged && all_passed;
  out.score = out.judged ? total / double(compared) : 0;
  return out;
}

}  // namespace chorus::service
