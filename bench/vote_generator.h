// VoteGenerator: synthetic, seeded vote data for the benchmarks.
//
// A simple crowd model: each item has a true label drawn uniformly; each annotator has an
// accuracy drawn once, uniformly in accuracy ± accuracy_spread, and gives the true label with
// that probability, otherwise a wrong one (nominal: uniformly among the other categories;
// scale: one or two steps away, so interval statistics see realistic near misses).
// Optionally a share of the pool are spammers, who always give one label of their own drawn
// at the start, and a share are adversaries, mirror images of honest annotators: they give
// the next label, (truth + 1) mod labels, with the drawn accuracy and otherwise the truth.
// The lowest annotator numbers are the spammers, then the adversaries.
// Either every item gets `per_item` distinct annotators drawn from the pool, or (per_item = 0)
// every annotator labels every item and each vote is then dropped with probability `missing`.
// The same options and seed always give the same votes, in item order, on every platform
// (std::mt19937_64 with our own range reduction, not the library's distributions).
// Thread-safety: a generator is not shared; separate generators are independent.
#pragma once

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <random>
#include <string>
#include <vector>

namespace chorus::bench {

struct VoteGeneratorOptions {
  uint64_t items = 1000;         // Items (units) to label.
  uint32_t annotators = 5;       // Size of the annotator pool.
  uint32_t per_item = 0;         // Distinct annotators per item; 0: all of them, with `missing`.
  double missing = 0.0;          // With per_item = 0: probability a vote is left out.
  uint32_t categories = 5;       // Nominal labels c0..c{categories-1} (when !scale).
  bool scale = false;            // Integer labels scale_min..scale_max instead of categories.
  int scale_min = 1;             // Smallest scale value.
  int scale_max = 5;             // Largest scale value.
  double accuracy = 0.7;         // Mean probability of giving the item's true label.
  double accuracy_spread = 0.2;  // Each annotator's accuracy: uniform in accuracy ± spread.
  double spammers = 0.0;         // Share of the pool who always give one label of their own.
  double adversaries = 0.0;      // Share of the pool who give the next label, not the truth.
  uint64_t seed = 42;            // Same seed, same votes.

  // Number of distinct labels the options can produce.
  uint32_t label_count() const {
    return scale ? static_cast<uint32_t>(scale_max - scale_min + 1) : categories;
  }
  // Expected number of votes (exact when per_item > 0).
  double expected_votes() const {
    return per_item > 0 ? static_cast<double>(items) * per_item
                        : static_cast<double>(items) * annotators * (1.0 - missing);
  }
};

enum class AnnotatorKind { kHonest, kSpammer, kAdversary };

// The names written to files: items "i<n>", annotators "a<n>", labels "c<n>" or the scale value.
inline std::string ItemName(uint64_t item) { return "i" + std::to_string(item); }
inline std::string AnnotatorName(uint32_t annotator) { return "a" + std::to_string(annotator); }
inline std::string LabelName(const VoteGeneratorOptions& options, uint32_t label) {
  return options.scale ? std::to_string(options.scale_min + static_cast<int>(label))
                       : "c" + std::to_string(label);
}

// Checks options; returns an empty string when they are usable, else what to change.
std::string ValidateOptions(const VoteGeneratorOptions& options);

class VoteGenerator {
 public:
  // REQUIRES: ValidateOptions(options) is empty.
  explicit VoteGenerator(const VoteGeneratorOptions& options)
      : options_(options), rng_(options.seed), labels_(options.label_count()) {
    accuracy_.resize(options.annotators);
    for (double& a : accuracy_) {
      a = std::clamp(options.accuracy + options.accuracy_spread * (2 * Uniform() - 1), 0.0, 1.0);
    }
    pool_.resize(options.annotators);
    std::iota(pool_.begin(), pool_.end(), 0u);
    // Drawn only when there are spammers, so that plain crowds keep their votes.
    spammers_ = static_cast<uint32_t>(options.spammers * options.annotators);
    adversaries_ = static_cast<uint32_t>(options.adversaries * options.annotators);
    for (uint32_t a = 0; a < spammers_; ++a) spam_label_.push_back(Below(labels_));
  }

