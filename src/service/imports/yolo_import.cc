#include "service/imports/yolo_import.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>
#include <utility>
#include <vector>

#include "core/utf8.h"
#include "domain/annotation_result.h"
#include "domain/bounded_json.h"
#include "service/imports/tar_reader.h"

namespace chorus::service::imports {
namespace {

using nlohmann::json;

std::vector<std::string_view> YoloFields(std::string_view line) {
  std::vector<std::string_view> fields;
  size_t at = 0;
  while (at < line.size()) {
    while (at < line.size() && (line[at] == ' ' || line[at] == '\t' || line[at] == '\r')) ++at;
    const size_t start = at;
    while (at < line.size() && line[at] != ' ' && line[at] != '\t' && line[at] != '\r') ++at;
    if (at > start) fields.push_back(line.substr(start, at - start));
  }
  return fields;
}

// Field i of the line as a fraction 0..1 in percent, or what is wrong.
Result<double> YoloFraction(const std::vector<std::string_view>& fields, size_t i) {
  const auto value = ParseNumber(fields[i]);
  if (!value) {
    return InvalidArgument(
        "field " + std::to_string(i + 1) + " (\"" + std::string(fields[i]) + "\") is not a number",
        "");
  }
  auto percent = ToPercent(*value, 1);
  if (!percent.ok()) {
    return InvalidArgument("field " + std::to_string(i + 1) + " " + percent.status().message() +
                               "; YOLO coordinates are fractions of the image",
                           "");
  }
  return percent;
}

// The label of the class in field 0, or what is wrong.
Result<std::string> YoloClass(const std::vector<std::string_view>& fields,
                              const std::vector<std::string>& classes,
                              const domain::Control& control) {
  const auto value = ParseNumber(fields[0]);
  // Range first: casting 1e300 to an integer is undefined behaviour.
  if (!value || !std::isfinite(*value) || !(*value >= 0) ||
      !(*value < static_cast<double>(classes.size())) || *value != std::floor(*value)) {
    return InvalidArgument("class \"" + std::string(fields[0]) + "\" is not an index of the " +
                               std::to_string(classes.size()) + " classes",
                           "");
  }
  const std::string& label = classes[static_cast<size_t>(*value)];
  if (std::find(control.labels.begin(), control.labels.end(), label) == control.labels.end()) {
    return InvalidArgument("class " + std::string(fields[0]) + " (\"" + label +
                               "\") is not a label of the control \"" + control.name +
                               "\"; add it to the project's interface",
                           "");
  }
  return label;
}

// One label line as a region of `control`, or what is wrong.
Result<json> YoloRegion(YoloKind kind, const std::vector<std::string_view>& fields,
                        const std::vector<std::string>& classes, const domain::Control& control) {
  if (kind == YoloKind::kPose) {
    const size_t k = control.labels.size();
    const size_t per = fields.size() == 5 + 3 * k ? 3 : fields.size() == 5 + 2 * k ? 2 : 0;
    if (per == 0) {
      return InvalidArgument("a pose line has 5 fields and then x y v (or x y) for each of the " +
                                 std::to_string(k) + " keypoints; this one has " +
                                 std::to_string(fields.size()),
                             "");
    }
    if (fields[0] != "0") return InvalidArgument("a pose line's class must be 0", "");
    json points = json::array();
    for (size_t p = 0; p < k; ++p) {
      const size_t at = 5 + p * per;
      double v = 2;
      if (per == 3) {
        const auto parsed = ParseNumber(fields[at + 2]);
        if (!parsed || (*parsed != 0 && *parsed != 1 && *parsed != 2)) {
          return InvalidArgument(
              "field " + std::to_string(at + 3) + " (visibility) must be 0, 1 or 2", "");
        }
        v = *parsed;
      }
      if (v == 0) continue;
      auto x = YoloFraction(fields, at);
      if (!x.ok()) return x.status();
      auto y = YoloFraction(fields, at + 1);
      if (!y.ok()) return y.status();
      json point = {{"label", control.labels[p]}, {"x", *x}, {"y", *y}};
      if (v == 1) point["occluded"] = true;
      points.push_back(std::move(point));
    }
    return json{{"points", std::move(points)}};
  }
  auto label = YoloClass(fields, classes, control);
  if (!label.ok()) return label.status();
  if (kind == YoloKind::kSegmentation) {
    if (fields.size() < 7 || fields.size() % 2 == 0) {
      return InvalidArgument("a segmentation line is CLASS then at least three x y pairs", "");
    }
    json points = json::array();
    for (size_t i = 1; i < fields.size(); i += 2) {
      auto x = YoloFraction(fields, i);
      if (!x.ok()) return x.status();
      auto y = YoloFraction(fields, i + 1);
      if (!y.ok()) return y.status();
      points.push_back({*x, *y});
    }
    return json{{"points", std::move(points)}, {"label", *label}};
  }
  if (fields.size() != 5) {
    return InvalidArgument("a detection line is CLASS XC YC W H; this one has " +
                               std::to_string(fields.size()) + " fields",
                           "");
  }
  double v[4];
  for (size_t i = 1; i < 5; ++i) {
    auto value = YoloFraction(fields, i);
    if (!value.ok()) return value.status();
    v[i - 1] = *value;
  }
  const double left = v[0] - v[2] / 2, top = v[1] - v[3] / 2;
  constexpr double kSlack = 1e-4;  // Percent: six decimals of a fraction.
  if (!(v[2] > 0) || !(v[3] > 0) || left < -kSlack || top < -kSlack || left + v[2] > 100 + kSlack ||
      top + v[3] > 100 + kSlack) {
    return InvalidArgument("the box must have a positive size and lie inside the image", "");
  }
  const double x = std::max(left, 0.0), y = std::max(top, 0.0);
  return json{{"x", x},
              {"y", y},
              {"width", std::min(v[2], 100 - x)},
              {"height", std::min(v[3], 100 - y)},
              {"label", *label}};
}

// One label file's text as the regions of record `record` (`data` is the task's data), or its
// errors under `at` ("items[3].labels", or the archive entry's name).
void YoloLabels(const domain::LabelInterface& label_interface, YoloKind kind,
                const domain::Control& control, const std::vector<std::string>& classes, json data,
                std::string_view labels, const std::string& model, size_t record,
                const std::string& at, ConvertedRecords& out) {
  json regions = json::array();
  uint64_t line_number = 0;
  for (size_t start = 0; start <= labels.size();) {
    size_t end = labels.find('\n', start);
    if (end == std::string_view::npos) end = labels.size();
    ++line_number;
    const std::vector<std::string_view> fields = YoloFields(labels.substr(start, end - start));
    start = end + 1;
    if (fields.empty()) continue;
    auto region = YoloRegion(kind, fields, classes, control);
    if (!region.ok()) {
      out.Fail(record, line_number, at,
               "line " + std::to_string(line_number) + ": " + region.status().message());
      return;
    }
    if (kind != YoloKind::kPose || !(*region)["points"].empty()) {
      regions.push_back(*std::move(region));
    }
  }
  json result = json::object();
  if (!regions.empty()) {
    result[control.name] = {{domain::ResultKey(control.type), std::move(regions)}};
  }
  AddRecord(label_interface, std::move(data), std::nullopt, std::move(result), model, record, 0,
            out);
}

std::string YoloUnquote(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r' || s.back() == '\t')) {
    s.remove_suffix(1);
  }
  if (s.size() >= 2 && s.front() == '"') {
    const json parsed = domain::ParseJsonWithinDepth(s);
    if (parsed.is_string()) return parsed.get<std::string>();
  }
  if (s.size() >= 2 && s.front() == '\'' && s.back() == '\'') s = s.substr(1, s.size() - 2);
  return std::string(s);
}

// Calls `visit` with each line of `text`.
template <typename Visit>
void YoloEachLine(std::string_view text, Visit visit) {
  for (size_t at = 0; at < text.size();) {
    size_t end = text.find('\n', at);
    if (end == std::string_view::npos) end = text.size();
    if (!visit(text.substr(at, end - at))) return;
    at = end + 1;
  }
}

// `s` without the spaces, tabs and line ends around it.
std::string_view YoloTrim(std::string_view s) {
  const size_t first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r\n") - first + 1);
}

// The offset of the quote closing the one at `s[0]`, or npos.
size_t YoloClosingQuote(std::string_view s) {
  for (size_t i = 1; i < s.size(); ++i) {
    if (s[0] == '"' && s[i] == '\\') {
      ++i;
    } else if (s[i] == s[0]) {
      if (s[0] == '\'' && i + 1 < s.size() && s[i + 1] == '\'') {
        ++i;  // '' is a quote inside single quotes.
      } else {
        return i;
      }
    }
  }
  return std::string_view::npos;
}

// A YAML scalar (plain, 'single' or "double" quoted, a trailing # comment allowed), or nullopt.
std::optional<std::string> YoloScalar(std::string_view s) {
  s = YoloTrim(s);
  if (s.empty()) return std::nullopt;
  if (s.front() == '"' || s.front() == '\'') {
    const size_t close = YoloClosingQuote(s);
    if (close == std::string_view::npos) return std::nullopt;
    const std::string_view rest = YoloTrim(s.substr(close + 1));
    if (!rest.empty() && rest.front() != '#') return std::nullopt;
    if (s.front() == '"') return YoloUnquote(s.substr(0, close + 1));
    std::string text;
    for (size_t i = 1; i < close; ++i) {
      text += s[i];
      if (s[i] == '\'') ++i;  // '' stands for one quote.
    }
    return text;
  }
  if (const size_t comment = s.find(" #"); comment != std::string_view::npos) {
    s = YoloTrim(s.substr(0, comment));
  }
  if (s.empty() || s.front() == '[' || s.front() == '{' || s.front() == '#') return std::nullopt;
  return std::string(s);
}

// The items of a flow collection `text` ("[a, 'b, c']" or "{0: a}", possibly over several
// lines), split at top-level commas, or nullopt when it does not close or nests.
std::optional<std::vector<std::string_view>> YoloFlowItems(std::string_view text) {
  const char close = text.front() == '[' ? ']' : '}';
  std::vector<std::string_view> items;
  size_t start = 1;
  for (size_t i = 1; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '"' || c == '\'') {
      const size_t end = YoloClosingQuote(text.substr(i));
      if (end == std::string_view::npos) return std::nullopt;
      i += end;
    } else if (c == '[' || c == '{') {
      return std::nullopt;
    } else if (c == ',' || c == close) {
      if (const std::string_view item = YoloTrim(text.substr(start, i - start)); !item.empty()) {
        items.push_back(item);
      }
      if (c == close) return items;
      start = i + 1;
    }
  }
  return std::nullopt;
}

