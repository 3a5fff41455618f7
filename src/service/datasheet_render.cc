// DatasheetMarkdown and DatasheetHtml (service/datasheet.h): the JSON document read once into
// sections of rows and tables, then written out as Markdown or as HTML with inline SVG bars.
#include <algorithm>
#include <cstdio>
#include <string>
#include <vector>

#include "service/datasheet.h"
#include "service/html_page.h"
#include "service/pay_service.h"

namespace chorus::service {
namespace {

using nlohmann::json;

struct Table {
  std::string caption;
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;
  int bar_column = -1;  // A column of shares (0..1) drawn as bars in HTML; -1: none.
  std::vector<double> bars;
};

struct Section {
  std::string title;
  std::vector<std::pair<std::string, std::string>> facts;  // (what, value) as text.
  std::vector<Table> tables;
  std::vector<std::string> notes;    // Sentences (limitations).
  std::vector<std::string> prompts;  // Questions for the team.
};

std::string Fixed(double value, int decimals) { return FixedDecimals(value, decimals); }

std::string Text(const json& v) {
  if (v.is_null()) return "n/a";
  if (v.is_string()) return v.get<std::string>();
  if (v.is_boolean()) return v.get<bool>() ? "yes" : "no";
  if (v.is_number_integer()) return std::to_string(v.get<int64_t>());
  if (v.is_number()) return Fixed(v.get<double>(), 3);
  return v.dump();
}

std::string Percent(const json& share) {
  return share.is_number() ? Fixed(share.get<double>() * 100, 1) + "%" : "n/a";
}

std::string Money(const json& cents) {
  return cents.is_number() ? FormatCents(static_cast<int64_t>(cents.get<double>())) : "n/a";
}

// "0.712 (95% CI 0.650 to 0.770)", or "undefined: reason".
std::string StatisticText(const json& s) {
  if (s.is_null()) return "n/a";
  if (s["value"].is_null()) return "undefined: " + s.value("undefined_reason", std::string());
  std::string out = Fixed(s["value"].get<double>(), 3);
  if (s.contains("ci95")) {
    out += " (95% CI " + Fixed(s["ci95"][0].get<double>(), 3) + " to " +
           Fixed(s["ci95"][1].get<double>(), 3) + ")";
  }
  return out;
}

std::string SpreadText(const json& s, bool money) {
  if (s["count"].get<int64_t>() == 0) return "none recorded";
  const auto show = [&](const json& v) { return money ? Money(v) : Text(v); };
  return "min " + show(s["min"]) + ", median " + show(s["median"]) + ", max " + show(s["max"]) +
         " (" + Text(s["count"]) + " people)";
}

// Counts by name as a table of name, count.
Table CountTable(const std::string& caption, const std::string& what, const json& counts) {
  Table t{caption, {what, "count"}, {}, -1, {}};
  for (const auto& [name, count] : counts.items()) t.rows.push_back({name, Text(count)});
  return t;
}

std::vector<Section> Sections(const json& d) {
  std::vector<Section> out;
  const json& c = d["composition"];
  Section composition{"Composition", {}, {}, {}, {}};
  composition.facts = {{"Tasks", Text(c["tasks"])},
                       {"Gold tasks", Text(c["gold_tasks"])},
                       {"Tasks with labels", Text(c["labelled_tasks"])},
                       {"Submitted labels (people)", Text(c["submitted_labels"])},
                       {"Machine labels (model or rules)", Text(c["machine_labels"])}};
  std::string fields;
  for (const json& f : c["data_fields"]) fields += (fields.empty() ? "" : ", ") + Text(f);
  composition.facts.push_back({"Data fields labelled", fields.empty() ? "none" : fields});
  if (c.contains("label_distribution")) {
    const json& l = c["label_distribution"];
    Table t{"Label distribution of \"" + Text(l["control"]) + "\" (" + Text(l["basis"]) + ")",
            {"label", "count", "share"}, {}, 2, {}};
    for (const json& row : l["rows"]) {
      t.rows.push_back({Text(row["label"]), Text(row["count"]), Percent(row["share"])});
      t.bars.push_back(row["share"].is_number() ? row["share"].get<double>() : 0);
    }
    composition.tables.push_back(std::move(t));
  }
  out.push_back(std::move(composition));

  const json& p = d["collection"];
  Section collection{"Collection and labelling process", {}, {}, {}, {}};
  collection.facts = {
      {"Labels wanted per task (overlap)", Text(p["overlap"])},
      {"Tier required", Text(p["routing"]["required_tier"])},
      {"Dynamic overlap", Text(p["routing"]["dynamic_overlap"]) + " (up to " +
                              Text(p["routing"]["max_overlap"]) + " labels)"},
      {"Guideline versions", std::to_string(p["guideline_versions"].size())},
      {"Gold items / share of each annotator's tasks",
       Text(p["gold"]["items"]) + " / " + Percent(p["gold"]["rate"])},
      {"Qualification", Text(p["gold"]["qualification_items"]) + " items, pass at " +
                            Percent(p["gold"]["qualification_pass"])},
      {"Annotators paused below gold accuracy", Percent(p["gold"]["pause_below"])},
      {"Model drafts shown", Text(p["model_assistance"]["drafts_enabled"])},
      {"Share of drafts withheld as blind controls", Percent(p["model_assistance"]["blind_share"])}};
  const json& m = p["model_assistance"];
  if (m.contains("drafted_labels")) {
    collection.facts.push_back({"Labels given with a draft shown / blind",
                                Text(m["drafted_labels"]) + " / " + Text(m["blind_labels"])});
    collection.facts.push_back({"Drafts accepted unchanged", Percent(m["accept_rate"])});
  }
  Table controls{"Label interface", {"control", "type", "labels"}, {}, -1, {}};
  for (const json& control : p["label_interface"]) {
    std::string labels;
    for (const json& l : control["labels"]) labels += (labels.empty() ? "" : ", ") + Text(l);
    controls.rows.push_back({Text(control["name"]), Text(control["type"]), labels});
  }
  collection.tables.push_back(std::move(controls));
  out.push_back(std::move(collection));

  const json& a = d["annotators"];
  Section pool{"Annotators", {}, {}, {}, {}};
  pool.facts = {{"People who labelled", Text(a["labellers"])},
                {"Effective pay per hour", SpreadText(a["effective_pay_cents_per_hour"], true)},
                {"Pay floor per hour", Money(a["pay_floor_cents_per_hour"])},
                {"Below the floor", Text(a["below_floor"])},
                {"Sensitive items per person", SpreadText(a["sensitive_items_per_annotator"], false)},
                {"Exposure caps enabled", Text(a["wellbeing_caps_enabled"])}};
  pool.tables.push_back(CountTable("Labellers by tier", "tier", a["by_tier"]));
  for (const json& attribute : a["self_reported_attributes"]) {
    Table t{"Self-reported " + Text(attribute["attribute"]) + " (groups under 3 people merged or withheld)",
            {"group", "people", "labels"}, {}, -1, {}};
    for (const json& g : attribute["groups"])
      t.rows.push_back({Text(g["group"]), Text(g["annotators"]), Text(g["labels"])});
    pool.tables.push_back(std::move(t));
  }
  out.push_back(std::move(pool));

  const json& q = d["quality"];
  Section quality{"Quality", {}, {}, {}, {}};
  if (q.contains("agreement")) {
    quality.facts.push_back({"Krippendorff's alpha (nominal) on \"" + Text(q["agreement"]["control"]) + "\"",
                             StatisticText(q["agreement"]["krippendorff_alpha"])});
    quality.facts.push_back({"Raw agreement", StatisticText(q["agreement"]["raw_agreement"])});
  }
  const json& g = q["gold_accuracy"];
  quality.facts.push_back({"Accuracy on gold", Percent(g["accuracy"]) + " of " + Text(g["answers"]) +
                                                   " answers (95% CI " + Percent(g["ci95"][0]) + " to " +
                                                   Percent(g["ci95"][1]) + ")"});
  quality.facts.push_back({"Escalated to adjudication", Text(q["adjudication"]["escalated"]) + " (" +
                                                            Percent(q["adjudication"]["rate"]) + " of labelled tasks)"});
  quality.facts.push_back({"Estimated label error rate", Percent(q["estimated_label_error"]["rate"]) + " over " +
                                                             Text(q["estimated_label_error"]["aggregated_tasks"]) +
                                                             " aggregated tasks"});
  out.push_back(std::move(quality));

  const json& v = d["provenance"];
  Section provenance{"Provenance of the labels", {}, {}, {}, {}};
  provenance.tables.push_back(CountTable("Labels by source", "source", v["labels_by_source"]));
  provenance.tables.push_back(
      CountTable("Human labels by model draft", "draft", v["human_labels_by_model_exposure"]));
  provenance.tables.push_back(
      CountTable("Machine labels by model version or rule set", "origin", v["machine_labels_by_origin"]));
  provenance.tables.push_back(CountTable("Aggregated labels by method", "method", v["aggregates_by_method"]));
  out.push_back(std::move(provenance));

  Section limits{"Known limitations", {}, {}, {}, {}};
  for (const json& note : d["limitations"]) limits.notes.push_back(Text(note));
  if (limits.notes.empty()) limits.notes.push_back("None found in the figures above.");
  out.push_back(std::move(limits));

  Section prompts{"For the team to fill in", {}, {}, {}, {}};
  for (const json& prompt : d["prompts"])
    prompts.prompts.push_back(Text(prompt["section"]) + ": " + Text(prompt["question"]));
  out.push_back(std::move(prompts));
  return out;
}

// Markdown table cells: pipes escaped, line breaks flattened.
std::string Cell(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (ch == '|') out += "\\|";
    else if (ch == '\n' || ch == '\r') out += ' ';
    else out += ch;
  }
  return out;
}

// A horizontal bar 0..1 wide as inline SVG (no script, no external reference).
std::string Bar(double share) {
  const double width = 160 * std::max(0.0, std::min(1.0, share));
  return "<svg width=\"160\" height=\"12\" role=\"img\" aria-label=\"" + Fixed(share * 100, 1) +
         "%\"><rect width=\"160\" height=\"12\" fill=\"#eee\"/><rect width=\"" + Fixed(width, 1) +
         "\" height=\"12\" fill=\"#4363d8\"/></svg>";
}

}  // namespace

