#include "service/imports/coco_import.h"

#include <gtest/gtest.h>

#include <string>

#include "service/imports/imports_for_test.h"

namespace chorus::service::imports {
namespace {

using namespace ::chorus::service::imports::testing;
using nlohmann::json;

Result<ConvertedRecords> Coco(const std::string& body) {
  return FromCoco(ParsedInterface(kImageControls), body, "coco_import");
}

// A one-image file with `annotation` on a 200 x 100 image.
std::string OneAnnotation(const json& annotation) {
  return json{{"images", {{{"id", 1}, {"file_name", "a.jpg"}, {"width", 200}, {"height", 100}}}},
              {"categories",
               {{{"id", 1}, {"name", "car"}},
                {{"id", 2}, {"name", "truck"}},
                {{"id", 4}, {"name", "pose"}, {"keypoints", {"nose", "left_eye", "right_eye"}}}}},
              {"annotations", {annotation}}}
      .dump();
}

TEST(CocoImport, MatchesTheGoldenFile) {
  auto converted = Coco(Golden("coco_sample.json"));
  ASSERT_TRUE(converted.ok()) << converted.status().message();
  ASSERT_TRUE(converted->errors.empty()) << ErrorsText(*converted);
  EXPECT_EQ(converted->record_count, 2u);
  EXPECT_EQ(converted->records, json::parse(Golden("coco_sample.expected.json")))
      << converted->records.dump(1);
}

TEST(CocoImport, UnknownCategoryNamesTheAnnotationAndTheCategory) {
  auto converted = Coco(
      OneAnnotation({{"id", 77}, {"image_id", 1}, {"category_id", 2}, {"bbox", {0, 0, 10, 10}}}));
  ASSERT_TRUE(converted.ok());
  ASSERT_EQ(converted->errors.size(), 1u);
  EXPECT_EQ(converted->errors[0].field, "annotations[0].category_id");
  EXPECT_NE(converted->errors[0].message.find("annotation 77"), std::string::npos);
  EXPECT_NE(converted->errors[0].message.find("\"truck\""), std::string::npos);
  EXPECT_TRUE(converted->records.empty());
}

TEST(CocoImport, CategoryIdNotListedIsAnError) {
  auto converted = Coco(
      OneAnnotation({{"id", 5}, {"image_id", 1}, {"category_id", 9}, {"bbox", {0, 0, 10, 10}}}));
  ASSERT_TRUE(converted.ok());
  ASSERT_EQ(converted->errors.size(), 1u);
  EXPECT_EQ(converted->errors[0].field, "annotations[0].category_id");
  EXPECT_NE(converted->errors[0].message.find("category 9"), std::string::npos);
}

TEST(CocoImport, RefusesBoxesOutsideTheImageHugeAndNonNumericValues) {
  for (const json& bbox : {json{150, 0, 100, 10}, json{0, 0, 1e300, 10}, json{0, "x", 10, 10},
                           json{0, 0, -5, 10}, json{0, 0, 10}}) {
    auto converted =
        Coco(OneAnnotation({{"id", 3}, {"image_id", 1}, {"category_id", 1}, {"bbox", bbox}}));
    ASSERT_TRUE(converted.ok());
    ASSERT_EQ(converted->errors.size(), 1u) << bbox.dump();
    EXPECT_EQ(converted->errors[0].field, "annotations[0].bbox") << bbox.dump();
    EXPECT_NE(converted->errors[0].message.find("annotation 3"), std::string::npos);
  }
}

TEST(CocoImport, RefusesBadKeypointsAndImageSizes) {
  auto converted = Coco(OneAnnotation({{"id", 8},
                                       {"image_id", 1},
                                       {"category_id", 4},
                                       {"keypoints", {1, 2, 7, 0, 0, 0, 0, 0, 0}}}));
  ASSERT_TRUE(converted.ok());
  ASSERT_EQ(converted->errors.size(), 1u);
  EXPECT_EQ(converted->errors[0].field, "annotations[0].keypoints[2]");

  auto huge = Coco(R"({"images": [{"id": 1, "file_name": "a.jpg", "width": 1e12, "height": 5}],
                       "annotations": [], "categories": []})");
  ASSERT_TRUE(huge.ok());
  ASSERT_EQ(huge->errors.size(), 1u);
  EXPECT_EQ(huge->errors[0].field, "images[0].width");
}

TEST(CocoImport, RefusesWhatIsNotCocoAndInterfacesWithoutImageControls) {
  EXPECT_EQ(Coco("[1, 2]").status().field(), "body");
  EXPECT_EQ(Coco("{not json").status().field(), "body");
  auto no_image = FromCoco(ParsedInterface(kSpanControls), Golden("coco_sample.json"), "m");
  EXPECT_EQ(no_image.status().field(), "format");
}

// A 200 KB body of nested brackets: a copy of the parsed value ran the stack out (SIGSEGV, the
// whole server) before the nesting limit.
TEST(CocoImport, DeepNestingIsAnErrorNotACrash) {
  const std::string body =
      R"({"images":[{"id":1,"file_name":"a.jpg","width":200,"height":100}],)"
      R"("categories":[{"id":1,"name":"car"}],"annotations":[{"id":)" +
      std::string(100000, '[') + std::string(100000, ']') +
      R"(,"image_id":1,"category_id":1,"bbox":[1,1,2,2]}]})";
  auto converted = FromCoco(ParsedInterface(kImageControls), body, "m");
  ASSERT_FALSE(converted.ok());
  EXPECT_EQ(converted.status().field(), "body");
  EXPECT_NE(converted.status().message().find("deeper than 64"), std::string::npos);
}

}  // namespace
}  // namespace chorus::service::imports
