#include "service/exports/audio_export.h"

#include <gtest/gtest.h>

#include "service/exports/writers_for_test.h"

namespace chorus::service::exports {
namespace {

using namespace testing;
using nlohmann::json;

const char* kAudio = R"({"controls": [{"type": "audio_segments", "name": "speech",
  "to": "audio", "labels": ["alice", "bob"], "transcription": true}]})";

TestTask AudioTask() {
  TestTask task{MakeTask(8, {{"audio", "a/8.wav"}}), {}, std::nullopt};
  task.annotations.push_back(
      MakeAnnotation(81, 2,
                     {{"speech",
                       {{"segments",
                         {{{"start", 0.5}, {"end", 2.0}, {"label", "alice"}, {"text", "=hello"}},
                          {{"start", 2.0}, {"end", 3.25}, {"label", "bob"}}}}}}}));
  return task;
}

TEST(AudioExport, AsrManifestHasOneLinePerTranscribedSegment) {
  auto writer = MakeAudioWriter(Interface(kAudio), AudioFormat::kAsrManifest);
  ASSERT_TRUE(writer.ok());
  const json line = json::parse(RunWriter(**writer, {AudioTask()}));
  EXPECT_EQ(line["audio_filepath"], "a/8.wav");
  EXPECT_DOUBLE_EQ(line["offset"].get<double>(), 0.5);
  EXPECT_DOUBLE_EQ(line["duration"].get<double>(), 1.5);
  EXPECT_EQ(line["text"], "=hello");
  EXPECT_EQ(line["annotation_id"], 81);
  EXPECT_EQ((*writer)->notes().at("untranscribed_segments"), 1);
}

TEST(AudioExport, SegmentsCsvNeutralisesFormulasAndReadsBackWithPythonCsv) {
  auto writer = MakeAudioWriter(Interface(kAudio), AudioFormat::kSegmentsCsv);
  ASSERT_TRUE(writer.ok());
  const char* reader = R"(
import csv, sys
for row in csv.DictReader(open(sys.argv[1], encoding='utf-8', newline='')):
    print(row['task_id'], row['audio'], row['start'], row['end'], row['duration'], row['label'], row['text'])
)";
  EXPECT_EQ(RunPython(reader, RunWriter(**writer, {AudioTask()})),
            "8 a/8.wav 0.5 2.0 1.5 alice '=hello\n"
            "8 a/8.wav 2.0 3.25 1.25 bob \n");
}

TEST(AudioExport, AsrManifestNeedsTranscription) {
  auto writer = MakeAudioWriter(Interface(R"({"controls": [{"type": "audio_segments",
    "name": "s", "to": "audio", "labels": ["x"]}]})"),
                                AudioFormat::kAsrManifest);
  ASSERT_FALSE(writer.ok());
  EXPECT_NE(writer.status().message().find("\"transcription\": true"), std::string::npos);
}

}  // namespace
}  // namespace chorus::service::exports
