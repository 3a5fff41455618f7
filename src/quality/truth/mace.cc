#include "quality/truth/mace.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <thread>
#include <vector>

#include "quality/truth/argmax.h"

namespace chorus::quality {
namespace {

// A double in [0, 1) from 53 random bits: the same on every standard library, unlike
// std::uniform_real_distribution.
// Above this a linear-space product might overflow on the next vote; the log path takes over.
constexpr double kLinearLimit = 1e250;

inline double Unit(std::mt19937_64& rng) { return static_cast<double>(rng() >> 11) * 0x1.0p-53; }

class MaceSolver {
 public:
  MaceSolver(const ItemVotes& votes, size_t class_count, size_t annotator_count, GoldByItem gold,
             const MaceOptions& options)
      : votes_(votes),
        k_(class_count),
        n_(annotator_count),
        n_items_(votes.item_count()),
        options_(options),
        theta_(n_, 0.5),
        xi_(n_ * k_, 0.0),
        log_spam_(n_ * k_, 0.0),
        boost_(n_ * k_, 1.0),
        log_boost_(n_ * k_, 0.0),
        know_share_(n_ * k_, 0.0),
        know_(n_, 0.0),
        spam_counts_(n_ * k_, 0.0),
        votes_by_annotator_(n_, 0),
        posterior_(n_items_, class_count, class_count == 0 ? 0.0 : 1.0 / class_count),
        gold_(n_items_, -1),
        row_(class_count, 0.0) {
    for (size_t j = 0; j < n_items_ && j < gold.size(); ++j) {
      if (gold[j].has_value() && *gold[j] < k_) gold_[j] = static_cast<int64_t>(*gold[j]);
    }
    for (AnnotatorId a : votes_.annotators) ++votes_by_annotator_[a];
    const double default_smoothing = k_ > 0 ? 0.01 / static_cast<double>(k_) : 0.01;
    smoothing_ = options.smoothing.value_or(default_smoothing);
    if (!(smoothing_ > 0)) smoothing_ = default_smoothing;
    log_prior_ = k_ > 0 ? -std::log(static_cast<double>(k_)) : 0.0;
  }

  // The outcome of the starts one solver ran.
  struct BestStart {
    double log_likelihood = -INFINITY;
    int start = -1;
    int iterations = 0;
    bool converged = false;
    std::vector<double> theta, xi;
  };

  // Runs starts first, first + step, ... below `restarts` and keeps the best of them.
  BestStart RunStarts(int first, int step) {
    const double vote_count = std::max<double>(1.0, static_cast<double>(votes_.labels.size()));
    BestStart best;
    const int restarts = std::max(1, options_.restarts);
    for (int start = first; start < restarts && k_ > 0; start += step) {
      Initialise(start);
      double ll = EStep(/*accumulate=*/true);
      int iterations = 0;
      bool converged = false;
      while (iterations < options_.max_iterations) {
        MStep();
        ++iterations;
        const double next = EStep(/*accumulate=*/true);
        const double gain = next - ll;
        ll = next;
        if (gain < options_.tolerance * vote_count) {
          converged = true;
          break;
        }
      }
      // Strictly better only, so among equal fits the earliest start (the fixed one) wins.
      if (best.start < 0 || ll > best.log_likelihood) {
        best = {ll, start, iterations, converged, theta_, xi_};
      }
    }
    return best;
  }

  // Starts are independent: threads run interleaved subsets on their own solvers, and the best
  // fit (the earliest start among equals) is the one a single thread would keep.
  TruthEstimate Run(size_t threads, const ItemVotes& votes, size_t annotator_count,
                    GoldByItem gold) {
    const int restarts = std::max(1, options_.restarts);
    const int workers = static_cast<int>(std::clamp<size_t>(threads, 1, restarts));
    std::vector<BestStart> results(workers);
    {
      std::vector<std::jthread> pool;
      for (int w = 1; w < workers; ++w) {
        pool.emplace_back([&, w] {
          results[w] = MaceSolver(votes, k_, annotator_count, gold, options_).RunStarts(w, workers);
        });
      }
      results[0] = RunStarts(0, workers);
    }
    BestStart best;
    for (BestStart& result : results) {
      if (result.start < 0) continue;
      if (best.start < 0 || result.log_likelihood > best.log_likelihood ||
          (result.log_likelihood == best.log_likelihood && result.start < best.start)) {
        best = std::move(result);
      }
    }
    double best_ll = 0;
    if (k_ > 0 && best.start >= 0) {
      theta_ = std::move(best.theta);
      xi_ = std::move(best.xi);
      RebuildTables();
      best_ll = EStep(/*accumulate=*/false);
    }
    return Finish(best_ll, best.iterations, best.converged);
  }

