#include "core/allowed_roots.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>

namespace chorus {
namespace {

namespace fs = std::filesystem;

// A temporary tree:
//   base/media/cats/1.jpg            the allowed root and a file in it
//   base/media/link_inside -> cats/1.jpg
//   base/media/link_outside -> ../secret.txt
//   base/media/dir_link -> ../media2  (a directory outside)
//   base/media2/other.jpg            a sibling whose name starts with the root's
//   base/secret.txt                  outside every root
class AllowedRootsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = (fs::temp_directory_path() / "chorus_roots_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    base_ = fs::canonical(pattern);
    fs::create_directories(base_ / "media" / "cats");
    fs::create_directories(base_ / "media2");
    Write(base_ / "media" / "cats" / "1.jpg");
    Write(base_ / "media2" / "other.jpg");
    Write(base_ / "secret.txt");
    fs::create_symlink("cats/1.jpg", base_ / "media" / "link_inside");
    fs::create_symlink("../secret.txt", base_ / "media" / "link_outside");
    fs::create_symlink("../media2", base_ / "media" / "dir_link");
    auto made = AllowedRoots::Make({(base_ / "media").string()}, "--media-dir");
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    roots_ = std::move(*made);
  }
  void TearDown() override { fs::remove_all(base_); }

  static void Write(const fs::path& path) { std::ofstream(path) << "x"; }

  // Expects the uniform refusal: kNotFound, same message, field named.
  void ExpectRefused(const std::string& requested) {
    auto resolved = roots_.Resolve(requested, "path");
    ASSERT_FALSE(resolved.ok()) << requested << " resolved to " << resolved->string();
    EXPECT_EQ(resolved.status().code(), StatusCode::kNotFound) << requested;
    EXPECT_EQ(resolved.status().field(), "path");
    EXPECT_EQ(resolved.status().message(), roots_.Resolve("missing.jpg", "path").status().message())
        << requested;
  }

