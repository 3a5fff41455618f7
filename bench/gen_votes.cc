// chorus_bench_gen: writes a seeded synthetic vote file for the benchmarks (see
// bench/README.md and bench/vote_generator.h for the crowd model).
//
// Examples:
//   chorus_bench_gen --items 1000000 --annotators 50 --per-item 5 -o fleiss_1m.csv
//   chorus_bench_gen --items 100000 --annotators 50 --missing 0.2 --scale 1:5 -o alpha.csv
//   chorus_bench_gen --items 2000 --annotators 10 --missing 0.2 --layout wide -o matrix.csv
//   chorus_bench_gen --items 20000 --annotators 1000 --per-item 5 --spammers 0.1
//     --adversaries 0.05 -o votes.csv --truth truth.csv --crowd crowd.csv
#include <CLI/CLI.hpp>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <string>

#include "bench/vote_file_writer.h"
#include "bench/vote_generator.h"

namespace {

using chorus::bench::VoteFileLayout;
using chorus::bench::VoteGeneratorOptions;

// Parses "LOW:HIGH" into the options' scale.
bool ParseScale(const std::string& text, VoteGeneratorOptions& options) {
  const size_t colon = text.find(':');
  if (colon == std::string::npos) return false;
  const char* begin = text.data();
  const char* end = begin + text.size();
  auto low = std::from_chars(begin, begin + colon, options.scale_min);
  auto high = std::from_chars(begin + colon + 1, end, options.scale_max);
  options.scale = true;
  return low.ec == std::errc() && low.ptr == begin + colon && high.ec == std::errc() &&
         high.ptr == end;
}

}  // namespace

int main(int argc, char** argv) {
  VoteGeneratorOptions options;
  std::string output = "-";
  std::string layout_name = "long";
  std::string scale;
  std::string truth_path;
  std::string crowd_path;
  bool quiet = false;

  CLI::App app{"Writes a seeded synthetic vote file (CSV) for benchmarks.", "chorus_bench_gen"};
  app.add_option("-o,--output", output, "Output file; - for standard output")
      ->capture_default_str();
  app.add_option("--items", options.items, "Items (units)")->capture_default_str();
  app.add_option("--annotators", options.annotators, "Annotator pool size")->capture_default_str();
  app.add_option("--per-item", options.per_item,
                 "Distinct annotators drawn per item; 0 = every annotator labels every item "
                 "(then --missing applies)")
      ->capture_default_str();
  app.add_option("--missing", options.missing,
                 "With --per-item 0: probability that a vote is left out")
      ->capture_default_str();
  app.add_option("--categories", options.categories, "Nominal labels c0..c{n-1}")
      ->capture_default_str();
  app.add_option("--scale", scale, "Integer labels LOW:HIGH instead of categories, e.g. 1:5");
  app.add_option("--accuracy", options.accuracy, "Mean annotator accuracy")->capture_default_str();
  app.add_option("--spread", options.accuracy_spread,
                 "Each annotator's accuracy is uniform in accuracy ± spread")
      ->capture_default_str();
  app.add_option("--spammers", options.spammers,
                 "Share of the pool who always give one label of their own")
      ->capture_default_str();
  app.add_option("--adversaries", options.adversaries,
                 "Share of the pool who give the next label, (truth + 1) mod labels, with "
                 "their drawn accuracy, and otherwise the truth")
      ->capture_default_str();
  app.add_option("--seed", options.seed, "Random seed")->capture_default_str();
  app.add_option("--truth", truth_path, "Also write every item's true label here (item,label)");
  app.add_option("--crowd", crowd_path,
                 "Also write every annotator's behaviour here (annotator,kind,accuracy,label)");
  app.add_option("--layout", layout_name,
                 "long (item,annotator,label), wide (annotators as rows) or wide-units (units "
                 "as rows)")
      ->check(CLI::IsMember({"long", "wide", "wide-units"}))
      ->capture_default_str();
  app.add_flag("-q,--quiet", quiet, "Do not print the summary on standard error");
  CLI11_PARSE(app, argc, argv);

  if (!scale.empty() && !ParseScale(scale, options)) {
    std::fprintf(stderr, "chorus_bench_gen: --scale wants LOW:HIGH, e.g. 1:5; got %s\n",
                 scale.c_str());
    return 2;
  }
  const VoteFileLayout layout = layout_name == "long"   ? VoteFileLayout::kLong
                                : layout_name == "wide" ? VoteFileLayout::kWideAnnotatorRows
                                                        : VoteFileLayout::kWideUnitRows;
  const auto start = std::chrono::steady_clock::now();
  auto stats = chorus::bench::WriteVoteFile(options, layout, output);
  if (!stats.ok()) {
    std::fprintf(stderr, "chorus_bench_gen: %s\n", stats.status().ToString().c_str());
    return stats.status().code() == chorus::StatusCode::kInvalidArgument ? 2 : 1;
  }
  for (const auto& [path, write] : {std::pair{truth_path, &chorus::bench::WriteTruthFile},
                                    std::pair{crowd_path, &chorus::bench::WriteCrowdFile}}) {
    if (path.empty()) continue;
    if (auto written = write(options, path); !written.ok()) {
      std::fprintf(stderr, "chorus_bench_gen: %s\n", written.status().ToString().c_str());
      return 1;
    }
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!quiet) {
    std::fprintf(stderr, "chorus_bench_gen: %llu votes, %llu lines, %.1f MB to %s in %.2f s\n",
                 static_cast<unsigned long long>(stats->votes),
                 static_cast<unsigned long long>(stats->lines), stats->bytes / 1e6, output.c_str(),
                 seconds);
  }
  return 0;
}
