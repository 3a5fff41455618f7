#include <gtest/gtest.h>

#include "service/exports/coco_export.h"
#include "service/exports/writers_for_test.h"
#include "service/exports/voc_export.h"
#include "service/exports/yolo_export.h"

namespace chorus::service::exports {
namespace {

using namespace testing;
using nlohmann::json;

const char* kImageInterface = R"({"controls": [
  {"type": "rectangles", "name": "boxes", "to": "image", "labels": ["car", "person"],
   "rotation": true},
  {"type": "polygons", "name": "masks", "to": "image", "labels": ["road", "car"]},
  {"type": "keypoints", "name": "pose", "to": "image",
   "labels": ["nose", "left_eye", "right_eye"], "skeleton": [[0, 1], [0, 2]]}]})";

// A 200 x 100 pixel image. The rotated box is 20 x 10 % at (10, 20) %, i.e. 40 x 10 px at
// (20, 20) px, turned 90 degrees clockwise about its top-left corner: corners (20, 20),
// (20, 60), (10, 60), (10, 20), so its enclosing box is [10, 20, 10, 40] with area 400.
TestTask ImageTask() {
  TestTask task{
      MakeTask(5, {{"image", "img/5.jpg"}, {"width", 200}, {"height", 100}}), {}, std::nullopt};
  task.annotations.push_back(MakeAnnotation(
      51, 9,
      {{"boxes",
        {{"boxes",
          {{{"x", 50}, {"y", 50}, {"width", 25}, {"height", 50}, {"label", "person"}},
           {{"x", 10},
            {"y", 20},
            {"width", 20},
            {"height", 10},
            {"rotation", 90},
            {"label", "car"}}}}}},
       {"masks", {{"polygons", {{{"points", {{0, 0}, {50, 0}, {50, 50}}}, {"label", "road"}}}}}},
       {"pose",
        {{"instances",
          {{{"points",
             {{{"label", "nose"}, {"x", 50}, {"y", 40}},
              {{"label", "left_eye"}, {"x", 47}, {"y", 36}, {"occluded", true}}}}}}}}}}));
  return task;
}

// Checks the file against the field names and types of cocodataset.org/#format-data with
// Python's json module, then prints the numbers to compare.
const char* kCocoReader = R"(
import json, sys
d = json.load(open(sys.argv[1], encoding='utf-8'))
assert set(d) >= {'info', 'images', 'annotations', 'categories', 'licenses'}, d.keys()
for i in d['images']:
    assert isinstance(i['id'], int) and isinstance(i['width'], int) and isinstance(i['height'], int)
    assert isinstance(i['file_name'], str)
for c in d['categories']:
    assert isinstance(c['id'], int) and isinstance(c['name'], str) and isinstance(c['supercategory'], str)
ids = {c['id'] for c in d['categories']}
for a in d['annotations']:
    assert isinstance(a['id'], int) and isinstance(a['image_id'], int) and a['category_id'] in ids
    assert a['iscrowd'] in (0, 1) and isinstance(a['area'], (int, float))
    assert len(a['bbox']) == 4 and all(isinstance(v, (int, float)) for v in a['bbox'])
    assert isinstance(a['segmentation'], list)
    for polygon in a['segmentation']:
        assert len(polygon) % 2 == 0 and len(polygon) >= 6
    if 'keypoints' in a:
        assert isinstance(a['num_keypoints'], int) and len(a['keypoints']) % 3 == 0
names = {c['id']: c['name'] for c in d['categories']}
print([c['name'] for c in d['categories']], d['categories'][-1]['skeleton'])
print(d['images'][0]['file_name'], d['images'][0]['width'], d['images'][0]['height'])
for a in d['annotations']:
    print(a['id'], names[a['category_id']], [round(v, 6) for v in a['bbox']], round(a['area'], 6),
          a.get('num_keypoints', '-'), a['chorus']['annotation_id'])
print([round(v, 6) for v in d['annotations'][3]['keypoints']])
)";

TEST(CocoExport, MatchesThePublishedFormatAndConvertsPercentToPixels) {
  auto writer = MakeCocoWriter(Interface(kImageInterface));
  ASSERT_TRUE(writer.ok());
  const std::string out = RunWriter(**writer, {ImageTask()});
  EXPECT_EQ(RunPython(kCocoReader, out),
            "['car', 'person', 'road', 'pose'] [[1, 2], [1, 3]]\n"
            "img/5.jpg 200 100\n"
            "1 person [100.0, 50.0, 50.0, 50.0] 2500.0 - 51\n"
            "2 car [10.0, 20.0, 10.0, 40.0] 400.0 - 51\n"
            "3 road [0.0, 0.0, 100.0, 50.0] 2500.0 - 51\n"
            "4 pose [94.0, 36.0, 6.0, 4.0] 24.0 2 51\n"
            "[100.0, 40.0, 2, 94.0, 36.0, 1, 0, 0, 0]\n");
  EXPECT_EQ((*writer)->notes().at("rotated_boxes_enclosed"), 1);
}

