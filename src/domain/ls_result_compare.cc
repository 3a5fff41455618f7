// Pairwise and ranking regions, Label Studio <-> Chorus (ls_result_parts.h).
#include <algorithm>
#include <string>
#include <vector>

#include "domain/ls_result_parts.h"

namespace chorus::domain::ls {
namespace {

// The ids Label Studio's <List> gives the items of data[control.to[0]]: each item's "id", else
// its index. Empty when the task's data has no such list.
std::vector<std::string> ListItemIds(const Control& control, const json& task_data) {
  std::vector<std::string> ids;
  if (!task_data.is_object() || control.to.empty()) return ids;
  const auto list = task_data.find(control.to[0]);
  if (list == task_data.end() || !list->is_array()) return ids;
  for (size_t i = 0; i < list->size(); ++i) {
    const json& item = (*list)[i];
    const auto id = item.is_object() ? item.find("id") : item.end();
    if (item.is_object() && id != item.end() && (id->is_string() || id->is_number_integer())) {
      ids.push_back(id->is_string() ? id->get<std::string>() : id->dump());
    } else {
      ids.push_back(std::to_string(i));
    }
  }
  return ids;
}

}  // namespace

Status ImportPairwise(const json& value, const std::string& field, json& answer) {
  const json selected = value.value("selected", json());
  if (selected == "left") {
    answer["choice"] = "a";
  } else if (selected == "right") {
    answer["choice"] = "b";
  } else {
    return InvalidArgument("must be \"left\" or \"right\"", field + ".value.selected");
  }
  return Status::Ok();
}

std::vector<RegionOut> ExportPairwise(const json& answer) {
  const json choice = answer.value("choice", json());
  if (choice != "a" && choice != "b") return {};
  return {RegionOut{.type = "pairwise", .value = {{"selected", choice == "a" ? "left" : "right"}}}};
}

Status ImportRanking(const Control& control, const json& value, const json& task_data,
                     const std::string& field, json& answer) {
  const auto ranker = value.find("ranker");
  const json* order = nullptr;
  if (ranker != value.end() && ranker->is_array()) {
    order = &*ranker;  // Older Label Studio versions saved the list itself.
  } else if (ranker != value.end() && ranker->is_object() && ranker->size() == 1 &&
             ranker->begin()->is_array()) {
    order = &*ranker->begin();  // {"<column>": [ids]}: one column, no buckets.
  }
  if (order == nullptr) {
    return InvalidArgument(
        "needs ranker: one column of item ids; buckets (several columns) sort items into "
        "groups, which a Chorus ranking (one order) cannot hold",
        field + ".value.ranker");
  }
  const std::vector<std::string> ids = ListItemIds(control, task_data);
  json indices = json::array();
  for (size_t j = 0; j < order->size(); ++j) {
    const json& id = (*order)[j];
    const std::string text = id.is_string() ? id.get<std::string>() : id.dump();
    if (ids.empty() && id.is_number_integer()) {
      indices.push_back(id);  // No list in the data to look ids up in: the validator checks it.
      continue;
    }
    const auto found = std::find(ids.begin(), ids.end(), text);
    if (found == ids.end()) {
      return InvalidArgument("\"" + text + "\" is the id of no item of data." +
                                 (control.to.empty() ? std::string("?") : control.to[0]),
                             field + ".value.ranker[" + std::to_string(j) + "]");
    }
    indices.push_back(found - ids.begin());
  }
  answer["order"] = std::move(indices);
  return Status::Ok();
}

std::vector<RegionOut> ExportRanking(const Control& control, const json& answer,
                                     const json& task_data) {
  const std::vector<std::string> ids = ListItemIds(control, task_data);
  json order = json::array();
  for (const json& index : answer.value("order", json::array())) {
    const size_t i = index.is_number_integer() && index.get<int64_t>() >= 0
                         ? static_cast<size_t>(index.get<int64_t>())
                         : ids.size();
    order.push_back(i < ids.size() ? ids[i] : index.dump());
  }
  json columns = json::object();
  columns[control.name] = std::move(order);  // One column, named after the Ranker.
  return {RegionOut{.type = "ranker", .value = {{"ranker", std::move(columns)}}}};
}

}  // namespace chorus::domain::ls
