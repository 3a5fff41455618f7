#include "service/exports/label_studio_export.h"

#include <string>
#include <vector>

#include "domain/ls_config.h"
#include "domain/ls_task.h"

namespace chorus::service::exports {
namespace {

using nlohmann::json;

// Stored results were checked on the way in; an unreadable one exports as no regions.
json ObjectOrEmpty(const std::string& text) {
  json parsed = json::parse(text, nullptr, false);
  return parsed.is_object() ? parsed : json::object();
}

class LabelStudioWriter : public ExportWriter {
 public:
  explicit LabelStudioWriter(domain::LabelInterface label_interface)
      : interface_(std::move(label_interface)),
        object_names_(domain::ToLabelStudioConfig(interface_).object_names) {}

  bool ReadsModelDraftsAndGold() const override { return true; }
  void Begin(const Sink& sink) override { sink("["); }

  void Write(const ExportItem& item, std::string& out) override {
    std::vector<domain::LabelStudioAnnotationOut> annotations;
    for (const domain::Annotation& a : item.annotations) {
      json result = ParsedResult(a);
      if (result.is_null()) {
        Note("skipped_annotations");
        continue;
      }
      annotations.push_back({.completed_by = std::to_string(a.annotator_id),
                             .result = std::move(result),
                             .ground_truth = false});
    }
    if (item.gold != nullptr) {
      annotations.push_back({.completed_by = std::to_string(item.gold->created_by),
                             .result = ObjectOrEmpty(item.gold->reference),
                             .ground_truth = true});
    }
    std::vector<domain::LabelStudioPredictionOut> predictions;
    const std::string prefix = domain::kLabelStudioModelPrefix;
    static const std::vector<domain::Prediction> kNone;
    for (const domain::Prediction& p : item.predictions ? *item.predictions : kNone) {
      json result = ObjectOrEmpty(p.result);
      if (p.model_version.starts_with(prefix)) {
        annotations.push_back({.completed_by = p.model_version.substr(prefix.size()),
                               .result = std::move(result),
                               .ground_truth = false});
      } else {
        predictions.push_back(
            {.model_version = p.model_version, .score = p.score, .result = std::move(result)});
      }
    }
    std::vector<std::string> skipped;
    // Label Studio's id: the external id a task came with, else Chorus's own, prefixed so it
    // cannot equal another task's numeric external id.
    const std::string id =
        item.task.external_id.value_or("chorus-" + std::to_string(item.task.id));
    const json task = domain::ToLabelStudioTask(interface_, object_names_, id, item.data,
                                                annotations, predictions, &skipped);
    Note("regions_not_converted", static_cast<int64_t>(skipped.size()));
    if (!first_) out += ",";
    first_ = false;
    out += "\n";
    out += task.dump();
  }

  void End(const Sink& sink) override { sink(first_ ? "]\n" : "\n]\n"); }

 private:
  domain::LabelInterface interface_;
  std::map<std::string, std::string> object_names_;
  bool first_ = true;
};

}  // namespace

WriterResult MakeLabelStudioWriter(const domain::LabelInterface& label_interface) {
  return std::unique_ptr<ExportWriter>(std::make_unique<LabelStudioWriter>(label_interface));
}

}  // namespace chorus::service::exports
