// Conformance: a project's model backend configuration (issue 7 item 1) is stored per project,
// replaced by a later save, absent until saved, refused for an unknown project, and kept across
// a reopen.
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

TEST_P(StoreConformanceTest, ModelBackendIsOnePerProjectAndTheLastSaveWins) {
  const int64_t owner = AddUser("o").id;
  const int64_t p = AddProject(owner).id, q = AddProject(owner).id;
  EXPECT_FALSE(Must(store().predictions().ModelBackend(p)).has_value());
  ASSERT_TRUE(store().predictions().SetModelBackend(p, R"({"kind":"label_studio"})", 1000).ok());
  ASSERT_TRUE(store().predictions().SetModelBackend(q, R"({"kind":"chat_completions"})", 1000).ok());
  ASSERT_TRUE(store().predictions().SetModelBackend(p, R"({"kind":"chat_completions"})", 2000).ok());
  EXPECT_EQ(Must(store().predictions().ModelBackend(p)), R"({"kind":"chat_completions"})");
  const Status unknown = store().predictions().SetModelBackend(q + 99, "{}", 3000);
  EXPECT_EQ(unknown.code(), StatusCode::kNotFound);
  EXPECT_EQ(unknown.field(), "project_id");
  Reopen();
  EXPECT_EQ(Must(store().predictions().ModelBackend(q)), R"({"kind":"chat_completions"})");
}

}  // namespace
}  // namespace chorus::store::conformance
