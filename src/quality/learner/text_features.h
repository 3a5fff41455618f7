// Text as a hashed sparse vector: word unigrams and bigrams and character 3- to 5-grams inside
// word boundaries (as scikit-learn's HashingVectorizer with analyzer="char_wb"), hashed into
// 2^bits signed buckets (the sign from the hash halves the bias of collisions: Weinberger et
// al., "Feature Hashing for Large Scale Multitask Learning", ICML 2009), counts damped as
// 1 + ln(count) and the vector scaled to unit length. No vocabulary to keep: a model trained
// today reads tomorrow's words.
// Thread-safety: pure functions.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

namespace chorus::quality {

struct SparseVector {
  std::vector<uint32_t> index;  // Ascending, distinct.
  std::vector<float> value;
};

struct TextFeatureOptions {
  int bits = 18;  // 2^bits buckets (262,144 by default).
  bool word_bigrams = true;
  int char_min = 3;  // Character n-grams of char_min..char_max bytes of " word ";
  int char_max = 5;  // 0 for none.
};

// Words are maximal runs of ASCII letters and digits or non-ASCII bytes (so UTF-8 words stay
// whole), ASCII letters lower-cased. An empty text gives an empty vector.
SparseVector HashTextFeatures(std::string_view text, const TextFeatureOptions& options = {});

}  // namespace chorus::quality
