#include "domain/label_interface.h"

#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <random>
#include <sstream>
#include <string>

namespace chorus::domain {
namespace {

using Json = nlohmann::json;

// One control of every type, as docs/label-interface.md shows them.
Json EveryType() {
  return Json::parse(R"({"controls": [
    {"type": "choices", "name": "sentiment", "to": "text", "instruction": "How does it feel?",
     "options": ["positive", "negative", "neutral"], "multiple": false, "required": true,
     "hotkeys": ["1", "2", "3"]},
    {"type": "spans", "name": "entities", "to": "text", "labels": ["PER", "ORG"],
     "overlap": false, "hotkeys": ["p", "o"]},
    {"type": "relations", "name": "rel", "between": "entities", "labels": ["works_for"],
     "directed": true},
    {"type": "rectangles", "name": "boxes", "to": "image", "labels": ["car", "person"],
     "rotation": true},
    {"type": "polygons", "name": "masks", "to": "image", "labels": ["road"]},
    {"type": "keypoints", "name": "pose", "to": "image",
     "labels": ["nose", "left_eye", "right_eye"], "skeleton": [[0, 1], [0, 2]]},
    {"type": "polylines", "name": "lanes", "to": "image", "labels": ["lane"]},
    {"type": "audio_segments", "name": "speakers", "to": "audio", "labels": ["alice", "bob"],
     "transcription": true},
    {"type": "video_segments", "name": "scenes", "to": "video", "labels": ["intro", "action"]},
    {"type": "video_tracks", "name": "tracks", "to": "video", "labels": ["car"]},
    {"type": "pairwise", "name": "preference", "to": ["answer_a", "answer_b"],
     "prompt": "prompt", "allow_tie": true, "allow_both_bad": true},
    {"type": "ranking", "name": "rank", "to": "answers", "prompt": "prompt"},
    {"type": "rating", "name": "quality", "min": 1, "max": 5},
    {"type": "number", "name": "count", "to": "image", "min": 0, "max": 100, "integer": true},
    {"type": "text", "name": "rewrite", "to": "text", "max_length": 10000}
  ]})");
}

// The field of the error ParseLabelInterface gives for `json`, or "ok".
std::string InterfaceErrorField(const Json& json) {
  Result<LabelInterface> li = ParseLabelInterface(json);
  if (li.ok()) return "ok";
  EXPECT_EQ(li.status().code(), StatusCode::kInvalidArgument);
  EXPECT_FALSE(li.status().message().empty());
  return li.status().field();
}

// EveryType() with controls[index] replaced by `control`.
Json With(size_t index, const Json& control) {
  Json j = EveryType();
  j["controls"][index] = control;
  return j;
}

// EveryType() with `key` of controls[index] set to `value`.
Json WithField(size_t index, const std::string& key, const Json& value) {
  Json j = EveryType();
  j["controls"][index][key] = value;
  return j;
}

TEST(LabelInterfaceTest, EveryTypeParsesAndRoundTrips) {
  Result<LabelInterface> li = ParseLabelInterface(EveryType());
  ASSERT_TRUE(li.ok()) << li.status().ToString();
  ASSERT_EQ(li->controls.size(), AllControlTypes().size());
  for (size_t i = 0; i < AllControlTypes().size(); ++i) {
    const Control& c = li->controls[i];
    EXPECT_EQ(c.type, AllControlTypes()[i]) << i;
    // Each type alone round-trips too.
    if (c.type != ControlType::kRelations) {
      Result<LabelInterface> one = ParseLabelInterface(Json{{"controls", {ToJson(c)}}});
      ASSERT_TRUE(one.ok()) << one.status().ToString();
      EXPECT_EQ(one->controls.front(), c) << ControlTypeName(c.type);
    }
  }
  Result<LabelInterface> again = ParseLabelInterface(ToJson(*li));
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(*again, *li);
  // And through text, as the store keeps it.
  Result<LabelInterface> from_text = ParseLabelInterface(ToJson(*li).dump());
  ASSERT_TRUE(from_text.ok());
  EXPECT_EQ(*from_text, *li);
}

