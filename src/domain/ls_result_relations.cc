// Relations between regions, Label Studio <-> Chorus (ls_result_parts.h).
#include <algorithm>
#include <string>

#include "domain/ls_result_parts.h"

namespace chorus::domain::ls {

std::string RegionId(const json& region) {
  const auto id = region.find("id");
  if (id == region.end()) return "";
  return id->is_string() ? id->get<std::string>() : id->dump();
}

namespace {

// The region `key` ("from_id"/"to_id") of a relation leads to, or an error naming it.
Result<std::pair<std::string, size_t>> RelationEnd(const RegionIds& ids, const json& relation,
                                                   const char* key, const std::string& field) {
  const auto id = relation.find(key);
  if (id == relation.end() || !(id->is_string() || id->is_number_integer())) {
    return InvalidArgument(std::string("needs ") + key + ": the id of a region of this result",
                           field + "." + key);
  }
  const std::string text = id->is_string() ? id->get<std::string>() : id->dump();
  const auto found = ids.find(text);
  if (found == ids.end()) {
    return InvalidArgument("\"" + text +
                               "\" is no span, rectangle or polygon region of this result; "
                               "Chorus links only those",
                           field + "." + key);
  }
  return found->second;
}

}  // namespace

Status ImportRelation(const LabelInterface& label_interface, const RegionIds& ids,
                      const json& relation, const std::string& field, json& out) {
  auto from = RelationEnd(ids, relation, "from_id", field);
  if (!from.ok()) return from.status();
  auto to = RelationEnd(ids, relation, "to_id", field);
  if (!to.ok()) return to.status();
  if (from->first != to->first) {
    return InvalidArgument("links regions of two controls (" + from->first + ", " + to->first +
                               "); a Chorus relation links regions of one control",
                           field + ".to_id");
  }
  std::string label;
  const json labels = relation.value("labels", json::array());
  if (!labels.is_array() || labels.size() > 1 || (labels.size() == 1 && !labels[0].is_string())) {
    return InvalidArgument("must be a list of at most one label; Chorus keeps one per relation",
                           field + ".labels");
  }
  if (labels.size() == 1) label = labels[0].get<std::string>();
  // Label Studio's relation has no from_name: it belongs to the relations control over these
  // regions (the one with this label when there are several).
  const Control* control = nullptr;
  const Control* fallback = nullptr;
  for (const Control& c : label_interface.controls) {
    if (c.type != ControlType::kRelations || c.between != from->first) continue;
    if (fallback == nullptr) fallback = &c;
    const bool fits = label.empty()
                          ? c.labels.empty()
                          : std::find(c.labels.begin(), c.labels.end(), label) != c.labels.end();
    if (control == nullptr && fits) control = &c;
  }
  if (control == nullptr) control = fallback;  // The validator then names the label at fault.
  if (control == nullptr) {
    return InvalidArgument("links regions of " + from->first +
                               ", which no relations control of the label interface is between",
                           field + ".from_id");
  }
  const json direction = relation.value("direction", json("right"));
  size_t a = from->second;
  size_t b = to->second;
  if (direction == "left") {
    std::swap(a, b);  // The arrow points at from_id.
  } else if (direction == "bi" && control->directed) {
    return InvalidArgument("is two-way, but " + control->name +
                               " is directed; set the relation's direction in Label Studio, or "
                               "make the relations control undirected",
                           field + ".direction");
  } else if (direction != "right" && direction != "bi") {
    return InvalidArgument("must be \"right\", \"left\" or \"bi\"", field + ".direction");
  }
  json link = {{"from", a}, {"to", b}};
  if (!label.empty()) link["label"] = label;
  out[control->name]["relations"].push_back(std::move(link));
  return Status::Ok();
}

json ExportRelations(const Control& control, const json& answer) {
  json items = json::array();
  for (const json& link : answer.value("relations", json::array())) {
    const auto id = [&](const char* key) {
      return control.between + "-" + std::to_string(link.value(key, int64_t{0}));
    };
    json labels = json::array();
    if (link.contains("label")) labels.push_back(link["label"]);
    items.push_back({{"from_id", id("from")},
                     {"to_id", id("to")},
                     {"type", "relation"},
                     {"direction", control.directed ? "right" : "bi"},
                     {"labels", std::move(labels)}});
  }
  return items;
}

}  // namespace chorus::domain::ls
