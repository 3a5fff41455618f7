// Project reach (security catalogue entries 61 and 63) against a real SQLite store: members
// and administrators reach a project, its tasks and its annotations; anyone else gets exactly
// the status a missing one gets (no existence oracle); the project list holds only the
// caller's projects; and an export job follows its project's membership.
#include "service/project_access.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "service/export_jobs.h"
#include "service/project_service.h"
#include "service/scratch_store_for_test.h"

namespace chorus::service {
namespace {

using domain::Role;

class ProjectAccessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = AddUser("admin", Role::kAdmin);
    manager_ = AddUser("manager", Role::kManager);
    ann_ = AddUser("ann", Role::kAnnotator);
    outsider_ = AddUser("out", Role::kReviewer);
    project_ = AddProject(manager_);
    other_ = AddProject(admin_);
    domain::Task task;
    task.data = R"({"text":"fine"})";
    task.created_at = kTestNow;
    auto inserted = store_->tasks().InsertBatch(project_, {task});
    ASSERT_TRUE(inserted.ok()) << inserted.status().ToString();
    task_ = inserted->task_ids[0];
    domain::ProjectMember member;
    member.project_id = project_;
    member.user_id = ann_.user_id;
    member.added_by = manager_.user_id;
    member.added_at = kTestNow;
    ASSERT_TRUE(store_->projects().AddMember(member).ok());
    domain::Annotation annotation;
    annotation.task_id = task_;
    annotation.project_id = project_;
    annotation.annotator_id = ann_.user_id;
    annotation.result = "{}";
    annotation.state = domain::AnnotationState::kSkipped;
    annotation.idempotency_key = "k";
    annotation.created_at = annotation.updated_at = kTestNow;
    auto submitted = store_->annotations().Submit(annotation, {});
    ASSERT_TRUE(submitted.ok()) << submitted.status().ToString();
    annotation_ = submitted->annotation.id;
  }

  Principal AddUser(const std::string& name, Role role) {
    return AddTestUser(*store_, name, role, kTestNow);
  }

  int64_t AddProject(const Principal& by) {
    ProjectService projects(*store_, [] { return kTestNow; });
    domain::Project project;
    project.name = "p";
    project.label_interface =
        R"({"controls":[{"type":"choices","name":"s","to":"text","options":["a","b"]}]})";
    auto created = projects.Create(by, project);
    EXPECT_TRUE(created.ok()) << created.status().ToString();
    return created.ok() ? created->id : 0;
  }

  ScratchStore store_;
  Principal admin_, manager_, ann_, outsider_;
  int64_t project_ = 0, other_ = 0, task_ = 0, annotation_ = 0;
};

TEST_F(ProjectAccessTest, MembersAndAdministratorsReachEverythingOfTheProject) {
  const ProjectAccess access(*store_);
  for (const Principal& who : {admin_, manager_, ann_}) {
    EXPECT_TRUE(access.CheckProject(who, project_).ok()) << who.user_id;
    EXPECT_TRUE(access.CheckTask(who, task_).ok()) << who.user_id;
    EXPECT_TRUE(access.CheckAnnotation(who, annotation_).ok()) << who.user_id;
    EXPECT_TRUE(access.Check(who, ProjectScope::kTask, task_).ok()) << who.user_id;
  }
  // Administrators reach even what does not exist: the handler says it is missing.
  EXPECT_TRUE(access.CheckProject(admin_, 999).ok());
  EXPECT_TRUE(access.CheckTask(admin_, 999).ok());
  EXPECT_TRUE(access.CheckProject(admin_, other_).ok());
}

// What a non-member is told about a project, task or annotation is word for word what the
// store says about one that does not exist.
TEST_F(ProjectAccessTest, OthersGetExactlyTheMissingAnswer) {
  const ProjectAccess access(*store_);
  const auto missing = [](Status status, int64_t id) {
    std::string message = status.message();
    message.replace(message.rfind(std::to_string(id)), std::to_string(id).size(), "ID");
    return std::make_tuple(status.code(), message, status.field());
  };
  const Status no_project = store_->projects().Get(999).status();
  const Status no_task = store_->tasks().Get(999).status();
  const Status no_annotation = store_->annotations().Get(999).status();
  ASSERT_EQ(no_project.code(), StatusCode::kNotFound);
  for (const Principal& who : {outsider_, ann_}) {
    const int64_t project = who.user_id == ann_.user_id ? other_ : project_;
    EXPECT_EQ(missing(access.CheckProject(who, project), project), missing(no_project, 999));
    EXPECT_EQ(missing(access.CheckProject(who, 999), 999), missing(no_project, 999));
  }
  EXPECT_EQ(missing(access.CheckTask(outsider_, task_), task_), missing(no_task, 999));
  EXPECT_EQ(missing(access.CheckTask(outsider_, 999), 999), missing(no_task, 999));
  EXPECT_EQ(missing(access.CheckAnnotation(outsider_, annotation_), annotation_),
            missing(no_annotation, 999));
  EXPECT_EQ(missing(access.Check(outsider_, ProjectScope::kAnnotation, 999), 999),
            missing(no_annotation, 999));
  // The managers of one project are strangers to another.
  EXPECT_EQ(access.CheckProject(manager_, other_).code(), StatusCode::kNotFound);
}

TEST_F(ProjectAccessTest, TheListHoldsOnlyTheCallersProjects) {
  ProjectService projects(*store_, [] { return kTestNow; });
  const auto ids = [&](const Principal& who) {
    std::vector<int64_t> out;
    auto page = projects.List(who, {});
    EXPECT_TRUE(page.ok()) << page.status().ToString();
    if (page.ok()) {
      for (const domain::Project& p : page->items) out.push_back(p.id);
    }
    return out;
  };
  EXPECT_EQ(ids(admin_), (std::vector<int64_t>{project_, other_}));
  EXPECT_EQ(ids(manager_), (std::vector<int64_t>{project_}));  // Its creator.
  EXPECT_EQ(ids(ann_), (std::vector<int64_t>{project_}));
  EXPECT_TRUE(ids(outsider_).empty());
}

// An owner who leaves the project loses its export with it; administrators keep seeing it.
TEST_F(ProjectAccessTest, AnExportJobFollowsItsProjectsMembership) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("chorus-access-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  {
    ExportJobs exports(*store_, dir.string(), [] { return kTestNow; });
    auto job = exports.Start(ann_, project_, ExportFormat::kJsonl);
    ASSERT_TRUE(job.ok()) << job.status().ToString();
    for (int i = 0; i < 500 && exports.Get(admin_, job->id)->state == JobState::kRunning; ++i) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    EXPECT_TRUE(exports.Get(ann_, job->id).ok());
    EXPECT_EQ(exports.Get(manager_, job->id).status().code(), StatusCode::kNotFound);  // Not his.
    ASSERT_TRUE(store_->projects().RemoveMember(project_, ann_.user_id).ok());
    const Status gone = exports.Get(ann_, job->id).status();
    EXPECT_EQ(gone.code(), StatusCode::kNotFound);
    EXPECT_EQ(gone.message(), "there is no job " + std::to_string(job->id) + " of yours");
    EXPECT_EQ(exports.Get(ann_, 424242).status().message(), "there is no job 424242 of yours");
    EXPECT_TRUE(exports.Get(admin_, job->id).ok());
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace chorus::service