TEST(LabelInterfaceTest, ParsedFieldsAndDefaults) {
  Result<LabelInterface> li = ParseLabelInterface(EveryType());
  ASSERT_TRUE(li.ok());
  const Control& choices = li->controls[0];
  EXPECT_EQ(choices.labels, (std::vector<std::string>{"positive", "negative", "neutral"}));
  EXPECT_EQ(choices.hotkeys, (std::vector<std::string>{"1", "2", "3"}));
  EXPECT_TRUE(choices.required);
  EXPECT_EQ(choices.to, std::vector<std::string>{"text"});
  EXPECT_EQ(choices.instruction, "How does it feel?");
  const Control* pose = FindControl(*li, "pose");
  ASSERT_NE(pose, nullptr);
  EXPECT_EQ(pose->skeleton, (std::vector<std::pair<int64_t, int64_t>>{{0, 1}, {0, 2}}));
  const Control* pair = FindControl(*li, "preference");
  EXPECT_EQ(pair->to, (std::vector<std::string>{"answer_a", "answer_b"}));
  EXPECT_EQ(pair->prompt, "prompt");
  const Control* quality = FindControl(*li, "quality");
  EXPECT_TRUE(quality->to.empty());
  EXPECT_EQ(quality->min, 1.0);
  EXPECT_EQ(quality->max, 5.0);
  EXPECT_EQ(FindControl(*li, "nope"), nullptr);

  // Defaults: rating 1..5, text 10000 code points, relations directed, number unbounded.
  Result<LabelInterface> minimal = ParseLabelInterface(Json::parse(R"({"controls": [
    {"type": "rating", "name": "r"}, {"type": "text", "name": "t"},
    {"type": "number", "name": "n"}]})"));
  ASSERT_TRUE(minimal.ok()) << minimal.status().ToString();
  EXPECT_EQ(minimal->controls[0].min, 1.0);
  EXPECT_EQ(minimal->controls[0].max, 5.0);
  EXPECT_EQ(minimal->controls[1].max_length, kDefaultTextMaxLength);
  EXPECT_FALSE(minimal->controls[2].min.has_value());
  EXPECT_FALSE(minimal->controls[2].max.has_value());
  EXPECT_EQ(*ParseLabelInterface(ToJson(*minimal)), *minimal);
}

TEST(LabelInterfaceTest, ToJsonWritesOnlyTheTypesFields) {
  Result<LabelInterface> li = ParseLabelInterface(EveryType());
  ASSERT_TRUE(li.ok());
  Json choices = ToJson(li->controls[0]);
  EXPECT_EQ(choices["options"], Json({"positive", "negative", "neutral"}));
  EXPECT_FALSE(choices.contains("labels"));
  EXPECT_FALSE(choices.contains("rotation"));
  Json pairwise = ToJson(*FindControl(*li, "preference"));
  EXPECT_EQ(pairwise["to"], Json({"answer_a", "answer_b"}));
  Json rating = ToJson(*FindControl(*li, "quality"));
  EXPECT_TRUE(rating["min"].is_number_integer());
  EXPECT_FALSE(rating.contains("to"));
}

TEST(LabelInterfaceTest, EmptyInterfacesAreRefusedButRecognised) {
  for (const char* text : {"{}", R"({"controls": []})"}) {
    Result<LabelInterface> li = ParseLabelInterface(std::string_view(text));
    ASSERT_FALSE(li.ok());
    EXPECT_EQ(li.status().field(), "controls");
    EXPECT_NE(li.status().message().find("at least one"), std::string::npos);
    EXPECT_TRUE(IsEmptyLabelInterface(std::string_view(text))) << text;
  }
  EXPECT_FALSE(IsEmptyLabelInterface(std::string_view(R"({"controls": [{}]})")));
  EXPECT_FALSE(IsEmptyLabelInterface(std::string_view(R"({"other": []})")));
  EXPECT_FALSE(IsEmptyLabelInterface(std::string_view("[]")));
  EXPECT_FALSE(IsEmptyLabelInterface(std::string_view("{")));
  EXPECT_FALSE(IsEmptyLabelInterface(EveryType()));
}

