#include "domain/ls_config.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace chorus::domain {
namespace {

using nlohmann::json;
using ::testing::ElementsAre;
using ::testing::HasSubstr;
using ::testing::IsEmpty;

// The config's interface as JSON (ToJson writes every field), failing the test on an error.
json Imported(const std::string& xml, std::vector<std::string>* unsupported = nullptr) {
  auto imported = FromLabelStudioConfig(xml);
  EXPECT_TRUE(imported.ok()) << imported.status().ToString();
  if (!imported.ok()) return json();
  if (unsupported != nullptr) *unsupported = imported->unsupported;
  return ToJson(imported->label_interface)["controls"];
}

// config -> interface -> config -> interface gives the same interface.
void ExpectRoundTrip(const std::string& xml) {
  auto first = FromLabelStudioConfig(xml);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  const LabelStudioConfigExport exported = ToLabelStudioConfig(first->label_interface);
  auto second = FromLabelStudioConfig(exported.xml);
  ASSERT_TRUE(second.ok()) << second.status().ToString() << "\n" << exported.xml;
  EXPECT_EQ(ToJson(second->label_interface), ToJson(first->label_interface)) << exported.xml;
  EXPECT_THAT(second->unsupported, IsEmpty()) << exported.xml;
}

TEST(LabelStudioConfigTest, TextClassificationWithHeaderAndHotkeys) {
  const std::string xml = R"(<View>
  <Header value="How does it feel?"/>
  <Text name="text" value="$review"/>
  <Choices name="sentiment" toName="text" choice="single-radio" required="true" showInline="true">
    <Choice value="positive" hotkey="1"/>
    <Choice value="negative" hotkey="2"/>
  </Choices>
</View>)";
  const json c = Imported(xml)[0];
  EXPECT_EQ(c["type"], "choices");
  EXPECT_EQ(c["to"], "review");
  EXPECT_EQ(c["options"], json({"positive", "negative"}));
  EXPECT_EQ(c["hotkeys"], json({"1", "2"}));
  EXPECT_EQ(c["instruction"], "How does it feel?");
  EXPECT_EQ(c["required"], true);
  EXPECT_EQ(c["multiple"], false);
  ExpectRoundTrip(xml);
}

TEST(LabelStudioConfigTest, NerWithRelationsAndMultiLabelClassification) {
  const std::string xml = R"(<View>
  <Relations><Relation value="works_for"/><Relation value="lives_in"/></Relations>
  <Labels name="label" toName="text">
    <Label value="PER" background="red"/><Label value="ORG"/>
  </Labels>
  <Text name="text" value="$text"/>
  <Choices name="topics" toName="text" choice="multiple"><Choice value="a"/><Choice value="b"/></Choices>
</View>)";
  const json controls = Imported(xml);
  ASSERT_EQ(controls.size(), 3u);
  EXPECT_EQ(controls[0]["type"], "relations");
  EXPECT_EQ(controls[0]["between"], "label");
  EXPECT_EQ(controls[0]["labels"], json({"works_for", "lives_in"}));
  EXPECT_EQ(controls[1]["type"], "spans");
  EXPECT_EQ(controls[1]["overlap"], true);  // Label Studio lets spans overlap.
  EXPECT_EQ(controls[2]["multiple"], true);
  ExpectRoundTrip(xml);
}

