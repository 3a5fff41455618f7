// QualityReportHtml (service/quality_report_render.h): sections in the order of the issue
// (summary, agreement, annotators, confusion matrices, per-item agreement, disputed items,
// labels), each an <h2 id=...>; charts from service/svg_chart.h.
#include <string>
#include <vector>

#include "service/html_page.h"
#include "service/quality_report_render.h"
#include "service/svg_chart.h"

namespace chorus::service {
namespace {

constexpr const char* kReportCss =
    ".warning{background:#fff3f3;border-left:4px solid #d62728;padding:0.5rem}"
    ".note{color:#555}.spam td{background:#fff3f3}"
    ".excerpt{color:#333;max-width:30rem}svg.chart{display:block;margin:0.5rem 0 1rem}"
    ".matrix{display:inline-block;vertical-align:top;margin-right:1rem}";

std::string QrPercent(double share) { return FixedDecimals(share * 100, 1) + "%"; }

// "0.712 (95% CI 0.650 to 0.770)", or "undefined: reason".
std::string QrStatistic(const quality::Statistic& s, int decimals = 3) {
  if (!s.defined()) return "undefined: " + s.undefined_reason;
  std::string out = FixedDecimals(*s.value, decimals);
  if (s.ci95) {
    out += " (95% CI " + FixedDecimals(s.ci95->low, decimals) + " to " +
           FixedDecimals(s.ci95->high, decimals) + ")";
  }
  return out;
}

std::string QrRow(const std::vector<std::string>& cells, const char* tag = "td") {
  std::string out = "<tr>";
  for (const std::string& cell : cells)
    out += std::string("<") + tag + ">" + HtmlEscape(cell) + "</" + tag + ">";
  return out + "</tr>";
}

std::string QrFacts(const std::vector<std::pair<std::string, std::string>>& facts) {
  std::string out = "<table>";
  for (const auto& [what, value] : facts)
    out += "<tr><th>" + HtmlEscape(what) + "</th><td>" + HtmlEscape(value) + "</td></tr>";
  return out + "</table>\n";
}

std::string QrHeading(const char* id, const char* title) {
  return std::string("<h2 id=\"") + id + "\">" + title + "</h2>\n";
}

std::string QrSummary(const quality::QualityReport& r, const QualityReportSource& s) {
  std::vector<std::pair<std::string, std::string>> facts;
  if (s.project_id) {
    facts.push_back({"Project", std::to_string(*s.project_id) + ": " + s.title});
    facts.push_back({"Control", s.control});
  } else {
    facts.push_back({"Vote file", s.file});
    if (s.missing_skipped > 0) facts.push_back({"Empty labels skipped", std::to_string(s.missing_skipped)});
    if (s.duplicates_dropped > 0)
      facts.push_back({"Repeated votes dropped", std::to_string(s.duplicates_dropped)});
  }
  if (!s.gold_file.empty()) facts.push_back({"Gold file", s.gold_file});
  facts.push_back({"Items", std::to_string(r.items)});
  facts.push_back({"Annotators", std::to_string(r.annotators)});
  facts.push_back({"Votes", std::to_string(r.votes)});
  facts.push_back({"Labels", std::to_string(r.labels.size())});
  facts.push_back({"Gold items", std::to_string(r.gold_items)});
  facts.push_back({"Aggregation", r.method_title + " (" + r.method + ")"});
  return QrHeading("summary", "Summary") + QrFacts(facts);
}

std::string QrAgreement(const quality::QualityReport& r) {
  std::string out = QrHeading("agreement", "Agreement");
  for (const std::string& warning : r.agreement.warnings)
    out += "<p class=\"warning\">" + HtmlEscape(warning) + "</p>\n";
  out += "<table>" + QrRow({"Statistic", "Value (95% CI)", "Landis & Koch band", "Note"}, "th");
  for (const quality::ReportEntry& e : r.agreement.entries) {
    const std::string band = e.chance_corrected && e.statistic.defined()
                                 ? quality::LandisKochBand(*e.statistic.value)
                                 : "";
    out += QrRow({e.title, QrStatistic(e.statistic), band, e.note});
  }
  out += "</table>\n";
  if (r.agreement.alpha_bootstrap) {
    out += "<p class=\"note\">Alpha's interval: " +
           std::to_string(r.agreement.alpha_bootstrap->samples) +
           " bootstrap resamples (Hayes &amp; Krippendorff 2007), seed " +
           std::to_string(r.agreement.bootstrap_seed) + ".</p>\n";
  }
  out += "<h3>Pairwise Cohen's kappa</h3>\n";
  if (r.heat_map_annotators.size() < 2) {
    return out + "<p class=\"note\">Fewer than two annotators: no pairs.</p>\n";
  }
  HeatMap map;
  map.title = "Pairwise Cohen's kappa";
  map.row_title = map.column_title = "annotator";
  map.rows = map.columns = r.heat_map_annotators;
  map.values = r.heat_map_kappa;
  map.low = -1;
  map.high = 1;
  out += SvgHeatMap(map) + "\n<p class=\"note\">Pairs sharing fewer than " +
         std::to_string(r.min_shared_items) + " items have no kappa (grey).";
  if (r.heat_map_left_out > 0) {
    out += " Showing the " + std::to_string(r.heat_map_annotators.size()) +
           " most active annotators; " + std::to_string(r.heat_map_left_out) + " more left out.";
  }
  return out + "</p>\n";
}

std::string QrAnnotators(const quality::QualityReport& r) {
  std::string out = QrHeading("annotators", "Annotators");
  out += "<table>" +
         QrRow({"Annotator", "Votes", "Items", "Mean kappa with the others",
                "Agreement with the aggregate", "Accuracy on gold (Wilson 95% CI)",
                "Estimated accuracy (" + r.method_title + ")", "Suspected spammer"},
               "th");
  size_t spammers = 0;
  for (const quality::ReportAnnotator& a : r.annotator_rows) {
    spammers += a.suspected_spam;
    std::string row = QrRow({a.name, std::to_string(a.votes), std::to_string(a.items),
                             QrStatistic(a.mean_kappa), QrPercent(a.agreement_with_aggregate),
                             a.gold_accuracy ? QrStatistic(*a.gold_accuracy) : "no gold",
                             FixedDecimals(a.estimated_accuracy, 3),
                             a.suspected_spam ? "yes" : "no"});
    if (a.suspected_spam) row.insert(3, " class=\"spam\"");
    out += row;
  }
  const quality::AggregateOptions rule;  // The thresholds Aggregate flags spam with.
  out += "</table>\n<p class=\"note\">" + std::to_string(spammers) +
         " suspected spammers: at least " + std::to_string(rule.spam_min_votes) +
         " votes and an estimated accuracy within " + FixedDecimals(rule.spam_margin, 2) +
         " of chance (or a MACE spam probability of 0.5 or more).</p>\n";
  return out;
}

std::string QrConfusion(const quality::QualityReport& r) {
  std::string out = QrHeading("confusion", "Confusion matrices");
  const bool gold = r.confusion_reference == "gold";
  out += std::string("<p class=\"note\">Rows: ") +
         (gold ? "the gold label" : "the aggregated label (" + HtmlEscape(r.method_title) + ")") +
         "; columns: the annotator's label; cells: votes, shaded by the row's share.";
  if (r.confusion_left_out > 0) {
    out += " Showing the " + std::to_string(r.confusion.size()) + " most active annotators; " +
           std::to_string(r.confusion_left_out) + " more left out (see --confusion-annotators).";
  }
  out += "</p>\n";
  const size_t k = r.labels.size();
  for (const quality::ReportConfusion& m : r.confusion) {
    HeatMap map;
    map.title = m.annotator + ": " + std::to_string(m.matching) + " of " +
                std::to_string(m.compared) + " votes match";
    map.row_title = gold ? "gold label" : "aggregated label";
    map.column_title = "their label";
    map.rows = map.columns = r.labels;
    for (size_t row = 0; row < k; ++row) {
      uint64_t total = 0;
      for (size_t c = 0; c < k; ++c) total += m.counts[row * k + c];
      for (size_t c = 0; c < k; ++c) {
        const uint64_t n = m.counts[row * k + c];
        map.values.push_back(total == 0 ? 0.0 : static_cast<double>(n) / static_cast<double>(total));
        map.cell_text.push_back(std::to_string(n));
      }
    }
    out += "<div class=\"matrix\"><h3>" + HtmlEscape(map.title) + "</h3>\n" + SvgHeatMap(map) +
           "</div>\n";
  }
  return out;
}

std::string QrItems(const quality::QualityReport& r) {
  std::string out = QrHeading("item-agreement", "Agreement per item");
  out += SvgHistogram("Items by the share of votes for their most voted label",
                      r.agreement_histogram, 0, 1, "share of votes for the most voted label");
  const std::string shares =
      r.mean_plurality_share
          ? "Items with two or more votes: mean share " +
                FixedDecimals(*r.mean_plurality_share, 3) + ", " +
                std::to_string(r.unanimous_items) + " unanimous. "
          : "No item has two votes, so no share is defined. ";
  out += "<p class=\"note\">" + shares + std::to_string(r.single_vote_items) +
         " items with one vote are left out.</p>\n";
  return out;
}

std::string QrDisagreements(const quality::QualityReport& r) {
  std::string out = QrHeading("disagreements", "Most disputed items");
  if (r.disagreements.empty()) return out + "<p>No item has conflicting votes.</p>\n";
  out += "<p class=\"note\">By normalised entropy of the votes (1 = evenly split), highest "
         "first.</p>\n<table>" +
         QrRow({"Item", "Entropy", "Aggregate", "Gold", "Votes"}, "th");
  for (const quality::ReportDisagreement& d : r.disagreements) {
    std::string votes;
    for (const auto& [annotator, label] : d.votes)
      votes += (votes.empty() ? "" : ", ") + annotator + ": " + label;
    std::string item = "<td>" + HtmlEscape(d.item);
    if (!d.excerpt.empty()) item += "<div class=\"excerpt\">" + HtmlEscape(d.excerpt) + "</div>";
    out += "<tr>" + item + "</td><td>" + FixedDecimals(d.normalized_entropy, 3) + "</td><td>" +
           HtmlEscape(d.aggregate_label) + "</td><td>" + HtmlEscape(d.gold.value_or("")) +
           "</td><td>" + HtmlEscape(votes) + "</td></tr>";
  }
  return out + "</table>\n";
}

std::string QrLabels(const quality::QualityReport& r) {
  std::string out = QrHeading("labels", "Label distribution");
  std::vector<ChartBar> bars;
  for (const quality::ReportLabelCount& l : r.label_distribution) {
    const double share = r.votes == 0 ? 0 : static_cast<double>(l.votes) / static_cast<double>(r.votes);
    bars.push_back({l.label, static_cast<double>(l.votes),
                    std::to_string(l.votes) + " votes (" + QrPercent(share) + "), " +
                        std::to_string(l.aggregated_items) + " items"});
  }
  out += SvgBarChart("Votes per label", bars);
  out += "<p class=\"note\">Items: how many items the aggregation gave each label.</p>\n";
  return out;
}

}  // namespace

std::string QualityReportHtml(const quality::QualityReport& r, const QualityReportSource& source) {
  std::string out = HtmlPageStart("Quality report: " + source.title, kReportCss);
  out += "<h1>Quality report: " + HtmlEscape(source.title) + "</h1>\n";
  out += "<p class=\"note\">Written by chorus report. Statistics and references: "
         "docs/quality.md.</p>\n";
  out += QrSummary(r, source) + QrAgreement(r) + QrAnnotators(r) + QrConfusion(r) + QrItems(r) +
         QrDisagreements(r) + QrLabels(r);
  return out + kHtmlPageEnd;
}

}  // namespace chorus::service
