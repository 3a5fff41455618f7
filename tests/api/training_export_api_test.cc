// The training-format exports over the API as shipped: a format whose control the project's
// interface lacks is a 400 naming "format" (synchronously and before a job starts), and a
// format every interface fits (hf_jsonl) downloads as a tar archive, from the synchronous route
// and as a job whose manifest names the format and carries the writer's notes.
#include "tests/api/app_api_fixture.h"

namespace chorus::app {
namespace {

TEST_P(AppApiTest, TrainingExportsRefuseMissingControlsAndDownloadAsArchives) {
  const int64_t project = MakeProject(/*overlap=*/2, /*tasks=*/1);
  const std::string p = "/api/v1/projects/" + std::to_string(project);
  const Client first = Login("annotator1@example.org");
  ASSERT_NE(LabelNext(first, project, "positive"), 0);
  const Client manager = Login("manager1@example.org");

  // The test project has a choices control only: no pairwise control for DPO pairs.
  const ClientResponse refused_job = manager.Post(p + "/exports", {{"format", "dpo_jsonl"}});
  EXPECT_EQ(refused_job.status, 400) << refused_job.body;
  EXPECT_EQ(refused_job.Json()["error"]["field"], "format");
  EXPECT_NE(refused_job.body.find("pairwise control"), std::string::npos) << refused_job.body;
  const ClientResponse refused = manager.Call("GET", p + "/export?format=conll_iob2");
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("spans control"), std::string::npos) << refused.body;

  const ClientResponse direct = manager.Call("GET", p + "/export?format=hf_jsonl");
  ASSERT_EQ(direct.status, 200) << direct.body;
  EXPECT_EQ(direct.Header("Content-Type").value_or(""), "application/x-tar");
  EXPECT_NE(direct.Header("Content-Disposition").value_or("").find(".tar\""), std::string::npos);
  EXPECT_EQ(direct.body.size() % 512, 0u);  // Whole ustar blocks.
  EXPECT_NE(direct.body.find("dataset_infos.json"), std::string::npos);

  const ClientResponse started = manager.Post(p + "/exports", {{"format", "hf_jsonl"}});
  ASSERT_EQ(started.status, 202) << started.body;
  const json job = AwaitJob(manager, started.Json()["url"]);
  ASSERT_EQ(job["state"], "succeeded") << job.dump();
  EXPECT_EQ(job["manifest"]["format"], "hf_jsonl");
  EXPECT_TRUE(job["manifest"]["notes"].is_object()) << job.dump();
  const ClientResponse file = manager.Call("GET", job["download_url"].get<std::string>());
  ASSERT_EQ(file.status, 200);
  EXPECT_EQ(file.body.size(), direct.body.size());
}

}  // namespace
}  // namespace chorus::app
