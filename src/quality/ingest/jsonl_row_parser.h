// JsonlRowParser: picks the wanted roles' values out of one JSONL line (one JSON object),
// with simdjson's On-Demand API (Langdale & Lemire, 2019, "Parsing Gigabytes of JSON per
// Second", VLDB Journal 28(6); Keiser & Lemire, 2024, "On-Demand JSON", Software: Practice
// and Experience 54(6)).
//
// Values: strings as written (unescaped), numbers as their exact text (validated against the
// JSON number grammar, RFC 8259 section 6), true/false as "true"/"false", null as missing.
// Values of other keys are walked so that malformed JSON anywhere on the line is an error.
// Thread-safety: not thread-safe; the views it returns live until the next Parse().
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "core/status.h"
#include "quality/ingest/column_names.h"

namespace chorus::quality {

struct RoleRow;

class JsonlRowParser {
 public:
  explicit JsonlRowParser(std::span<const Role> roles);
  ~JsonlRowParser();

  // Fills row->values and row->missing from `line`. `readable` is how many bytes may be read
  // from line.data() (simdjson reads up to 64 bytes past the end); errors have field
  // "SOURCE_NAME:LINE_NUMBER:1". A wanted key that is absent is an error.
  // REQUIRES: readable >= line.size() + 64.
  Status Parse(std::string_view line, size_t readable, uint64_t line_number,
               const std::string& source_name, RoleRow* row);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

// Whether `text` is exactly one JSON number (RFC 8259 section 6).
bool IsJsonNumber(std::string_view text);

}  // namespace chorus::quality
