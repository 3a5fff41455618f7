// Import -> export with the existing exporter -> import again gives equal tasks and regions
// (issue 8 item 3). The exporters write submitted annotations, so each imported prediction is
// handed to the writer as an annotation with the same result.
#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <string>
#include <tuple>
#include <vector>

#include "service/exports/coco_export.h"
#include "service/exports/conll_export.h"
#include "service/exports/voc_export.h"
#include "service/exports/writers_for_test.h"
#include "service/exports/yolo_export.h"
#include "service/imports/coco_import.h"
#include "service/imports/conll_import.h"
#include "service/imports/imports_for_test.h"
#include "service/imports/voc_import.h"
#include "service/imports/yolo_import.h"

namespace chorus::service::imports {
namespace {

using namespace ::chorus::service::imports::testing;
using ::chorus::service::exports::testing::MakeAnnotation;
using ::chorus::service::exports::testing::MakeTask;
using ::chorus::service::exports::testing::RunWriter;
using ::chorus::service::exports::testing::TestTask;
using nlohmann::json;

// The records as export input: task id i + 1, one annotation holding the prediction's result.
std::vector<TestTask> AsAnnotatedTasks(const json& records) {
  std::vector<TestTask> tasks;
  for (size_t i = 0; i < records.size(); ++i) {
    const int64_t id = static_cast<int64_t>(i) + 1;
    TestTask task{MakeTask(id, records[i]["data"]), {}, std::nullopt};
    if (records[i].contains("external_id")) task.task.external_id = records[i]["external_id"];
    if (!records[i]["predictions"].empty()) {
      task.annotations.push_back(
          MakeAnnotation(id * 10, 3, records[i]["predictions"][0]["result"]));
    }
    tasks.push_back(std::move(task));
  }
  return tasks;
}

// Equal JSON, numbers within 1e-6 percent (pixels and six-decimal fractions round-trip to it).
bool Near(const json& a, const json& b) {
  if (a.is_number() && b.is_number()) return std::abs(a.get<double>() - b.get<double>()) < 1e-6;
  if (a.type() != b.type() || a.size() != b.size()) return false;
  if (a.is_object()) {
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key) || !Near(value, b[key])) return false;
    }
    return true;
  }
  if (a.is_array()) {
    for (size_t i = 0; i < a.size(); ++i) {
      if (!Near(a[i], b[i])) return false;
    }
    return true;
  }
  return a == b;
}

// `again` with the external ids the export added removed: MakeTask names every task "ext-N",
// and the exports write it, where the first import had none.
json WithoutAddedIds(const json& first, json again) {
  for (size_t i = 0; i < again.size() && i < first.size(); ++i) {
    if (!first[i].contains("external_id")) again[i].erase("external_id");
  }
  return again;
}

// The regular files of a ustar archive, by name (enough for the exporters' own archives).
std::map<std::string, std::string> Untar(const std::string& tar) {
  std::map<std::string, std::string> files;
  for (size_t at = 0; at + 512 <= tar.size();) {
    const std::string header = tar.substr(at, 512);
    if (header[0] == '\0') break;
    std::string name = header.substr(0, 100).c_str();
    const std::string prefix = header.substr(345, 155).c_str();
    if (!prefix.empty()) name = prefix + "/" + name;
    const size_t size = std::stoul(header.substr(124, 12).c_str(), nullptr, 8);
    files[name] = tar.substr(at + 512, size);
    at += 512 + (size + 511) / 512 * 512;
  }
  return files;
}

ConvertedRecords Ok(const Result<ConvertedRecords>& converted) {
  EXPECT_TRUE(converted.ok()) << converted.status().message();
  if (!converted.ok()) return {};
  EXPECT_TRUE(converted->errors.empty()) << ErrorsText(*converted);
  return *converted;
}

TEST(ImportRoundTrip, Coco) {
  const domain::LabelInterface li = ParsedInterface(kImageControls);
  const ConvertedRecords first = Ok(FromCoco(li, Golden("coco_sample.json"), "coco_import"));
  auto writer = exports::MakeCocoWriter(li);
  ASSERT_TRUE(writer.ok());
  const std::string exported = RunWriter(**writer, AsAnnotatedTasks(first.records));
  const ConvertedRecords second = Ok(FromCoco(li, exported, "coco_import"));
  EXPECT_EQ(second.records.size(), 2u);
  EXPECT_TRUE(Near(first.records, WithoutAddedIds(first.records, second.records)))
      << first.records.dump(1) << "\n"
      << second.records.dump(1);
}

