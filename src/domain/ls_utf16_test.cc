// Span offsets between Label Studio's UTF-16 units and Chorus's code points.
#include "domain/ls_utf16.h"

#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "domain/annotation_result.h"
#include "domain/label_interface.h"
#include "domain/ls_result.h"
#include "domain/ls_task.h"

namespace chorus::domain {
namespace {

using nlohmann::json;

// Two emoji (outside the BMP: two UTF-16 units, one code point each), then "Ann met ACME".
const char* kEmojiText = "\xF0\x9F\x98\x80\xF0\x9F\x98\x80 Ann met Zo\xC3\xAB";

TEST(LabelStudioUtf16Test, CountsSurrogatePairsAsOneCodePoint) {
  EXPECT_EQ(CodePointsFromUtf16(kEmojiText, 0).code_points, 0);
  EXPECT_EQ(CodePointsFromUtf16(kEmojiText, 2).code_points, 1);
  EXPECT_EQ(CodePointsFromUtf16(kEmojiText, 5).code_points, 3);
  EXPECT_EQ(CodePointsFromUtf16(kEmojiText, 16).code_points, 14);  // The end; ë is one unit.
  EXPECT_EQ(CodePointsFromUtf16(kEmojiText, 1).outcome, Utf16Offset::kInsidePair);
  EXPECT_EQ(CodePointsFromUtf16(kEmojiText, 3).outcome, Utf16Offset::kInsidePair);
  EXPECT_EQ(CodePointsFromUtf16(kEmojiText, 17).outcome, Utf16Offset::kPastEnd);
  EXPECT_EQ(CodePointsFromUtf16(kEmojiText, -1).outcome, Utf16Offset::kNegative);
  EXPECT_EQ(Utf16FromCodePoints(kEmojiText, 3), 5);
  EXPECT_EQ(Utf16FromCodePoints(kEmojiText, 14), 16);
  EXPECT_EQ(Utf16FromCodePoints(kEmojiText, 15), std::nullopt);
  EXPECT_EQ(Utf16FromCodePoints("", 0), 0);
}

LabelInterface Entities() {
  auto li = ParseLabelInterface(R"({"controls": [
    {"type": "spans", "name": "ner", "to": "text", "labels": ["PER"]}]})");
  EXPECT_TRUE(li.ok()) << li.status().ToString();
  return *li;
}

TEST(LabelStudioUtf16Test, SpansAfterAnEmojiImportAndExportAtTheRightCharacters) {
  const LabelInterface li = Entities();
  const json data = {{"text", kEmojiText}};
  // As Label Studio exports them: JavaScript string indices.
  const json regions = json::parse(R"([
    {"id": "e1", "from_name": "ner", "to_name": "text", "type": "labels",
     "value": {"start": 5, "end": 8, "text": "Ann", "labels": ["PER"]}},
    {"id": "e2", "from_name": "ner", "to_name": "text", "type": "labels",
     "value": {"start": 13, "end": 16, "text": "Zo\u00eb", "labels": ["PER"]}}])");
  auto chorus = FromLabelStudioResult(li, regions, data);
  ASSERT_TRUE(chorus.ok()) << chorus.status().ToString();
  EXPECT_EQ((*chorus)["ner"]["spans"][0]["start"], 3);
  EXPECT_EQ((*chorus)["ner"]["spans"][0]["end"], 6);
  EXPECT_EQ((*chorus)["ner"]["spans"][1]["start"], 11);
  EXPECT_TRUE(ValidateResult(li, *chorus, data).ok());  // The covered text matches.

  const LabelStudioRegions back = ToLabelStudioResult(li, {{"text", "text"}}, *chorus, data);
  ASSERT_EQ(back.regions.size(), 2u);
  EXPECT_EQ(back.regions[0]["value"], regions[0]["value"]);
  EXPECT_EQ(back.regions[1]["value"], regions[1]["value"]);
}

TEST(LabelStudioUtf16Test, AnOffsetInsideASurrogatePairNamesTheTaskAndRegion) {
  const LabelInterface li = Entities();
  const json tasks = json::parse(R"([{"id": 42, "data": {"text": ")" + std::string(kEmojiText) +
                                 R"("}, "annotations": [{"completed_by": 3, "result": [
    {"id": "badSpan", "from_name": "ner", "to_name": "text", "type": "labels",
     "value": {"start": 1, "end": 8, "labels": ["PER"]}}]}]}])");
  const LabelStudioTasks out = FromLabelStudioExport(li, tasks);
  ASSERT_EQ(out.errors.size(), 1u);
  EXPECT_TRUE(out.records.empty());
  EXPECT_EQ(out.errors[0].field(), "tasks[0].annotations[0].result[0].value.start");
  EXPECT_NE(out.errors[0].message().find("task 42"), std::string::npos) << out.errors[0].message();
  EXPECT_NE(out.errors[0].message().find("region \"badSpan\""), std::string::npos)
      << out.errors[0].message();

  // The same export made well imports, and exports back with the same UTF-16 offsets.
  json fixed = tasks;
  fixed[0]["annotations"][0]["result"][0]["value"]["start"] = 5;
  const LabelStudioTasks good = FromLabelStudioExport(li, fixed);
  ASSERT_TRUE(good.errors.empty()) << good.errors[0].ToString();
  const json record = good.records[0];
  EXPECT_EQ(record["predictions"][0]["result"]["ner"]["spans"][0]["start"], 3);
  std::vector<std::string> skipped;
  const json task = ToLabelStudioTask(
      li, {{"text", "text"}}, "42", record["data"], {},
      {{.model_version = "m", .score = std::nullopt, .result = record["predictions"][0]["result"]}},
      &skipped);
  EXPECT_EQ(task["predictions"][0]["result"][0]["value"]["start"], 5);
  EXPECT_EQ(task["predictions"][0]["result"][0]["value"]["end"], 8);
}

}  // namespace
}  // namespace chorus::domain