 private:
  void Initialise(int start) {
    if (start == 0) {
      std::fill(theta_.begin(), theta_.end(), 0.5);
      std::fill(xi_.begin(), xi_.end(), 1.0 / static_cast<double>(k_));
    } else {
      std::mt19937_64 rng(SplitMix64(options_.seed ^ SplitMix64(static_cast<uint64_t>(start))));
      const double noise = std::max(0.0, options_.init_noise);
      for (size_t a = 0; a < n_; ++a) {
        const double spam = 1 + noise * Unit(rng), know = 1 + noise * Unit(rng);
        theta_[a] = know / (spam + know);
        double sum = 0;
        for (size_t l = 0; l < k_; ++l) sum += xi_[a * k_ + l] = 1 + noise * Unit(rng);
        for (size_t l = 0; l < k_; ++l) xi_[a * k_ + l] /= sum;
      }
    }
    RebuildTables();
  }

  // Per (annotator, label): log of the spam term (1 − θ)ξ(l), the ratio (and its log) by which
  // the vote favours l as the true class, and the share θ / (θ + (1 − θ)ξ(l)) of a correct vote
  // explained by knowing.
  void RebuildTables() {
    for (size_t a = 0; a < n_; ++a) {
      const double theta = theta_[a];
      for (size_t l = 0; l < k_; ++l) {
        const size_t i = a * k_ + l;
        const double spam = (1 - theta) * xi_[i];
        log_spam_[i] = std::log(spam);
        boost_[i] = (spam + theta) / spam;
        log_boost_[i] = std::log(spam + theta) - log_spam_[i];
        know_share_[i] = theta / (spam + theta);
      }
    }
  }

  // Fills the posterior and (when asked) the expected counts; returns the log-likelihood.
  double EStep(bool accumulate) {
    if (accumulate) {
      std::fill(know_.begin(), know_.end(), 0.0);
      std::fill(spam_counts_.begin(), spam_counts_.end(), 0.0);
    }
    double total = 0;
    for (size_t j = 0; j < n_items_; ++j) {
      const uint32_t begin = votes_.offsets[j], end = votes_.offsets[j + 1];
      double base = log_prior_;
      // Linear space first: every boost is ≥ 1, so the products cannot underflow, and k exps
      // per item are saved; only an overflow (hundreds of agreeing votes) takes the log path.
      std::fill(row_.begin(), row_.end(), 1.0);
      for (uint32_t v = begin; v < end; ++v) {
        const size_t i = votes_.annotators[v] * k_ + votes_.labels[v];
        base += log_spam_[i];
        row_[votes_.labels[v]] *= boost_[i];
      }
      double best = 0;
      for (size_t c = 0; c < k_; ++c) best = std::max(best, row_[c]);
      double* post = posterior_.values.data() + j * k_;
      if (best < kLinearLimit) {
        if (gold_[j] >= 0) {
          std::fill(post, post + k_, 0.0);
          post[gold_[j]] = 1.0;
          total += base + std::log(row_[gold_[j]]);
        } else {
          double sum = 0;
          for (size_t c = 0; c < k_; ++c) sum += row_[c];
          const double scale = 1 / sum;
          for (size_t c = 0; c < k_; ++c) post[c] = row_[c] * scale;
          total += base + std::log(sum);
        }
      } else {
        std::fill(row_.begin(), row_.end(), 0.0);
        for (uint32_t v = begin; v < end; ++v) {
          row_[votes_.labels[v]] += log_boost_[votes_.annotators[v] * k_ + votes_.labels[v]];
        }
        if (gold_[j] >= 0) {
          std::fill(post, post + k_, 0.0);
          post[gold_[j]] = 1.0;
          total += base + row_[gold_[j]];
        } else {
          double top = -INFINITY;
          for (size_t c = 0; c < k_; ++c) top = std::max(top, row_[c]);
          double sum = 0;
          for (size_t c = 0; c < k_; ++c) sum += post[c] = std::exp(row_[c] - top);
          for (size_t c = 0; c < k_; ++c) post[c] /= sum;
          total += base + top + std::log(sum);
        }
      }
      if (!accumulate) continue;
      for (uint32_t v = begin; v < end; ++v) {
        const AnnotatorId a = votes_.annotators[v];
        const LabelId l = votes_.labels[v];
        const double know = post[l] * know_share_[a * k_ + l];
        know_[a] += know;
        spam_counts_[a * k_ + l] += 1 - know;
      }
    }
    return total;
  }

