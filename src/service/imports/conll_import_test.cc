#include "service/imports/conll_import.h"

#include <gtest/gtest.h>

#include <string>

#include "service/imports/imports_for_test.h"

namespace chorus::service::imports {
namespace {

using namespace ::chorus::service::imports::testing;
using nlohmann::json;

Result<ConvertedRecords> Conll(ConllScheme scheme, const std::string& body) {
  return FromConll(ParsedInterface(kSpanControls), scheme, body, "conll_import");
}

TEST(ConllImport, MatchesTheGoldenFiles) {
  for (const auto& [file, scheme] : {std::pair{"conll_sample.iob2", ConllScheme::kIob2},
                                     std::pair{"conll_sample.iobes", ConllScheme::kIobes}}) {
    auto converted = Conll(scheme, Golden(file));
    ASSERT_TRUE(converted.ok()) << converted.status().message();
    ASSERT_TRUE(converted->errors.empty()) << file << "\n" << ErrorsText(*converted);
    EXPECT_EQ(converted->record_count, 3u);
    EXPECT_EQ(converted->records, json::parse(Golden("conll_sample.expected.json")))
        << file << "\n"
        << converted->records.dump(1);
  }
}

TEST(ConllImport, IllegalSequencesNameTheLine) {
  const struct {
    ConllScheme scheme;
    std::string body;
    uint64_t line;
    std::string says;
  } cases[] = {
      {ConllScheme::kIob2, "Zoë B-PER\nmet O\nAcme I-ORG\n", 3, "does not continue"},
      {ConllScheme::kIob2, "Zoë B-PER\nmet I-ORG\n", 2, "does not continue"},
      {ConllScheme::kIob2, "Zoë B-PER\nmet E-PER\n", 2, "is not O, B-X or I-X"},
      {ConllScheme::kIob2, "Zoë B-CITY\n", 1, "not a label"},
      {ConllScheme::kIobes, "Zoë B-PER\nmet O\n", 2, "unfinished PER"},
      {ConllScheme::kIobes, "ok O\n\nZoë B-PER\n", 3, "ends inside a PER"},
      {ConllScheme::kIobes, "Zoë S-PER\nmet E-PER\n", 2, "does not continue"},
      {ConllScheme::kIob2, "Zoë B-PER\nlonely\n", 2, "token and its tag"},
  };
  for (const auto& c : cases) {
    auto converted = Conll(c.scheme, c.body);
    ASSERT_TRUE(converted.ok());
    ASSERT_EQ(converted->errors.size(), 1u) << c.body;
    EXPECT_EQ(converted->errors[0].line, c.line) << c.body;
    EXPECT_NE(converted->errors[0].message.find(c.says), std::string::npos)
        << converted->errors[0].message;
    EXPECT_NE(converted->errors[0].message.find("line " + std::to_string(c.line)),
              std::string::npos);
  }
}

TEST(ConllImport, SentencesOfOneExternalIdGetNumberedModels) {
  auto converted = Conll(ConllScheme::kIob2,
                         "# external_id = doc-1\nZoë B-PER\n\n# external_id = doc-1\nZoë O\n");
  ASSERT_TRUE(converted.ok());
  ASSERT_EQ(converted->records.size(), 2u);
  EXPECT_EQ(converted->records[0]["external_id"], "doc-1");
  EXPECT_EQ(converted->records[0]["predictions"][0]["model_version"], "conll_import");
  EXPECT_TRUE(converted->records[1]["predictions"].empty());
  auto third =
      Conll(ConllScheme::kIob2, "# external_id = d\nA B-PER\n\n# external_id = d\nA B-ORG\n");
  ASSERT_TRUE(third.ok());
  EXPECT_EQ(third->records[1]["predictions"][0]["model_version"], "conll_import:2");
}

TEST(ConllImport, RefusesBytesThatAreNotUtf8WithTheirLine) {
  auto converted = Conll(ConllScheme::kIob2, "Zo\xc3\xab B-PER\nJos\xe9 B-PER\n");
  ASSERT_TRUE(converted.ok());
  ASSERT_EQ(converted->errors.size(), 1u);
  EXPECT_EQ(converted->errors[0].line, 2u);
  EXPECT_EQ(converted->errors[0].field, "body");
}

TEST(ConllImport, NeedsASpansControl) {
  EXPECT_EQ(
      FromConll(ParsedInterface(kImageControls), ConllScheme::kIob2, "a O\n", "m").status().field(),
      "format");
}

// The records are held in memory: a file of a million one-token sentences (8 MiB) took 843 MiB
// before the cap, and one sentence of a million entities 965 MiB.
TEST(ConllImport, StopsAtTheRecordAndEntityCaps) {
  std::string many;
  for (size_t i = 0; i <= kMaxImportRecords; ++i) many += "a O\n\n";
  auto records = Conll(ConllScheme::kIob2, many);
  ASSERT_TRUE(records.ok());
  ASSERT_EQ(records->errors.size(), 1u) << ErrorsText(*records);
  EXPECT_EQ(records->errors[0].field, "body");
  EXPECT_NE(records->errors[0].message.find("split it"), std::string::npos);
  EXPECT_EQ(records->records.size(), kMaxImportRecords);

  std::string entities;
  for (int i = 0; i < 10'001; ++i) entities += "a S-PER\n";
  auto long_sentence = Conll(ConllScheme::kIobes, entities);
  ASSERT_TRUE(long_sentence.ok());
  ASSERT_EQ(long_sentence->errors.size(), 1u);
  EXPECT_NE(long_sentence->errors[0].message.find("more than 10000 entities"), std::string::npos)
      << long_sentence->errors[0].message;
  EXPECT_TRUE(long_sentence->records.empty());
}

}  // namespace
}  // namespace chorus::service::imports
