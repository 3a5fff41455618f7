#include "quality/similarity/text_similarity.h"

#include <algorithm>
#include <numeric>
#include <vector>

namespace chorus::quality {

size_t EditDistance(const std::u32string& a, const std::u32string& b) {
  const std::u32string& shorter = a.size() <= b.size() ? a : b;
  const std::u32string& longer = a.size() <= b.size() ? b : a;
  // One row of the Wagner-Fischer table over the shorter text.
  std::vector<size_t> row(shorter.size() + 1);
  std::iota(row.begin(), row.end(), size_t{0});
  for (size_t i = 1; i <= longer.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= shorter.size(); ++j) {
      const size_t above = row[j];
      const size_t substitute = diagonal + (longer[i - 1] == shorter[j - 1] ? 0 : 1);
      row[j] = std::min({above + 1, row[j - 1] + 1, substitute});
      diagonal = above;
    }
  }
  return row[shorter.size()];
}

double EditSimilarity(const std::u32string& a, const std::u32string& b) {
  const size_t longest = std::max(a.size(), b.size());
  if (longest == 0) return 1;
  return 1.0 - double(EditDistance(a, b)) / double(longest);
}

}  // namespace chorus::quality
