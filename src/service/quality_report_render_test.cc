// The quality report's renderers and the SVG charts they draw: every section is there, data
// text is escaped (a label or item named <script> stays text), nothing is loaded from outside
// the file, and the JSON carries the same numbers as the report struct.
#include <gtest/gtest.h>

#include <algorithm>
#include <cctype>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "quality/truth/quality_report.h"
#include "quality/vote_table.h"
#include "service/html_page.h"
#include "service/quality_report_render.h"
#include "service/svg_chart.h"

namespace chorus::service {
namespace {

// Votes whose names try to break out of the page.
quality::VoteTable HostileVotes() {
  quality::VoteTable table;
  const char* hostile = "<script>alert(1)</script>";
  table.Add("i1", hostile, "x");
  table.Add("i1", "B", "y");
  table.Add("i1", "C", "x");
  table.Add(hostile, hostile, "\"><img src=http://evil.example/a.png>");
  table.Add(hostile, "B", "y");
  table.Add(hostile, "C", "y");
  table.Add("i3", hostile, "x");
  table.Add("i3", "B", "x");
  table.Add("i3", "C", "x");
  return table;
}

quality::QualityReport HostileReport() {
  quality::QualityReportOptions options;
  options.method = quality::TruthMethod::kMajorityVote;
  options.min_shared_items = 1;
  options.bootstrap_samples = 100;
  auto report = quality::ComputeQualityReport(HostileVotes(), options);
  EXPECT_TRUE(report.ok()) << report.status().ToString();
  return std::move(report).value();
}

size_t Count(const std::string& text, const std::string& what) {
  size_t n = 0;
  for (size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

TEST(SvgChart, ShortensAtACharacterBoundary) {
  EXPECT_EQ(ShortenUtf8("short", 10), "short");
  EXPECT_EQ(ShortenUtf8("abcdefgh", 4), "abcd…");
  // "é" is two bytes: cutting after 'a' plus one byte would split it.
  EXPECT_EQ(ShortenUtf8("aéé", 2), "a…");
}

TEST(SvgChart, BarChartScalesToTheLargestAndEscapesLabels) {
  const std::vector<ChartBar> bars = {{"<b>", 10, "10"}, {"y", 5, "5"}};
  const std::string svg = SvgBarChart("Votes & labels", bars);
  EXPECT_EQ(svg.rfind("<svg ", 0), 0u);
  EXPECT_NE(svg.find("aria-label=\"Votes &amp; labels\""), std::string::npos);
  EXPECT_NE(svg.find("&lt;b&gt;"), std::string::npos);
  EXPECT_EQ(svg.find("<b>"), std::string::npos);
  EXPECT_NE(svg.find("width=\"300.0\""), std::string::npos);  // The largest fills the bar area.
  EXPECT_NE(svg.find("width=\"150.0\""), std::string::npos);  // Half as many, half as long.
}

TEST(SvgChart, HistogramHasOneBarPerBinAndTheEdges) {
  const std::vector<uint64_t> counts = {1, 0, 3, 2};
  const std::string svg = SvgHistogram("h", counts, 0, 1, "share");
  EXPECT_EQ(Count(svg, "<rect "), 4u);
  for (const char* edge : {">0.0<", ">0.2<", ">0.5<", ">0.8<", ">1.0<"})
    EXPECT_NE(svg.find(edge), std::string::npos) << edge;
  EXPECT_NE(svg.find("height=\"160.0\""), std::string::npos);  // The fullest bin is full height.
}

TEST(SvgChart, HeatMapColoursCellsAndGreysMissingOnes) {
  HeatMap map;
  map.title = "kappa";
  map.rows = map.columns = {"a", "b"};
  map.values = {std::nullopt, 1.0, -1.0, 0.0};
  map.low = -1;
  const std::string svg = SvgHeatMap(map);
  EXPECT_EQ(Count(svg, "<rect "), 4u);
  EXPECT_NE(svg.find("fill=\"#e0e0e0\""), std::string::npos);  // Missing.
  EXPECT_NE(svg.find("fill=\"#4363d8\""), std::string::npos);  // 1: full blue.
  EXPECT_NE(svg.find("fill=\"#e64b4b\""), std::string::npos);  // -1: full red.
  EXPECT_NE(svg.find("fill=\"#ffffff\""), std::string::npos);  // 0: white.
  EXPECT_NE(svg.find(">1.00<"), std::string::npos);
}

TEST(QualityReportHtml, HasEverySectionAndEscapesTheData) {
  quality::QualityReport report = HostileReport();
  ASSERT_FALSE(report.disagreements.empty());
  report.disagreements[0].excerpt = "text: <script>steal()</script>";
  QualityReportSource source;
  source.title = "<votes>.csv";
  source.file = "<votes>.csv";
  const std::string html = QualityReportHtml(report, source);
  EXPECT_EQ(html.rfind("<!doctype html>", 0), 0u);
  for (const char* id : {"summary", "agreement", "annotators", "confusion", "item-agreement",
                         "disagreements", "labels"}) {
    EXPECT_NE(html.find("<h2 id=\"" + std::string(id) + "\">"), std::string::npos) << id;
  }
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_EQ(html.find("<img"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;steal()&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("&lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_NE(html.find("Quality report: &lt;votes&gt;.csv"), std::string::npos);
  // Self-contained: no tag loads anything (src, href, url(...), @import). Text is escaped, so
  // every "<" starts a real tag and the escaped hostile label cannot count as one.
  // (By hand: GCC 12's std::regex trips -Wmaybe-uninitialized in the sanitizer build.)
  size_t tags = 0;
  for (size_t open = html.find('<'); open != std::string::npos; open = html.find('<', open + 1)) {
    const size_t close = html.find('>', open);
    ASSERT_NE(close, std::string::npos);
    std::string tag = html.substr(open, close - open + 1);
    std::transform(tag.begin(), tag.end(), tag.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    std::erase_if(tag, [](unsigned char c) { return std::isspace(c) != 0; });
    for (const char* loads : {"src=", "href=", "url(", "@import"}) {
      EXPECT_EQ(tag.find(loads), std::string::npos) << tag;
    }
    ++tags;
  }
  EXPECT_GT(tags, 100u);
  EXPECT_EQ(html.find("@import"), std::string::npos);
  // Charts: the kappa heat map, one per confusion matrix, the histogram and the label bars.
  EXPECT_EQ(Count(html, "<svg "), 3u + report.confusion.size());
}

TEST(QualityReportHtml, WarnsWhenAgreementIsLow) {
  const quality::QualityReport report = HostileReport();
  ASSERT_FALSE(report.agreement.warnings.empty());
  const std::string html = QualityReportHtml(report, QualityReportSource{});
  EXPECT_NE(html.find("<p class=\"warning\">"), std::string::npos);
  EXPECT_NE(html.find("agreement is below 0.4"), std::string::npos);
}

TEST(QualityReportJson, CarriesTheReportsNumbers) {
  const quality::QualityReport report = HostileReport();
  QualityReportSource source;
  source.title = source.file = "votes.csv";
  const nlohmann::json j = QualityReportJson(report, source);
  EXPECT_EQ(j["report_version"], 1);
  EXPECT_EQ(j["summary"]["votes"], 9);
  EXPECT_EQ(j["summary"]["items"], 3);
  EXPECT_EQ(j["source"]["file"], "votes.csv");
  const quality::ReportEntry* alpha = report.agreement.Find("krippendorff_alpha");
  ASSERT_NE(alpha, nullptr);
  bool found = false;
  for (const auto& s : j["agreement"]["statistics"]) {
    if (s["key"] != "krippendorff_alpha") continue;
    found = true;
    EXPECT_EQ(s["value"].get<double>(), *alpha->statistic.value);
  }
  EXPECT_TRUE(found);
  EXPECT_EQ(j["annotators"].size(), report.annotator_rows.size());
  EXPECT_EQ(j["item_agreement"]["histogram"].size(), 10u);
  EXPECT_EQ(j["disagreements"].size(), report.disagreements.size());
  EXPECT_EQ(j["confusion"]["reference"], "aggregate");
  EXPECT_EQ(j["label_distribution"].size(), report.labels.size());
}

}  // namespace
}  // namespace chorus::service