TEST(LabelInterfaceTest, RefusesMalformedDocuments) {
  // nlohmann counts bytes from 1: the input ends after byte 14.
  Result<LabelInterface> cut = ParseLabelInterface("{\"controls\": [");
  EXPECT_EQ(cut.status().field(), "label_interface");
  EXPECT_NE(cut.status().message().find("byte 15"), std::string::npos) << cut.status().message();
  EXPECT_EQ(ParseLabelInterface(std::string(kMaxInterfaceBytes + 1, ' ')).status().field(),
            "label_interface");
  EXPECT_EQ(InterfaceErrorField(Json::array()), "");
  EXPECT_EQ(InterfaceErrorField(Json{{"controls", "choices"}}), "controls");
  EXPECT_EQ(InterfaceErrorField(Json{{"controls", Json::array()}, {"version", 2}}), "version");
  Json many = {{"controls", Json::array()}};
  for (size_t i = 0; i <= kMaxControls; ++i) {
    many["controls"].push_back(
        {{"type", "text"}, {"name", "t" + std::to_string(i)}, {"max_length", 10}});
  }
  EXPECT_EQ(InterfaceErrorField(many), "controls");
  many["controls"].erase(many["controls"].size() - 1);
  EXPECT_EQ(InterfaceErrorField(many), "ok");
  EXPECT_EQ(InterfaceErrorField(With(3, "rectangles")), "controls[3]");
}

TEST(LabelInterfaceTest, UnknownTypeIsNamedWithTheKnownOnes) {
  Result<LabelInterface> li = ParseLabelInterface(WithField(4, "type", "ellipses"));
  ASSERT_FALSE(li.ok());
  EXPECT_EQ(li.status().field(), "controls[4].type");
  EXPECT_NE(li.status().message().find("\"ellipses\""), std::string::npos);
  EXPECT_NE(li.status().message().find("audio_segments"), std::string::npos);
  Json no_type = EveryType();
  no_type["controls"][2].erase("type");
  EXPECT_EQ(InterfaceErrorField(no_type), "controls[2].type");
  EXPECT_EQ(ParseControlType("video_tracks").value(), ControlType::kVideoTracks);
  for (ControlType t : AllControlTypes()) EXPECT_EQ(*ParseControlType(ControlTypeName(t)), t);
}

TEST(LabelInterfaceTest, UnknownAndForeignFieldsAreRefused) {
  EXPECT_EQ(InterfaceErrorField(WithField(0, "colour", "red")), "controls[0].colour");
  // A field of another type is foreign here: rotation belongs to rectangles, not polygons.
  Result<LabelInterface> li = ParseLabelInterface(WithField(4, "rotation", true));
  EXPECT_EQ(li.status().field(), "controls[4].rotation");
  EXPECT_NE(li.status().message().find("polygons"), std::string::npos);
  // Choices call their labels options.
  EXPECT_EQ(InterfaceErrorField(WithField(0, "labels", {"x"})), "controls[0].labels");
  EXPECT_EQ(InterfaceErrorField(WithField(12, "integer", true)), "controls[12].integer");
}

TEST(LabelInterfaceTest, NamesAreUniqueIdentifiers) {
  EXPECT_EQ(InterfaceErrorField(WithField(1, "name", "sentiment")), "controls[1].name");
  EXPECT_EQ(InterfaceErrorField(WithField(1, "name", "Entities")), "controls[1].name");
  EXPECT_EQ(InterfaceErrorField(WithField(1, "name", "")), "controls[1].name");
  EXPECT_EQ(InterfaceErrorField(WithField(1, "name", "has space")), "controls[1].name");
  EXPECT_EQ(InterfaceErrorField(WithField(1, "name", std::string(65, 'a'))), "controls[1].name");
  EXPECT_EQ(InterfaceErrorField(WithField(1, "name", 7)), "controls[1].name");
  // Renaming the spans control needs its relations renamed too.
  Json renamed = WithField(1, "name", std::string(64, 'a'));
  EXPECT_EQ(InterfaceErrorField(renamed), "controls[2].between");
  renamed["controls"][2]["between"] = std::string(64, 'a');
  EXPECT_EQ(InterfaceErrorField(renamed), "ok");
}

