#include "domain/task.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "domain/audit_event.h"
#include "domain/project.h"

namespace chorus::domain {
namespace {

TEST(TaskTest, JsonRoundTripAndValidation) {
  Task t;
  t.id = 5;
  t.project_id = 2;
  t.external_id = "row-17";
  t.content_hash = "ab12";
  t.data = R"({"text":"naïve café ☕"})";
  t.priority = 3;
  t.created_at = 99;
  t.sensitive = true;
  EXPECT_TRUE(ValidateTask(t).ok());
  EXPECT_EQ(*TaskFromJson(ToJson(t)), t);
  EXPECT_EQ(ToJson(t)["sensitive"], true);
  t.external_id.reset();
  EXPECT_TRUE(ToJson(t)["external_id"].is_null());
  EXPECT_EQ(*TaskFromJson(ToJson(t)), t);
  t.external_id = "";
  EXPECT_EQ(ValidateTask(t).field(), "external_id");
  t.external_id.reset();
  t.data = "{\"text\": tru}";
  EXPECT_EQ(ValidateTask(t).field(), "data");
}

TEST(ProjectTest, JsonRoundTripAndValidation) {
  Project p;
  p.id = 1;
  p.name = "Sentiment";
  p.label_interface = R"({"controls":[]})";
  p.overlap = 5;
  p.created_by = 2;
  p.version = 1;
  p.wellbeing.enabled = true;
  p.wellbeing.daily_cap = 9;
  EXPECT_TRUE(ValidateProject(p).ok());
  EXPECT_EQ(*ProjectFromJson(ToJson(p)), p);
  p.wellbeing.break_after = 0;
  EXPECT_EQ(ValidateProject(p).field(), "wellbeing.break_after");
  p.wellbeing = {};
  p.overlap = 0;
  EXPECT_EQ(ValidateProject(p).field(), "overlap");
  p.overlap = 3;
  p.name = "";
  EXPECT_EQ(ValidateProject(p).field(), "name");
}

TEST(AuditEventTest, ValidatesJsonStates) {
  AuditEvent e{0, 1, "project.update", "project", 3, R"({"name":"a"})", R"({"name":"b"})", 7};
  EXPECT_TRUE(ValidateAuditEvent(e).ok());
  EXPECT_EQ(ToJson(e)["before"]["name"], "a");
  e.before = "{";
  EXPECT_EQ(ValidateAuditEvent(e).field(), "before");
}

}  // namespace
}  // namespace chorus::domain