TEST(LabelStudioConfigTest, ImageBoxesPolygonsAndKeypoints) {
  const std::string xml = R"(<View>
  <Image name="image" value="$image" zoom="true"/>
  <RectangleLabels name="boxes" toName="image" canRotate="false">
    <Label value="car"/><Label value="person"/>
  </RectangleLabels>
  <PolygonLabels name="masks" toName="image" strokeWidth="3"><Label value="road"/></PolygonLabels>
  <KeyPointLabels name="pose" toName="image"><Label value="nose"/><Label value="eye"/></KeyPointLabels>
  <Number name="count" toName="image" min="0" max="1000" step="1"/>
</View>)";
  std::vector<std::string> unsupported;
  const json controls = Imported(xml, &unsupported);
  EXPECT_THAT(unsupported, IsEmpty());
  ASSERT_EQ(controls.size(), 4u);
  EXPECT_EQ(controls[0]["type"], "rectangles");
  EXPECT_EQ(controls[0]["rotation"], false);
  EXPECT_EQ(controls[1]["type"], "polygons");
  EXPECT_EQ(controls[2]["type"], "keypoints");
  EXPECT_EQ(controls[3]["type"], "number");
  EXPECT_EQ(controls[3]["integer"], true);
  EXPECT_EQ(controls[3]["max"], 1000);
  ExpectRoundTrip(xml);
}

TEST(LabelStudioConfigTest, AudioSegmentsWithPerRegionTranscription) {
  const std::string xml = R"(<View>
  <Labels name="speakers" toName="audio"><Label value="alice"/><Label value="bob"/></Labels>
  <AudioPlus name="audio" value="$url"/>
  <TextArea name="transcript" toName="audio" perRegion="true" editable="true"/>
</View>)";
  const json controls = Imported(xml);
  ASSERT_EQ(controls.size(), 1u);
  EXPECT_EQ(controls[0]["type"], "audio_segments");
  EXPECT_EQ(controls[0]["to"], "url");
  EXPECT_EQ(controls[0]["transcription"], true);
  ExpectRoundTrip(xml);
}

TEST(LabelStudioConfigTest, VideoTimelineAndTracksTakeTheVideosFrameRate) {
  const std::string xml = R"(<View>
  <Video name="video" value="$video" frameRate="29.97"/>
  <TimelineLabels name="scenes" toName="video"><Label value="intro"/></TimelineLabels>
  <Labels name="track_labels" toName="video"><Label value="car"/></Labels>
  <VideoRectangle name="tracks" toName="video"/>
</View>)";
  const json controls = Imported(xml);
  ASSERT_EQ(controls.size(), 2u);
  EXPECT_EQ(controls[0]["type"], "video_segments");
  EXPECT_EQ(controls[0]["frame_rate"], 29.97);
  EXPECT_EQ(controls[1]["type"], "video_tracks");
  EXPECT_EQ(controls[1]["labels"], json({"car"}));
  ExpectRoundTrip(xml);
}

TEST(LabelStudioConfigTest, PairwiseRankingRatingAndTextarea) {
  const std::string xml = R"(<View>
  <Text name="prompt" value="$prompt"/>
  <Text name="a" value="$answer_a"/><Text name="b" value="$answer_b"/>
  <Pairwise name="preference" toName="a,b" chorus-allow-tie="true" chorus-prompt="prompt"/>
  <List name="answers" value="$answers" title="Answers"/>
  <Ranker name="rank" toName="answers"/>
  <Rating name="quality" toName="a" maxRating="10" icon="star"/>
  <TextArea name="rewrite" toName="a" rows="4" chorus-max-length="500"/>
</View>)";
  const json controls = Imported(xml);
  ASSERT_EQ(controls.size(), 4u);
  EXPECT_EQ(controls[0]["to"], json({"answer_a", "answer_b"}));
  EXPECT_EQ(controls[0]["allow_tie"], true);
  EXPECT_EQ(controls[0]["prompt"], "prompt");
  EXPECT_EQ(controls[1]["type"], "ranking");
  EXPECT_EQ(controls[1]["to"], "answers");
  EXPECT_EQ(controls[2]["max"], 10);
  EXPECT_EQ(controls[3]["type"], "text");
  EXPECT_EQ(controls[3]["max_length"], 500);
  ExpectRoundTrip(xml);
}

