#include "domain/project_member.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace chorus::domain {
namespace {

ProjectMember ValidMember() {
  ProjectMember m;
  m.project_id = 4;
  m.user_id = 9;
  m.added_by = 1;
  m.added_at = 1000;
  return m;
}

TEST(ProjectMemberTest, ValidateNamesTheFieldAtFault) {
  EXPECT_TRUE(ValidateProjectMember(ValidMember()).ok());
  ProjectMember carried = ValidMember();
  carried.added_by.reset();  // Carried over by migration 0010: nobody added it.
  EXPECT_TRUE(ValidateProjectMember(carried).ok());
  const auto field_of = [](auto change) {
    ProjectMember m = ValidMember();
    change(m);
    return ValidateProjectMember(m).field();
  };
  EXPECT_EQ(field_of([](ProjectMember& m) { m.project_id = 0; }), "project_id");
  EXPECT_EQ(field_of([](ProjectMember& m) { m.user_id = -3; }), "user_id");
  EXPECT_EQ(field_of([](ProjectMember& m) { m.added_by = 0; }), "added_by");
  EXPECT_EQ(field_of([](ProjectMember& m) { m.added_at = -1; }), "added_at");
}

TEST(ProjectMemberTest, JsonHasEveryFieldAndNullForNobody) {
  EXPECT_EQ(
      ToJson(ValidMember()),
      nlohmann::json::parse(R"({"project_id": 4, "user_id": 9, "added_by": 1, "added_at": 1000})"));
  ProjectMember carried = ValidMember();
  carried.added_by.reset();
  EXPECT_TRUE(ToJson(carried)["added_by"].is_null());
}

}  // namespace
}  // namespace chorus::domain