TEST(LabelInterfaceTest, ToNamesDataFields) {
  Json no_to = EveryType();
  no_to["controls"][3].erase("to");
  EXPECT_EQ(InterfaceErrorField(no_to), "controls[3].to");
  EXPECT_EQ(InterfaceErrorField(WithField(0, "to", "")), "controls[0].to");
  EXPECT_EQ(InterfaceErrorField(WithField(0, "to", {"text"})), "controls[0].to");
  EXPECT_EQ(InterfaceErrorField(WithField(0, "to", std::string(201, 'x'))), "controls[0].to");
  EXPECT_EQ(InterfaceErrorField(WithField(0, "to", "Answer A")),
            "ok");  // CSV headers are fields too.
  EXPECT_EQ(InterfaceErrorField(WithField(10, "to", "answer_a")), "controls[10].to");
  EXPECT_EQ(InterfaceErrorField(WithField(10, "to", {"answer_a"})), "controls[10].to");
  EXPECT_EQ(InterfaceErrorField(WithField(10, "to", {"answer_a", "answer_a"})),
            "controls[10].to[1]");
  EXPECT_EQ(InterfaceErrorField(WithField(10, "to", {"answer_a", 3})), "controls[10].to[1]");
  EXPECT_EQ(InterfaceErrorField(WithField(10, "prompt", "")), "controls[10].prompt");
  EXPECT_EQ(InterfaceErrorField(WithField(2, "to", "text")),
            "controls[2].to");  // Relations use between.
}

TEST(LabelInterfaceTest, LabelsAreNonEmptyUniqueAndShort) {
  EXPECT_EQ(InterfaceErrorField(WithField(0, "options", Json::array())), "controls[0].options");
  Json no_labels = EveryType();
  no_labels["controls"][3].erase("labels");
  EXPECT_EQ(InterfaceErrorField(no_labels), "controls[3].labels");
  Json labels = {"a", "b", "c", "d", "e", "a"};
  EXPECT_EQ(InterfaceErrorField(WithField(3, "labels", labels)), "controls[3].labels[5]");
  EXPECT_EQ(InterfaceErrorField(WithField(3, "labels", {"a", ""})), "controls[3].labels[1]");
  EXPECT_EQ(InterfaceErrorField(WithField(3, "labels", {std::string(201, 'x')})),
            "controls[3].labels[0]");
  EXPECT_EQ(InterfaceErrorField(WithField(3, "labels", {std::string(200, 'x')})), "ok");
  EXPECT_EQ(InterfaceErrorField(WithField(3, "labels", {"tab\there"})), "controls[3].labels[0]");
  EXPECT_EQ(InterfaceErrorField(WithField(3, "labels", {"\xff"})), "controls[3].labels[0]");
  EXPECT_EQ(InterfaceErrorField(WithField(3, "labels", {1})), "controls[3].labels[0]");
  EXPECT_EQ(InterfaceErrorField(WithField(3, "labels", "car")), "controls[3].labels");
  Json many = Json::array();
  for (size_t i = 0; i <= kMaxLabelsPerControl; ++i) many.push_back("l" + std::to_string(i));
  EXPECT_EQ(InterfaceErrorField(WithField(3, "labels", many)), "controls[3].labels");
  many.erase(many.size() - 1);
  EXPECT_EQ(InterfaceErrorField(WithField(3, "labels", many)), "ok");
  // Relations may be unlabelled.
  Json unlabelled = EveryType();
  unlabelled["controls"][2].erase("labels");
  EXPECT_EQ(InterfaceErrorField(unlabelled), "ok");
  EXPECT_EQ(InterfaceErrorField(WithField(2, "labels", Json::array())), "ok");
}

