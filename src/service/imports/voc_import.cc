#include "service/imports/voc_import.h"

#include <algorithm>
#include <cctype>
#include <pugixml.hpp>
#include <utility>

#include "core/utf8.h"
#include "service/imports/tar_reader.h"

namespace chorus::service::imports {
namespace {

using nlohmann::json;

// The offset of the first "<!DOCTYPE" or "<!ENTITY" (any case), or npos.
size_t DeclarationAt(std::string_view xml) {
  for (size_t at = xml.find("<!"); at != std::string_view::npos; at = xml.find("<!", at + 2)) {
    std::string word;
    for (size_t i = at + 2;
         i < xml.size() && word.size() < 7 && std::isalpha(static_cast<unsigned char>(xml[i]));
         ++i) {
      word += static_cast<char>(std::toupper(static_cast<unsigned char>(xml[i])));
    }
    if (word == "DOCTYPE" || word == "ENTITY") return at;
  }
  return std::string_view::npos;
}

// Character references are decoded after the byte check, and &#xD800; decodes to bytes that
// are not UTF-8 (a response quoting them could not be written).
constexpr const char* kVocNotUtf8 =
    "is not UTF-8 once character references are decoded (&#xD800; to &#xDFFF; name no "
    "character); write the text itself";

// The number in child `name` of `node`, or nullopt.
std::optional<double> VocNumber(const pugi::xml_node& node, const char* name) {
  const pugi::xml_node child = node.child(name);
  if (!child) return std::nullopt;
  std::string_view text = child.text().get();
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front())))
    text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back())))
    text.remove_suffix(1);
  return ParseNumber(text);
}

// Lines of increasing offsets in one text, counted from the last one asked (LineAt from byte 0
// for each of 65,536 objects was quadratic).
class VocLineCursor {
 public:
  explicit VocLineCursor(std::string_view text) : text_(text) {}
  uint64_t At(size_t offset) {
    offset = std::min(offset, text_.size());
    if (offset < offset_) offset_ = 0, line_ = 1;
    line_ += static_cast<uint64_t>(
        std::count(text_.begin() + static_cast<ptrdiff_t>(offset_),
                   text_.begin() + static_cast<ptrdiff_t>(offset), '\n'));
    offset_ = offset;
    return line_;
  }

 private:
  std::string_view text_;
  size_t offset_ = 0;
  uint64_t line_ = 1;
};

