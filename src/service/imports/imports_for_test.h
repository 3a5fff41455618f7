// Test-only helpers for the importers (no .cc, so no product code links them): the interfaces
// the tests import into, and golden files under testdata/.
#pragma once

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include "domain/label_interface.h"
#include "service/imports/import_records.h"

namespace chorus::service::imports::testing {

inline const char* kImageControls = R"({"controls": [
  {"type": "rectangles", "name": "boxes", "to": "image", "labels": ["car", "person"]},
  {"type": "polygons", "name": "masks", "to": "image", "labels": ["road", "car"]},
  {"type": "keypoints", "name": "pose", "to": "image",
   "labels": ["nose", "left_eye", "right_eye"], "skeleton": [[0, 1], [0, 2]]}]})";

inline const char* kSpanControls = R"({"controls": [
  {"type": "spans", "name": "entities", "to": "text", "labels": ["PER", "ORG", "NEW YORK"]}]})";

inline domain::LabelInterface ParsedInterface(const char* text) {
  auto parsed = domain::ParseLabelInterface(text);
  if (!parsed.ok()) throw std::runtime_error(parsed.status().message());
  return *parsed;
}

// The file testdata/NAME beside this header.
inline std::string Golden(const std::string& name) {
  std::ifstream in(std::string(CHORUS_SOURCE_DIR) + "/src/service/imports/testdata/" + name,
                   std::ios::binary);
  if (!in) throw std::runtime_error("missing golden file " + name);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// "record R line L field: message" per error, for readable failures.
inline std::string ErrorsText(const ConvertedRecords& converted) {
  std::string text;
  for (const ImportError& e : converted.errors) {
    text += "record " + std::to_string(e.record) + " line " + std::to_string(e.line) + " " +
            e.field + ": " + e.message + "\n";
  }
  return text;
}

}  // namespace chorus::service::imports::testing