TEST(LabelInterfaceTest, HotkeysMatchLabelsAndAreUniqueAcrossTheInterface) {
  EXPECT_EQ(InterfaceErrorField(WithField(0, "hotkeys", {"1", "2"})), "controls[0].hotkeys");
  EXPECT_EQ(InterfaceErrorField(WithField(0, "hotkeys", {"1", "2", "2"})),
            "controls[0].hotkeys[2]");
  EXPECT_EQ(InterfaceErrorField(WithField(0, "hotkeys", {"1", "2", ""})), "controls[0].hotkeys[2]");
  EXPECT_EQ(InterfaceErrorField(WithField(0, "hotkeys", {"1", "2", "a b"})),
            "controls[0].hotkeys[2]");
  Result<LabelInterface> li = ParseLabelInterface(WithField(3, "hotkeys", {"x", "p"}));
  ASSERT_FALSE(li.ok());
  EXPECT_EQ(li.status().field(), "controls[3].hotkeys[1]");
  EXPECT_NE(li.status().message().find("controls[1].hotkeys[0]"), std::string::npos);
  EXPECT_EQ(InterfaceErrorField(WithField(3, "hotkeys", {"x", "shift+p"})), "ok");
  EXPECT_EQ(InterfaceErrorField(WithField(10, "hotkeys", {"a"})), "controls[10].hotkeys");
}

TEST(LabelInterfaceTest, RangesAreOrdered) {
  EXPECT_EQ(InterfaceErrorField(WithField(12, "max", 1)), "controls[12].max");
  EXPECT_EQ(InterfaceErrorField(WithField(12, "min", 6)), "controls[12].max");
  EXPECT_EQ(InterfaceErrorField(WithField(12, "max", 4.5)), "controls[12].max");
  EXPECT_EQ(InterfaceErrorField(WithField(12, "max", 102)), "controls[12].max");
  EXPECT_EQ(InterfaceErrorField(WithField(12, "max", 101)), "ok");
  EXPECT_EQ(InterfaceErrorField(WithField(13, "max", 0)), "controls[13].max");
  EXPECT_EQ(InterfaceErrorField(WithField(13, "min", "0")), "controls[13].min");
  EXPECT_EQ(InterfaceErrorField(WithField(13, "max", 0.5)), "ok");
  EXPECT_EQ(InterfaceErrorField(WithField(14, "max_length", 0)), "controls[14].max_length");
  EXPECT_EQ(InterfaceErrorField(WithField(14, "max_length", kMaxTextMaxLength + 1)),
            "controls[14].max_length");
}

TEST(LabelInterfaceTest, VideoControlsDeclareTheirFrameRate) {
  EXPECT_EQ(FindControl(*ParseLabelInterface(EveryType()), "scenes")->frame_rate, 25.0);
  Result<LabelInterface> ntsc = ParseLabelInterface(WithField(9, "frame_rate", 29.97));
  ASSERT_TRUE(ntsc.ok()) << ntsc.status().ToString();
  EXPECT_EQ(FindControl(*ntsc, "tracks")->frame_rate, 29.97);
  EXPECT_EQ(ToJson(*FindControl(*ntsc, "tracks"))["frame_rate"], 29.97);
  EXPECT_EQ(*ParseLabelInterface(ToJson(*ntsc)), *ntsc);
  EXPECT_EQ(InterfaceErrorField(WithField(8, "frame_rate", 0)), "controls[8].frame_rate");
  EXPECT_EQ(InterfaceErrorField(WithField(8, "frame_rate", 1001)), "controls[8].frame_rate");
  EXPECT_EQ(InterfaceErrorField(WithField(8, "frame_rate", "25")), "controls[8].frame_rate");
  // Only video controls have frames.
  EXPECT_EQ(InterfaceErrorField(WithField(7, "frame_rate", 25)), "controls[7].frame_rate");
  EXPECT_FALSE(ToJson(*FindControl(*ntsc, "boxes")).contains("frame_rate"));
}

