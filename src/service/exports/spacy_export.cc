#include "service/exports/spacy_export.h"

#include <algorithm>
#include <optional>

#include "service/exports/text_tokens.h"

namespace chorus::service::exports {
namespace {

using nlohmann::json;

// A span of a result as {"start", "end", "label"} plus its text when `with_text`; nullopt when
// malformed (results are validated on submission, so only hand-edited data gets here).
std::optional<json> SpanJson(const json& span, std::string_view text,
                             const std::vector<size_t>& bytes, bool with_text) {
  if (!span.is_object() || !span.value("start", json()).is_number_unsigned() ||
      !span.value("end", json()).is_number_unsigned())
    return std::nullopt;
  const size_t start = span["start"].get<size_t>(), end = span["end"].get<size_t>();
  if (start >= end || end + 1 > bytes.size()) return std::nullopt;
  json out = {{"start", start}, {"end", end}, {"label", span.value("label", json())}};
  if (with_text) out["text"] = std::string(text.substr(bytes[start], bytes[end] - bytes[start]));
  return out;
}

// Shared by both formats: one line per submitted annotation with the text and its records.
class SpanLinesWriter : public ExportWriter {
 public:
  SpanLinesWriter(domain::Control spans, std::optional<domain::Control> relations)
      : spans_(std::move(spans)), relations_(std::move(relations)) {}

  void Write(const ExportItem& item, std::string& out) override {
    const auto field = item.data.find(spans_.to.front());
    if (field == item.data.end() || !field->is_string()) {
      Note("tasks_without_text");
      return;
    }
    const std::string& text = field->get_ref<const std::string&>();
    const std::vector<size_t> bytes = CodePointByteOffsets(text);
    const json aggregate = AggregateJson(item.aggregate);
    for (const domain::Annotation& a : item.annotations) {
      const json result = ParsedResult(a);
      if (result.is_null()) {
        Note("skipped_annotations");
        continue;
      }
      json spans = json::array();
      const json& given = ControlValue(result, spans_, "spans");
      for (const json& s : given.is_array() ? given : json::array()) {
        std::optional<json> span = SpanJson(s, text, bytes, relations_.has_value());
        spans.push_back(span ? *span : json(nullptr));
      }
      json line = {{"text", text}};
      if (relations_) {
        line["relations"] = Relations(result, spans);
      } else {
        spans.erase(std::remove(spans.begin(), spans.end(), json(nullptr)), spans.end());
        line["spans"] = std::move(spans);
      }
      line.update(AnnotationFields(item.task, a));
      line["aggregate"] = aggregate;
      out += line.dump();
      out += '\n';
    }
  }

 private:
  json Relations(const json& result, const json& spans) {
    json out = json::array();
    const json& links = ControlValue(result, *relations_, "relations");
    for (const json& link : links.is_array() ? links : json::array()) {
      const json from = link.is_object() ? link.value("from", json()) : json();
      const json to = link.is_object() ? link.value("to", json()) : json();
      if (!from.is_number_unsigned() || !to.is_number_unsigned() ||
          from.get<size_t>() >= spans.size() || to.get<size_t>() >= spans.size() ||
          spans[from.get<size_t>()].is_null() || spans[to.get<size_t>()].is_null()) {
        Note("dropped_relations");
        continue;
      }
      out.push_back({{"head", spans[from.get<size_t>()]},
                     {"tail", spans[to.get<size_t>()]},
                     {"label", link.value("label", json())},
                     {"directed", relations_->directed}});
    }
    return out;
  }

  domain::Control spans_;
  std::optional<domain::Control> relations_;
};

}  // namespace

WriterResult MakeSpacyWriter(const domain::LabelInterface& label_interface) {
  const domain::Control* spans =
      domain::FirstControlOfType(label_interface, domain::ControlType::kSpans);
  if (spans == nullptr) return NeedsControl("spacy_jsonl", "spans control");
  return std::unique_ptr<ExportWriter>(std::make_unique<SpanLinesWriter>(*spans, std::nullopt));
}

WriterResult MakeRelationsWriter(const domain::LabelInterface& label_interface) {
  for (const domain::Control& c : label_interface.controls) {
    if (c.type != domain::ControlType::kRelations) continue;
    const domain::Control* between = domain::FindControl(label_interface, c.between);
    if (between != nullptr && between->type == domain::ControlType::kSpans) {
      return std::unique_ptr<ExportWriter>(std::make_unique<SpanLinesWriter>(*between, c));
    }
  }
  return NeedsControl("relations_jsonl", "relations control that links a spans control");
}

}  // namespace chorus::service::exports
