#include "service/imports/voc_import.h"

#include <gtest/gtest.h>

#include <string>

#include "service/imports/imports_for_test.h"

namespace chorus::service::imports {
namespace {

using namespace ::chorus::service::imports::testing;
using nlohmann::json;

Result<ConvertedRecords> Voc(const std::string& xml) {
  return FromVoc(ParsedInterface(kImageControls), xml, "voc_import");
}

std::string OneObject(const std::string& object) {
  return "<annotation>\n<filename>a.jpg</filename>\n<size><width>200</width><height>100</height>"
         "</size>\n<object>" +
         object + "</object>\n</annotation>\n";
}

TEST(VocImport, MatchesTheGoldenFile) {
  auto converted = Voc(Golden("voc_sample.xml"));
  ASSERT_TRUE(converted.ok()) << converted.status().message();
  ASSERT_TRUE(converted->errors.empty()) << ErrorsText(*converted);
  EXPECT_EQ(converted->records, json::parse(Golden("voc_sample.expected.json")))
      << converted->records.dump(1);
}

TEST(VocImport, RefusesDoctypeAndEntitiesBeforeParsing) {
  for (const std::string& xml :
       {std::string("<?xml version=\"1.0\"?>\n<!DOCTYPE annotation [<!ENTITY x SYSTEM "
                    "\"file:///etc/passwd\">]>\n<annotation>&x;</annotation>"),
        std::string("<annotation>\n<!entity x \"y\">\n</annotation>")}) {
    auto converted = Voc(xml);
    ASSERT_TRUE(converted.ok());
    ASSERT_EQ(converted->errors.size(), 1u);
    EXPECT_EQ(converted->errors[0].line, 2u);
    EXPECT_NE(converted->errors[0].message.find("DOCTYPE"), std::string::npos);
    EXPECT_TRUE(converted->records.empty());
  }
}

TEST(VocImport, NamesTheObjectAndLineOfBadBoxes) {
  const struct {
    std::string object;
    std::string field;
  } cases[] = {
      {"<name>car</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>900</xmax><ymax>5</ymax></"
       "bndbox>",
       "object[0].bndbox.xmax"},
      {"<name>car</name><bndbox><xmin>ten</xmin><ymin>1</ymin><xmax>9</xmax><ymax>5</ymax></"
       "bndbox>",
       "object[0].bndbox.xmin"},
      {"<name>car</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>1e308</xmax><ymax>5</ymax></"
       "bndbox>",
       "object[0].bndbox.xmax"},
      {"<name>car</name><bndbox><xmin>9</xmin><ymin>1</ymin><xmax>3</xmax><ymax>5</ymax></bndbox>",
       "object[0].bndbox"},
      {"<name>bus</name><bndbox><xmin>1</xmin><ymin>1</ymin><xmax>9</xmax><ymax>5</ymax></bndbox>",
       "object[0].name"},
  };
  for (const auto& c : cases) {
    auto converted = Voc(OneObject(c.object));
    ASSERT_TRUE(converted.ok());
    ASSERT_EQ(converted->errors.size(), 1u) << c.object;
    EXPECT_EQ(converted->errors[0].field, c.field) << converted->errors[0].message;
    EXPECT_EQ(converted->errors[0].line, 4u) << c.object;
  }
}

TEST(VocImport, RefusesBrokenXmlAndMissingSizes) {
  auto broken = Voc("<annotation>\n<filename>a.jpg</filename>\n<size>");
  ASSERT_TRUE(broken.ok());
  ASSERT_EQ(broken->errors.size(), 1u);
  EXPECT_EQ(broken->errors[0].field, "body");
  auto latin1 = Voc("<annotation>\n<filename>caf\xe9.jpg</filename>\n</annotation>");
  ASSERT_TRUE(latin1.ok());
  ASSERT_EQ(latin1->errors.size(), 1u);
  EXPECT_EQ(latin1->errors[0].line, 2u);
  EXPECT_NE(latin1->errors[0].message.find("UTF-8"), std::string::npos);
  auto no_size = Voc("<annotation><filename>a.jpg</filename></annotation>");
  ASSERT_TRUE(no_size.ok());
  ASSERT_EQ(no_size->errors.size(), 1u);
  EXPECT_EQ(no_size->errors[0].field, "size");
  EXPECT_EQ(FromVoc(ParsedInterface(kSpanControls), "<annotation/>", "m").status().field(),
            "format");
}

TEST(VocImport, ReadsZeroCornersAsTheEdgeAndQuotesTheFilesOwnValues) {
  auto edge = Voc(OneObject(
      "<name>car</name><bndbox><xmin>0</xmin><ymin>0</ymin><xmax>20</xmax><ymax>10</ymax>"
      "</bndbox>"));
  ASSERT_TRUE(edge.ok());
  ASSERT_TRUE(edge->errors.empty()) << ErrorsText(*edge);
  const json box = edge->records.at(0)["predictions"][0]["result"]["boxes"]["boxes"][0];
  EXPECT_EQ(box["x"], 0);
  EXPECT_EQ(box["y"], 0);
  EXPECT_EQ(box["width"], 10);  // 20 of 200 pixels.
  const struct {
    std::string bndbox;
    std::string says;
  } cases[] = {
      {"<xmin>-5</xmin><ymin>1</ymin><xmax>9</xmax><ymax>5</ymax>", "xmin -5 lies outside"},
      {"<xmin>1</xmin><ymin>1</ymin><xmax>900</xmax><ymax>5</ymax>", "xmax 900 lies outside"},
      {"<xmin>1</xmin><ymin>300</ymin><xmax>9</xmax><ymax>5</ymax>", "ymin 300 lies outside"},
  };
  for (const auto& c : cases) {
    auto converted = Voc(OneObject("<name>car</name><bndbox>" + c.bndbox + "</bndbox>"));
    ASSERT_TRUE(converted.ok());
    ASSERT_EQ(converted->errors.size(), 1u) << c.bndbox;
    EXPECT_NE(converted->errors[0].message.find(c.says), std::string::npos)
        << converted->errors[0].message;
  }
}

TEST(VocImport, RefusesCharacterReferencesThatAreNotUtf8) {
  auto filename = Voc(
      "<annotation>\n<filename>a&#xD800;.jpg</filename>\n<size><width>200</width>"
      "<height>100</height></size>\n</annotation>\n");
  ASSERT_TRUE(filename.ok());
  ASSERT_EQ(filename->errors.size(), 1u);
  EXPECT_EQ(filename->errors[0].field, "filename");
  EXPECT_EQ(filename->errors[0].line, 2u);
  auto name = Voc(OneObject("<name>c&#xDFFF;</name><bndbox><xmin>1</xmin><ymin>1</ymin>"
                            "<xmax>9</xmax><ymax>5</ymax></bndbox>"));
  ASSERT_TRUE(name.ok());
  ASSERT_EQ(name->errors.size(), 1u);
  EXPECT_EQ(name->errors[0].field, "object[0].name");
  EXPECT_NE(name->errors[0].message.find("not UTF-8"), std::string::npos);
  EXPECT_TRUE(name->records.empty());
}

TEST(VocImport, ReadsUtf16AsBytesSoADoctypeCannotHide) {
  // UTF-16LE without a byte order mark: every byte is ASCII or NUL, so the byte checks pass.
  const std::string text =
      "<!DOCTYPE annotation>\n<annotation><filename>a.jpg</filename><size><width>20</width>"
      "<height>10</height></size></annotation>";
  std::string utf16;
  for (const char c : text) utf16 += std::string{c, '\0'};
  auto converted = Voc(utf16);
  ASSERT_TRUE(converted.ok());
  EXPECT_EQ(converted->errors.size(), 1u);
  EXPECT_TRUE(converted->records.empty()) << converted->records.dump();
}

TEST(VocImport, StopsAtTheErrorCapWithoutRecountingLines) {
  // Each error counted lines from byte 0 and the loop ran past the cap: quadratic in the file.
  std::string xml =
      "<annotation>\n<filename>a.jpg</filename>\n<size><width>200</width><height>100</height>"
      "</size>\n";
  for (int i = 0; i < 65'536; ++i) xml += "<object><name>x</name></object>\n";
  xml += "</annotation>\n";
  auto converted = Voc(xml);
  ASSERT_TRUE(converted.ok());
  EXPECT_TRUE(converted->more_errors);
  ASSERT_EQ(converted->errors.size(), kMaxListedErrors);
  EXPECT_EQ(converted->errors[0].line, 4u);
  EXPECT_EQ(converted->errors.back().line, 3u + kMaxListedErrors);
  EXPECT_EQ(converted->errors.back().field, "object[99].name");
  EXPECT_TRUE(converted->records.empty());
}

}  // namespace
}  // namespace chorus::service::imports