// Records "INDEX: name" in `by_index`; false when it is not one or repeats an index.
bool YoloIndexedName(std::string_view item, std::map<size_t, std::string>& by_index) {
  const size_t colon = item.find(':');
  if (colon == std::string_view::npos) return false;
  const auto index = ParseNumber(YoloTrim(item.substr(0, colon)));
  auto name = YoloScalar(item.substr(colon + 1));
  if (!index || !name || !(*index >= 0) || *index >= 1e6 || *index != std::floor(*index)) {
    return false;
  }
  return by_index.emplace(static_cast<size_t>(*index), *std::move(name)).second;
}

// data.yaml's `names`: a list ([a, b], or "- a" lines) or a mapping of class index to name
// ({0: a, 1: b}, or "0: a" lines, read by key), or what is wrong.
Result<std::vector<std::string>> YoloYamlNames(std::string_view yaml) {
  const auto refuse = [](const std::string& why) -> Result<std::vector<std::string>> {
    return InvalidArgument(
        Concat({"names ", why,
                "; write the class names as a list ([a, b] or \"- a\" lines) or as a mapping of "
                "class index to name ({0: a, 1: b} or \"0: a\" lines)"}),
        "body");
  };
  size_t at = yaml.rfind("\nnames:");
  at = yaml.starts_with("names:") ? 0 : at == std::string_view::npos ? at : at + 1;
  if (at == std::string_view::npos) return refuse("is missing");
  size_t line_end = yaml.find('\n', at);
  if (line_end == std::string_view::npos) line_end = yaml.size();
  const std::string_view first = YoloTrim(yaml.substr(at + 6, line_end - at - 6));
  std::vector<std::string> names;
  std::map<size_t, std::string> by_index;
  bool listed = false;
  if (!first.empty() && (first.front() == '[' || first.front() == '{')) {
    const std::string_view flow = yaml.substr(yaml.find(first.front(), at));
    const auto items = YoloFlowItems(flow);
    if (!items) return refuse("does not close its brackets, or nests them");
    listed = flow.front() == '[';
    for (const std::string_view item : *items) {
      if (listed) {
        auto name = YoloScalar(item);
        if (!name) return refuse(Concat({"holds \"", item.substr(0, 100), "\", not a name"}));
        names.push_back(*std::move(name));
      } else if (!YoloIndexedName(item, by_index)) {
        return refuse(Concat({"holds \"", item.substr(0, 100), "\", not INDEX: name once"}));
      }
    }
  } else if (first.empty() || first.front() == '#') {
    bool failed = false;
    std::string bad;
    YoloEachLine(yaml.substr(std::min(line_end + 1, yaml.size())), [&](std::string_view line) {
      const std::string_view item = YoloTrim(line);
      if (item.empty() || item.front() == '#') return true;
      if (line.front() != ' ' && line.front() != '\t' && line.front() != '-') return false;
      if (item.starts_with("- ") || item == "-") {
        auto name = YoloScalar(item.substr(1));
        listed = true;
        if (name && by_index.empty()) {
          names.push_back(*std::move(name));
          return true;
        }
      } else if (names.empty() && YoloIndexedName(item, by_index)) {
        return true;
      }
      failed = true;
      bad = std::string(item.substr(0, 100));
      return false;
    });
    if (failed) return refuse(Concat({"holds \"", bad, "\", not a name"}));
  } else {
    return refuse(Concat({"is \"", first.substr(0, 100), "\", not a list or mapping"}));
  }
  if (!listed) {
    for (auto& [index, name] : by_index) {
      if (index != names.size()) {
        return refuse(Concat({"has no class ", std::to_string(names.size()),
                              " (indices must run 0, 1, 2, ... without gaps)"}));
      }
      names.push_back(std::move(name));
    }
  }
  if (names.empty()) return refuse("lists no class");
  return names;
}

