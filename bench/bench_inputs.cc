#include "bench/bench_inputs.h"

#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <utility>

#include "bench/vote_file_writer.h"

namespace chorus::bench {
namespace {

uint64_t Scaled(double base) {
  const double n = base * BenchScale();
  return n < 10 ? 10 : static_cast<uint64_t>(n);
}

[[noreturn]] void Die(const std::string& message) {
  std::fprintf(stderr, "chorus_quality_bench: %s\n", message.c_str());
  std::exit(1);
}

// Removes the temporary directory at exit.
struct TempDir {
  std::filesystem::path path;
  TempDir() {
    path = std::filesystem::temp_directory_path() / ("chorus_bench_" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

double BenchScale() {
  const char* text = std::getenv("CHORUS_BENCH_SCALE");
  if (text == nullptr) return 1.0;
  char* end = nullptr;
  const double scale = std::strtod(text, &end);
  return end != text && scale > 0 ? scale : 1.0;
}

VoteGeneratorOptions AlphaOptions() {
  VoteGeneratorOptions options;
  options.items = Scaled(100'000);
  options.annotators = 50;
  options.missing = 0.2;
  options.scale = true;
  options.scale_min = 1;
  options.scale_max = 5;
  options.seed = 1;
  return options;
}

VoteGeneratorOptions FleissOptions() {
  VoteGeneratorOptions options;
  options.items = Scaled(1'000'000);
  options.annotators = 50;
  options.per_item = 5;
  options.categories = 5;
  options.seed = 2;
  return options;
}

quality::VoteTable MakeTable(const VoteGeneratorOptions& options) {
  quality::VoteTable table;
  for (uint64_t i = 0; i < options.items; ++i) table.item_names().Intern(ItemName(i));
  for (uint32_t a = 0; a < options.annotators; ++a) {
    table.annotator_names().Intern(AnnotatorName(a));
  }
  for (uint32_t l = 0; l < options.label_count(); ++l) {
    table.label_names().Intern(LabelName(options, l));
  }
  table.Reserve(static_cast<size_t>(options.expected_votes() * 1.01) + 16);
  VoteGenerator generator(options);
  generator.Generate([&](uint64_t item, uint32_t annotator, uint32_t label) {
    table.AddIds(static_cast<quality::ItemId>(item), annotator, label);
  });
  return table;
}

const AlphaInput& GetAlphaInput() {
  static const AlphaInput* input = [] {
    auto* built = new AlphaInput;
    built->table = MakeTable(AlphaOptions());
    built->votes = quality::GroupByItem(built->table);
    auto values = built->table.NumericLabelValues();
    if (!values.ok()) Die(values.status().ToString());
    built->label_values = std::move(*values);
    return built;
  }();
  return *input;
}

const FleissInput& GetFleissInput() {
  static const FleissInput* input = [] {
    auto* built = new FleissInput;
    built->table = MakeTable(FleissOptions());
    built->counts = quality::CountByItem(built->table);
    const quality::VoteTable& table = built->table;
    std::vector<uint32_t> order(table.size());
    for (uint32_t v = 0; v < order.size(); ++v) order[v] = v;
    std::shuffle(order.begin(), order.end(), std::mt19937_64(3));
    built->shuffled.item_names() = table.item_names();
    built->shuffled.annotator_names() = table.annotator_names();
    built->shuffled.label_names() = table.label_names();
    built->shuffled.Reserve(table.size());
    for (uint32_t v : order) {
      built->shuffled.AddIds(table.items()[v], table.annotators()[v], table.labels()[v]);
    }
    return built;
  }();
  return *input;
}

const CsvInput& GetFleissCsv() {
  static TempDir dir;
  static const CsvInput csv = [] {
    CsvInput built;
    built.path = (dir.path / "fleiss_votes.csv").string();
    auto stats = WriteVoteFile(FleissOptions(), VoteFileLayout::kLong, built.path);
    if (!stats.ok()) Die(stats.status().ToString());
    built.bytes = stats->bytes;
    built.lines = stats->lines;
    return built;
  }();
  return csv;
}

}  // namespace chorus::bench