// One VOC document as record `record` of `out`; its errors are prefixed with `file` (the
// archive entry's name) when it has one.
void VocDocument(const domain::LabelInterface& label_interface, const domain::Control& control,
                 std::string_view xml, const std::string& model, size_t record,
                 const std::string& file, ConvertedRecords& out) {
  const size_t errors_before = out.errors.size();
  const auto fail = [&](uint64_t line, std::string field, const std::string& message) {
    out.Fail(record, line, std::move(field), file.empty() ? message : file + ": " + message);
  };
  if (const size_t at = DeclarationAt(xml); at != std::string_view::npos) {
    fail(LineAt(xml, at), "body",
         "DOCTYPE and ENTITY declarations are refused (no entity is expanded or fetched); "
         "remove them, VOC files need none");
    return;
  }
  if (const size_t bad = FindInvalidUtf8(xml); bad != std::string_view::npos) {
    fail(LineAt(xml, bad), "body",
         "byte " + std::to_string(bad) + " is not UTF-8; save the file as UTF-8");
    return;
  }
  pugi::xml_document doc;
  constexpr unsigned kOptions = pugi::parse_default & ~pugi::parse_doctype;
  // UTF-8 forced: detected UTF-16 would hide a DOCTYPE from the byte check above.
  const pugi::xml_parse_result parsed =
      doc.load_buffer(xml.data(), xml.size(), kOptions, pugi::encoding_utf8);
  if (!parsed) {
    fail(LineAt(xml, static_cast<size_t>(std::max<ptrdiff_t>(parsed.offset, 0))), "body",
         std::string("is not XML: ") + parsed.description());
    return;
  }
  const pugi::xml_node root = doc.document_element();
  VocLineCursor cursor(xml);
  // The node's line, only while errors are still listed (past the cap nobody reads it).
  const auto line_of = [&](const pugi::xml_node& node) -> uint64_t {
    if (out.errors.size() >= kMaxListedErrors) return 0;
    return cursor.At(static_cast<size_t>(std::max<ptrdiff_t>(node.offset_debug(), 0)));
  };
  if (std::string_view(root.name()) != "annotation") {
    fail(line_of(root), "annotation", "a VOC file's root element is <annotation>");
    return;
  }
  const std::string filename = root.child("filename").text().get();
  if (!IsValidUtf8(filename)) {
    fail(line_of(root.child("filename")), "filename", kVocNotUtf8);
    return;
  }
  if (filename.empty()) {
    fail(line_of(root), "filename", "needs <filename>: the image's file name");
    return;
  }
  const pugi::xml_node size = root.child("size");
  const auto width = VocNumber(size, "width");
  const auto height = VocNumber(size, "height");
  if (!width || !height || !(*width > 0) || !(*height > 0) || *width > kMaxImageSide ||
      *height > kMaxImageSide) {
    fail(line_of(size ? size : root), "size",
         "needs <size> with <width> and <height>: positive pixel counts up to " +
             json(kMaxImageSide).dump());
    return;
  }
  json boxes = json::array();
  size_t index = 0;
  for (const pugi::xml_node& object : root.children("object")) {
    if (out.more_errors) break;  // Nothing more would be listed, and the record fails anyway.
    const std::string at = "object[" + std::to_string(index++) + "]";
    const std::string name = object.child("name").text().get();
    if (!IsValidUtf8(name)) {
      fail(line_of(object), at + ".name", kVocNotUtf8);
      continue;
    }
    if (std::find(control.labels.begin(), control.labels.end(), name) == control.labels.end()) {
      fail(line_of(object), at + ".name",
           "\"" + name + "\" is not a label of the rectangles control \"" + control.name +
               "\"; add it to the project's interface or rename the object");
      continue;
    }
    const pugi::xml_node bndbox = object.child("bndbox");
    double corner[4] = {0, 0, 0, 0};  // xmin, ymin, xmax, ymax as the file writes them.
    bool ok = true;
    const char* names[4] = {"xmin", "ymin", "xmax", "ymax"};
    for (int k = 0; k < 4 && ok; ++k) {
      const auto value = VocNumber(bndbox, names[k]);
      if (!value) {
        fail(line_of(bndbox ? bndbox : object), at + ".bndbox." + names[k],
             std::string("needs <") + names[k] + ">: a number of pixels");
        ok = false;
      } else {
        corner[k] = *value;
      }
    }
    if (!ok) continue;
    // 1-based pixels: the box covers [xmin - 1, xmax]. LabelImg and CVAT write 0 at the edge,
    // so 0 <= xmin < 1 is the edge too.
    const auto edge = [](double v) { return v >= 0 && v < 1 ? 0.0 : v - 1; };
    auto left = ToPercent(edge(corner[0]), *width), right = ToPercent(corner[2], *width);
    auto top = ToPercent(edge(corner[1]), *height), bottom = ToPercent(corner[3], *height);
    const Result<double>* values[4] = {&left, &top, &right, &bottom};
    for (int k = 0; k < 4 && ok; ++k) {
      if (!values[k]->ok()) {
        // The file's own value, not the 0-based pixel it became.
        fail(line_of(bndbox), at + ".bndbox." + names[k],
             Concat({names[k], " ", PixelCount(corner[k]).dump(), " lies outside the image (0 to ",
                     PixelCount(k % 2 == 0 ? *width : *height).dump(), " pixels)"}));
        ok = false;
      }
    }
    if (!ok) continue;
    if (!(*right > *left) || !(*bottom > *top)) {
      fail(line_of(bndbox), at + ".bndbox", "xmax must not be less than xmin, nor ymax than ymin");
      continue;
    }
    boxes.push_back({{"x", *left},
                     {"y", *top},
                     {"width", *right - *left},
                     {"height", *bottom - *top},
                     {"label", name}});
  }
  if (out.errors.size() != errors_before || out.more_errors) return;
  json result = json::object();
  if (!boxes.empty()) result[control.name] = {{"boxes", std::move(boxes)}};
  json data = {{control.to.front(), filename},
               {"width", PixelCount(*width)},
               {"height", PixelCount(*height)}};
  AddRecord(label_interface, std::move(data), std::nullopt, std::move(result), model, record, 0,
            out);
}

}  // namespace

Result<ConvertedRecords> FromVoc(const domain::LabelInterface& label_interface,
                                 std::string_view xml, const std::string& model) {
  const domain::Control* control =
      domain::FirstControlOfType(label_interface, domain::ControlType::kRectangles);
  if (control == nullptr || control->to.empty()) {
    return InvalidArgument(
        "the voc_xml import needs a rectangles control in the project's label "
        "interface, and this project has none; add one first",
        "format");
  }
  ConvertedRecords out;
  if (!LooksLikeTar(xml)) {
    out.record_count = 1;
    VocDocument(label_interface, *control, xml, model, 0, "", out);
    return out;
  }
  auto entries = ReadTar(xml);
  if (!entries.ok()) return entries.status();
  for (const TarEntry& entry : *entries) {
    if (entry.name.size() < 4 || entry.name.substr(entry.name.size() - 4) != ".xml") continue;
    VocDocument(label_interface, *control, entry.content, model, out.record_count++, entry.name,
                out);
  }
  if (out.record_count == 0) {
    return InvalidArgument("the archive holds no .xml annotation file", "body");
  }
  return out;
}

}  // namespace chorus::service::imports
