#include "bench/vote_generator.h"

namespace chorus::bench {

std::string ValidateOptions(const VoteGeneratorOptions& options) {
  if (options.annotators == 0) return "--annotators must be at least 1";
  if (options.per_item > options.annotators) {
    return "--per-item (" + std::to_string(options.per_item) + ") cannot exceed --annotators (" +
           std::to_string(options.annotators) + ")";
  }
  if (!(options.missing >= 0 && options.missing < 1)) return "--missing must be in [0, 1)";
  if (options.per_item > 0 && options.missing > 0) {
    return "--missing applies only when every annotator labels every item (--per-item 0)";
  }
  if (options.scale && options.scale_max <= options.scale_min) {
    return "--scale needs LOW:HIGH with LOW < HIGH, e.g. 1:5";
  }
  if (!options.scale && options.categories == 0) return "--categories must be at least 1";
  if (options.label_count() > 32767) return "at most 32767 distinct labels";
  if (!(options.accuracy >= 0 && options.accuracy <= 1)) return "--accuracy must be in [0, 1]";
  if (!(options.accuracy_spread >= 0 && options.accuracy_spread <= 1)) {
    return "--spread must be in [0, 1]";
  }
  if (!(options.spammers >= 0 && options.adversaries >= 0 &&
        options.spammers + options.adversaries <= 1)) {
    return "--spammers and --adversaries must be shares in [0, 1] that add up to at most 1";
  }
  if (options.scale && (options.spammers > 0 || options.adversaries > 0)) {
    return "--spammers and --adversaries apply to categories, not to --scale";
  }
  if (options.items >= (uint64_t{1} << 32)) return "--items must be below 2^32";
  return {};
}

}  // namespace chorus::bench
