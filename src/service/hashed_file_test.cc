#include "service/hashed_file.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

namespace chorus::service {
namespace {

namespace fs = std::filesystem;

fs::path TempPath(const std::string& name) {
  return fs::temp_directory_path() /
         ("chorus_hashed_file_" + name + "_" + std::to_string(::getpid()));
}

std::string Read(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// FIPS 180-2, appendix B.1: SHA-256("abc").
TEST(HashedFileTest, CountsHashesAndKeepsWhatWasWritten) {
  const fs::path path = TempPath("abc");
  {
    HashedFile file(path.string(), {});
    file.Write("a");
    file.Write("bc");
    file.Finish();
    ASSERT_TRUE(file.status().ok()) << file.status().ToString();
    EXPECT_EQ(file.bytes(), 3u);
    EXPECT_EQ(file.Sha256Hex(), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }
  EXPECT_EQ(Read(path), "abc");
  fs::remove(path);
}

TEST(HashedFileTest, AnExclusiveFileRefusesAnExistingOneAndLeavesIt) {
  const fs::path path = TempPath("taken");
  std::ofstream(path) << "someone else's";
  {
    HashedFile file(path.string(), {.exclusive = true,
                                    .remove_unless_kept = true,
                                    .noun = "the uploaded media file",
                                    .retry = "upload again"});
    EXPECT_EQ(file.status().code(), StatusCode::kUnavailable);
    EXPECT_NE(file.status().message().find("could not create the uploaded media file"),
              std::string::npos);
    EXPECT_NE(file.status().message().find("upload again"), std::string::npos);
  }
  EXPECT_EQ(Read(path), "someone else's");
  fs::remove(path);
}

TEST(HashedFileTest, RemovesItsFileUnlessKept) {
  const fs::path dropped = TempPath("dropped");
  const fs::path kept = TempPath("kept");
  {
    HashedFile a(dropped.string(), {.remove_unless_kept = true});
    HashedFile b(kept.string(), {.remove_unless_kept = true});
    a.Write("x");
    b.Write("y");
    a.Finish();
    b.Finish();
    b.Keep();
  }
  EXPECT_FALSE(fs::exists(dropped));
  EXPECT_EQ(Read(kept), "y");
  fs::remove(kept);
}

}  // namespace
}  // namespace chorus::service
