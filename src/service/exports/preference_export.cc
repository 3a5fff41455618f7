#include "service/exports/preference_export.h"

#include <algorithm>
#include <numeric>

namespace chorus::service::exports {
namespace {

using nlohmann::json;

json PromptOf(const domain::Control& control, const json& data) {
  if (control.prompt.empty()) return nullptr;
  const auto found = data.find(control.prompt);
  return found == data.end() ? json(nullptr) : *found;
}

json VoteFields(const domain::Annotation& a) {
  return {{"annotation_id", a.id}, {"annotator_id", a.annotator_id}, {"provenance", Provenance(a)}};
}

json TaskFields(const domain::Task& task) {
  return {{"task_id", task.id},
          {"external_id", task.external_id ? json(*task.external_id) : json(nullptr)}};
}

class DpoWriter : public ExportWriter {
 public:
  explicit DpoWriter(domain::Control control) : control_(std::move(control)) {}

  void Write(const ExportItem& item, std::string& out) override {
    std::map<std::string, int64_t> votes = {{"a", 0}, {"b", 0}, {"tie", 0}, {"both_bad", 0}};
    json annotations = json::array();
    for (const domain::Annotation& a : item.annotations) {
      const json result = ParsedResult(a);
      const json& choice = ControlValue(result, control_, "choice");
      if (!choice.is_string() || !votes.contains(choice.get<std::string>())) continue;
      ++votes[choice.get<std::string>()];
      json vote = VoteFields(a);
      vote["choice"] = choice;
      annotations.push_back(std::move(vote));
    }
    Note("tie_votes", votes["tie"]);
    Note("both_bad_votes", votes["both_bad"]);
    if (votes["a"] == votes["b"]) {
      Note("tasks_without_preference");
      return;
    }
    const bool a_wins = votes["a"] > votes["b"];
    const int64_t total = votes["a"] + votes["b"] + votes["tie"] + votes["both_bad"];
    json line = {{"prompt", PromptOf(control_, item.data)},
                 {"chosen", item.data.value(control_.to[a_wins ? 0 : 1], json())},
                 {"rejected", item.data.value(control_.to[a_wins ? 1 : 0], json())},
                 {"chosen_field", control_.to[a_wins ? 0 : 1]},
                 {"agreement", static_cast<double>(std::max(votes["a"], votes["b"])) /
                                   static_cast<double>(total)},
                 {"votes", votes},
                 {"annotations", std::move(annotations)}};
    line.update(TaskFields(item.task));
    line["aggregate"] = AggregateJson(item.aggregate);
    out += line.dump();
    out += '\n';
  }

 private:
  domain::Control control_;
};

class RankingWriter : public ExportWriter {
 public:
  explicit RankingWriter(domain::Control control) : control_(std::move(control)) {}

  void Write(const ExportItem& item, std::string& out) override {
    const json items = item.data.value(control_.to.front(), json());
    if (!items.is_array() || items.size() < 2) {
      Note("tasks_without_items");
      return;
    }
    const size_t n = items.size();
    std::vector<std::vector<size_t>> orders;
    json rankings = json::array();
    for (const domain::Annotation& a : item.annotations) {
      const json result = ParsedResult(a);
      const json& order = ControlValue(result, control_, "order");
      if (!IsPermutation(order, n)) continue;
      orders.push_back(order.get<std::vector<size_t>>());
      json ranking = VoteFields(a);
      ranking["order"] = order;
      rankings.push_back(std::move(ranking));
    }
    if (orders.empty()) {
      Note("tasks_without_rankings");
      return;
    }
    // Mean rank per item (1 = best), then items sorted by it: the Borda consensus.
    std::vector<double> mean_rank(n, 0);
    for (const auto& order : orders) {
      for (size_t r = 0; r < n; ++r) mean_rank[order[r]] += static_cast<double>(r + 1);
    }
    for (double& m : mean_rank) m /= static_cast<double>(orders.size());
    std::vector<size_t> consensus(n);
    std::iota(consensus.begin(), consensus.end(), 0);
    std::stable_sort(consensus.begin(), consensus.end(),
                     [&](size_t x, size_t y) { return mean_rank[x] < mean_rank[y]; });
    json ranked = json::array();
    for (size_t index : consensus) ranked.push_back(items[index]);
    const std::optional<double> w = KendallW(orders, n);
    json line = {{"prompt", PromptOf(control_, item.data)},
                 {"items", items},
                 {"ranked", std::move(ranked)},
                 {"ranked_indices", consensus},
                 {"mean_ranks", mean_rank},
                 {"kendall_w", w ? json(*w) : json(nullptr)},
                 {"rankings", std::move(rankings)}};
    line.update(TaskFields(item.task));
    line["aggregate"] = AggregateJson(item.aggregate);
    out += line.dump();
    out += '\n';
  }

 private:
  static bool IsPermutation(const json& order, size_t n) {
    if (!order.is_array() || order.size() != n) return false;
    std::vector<bool> seen(n, false);
    for (const json& v : order) {
      if (!v.is_number_unsigned() || v.get<size_t>() >= n || seen[v.get<size_t>()]) return false;
      seen[v.get<size_t>()] = true;
    }
    return true;
  }

  domain::Control control_;
};

}  // namespace

std::optional<double> KendallW(const std::vector<std::vector<size_t>>& rankings, size_t n) {
  const size_t m = rankings.size();
  if (m < 2 || n < 2) return std::nullopt;
  std::vector<double> rank_sum(n, 0);
  for (const auto& order : rankings) {
    for (size_t r = 0; r < n; ++r) rank_sum[order[r]] += static_cast<double>(r + 1);
  }
  const double mean = static_cast<double>(m) * static_cast<double>(n + 1) / 2;
  double s = 0;
  for (double r : rank_sum) s += (r - mean) * (r - mean);
  const double md = static_cast<double>(m), nd = static_cast<double>(n);
  return 12 * s / (md * md * (nd * nd * nd - nd));
}

WriterResult MakeDpoWriter(const domain::LabelInterface& label_interface) {
  const domain::Control* c =
      domain::FirstControlOfType(label_interface, domain::ControlType::kPairwise);
  if (c == nullptr) return NeedsControl("dpo_jsonl", "pairwise control");
  return std::unique_ptr<ExportWriter>(std::make_unique<DpoWriter>(*c));
}

WriterResult MakeRankingWriter(const domain::LabelInterface& label_interface) {
  const domain::Control* c =
      domain::FirstControlOfType(label_interface, domain::ControlType::kRanking);
  if (c == nullptr) return NeedsControl("ranking_jsonl", "ranking control");
  return std::unique_ptr<ExportWriter>(std::make_unique<RankingWriter>(*c));
}

}  // namespace chorus::service::exports
