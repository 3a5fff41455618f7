// ProjectService::ExportToFile, the synchronous export's spool file: each export gets a file of
// its own holding the whole export and its SHA-256, and a failed export leaves no file behind.
#include <gtest/gtest.h>
#include <sodium.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "service/project_service.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

namespace fs = std::filesystem;

class ProjectExportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const Principal manager = AddTestUser(*store_, "manager", domain::Role::kManager, kTestNow);
    domain::Project project;
    project.name = "sentiment";
    project.label_interface = R"({"controls":[{"type":"choices","name":"sentiment","to":"text",)"
                              R"("options":["positive","negative"]}]})";
    project.created_by = manager.user_id;
    project.created_at = kTestNow;
    auto created = store_->projects().Create(project);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    project_ = created->id;
    std::vector<domain::Task> batch(3);
    for (size_t i = 0; i < batch.size(); ++i) {
      batch[i].data = R"({"text":"item )" + std::to_string(i) + R"("})";
    }
    ASSERT_TRUE(store_->tasks().InsertBatch(project_, batch).ok());
    spool_ = fs::temp_directory_path() / ("chorus_spool_" + std::to_string(::getpid()));
    fs::create_directories(spool_);
  }
  void TearDown() override { fs::remove_all(spool_); }

  std::vector<fs::path> SpoolFiles() const {
    return {fs::directory_iterator(spool_), fs::directory_iterator()};
  }

  ScratchStore store_;
  ProjectService projects_{*store_, [] { return kTestNow; }};
  int64_t project_ = 0;
  fs::path spool_;
};

TEST_F(ProjectExportTest, EachExportIsAWholeFileOfItsOwn) {
  auto first = projects_.ExportToFile(project_, ExportFormat::kJsonl, spool_.string());
  auto second = projects_.ExportToFile(project_, ExportFormat::kJsonl, spool_.string());
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_NE(first->path, second->path);
  EXPECT_EQ(fs::path(first->path).parent_path(), spool_);
  std::ifstream in(first->path);
  std::stringstream text;
  text << in.rdbuf();
  const std::string body = text.str();
  EXPECT_EQ(std::count(body.begin(), body.end(), '\n'), 3);  // One JSON line per task.
  EXPECT_NE(body.find(R"("item 2")"), std::string::npos) << body;
  EXPECT_EQ(fs::status(first->path).permissions() & fs::perms::others_read, fs::perms::none);
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(body.data()), body.size());
  char hex[2 * sizeof digest + 1];
  sodium_bin2hex(hex, sizeof hex, digest, sizeof digest);
  EXPECT_EQ(first->sha256, hex);
  EXPECT_EQ(SpoolFiles().size(), 2u);
}

TEST_F(ProjectExportTest, AFailedExportLeavesNoFile) {
  // The export starts, its file is made, then the project turns out unknown.
  auto unknown = projects_.ExportToFile(project_ + 99, ExportFormat::kJsonl, spool_.string());
  EXPECT_EQ(unknown.status().code(), StatusCode::kNotFound);
  EXPECT_TRUE(SpoolFiles().empty());
  // A spool directory that is gone: kUnavailable naming the file and what to do.
  auto nowhere = projects_.ExportToFile(project_, ExportFormat::kJsonl, (spool_ / "gone").string());
  EXPECT_EQ(nowhere.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(nowhere.status().message().find("export file"), std::string::npos)
      << nowhere.status().ToString();
  EXPECT_NE(nowhere.status().message().find("export again"), std::string::npos);
}

}  // namespace
}  // namespace chorus::service