TEST(CocoExport, ImagesCarryTheTasksAggregate) {
  auto writer = MakeCocoWriter(Interface(kImageInterface));
  ASSERT_TRUE(writer.ok());
  TestTask task = ImageTask();
  domain::TaskAggregate aggregate;
  aggregate.label = "street";
  aggregate.weight = 0.9;
  task.aggregate = aggregate;
  const json coco = json::parse(RunWriter(**writer, {task}));
  EXPECT_EQ(coco["images"][0]["chorus"]["aggregate"]["label"], "street");
  EXPECT_EQ(coco["images"][0]["chorus"]["external_id"], "ext-5");
  EXPECT_EQ(coco["annotations"][0]["chorus"]["provenance"], "human");
}

TEST(CocoExport, StopsAtATaskWithoutAnImageSize) {
  auto writer = MakeCocoWriter(Interface(kImageInterface));
  ASSERT_TRUE(writer.ok());
  TestTask task = ImageTask();
  task.task.data = json({{"image", "img/5.jpg"}}).dump();
  RunWriter(**writer, {task});
  EXPECT_EQ((*writer)->status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE((*writer)->status().message().find("task 5 has no image size"), std::string::npos);
}

TEST(CocoExport, RefusesAnInterfaceWithoutImageRegions) {
  auto writer = MakeCocoWriter(Interface(R"({"controls": [{"type": "spans", "name": "e",
                                             "to": "text", "labels": ["A"]}]})"));
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().field(), "format");
  EXPECT_NE(writer.status().message().find("rectangles, polygons or keypoints control"),
            std::string::npos);
}

// Reads the archive with Python's tarfile and prints each member and its content.
const char* kTarReader = R"(
import sys, tarfile
with tarfile.open(sys.argv[1]) as t:
    for m in t.getmembers():
        print('==', m.name, m.size)
        print(t.extractfile(m).read().decode('utf-8'), end='')
)";

TEST(YoloExport, DetectionLinesAreNormalisedCentresInAnArchiveTarfileReads) {
  auto writer = MakeYoloWriter(Interface(kImageInterface), YoloTask::kDetection);
  ASSERT_TRUE(writer.ok());
  const std::string out = RunPython(kTarReader, RunWriter(**writer, {ImageTask()}));
  // person: centre (62.5 %, 75 %), 25 x 50 %. The rotated car encloses [10, 20, 10, 40] px of
  // 200 x 100: centre (0.075, 0.4), size 0.05 x 0.4.
  EXPECT_NE(out.find("== labels/5_51.txt 76\n"
                     "1 0.625000 0.750000 0.250000 0.500000\n"
                     "0 0.075000 0.400000 0.050000 0.400000\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("names:\n  0: \"car\"\n  1: \"person\"\n"), std::string::npos) << out;
  EXPECT_NE(out.find("\"file\":\"labels/5_51.txt\""), std::string::npos) << out;
  EXPECT_NE(out.find("\"image\":\"img/5.jpg\""), std::string::npos) << out;
}

TEST(YoloExport, SegmentationAndPoseLines) {
  auto segmentation = MakeYoloWriter(Interface(kImageInterface), YoloTask::kSegmentation);
  ASSERT_TRUE(segmentation.ok());
  EXPECT_NE(RunPython(kTarReader, RunWriter(**segmentation, {ImageTask()}))
                .find("0 0.000000 0.000000 0.500000 0.000000 0.500000 0.500000\n"),
            std::string::npos);
  auto pose = MakeYoloWriter(Interface(kImageInterface), YoloTask::kPose);
  ASSERT_TRUE(pose.ok());
  const std::string out = RunPython(kTarReader, RunWriter(**pose, {ImageTask()}));
  EXPECT_NE(out.find("0 0.485000 0.380000 0.030000 0.040000 0.500000 0.400000 2 0.470000 "
                     "0.360000 1 0 0 0\n"),
            std::string::npos)
      << out;
  EXPECT_NE(out.find("kpt_shape: [3, 3]"), std::string::npos) << out;
}

// Reads the VOC files with Python's tarfile and xml.etree, as the devkit's readers do.
const char* kVocReader = R"(
import sys, tarfile, xml.etree.ElementTree as ET
with tarfile.open(sys.argv[1]) as t:
    for m in t.getmembers():
        if not m.name.endswith('.xml'):
            print('--', m.name); continue
        root = ET.fromstring(t.extractfile(m).read())
        size = root.find('size')
        print(m.name, root.findtext('filename'), size.findtext('width'), size.findtext('height'))
        for o in root.findall('object'):
            b = o.find('bndbox')
            print(o.findtext('name'), *(b.findtext(k) for k in ('xmin', 'ymin', 'xmax', 'ymax')))
)";

TEST(VocExport, OneXmlFilePerAnnotationWithOneBasedPixelCorners) {
  auto writer = MakeVocWriter(Interface(kImageInterface));
  ASSERT_TRUE(writer.ok());
  TestTask task = ImageTask();
  task.task.data = json({{"image", "a&b.jpg"}, {"width", 200}, {"height", 100}}).dump();
  // person [100, 50, 50, 50] px -> 101 51 150 100; the rotated car encloses [10, 20, 10, 40].
  EXPECT_EQ(RunPython(kVocReader, RunWriter(**writer, {task})),
            "Annotations/5_51.xml a&b.jpg 200 100\n"
            "person 101 51 150 100\n"
            "car 11 21 20 60\n"
            "-- index.jsonl\n");
}

}  // namespace
}  // namespace chorus::service::exports
