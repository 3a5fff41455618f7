#include "service/exports/conll_export.h"

#include <algorithm>

#include "service/exports/text_tokens.h"

namespace chorus::service::exports {
namespace {

using nlohmann::json;

struct TaggedSpan {
  TokenRange tokens;
  std::string label;
};

// Comment values stay on one line.
std::string OneLine(std::string value) {
  std::replace_if(
      value.begin(), value.end(), [](char c) { return c == '\n' || c == '\r'; }, ' ');
  return value;
}

// Tags are read by splitting lines on whitespace, so a label's spaces become underscores.
std::string TagLabel(std::string label) {
  std::replace_if(
      label.begin(), label.end(), [](char c) { return c == ' ' || c == '\t'; }, '_');
  return OneLine(std::move(label));
}

std::string CommentValue(const json& value) {
  return value.is_string() ? OneLine(value.get<std::string>()) : value.dump();
}

class ConllWriter : public ExportWriter {
 public:
  ConllWriter(domain::Control control, TagScheme scheme)
      : control_(std::move(control)), scheme_(scheme) {}

  void Write(const ExportItem& item, std::string& out) override {
    const auto field = item.data.find(control_.to.front());
    if (field == item.data.end() || !field->is_string()) {
      Note("tasks_without_text");
      return;
    }
    const std::vector<Token> tokens = Tokenize(field->get_ref<const std::string&>());
    const json aggregate = AggregateJson(item.aggregate);
    for (const domain::Annotation& a : item.annotations) {
      const json result = ParsedResult(a);
      if (result.is_null()) {
        Note("skipped_annotations");
        continue;
      }
      const json fields = AnnotationFields(item.task, a);
      for (const auto& [key, value] : fields.items()) {
        if (!value.is_null()) out += "# " + key + " = " + CommentValue(value) + "\n";
      }
      if (!aggregate.is_null()) {
        out += "# aggregate_label = " + CommentValue(aggregate["label"]) + "\n";
        out += "# aggregate_confidence = " + aggregate["confidence"].dump() + "\n";
        out += "# aggregate_weight = " + aggregate["weight"].dump() + "\n";
      }
      const std::vector<std::string> tags = Tags(tokens, ControlValue(result, control_, "spans"));
      for (size_t i = 0; i < tokens.size(); ++i) out += tokens[i].text + " " + tags[i] + "\n";
      out += "\n";
    }
  }

 private:
  std::vector<std::string> Tags(const std::vector<Token>& tokens, const json& spans) {
    std::vector<TaggedSpan> kept;
    if (spans.is_array()) {
      for (const json& s : spans) {
        if (!s.is_object() || !s.value("start", json()).is_number_unsigned() ||
            !s.value("end", json()).is_number_unsigned() || !s.value("label", json()).is_string())
          continue;
        TokenRange range = TokensOfSpan(tokens, s["start"].get<size_t>(), s["end"].get<size_t>());
        if (range.first > range.last) {
          Note("dropped_empty_spans");
          continue;
        }
        if (range.cut) Note("widened_spans");
        kept.push_back({range, s["label"].get<std::string>()});
      }
    }
    // Longest first (earlier start on a tie), so a span only loses to a longer one.
    std::stable_sort(kept.begin(), kept.end(), [](const TaggedSpan& x, const TaggedSpan& y) {
      const size_t lx = x.tokens.last - x.tokens.first, ly = y.tokens.last - y.tokens.first;
      return lx != ly ? lx > ly : x.tokens.first < y.tokens.first;
    });
    std::vector<std::string> tags(tokens.size(), "O");
    std::vector<bool> taken(tokens.size(), false);
    for (const TaggedSpan& span : kept) {
      const TokenRange& r = span.tokens;
      if (std::any_of(taken.begin() + static_cast<ptrdiff_t>(r.first),
                      taken.begin() + static_cast<ptrdiff_t>(r.last) + 1,
                      [](bool t) { return t; })) {
        Note("dropped_overlapping_spans");
        continue;
      }
      for (size_t i = r.first; i <= r.last; ++i) {
        taken[i] = true;
        const bool single = r.first == r.last;
        std::string prefix = i == r.first ? "B-" : "I-";
        if (scheme_ == TagScheme::kIobes) {
          if (single)
            prefix = "S-";
          else if (i == r.last)
            prefix = "E-";
        }
        tags[i] = prefix + TagLabel(span.label);
      }
    }
    return tags;
  }

  domain::Control control_;
  TagScheme scheme_;
};

}  // namespace

WriterResult MakeConllWriter(const domain::LabelInterface& label_interface, TagScheme scheme) {
  const domain::Control* spans =
      domain::FirstControlOfType(label_interface, domain::ControlType::kSpans);
  const char* name = scheme == TagScheme::kIob2 ? "conll_iob2" : "conll_iobes";
  if (spans == nullptr) return NeedsControl(name, "spans control");
  return std::unique_ptr<ExportWriter>(std::make_unique<ConllWriter>(*spans, scheme));
}

}  // namespace chorus::service::exports
