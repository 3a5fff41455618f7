#include "quality/truth/aggregate.h"

#include <fmt/format.h>

#include <future>

#include "quality/agreement/gold_accuracy.h"
#include "quality/truth/dawid_skene.h"
#include "quality/truth/glad.h"
#include "quality/truth/mace.h"
#include "quality/truth/majority_vote.h"
#include "quality/truth/wawa.h"

namespace chorus::quality {
namespace {

struct MethodName {
  TruthMethod method;
  const char* name;
  const char* title;
};

constexpr MethodName kMethods[] = {
    {TruthMethod::kMajorityVote, "mv", "majority vote"},
    {TruthMethod::kWeightedMajorityVote, "wmv", "weighted majority vote"},
    {TruthMethod::kWawa, "wawa", "Wawa (worker agreement with aggregate)"},
    {TruthMethod::kDawidSkene, "ds", "Dawid-Skene"},
    {TruthMethod::kOneCoin, "onecoin", "one-coin Dawid-Skene"},
    {TruthMethod::kGlad, "glad", "GLAD"},
    {TruthMethod::kMace, "mace", "MACE"},
};

// `gold` clamps the truth; wmv always takes its weights from options.gold.
Result<TruthEstimate> Estimate(const VoteTable& table, const ItemVotes& votes,
                               const AggregateOptions& options, GoldByItem gold) {
  const size_t k = table.label_count();
  const size_t annotators = table.annotator_count();
  switch (options.method) {
    case TruthMethod::kMajorityVote:
      return MajorityVote(votes, k, annotators, {options.seed, gold});
    case TruthMethod::kWeightedMajorityVote: {
      if (options.gold.empty()) {
        return InvalidArgument(
            "wmv weighs annotators by their accuracy on gold items: pass --gold FILE, or use "
            "wawa or ds, which need no gold",
            "--method");
      }
      const std::vector<double> weights = LogOddsWeightsFromGold(table, options.gold);
      return WeightedMajorityVote(votes, k, annotators, weights, {options.seed, gold});
    }
    case TruthMethod::kWawa:
      return Wawa(votes, k, annotators, {options.seed, gold});
    case TruthMethod::kDawidSkene:
    case TruthMethod::kOneCoin: {
      DawidSkeneOptions ds;
      ds.seed = options.seed;
      ds.threads = options.threads;
      if (options.max_iterations) ds.max_iterations = *options.max_iterations;
      if (options.tolerance) ds.tolerance = *options.tolerance;
      return options.method == TruthMethod::kDawidSkene
                 ? DawidSkene(votes, k, annotators, gold, ds)
                 : OneCoinDawidSkene(votes, k, annotators, gold, ds);
    }
    case TruthMethod::kGlad: {
      GladOptions glad;
      glad.seed = options.seed;
      if (options.max_iterations) glad.max_iterations = *options.max_iterations;
      if (options.tolerance) glad.tolerance = *options.tolerance;
      return Glad(votes, k, annotators, gold, glad);
    }
    case TruthMethod::kMace: {
      MaceOptions mace;
      mace.seed = options.seed;
      mace.threads = options.threads;
      if (options.max_iterations) mace.max_iterations = *options.max_iterations;
      if (options.tolerance) mace.tolerance = *options.tolerance;
      return Mace(votes, k, annotators, gold, mace);
    }
  }
  return Internal("unknown truth method");
}

std::vector<AnnotatorReport> AnnotatorReports(const VoteTable& table, const TruthEstimate& estimate,
                                              const AggregateOptions& options) {
  std::vector<AnnotatorReport> reports(table.annotator_count());
  std::vector<uint64_t> agreeing(table.annotator_count(), 0), cast(table.annotator_count(), 0);
  for (size_t v = 0; v < table.size(); ++v) {
    const AnnotatorId a = table.annotators()[v];
    ++cast[a];
    agreeing[a] += table.labels()[v] == estimate.labels[table.items()[v]];
  }
  std::vector<AnnotatorAccuracy> gold;
  if (!options.gold.empty()) gold = AccuracyAgainstGold(table, options.gold);
  const double chance = table.label_count() ? 1.0 / static_cast<double>(table.label_count()) : 1;
  for (AnnotatorId a = 0; a < reports.size(); ++a) {
    AnnotatorReport& report = reports[a];
    report.skill = estimate.annotators[a];
    report.agreement_with_aggregate =
        cast[a] ? static_cast<double>(agreeing[a]) / static_cast<double>(cast[a]) : 0;
    if (!gold.empty()) report.gold_accuracy = gold[a].accuracy;
    const bool enough = cast[a] >= options.spam_min_votes;
    const bool near_chance = report.skill.accuracy <= chance + options.spam_margin;
    const bool mace_spam = report.skill.spam_probability.value_or(0) >= 0.5;
    report.suspected_spam = enough && (near_chance || mace_spam);
  }
  return reports;
}

}  // namespace

Result<TruthMethod> ParseTruthMethod(std::string_view name) {
  for (const auto& method : kMethods) {
    if (name == method.name) return method.method;
  }
  return InvalidArgument(
      fmt::format("unknown method \"{}\"; choose mv, wmv, wawa, ds, onecoin, glad or mace", name),
      "--method");
}

const char* TruthMethodName(TruthMethod method) {
  for (const auto& m : kMethods) {
    if (m.method == method) return m.name;
  }
  return "?";
}

const char* TruthMethodTitle(TruthMethod method) {
  for (const auto& m : kMethods) {
    if (m.method == method) return m.title;
  }
  return "?";
}

Result<Aggregation> Aggregate(const VoteTable& table, const AggregateOptions& options) {
  if (table.empty()) {
    return InvalidArgument("the input holds no votes; check that it has item, annotator and "
                           "label columns with values");
  }
  const ItemVotes votes = GroupByItem(table);
  const GoldByItem gold = options.gold;
  auto estimate = Estimate(table, votes, options, gold);
  if (!estimate.ok()) return estimate.status();

  Aggregation result;
  result.estimate = std::move(estimate).value();
  // The majority vote to compare with needs only the votes: it runs beside the soft labels
  // (on the calling thread, when asked for one thread).
  std::future<TruthEstimate> majority_vote;
  if (options.method != TruthMethod::kMajorityVote) {
    const auto policy = options.threads == 1 ? std::launch::deferred : std::launch::async;
    majority_vote = std::async(policy, [&] {
      return MajorityVote(votes, table.label_count(), table.annotator_count(), {options.seed, {}});
    });
  }
  result.soft = ComputeSoftLabels(table, result.estimate, options.soft);
  const TruthEstimate majority = majority_vote.valid() ? majority_vote.get() : result.estimate;
  uint64_t same = 0;
  for (size_t i = 0; i < result.estimate.labels.size(); ++i) {
    same += result.estimate.labels[i] == majority.labels[i];
    result.ties += result.estimate.tied[i];
    result.ambiguous += result.soft.ambiguous[i];
  }
  const size_t items = result.estimate.labels.size();
  result.agreement_with_majority = items ? static_cast<double>(same) / items : 0;
  if (!options.gold.empty()) {
    auto held_out = Estimate(table, votes, options, {});
    if (!held_out.ok()) return held_out.status();
    result.gold = EvaluateAgainstGold(*held_out, gold);
    result.gold->estimated_accuracy = EvaluateAgainstGold(result.estimate, gold).estimated_accuracy;
  }
  result.annotators = AnnotatorReports(table, result.estimate, options);
  return result;
}

}  // namespace chorus::quality
