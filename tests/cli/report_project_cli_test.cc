// `chorus report --project` against a SQLite database built here the way the server stores
// labels (SqliteStore, as `chorus serve --data DIR` opens DIR/chorus.db): the project's votes,
// gold and task texts reach the report, escaped, and missing things are named.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.h"
#include "tests/cli/run_chorus.h"

namespace chorus::testing {
namespace {

using Json = nlohmann::json;

std::string Answer(const std::string& option) {
  return R"({"sentiment":{"choices":[")" + option + R"("]}})";
}

// A project "Reviews <1>" with three tasks, three annotators, nine labels and one gold item;
// returns the project id (0 after a test failure).
int64_t BuildProjectDatabase(const std::filesystem::path& data_dir, bool with_labels) {
  std::filesystem::create_directories(data_dir);
  store::sqlite::SqliteOptions options;
  options.path = (data_dir / "chorus.db").string();
  auto opened = store::sqlite::SqliteStore::Open(options);
  EXPECT_TRUE(opened.ok()) << opened.status().ToString();
  if (!opened.ok()) return 0;
  store::Store& s = **opened;
  std::vector<int64_t> users;
  for (const char* name : {"owner", "Ann", "Bob", "Cid"}) {
    domain::User user;
    user.email = std::string(name) + "@example.org";
    user.display_name = name;
    user.role = users.empty() ? domain::Role::kManager : domain::Role::kAnnotator;
    user.created_at = 1;
    auto created = s.users().Create(user);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    users.push_back(created.ok() ? created->id : 0);
  }
  domain::Project p;
  p.name = "Reviews <1>";
  p.label_interface =
      R"({"controls":[{"type":"choices","name":"sentiment","to":"text","options":["pos","neg"]}]})";
  p.created_by = users[0];
  p.created_at = 1;
  auto project = s.projects().Create(p);
  EXPECT_TRUE(project.ok()) << project.status().ToString();
  if (!project.ok()) return 0;
  std::vector<domain::Task> tasks(3);
  tasks[0].data = R"({"text":"Loved it <script>alert(1)</script>"})";
  tasks[1].data = R"({"text":"Fine"})";
  tasks[2].data = R"({"text":"Awful"})";
  auto inserted = s.tasks().InsertBatch(project->id, tasks);
  EXPECT_TRUE(inserted.ok()) << inserted.status().ToString();
  if (!inserted.ok() || !with_labels) return project->id;
  const char* answers[3][3] = {{"pos", "pos", "neg"}, {"neg", "pos", "neg"}, {"pos", "pos", "neg"}};
  for (int who = 0; who < 3; ++who) {
    for (int t = 0; t < 3; ++t) {
      domain::Annotation a;
      a.project_id = project->id;
      a.task_id = inserted->task_ids[t];
      a.annotator_id = users[who + 1];
      a.result = Answer(answers[who][t]);
      a.created_at = a.updated_at = 1'700'000'000'000;
      a.idempotency_key = std::to_string(who) + "-" + std::to_string(t);
      EXPECT_TRUE(s.annotations().Submit(a).ok());
    }
  }
  domain::GoldItem gold;
  gold.task_id = inserted->task_ids[0];
  gold.reference = Answer("pos");
  gold.created_by = users[0];
  EXPECT_TRUE(s.gold().Put(gold).ok());
  return project->id;
}

TEST(ReportProjectCli, ReportsOnAProjectsLabels) {
  const TempDir dir;
  const std::filesystem::path data = dir.path() / "data";
  const int64_t project = BuildProjectDatabase(data, true);
  ASSERT_GT(project, 0);
  const std::string out = (dir.path() / "report.html").string();
  const ChorusRun html = RunChorus(
      {"report", "--project", std::to_string(project), "--data", data.string(), "--out", out});
  ASSERT_EQ(html.exit_code, 0) << html.err;
  const std::string page = ReadFile(out);
  EXPECT_NE(page.find("Quality report: Reviews &lt;1&gt;"), std::string::npos);
  EXPECT_NE(page.find("Loved it &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
  EXPECT_EQ(page.find("<script"), std::string::npos);
  EXPECT_NE(page.find("Ann (#"), std::string::npos);
  EXPECT_NE(page.find("Rows: the gold label"), std::string::npos);

  const ChorusRun json = RunChorus({"report", "--project", std::to_string(project), "--data",
                                    data.string(), "--format", "json"});
  ASSERT_EQ(json.exit_code, 0) << json.err;
  const Json r = Json::parse(json.out);
  EXPECT_EQ(r["source"]["project_id"], project);
  EXPECT_EQ(r["source"]["control"], "sentiment");
  EXPECT_EQ(r["summary"]["votes"], 9);
  EXPECT_EQ(r["summary"]["gold_items"], 1);
  ASSERT_EQ(r["disagreements"].size(), 1u);
  EXPECT_EQ(r["disagreements"][0]["excerpt"], "text: Loved it <script>alert(1)</script>");
}

TEST(ReportProjectCli, NamesWhatIsMissing) {
  const TempDir dir;
  const std::filesystem::path data = dir.path() / "data";
  const int64_t project = BuildProjectDatabase(data, false);
  ASSERT_GT(project, 0);
  const ChorusRun unlabelled =
      RunChorus({"report", "--project", std::to_string(project), "--data", data.string()});
  EXPECT_EQ(unlabelled.exit_code, 1);
  EXPECT_NE(unlabelled.err.find("nobody has answered \"sentiment\""), std::string::npos)
      << unlabelled.err;
  const ChorusRun unknown = RunChorus({"report", "--project", "999", "--data", data.string()});
  EXPECT_EQ(unknown.exit_code, 1);
  EXPECT_NE(unknown.err.find("no project 999"), std::string::npos) << unknown.err;
  const ChorusRun nowhere =
      RunChorus({"report", "--project", "1", "--data", (dir.path() / "none").string()});
  EXPECT_EQ(nowhere.exit_code, 1);
  EXPECT_NE(nowhere.err.find("no database at"), std::string::npos) << nowhere.err;
  EXPECT_FALSE(std::filesystem::exists(dir.path() / "none"));
  const ChorusRun gold = RunChorus({"report", "--project", "1", "--gold", "g.csv"});
  EXPECT_EQ(gold.exit_code, 2);
}

}  // namespace
}  // namespace chorus::testing
