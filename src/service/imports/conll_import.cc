#include "service/imports/conll_import.h"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/utf8.h"
#include "domain/annotation_result.h"

namespace chorus::service::imports {
namespace {

using nlohmann::json;

// Longer than any sentence: a file without blank lines would otherwise be one huge record.
constexpr size_t kMaxSentenceTokens = 100'000;

struct ConllToken {
  std::string text;
  std::string tag;
  uint64_t line = 0;
};

struct ConllSentence {
  std::vector<ConllToken> tokens;
  std::optional<std::string> external_id;
};

size_t CodePoints(std::string_view text) {
  return static_cast<size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  }));
}

std::string_view ConllTrim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
    s.remove_suffix(1);
  return s;
}

// The control's label a tag type names (spaces may be written "_"), or nullopt.
std::optional<std::string> ConllLabel(const domain::Control& control, const std::string& type) {
  for (const std::string& label : control.labels) {
    std::string underscored = label;
    std::replace(underscored.begin(), underscored.end(), ' ', '_');
    if (label == type || underscored == type) return label;
  }
  return std::nullopt;
}

// A sentence's spans, or the error naming its line.
Result<json> ConllSpans(const ConllSentence& sentence, ConllScheme scheme,
                        const domain::Control& control, uint64_t* error_line) {
  json spans = json::array();
  std::string open_type;  // The type of the entity being read ("" when none).
  size_t open_start = 0, offset = 0, open_end = 0;
  std::string open_label;
  const std::string allowed =
      scheme == ConllScheme::kIob2 ? "O, B-X or I-X" : "O, B-X, I-X, E-X or S-X";
  const auto close = [&] {
    spans.push_back({{"start", open_start}, {"end", open_end}, {"label", open_label}});
    open_type.clear();
  };
  for (const ConllToken& token : sentence.tokens) {
    *error_line = token.line;
    if (spans.size() >= domain::kMaxRegionsPerControl) {
      return InvalidArgument("the sentence has more than " +
                                 std::to_string(domain::kMaxRegionsPerControl) +
                                 " entities; split it",
                             "tag");
    }
    const size_t start = offset, end = offset + CodePoints(token.text);
    offset = end + 1;
    const std::string& tag = token.tag;
    const bool iobes = scheme == ConllScheme::kIobes;
    if (tag == "O") {
      if (!open_type.empty()) {
        if (iobes)
          return InvalidArgument(
              Concat({"O follows an unfinished ", open_type, " entity; end it with E-", open_type}),
              "tag");
        close();
      }
      continue;
    }
    const char kind = tag.size() > 2 && tag[1] == '-' ? tag[0] : '\0';
    if (kind == '\0' || std::string(iobes ? "BIES" : "BI").find(kind) == std::string::npos) {
      return InvalidArgument(Concat({"tag \"", tag, "\" is not ", allowed}), "tag");
    }
    const std::string type = tag.substr(2);
    const auto label = ConllLabel(control, type);
    if (!label) {
      return InvalidArgument(Concat({"\"", type, "\" is not a label of the spans control \"",
                                     control.name, "\"; add it to the project's interface"}),
                             "tag");
    }
    if (kind == 'I' || kind == 'E') {
      if (open_type != type) {
        return InvalidArgument(
            Concat({tag, " does not continue a B-", type, " or I-", type,
                    iobes ? "" : "; start the entity with B-", iobes ? "" : type}),
            "tag");
      }
      open_end = end;
      if (kind == 'E') close();
      continue;
    }
    if (!open_type.empty()) {  // B-X or S-X after an entity.
      if (iobes)
        return InvalidArgument(Concat({tag, " follows an unfinished ", open_type,
                                       " entity; end it with E-", open_type}),
                               "tag");
      close();
    }
    open_type = type;
    open_label = *label;
    open_start = start;
    open_end = end;
    if (kind == 'S') close();
  }
  if (!open_type.empty()) {
    if (scheme == ConllScheme::kIobes) {
      return InvalidArgument(
          "the sentence ends inside a " + open_type + " entity; end it with E-" + open_type, "tag");
    }
    close();
  }
  return spans;
}

}  // namespace