TEST(LabelInterfaceTest, RelationsReferToRegionControls) {
  EXPECT_EQ(InterfaceErrorField(WithField(2, "between", "nowhere")), "controls[2].between");
  EXPECT_EQ(InterfaceErrorField(WithField(2, "between", "sentiment")), "controls[2].between");
  EXPECT_EQ(InterfaceErrorField(WithField(2, "between", "rel")), "controls[2].between");
  EXPECT_EQ(InterfaceErrorField(WithField(2, "between", "boxes")), "ok");
  EXPECT_EQ(InterfaceErrorField(WithField(2, "between", "masks")), "ok");
  Json missing = EveryType();
  missing["controls"][2].erase("between");
  EXPECT_EQ(InterfaceErrorField(missing), "controls[2].between");
}

TEST(LabelInterfaceTest, SkeletonIndicesAreInRange) {
  EXPECT_EQ(InterfaceErrorField(WithField(5, "skeleton", {{0, 3}})), "controls[5].skeleton[0][1]");
  EXPECT_EQ(InterfaceErrorField(WithField(5, "skeleton", {{0, 1}, {-1, 2}})),
            "controls[5].skeleton[1][0]");
  EXPECT_EQ(InterfaceErrorField(WithField(5, "skeleton", {{1, 1}})), "controls[5].skeleton[0]");
  EXPECT_EQ(InterfaceErrorField(WithField(5, "skeleton", {{0, 1}, {1, 0}})),
            "controls[5].skeleton[1]");
  EXPECT_EQ(InterfaceErrorField(WithField(5, "skeleton", {{0, 1, 2}})), "controls[5].skeleton[0]");
  EXPECT_EQ(InterfaceErrorField(WithField(5, "skeleton", {0, 1})), "controls[5].skeleton[0]");
  EXPECT_EQ(InterfaceErrorField(WithField(5, "skeleton", Json::array())), "ok");
}

TEST(LabelInterfaceTest, BooleansAndInstructionAreTyped) {
  EXPECT_EQ(InterfaceErrorField(WithField(0, "multiple", "yes")), "controls[0].multiple");
  EXPECT_EQ(InterfaceErrorField(WithField(0, "required", 1)), "controls[0].required");
  EXPECT_EQ(InterfaceErrorField(WithField(0, "instruction", 1)), "controls[0].instruction");
  EXPECT_EQ(
      InterfaceErrorField(WithField(0, "instruction", std::string(kMaxInstructionBytes + 1, 'x'))),
      "controls[0].instruction");
}

TEST(LabelInterfaceTest, AmbiguousIsAChoicesOptionOffByDefault) {
  Result<LabelInterface> li = ParseLabelInterface(EveryType());
  ASSERT_TRUE(li.ok());
  EXPECT_FALSE(li->controls[0].ambiguous);
  EXPECT_EQ(ToJson(li->controls[0])["ambiguous"], false);
  EXPECT_FALSE(ToJson(*FindControl(*li, "entities")).contains("ambiguous"));

  Result<LabelInterface> on = ParseLabelInterface(WithField(0, "ambiguous", true));
  ASSERT_TRUE(on.ok()) << on.status().ToString();
  EXPECT_TRUE(on->controls[0].ambiguous);
  EXPECT_EQ(*ParseLabelInterface(ToJson(*on)), *on);

  EXPECT_EQ(InterfaceErrorField(WithField(0, "ambiguous", "yes")), "controls[0].ambiguous");
  EXPECT_EQ(InterfaceErrorField(WithField(1, "ambiguous", true)), "controls[1].ambiguous");
  // The category name the agreement report uses is not an option then; "?" is its key.
  Json reserved = WithField(0, "ambiguous", true);
  reserved["controls"][0]["options"][1] = kAmbiguousCategory;
  EXPECT_EQ(InterfaceErrorField(reserved), "controls[0].options[1]");
  reserved["controls"][0]["ambiguous"] = false;
  EXPECT_EQ(InterfaceErrorField(reserved), "ok");
  Json question = WithField(0, "ambiguous", true);
  question["controls"][1]["hotkeys"] = {"p", "?"};
  EXPECT_EQ(InterfaceErrorField(question), "controls[1].hotkeys[1]");
  question["controls"][0]["ambiguous"] = false;
  EXPECT_EQ(InterfaceErrorField(question), "ok");
}

