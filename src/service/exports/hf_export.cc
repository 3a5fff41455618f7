#include "service/exports/hf_export.h"

#include <set>

#include "service/exports/hf_features.h"
#include "service/exports/spill_file.h"
#include "service/exports/tar_writer.h"

namespace chorus::service::exports {
namespace {

using nlohmann::json;

class HfWriter : public ExportWriter {
 public:
  explicit HfWriter(domain::LabelInterface label_interface)
      : interface_(std::move(label_interface)) {
    std::set<std::string> list_fields;
    for (const domain::Control& c : interface_.controls) {
      if (c.type == domain::ControlType::kRanking) list_fields.insert(c.to.begin(), c.to.end());
    }
    json data = json::object();
    for (const std::string& field : domain::DataFieldsUsed(interface_)) {
      data[field] = list_fields.contains(field) ? SequenceFeature(ValueFeature("string"))
                                                : ValueFeature("string");
    }
    json result = json::object();
    for (const domain::Control& c : interface_.controls) result[c.name] = ControlFeature(c);
    const json string = ValueFeature("string"), int64 = ValueFeature("int64");
    const json f64 = ValueFeature("float64");
    features_ = {{"task_id", int64},
                 {"external_id", string},
                 {"data", data},
                 {"annotations", json::array({{{"annotation_id", int64},
                                               {"annotator_id", int64},
                                               {"provenance", string},
                                               {"model_version", string},
                                               {"result", result}}})},
                 {"aggregate",
                  {{"control", string},
                   {"method", string},
                   {"label", string},
                   {"soft_label", json::array({{{"label", string}, {"probability", f64}}})},
                   {"confidence", f64},
                   {"weight", f64},
                   {"ambiguous", ValueFeature("bool")},
                   {"votes", int64},
                   {"source", string}}}};
  }

  void Begin(const Sink& /*sink*/) override {
    if (!rows_.ok()) Fail(DiskError());
  }

  void Write(const ExportItem& item, std::string& /*out*/) override {
    if (!status().ok()) return;
    json annotations = json::array();
    for (const domain::Annotation& a : item.annotations) {
      const json result = ParsedResult(a);
      if (result.is_null()) continue;
      json entry = AnnotationFields(item.task, a);
      json values = json::object();
      for (const domain::Control& c : interface_.controls) {
        values[c.name] = ControlFeatureValue(c, result.value(c.name, json()));
      }
      entry["result"] = std::move(values);
      annotations.push_back(std::move(entry));
    }
    json aggregate = AggregateJson(item.aggregate);
    if (aggregate.is_object()) {
      // A list of {label, probability}: the options vary by project, the schema must not.
      json soft = json::array();
      if (aggregate["soft_label"].is_object()) {
        for (const auto& [label, p] : aggregate["soft_label"].items()) {
          soft.push_back({{"label", label}, {"probability", p}});
        }
      }
      aggregate["soft_label"] = std::move(soft);
    }
    const json row = {
        {"task_id", item.task.id},
        {"external_id", item.task.external_id ? json(*item.task.external_id) : json(nullptr)},
        {"data", item.data},
        {"annotations", std::move(annotations)},
        {"aggregate", std::move(aggregate)}};
    if (!rows_.Write(Conform(row, features_).dump() + "\n")) Fail(DiskError());
    ++examples_;
  }

  void End(const Sink& sink) override {
    rows_.CopyToTar(sink, "data/train.jsonl");
    const json infos = {{"default",
                         {{"description",
                           "Labels exported by Chorus: every submitted annotation with its "
                           "provenance, and the stored aggregate where there is one."},
                          {"citation", ""},
                          {"homepage", ""},
                          {"license", ""},
                          {"features", features_},
                          {"config_name", "default"},
                          {"dataset_name", "chorus"},
                          {"splits",
                           {{"train",
                             {{"name", "train"},
                              {"num_bytes", rows_.size()},
                              {"num_examples", examples_},
                              {"dataset_name", "chorus"}}}}},
                          {"download_size", rows_.size()},
                          {"dataset_size", rows_.size()}}}};
    std::string out;
    AppendTarFile(out, "dataset_infos.json", infos.dump(2) + "\n", 0);
    sink(out + TarEnd());
  }

 private:
  static Status DiskError() {
    return Status(StatusCode::kUnavailable,
                  "could not write the hf_jsonl export's temporary file; check the disk and "
                  "export again");
  }

  domain::LabelInterface interface_;
  json features_;
  SpillFile rows_;
  int64_t examples_ = 0;
};

}  // namespace

WriterResult MakeHfWriter(const domain::LabelInterface& label_interface) {
  return std::unique_ptr<ExportWriter>(std::make_unique<HfWriter>(label_interface));
}

}  // namespace chorus::service::exports
