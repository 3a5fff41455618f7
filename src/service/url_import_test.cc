// Import from a URL against a real SQLite store and a real upstream on loopback: the file
// goes through the outbound guard into the upload's import, the spool file goes afterwards,
// and nothing is fetched when the request is wrong before the fetch.
#include "service/url_import.h"

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string>

#include "service/outbound/test_upstream_for_test.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

// Qualified: service::test (media samples) may share this file's unity batch.
using ::chorus::test::TestUpstream;

constexpr char kJsonl[] =
    "{\"data\": {\"text\": \"one\"}, \"external_id\": \"u1\"}\n{\"text\": \"two\"}\n";

class UrlImportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "chorus_url_import_XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    spool_ = pattern;
    projects_ =
        std::make_unique<ProjectService>(*store_, [] { return int64_t{1'700'000'000'000}; });
    domain::User user;
    user.email = "admin@example.org";
    user.display_name = "admin";
    user.role = domain::Role::kAdmin;
    auto created = store_->users().Create(user);
    ASSERT_TRUE(created.ok()) << created.status().ToString();
    admin_ = {created->id, domain::Role::kAdmin, CredentialKind::kSession};
    domain::Project project;
    project.name = "import";
    project.label_interface = R"({"controls":[{"type":"choices","name":"s","to":"text",)"
                              R"("options":["a","b"]}]})";
    auto made = projects_->Create(admin_, project);
    ASSERT_TRUE(made.ok()) << made.status().ToString();
    project_ = made->id;
  }
  void TearDown() override { std::filesystem::remove_all(spool_); }

  UrlImporter Importer(const std::vector<std::string>& rules, uint64_t max_bytes = 1 << 20) {
    auto policy = FetchPolicy::Make(rules);
    EXPECT_TRUE(policy.ok());
    UrlImportOptions options;
    options.spool_dir = spool_.string();
    options.max_bytes = max_bytes;
    return UrlImporter(*projects_, std::make_shared<const OutboundFetcher>(*policy), options);
  }
  int64_t TaskCount() { return projects_->Get(project_)->task_count; }

  ScratchStore store_;
  std::unique_ptr<ProjectService> projects_;
  std::filesystem::path spool_;
  Principal admin_;
  int64_t project_ = 0;
};

TEST_F(UrlImportTest, ImportsTheFetchedFileLikeAnUploadAndAuditsTheRedactedUrl) {
  TestUpstream upstream([](const std::string&) {
    TestUpstream::Reply reply;
    reply.content_type = "text/plain";  // The path's extension names the format.
    reply.body = kJsonl;
    return reply;
  });
  UrlImporter importer = Importer({"127.0.0.0/8"});
  const std::string url = "http://user:hunter2@127.0.0.1:" + std::to_string(upstream.port()) +
                          "/batch/tasks.jsonl?signature=s3cr3t";
  auto summary = importer.Import(admin_, project_, url, "");
  ASSERT_TRUE(summary.ok()) << summary.status().ToString();
  EXPECT_EQ(summary->records, 2);
  EXPECT_EQ(summary->inserted, 2);
  EXPECT_TRUE(std::filesystem::is_empty(spool_));
  // Again: everything is a duplicate, as for an upload.
  auto again = importer.Import(admin_, project_, url, "jsonl");
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->inserted, 0);
  EXPECT_EQ(again->duplicate_count, 2);
  EXPECT_EQ(TaskCount(), 2);

  auto events = store_->audit().ListByEntity("project", project_, {0, 100});
  ASSERT_TRUE(events.ok());
  int imports = 0;
  for (const domain::AuditEvent& event : events->items) {
    if (event.action != "tasks.import") continue;
    ++imports;
    const nlohmann::json after = nlohmann::json::parse(event.after);
    EXPECT_EQ(after["url"],
              "http://127.0.0.1:" + std::to_string(upstream.port()) + "/batch/tasks.jsonl");
    EXPECT_EQ(event.after.find("hunter2"), std::string::npos);
    EXPECT_EQ(event.after.find("s3cr3t"), std::string::npos);
  }
  EXPECT_EQ(imports, 2);
}

