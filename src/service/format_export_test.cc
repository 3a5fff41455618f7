// The training-format registry and its driver over a real store: names parse, formats refuse
// interfaces without their control, drafts stay out, pages stream with progress.
#include "service/format_export.h"

#include <gtest/gtest.h>

#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::Role;

constexpr char kSpansInterface[] =
    R"({"controls":[{"type":"spans","name":"ents","to":"text","labels":["PER"]}]})";
constexpr char kChoicesInterface[] =
    R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
    R"("options":["positive","negative"]}]})";

class FormatExportTest : public ::testing::Test {
 protected:
  int64_t MakeProject(const char* label_interface, int tasks) {
    const int64_t owner = AddTestUser(*store_, "owner" + std::to_string(++users_), Role::kManager,
                                      kTestNow).user_id;
    domain::Project project;
    project.name = "exports";
    project.label_interface = label_interface;
    project.created_by = owner;
    project.created_at = kTestNow;
    auto created = store_->projects().Create(project);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    std::vector<domain::Task> batch(tasks);
    for (auto& t : batch) {
      t.data = R"({"text":"Ann met Bob"})";
      t.created_at = kTestNow;
    }
    auto inserted = store_->tasks().InsertBatch(created->id, batch);
    EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
    tasks_ = inserted->task_ids;
    return created->id;
  }

  void Label(int64_t project, int64_t task, const std::string& result, bool draft) {
    domain::Annotation a;
    a.project_id = project;
    a.task_id = task;
    a.annotator_id =
        AddTestUser(*store_, "a" + std::to_string(++users_), Role::kAnnotator, kTestNow).user_id;
    a.result = result;
    a.created_at = a.updated_at = kTestNow;
    if (draft) {
      a.state = domain::AnnotationState::kDraft;
      ASSERT_TRUE(store_->annotations().SaveDraft(a).ok());
    } else {
      ASSERT_TRUE(store_->annotations().Submit(a).ok());
    }
  }

  ScratchStore store_;
  std::vector<int64_t> tasks_;
  int users_ = 0;
};

TEST_F(FormatExportTest, EveryTrainingFormatParsesAndHasAnExtensionAndContentType) {
  for (const char* name : {"conll_iob2", "conll_iobes", "spacy_jsonl", "relations_jsonl",
                           "dpo_jsonl", "ranking_jsonl", "coco_json", "yolo_detection",
                           "yolo_segmentation", "yolo_pose", "voc_xml", "audio_segments_jsonl",
                           "audio_segments_csv", "asr_manifest", "hf_jsonl",
                           "label_studio_json"}) {
    auto format = ParseExportFormat(name);
    ASSERT_TRUE(format.ok()) << name;
    EXPECT_STREQ(TrainingFormatName(*format), name);
    EXPECT_NE(std::string(ExportExtension(*format)), "");
    EXPECT_NE(std::string(ExportContentType(*format)), "");
  }
  auto unknown = ParseExportFormat("pascal");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().field(), "format");
  EXPECT_NE(unknown.status().message().find("conll_iob2"), std::string::npos);
}

TEST_F(FormatExportTest, RefusesAProjectWithoutTheNeededControlBeforeWriting) {
  const int64_t project = MakeProject(kChoicesInterface, 1);
  const Status refused = CheckExportFormat(*store_, project, ExportFormat::kDpoJsonl);
  EXPECT_EQ(refused.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(refused.field(), "format");
  EXPECT_NE(refused.message().find("needs a pairwise control"), std::string::npos);
  std::string out;
  EXPECT_EQ(ExportProject(*store_, project, ExportFormat::kConllIob2,
                          [&](std::string_view piece) { out.append(piece); })
                .code(),
            StatusCode::kInvalidArgument);
  EXPECT_EQ(out, "");
  EXPECT_TRUE(CheckExportFormat(*store_, project, ExportFormat::kCsv).ok());
  EXPECT_EQ(CheckExportFormat(*store_, project + 100, ExportFormat::kCsv).code(),
            StatusCode::kNotFound);
}

TEST_F(FormatExportTest, StreamsSubmittedAnnotationsButNotDraftsWithProgressAndNotes) {
  const int64_t project = MakeProject(kSpansInterface, 2);
  // "Bo" cuts "Bob": widened.
  Label(project, tasks_[0], R"({"ents":{"spans":[{"start":8,"end":10,"label":"PER"}]}})", false);
  Label(project, tasks_[0], R"({"ents":{"spans":[{"start":0,"end":3,"label":"PER"}]}})", false);
  Label(project, tasks_[1], R"({"ents":{"spans":[{"start":4,"end":7,"label":"PER"}]}})", true);
  std::string out;
  std::vector<int64_t> progress;
  exports::ExportNotes notes;
  ASSERT_TRUE(ExportTrainingFormat(
                  *store_, project, ExportFormat::kConllIob2,
                  [&](std::string_view piece) { out.append(piece); },
                  [&](int64_t done) {
                    progress.push_back(done);
                    return Status::Ok();
                  },
                  &notes)
                  .ok());
  EXPECT_NE(out.find("Ann O\nmet O\nBob B-PER\n"), std::string::npos) << out;
  EXPECT_NE(out.find("Ann B-PER\nmet O\nBob O\n"), std::string::npos) << out;
  EXPECT_EQ(out.find("met B-PER"), std::string::npos) << "the draft was exported: " << out;
  EXPECT_EQ(progress, std::vector<int64_t>({2}));
  EXPECT_EQ(notes, exports::ExportNotes({{"widened_spans", 1}}));
}

}  // namespace
}  // namespace chorus::service
