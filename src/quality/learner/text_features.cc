#include "quality/learner/text_features.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <utility>

#include "quality/text_words.h"

namespace chorus::quality {
namespace {

// 64-bit FNV-1a over a kind tag and the bytes: cheap, and good enough spread for buckets.
uint64_t Fnv1a(char kind, std::string_view bytes) {
  uint64_t hash = 14695981039346656037ull;
  const auto mix = [&hash](unsigned char c) {
    hash ^= c;
    hash *= 1099511628211ull;
  };
  mix(static_cast<unsigned char>(kind));
  for (const char c : bytes) mix(static_cast<unsigned char>(c));
  return hash;
}

}  // namespace

SparseVector HashTextFeatures(std::string_view text, const TextFeatureOptions& options) {
  const uint64_t mask = (uint64_t{1} << options.bits) - 1;
  std::vector<std::pair<uint32_t, float>> hits;
  const auto add = [&](char kind, std::string_view bytes) {
    const uint64_t hash = Fnv1a(kind, bytes);
    hits.emplace_back(static_cast<uint32_t>(hash & mask), (hash >> 63) != 0 ? -1.0f : 1.0f);
  };
  const std::vector<std::string> words = LowerCaseWords(text);
  std::string padded;
  for (size_t w = 0; w < words.size(); ++w) {
    add('w', words[w]);
    if (options.word_bigrams && w + 1 < words.size()) add('b', words[w] + ' ' + words[w + 1]);
    padded = ' ' + words[w] + ' ';
    for (int n = options.char_min; options.char_max > 0 && n <= options.char_max; ++n) {
      if (padded.size() < static_cast<size_t>(n)) break;
      for (size_t at = 0; at + n <= padded.size(); ++at)
        add('c', std::string_view(padded).substr(at, n));
    }
  }
  std::sort(hits.begin(), hits.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  SparseVector vector;
  for (size_t i = 0; i < hits.size();) {
    size_t j = i;
    float signed_count = 0;
    for (; j < hits.size() && hits[j].first == hits[i].first; ++j) signed_count += hits[j].second;
    if (signed_count != 0) {
      const float damped = 1.0f + std::log(std::abs(signed_count));
      vector.index.push_back(hits[i].first);
      vector.value.push_back(signed_count > 0 ? damped : -damped);
    }
    i = j;
  }
  double norm = 0;
  for (const float v : vector.value) norm += static_cast<double>(v) * v;
  if (norm > 0) {
    const auto scale = static_cast<float>(1 / std::sqrt(norm));
    for (float& v : vector.value) v *= scale;
  }
  return vector;
}

}  // namespace chorus::quality
