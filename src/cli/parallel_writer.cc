#include "cli/parallel_writer.h"

#include <algorithm>
#include <thread>
#include <vector>

namespace chorus::cli {

void WriteInOrder(std::ostream& out, size_t rows, unsigned threads, const FormatRows& format) {
  // Blocks big enough that starting a thread is noise, small enough to keep every core busy.
  constexpr size_t kBlockRows = 16384;
  const size_t blocks = std::max<size_t>(1, (rows + kBlockRows - 1) / kBlockRows);
  const size_t workers =
      std::clamp<size_t>(threads > 0 ? threads : std::thread::hardware_concurrency(), 1, blocks);
  std::vector<std::string> texts(workers);
  for (size_t round = 0; round < rows; round += workers * kBlockRows) {
    const auto run = [&](size_t w) {
      const size_t first = std::min(rows, round + w * kBlockRows);
      texts[w].clear();
      format(first, std::min(rows, first + kBlockRows), texts[w]);
    };
    {
      std::vector<std::jthread> pool;
      for (size_t w = 1; w < workers; ++w) pool.emplace_back(run, w);
      run(0);
    }
    for (const std::string& text : texts) {
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
    }
  }
}

}  // namespace chorus::cli
