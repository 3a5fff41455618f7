#include "quality/truth/glad.h"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <optional>

namespace chorus::quality {
namespace {

// Keeps β = e^b finite and away from 0 whatever the data; far outside any fitted value.
constexpr double kLogBetaLimit = 30;

// log(1 + e^x) without overflow.
inline double Softplus(double x) { return std::max(x, 0.0) + std::log1p(std::exp(-std::abs(x))); }

inline double Sigmoid(double x) {
  // exp(−x) may be +inf for very negative x, which still gives the right limit 0.
  return 1.0 / (1.0 + std::exp(-x));
}

double LogNormal(double x, double mean, double sd) {
  const double z = (x - mean) / sd;
  return -0.5 * z * z - std::log(sd) - 0.5 * std::log(2 * std::numbers::pi);
}

class GladSolver {
 public:
  GladSolver(const ItemVotes& votes, size_t class_count, size_t annotator_count, GoldByItem gold,
             const GladOptions& options)
      : votes_(votes),
        k_(class_count),
        n_items_(votes.item_count()),
        options_(options),
        alpha_(annotator_count, options.ability_prior_mean),
        log_beta_(n_items_, std::clamp(options.log_beta_prior_mean, -kLogBetaLimit, kLogBetaLimit)),
        posterior_(n_items_, class_count, class_count == 0 ? 0.0 : 1.0 / class_count),
        gold_(n_items_, -1),
        grad_(annotator_count, 0.0),
        curvature_(annotator_count, 0.0),
        row_(class_count, 0.0) {
    for (size_t j = 0; j < n_items_ && j < gold.size(); ++j) {
      if (gold[j].has_value() && *gold[j] < k_) gold_[j] = static_cast<int64_t>(*gold[j]);
    }
    log_km1_ = k_ > 1 ? std::log(static_cast<double>(k_ - 1)) : 0.0;
    log_prior_ = k_ > 0 ? -std::log(static_cast<double>(k_)) : 0.0;
    alpha_precision_ = 1.0 / (options.ability_prior_sd * options.ability_prior_sd);
    beta_precision_ = 1.0 / (options.log_beta_prior_sd * options.log_beta_prior_sd);
  }

  GladFit Run() {
    const double vote_count = std::max<double>(1.0, static_cast<double>(votes_.labels.size()));
    double log_likelihood = EStep();
    int iterations = 0;
    bool converged = false;
    while (iterations < options_.max_iterations) {
      for (int s = 0; s < options_.m_step_iterations; ++s) {
        StepAlpha();
        StepLogBeta();
      }
      ++iterations;
      const double next = EStep();
      const double gain = next - log_likelihood;
      log_likelihood = next;
      // |gain|: a diagonal step can overshoot and lose a little; that is not convergence.
      if (std::abs(gain) < options_.tolerance * vote_count) {
        converged = true;
        break;
      }
    }
    return Finish(log_likelihood, iterations, converged);
  }

 private:
  // Fills the posterior; returns the penalised marginal log-likelihood.
  double EStep() {
    double total = 0;
    for (size_t j = 0; j < n_items_; ++j) {
      const uint32_t begin = votes_.offsets[j], end = votes_.offsets[j + 1];
      if (k_ == 0) break;
      const double beta = std::exp(log_beta_[j]);
      double base = 0;
      std::fill(row_.begin(), row_.end(), 0.0);
      for (uint32_t v = begin; v < end; ++v) {
        const double x = alpha_[votes_.annotators[v]] * beta;
        // Every class c starts as "wrong": log((1 − σ(x)) / (k − 1)); the voted class adds
        // log σ(x) − log(1 − σ(x)) + log(k − 1) = x + log(k − 1).
        base += -Softplus(x) - log_km1_;
        row_[votes_.labels[v]] += x + log_km1_;
      }
      double* post = posterior_.values.data() + j * k_;
      double best = -INFINITY;
      for (size_t c = 0; c < k_; ++c) {
        row_[c] += log_prior_ + base;
        best = std::max(best, row_[c]);
      }
      if (gold_[j] >= 0) {
        std::fill(post, post + k_, 0.0);
        post[gold_[j]] = 1.0;
        total += row_[gold_[j]];
        continue;
      }
      double sum = 0;
      for (size_t c = 0; c < k_; ++c) {
        post[c] = std::exp(row_[c] - best);
        sum += post[c];
      }
      for (size_t c = 0; c < k_; ++c) post[c] /= sum;
      total += best + std::log(sum);
    }
    for (double a : alpha_) {
      total += LogNormal(a, options_.ability_prior_mean, options_.ability_prior_sd);
    }
    for (double b : log_beta_) {
      total += LogNormal(b, options_.log_beta_prior_mean, options_.log_beta_prior_sd);
    }
    return total;
  }

