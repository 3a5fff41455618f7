// What every training-format importer produces (service/imports/*_import.h): task-import
// records (service/task_import.h envelopes {"data", "external_id"?, "predictions"}) whose
// labels are predictions named after the importer or the caller's model, never annotations
// (a Chorus label is never someone else's, as with Label Studio imports), and per-record errors
// naming the record, its line when the format has lines, and the field. A caller imports
// nothing unless `errors` is empty (ProjectService::Import checks again and stores atomically).
// Thread-safety: pure functions.
#pragma once

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "domain/label_interface.h"

namespace chorus::service::imports {

// The most errors listed; the rest are counted in ConvertedRecords::more_errors.
inline constexpr size_t kMaxListedErrors = 100;
// The most tasks one file makes: the records are held in memory (about half a kilobyte each),
// so a larger file is split by the team; importing a task again adds nothing.
inline constexpr size_t kMaxImportRecords = 100'000;
// Largest image side accepted, in pixels: a bigger one is a typo or an attack on arithmetic.
inline constexpr double kMaxImageSide = 1'000'000;

struct ImportError {
  size_t record = 0;  // 0-based: the image, file or sentence.
  uint64_t line = 0;  // 1-based line in the file, 0 when the format has none.
  std::string field;  // "annotations[3].category_id", "object[1].bndbox.xmin", "tag".
  std::string message;
};

struct ConvertedRecords {
  nlohmann::json records = nlohmann::json::array();  // Task-import envelopes, in order.
  std::vector<ImportError> errors;                   // Non-empty: import nothing.
  bool more_errors = false;
  size_t record_count = 0;             // Records read (with or without errors).
  std::vector<uint64_t> record_lines;  // Per entry of `records`: its line in the file, or 0.

  void Fail(size_t record, uint64_t line, std::string field, std::string message);
  // Whether kMaxImportRecords records are held: AddRecord refuses more, with an error.
  bool Full() const { return records.size() >= kMaxImportRecords; }
};

// Appends {"data", "external_id"?, "predictions": [{"model_version": model, "result"}]} to
// out.records (no prediction when `result` is empty), or an error when the result does not
// answer the interface (domain::ValidateResult) for this data, or when out is Full().
void AddRecord(const domain::LabelInterface& label_interface, nlohmann::json data,
               const std::optional<std::string>& external_id, nlohmann::json result,
               const std::string& model, size_t record, uint64_t line, ConvertedRecords& out);

// Records that name one task (the same external id, or the same data when they have none) with
// different predictions: the import would keep the last silently, so each repeat becomes an
// error naming the record it repeats. Identical repeats are left alone (one task is made).
void RefuseConflictingRepeats(ConvertedRecords& out);

// The image data field the importers fill: the `to` of the first rectangles, polygons or
// keypoints control, in that order. kInvalidArgument (field "format") naming what is missing.
Result<std::string> ImageField(const domain::LabelInterface& label_interface,
                               std::string_view format);

// The number `text` spells (decimal, optionally signed, exponent allowed), nullopt for anything
// else (empty, trailing characters, "nan", "inf").
std::optional<double> ParseNumber(std::string_view text);

// The parts joined, in one allocation (messages built inside loops).
std::string Concat(std::initializer_list<std::string_view> parts);

// The 1-based line of byte `offset` in `text`.
uint64_t LineAt(std::string_view text, size_t offset);

// A pixel count as JSON: an integer when it is one (200, not 200.0), else the number.
nlohmann::json PixelCount(double value);

// `value` (pixels, or a fraction when `size` is 1) as percent of `size`, or an error message
// when it is not a finite number inside [0, size] (half a pixel of slack, then clamped).
Result<double> ToPercent(const nlohmann::json& value, double size);

}  // namespace chorus::service::imports