  void MStep() {
    const double d = smoothing_, kd = d * static_cast<double>(k_);
    for (size_t a = 0; a < n_; ++a) {
      const double n_votes = static_cast<double>(votes_by_annotator_[a]);
      theta_[a] = (know_[a] + d) / (n_votes + 2 * d);
      double spam_total = 0;
      for (size_t l = 0; l < k_; ++l) spam_total += spam_counts_[a * k_ + l];
      for (size_t l = 0; l < k_; ++l) {
        xi_[a * k_ + l] = (spam_counts_[a * k_ + l] + d) / (spam_total + kd);
      }
    }
    RebuildTables();
  }

  TruthEstimate Finish(double log_likelihood, int iterations, bool converged) {
    TruthEstimate out;
    out.method = "mace";
    out.class_count = k_;
    out.iterations = iterations;
    out.converged = converged;
    out.log_likelihood = log_likelihood;
    // Class prevalence π: the mean posterior over items that have votes (uniform if none).
    std::vector<double> prevalence(k_, k_ > 0 ? 1.0 / static_cast<double>(k_) : 0.0);
    size_t voted = 0;
    for (size_t j = 0; j < n_items_; ++j) voted += votes_.VotesOn(static_cast<ItemId>(j)) > 0;
    if (voted > 0) {
      std::fill(prevalence.begin(), prevalence.end(), 0.0);
      for (size_t j = 0; j < n_items_; ++j) {
        if (votes_.VotesOn(static_cast<ItemId>(j)) == 0) continue;
        for (size_t c = 0; c < k_; ++c) prevalence[c] += posterior_.at(j, c);
      }
      for (double& p : prevalence) p /= static_cast<double>(voted);
    }
    out.annotators.resize(n_);
    for (size_t a = 0; a < n_; ++a) {
      AnnotatorSkill& skill = out.annotators[a];
      const double theta = theta_[a];
      skill.votes = votes_by_annotator_[a];
      skill.spam_probability = 1 - theta;
      skill.confusion.assign(k_ * k_, 0.0);
      double accuracy = theta;
      for (size_t t = 0; t < k_; ++t) {
        for (size_t l = 0; l < k_; ++l) {
          skill.confusion[t * k_ + l] = (1 - theta) * xi_[a * k_ + l] + (l == t ? theta : 0.0);
        }
        accuracy += prevalence[t] * (1 - theta) * xi_[a * k_ + t];
      }
      skill.accuracy = k_ > 0 ? accuracy : 0.0;
    }
    out.posterior = std::move(posterior_);
    SetHardLabels(out, options_.seed);
    return out;
  }

  const ItemVotes& votes_;
  const size_t k_;
  const size_t n_;
  const size_t n_items_;
  const MaceOptions options_;
  std::vector<double> theta_;  // Probability of knowing (not spamming), by annotator.
  std::vector<double> xi_;     // Spam distribution, annotator × label.
  std::vector<double> log_spam_;
  std::vector<double> boost_;  // (spam term + θ) / spam term: the true class's factor.
  std::vector<double> log_boost_;
  std::vector<double> know_share_;
  std::vector<double> know_;         // Expected knowing votes, by annotator.
  std::vector<double> spam_counts_;  // Expected spam votes, annotator × label.
  std::vector<uint64_t> votes_by_annotator_;
  ProbMatrix posterior_;
  std::vector<int64_t> gold_;  // Gold class per item, −1 when not gold.
  std::vector<double> row_;    // One item's log joint per class, reused.
  double smoothing_ = 0;
  double log_prior_ = 0;
};

}  // namespace

TruthEstimate Mace(const ItemVotes& votes, size_t class_count, size_t annotator_count,
                   GoldByItem gold, const MaceOptions& options) {
  const size_t threads =
      options.threads > 0 ? options.threads : std::max(1U, std::thread::hardware_concurrency());
  return MaceSolver(votes, class_count, annotator_count, gold, options)
      .Run(threads, votes, annotator_count, gold);
}

TruthEstimate Mace(const VoteTable& table, GoldByItem gold, const MaceOptions& options) {
  const ItemVotes votes = GroupByItem(table);
  return Mace(votes, table.label_count(), table.annotator_count(), gold, options);
}

}  // namespace chorus::quality