std::string DatasheetMarkdown(const json& d) {
  std::string out = "# Datasheet: " + Cell(Text(d["project"]["name"])) + "\n\n";
  out += "Generated by Chorus from project " + Text(d["project"]["id"]) +
         " (after Gebru et al., \"Datasheets for Datasets\", 2021). Figures are what Chorus "
         "stores; questions it cannot answer are marked **To fill in**.\n";
  for (const Section& s : Sections(d)) {
    out += "\n## " + s.title + "\n\n";
    if (!s.facts.empty()) {
      out += "| Figure | Value |\n|---|---|\n";
      for (const auto& [what, value] : s.facts) out += "| " + Cell(what) + " | " + Cell(value) + " |\n";
      out += "\n";
    }
    for (const Table& t : s.tables) {
      out += "**" + Cell(t.caption) + "**\n\n|";
      for (const std::string& h : t.header) out += " " + Cell(h) + " |";
      out += "\n|";
      for (size_t i = 0; i < t.header.size(); ++i) out += "---|";
      out += "\n";
      if (t.rows.empty()) out += "| none |" + std::string(t.header.size() - 1, '|') + "\n";
      for (const auto& row : t.rows) {
        out += "|";
        for (const std::string& cell : row) out += " " + Cell(cell) + " |";
        out += "\n";
      }
      out += "\n";
    }
    for (const std::string& note : s.notes) out += "- " + note + "\n";
    for (const std::string& prompt : s.prompts) out += "> **To fill in** — " + prompt + "\n>\n";
  }
  return out;
}

