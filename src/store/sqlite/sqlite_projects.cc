#include "store/sqlite/sqlite_projects.h"

#include <string>
#include <utility>

namespace chorus::store::sqlite {

using domain::Guideline;
using domain::Project;

namespace {

// A row of id, name, description, label_interface, overlap, created_by, created_at, version,
// gold_policy, routing_policy, pay_policy, wellbeing_policy, diversity_policy, draft_policy.
// With a cache, the policy columns are read and parsed only for a version not seen before.
Result<Project> ReadProject(const Query& q, ProjectPolicyCache* cache) {
  Project p;
  p.id = q.Int(0);
  p.name = q.Text(1);
  p.description = q.Text(2);
  p.label_interface = q.Text(3);
  p.overlap = q.Int(4);
  p.created_by = q.Int(5);
  p.created_at = q.Int(6);
  p.version = q.Int(7);
  auto texts = [&q] {
    return PolicyTexts{q.Text(8), q.Text(9), q.Text(10), q.Text(11), q.Text(12), q.Text(13)};
  };
  CHORUS_RETURN_IF_ERROR(cache ? cache->Fill(p, texts) : ParseProjectPolicies(texts(), p));
  return p;
}

Guideline ReadGuideline(const Query& q) {
  Guideline g;
  g.project_id = q.Int(0);
  g.version = q.Int(1);
  g.markdown = q.Text(2);
  g.author = q.Int(3);
  g.created_at = q.Int(4);
  return g;
}

Result<Guideline> ReadOneGuideline(Result<Query>& q, int64_t project_id) {
  if (!q.ok()) return q.status();
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) {
    return NotFound("project " + std::to_string(project_id) + " has no such guideline version",
                    "version");
  }
  return ReadGuideline(*q);
}

}  // namespace

Result<Project> ReadProjectById(Connection& db, int64_t id, ProjectPolicyCache* cache) {
  Result<Query> q = db.Prepare(
      "SELECT id, name, description, label_interface, overlap, created_by, created_at, version, "
      "gold_policy, routing_policy, pay_policy, wellbeing_policy, diversity_policy, draft_policy FROM projects WHERE id = ?");
  if (!q.ok()) return q.status();
  q->BindInt(id);
  Result<bool> row = q->Step();
  if (!row.ok()) return row.status();
  if (!*row) return NotFound("there is no project with id " + std::to_string(id), "project_id");
  return ReadProject(*q, cache);
}

Result<Project> SqliteProjectStore::Create(Project project) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateProject(project));
  project.version = 1;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<Query> q = db.Prepare(
        "INSERT INTO projects (name, description, label_interface, overlap, gold_policy, "
        "routing_policy, pay_policy, wellbeing_policy, diversity_policy, draft_policy, created_by, created_at, "
        "version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
    if (!q.ok()) return q.status();
    Status s = q->BindText(project.name)
                   .BindText(project.description)
                   .BindText(project.label_interface)
                   .BindInt(project.overlap)
                   .BindText(domain::GoldPolicyToText(project.gold))
                   .BindText(domain::RoutingPolicyToText(project.routing))
                   .BindText(domain::PayPolicyToText(project.pay))
                   .BindText(domain::WellbeingPolicyToText(project.wellbeing))
                   .BindText(domain::DiversityPolicyToText(project.diversity))
                   .BindText(domain::DraftPolicyToText(project.drafts))
                   .BindInt(project.created_by)
                   .BindInt(project.created_at)
                   .Run();
    if (s.code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("must be the id of an existing user", "created_by");
    }
    CHORUS_RETURN_IF_ERROR(s);
    project.id = db.LastInsertRowId();
    // The creator is the first member, in the same transaction.
    Result<Query> member = db.Prepare(
        "INSERT INTO project_members (project_id, user_id, added_by, added_at) "
        "VALUES (?, ?, ?, ?)");
    if (!member.ok()) return member.status();
    return member->BindInt(project.id)
        .BindInt(project.created_by)
        .BindInt(project.created_by)
        .BindInt(project.created_at)
        .Run();
  });
  if (!status.ok()) return status;
  return project;
}

Result<Project> SqliteProjectStore::Get(int64_t id) {
  return WithReader(db_.reads, [&](Connection& db) { return ReadProjectById(db, id, &policies_); });
}

Result<Page<Project>> SqliteProjectStore::List(const PageRequest& page) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<Project>> {
    int64_t limit = ClampLimit(page.limit);
    Result<Query> q = db.Prepare(
        "SELECT id, name, description, label_interface, overlap, created_by, created_at, "
        "version, gold_policy, routing_policy, pay_policy, wellbeing_policy, diversity_policy, draft_policy FROM projects "
        "WHERE id > ? ORDER BY id LIMIT ?");
    if (!q.ok()) return q.status();
    q->BindInt(page.after_id).BindInt(limit + 1);
    return ReadPageRows<Project>(*q, limit,
                                 [this](const Query& row) { return ReadProject(row, &policies_); });
  });
}

Result<Page<Project>> SqliteProjectStore::ListForMember(int64_t user_id, const PageRequest& page) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<Page<Project>> {
    int64_t limit = ClampLimit(page.limit);
    Result<Query> q = db.Prepare(
        "SELECT p.id, p.name, p.description, p.label_interface, p.overlap, p.created_by, "
        "p.created_at, p.version, p.gold_policy, p.routing_policy, p.pay_policy, "
        "p.wellbeing_policy, p.diversity_policy, p.draft_policy "
        "FROM project_members m JOIN projects p ON p.id = m.project_id "
        "WHERE m.user_id = ? AND m.project_id > ? ORDER BY m.project_id LIMIT ?");
    if (!q.ok()) return q.status();
    q->BindInt(user_id).BindInt(page.after_id).BindInt(limit + 1);
    return ReadPageRows<Project>(*q, limit,
                                 [this](const Query& row) { return ReadProject(row, &policies_); });
  });
}

