#include "service/exports/spacy_export.h"

#include <gtest/gtest.h>

#include "service/exports/writers_for_test.h"

namespace chorus::service::exports {
namespace {

using namespace testing;
using nlohmann::json;

// "👋 Zoë met José Álvarez at ACME.": an emoji and accented letters before the spans.
const char* kSpacyText = "\xF0\x9F\x91\x8B Zo\xC3\xAB met Jos\xC3\xA9 \xC3\x81lvarez at ACME.";
const char* kSpansAndRelations = R"({"controls": [
  {"type": "spans", "name": "ents", "to": "text", "labels": ["PER", "ORG"]},
  {"type": "relations", "name": "rel", "between": "ents", "labels": ["works_for"]}]})";

TestTask SpanTask() {
  TestTask task{MakeTask(3, {{"text", kSpacyText}}), {}, std::nullopt};
  domain::Annotation a = MakeAnnotation(
      31, 5,
      {{"ents",
        {{"spans",
          {{{"start", 10}, {"end", 22}, {"label", "PER"}},
           {{"start", 26}, {"end", 30}, {"label", "ORG"}}}}}},
       {"rel", {{"relations", {{{"from", 0}, {"to", 1}, {"label", "works_for"}}}}}}});
  a.draft_shown = true;
  a.draft_model_version = "ner-v2";
  task.annotations.push_back(a);
  domain::TaskAggregate aggregate;
  aggregate.label = "news";
  aggregate.posterior = R"({"news": 0.8, "sport": 0.2})";
  aggregate.confidence = 0.8;
  aggregate.weight = 0.6;
  task.aggregate = aggregate;
  return task;
}

// Python slices by code points: text[start:end] must be the span's text.
const char* kSpacyReader = R"(
import json, sys
for line in open(sys.argv[1], encoding='utf-8'):
    r = json.loads(line)
    print(r['task_id'], r['annotation_id'], r['annotator_id'], r['provenance'],
          r['aggregate']['label'], r['aggregate']['soft_label']['news'], r['aggregate']['weight'])
    for s in r['spans']:
        print(s['label'], r['text'][s['start']:s['end']])
)";

TEST(SpacyExport, OffsetsSliceThePythonStringToTheSpan) {
  auto writer = MakeSpacyWriter(Interface(kSpansAndRelations));
  ASSERT_TRUE(writer.ok());
  EXPECT_EQ(RunPython(kSpacyReader, RunWriter(**writer, {SpanTask()})),
            "3 31 5 human_drafted news 0.8 0.6\n"
            "PER Jos\xC3\xA9 \xC3\x81lvarez\n"
            "ORG ACME\n");
}

TEST(RelationsExport, WritesHeadTailAndLabelWithTheSpansTexts) {
  auto writer = MakeRelationsWriter(Interface(kSpansAndRelations));
  ASSERT_TRUE(writer.ok());
  const json line = json::parse(RunWriter(**writer, {SpanTask()}));
  ASSERT_EQ(line["relations"].size(), 1u);
  const json& relation = line["relations"][0];
  EXPECT_EQ(relation["head"]["text"], "Jos\xC3\xA9 \xC3\x81lvarez");
  EXPECT_EQ(relation["head"]["start"], 10);
  EXPECT_EQ(relation["tail"]["text"], "ACME");
  EXPECT_EQ(relation["label"], "works_for");
  EXPECT_EQ(relation["directed"], true);
  EXPECT_EQ(line["annotation_id"], 31);
}

TEST(RelationsExport, DropsALinkToAMissingSpanAndCountsIt) {
  auto writer = MakeRelationsWriter(Interface(kSpansAndRelations));
  ASSERT_TRUE(writer.ok());
  TestTask task = SpanTask();
  task.annotations[0].result =
      R"({"ents": {"spans": [{"start": 0, "end": 1, "label": "PER"}]},
          "rel": {"relations": [{"from": 0, "to": 4, "label": "works_for"}]}})";
  const json line = json::parse(RunWriter(**writer, {task}));
  EXPECT_TRUE(line["relations"].empty());
  EXPECT_EQ((*writer)->notes().at("dropped_relations"), 1);
}

TEST(RelationsExport, RefusesRelationsThatDoNotLinkSpans) {
  auto writer = MakeRelationsWriter(Interface(R"({"controls": [
    {"type": "rectangles", "name": "boxes", "to": "image", "labels": ["car"]},
    {"type": "relations", "name": "rel", "between": "boxes"}]})"));
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().field(), "format");
  EXPECT_NE(writer.status().message().find("relations control that links a spans control"),
            std::string::npos);
}

}  // namespace
}  // namespace chorus::service::exports
