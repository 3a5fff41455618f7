#include "service/imports/yolo_import.h"

#include <gtest/gtest.h>

#include <initializer_list>
#include <string>
#include <utility>

#include "service/exports/tar_writer.h"
#include "service/imports/imports_for_test.h"

namespace chorus::service::imports {
namespace {

using namespace ::chorus::service::imports::testing;
using nlohmann::json;

Result<ConvertedRecords> Yolo(YoloKind kind, const json& body) {
  return FromYolo(ParsedInterface(kImageControls), kind, body.dump(), "yolo_import");
}

// A ustar archive of these (path, contents) files, imported as detections under model "m".
Result<ConvertedRecords> YoloArchive(
    std::initializer_list<std::pair<std::string, std::string>> files) {
  std::string archive;
  for (const auto& [path, contents] : files) exports::AppendTarFile(archive, path, contents, 0);
  return FromYolo(ParsedInterface(kImageControls), YoloKind::kDetection,
                  archive + exports::TarEnd(), "m");
}

json Item(const std::string& labels) {
  return {{"items", {{{"image", "img/a.jpg"}, {"labels", labels}}}}};
}

TEST(YoloImport, MatchesTheGoldenFiles) {
  const json golden = json::parse(Golden("yolo_sample.json"));
  const json expected = json::parse(Golden("yolo_sample.expected.json"));
  const struct {
    const char* name;
    YoloKind kind;
  } kinds[] = {{"detection", YoloKind::kDetection},
               {"segmentation", YoloKind::kSegmentation},
               {"pose", YoloKind::kPose}};
  for (const auto& k : kinds) {
    auto converted = Yolo(k.kind, golden[k.name]);
    ASSERT_TRUE(converted.ok()) << converted.status().message();
    ASSERT_TRUE(converted->errors.empty()) << ErrorsText(*converted);
    EXPECT_EQ(converted->records, expected[k.name]) << converted->records.dump(1);
  }
}

TEST(YoloImport, NamesTheItemAndLineOfBadLabels) {
  const struct {
    YoloKind kind;
    std::string labels;
    std::string says;
  } cases[] = {
      {YoloKind::kDetection, "0 0.5 0.5 0.2 0.2\n7 0.5 0.5 0.2 0.2\n", "not an index"},
      {YoloKind::kDetection, "0 0.5 0.5 0.2 0.2\n1e300 0.5 0.5 0.2 0.2\n", "not an index"},
      {YoloKind::kDetection, "0 0.5 0.5 0.2 0.2\n-1e300 0.5 0.5 0.2 0.2\n", "not an index"},
      {YoloKind::kDetection, "0 0.5 0.5 0.2 0.2\n0.5 0.5 0.5 0.2 0.2\n", "not an index"},
      {YoloKind::kDetection, "0 0.5 0.5 0.2 0.2\n0 0.5 abc 0.2 0.2\n", "not a number"},
      {YoloKind::kDetection, "0 0.5 0.5 0.2 0.2\n0 0.5 1e300 0.2 0.2\n", "outside the image"},
      {YoloKind::kDetection, "0 0.5 0.5 0.2 0.2\n0 0.95 0.5 0.2 0.2\n", "inside the image"},
      {YoloKind::kDetection, "0 0.5 0.5 0.2 0.2\n0 0.5 0.5 0.2\n", "CLASS XC YC W H"},
      {YoloKind::kSegmentation, "0 0.1 0.1 0.2 0.1 0.2 0.2\n1 0.1 0.1 0.2\n", "three"},
      {YoloKind::kPose,
       "0 0.5 0.5 0.1 0.1 0.5 0.5 2 0.4 0.4 2 0.6 0.4 2\n0 0.5 0.5 0.1 0.1 1 1 9 "
       "0 0 0 0 0 0\n",
       "visibility"},
  };
  for (const auto& c : cases) {
    auto converted = Yolo(c.kind, Item(c.labels));
    ASSERT_TRUE(converted.ok());
    ASSERT_EQ(converted->errors.size(), 1u) << c.labels;
    EXPECT_EQ(converted->errors[0].field, "items[0].labels");
    EXPECT_EQ(converted->errors[0].line, 2u) << c.labels;
    EXPECT_NE(converted->errors[0].message.find(c.says), std::string::npos)
        << converted->errors[0].message;
  }
}

TEST(YoloImport, ClassNamesMustBeLabelsOfTheControl) {
  json body = Item("0 0.5 0.5 0.2 0.2\n");
  body["classes"] = {"bus"};
  auto converted = Yolo(YoloKind::kDetection, body);
  ASSERT_TRUE(converted.ok());
  ASSERT_EQ(converted->errors.size(), 1u);
  EXPECT_NE(converted->errors[0].message.find("\"bus\""), std::string::npos);
}

TEST(YoloImport, RefusesBodiesThatAreNotItems) {
  EXPECT_EQ(Yolo(YoloKind::kDetection, json::array()).status().field(), "body");
  EXPECT_EQ(Yolo(YoloKind::kDetection, {{"items", json::array()}, {"classes", 3}}).status().field(),
            "classes");
  auto no_labels = Yolo(YoloKind::kDetection, {{"items", {{{"image", "a.jpg"}}}}});
  ASSERT_TRUE(no_labels.ok());
  EXPECT_EQ(no_labels->errors.at(0).field, "items[0]");
}

TEST(YoloImport, ReadsAnUltralyticsArchiveWithClassesFromDataYaml) {
  auto converted = YoloArchive({{"data.yaml", "path: .\nnames:\n  0: person\n  1: 'car'\n"},
                                {"images/train/a.png", "not read"},
                                {"labels/train/a.txt", "1 0.5 0.5 0.2 0.2\n"},
                                {"labels/train/b.txt", "0 0.5 0.5 0.2 0.2\n"}});
  ASSERT_TRUE(converted.ok()) << converted.status().message();
  ASSERT_EQ(converted->records.size(), 1u);
  EXPECT_EQ(converted->records[0]["data"]["image"], "images/train/a.png");
  EXPECT_EQ(converted->records[0]["predictions"][0]["result"]["boxes"]["boxes"][0]["label"], "car");
  ASSERT_EQ(converted->errors.size(), 1u);  // b.txt has no image.
  EXPECT_EQ(converted->errors[0].field, "labels/train/b.txt");
  EXPECT_EQ(converted->errors[0].record, 1u);
  EXPECT_NE(converted->errors[0].message.find("no image"), std::string::npos);

  auto bus = YoloArchive({{"data.yaml", "names: [\"person\", bus]\n"},
                          {"images/a.jpg", ""},
                          {"labels/a.txt", "1 0.5 0.5 0.2 0.2\n"}});
  ASSERT_TRUE(bus.ok());
  ASSERT_EQ(bus->errors.size(), 1u);
  EXPECT_NE(bus->errors[0].message.find("\"bus\""), std::string::npos);
}

TEST(YoloImport, PairsEachSplitsLabelsWithThatSplitsImages) {
  auto converted = YoloArchive({{"images/train/a.jpg", ""},
                                {"images/val/a.jpg", ""},
                                {"images/train/c.jpg", ""},
                                {"labels/val/a.txt", "0 0.5 0.5 0.2 0.2\n"},
                                {"labels/train/a.txt", "0 0.5 0.5 0.2 0.2\n"},
                                {"labels/c.txt", "0 0.5 0.5 0.2 0.2\n"},  // Unique stem.
                                {"labels/test/a.txt", "0 0.5 0.5 0.2 0.2\n"}});
  ASSERT_TRUE(converted.ok()) << converted.status().message();
  ASSERT_EQ(converted->records.size(), 3u) << ErrorsText(*converted);
  EXPECT_EQ(converted->records[0]["data"]["image"], "images/val/a.jpg");
  EXPECT_EQ(converted->records[1]["data"]["image"], "images/train/a.jpg");
  EXPECT_EQ(converted->records[2]["data"]["image"], "images/train/c.jpg");
  // labels/test/a.txt has no images/test/a.*, and "a" names two images: no guess.
  ASSERT_EQ(converted->errors.size(), 1u);
  EXPECT_EQ(converted->errors[0].field, "labels/test/a.txt");
  EXPECT_NE(converted->errors[0].message.find("images/test/a.jpg"), std::string::npos)
      << converted->errors[0].message;

  auto ambiguous = YoloArchive(
      {{"images/a/x.jpg", ""}, {"images/b/x.png", ""}, {"labels/x.txt", "0 0.5 0.5 0.2 0.2\n"}});
  ASSERT_TRUE(ambiguous.ok());
  ASSERT_EQ(ambiguous->errors.size(), 1u);
  EXPECT_NE(ambiguous->errors[0].message.find("images/a/x.jpg and images/b/x.png"),
            std::string::npos)
      << ambiguous->errors[0].message;
}

// The class name of "1 ..." after importing an archive with this data.yaml, or the error.
std::string SecondClassUnder(const std::string& yaml) {
  auto converted = YoloArchive(
      {{"data.yaml", yaml}, {"images/a.jpg", ""}, {"labels/a.txt", "1 0.5 0.5 0.2 0.2\n"}});
  if (!converted.ok()) {
    return "error " + converted.status().field() + ": " + converted.status().message();
  }
  if (!converted->errors.empty()) return converted->errors[0].message;
  return converted->records.at(0)["predictions"][0]["result"]["boxes"]["boxes"][0]["label"];
}

TEST(YoloImport, ReadsDataYamlNamesByIndexInEveryForm) {
  EXPECT_EQ(SecondClassUnder("names: {0: car, 1: person}\n"), "person");
  EXPECT_EQ(SecondClassUnder("names: {1: person, 0: car}\n"), "person");
  EXPECT_EQ(SecondClassUnder("names:\n  1: person  # walking\n  0: car\nnc: 2\n"), "person");
  EXPECT_EQ(SecondClassUnder("names: [car,\n  'person']\n"), "person");
  EXPECT_EQ(SecondClassUnder("path: .\nnames:\n- car\n- \"person\"\n"), "person");
  for (const std::string yaml :
       {"path: .\n", "names: person\n", "names: {0: car, 2: person}\n", "names: [car, person\n",
        "names:\n  0: car\n  0: person\n", "names:\n  - car\n  1: person\n", "names: []\n"}) {
    const std::string said = SecondClassUnder(yaml);
    EXPECT_TRUE(said.starts_with("error body: data.yaml: names ")) << yaml << " -> " << said;
  }
}

TEST(YoloImport, ReadsLabelImgClassesTxtAsNamesNotLabels) {
  auto converted = YoloArchive({{"labels/classes.txt", "person\ncar\n"},
                                {"images/a.jpg", ""},
                                {"labels/a.txt", "1 0.5 0.5 0.2 0.2\n"}});
  ASSERT_TRUE(converted.ok()) << converted.status().message();
  EXPECT_EQ(converted->record_count, 1u);
  ASSERT_TRUE(converted->errors.empty()) << ErrorsText(*converted);
  EXPECT_EQ(converted->records.at(0)["predictions"][0]["result"]["boxes"]["boxes"][0]["label"],
            "car");
}

TEST(YoloImport, RefusesDeeplyNestedJsonWithoutRecursingIntoIt) {
  // Copying a value this deep recursed once per level and ran the stack out.
  const std::string deep = std::string(200'000, '[') + std::string(200'000, ']');
  auto body = FromYolo(ParsedInterface(kImageControls), YoloKind::kDetection,
                       "{\"items\": " + deep + "}", "m");
  ASSERT_FALSE(body.ok());
  EXPECT_EQ(body.status().field(), "body");
  EXPECT_NE(body.status().message().find("nested deeper than 64"), std::string::npos)
      << body.status().message();

  auto converted =
      YoloArchive({{"index.jsonl", "{\"file\": \"labels/a.txt\", \"image\": " + deep + "}\n"},
                   {"labels/a.txt", "0 0.5 0.5 0.2 0.2\n"}});
  ASSERT_TRUE(converted.ok()) << converted.status().message();
  ASSERT_EQ(converted->errors.size(), 1u);  // The deep line is not read, so no image.
  EXPECT_NE(converted->errors[0].message.find("no image"), std::string::npos);
}

}  // namespace
}  // namespace chorus::service::imports
