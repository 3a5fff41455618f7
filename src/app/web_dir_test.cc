#include "app/web_dir.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <string>

namespace chorus::app {
namespace {

namespace fs = std::filesystem;

class WebDirTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = fs::temp_directory_path() /
           ("chorus_web_dir_test_" +
            std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(dir_);
    fs::create_directories(dir_ / "assets");
  }
  void TearDown() override { fs::remove_all(dir_); }
  void Write(const std::string& relative, const std::string& bytes) {
    std::ofstream(dir_ / relative, std::ios::binary) << bytes;
  }
  fs::path dir_;
};

TEST_F(WebDirTest, ServesEveryFileByItsPathBelowTheDirectory) {
  Write("index.html", "<!doctype html>");
  Write("assets/app.js", std::string("a\0b", 3));
  auto loaded = WebDir::Load(dir_.string());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  std::map<std::string, std::string> files;
  for (const auto& file : (*loaded)->files()) files[std::string(file.path)] = file.bytes;
  EXPECT_EQ(files, (std::map<std::string, std::string>{{"/assets/app.js", std::string("a\0b", 3)},
                                                       {"/index.html", "<!doctype html>"}}));
}

TEST_F(WebDirTest, SkipsSymbolicLinksSoNothingOutsideIsServed) {
  Write("index.html", "x");
  fs::create_symlink("/etc/hostname", dir_ / "assets/host");
  auto loaded = WebDir::Load(dir_.string());
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  ASSERT_EQ((*loaded)->files().size(), 1u);
  EXPECT_EQ((*loaded)->files()[0].path, "/index.html");
}

TEST_F(WebDirTest, RefusesADirectoryWithoutIndexOrNoDirectoryNamingTheFlag) {
  auto no_index = WebDir::Load(dir_.string());
  ASSERT_FALSE(no_index.ok());
  EXPECT_NE(no_index.status().message().find("--web-dir"), std::string::npos);
  EXPECT_NE(no_index.status().message().find("index.html"), std::string::npos);
  auto missing = WebDir::Load((dir_ / "nope").string());
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace chorus::app