TEST(ImportRoundTrip, PascalVoc) {
  const domain::LabelInterface li = ParsedInterface(kImageControls);
  const ConvertedRecords first = Ok(FromVoc(li, Golden("voc_sample.xml"), "voc_import"));
  auto writer = exports::MakeVocWriter(li);
  ASSERT_TRUE(writer.ok());
  const std::string archive = RunWriter(**writer, AsAnnotatedTasks(first.records));
  const auto files = Untar(archive);
  ASSERT_EQ(files.count("Annotations/1_10.xml"), 1u) << files.size();
  const ConvertedRecords second = Ok(FromVoc(li, files.at("Annotations/1_10.xml"), "voc_import"));
  EXPECT_TRUE(Near(first.records, second.records)) << first.records.dump(1) << "\n"
                                                   << second.records.dump(1);
  // The whole archive, as the export wrote it, imports the same.
  const ConvertedRecords whole = Ok(FromVoc(li, archive, "voc_import"));
  EXPECT_TRUE(Near(first.records, whole.records)) << whole.records.dump(1);
}

TEST(ImportRoundTrip, YoloDetectionSegmentationAndPose) {
  const domain::LabelInterface li = ParsedInterface(kImageControls);
  const json golden = json::parse(Golden("yolo_sample.json"));
  const struct {
    const char* name;
    YoloKind kind;
    exports::YoloTask task;
  } kinds[] = {{"detection", YoloKind::kDetection, exports::YoloTask::kDetection},
               {"segmentation", YoloKind::kSegmentation, exports::YoloTask::kSegmentation},
               {"pose", YoloKind::kPose, exports::YoloTask::kPose}};
  for (const auto& k : kinds) {
    const ConvertedRecords first = Ok(FromYolo(li, k.kind, golden[k.name].dump(), "yolo_import"));
    auto writer = exports::MakeYoloWriter(li, k.task);
    ASSERT_TRUE(writer.ok());
    const std::string archive = RunWriter(**writer, AsAnnotatedTasks(first.records));
    const auto files = Untar(archive);
    // index.jsonl says which image each label file belongs to; tasks without labels have none.
    json items = json::array();
    std::string index = files.at("index.jsonl");
    for (size_t at = 0; at < index.size();) {
      const size_t end = index.find('\n', at);
      const json entry = json::parse(index.substr(at, end - at));
      at = end + 1;
      json item = {{"image", entry["image"]}, {"labels", files.at(entry["file"])}};
      const json& data = first.records[entry["task_id"].get<size_t>() - 1]["data"];
      for (const char* side : {"width", "height"}) {
        if (data.contains(side)) item[side] = data[side];
      }
      items.push_back(std::move(item));
    }
    const ConvertedRecords second =
        Ok(FromYolo(li, k.kind, json{{"items", items}}.dump(), "yolo_import"));
    json labelled = json::array();
    for (const json& record : first.records) {
      if (!record["predictions"].empty()) labelled.push_back(record);
    }
    EXPECT_TRUE(Near(labelled, second.records)) << k.name << "\n"
                                                << labelled.dump(1) << "\n"
                                                << second.records.dump(1);
    // The archive itself: index.jsonl names the images (YOLO carries no image sizes).
    const ConvertedRecords whole = Ok(FromYolo(li, k.kind, archive, "yolo_import"));
    json without_sizes = labelled;
    for (json& record : without_sizes) {
      record["data"].erase("width");
      record["data"].erase("height");
    }
    EXPECT_TRUE(Near(without_sizes, whole.records)) << k.name << "\n" << whole.records.dump(1);
  }
}

TEST(ImportRoundTrip, ConllIob2AndIobes) {
  const domain::LabelInterface li = ParsedInterface(kSpanControls);
  for (const auto& [file, scheme, tags] :
       {std::tuple{"conll_sample.iob2", ConllScheme::kIob2, exports::TagScheme::kIob2},
        std::tuple{"conll_sample.iobes", ConllScheme::kIobes, exports::TagScheme::kIobes}}) {
    const ConvertedRecords first = Ok(FromConll(li, scheme, Golden(file), "conll_import"));
    auto writer = exports::MakeConllWriter(li, tags);
    ASSERT_TRUE(writer.ok());
    const std::string exported = RunWriter(**writer, AsAnnotatedTasks(first.records));
    const ConvertedRecords second = Ok(FromConll(li, scheme, exported, "conll_import"));
    // Tasks without labels export nothing (see WithoutAddedIds for the external ids).
    json labelled = json::array();
    for (const json& record : first.records) {
      if (!record["predictions"].empty()) labelled.push_back(record);
    }
    const json again = WithoutAddedIds(labelled, second.records);
    EXPECT_EQ(labelled, again) << file << "\n" << exported;
  }
}

}  // namespace
}  // namespace chorus::service::imports