std::string DatasheetHtml(const json& d) {
  const std::string name = HtmlEscape(Text(d["project"]["name"]));
  std::string out =
      HtmlPageStart("Datasheet: " + Text(d["project"]["name"]),
                    ".prompt{background:#fff8e1;padding:0.5rem;border-left:4px solid #f5a623}") +
      "<h1>Datasheet: " + name + "</h1>\n<p>Generated by Chorus from project " +
      HtmlEscape(Text(d["project"]["id"])) +
      " (after Gebru et al., “Datasheets for Datasets”, 2021). Questions Chorus cannot answer are "
      "marked <strong>To fill in</strong>.</p>\n";
  for (const Section& s : Sections(d)) {
    out += "<h2>" + HtmlEscape(s.title) + "</h2>\n";
    if (!s.facts.empty()) {
      out += "<table>";
      for (const auto& [what, value] : s.facts)
        out += "<tr><th>" + HtmlEscape(what) + "</th><td>" + HtmlEscape(value) + "</td></tr>";
      out += "</table>\n";
    }
    for (const Table& t : s.tables) {
      out += "<table><caption>" + HtmlEscape(t.caption) + "</caption><tr>";
      for (const std::string& h : t.header) out += "<th>" + HtmlEscape(h) + "</th>";
      if (t.bar_column >= 0) out += "<th></th>";
      out += "</tr>";
      for (size_t r = 0; r < t.rows.size(); ++r) {
        out += "<tr>";
        for (const std::string& cell : t.rows[r]) out += "<td>" + HtmlEscape(cell) + "</td>";
        if (t.bar_column >= 0) out += "<td>" + Bar(t.bars[r]) + "</td>";
        out += "</tr>";
      }
      out += "</table>\n";
    }
    if (!s.notes.empty()) {
      out += "<ul>";
      for (const std::string& note : s.notes) out += "<li>" + HtmlEscape(note) + "</li>";
      out += "</ul>\n";
    }
    for (const std::string& prompt : s.prompts)
      out += "<p class=\"prompt\"><strong>To fill in</strong> — " + HtmlEscape(prompt) + "</p>\n";
  }
  return out + kHtmlPageEnd;
}

}  // namespace chorus::service