  // Calls emit(item, annotator, label) for every vote and then on_item(item, truth), item by
  // item; labels are indices below label_count(). Per-item annotators come in draw order.
  template <typename Emit, typename OnItem = void (*)(uint64_t, uint32_t)>
  void Generate(
      Emit&& emit, OnItem&& on_item = [](uint64_t, uint32_t) {}) {
    const uint32_t pool = options_.annotators;
    for (uint64_t item = 0; item < options_.items; ++item) {
      const uint32_t truth = Below(labels_);
      if (options_.per_item > 0) {
        // Partial Fisher-Yates: the pool stays a permutation, so no reset between items.
        for (uint32_t k = 0; k < options_.per_item; ++k) {
          const uint32_t j = k + Below(pool - k);
          std::swap(pool_[k], pool_[j]);
          emit(item, pool_[k], Vote(pool_[k], truth));
        }
      } else {
        for (uint32_t a = 0; a < pool; ++a) {
          if (options_.missing > 0 && Uniform() < options_.missing) continue;
          emit(item, a, Vote(a, truth));
        }
      }
      on_item(item, truth);
    }
  }

  AnnotatorKind kind(uint32_t annotator) const {
    if (annotator < spammers_) return AnnotatorKind::kSpammer;
    return annotator < spammers_ + adversaries_ ? AnnotatorKind::kAdversary
                                                : AnnotatorKind::kHonest;
  }
  // The drawn accuracy: for an adversary, the chance of giving the next label instead.
  double annotator_accuracy(uint32_t annotator) const { return accuracy_[annotator]; }
  // REQUIRES: kind(annotator) == kSpammer.
  uint32_t spam_label(uint32_t annotator) const { return spam_label_[annotator]; }

 private:
  double Uniform() { return static_cast<double>(rng_() >> 11) * 0x1.0p-53; }
  // Uniform in [0, n) by multiply-shift (bias below 2^-32, irrelevant here).
  uint32_t Below(uint32_t n) {
    return static_cast<uint32_t>(((rng_() >> 32) * static_cast<uint64_t>(n)) >> 32);
  }

  uint32_t Vote(uint32_t annotator, uint32_t truth) {
    switch (kind(annotator)) {
      case AnnotatorKind::kSpammer: return spam_label_[annotator];
      case AnnotatorKind::kAdversary:
        return Uniform() < accuracy_[annotator] ? (truth + 1) % labels_ : truth;
      case AnnotatorKind::kHonest: break;
    }
    if (labels_ < 2 || Uniform() < accuracy_[annotator]) return truth;
    if (!options_.scale) {
      const uint32_t other = Below(labels_ - 1);  // Any category but the true one.
      return other >= truth ? other + 1 : other;
    }
    // A near miss on the scale: one or two steps either way, reflected at the ends.
    const uint32_t r = Below(4);
    const int64_t step = (r < 2 ? 1 : 2) * (r % 2 == 0 ? 1 : -1);
    int64_t v = static_cast<int64_t>(truth) + step;
    if (v < 0 || v >= labels_) v = static_cast<int64_t>(truth) - step;
    if (v < 0 || v >= labels_) v = truth == 0 ? 1 : static_cast<int64_t>(truth) - 1;
    return static_cast<uint32_t>(v);
  }

  VoteGeneratorOptions options_;
  std::mt19937_64 rng_;
  uint32_t labels_;
  std::vector<double> accuracy_;
  std::vector<uint32_t> pool_;
  uint32_t spammers_ = 0;
  uint32_t adversaries_ = 0;
  std::vector<uint32_t> spam_label_;  // By annotator, for the spammers.
};

}  // namespace chorus::bench
