// Conformance: ProjectStore (optimistic updates) and append-only guideline versions.
#include "tests/store/store_conformance.h"

namespace chorus::store::conformance {
namespace {

using domain::Guideline;
using domain::Project;

TEST_P(StoreConformanceTest, ProjectCreateGetList) {
  int64_t owner = AddUser("owner", domain::Role::kManager).id;
  Project a = AddProject(owner);
  Project b = AddProject(owner, 5);
  EXPECT_EQ(a.version, 1);
  EXPECT_EQ(a.overlap, 3);
  EXPECT_EQ(Must(store().projects().Get(a.id)), a);
  Page<Project> page = Must(store().projects().List({}));
  ASSERT_EQ(page.items.size(), 2u);
  EXPECT_EQ(page.items[0], a);
  EXPECT_EQ(page.items[1], b);
  EXPECT_EQ(page.next_after_id, 0);
  EXPECT_EQ(store().projects().Get(b.id + 100).status().code(), StatusCode::kNotFound);
}

TEST_P(StoreConformanceTest, ProjectRejectsBadFieldsAndUnknownCreator) {
  Project p;
  p.name = "x";
  p.overlap = 0;
  p.created_by = AddUser("o").id;
  Result<Project> r = store().projects().Create(p);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "overlap");
  p.overlap = 1;
  p.label_interface = "{not json";
  EXPECT_EQ(store().projects().Create(p).status().field(), "label_interface");
  p.label_interface = "{}";
  p.created_by = 4242;
  r = store().projects().Create(p);
  EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(r.status().field(), "created_by");
}

TEST_P(StoreConformanceTest, ProjectStaleUpdateIsConflictWithCurrentVersion) {
  Project p = AddProject(AddUser("o").id);
  Project first = p;
  first.name = "renamed";
  first.overlap = 2;
  Project updated = Must(store().projects().Update(first));
  EXPECT_EQ(updated.version, 2);
  EXPECT_EQ(updated.name, "renamed");

  Project second = p;  // Read before the first update.
  second.description = "lost update";
  UpdateResult<Project> stale = store().projects().Update(second);
  ASSERT_FALSE(stale.ok());
  EXPECT_EQ(stale.status().code(), StatusCode::kConflict);
  EXPECT_EQ(stale.status().field(), "version");
  EXPECT_EQ(stale.current_version(), 2);
  EXPECT_EQ(Must(store().projects().Get(p.id)), updated);
}

// Policies are cached by project version (store/project_policies.h): a read after an update
// must see the new policies, in Get and in both lists.
TEST_P(StoreConformanceTest, ProjectReadsSeeEachUpdatesPolicies) {
  int64_t owner = AddUser("owner", domain::Role::kManager).id;
  Project p = AddProject(owner);
  EXPECT_EQ(Must(store().projects().Get(p.id)), p);  // Cached at version 1.
  Project changed = p;
  changed.gold.rate = 0.25;
  changed.pay.floor_cents_per_hour = 1234;
  changed.wellbeing.enabled = true;
  changed.drafts.blind_share = 0.5;
  Project updated = Must(store().projects().Update(changed));
  EXPECT_EQ(Must(store().projects().Get(p.id)), updated);
  EXPECT_EQ(Must(store().projects().List({})).items.at(0), updated);
  EXPECT_EQ(Must(store().projects().ListForMember(owner, {})).items.at(0), updated);
  changed = updated;
  changed.gold.rate = 0.1;
  updated = Must(store().projects().Update(changed));
  EXPECT_EQ(Must(store().projects().Get(p.id)).gold.rate, 0.1);
}

TEST_P(StoreConformanceTest, GuidelinesAreAppendOnlyVersions) {
  int64_t author = AddUser("author").id;
  Project p = AddProject(author);
  EXPECT_EQ(store().projects().LatestGuideline(p.id).status().code(), StatusCode::kNotFound);
  Guideline g;
  g.project_id = p.id;
  g.version = 77;  // Ignored: the store numbers versions.
  g.markdown = "# Label sentiment\nPositive means ...";
  g.author = author;
  g.created_at = 1;
  Guideline v1 = Must(store().projects().AddGuideline(g));
  g.markdown = "# Label sentiment\nSarcasm is negative.";
  g.created_at = 2;
  Guideline v2 = Must(store().projects().AddGuideline(g));
  EXPECT_EQ(v1.version, 1);
  EXPECT_EQ(v2.version, 2);
  EXPECT_EQ(Must(store().projects().LatestGuideline(p.id)), v2);
  EXPECT_EQ(Must(store().projects().GetGuideline(p.id, 1)), v1);
  EXPECT_EQ(Must(store().projects().ListGuidelines(p.id)), (std::vector<Guideline>{v1, v2}));
  EXPECT_EQ(store().projects().GetGuideline(p.id, 3).status().code(), StatusCode::kNotFound);
  g.project_id = p.id + 1000;
  EXPECT_EQ(store().projects().AddGuideline(g).status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace chorus::store::conformance