TEST_F(UrlImportTest, RefusedAddressesFetchAndStoreNothing) {
  TestUpstream upstream([](const std::string&) {
    TestUpstream::Reply reply;
    reply.body = kJsonl;
    return reply;
  });
  UrlImporter importer = Importer({});
  FetchFailure why;
  auto refused = importer.Import(admin_, project_, upstream.url("/tasks.jsonl"), "", &why);
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().message(), kFetchErrorMessage);
  EXPECT_EQ(refused.status().field(), "url");
  EXPECT_EQ(why.reason, FetchFailure::Reason::kRefusedAddress);
  EXPECT_EQ(upstream.requests(), 0);
  EXPECT_EQ(TaskCount(), 0);
  EXPECT_TRUE(std::filesystem::is_empty(spool_));
}

TEST_F(UrlImportTest, TheFormatIsNamedOrTakenFromThePathThenTheContentType) {
  TestUpstream upstream([](const std::string& target) {
    TestUpstream::Reply reply;
    reply.content_type = target == "/csv-export" ? "text/csv; charset=utf-8" : "text/plain";
    reply.body = target == "/csv-export" ? "text,external_id\nhello,c1\n" : kJsonl;
    return reply;
  });
  UrlImporter importer = Importer({"127.0.0.0/8"});
  auto by_type = importer.Import(admin_, project_, upstream.url("/csv-export"), "");
  ASSERT_TRUE(by_type.ok()) << by_type.status().ToString();
  EXPECT_EQ(by_type->inserted, 1);
  auto named = importer.Import(admin_, project_, upstream.url("/download?id=7"), "jsonl");
  ASSERT_TRUE(named.ok()) << named.status().ToString();
  EXPECT_EQ(named->inserted, 2);
  auto unknown = importer.Import(admin_, project_, upstream.url("/download?id=8"), "");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().field(), "format");
  EXPECT_TRUE(std::filesystem::is_empty(spool_));
  // A bad format name or an unknown project is refused before anything is fetched.
  const int fetched = upstream.requests();
  EXPECT_EQ(importer.Import(admin_, project_, upstream.url("/t.jsonl"), "xml").status().field(),
            "format");
  EXPECT_EQ(importer.Import(admin_, 9999, upstream.url("/t.jsonl"), "").status().code(),
            StatusCode::kNotFound);
  EXPECT_EQ(upstream.requests(), fetched);
}

TEST_F(UrlImportTest, OversizeFilesAndBadRecordsStoreNothing) {
  TestUpstream upstream([](const std::string& target) {
    TestUpstream::Reply reply;
    reply.body = target == "/bad.jsonl" ? "{\"text\": \"ok\"}\n[1]\n" : std::string(kJsonl);
    return reply;
  });
  FetchFailure why;
  auto big =
      Importer({"127.0.0.0/8"}, 10).Import(admin_, project_, upstream.url("/t.jsonl"), "", &why);
  ASSERT_FALSE(big.ok());
  EXPECT_EQ(big.status().message(), kFetchErrorMessage);
  EXPECT_EQ(why.reason, FetchFailure::Reason::kTooLarge);
  auto bad = Importer({"127.0.0.0/8"}).Import(admin_, project_, upstream.url("/bad.jsonl"), "");
  ASSERT_TRUE(bad.ok()) << bad.status().ToString();
  ASSERT_EQ(bad->errors.size(), 1u);
  EXPECT_EQ(bad->errors[0].line, 2u);
  EXPECT_EQ(TaskCount(), 0);
  EXPECT_TRUE(std::filesystem::is_empty(spool_));
}

}  // namespace
}  // namespace chorus::service