  // One diagonal Newton step on every α_i given b. Per vote, with q = posterior of the voted
  // class and x = α_i β_j: ∂Q/∂α_i += (q − σ(x)) β_j, curvature += σ(x)(1 − σ(x)) β_j².
  void StepAlpha() {
    std::fill(grad_.begin(), grad_.end(), 0.0);
    std::fill(curvature_.begin(), curvature_.end(), 0.0);
    for (size_t j = 0; j < n_items_ && k_ > 0; ++j) {
      const double beta = std::exp(log_beta_[j]);
      const double* post = posterior_.values.data() + j * k_;
      for (uint32_t v = votes_.offsets[j]; v < votes_.offsets[j + 1]; ++v) {
        const AnnotatorId a = votes_.annotators[v];
        const double s = Sigmoid(alpha_[a] * beta);
        grad_[a] += (post[votes_.labels[v]] - s) * beta;
        curvature_[a] += s * (1 - s) * beta * beta;
      }
    }
    for (size_t a = 0; a < alpha_.size(); ++a) {
      const double g = grad_[a] - (alpha_[a] - options_.ability_prior_mean) * alpha_precision_;
      const double h = curvature_[a] + alpha_precision_;
      alpha_[a] +=
          std::clamp(options_.learning_rate * g / h, -options_.max_step, options_.max_step);
    }
  }

  // One Gauss-Newton step on every b_j given α: ∂Q/∂b_j = Σ (q − σ(x)) x over the item's votes,
  // curvature Σ σ(x)(1 − σ(x)) x² (the term (q − σ)x of the true Hessian can be positive, so it
  // is left out to keep the step an ascent direction).
  void StepLogBeta() {
    for (size_t j = 0; j < n_items_; ++j) {
      const double beta = std::exp(log_beta_[j]);
      const double* post = posterior_.values.data() + j * k_;
      double g = -(log_beta_[j] - options_.log_beta_prior_mean) * beta_precision_;
      double h = beta_precision_;
      for (uint32_t v = votes_.offsets[j]; v < votes_.offsets[j + 1]; ++v) {
        const double x = alpha_[votes_.annotators[v]] * beta;
        const double s = Sigmoid(x);
        g += (post[votes_.labels[v]] - s) * x;
        h += s * (1 - s) * x * x;
      }
      const double step =
          std::clamp(options_.learning_rate * g / h, -options_.max_step, options_.max_step);
      log_beta_[j] = std::clamp(log_beta_[j] + step, -kLogBetaLimit, kLogBetaLimit);
    }
  }

  GladFit Finish(double log_likelihood, int iterations, bool converged) {
    GladFit fit;
    TruthEstimate& out = fit.estimate;
    out.method = "glad";
    out.class_count = k_;
    out.iterations = iterations;
    out.converged = converged;
    out.log_likelihood = log_likelihood;
    out.item_difficulty.resize(n_items_);
    double beta_sum = 0;
    for (size_t j = 0; j < n_items_; ++j) {
      out.item_difficulty[j] = std::exp(-log_beta_[j]);
      beta_sum += std::exp(log_beta_[j]);
    }
    const double mean_beta =
        n_items_ > 0 ? beta_sum / static_cast<double>(n_items_) : std::exp(log_beta_prior());
    // Accuracy: mean over the annotator's votes of σ(α_i β_j).
    out.annotators.resize(alpha_.size());
    std::fill(grad_.begin(), grad_.end(), 0.0);
    for (size_t j = 0; j < n_items_; ++j) {
      const double beta = std::exp(log_beta_[j]);
      for (uint32_t v = votes_.offsets[j]; v < votes_.offsets[j + 1]; ++v) {
        const AnnotatorId a = votes_.annotators[v];
        grad_[a] += Sigmoid(alpha_[a] * beta);
        ++out.annotators[a].votes;
      }
    }
    for (size_t a = 0; a < alpha_.size(); ++a) {
      AnnotatorSkill& skill = out.annotators[a];
      skill.accuracy = skill.votes > 0 ? grad_[a] / static_cast<double>(skill.votes)
                                       : Sigmoid(alpha_[a] * mean_beta);
    }
    out.posterior = std::move(posterior_);
    SetHardLabels(out, options_.seed);
    fit.ability = std::move(alpha_);
    fit.log_beta = std::move(log_beta_);
    return fit;
  }

  double log_beta_prior() const {
    return std::clamp(options_.log_beta_prior_mean, -kLogBetaLimit, kLogBetaLimit);
  }

  const ItemVotes& votes_;
  const size_t k_;
  const size_t n_items_;
  const GladOptions options_;
  std::vector<double> alpha_;
  std::vector<double> log_beta_;
  ProbMatrix posterior_;
  std::vector<int64_t> gold_;  // Gold class per item, −1 when not gold.
  std::vector<double> grad_;
  std::vector<double> curvature_;
  std::vector<double> row_;  // One item's log joint per class, reused.
  double log_km1_ = 0;
  double log_prior_ = 0;
  double alpha_precision_ = 1;
  double beta_precision_ = 1;
};

}  // namespace

GladFit FitGlad(const ItemVotes& votes, size_t class_count, size_t annotator_count, GoldByItem gold,
                const GladOptions& options) {
  return GladSolver(votes, class_count, annotator_count, gold, options).Run();
}

TruthEstimate Glad(const ItemVotes& votes, size_t class_count, size_t annotator_count,
                   GoldByItem gold, const GladOptions& options) {
  return FitGlad(votes, class_count, annotator_count, gold, options).estimate;
}

TruthEstimate Glad(const VoteTable& table, GoldByItem gold, const GladOptions& options) {
  return Glad(GroupByItem(table), table.label_count(), table.annotator_count(), gold, options);
}

}  // namespace chorus::quality