UpdateResult<Project> SqliteProjectStore::Update(const Project& changed) {
  int64_t current_version = 0;
  Project updated;
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<Project> current = ReadProjectById(db, changed.id);
    if (!current.ok()) return current.status();
    if (current->version != changed.version) {
      current_version = current->version;
      return Conflict("project " + std::to_string(changed.id) + " changed since version " +
                          std::to_string(changed.version) + " (now " +
                          std::to_string(current_version) +
                          "); reload it and apply your change again",
                      "version");
    }
    updated = *current;
    updated.name = changed.name;
    updated.description = changed.description;
    updated.label_interface = changed.label_interface;
    updated.overlap = changed.overlap;
    updated.gold = changed.gold;
    updated.routing = changed.routing;
    updated.pay = changed.pay;
    updated.wellbeing = changed.wellbeing;
    updated.diversity = changed.diversity;
    updated.drafts = changed.drafts;
    updated.version = current->version + 1;
    CHORUS_RETURN_IF_ERROR(domain::ValidateProject(updated));
    Result<Query> q = db.Prepare(
        "UPDATE projects SET name = ?, description = ?, label_interface = ?, overlap = ?, "
        "gold_policy = ?, routing_policy = ?, pay_policy = ?, wellbeing_policy = ?, "
        "diversity_policy = ?, draft_policy = ?, version = ? WHERE id = ?");
    if (!q.ok()) return q.status();
    return q->BindText(updated.name)
        .BindText(updated.description)
        .BindText(updated.label_interface)
        .BindInt(updated.overlap)
        .BindText(domain::GoldPolicyToText(updated.gold))
        .BindText(domain::RoutingPolicyToText(updated.routing))
        .BindText(domain::PayPolicyToText(updated.pay))
        .BindText(domain::WellbeingPolicyToText(updated.wellbeing))
        .BindText(domain::DiversityPolicyToText(updated.diversity))
        .BindText(domain::DraftPolicyToText(updated.drafts))
        .BindInt(updated.version)
        .BindInt(updated.id)
        .Run();
  });
  if (!status.ok()) return {status, current_version};
  return updated;
}

Result<Guideline> SqliteProjectStore::AddGuideline(Guideline guideline) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateGuideline(guideline));
  Status status = db_.writer.Run([&](Connection& db) -> Status {
    Result<Project> project = ReadProjectById(db, guideline.project_id);
    if (!project.ok()) return project.status();
    Result<Query> latest =
        db.Prepare("SELECT COALESCE(MAX(version), 0) FROM guidelines WHERE project_id = ?");
    if (!latest.ok()) return latest.status();
    latest->BindInt(guideline.project_id);
    Result<bool> row = latest->Step();
    if (!row.ok()) return row.status();
    guideline.version = latest->Int(0) + 1;
    Result<Query> q = db.Prepare(
        "INSERT INTO guidelines (project_id, version, markdown, author, created_at) "
        "VALUES (?, ?, ?, ?, ?)");
    if (!q.ok()) return q.status();
    Status s = q->BindInt(guideline.project_id)
                   .BindInt(guideline.version)
                   .BindText(guideline.markdown)
                   .BindInt(guideline.author)
                   .BindInt(guideline.created_at)
                   .Run();
    if (s.code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("must be the id of an existing user", "author");
    }
    return s;
  });
  if (!status.ok()) return status;
  return guideline;
}

Result<Guideline> SqliteProjectStore::LatestGuideline(int64_t project_id) {
  return WithReader(db_.reads, [&](Connection& db) {
    Result<Query> q = db.Prepare(
        "SELECT project_id, version, markdown, author, created_at FROM guidelines "
        "WHERE project_id = ? ORDER BY version DESC LIMIT 1");
    if (q.ok()) q->BindInt(project_id);
    return ReadOneGuideline(q, project_id);
  });
}

Result<Guideline> SqliteProjectStore::GetGuideline(int64_t project_id, int64_t version) {
  return WithReader(db_.reads, [&](Connection& db) {
    Result<Query> q = db.Prepare(
        "SELECT project_id, version, markdown, author, created_at FROM guidelines "
        "WHERE project_id = ? AND version = ?");
    if (q.ok()) q->BindInt(project_id).BindInt(version);
    return ReadOneGuideline(q, project_id);
  });
}

Result<std::vector<Guideline>> SqliteProjectStore::ListGuidelines(int64_t project_id) {
  return WithReader(db_.reads, [&](Connection& db) -> Result<std::vector<Guideline>> {
    Result<Query> q = db.Prepare(
        "SELECT project_id, version, markdown, author, created_at FROM guidelines "
        "WHERE project_id = ? ORDER BY version");
    if (!q.ok()) return q.status();
    q->BindInt(project_id);
    std::vector<Guideline> out;
    while (true) {
      Result<bool> row = q->Step();
      if (!row.ok()) return row.status();
      if (!*row) break;
      out.push_back(ReadGuideline(*q));
    }
    return out;
  });
}

}  // namespace chorus::store::sqlite