Result<ConvertedRecords> FromConll(const domain::LabelInterface& label_interface,
                                   ConllScheme scheme, std::string_view body,
                                   const std::string& model) {
  const domain::Control* control =
      domain::FirstControlOfType(label_interface, domain::ControlType::kSpans);
  if (control == nullptr || control->to.empty()) {
    return InvalidArgument(
        "the CoNLL import needs a spans control in the project's label "
        "interface, and this project has none; add one first",
        "format");
  }
  ConvertedRecords out;
  if (const size_t bad = FindInvalidUtf8(body); bad != std::string_view::npos) {
    out.Fail(0, LineAt(body, bad), "body",
             "byte " + std::to_string(bad) + " is not UTF-8; save the file as UTF-8");
    return out;
  }
  std::map<std::string, int> seen;  // External id -> sentences with it so far.
  ConllSentence sentence;
  bool sentence_failed = false;
  const auto finish = [&] {
    if (!sentence.tokens.empty()) {
      const size_t record = out.record_count++;
      uint64_t line = 0;
      auto spans = sentence_failed ? Result<json>(InvalidArgument("", ""))
                                   : ConllSpans(sentence, scheme, *control, &line);
      if (!sentence_failed && !spans.ok()) {
        out.Fail(record, line, spans.status().field(),
                 "line " + std::to_string(line) + ": " + spans.status().message());
      } else if (!sentence_failed) {
        std::string text;
        for (const ConllToken& token : sentence.tokens) {
          if (!text.empty()) text += ' ';
          text += token.text;
        }
        std::string version = model;
        if (sentence.external_id) {
          const int n = ++seen[*sentence.external_id];
          if (n > 1) version += ":" + std::to_string(n);
        }
        json result = json::object();
        if (!spans->empty()) result[control->name] = {{"spans", *std::move(spans)}};
        AddRecord(label_interface, {{control->to.front(), text}}, sentence.external_id,
                  std::move(result), version, record, sentence.tokens.front().line, out);
      }
    }
    sentence = ConllSentence();
    sentence_failed = false;
  };
  uint64_t line_number = 0;
  for (size_t start = 0; start < body.size();) {
    size_t end = body.find('\n', start);
    if (end == std::string_view::npos) end = body.size();
    ++line_number;
    const std::string_view line = ConllTrim(body.substr(start, end - start));
    start = end + 1;
    if (line.empty()) {
      finish();
      continue;
    }
    if (line.rfind("-DOCSTART-", 0) == 0) continue;
    if (line.rfind("# ", 0) == 0 && line.find(" = ") != std::string_view::npos) {
      const size_t eq = line.find(" = ");
      if (ConllTrim(line.substr(2, eq - 2)) == "external_id") {
        sentence.external_id = std::string(ConllTrim(line.substr(eq + 3)));
      }
      continue;
    }
    std::vector<std::string_view> columns;
    for (size_t at = 0; at < line.size();) {
      while (at < line.size() && (line[at] == ' ' || line[at] == '\t')) ++at;
      const size_t from = at;
      while (at < line.size() && line[at] != ' ' && line[at] != '\t') ++at;
      if (at > from) columns.push_back(line.substr(from, at - from));
    }
    if (columns.size() < 2) {
      if (!sentence_failed) {
        out.Fail(out.record_count, line_number, "line",
                 "line " + std::to_string(line_number) +
                     ": a token line needs the token and its tag, separated by a space or tab");
      }
      sentence_failed = true;
      sentence.tokens.push_back({std::string(columns.front()), "O", line_number});
      continue;
    }
    if (sentence.tokens.size() >= kMaxSentenceTokens) {
      if (!sentence_failed) {
        out.Fail(out.record_count, line_number, "line",
                 "line " + std::to_string(line_number) + ": the sentence has more than " +
                     std::to_string(kMaxSentenceTokens) +
                     " tokens; end sentences with a blank line");
      }
      sentence_failed = true;
      continue;
    }
    sentence.tokens.push_back(
        {std::string(columns.front()), std::string(columns.back()), line_number});
  }
  finish();
  return out;
}

}  // namespace chorus::service::imports
