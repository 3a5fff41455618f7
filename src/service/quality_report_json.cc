// QualityReportJson (service/quality_report_render.h).
#include "service/quality_report_render.h"
#include "service/statistic_json.h"

namespace chorus::service {
namespace {

using nlohmann::json;

json SourceJson(const QualityReportSource& s) {
  json out = {{"title", s.title}};
  if (s.project_id) {
    out["project_id"] = *s.project_id;
    out["control"] = s.control;
  } else {
    out["file"] = s.file;
    out["missing_skipped"] = s.missing_skipped;
    out["duplicates_dropped"] = s.duplicates_dropped;
  }
  if (!s.gold_file.empty()) {
    out["gold_file"] = s.gold_file;
    out["gold_items_not_in_votes"] = s.gold_items_not_in_votes;
  }
  return out;
}

json AgreementJson(const quality::QualityReport& r) {
  json statistics = json::array();
  for (const quality::ReportEntry& e : r.agreement.entries) {
    json entry = StatisticToJson(e.statistic);
    entry["key"] = e.key;
    entry["title"] = e.title;
    if (e.chance_corrected && e.statistic.defined())
      entry["band"] = quality::LandisKochBand(*e.statistic.value);
    if (!e.note.empty()) entry["note"] = e.note;
    statistics.push_back(std::move(entry));
  }
  json out = {{"statistics", std::move(statistics)}, {"warnings", r.agreement.warnings}};
  if (r.agreement.alpha_bootstrap) {
    const quality::AlphaBootstrap& b = *r.agreement.alpha_bootstrap;
    json below = json::array();
    for (const auto& [alpha_min, q] : b.probability_below)
      below.push_back({{"alpha_min", alpha_min}, {"q", q}});
    out["alpha_bootstrap"] = {{"samples", b.samples},
                              {"seed", r.agreement.bootstrap_seed},
                              {"draws_per_sample", b.draws_per_sample},
                              {"ci95", {b.ci95.low, b.ci95.high}},
                              {"probability_below", std::move(below)}};
  }
  const size_t n = r.heat_map_annotators.size();
  json kappa = json::array();
  for (size_t row = 0; row < n; ++row) {
    json cells = json::array();
    for (size_t c = 0; c < n; ++c) {
      const auto& v = r.heat_map_kappa[row * n + c];
      cells.push_back(v ? json(*v) : json(nullptr));
    }
    kappa.push_back(std::move(cells));
  }
  out["pairwise_kappa"] = {{"annotators", r.heat_map_annotators},
                           {"kappa", std::move(kappa)},
                           {"min_shared_items", r.min_shared_items},
                           {"annotators_left_out", r.heat_map_left_out}};
  return out;
}

json AnnotatorsJson(const quality::QualityReport& r) {
  json out = json::array();
  for (const quality::ReportAnnotator& a : r.annotator_rows) {
    out.push_back({{"name", a.name},
                   {"votes", a.votes},
                   {"items", a.items},
                   {"mean_kappa_with_others", StatisticToJson(a.mean_kappa)},
                   {"agreement_with_aggregate", a.agreement_with_aggregate},
                   {"gold_accuracy", a.gold_accuracy ? StatisticToJson(*a.gold_accuracy) : json(nullptr)},
                   {"estimated_accuracy", a.estimated_accuracy},
                   {"spam_probability", a.spam_probability ? json(*a.spam_probability) : json(nullptr)},
                   {"suspected_spam", a.suspected_spam}});
  }
  return out;
}

json ConfusionJson(const quality::QualityReport& r) {
  const size_t k = r.labels.size();
  json matrices = json::array();
  for (const quality::ReportConfusion& m : r.confusion) {
    json rows = json::array();
    for (size_t row = 0; row < k; ++row)
      rows.push_back(std::vector<uint64_t>(m.counts.begin() + row * k, m.counts.begin() + (row + 1) * k));
    matrices.push_back({{"annotator", m.annotator},
                        {"compared", m.compared},
                        {"matching", m.matching},
                        {"counts", std::move(rows)}});
  }
  return {{"reference", r.confusion_reference},
          {"labels", r.labels},
          {"annotators_left_out", r.confusion_left_out},
          {"matrices", std::move(matrices)}};
}

json ItemsJson(const quality::QualityReport& r) {
  json disputed = json::array();
  for (const quality::ReportDisagreement& d : r.disagreements) {
    json votes = json::array();
    for (const auto& [annotator, label] : d.votes)
      votes.push_back({{"annotator", annotator}, {"label", label}});
    json row = {{"item", d.item},
                {"normalized_entropy", d.normalized_entropy},
                {"plurality_share", d.plurality_share},
                {"aggregate_label", d.aggregate_label},
                {"gold", d.gold ? json(*d.gold) : json(nullptr)},
                {"votes", std::move(votes)}};
    if (!d.excerpt.empty()) row["excerpt"] = d.excerpt;
    disputed.push_back(std::move(row));
  }
  return disputed;
}

json LabelsJson(const quality::QualityReport& r) {
  json out = json::array();
  for (const quality::ReportLabelCount& l : r.label_distribution) {
    out.push_back({{"label", l.label},
                   {"votes", l.votes},
                   {"share", r.votes == 0 ? 0.0 : static_cast<double>(l.votes) / static_cast<double>(r.votes)},
                   {"aggregated_items", l.aggregated_items}});
  }
  return out;
}

}  // namespace

json QualityReportJson(const quality::QualityReport& r, const QualityReportSource& source) {
  return {{"report_version", 1},
          {"source", SourceJson(source)},
          {"summary",
           {{"votes", r.votes},
            {"items", r.items},
            {"annotators", r.annotators},
            {"labels", r.labels},
            {"gold_items", r.gold_items},
            {"method", r.method},
            {"method_title", r.method_title}}},
          {"agreement", AgreementJson(r)},
          {"annotators", AnnotatorsJson(r)},
          {"confusion", ConfusionJson(r)},
          {"item_agreement",
           {{"histogram", r.agreement_histogram},
            {"mean_plurality_share", r.mean_plurality_share ? nlohmann::json(*r.mean_plurality_share)
                                                            : nlohmann::json(nullptr)},
            {"unanimous_items", r.unanimous_items},
            {"single_vote_items", r.single_vote_items}}},
          {"disagreements", ItemsJson(r)},
          {"label_distribution", LabelsJson(r)}};
}

}  // namespace chorus::service
