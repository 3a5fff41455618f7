// chorus_bench_noisy: writes a seeded label-error benchmark for `chorus errors` into a folder:
// labels.csv (item,label: given labels, some wrong), probs.csv (item,<classes>: out-of-fold
// probabilities of a simulated model) and truth.csv (item,label: the true labels). The model
// is quality/testdata/noisy_labels.h's, the one the unit tests use.
//
// Example: chorus_bench_noisy --items 10000 --classes 10 --noise 0.2 --out-dir bench/out/data/cl
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <filesystem>
#include <fstream>
#include <string>

#include "quality/testdata/noisy_labels.h"

int main(int argc, char** argv) {
  size_t items = 10000;
  size_t classes = 10;
  double noise = 0.2;
  double signal = 3.0;
  uint64_t seed = 20261125;
  std::string out_dir;
  CLI::App app{"Writes a seeded label-error benchmark (labels, probabilities, truth).",
               "chorus_bench_noisy"};
  app.add_option("--items", items, "Items")->capture_default_str()->check(CLI::PositiveNumber);
  app.add_option("--classes", classes, "Classes")
      ->capture_default_str()
      ->check(CLI::Range(2, 1000));
  app.add_option("--noise", noise, "Share of given labels that are wrong")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  app.add_option("--signal", signal, "Logit added to the true class (higher: a better model)")
      ->capture_default_str();
  app.add_option("--seed", seed, "Seed")->capture_default_str();
  app.add_option("--out-dir", out_dir, "Folder for labels.csv, probs.csv and truth.csv")
      ->required();
  CLI11_PARSE(app, argc, argv);

  const auto data = chorus::quality::testdata::MakeNoisyLabels(items, classes, noise, signal, seed);
  std::filesystem::create_directories(out_dir);
  std::ofstream labels(std::filesystem::path(out_dir) / "labels.csv");
  std::ofstream probs(std::filesystem::path(out_dir) / "probs.csv");
  std::ofstream truth(std::filesystem::path(out_dir) / "truth.csv");
  labels << "item,label\n";
  truth << "item,label\n";
  probs << "item";
  for (size_t k = 0; k < classes; ++k) probs << ",c" << k;
  probs << '\n';
  for (size_t i = 0; i < items; ++i) {
    labels << fmt::format("i{},c{}\n", i, data.given[i]);
    truth << fmt::format("i{},c{}\n", i, data.truth[i]);
    probs << 'i' << i;
    for (const double p : data.probs.row(i)) probs << fmt::format(",{:.6g}", p);
    probs << '\n';
  }
  fmt::print("{} items, {} classes, {} wrong labels ({:.1f}%)\n", items, classes, data.wrong,
             100.0 * static_cast<double>(data.wrong) / static_cast<double>(items));
  return labels && probs && truth ? 0 : 1;
}