// The class names of an archive: data.yaml's (or dataset.yaml's) names, else classes.txt (one
// per line), else empty.
Result<std::vector<std::string>> YoloArchiveClasses(const std::vector<TarEntry>& entries) {
  std::vector<std::string> from_text;
  for (const TarEntry& entry : entries) {
    const std::string_view base = std::string_view(entry.name).substr(entry.name.rfind('/') + 1);
    if (base == "data.yaml" || base == "dataset.yaml") {
      auto names = YoloYamlNames(entry.content);
      if (!names.ok()) {
        return InvalidArgument(Concat({entry.name, ": ", names.status().message()}), "body");
      }
      return names;
    }
    if (base == "classes.txt") {
      YoloEachLine(entry.content, [&](std::string_view line) {
        if (std::string name = YoloUnquote(line); !name.empty()) from_text.push_back(name);
        return true;
      });
    }
  }
  return from_text;
}

bool YoloInFolder(const std::string& name, std::string_view folder) {
  return name.rfind(std::string(folder) + "/", 0) == 0 ||
         name.find("/" + std::string(folder) + "/") != std::string::npos;
}

// "labels/train/a.txt" -> "labels/train/a".
std::string_view YoloWithoutExtension(std::string_view name) {
  const size_t dot = name.rfind('.');
  return dot == std::string_view::npos || dot < name.rfind('/') + 1 ? name : name.substr(0, dot);
}

