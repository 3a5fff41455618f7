#include "service/exports/export_writer.h"

namespace chorus::service::exports {

using nlohmann::json;

Status NeedsControl(std::string_view format, std::string_view needed) {
  return Status(StatusCode::kInvalidArgument,
                "the " + std::string(format) + " export needs a " + std::string(needed) +
                    " in the project's label interface, and this project has none; "
                    "pick a format that fits its controls (jsonl, json and csv fit every project)",
                "format");
}

std::string Provenance(const domain::Annotation& a) {
  if (a.source != domain::AnnotationSource::kHuman) return domain::AnnotationSourceName(a.source);
  if (a.draft_shown) return "human_drafted";
  return a.blind ? "human_blind" : "human";
}

json AnnotationFields(const domain::Task& task, const domain::Annotation& a) {
  return {{"task_id", task.id},
          {"external_id", task.external_id ? json(*task.external_id) : json(nullptr)},
          {"annotation_id", a.id},
          {"annotator_id", a.annotator_id},
          {"provenance", Provenance(a)},
          {"model_version",
           a.draft_model_version.empty() ? json(nullptr) : json(a.draft_model_version)}};
}

json AggregateJson(const domain::TaskAggregate* aggregate) {
  if (aggregate == nullptr) return nullptr;
  const domain::TaskAggregate& a = *aggregate;
  return {{"control", a.control},
          {"method", a.method},
          {"label", a.label ? json(*a.label) : json(nullptr)},
          {"soft_label", json::parse(a.posterior, nullptr, false)},
          {"distribution", json::parse(a.distribution, nullptr, false)},
          {"confidence", a.confidence},
          {"weight", a.weight},
          {"ambiguous", a.ambiguous},
          {"votes", a.votes},
          {"source", domain::AggregateSourceName(a.source)}};
}

json ParsedResult(const domain::Annotation& annotation) {
  if (annotation.state != domain::AnnotationState::kSubmitted) return nullptr;
  json parsed = json::parse(annotation.result, nullptr, false);
  return parsed.is_discarded() || !parsed.is_object() ? json(nullptr) : parsed;
}

const json& ControlValue(const json& result, const domain::Control& control, const char* key) {
  static const json kNull;
  if (!result.is_object()) return kNull;
  const auto entry = result.find(control.name);
  if (entry == result.end() || !entry->is_object()) return kNull;
  const auto value = entry->find(key);
  return value == entry->end() ? kNull : *value;
}

}  // namespace chorus::service::exports
