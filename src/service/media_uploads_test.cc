// Storing uploaded media against a real SQLite store: content-addressed names, nothing kept of
// a refused file, no partial file left behind, the size cap, the audit event, and names that
// are served only in the exact stored form.
#include "service/media_uploads.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "service/export.h"
#include "service/media_samples_for_test.h"
#include "service/project_service.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

namespace fs = std::filesystem;
using Outcome = MediaVerdict::Outcome;

// SHA-256 of test::OnePixelPng(), computed with Python's hashlib.
constexpr const char* kPngSha256 =
    "ebf4f635a17d10d6eb46ba680b70142419aa3220f228001a036d311a22ee9d2a";

class MediaUploadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    domain::User user;
    user.email = "admin@example.org";
    user.display_name = "admin";
    user.role = domain::Role::kAdmin;
    user.created_at = kTestNow;
    auto created = store_->users().Create(user);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    admin_ = {created->id, domain::Role::kAdmin, CredentialKind::kSession};
    ProjectService projects(*store_, [] { return kTestNow; });
    domain::Project project;
    project.name = "p";
    project.label_interface =
        R"({"controls":[{"type":"choices","name":"s","to":"image","options":["a","b"]}]})";
    auto made = projects.Create(admin_, project);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    project_ = made->id;
    dir_ = fs::temp_directory_path() / ("chorus-media-" + std::to_string(getpid()));
    fs::remove_all(dir_);
  }
  void TearDown() override { fs::remove_all(dir_); }

  Result<StoredMedia> Upload(MediaUploads& uploads, const std::string& bytes,
                             std::string_view name = "") {
    auto source = MakeStringSource(bytes, "upload");
    return uploads.Store(admin_, project_, *source, name);
  }
  // Every file under the project's directory, temporary ones included.
  std::vector<std::string> Files() const {
    std::vector<std::string> names;
    const fs::path project_dir = dir_ / std::to_string(project_);
    if (!fs::exists(project_dir)) return names;
    for (const auto& entry : fs::directory_iterator(project_dir)) {
      names.push_back(entry.path().filename().string());
    }
    return names;
  }

  ScratchStore store_;
  Principal admin_;
  int64_t project_ = 0;
  fs::path dir_;
};

TEST_F(MediaUploadsTest, TheSameFileTwiceIsOneContentAddressedFile) {
  MediaUploads uploads(*store_, dir_.string(), [] { return kTestNow; });
  auto first = Upload(uploads, test::OnePixelPng(), "cat.png");
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_EQ(first->verdict.outcome, Outcome::kAccepted) << first->verdict.message;
  EXPECT_EQ(first->sha256, kPngSha256);
  EXPECT_EQ(first->file_name, std::string(kPngSha256) + ".png");
  EXPECT_EQ(first->bytes, 67u);
  auto second = Upload(uploads, test::OnePixelPng(), "other name.png");
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->file_name, first->file_name);
  EXPECT_EQ(Files(), std::vector<std::string>{first->file_name});

  auto path = uploads.PathOf(project_, first->file_name);
  ASSERT_TRUE(path.ok()) << path.status().ToString();
  std::ifstream in(*path, std::ios::binary);
  EXPECT_EQ(std::string(std::istreambuf_iterator<char>(in), {}), test::OnePixelPng());
  // Each upload is audited, with the uploader's name for the file.
  auto events = store_->audit().ListByEntity("project", project_, {0, 100});
  ASSERT_TRUE(events.ok()) << events.status().ToString();
  std::vector<std::string> names;
  for (const domain::AuditEvent& event : events->items) {
    if (event.action == "media.upload") {
      names.push_back(nlohmann::json::parse(event.after)["name"].get<std::string>());
    }
  }
  EXPECT_EQ(names.size(), 2u);
  // Invalid UTF-8 in a name is no reason to fail an upload.
  EXPECT_TRUE(Upload(uploads, test::OnePixelPng(), "\xC3(.png").ok());
}