// "labels/train/a.txt" -> "a".
std::string_view YoloStem(std::string_view name) {
  const std::string_view path = YoloWithoutExtension(name);
  return path.substr(path.rfind('/') + 1);
}

// labels/**.txt, except classes.txt (LabelImg writes the class names there).
bool YoloIsLabelFile(const std::string& name) {
  return YoloInFolder(name, "labels") && name.ends_with(".txt") &&
         name.substr(name.rfind('/') + 1) != "classes.txt";
}

// A label file's image path without extension, as Ultralytics pairs them: the last "labels"
// segment becomes "images" ("ds/labels/val/a.txt" -> "ds/images/val/a").
std::string YoloImagePath(const std::string& label) {
  const std::string_view path = YoloWithoutExtension(label);
  const size_t inner = path.rfind("/labels/");
  if (inner != std::string_view::npos) {
    return Concat({path.substr(0, inner), "/images/", path.substr(inner + 8)});
  }
  return Concat({"images/", path.substr(7)});  // Starts with "labels/".
}

// Each labels/NAME.txt of an archive as one record: its image from index.jsonl ("file" ->
// "image", as the export writes it) or images/NAME.* in the archive, else an error.
Status YoloArchive(const domain::LabelInterface& label_interface, YoloKind kind,
                   const domain::Control& control, std::string_view body, const std::string& model,
                   ConvertedRecords& out) {
  auto entries = ReadTar(body);
  if (!entries.ok()) return entries.status();
  for (const TarEntry& entry : *entries) {
    // The files whose text becomes labels, images or messages.
    const bool text = entry.name.ends_with(".yaml") || entry.name.ends_with("classes.txt") ||
                      entry.name.ends_with("index.jsonl");
    if (text && !IsValidUtf8(entry.content)) {
      return InvalidArgument(Concat({entry.name, " is not UTF-8 text"}), "body");
    }
  }
  auto read_classes = YoloArchiveClasses(*entries);
  if (!read_classes.ok()) return read_classes.status();
  std::vector<std::string> classes = *std::move(read_classes);
  if (classes.empty()) classes = control.labels;
  std::map<std::string, json> indexed;  // Label file name -> image, from index.jsonl.
  // Image names by path without extension ("images/train/a") and by bare stem ("a").
  std::map<std::string, std::vector<std::string>, std::less<>> by_path, by_stem;
  std::map<std::string, size_t, std::less<>> label_stems;  // Stem -> label files of that stem.
  for (const TarEntry& entry : *entries) {
    if (entry.name == "index.jsonl" || entry.name.ends_with("/index.jsonl")) {
      YoloEachLine(entry.content, [&](std::string_view text) {
        // Depth-limited: copying a deeply nested "image" would run the stack out.
        const json line = domain::ParseJsonWithinDepth(text);
        if (!line.is_object()) return true;
        const auto file = line.find("file"), image = line.find("image");
        if (file != line.end() && file->is_string() && image != line.end()) {
          indexed[file->get_ref<const std::string&>()] = *image;
        }
        return true;
      });
    } else if (YoloInFolder(entry.name, "images")) {
      const std::string_view path = YoloWithoutExtension(entry.name);
      by_path[std::string(path)].push_back(entry.name);
      by_stem[std::string(path.substr(path.rfind('/') + 1))].push_back(entry.name);
    } else if (YoloIsLabelFile(entry.name)) {
      ++label_stems[std::string(YoloStem(entry.name))];
    }
  }
  for (const TarEntry& entry : *entries) {
    if (!YoloIsLabelFile(entry.name)) continue;
    const size_t record = out.record_count++;
    const std::string image_path = YoloImagePath(entry.name);
    const std::string_view stem = YoloStem(entry.name);
    json image;
    if (const auto listed = indexed.find(entry.name); listed != indexed.end()) {
      image = listed->second;
    } else {
      // The image beside it (labels/train/a.txt -> images/train/a.*); the bare stem only when
      // no other label file or image shares it, so splits never cross.
      const std::vector<std::string>* candidates = nullptr;
      if (const auto same = by_path.find(image_path); same != by_path.end()) {
        candidates = &same->second;
      } else if (const auto any = by_stem.find(stem);
                 any != by_stem.end() && label_stems[std::string(stem)] == 1) {
        candidates = &any->second;
      }
      if (candidates == nullptr) {
        out.Fail(record, 0, entry.name,
                 Concat({"no image for this label file: add ", image_path,
                         ".jpg (any extension) or an index.jsonl naming it"}));
        continue;
      }
      if (candidates->size() > 1) {
        out.Fail(record, 0, entry.name,
                 Concat({"two images could be this label file's: ", (*candidates)[0], " and ",
                         (*candidates)[1], "; keep one, or name it in index.jsonl"}));
        continue;
      }
      image = candidates->front();
    }
    if (!IsValidUtf8(entry.content)) {
      out.Fail(record, 0, entry.name, "is not UTF-8 text");
      continue;
    }
    YoloLabels(label_interface, kind, control, classes, {{control.to.front(), std::move(image)}},
               entry.content, model, record, entry.name, out);
  }
  if (out.record_count == 0) return InvalidArgument("the archive holds no labels/*.txt", "body");
  return Status::Ok();
}

}  // namespace

