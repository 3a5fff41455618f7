#include "service/exports/conll_export.h"

#include <gtest/gtest.h>

#include "service/exports/writers_for_test.h"
#include "service/exports/text_tokens.h"

namespace chorus::service::exports {
namespace {

using namespace testing;
using nlohmann::json;

// An emoji (one code point, two UTF-16 units, four bytes) and accented letters come before
// the spans, so byte or UTF-16 offsets would tag the wrong tokens.
const char* kText = "\xF0\x9F\x91\x8B Zo\xC3\xAB met Jos\xC3\xA9 \xC3\x81lvarez at ACME.";
const char* kSpans = R"({"controls": [{"type": "spans", "name": "ents", "to": "text",
                         "labels": ["PER", "ORG", "NEW LABEL"], "overlap": true}]})";

std::vector<TestTask> WorkedExample() {
  TestTask task{MakeTask(7, {{"text", kText}}), {}, std::nullopt};
  // Annotator 11: clean spans. "José Álvarez" is [10, 22), "ACME" [26, 30).
  task.annotations.push_back(
      MakeAnnotation(101, 11,
                     {{"ents",
                       {{"spans",
                         {{{"start", 10}, {"end", 22}, {"label", "PER"}},
                          {{"start", 26}, {"end", 30}, {"label", "ORG"}}}}}}}));
  // Annotator 12: "oë" splits "Zoë" (widened); [10, 14) overlaps the longer [10, 22) (dropped).
  domain::Annotation second =
      MakeAnnotation(102, 12,
                     {{"ents",
                       {{"spans",
                         {{{"start", 3}, {"end", 5}, {"label", "NEW LABEL"}},
                          {{"start", 10}, {"end", 14}, {"label", "PER"}},
                          {{"start", 10}, {"end", 22}, {"label", "ORG"}}}}}}});
  second.source = domain::AnnotationSource::kHuman;
  second.blind = true;
  second.draft_model_version = "ner-v2";
  task.annotations.push_back(second);
  domain::Annotation skipped = MakeAnnotation(103, 13, json::object());
  skipped.state = domain::AnnotationState::kSkipped;
  task.annotations.push_back(skipped);
  return {task};
}

// Reads CoNLL blocks with its own logic: "# k = v" comments, "TOKEN TAG" lines, blank ends.
const char* kConllReader = R"(
import sys
blocks, meta, rows = [], {}, []
for line in open(sys.argv[1], encoding='utf-8').read().split('\n'):
    if line.startswith('# '):
        k, v = line[2:].split(' = ', 1); meta[k] = v
    elif line == '':
        if rows: blocks.append((meta, rows))
        meta, rows = {}, []
    else:
        tok, tag = line.split(); rows.append((tok, tag))
for meta, rows in blocks:
    print(meta['annotation_id'], meta['annotator_id'], meta['provenance'], meta.get('model_version', '-'))
    print(' '.join(t + '/' + g for t, g in rows))
)";

TEST(Tokenize, CountsCodePointsAndSplitsPunctuationAndEmoji) {
  const std::vector<Token> tokens = Tokenize(kText);
  ASSERT_EQ(tokens.size(), 8u);
  EXPECT_EQ(tokens[0].text, "\xF0\x9F\x91\x8B");
  EXPECT_EQ(tokens[1].start, 2u);  // "Zoë": the emoji is one code point.
  EXPECT_EQ(tokens[1].end, 5u);
  EXPECT_EQ(tokens[4].text, "\xC3\x81lvarez");
  EXPECT_EQ(tokens[4].start, 15u);
  EXPECT_EQ(tokens[6].text, "ACME");
  EXPECT_EQ(tokens[7].text, ".");
}

TEST(TokensOfSpan, WidensCutSpansButNotSurroundingSpace) {
  const std::vector<Token> tokens = Tokenize("ab cd");
  EXPECT_FALSE(TokensOfSpan(tokens, 0, 3).cut);  // "ab " ends in whitespace.
  const TokenRange cut = TokensOfSpan(tokens, 1, 4);
  EXPECT_TRUE(cut.cut);
  EXPECT_EQ(cut.first, 0u);
  EXPECT_EQ(cut.last, 1u);
  EXPECT_GT(TokensOfSpan(tokens, 2, 3).first, TokensOfSpan(tokens, 2, 3).last);  // Space only.
}

TEST(ConllExport, Iob2ReadsBackWithAnIndependentReader) {
  auto writer = MakeConllWriter(Interface(kSpans), TagScheme::kIob2);
  ASSERT_TRUE(writer.ok());
  const std::string out = RunWriter(**writer, WorkedExample());
  EXPECT_EQ(
      RunPython(kConllReader, out),
      "101 11 human -\n"
      "\xF0\x9F\x91\x8B/O Zo\xC3\xAB/O met/O Jos\xC3\xA9/B-PER \xC3\x81lvarez/I-PER at/O "
      "ACME/B-ORG ./O\n"
      "102 12 human_blind ner-v2\n"
      "\xF0\x9F\x91\x8B/O Zo\xC3\xAB/B-NEW_LABEL met/O Jos\xC3\xA9/B-ORG \xC3\x81lvarez/I-ORG "
      "at/O ACME/O ./O\n");
  const ExportNotes expected = {
      {"widened_spans", 1}, {"dropped_overlapping_spans", 1}, {"skipped_annotations", 1}};
  EXPECT_EQ((*writer)->notes(), expected);
}

TEST(ConllExport, IobesMarksSingleAndEndTokens) {
  auto writer = MakeConllWriter(Interface(kSpans), TagScheme::kIobes);
  ASSERT_TRUE(writer.ok());
  std::vector<TestTask> tasks = WorkedExample();
  tasks[0].annotations.resize(1);
  const std::string out = RunWriter(**writer, tasks);
  EXPECT_NE(out.find("Jos\xC3\xA9 B-PER\n\xC3\x81lvarez E-PER\n"), std::string::npos) << out;
  EXPECT_NE(out.find("ACME S-ORG\n"), std::string::npos) << out;
}

TEST(ConllExport, CarriesTheStoredAggregateAsComments) {
  auto writer = MakeConllWriter(Interface(kSpans), TagScheme::kIob2);
  ASSERT_TRUE(writer.ok());
  std::vector<TestTask> tasks = WorkedExample();
  domain::TaskAggregate aggregate;
  aggregate.label = "news";
  aggregate.confidence = 0.75;
  aggregate.weight = 0.5;
  tasks[0].aggregate = aggregate;
  const std::string out = RunWriter(**writer, tasks);
  EXPECT_NE(out.find("# aggregate_label = news\n# aggregate_confidence = 0.75\n"
                     "# aggregate_weight = 0.5\n"),
            std::string::npos)
      << out;
}

TEST(ConllExport, RefusesAnInterfaceWithoutSpans) {
  auto writer =
      MakeConllWriter(Interface(R"({"controls": [{"type": "choices", "name": "c", "to": "text",
                                  "options": ["a", "b"]}]})"),
                      TagScheme::kIob2);
  ASSERT_FALSE(writer.ok());
  EXPECT_EQ(writer.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(writer.status().field(), "format");
  EXPECT_NE(writer.status().message().find("needs a spans control"), std::string::npos);
}

}  // namespace
}  // namespace chorus::service::exports