  fs::path base_;
  AllowedRoots roots_;
};

TEST_F(AllowedRootsTest, ResolvesARelativePathInsideTheRoot) {
  auto resolved = roots_.Resolve("cats/1.jpg", "path");
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(*resolved, base_ / "media" / "cats" / "1.jpg");
}

TEST_F(AllowedRootsTest, ResolvesAnAbsolutePathInsideTheRoot) {
  auto resolved = roots_.Resolve((base_ / "media" / "cats" / "1.jpg").string(), "path");
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(*resolved, base_ / "media" / "cats" / "1.jpg");
}

TEST_F(AllowedRootsTest, DotDotThatStaysInsideIsCanonicalised) {
  auto resolved = roots_.Resolve("cats/../cats/./1.jpg", "path");
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(*resolved, base_ / "media" / "cats" / "1.jpg");
}

TEST_F(AllowedRootsTest, RefusesDotDotTraversal) {
  ExpectRefused("../secret.txt");
  ExpectRefused("cats/../../secret.txt");
  ExpectRefused("../media2/other.jpg");
  ExpectRefused("../../../../../../../../etc/passwd");
}

TEST_F(AllowedRootsTest, RefusesAbsolutePathsOutside) {
  ExpectRefused((base_ / "secret.txt").string());
  ExpectRefused("/etc/passwd");
  ExpectRefused((base_ / "media" / ".." / "secret.txt").string());
}

TEST_F(AllowedRootsTest, SiblingWithTheRootAsStringPrefixIsOutside) {
  ExpectRefused((base_ / "media2" / "other.jpg").string());
  EXPECT_FALSE(AllowedRoots::IsInside(base_ / "media", base_ / "media2" / "other.jpg"));
  EXPECT_TRUE(AllowedRoots::IsInside(base_ / "media", base_ / "media" / "other.jpg"));
}

TEST_F(AllowedRootsTest, TheRootItselfIsNotInside) {
  EXPECT_FALSE(AllowedRoots::IsInside(base_ / "media", base_ / "media"));
  EXPECT_FALSE(AllowedRoots::IsInside(base_ / "media", base_));
  ExpectRefused((base_ / "media").string());
  ExpectRefused(".");
}

TEST_F(AllowedRootsTest, RefusesSymlinksThatEscape) {
  ExpectRefused("link_outside");
  ExpectRefused("dir_link/other.jpg");
}

TEST_F(AllowedRootsTest, FollowsSymlinksThatStayInside) {
  auto resolved = roots_.Resolve("link_inside", "path");
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(*resolved, base_ / "media" / "cats" / "1.jpg");
}

TEST_F(AllowedRootsTest, RefusesDirectoriesMissingFilesAndBrokenLinks) {
  ExpectRefused("cats");
  ExpectRefused("cats/");
  ExpectRefused("cats/2.jpg");
  fs::create_symlink("nowhere.jpg", base_ / "media" / "broken");
  ExpectRefused("broken");
}

TEST_F(AllowedRootsTest, RefusesDevicesAndOtherNonRegularFiles) { ExpectRefused("/dev/null"); }

TEST_F(AllowedRootsTest, EmptyAndNulPathsAreInvalid) {
  auto empty = roots_.Resolve("", "path");
  EXPECT_EQ(empty.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(empty.status().field(), "path");
  auto nul = roots_.Resolve(std::string("cats/1.jpg\0../../secret.txt", 27), "path");
  EXPECT_EQ(nul.status().code(), StatusCode::kInvalidArgument);
}

TEST_F(AllowedRootsTest, PercentEncodingIsNotDecodedHere) {
  // "%2e%2e" is a literal name here (the caller decodes URLs); no such file exists.
  ExpectRefused("%2e%2e/secret.txt");
}

TEST_F(AllowedRootsTest, NoRootsRefusesEverything) {
  AllowedRoots none;
  EXPECT_TRUE(none.empty());
  auto resolved = none.Resolve((base_ / "media" / "cats" / "1.jpg").string(), "path");
  EXPECT_EQ(resolved.status().code(), StatusCode::kNotFound);
}

TEST_F(AllowedRootsTest, SeveralRootsAreTriedInOrderAndResolveInPicksOne) {
  auto made =
      AllowedRoots::Make({(base_ / "media").string(), (base_ / "media2").string()}, "--media-dir");
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made->size(), 2u);
  auto other = made->Resolve("other.jpg", "path");
  ASSERT_TRUE(other.ok());
  EXPECT_EQ(*other, base_ / "media2" / "other.jpg");
  EXPECT_TRUE(made->ResolveIn(1, "other.jpg", "path").ok());
  EXPECT_EQ(made->ResolveIn(0, "other.jpg", "path").status().code(), StatusCode::kNotFound);
  EXPECT_EQ(made->ResolveIn(2, "other.jpg", "path").status().code(), StatusCode::kNotFound);
  // The link from media into media2 is inside an allowed root once media2 is one.
  EXPECT_TRUE(made->Resolve("dir_link/other.jpg", "path").ok());
  // ResolveIn keeps to its own root.
  EXPECT_EQ(made->ResolveIn(0, "dir_link/other.jpg", "path").status().code(),
            StatusCode::kNotFound);
}

TEST_F(AllowedRootsTest, RootsAreCanonicalisedThroughSymlinks) {
  fs::create_symlink(base_ / "media", base_ / "media_alias");
  auto made = AllowedRoots::Make({(base_ / "media_alias").string() + "/"}, "--media-dir");
  ASSERT_TRUE(made.ok());
  EXPECT_EQ(made->roots()[0], base_ / "media");
  EXPECT_TRUE(made->Resolve((base_ / "media_alias" / "cats" / "1.jpg").string(), "path").ok());
}

TEST_F(AllowedRootsTest, AMissingRootIsAnErrorNamingTheFlag) {
  auto made = AllowedRoots::Make({(base_ / "does-not-exist").string()}, "--import-dir");
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(made.status().field(), "--import-dir");
  EXPECT_NE(made.status().message().find("does-not-exist"), std::string::npos);
  auto file = AllowedRoots::Make({(base_ / "secret.txt").string()}, "--import-dir");
  EXPECT_EQ(file.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(AllowedRoots::Make({""}, "--import-dir").status().field(), "--import-dir");
}

}  // namespace
}  // namespace chorus
