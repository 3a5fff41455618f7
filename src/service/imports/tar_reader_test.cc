#include "service/imports/tar_reader.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

#include "service/exports/tar_writer.h"

namespace chorus::service::imports {
namespace {

// One entry as the exports write it, then with `name` and `type` forced into its header (the
// checksum recomputed), so the tests can build what a hostile archive holds.
std::string TarEntryBytes(const std::string& name, const std::string& content, char type = '0') {
  std::string out;
  exports::AppendTarFile(out, "placeholder", content, 0);
  std::fill(out.begin(), out.begin() + 100, '\0');
  out.replace(0, std::min<size_t>(name.size(), 100), name.substr(0, 100));
  out[156] = type;
  std::fill(out.begin() + 148, out.begin() + 156, ' ');
  unsigned sum = 0;
  for (size_t i = 0; i < 512; ++i) sum += static_cast<unsigned char>(out[i]);
  char text[8];
  std::snprintf(text, sizeof text, "%06o", sum);
  out.replace(148, 7, std::string(text, 6) + '\0');
  return out;
}

TEST(TarReader, ReadsTheExportsArchives) {
  std::string archive;
  exports::AppendTarFile(archive, "labels/1_10.txt", "0 0.5 0.5 0.1 0.1\n", 0);
  exports::AppendTarFile(archive, "index.jsonl", "{}\n", 0);
  archive += exports::TarEnd();
  ASSERT_TRUE(LooksLikeTar(archive));
  auto entries = ReadTar(archive);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 2u);
  EXPECT_EQ((*entries)[0].name, "labels/1_10.txt");
  EXPECT_EQ((*entries)[0].content, "0 0.5 0.5 0.1 0.1\n");
  EXPECT_EQ((*entries)[1].name, "index.jsonl");
  EXPECT_FALSE(LooksLikeTar("{\"items\": []}"));
}

TEST(TarReader, RefusesPathsOutsideTheArchiveLinksAndDuplicates) {
  const struct {
    std::string bytes;
    std::string says;
  } cases[] = {
      {TarEntryBytes("../../etc/passwd", "x"), "segment"},
      {TarEntryBytes("/abs/x.txt", "x"), "absolute"},
      {TarEntryBytes("labels\\..\\x.txt", "x"), "backslash"},
      {TarEntryBytes("C:x.txt", "x"), "drive"},
      {TarEntryBytes("labels/./x.txt", "x"), "segment"},
      {TarEntryBytes("labels/link.txt", "", '2'), "not a regular file"},
      {TarEntryBytes("labels/hard.txt", "", '1'), "not a regular file"},
      {TarEntryBytes("PaxHeader", "30 path=../../x\n", 'x'), "PAX"},
      {TarEntryBytes("a.txt", "x") + TarEntryBytes("a.txt", "y"), "twice"},
      {TarEntryBytes("labels/caf\xe9.txt", "x"), "not UTF-8"},
  };
  for (const auto& c : cases) {
    auto entries = ReadTar(c.bytes + exports::TarEnd());
    ASSERT_FALSE(entries.ok()) << c.says;
    EXPECT_EQ(entries.status().field(), "body");
    EXPECT_NE(entries.status().message().find(c.says), std::string::npos)
        << entries.status().message();
  }
}

TEST(TarReader, ReadsArchivesOfTheCurrentFolder) {
  // What `tar --format=ustar -C dir -cf x.tar .` writes.
  const std::string archive = TarEntryBytes("./", "", '5') + TarEntryBytes(".", "", '5') +
                              TarEntryBytes("./labels/", "", '5') +
                              TarEntryBytes("./labels/a.txt", "x") + exports::TarEnd();
  auto entries = ReadTar(archive);
  ASSERT_TRUE(entries.ok()) << entries.status().message();
  ASSERT_EQ(entries->size(), 1u);
  EXPECT_EQ((*entries)[0].name, "labels/a.txt");
  auto twice = ReadTar(TarEntryBytes("./a.txt", "x") + TarEntryBytes("a.txt", "y") +
                       exports::TarEnd());
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("twice"), std::string::npos);
  EXPECT_FALSE(ReadTar(TarEntryBytes(".", "x") + exports::TarEnd()).ok());  // Not a folder.
}

TEST(TarReader, RefusesArchivesCutBetweenEntries) {
  const std::string whole =
      TarEntryBytes("a.txt", "x") + TarEntryBytes("b.txt", "y") + exports::TarEnd();
  ASSERT_TRUE(ReadTar(whole).ok());
  ASSERT_TRUE(ReadTar(whole + std::string(8192, '\0')).ok());  // Padding to a record.
  const std::string unpadded = TarEntryBytes("c.txt", std::string(2000, 'x')).substr(0, 2512);
  ASSERT_FALSE(ReadTar(unpadded).ok());
  for (const size_t cut : {size_t{1024}, size_t{2048}, size_t{2560}}) {
    auto entries = ReadTar(whole.substr(0, cut));
    ASSERT_FALSE(entries.ok()) << cut;
    EXPECT_EQ(entries.status().field(), "body");
    EXPECT_NE(entries.status().message().find("truncated"), std::string::npos)
        << entries.status().message();
  }
}

TEST(TarReader, RefusesCorruptAndTruncatedArchives) {
  std::string archive = TarEntryBytes("a.txt", std::string(2000, 'x'));
  auto truncated = ReadTar(archive.substr(0, 1024));
  ASSERT_FALSE(truncated.ok());
  EXPECT_NE(truncated.status().message().find("truncated"), std::string::npos);
  std::string corrupt = archive;
  corrupt[0] = 'b';  // The checksum no longer matches.
  auto bad = ReadTar(corrupt);
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("checksum"), std::string::npos);
  std::string huge = archive;
  huge.replace(124, 11, "77777777777");  // 8 GiB claimed.
  std::fill(huge.begin() + 148, huge.begin() + 156, ' ');
  unsigned sum = 0;
  for (size_t i = 0; i < 512; ++i) sum += static_cast<unsigned char>(huge[i]);
  char text[8];
  std::snprintf(text, sizeof text, "%06o", sum);
  huge.replace(148, 7, std::string(text, 6) + '\0');
  auto claimed = ReadTar(huge);
  ASSERT_FALSE(claimed.ok());
  EXPECT_NE(claimed.status().message().find("more bytes"), std::string::npos);
}

}  // namespace
}  // namespace chorus::service::imports