Result<ConvertedRecords> FromYolo(const domain::LabelInterface& label_interface, YoloKind kind,
                                  std::string_view body, const std::string& model) {
  const domain::ControlType type = kind == YoloKind::kDetection ? domain::ControlType::kRectangles
                                   : kind == YoloKind::kSegmentation
                                       ? domain::ControlType::kPolygons
                                       : domain::ControlType::kKeypoints;
  const domain::Control* control = domain::FirstControlOfType(label_interface, type);
  if (control == nullptr || control->to.empty()) {
    return InvalidArgument(std::string("this YOLO import needs a ") +
                               domain::ControlTypeName(type) +
                               " control in the project's label interface, and this project has "
                               "none; add one first",
                           "format");
  }
  if (LooksLikeTar(body)) {
    ConvertedRecords out;
    CHORUS_RETURN_IF_ERROR(YoloArchive(label_interface, kind, *control, body, model, out));
    return out;
  }
  // Depth-limited: nlohmann copies and dumps recursively, so a deep body would crash the server.
  const json input = domain::ParseJsonWithinDepth(body);
  if (input.is_discarded()) {
    return InvalidArgument(
        "is not JSON, or is nested deeper than " + std::to_string(domain::kMaxJsonDepth) +
            " levels; send {\"classes\": [...], \"items\": [{\"image\", \"labels\"}]} or a "
            "ustar archive",
        "body");
  }
  const auto items_at = input.is_object() ? input.find("items") : input.end();
  if (!input.is_object() || items_at == input.end() || !items_at->is_array()) {
    return InvalidArgument(
        "send {\"classes\": [...], \"items\": [{\"image\", \"labels\"}]}: "
        "each item an image and its label file's text",
        "body");
  }
  std::vector<std::string> classes = control->labels;
  if (const auto listed = input.find("classes"); listed != input.end()) {
    if (!listed->is_array() ||
        !std::all_of(listed->begin(), listed->end(), [](const json& c) { return c.is_string(); })) {
      return InvalidArgument("must list the class names, index 0 first", "classes");
    }
    classes.assign(listed->begin(), listed->end());
  }
  ConvertedRecords out;
  const json& items = *items_at;
  out.record_count = items.size();
  for (size_t i = 0; i < items.size(); ++i) {
    const std::string at = "items[" + std::to_string(i) + "]";
    const json& item = items[i];
    const auto image = item.is_object() ? item.find("image") : item.end();
    const auto labels = item.is_object() ? item.find("labels") : item.end();
    if (!item.is_object() || image == item.end() || !image->is_string() ||
        labels == item.end() || !labels->is_string()) {
      out.Fail(i, 0, at,
               "an item needs \"image\" (the image's URL or path) and \"labels\" (the "
               "label file's text)");
      continue;
    }
    json data = {{control->to.front(), *image}};
    bool failed = false;
    for (const char* side : {"width", "height"}) {
      const auto found = item.find(side);
      if (found == item.end()) continue;
      const json& v = *found;
      if (!v.is_number() || !(v.get<double>() > 0) || v.get<double>() > kMaxImageSide) {
        out.Fail(i, 0, at + "." + side, "must be a positive number of pixels");
        failed = true;
      } else {
        data[side] = v;
      }
    }
    if (failed) continue;
    YoloLabels(label_interface, kind, *control, classes, std::move(data),
               labels->get_ref<const std::string&>(), model, i, at + ".labels", out);
  }
  return out;
}

}  // namespace chorus::service::imports