TEST(LabelStudioConfigTest, ListsUnsupportedTagsAndAttributesByNameAndLine) {
  const std::string xml = R"(<View>
  <Image name="image" value="$image"/>
  <BrushLabels name="mask" toName="image"><Label value="sky"/></BrushLabels>
  <Choices name="weather" toName="image" visibleWhen="region-selected">
    <Choice value="sun"/>
  </Choices>
  <Paragraphs name="dialogue" value="$dialogue"/>
  <Choices name="intent" toName="dialogue"><Choice value="ask"/></Choices>
</View>)";
  std::vector<std::string> unsupported;
  const json controls = Imported(xml, &unsupported);
  ASSERT_EQ(controls.size(), 1u);
  EXPECT_EQ(controls[0]["name"], "weather");
  EXPECT_THAT(unsupported,
              ElementsAre("<BrushLabels name=\"mask\"> (line 3)",
                          "<Choices name=\"weather\"> visibleWhen (line 4)",
                          "<Paragraphs name=\"dialogue\"> (line 7)",
                          "<Choices name=\"intent\"> on unsupported object \"dialogue\" (line 8)"));
}

TEST(LabelStudioConfigTest, RefusesBadXmlNamingTheLineAndTag) {
  auto bad = FromLabelStudioConfig("<View>\n<Text name=\"t\" value=\"$t\">\n</View>");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().field(), "config");
  EXPECT_THAT(bad.status().message(), HasSubstr("is not XML"));
  EXPECT_THAT(bad.status().message(), HasSubstr("line 3"));

  auto no_object = FromLabelStudioConfig(
      "<View>\n  <Choices name=\"c\" toName=\"nothing\"><Choice value=\"a\"/></Choices>\n</View>");
  ASSERT_FALSE(no_object.ok());
  EXPECT_THAT(no_object.status().message(),
              HasSubstr("<Choices name=\"c\"> at line 2: toName \"nothing\" names no object"));

  auto bad_name = FromLabelStudioConfig(
      "<View><Text name=\"t\" value=\"$t\"/><Choices name=\"Sentiment\" toName=\"t\">"
      "<Choice value=\"a\"/></Choices></View>");
  ASSERT_FALSE(bad_name.ok());
  EXPECT_THAT(bad_name.status().message(), HasSubstr("name must be 1-64 of a-z"));

  EXPECT_FALSE(FromLabelStudioConfig("<Root/>").ok());
  EXPECT_FALSE(FromLabelStudioConfig(std::string(kMaxLabelStudioConfigBytes + 1, ' ')).ok());
}

TEST(LabelStudioConfigTest, DoctypeEntitiesAreNeitherDeclaredNorExpanded) {
  auto imported = FromLabelStudioConfig(R"(<!DOCTYPE View [<!ENTITY x SYSTEM "file:///etc/passwd">]>
<View><Text name="t" value="$t"/><Choices name="c" toName="t"><Choice value="&x;"/></Choices></View>)");
  // pugixml leaves an unknown entity as text; nothing is read from the file.
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(imported->label_interface.controls[0].labels[0], "&x;");
}

TEST(LabelStudioConfigTest, ExportOfEveryChorusSettingReadsBackUnchanged) {
  auto li = ParseLabelInterface(R"({"controls": [
    {"type": "spans", "name": "entities", "to": "text", "labels": ["PER", "ORG"],
     "overlap": false, "hotkeys": ["p", "o"], "instruction": "Mark <names> & orgs"},
    {"type": "relations", "name": "rel", "between": "entities", "labels": [], "directed": false},
    {"type": "choices", "name": "label", "to": "image", "options": ["x", "y"], "ambiguous": true},
    {"type": "keypoints", "name": "pose", "to": "image", "labels": ["a", "b", "c"],
     "skeleton": [[0, 1], [1, 2]]},
    {"type": "video_tracks", "name": "tracks", "to": "clip", "labels": ["car"], "rotation": true,
     "frame_rate": 30},
    {"type": "pairwise", "name": "pref", "to": ["Answer A", "Answer B"], "allow_both_bad": true},
    {"type": "rating", "name": "score", "min": 0, "max": 3},
    {"type": "number", "name": "n", "to": "text", "min": -1.5},
    {"type": "polylines", "name": "lanes", "to": "image", "labels": ["lane"]}]})");
  ASSERT_TRUE(li.ok()) << li.status().ToString();
  const LabelStudioConfigExport exported = ToLabelStudioConfig(*li);
  EXPECT_THAT(exported.skipped, ElementsAre(HasSubstr("lanes")));
  auto back = FromLabelStudioConfig(exported.xml);
  ASSERT_TRUE(back.ok()) << back.status().ToString() << "\n" << exported.xml;
  LabelInterface expected = *li;
  expected.controls.pop_back();  // The polylines.
  EXPECT_EQ(ToJson(back->label_interface), ToJson(expected)) << exported.xml;
  EXPECT_THAT(back->unsupported, IsEmpty());
}