TEST(LabelInterfaceTest, DataFieldsUsedAndAccessors) {
  Result<LabelInterface> li = ParseLabelInterface(EveryType());
  ASSERT_TRUE(li.ok());
  EXPECT_EQ(DataFieldsUsed(*li),
            (std::vector<std::string>{"answer_a", "answer_b", "answers", "audio", "image", "prompt",
                                      "text", "video"}));
  const Control* first = FirstChoices(*li);
  ASSERT_NE(first, nullptr);
  EXPECT_EQ(first->name, "sentiment");
  EXPECT_EQ(FirstControlOfType(*li, ControlType::kVideoTracks)->name, "tracks");
  LabelInterface none;
  EXPECT_EQ(FirstChoices(none), nullptr);
  EXPECT_TRUE(DataFieldsUsed(none).empty());
}

// Every control example in docs/label-interface.md parses, all of them together as one
// interface (their names and hotkeys are unique), and every type has an example.
TEST(LabelInterfaceTest, DocumentedExamplesParse) {
  std::ifstream file(std::string(CHORUS_SOURCE_DIR) + "/docs/label-interface.md");
  ASSERT_TRUE(file.good());
  std::stringstream text;
  text << file.rdbuf();
  const std::string doc = text.str();
  Json controls = Json::array();
  for (size_t at = doc.find("```json\n"); at != std::string::npos;
       at = doc.find("```json\n", at + 1)) {
    const size_t begin = at + 8;
    const std::string block = doc.substr(begin, doc.find("```", begin) - begin);
    if (block.rfind("{\"type\"", 0) == 0) controls.push_back(Json::parse(block));
  }
  Result<LabelInterface> li = ParseLabelInterface(Json{{"controls", controls}});
  ASSERT_TRUE(li.ok()) << li.status().ToString();
  for (ControlType t : AllControlTypes()) {
    EXPECT_NE(FirstControlOfType(*li, t), nullptr) << ControlTypeName(t);
  }
}

// Property: any interface built from valid pieces parses back from its ToJson unchanged.
TEST(LabelInterfaceTest, RandomInterfacesRoundTrip) {
  std::mt19937 rng(20261124);
  const Json every = EveryType()["controls"];
  for (int trial = 0; trial < 200; ++trial) {
    Json controls = Json::array();
    int keys = 0;
    const size_t count = 1 + rng() % 8;
    for (size_t i = 0; i < count; ++i) {
      Json c = every[rng() % every.size()];
      if (c["type"] == "relations") c = every[1];  // Needs its spans control; keep it simple.
      c["name"] = "c" + std::to_string(i);
      c.erase("hotkeys");
      if (c.contains("labels") || c.contains("options")) {
        const char* key = c.contains("labels") ? "labels" : "options";
        Json labels = Json::array();
        const size_t n = 1 + rng() % 5;
        for (size_t l = 0; l < n; ++l)
          labels.push_back("L" + std::to_string(rng() % 1000 + l * 1000));
        c[key] = labels;
        if (c["type"] == "keypoints") c["skeleton"] = n > 1 ? Json{{0, n - 1}} : Json::array();
        if (rng() % 2 == 0) {
          Json hotkeys = Json::array();
          for (size_t l = 0; l < n; ++l) hotkeys.push_back("k" + std::to_string(keys++));
          c["hotkeys"] = hotkeys;
        }
      }
      if (c["type"] == "number") {
        double lo = static_cast<double>(rng() % 1000) / 7.0;
        c["min"] = lo;
        c["max"] = lo + 1.0 + static_cast<double>(rng() % 1000) / 3.0;
        c["integer"] = rng() % 2 == 0;
      }
      c["required"] = rng() % 2 == 0;
      controls.push_back(c);
    }
    Result<LabelInterface> li = ParseLabelInterface(Json{{"controls", controls}});
    ASSERT_TRUE(li.ok()) << li.status().ToString() << "\n" << controls.dump();
    Result<LabelInterface> again = ParseLabelInterface(ToJson(*li).dump());
    ASSERT_TRUE(again.ok()) << again.status().ToString();
    EXPECT_EQ(*again, *li) << controls.dump();
  }
}

}  // namespace
}  // namespace chorus::domain
