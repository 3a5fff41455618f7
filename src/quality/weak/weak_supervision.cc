#include "quality/weak/weak_supervision.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <string>

#include "quality/wilson_interval.h"

namespace chorus::quality {

Result<FunctionVotes> ApplyFunctions(std::span<const LabellingFunction> functions,
                                     std::span<const std::string> texts,
                                     std::span<const std::string> labels) {
  std::vector<int32_t> label_of(functions.size());
  for (size_t f = 0; f < functions.size(); ++f) {
    const auto found = std::find(labels.begin(), labels.end(), functions[f].spec().label);
    if (found == labels.end()) {
      return InvalidArgument("label \"" + functions[f].spec().label + "\" of function \"" +
                                 functions[f].spec().name + "\" is not one of the labels",
                             "functions[" + std::to_string(f) + "].label");
    }
    label_of[f] = static_cast<int32_t>(found - labels.begin());
  }
  FunctionVotes votes{.items = texts.size(), .functions = functions.size(), .votes = {}};
  votes.votes.assign(texts.size() * functions.size(), kAbstain);
  for (size_t i = 0; i < texts.size(); ++i) {
    for (size_t f = 0; f < functions.size(); ++f) {
      if (functions[f].Matches(texts[i])) votes.votes[i * functions.size() + f] = label_of[f];
    }
  }
  return votes;
}

std::vector<FunctionSummary> SummariseFunctions(const FunctionVotes& votes,
                                                std::span<const std::optional<size_t>> human) {
  std::vector<FunctionSummary> summaries(votes.functions);
  std::vector<uint64_t> voted(votes.functions, 0), overlapped(votes.functions, 0),
      conflicted(votes.functions, 0);
  for (size_t i = 0; i < votes.items; ++i) {
    for (size_t f = 0; f < votes.functions; ++f) {
      const int32_t vote = votes.at(i, f);
      if (vote == kAbstain) continue;
      ++voted[f];
      bool other = false, differs = false;
      for (size_t g = 0; g < votes.functions; ++g) {
        if (g == f || votes.at(i, g) == kAbstain) continue;
        other = true;
        differs = differs || votes.at(i, g) != vote;
      }
      overlapped[f] += other ? 1 : 0;
      conflicted[f] += differs ? 1 : 0;
      if (i < human.size() && human[i]) {
        ++summaries[f].judged;
        summaries[f].correct += static_cast<size_t>(vote) == *human[i] ? 1 : 0;
      }
    }
  }
  for (size_t f = 0; f < votes.functions; ++f) {
    FunctionSummary& s = summaries[f];
    const auto share = [](uint64_t n, uint64_t of) {
      return of == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(of);
    };
    s.coverage = share(voted[f], votes.items);
    s.overlap = share(overlapped[f], voted[f]);
    s.conflict = share(conflicted[f], voted[f]);
    if (s.judged == 0) {
      s.accuracy = Statistic::Undefined("no item it votes on has a human label");
    } else {
      s.accuracy = Statistic::Of(share(s.correct, s.judged));
      s.accuracy.ci95 = WilsonInterval(s.correct, s.judged);
    }
  }
  return summaries;
}

Result<WeakLabels> FitLabelModel(const FunctionVotes& votes, size_t classes, int max_iterations,
                                 double tolerance) {
  if (classes < 2) return InvalidArgument("a label model needs at least two labels");
  const size_t items = votes.items, functions = votes.functions, outputs = classes + 1;
  const size_t abstain = classes;  // The output index of an abstain.
  WeakLabels weak;
  weak.covered.assign(items, false);
  // Start from the plurality of the votes (uniform where nobody voted).
  weak.probs = ProbMatrix(items, classes, 1.0 / static_cast<double>(classes));
  for (size_t i = 0; i < items; ++i) {
    const auto row = weak.probs.row(i);
    std::vector<double> count(classes, 0.1);
    for (size_t f = 0; f < functions; ++f) {
      if (votes.at(i, f) == kAbstain) continue;
      weak.covered[i] = true;
      count[static_cast<size_t>(votes.at(i, f))] += 1;
    }
    if (!weak.covered[i]) continue;
    const double total = std::accumulate(count.begin(), count.end(), 0.0);
    for (size_t k = 0; k < classes; ++k) row[k] = count[k] / total;
  }
  if (std::find(weak.covered.begin(), weak.covered.end(), true) == weak.covered.end()) {
    return InvalidArgument("no labelling function votes on any item: nothing to learn from");
  }
  const auto output_of = [&](size_t i, size_t f) {
    const int32_t vote = votes.at(i, f);
    return vote == kAbstain ? abstain : static_cast<size_t>(vote);
  };
  std::vector<double> prior(classes);
  std::vector<double> theta(functions * classes * outputs);  // [f][true][output], log.
  weak.converged = false;
  for (weak.iterations = 1; weak.iterations <= max_iterations; ++weak.iterations) {
    // M-step: class balance and each function's output distribution per true class.
    std::fill(prior.begin(), prior.end(), 1.0);
    std::vector<double> counts(theta.size(), 0);
    for (size_t f = 0; f < functions; ++f) {
      for (size_t y = 0; y < classes; ++y) {
        for (size_t o = 0; o < outputs; ++o)
          counts[(f * classes + y) * outputs + o] = o == y ? 3 : 1;
      }
    }
    for (size_t i = 0; i < items; ++i) {
      const auto q = weak.probs.row(i);
      for (size_t y = 0; y < classes; ++y) {
        prior[y] += q[y];
        for (size_t f = 0; f < functions; ++f)
          counts[(f * classes + y) * outputs + output_of(i, f)] += q[y];
      }
    }
    const double prior_total = std::accumulate(prior.begin(), prior.end(), 0.0);
    for (double& p : prior) p /= prior_total;
    for (size_t row = 0; row < functions * classes; ++row) {
      const auto cells = std::span(counts).subspan(row * outputs, outputs);
      const double total = std::accumulate(cells.begin(), cells.end(), 0.0);
      for (size_t o = 0; o < outputs; ++o) theta[row * outputs + o] = std::log(cells[o] / total);
    }
    // E-step: the posterior of each item's class.
    double change = 0;
    std::vector<double> log_q(classes);
    for (size_t i = 0; i < items; ++i) {
      for (size_t y = 0; y < classes; ++y) {
        log_q[y] = std::log(prior[y]);
        for (size_t f = 0; f < functions; ++f)
          log_q[y] += theta[(f * classes + y) * outputs + output_of(i, f)];
      }
      const double top = *std::max_element(log_q.begin(), log_q.end());
      double total = 0;
      for (double& l : log_q) total += (l = std::exp(l - top));
      const auto q = weak.probs.row(i);
      for (size_t y = 0; y < classes; ++y) {
        change = std::max(change, std::abs(log_q[y] / total - q[y]));
        q[y] = log_q[y] / total;
      }
    }
    if (change < tolerance) {
      weak.converged = true;
      break;
    }
  }
  weak.iterations = std::min(weak.iterations, max_iterations);
  weak.class_balance = prior;
  for (size_t f = 0; f < functions; ++f) {
    double right = 0, fires = 0;
    for (size_t y = 0; y < classes; ++y) {
      const double* row = &theta[(f * classes + y) * outputs];
      right += prior[y] * std::exp(row[y]);
      fires += prior[y] * (1 - std::exp(row[abstain]));
    }
    weak.function_accuracy.push_back(fires > 0 ? right / fires : 0);
  }
  return weak;
}

}  // namespace chorus::quality