// The tree walks recurse per level: 140,000 nested tags (under the 1 MB limit) ran the stack
// out before the depth was checked.
TEST(LabelStudioConfigTest, DeepNestingIsRefusedNotACrash) {
  std::string xml = "<View>";
  for (int i = 0; i < 140000; ++i) xml += "<a>";
  for (int i = 0; i < 140000; ++i) xml += "</a>";
  xml += "</View>";
  ASSERT_LT(xml.size(), kMaxLabelStudioConfigBytes);
  auto imported = FromLabelStudioConfig(xml);
  ASSERT_FALSE(imported.ok());
  EXPECT_NE(imported.status().message().find("deeper than 64"), std::string::npos);
}

// Label Studio's OCR template: a text per box. A task-level text control would keep only the
// last box's text, so the per-region TextArea is listed and not made a control.
TEST(LabelStudioConfigTest, PerRegionAnswersAreListedNotMerged) {
  std::vector<std::string> unsupported;
  const json controls = Imported(R"(<View>
  <Image name="image" value="$ocr"/>
  <RectangleLabels name="bbox" toName="image"><Label value="Text"/></RectangleLabels>
  <TextArea name="transcription" toName="image" perRegion="true" editable="true"/>
  <Choices name="kind" toName="image" perRegion="true"><Choice value="print"/></Choices>
</View>)",
                                 &unsupported);
  ASSERT_EQ(controls.size(), 1u);
  EXPECT_EQ(controls[0]["name"], "bbox");
  EXPECT_THAT(unsupported, ElementsAre("<TextArea name=\"transcription\"> perRegion (line 4)",
                                       "<Choices name=\"kind\"> perRegion (line 5)"));
}

// An audio control's transcription travels as "<name>_transcription", longer than a Chorus name
// for long control names; it is not a control, so its name is not checked.
TEST(LabelStudioConfigTest, LongAudioControlNamesRoundTrip) {
  const std::string name(60, 's');
  ExpectRoundTrip("<View>\n  <Labels name=\"" + name +
                  "\" toName=\"audio\"><Label value=\"a\"/></Labels>\n"
                  "  <Audio name=\"audio\" value=\"$url\"/>\n  <TextArea name=\"" + name +
                  "_transcription\" toName=\"audio\" perRegion=\"true\"/>\n</View>");
}

// Label Studio's HyperText regions are XPath ranges, which no Chorus span can hold; choices on a
// page still map.
TEST(LabelStudioConfigTest, SpansOnHyperTextAreListedChoicesMap) {
  std::vector<std::string> unsupported;
  const json controls = Imported(R"(<View>
  <HyperText name="page" value="$html"/>
  <Labels name="ner" toName="page"><Label value="PER"/></Labels>
  <Choices name="topic" toName="page"><Choice value="news"/></Choices>
</View>)",
                                 &unsupported);
  ASSERT_EQ(controls.size(), 1u);
  EXPECT_EQ(controls[0]["name"], "topic");
  EXPECT_THAT(unsupported, ElementsAre("<Labels name=\"ner\"> on <HyperText> (its regions are "
                                       "XPath ranges, not offsets) (line 3)"));
}

}  // namespace
}  // namespace chorus::domain