TEST_F(MediaUploadsTest, RefusedFilesLeaveNothingBehind) {
  MediaUploads uploads(*store_, dir_.string(), [] { return kTestNow; });
  for (const std::string& refused :
       {std::string(test::kSvg), std::string(test::kHtml), test::PngDeclaring(50'000, 50'000),
        test::OnePixelPng().substr(0, 20), std::string()}) {
    auto stored = Upload(uploads, refused);
    ASSERT_TRUE(stored.ok()) << stored.status().ToString();
    EXPECT_NE(stored->verdict.outcome, Outcome::kAccepted);
    EXPECT_FALSE(stored->verdict.message.empty());
    EXPECT_TRUE(stored->file_name.empty());
  }
  EXPECT_EQ(Files(), std::vector<std::string>{});
  // Too large: refused while streaming, the partial file removed.
  MediaUploadOptions small;
  small.max_bytes = 40;
  MediaUploads capped(
      *store_, dir_.string(), [] { return kTestNow; }, small);
  auto too_large = Upload(capped, test::OnePixelPng());
  EXPECT_EQ(too_large.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(too_large.status().field(), "body");
  EXPECT_EQ(Files(), std::vector<std::string>{});
  // An unknown project.
  auto source = MakeStringSource(test::OnePixelPng());
  EXPECT_EQ(uploads.Store(admin_, project_ + 1, *source).status().code(), StatusCode::kNotFound);
}

// Catalogue entries 38 and 40: only the exact stored form is ever looked up.
TEST_F(MediaUploadsTest, OnlyStoredNamesAreServed) {
  MediaUploads uploads(*store_, dir_.string(), [] { return kTestNow; });
  auto stored = Upload(uploads, test::OnePixelPng());
  ASSERT_TRUE(stored.ok()) << stored.status().ToString();
  const std::string hex = stored->sha256;
  EXPECT_TRUE(IsStoredMediaName(hex + ".png"));
  EXPECT_TRUE(IsStoredMediaName(hex + ".webm"));
  for (const std::string& bad :
       {hex + ".PNG", hex + ".svg", hex + ".html", hex, hex + ".", hex.substr(1) + ".png",
        hex + "0.png", "../" + hex + ".png", hex.substr(0, 60) + "ABCD.png", hex + ".png/",
        hex + ".png.part", std::string("../../etc/passwd"), std::string()}) {
    EXPECT_FALSE(IsStoredMediaName(bad)) << bad;
    EXPECT_EQ(uploads.PathOf(project_, bad).status().code(), StatusCode::kNotFound) << bad;
  }
  // The right form in another project, or never uploaded: the same answer.
  const Status elsewhere = uploads.PathOf(project_ + 1, hex + ".png").status();
  EXPECT_EQ(elsewhere.code(), StatusCode::kNotFound);
  EXPECT_EQ(uploads.PathOf(project_, std::string(64, 'a') + ".png").status().code(),
            StatusCode::kNotFound);
  // A stored name that is a symlink (planted by someone with disk access) is not followed.
  const fs::path link = dir_ / std::to_string(project_) / (std::string(64, 'b') + ".png");
  fs::create_symlink("/etc/passwd", link);
  EXPECT_EQ(uploads.PathOf(project_, link.filename().string()).status().code(),
            StatusCode::kNotFound);
}

}  // namespace
}  // namespace chorus::service

namespace chorus::service {
namespace {

TEST_F(MediaUploadsTest, ImageSizeOfReadsAStoredImageOfThisProjectOnly) {
  MediaUploads uploads(*store_, dir_.string(), [] { return kTestNow; });
  auto stored = Upload(uploads, test::PngDeclaring(640, 480));
  ASSERT_TRUE(stored.ok() && stored->verdict.outcome == Outcome::kAccepted);
  const std::string url = StoredMediaUrl(project_, stored->file_name);
  EXPECT_EQ(uploads.ImageSizeOf(project_, url), std::make_pair(640u, 480u));
  EXPECT_EQ(uploads.ImageSizeOf(project_ + 1, url), std::nullopt);  // Another project's URL.
  EXPECT_EQ(uploads.ImageSizeOf(project_, "https://example.org" + url), std::nullopt);
  EXPECT_EQ(uploads.ImageSizeOf(project_, StoredMediaUrl(project_, "../" + stored->file_name)),
            std::nullopt);
  EXPECT_EQ(uploads.ImageSizeOf(project_, StoredMediaUrl(project_, std::string(64, 'a') + ".png")),
            std::nullopt);  // The stored form, but no such file.
}

// A COCO export needs pixel sizes; a task naming an uploaded image by its URL gets them from
// the stored file, so the team need not add width and height to every task.
TEST_F(MediaUploadsTest, CocoExportsTakeTheSizeOfUploadedImages) {
  MediaUploads uploads(*store_, dir_.string(), [] { return kTestNow; });
  auto stored = Upload(uploads, test::PngDeclaring(640, 480));
  ASSERT_TRUE(stored.ok() && stored->verdict.outcome == Outcome::kAccepted);
  auto project = store_->projects().Get(project_);
  ASSERT_TRUE(project.ok());
  project->label_interface =
      R"({"controls":[{"type":"rectangles","name":"box","to":"image","labels":["cat"]}]})";
  ASSERT_TRUE(store_->projects().Update(*project).ok());
  domain::Task task;
  task.data = nlohmann::json({{"image", StoredMediaUrl(project_, stored->file_name)}}).dump();
  task.created_at = kTestNow;
  auto inserted = store_->tasks().InsertBatch(project_, {task});
  ASSERT_TRUE(inserted.ok());
  domain::Annotation a;
  a.project_id = project_;
  a.task_id = inserted->task_ids[0];
  a.annotator_id = admin_.user_id;
  a.result = R"({"box": {"boxes": [{"x": 50, "y": 50, "width": 25, "height": 50,
                 "label": "cat"}]}})";
  a.created_at = a.updated_at = kTestNow;
  ASSERT_TRUE(store_->annotations().Submit(a).ok());

  std::string out;
  const auto sink = [&out](std::string_view piece) { out.append(piece); };
  const Status without = ExportProject(*store_, project_, ExportFormat::kCocoJson, sink);
  EXPECT_EQ(without.code(), StatusCode::kInvalidArgument) << without.ToString();
  out.clear();
  const ImageSizeLookup lookup = [&uploads](int64_t id, std::string_view url) {
    return uploads.ImageSizeOf(id, url);
  };
  const Status with = ExportProject(*store_, project_, ExportFormat::kCocoJson, sink, {}, lookup);
  ASSERT_TRUE(with.ok()) << with.ToString();
  const nlohmann::json coco = nlohmann::json::parse(out);
  EXPECT_EQ(coco["images"][0]["width"], 640);
  EXPECT_EQ(coco["images"][0]["height"], 480);
  // 25% x 50% of 640 x 480 pixels, from (50%, 50%).
  EXPECT_EQ(coco["annotations"][0]["bbox"], nlohmann::json::parse("[320, 240, 160, 240]"));
}

}  // namespace
}  // namespace chorus::service
