// Seeded texts of known class for the learner tests: each class has its own words, all
// classes share a larger common vocabulary, and a text mixes `topical` of its class's words
// into common ones. Words are random letter strings, so no class shows in a word's spelling.
#pragma once

#include <cstddef>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "quality/learner/text_classifier.h"

namespace chorus::quality::testdata {

inline std::vector<std::string> RandomWords(size_t count, std::mt19937_64& rng) {
  std::uniform_int_distribution<int> letter('a', 'z');
  std::uniform_int_distribution<int> length(4, 8);
  std::vector<std::string> words(count);
  for (std::string& word : words) {
    const int n = length(rng);
    for (int i = 0; i < n; ++i) word += static_cast<char>(letter(rng));
  }
  return words;
}

// `items` texts of `words` words, each word from the text's class vocabulary with probability
// `topical`, else from the common one.
inline std::vector<LabelledText> MakeTopicTexts(size_t items, size_t classes, size_t words,
                                                double topical, uint64_t seed) {
  std::mt19937_64 rng(seed);
  std::vector<std::vector<std::string>> own;
  for (size_t k = 0; k < classes; ++k) own.push_back(RandomWords(40, rng));
  const std::vector<std::string> common = RandomWords(400, rng);
  std::uniform_int_distribution<size_t> any_class(0, classes - 1);
  std::uniform_int_distribution<size_t> own_word(0, 39), common_word(0, common.size() - 1);
  std::bernoulli_distribution from_class(topical);
  std::vector<LabelledText> texts(items);
  for (LabelledText& text : texts) {
    text.label = any_class(rng);
    for (size_t w = 0; w < words; ++w) {
      if (w > 0) text.text += ' ';
      text.text += from_class(rng) ? own[text.label][own_word(rng)] : common[common_word(rng)];
    }
  }
  return texts;
}

}  // namespace chorus::quality::testdata
