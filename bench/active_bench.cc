// chorus_bench_active: active learning on a real labelled text file (item,text,label; see
// bench/spam_corpus.mjs), each strategy against random order: from `start` random labels,
// rounds of `batch` labels picked by the strategy (quality/learner/learning_curve.h), accuracy
// on a held-out test set after each round. Prints JSON: the curves, and the labels each
// strategy needs to reach each target accuracy. bench/active_e2e.py turns it into a section
// of docs/benchmarks.md.
//
// Example: chorus_bench_active --input spam.csv --test 2000 --rounds 25 --targets 0.95,0.97
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <chrono>
#include <iostream>
#include <nlohmann/json.hpp>
#include <random>

#include "quality/ingest/labelled_text_reader.h"
#include "quality/learner/learning_curve.h"

int main(int argc, char** argv) {
  using namespace chorus::quality;
  std::string input;
  size_t test_size = 2000;
  LearningCurveOptions options;
  std::vector<std::string> strategies = {"random",  "least_confidence", "margin",
                                         "entropy", "vote_entropy",     "density"};
  std::vector<double> targets = {0.95, 0.97};
  CLI::App app{"Active learning against random order on a labelled text file.",
               "chorus_bench_active"};
  app.add_option("--input", input, "CSV: item,text,label")->required();
  app.add_option("--test", test_size, "Held-out items for accuracy")->capture_default_str();
  app.add_option("--start", options.start, "Random labels first")->capture_default_str();
  app.add_option("--batch", options.batch, "Labels per round")->capture_default_str();
  app.add_option("--rounds", options.rounds, "Rounds")->capture_default_str();
  app.add_option("--random-share", options.random_share, "Random share of each batch")
      ->capture_default_str();
  app.add_option("--seed", options.seed, "Seed")->capture_default_str();
  app.add_option("--strategies", strategies, "Strategies")->delimiter(',');
  app.add_option("--targets", targets, "Target accuracies")->delimiter(',');
  CLI11_PARSE(app, argc, argv);

  auto data = ReadLabelledTexts(input);
  if (!data.ok()) {
    std::cerr << "chorus_bench_active: " << data.status().ToString() << "\n";
    return 1;
  }
  std::vector<LabelledText> texts;
  for (size_t i = 0; i < data->items.size(); ++i) {
    if (data->labels[i]) texts.push_back({.text = data->texts[i], .label = *data->labels[i]});
  }
  std::mt19937_64 rng(options.seed);
  std::shuffle(texts.begin(), texts.end(), rng);
  test_size = std::min(test_size, texts.size() / 2);
  const std::span<const LabelledText> test(texts.data(), test_size);
  const std::span<const LabelledText> pool(texts.data() + test_size, texts.size() - test_size);

  nlohmann::json out = {{"input", input},
                        {"items", texts.size()},
                        {"pool", pool.size()},
                        {"test", test.size()},
                        {"classes", data->classes},
                        {"start", options.start},
                        {"batch", options.batch},
                        {"rounds", options.rounds},
                        {"random_share", options.random_share},
                        {"seed", options.seed},
                        {"targets", targets},
                        {"strategies", nlohmann::json::array()}};
  for (const std::string& name : strategies) {
    auto strategy = ParseStrategy(name);
    if (!strategy.ok()) {
      std::cerr << "chorus_bench_active: " << strategy.status().ToString() << "\n";
      return 2;
    }
    options.strategy = *strategy;
    const auto started = std::chrono::steady_clock::now();
    auto curve = SimulateLearningCurve(pool, test, data->classes.size(), options);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    if (!curve.ok()) {
      std::cerr << "chorus_bench_active: " << curve.status().ToString() << "\n";
      return 1;
    }
    nlohmann::json points = nlohmann::json::array(), reach = nlohmann::json::object();
    for (const CurvePoint& p : *curve) points.push_back({p.labels, p.accuracy});
    for (const double target : targets) {
      const auto labels = LabelsToReach(*curve, target);
      reach[fmt::format("{:.2f}", target)] =
          labels ? nlohmann::json(*labels) : nlohmann::json(nullptr);
    }
    out["strategies"].push_back(
        {{"name", name}, {"curve", points}, {"labels_to_reach", reach}, {"seconds", seconds}});
    std::cerr << name << ": " << reach.dump() << " in " << fmt::format("{:.1f}", seconds) << " s\n";
  }
  std::cout << out.dump(2) << "\n";
  return 0;
}
