// ProjectStore on PostgreSQL. Update locks the project row before comparing versions;
// AddGuideline locks it before reading the latest version, so concurrent additions get
// consecutive versions.
#include <string>
#include <utility>

#include "store/postgres/aggregates.h"

namespace chorus::store::postgres {

using domain::Guideline;
using domain::Project;

namespace {

// A row of id, name, description, label_interface, overlap, created_by, created_at, version,
// gold_policy, routing_policy, pay_policy, wellbeing_policy, diversity_policy, draft_policy.
// With a cache, the policy columns are parsed only for a version not seen before.
Result<Project> ReadProject(const Rows& rows, int i, ProjectPolicyCache* cache) {
  Project p;
  p.id = rows.Int(i, 0);
  p.name = rows.Text(i, 1);
  p.description = rows.Text(i, 2);
  p.label_interface = rows.Text(i, 3);
  p.overlap = rows.Int(i, 4);
  p.created_by = rows.Int(i, 5);
  p.created_at = rows.Int(i, 6);
  p.version = rows.Int(i, 7);
  auto texts = [&rows, i] {
    return PolicyTexts{rows.Text(i, 8),  rows.Text(i, 9),  rows.Text(i, 10),
                       rows.Text(i, 11), rows.Text(i, 12), rows.Text(i, 13)};
  };
  CHORUS_RETURN_IF_ERROR(cache ? cache->Fill(p, texts) : ParseProjectPolicies(texts(), p));
  return p;
}

Guideline ReadGuideline(const Rows& rows, int i) {
  Guideline g;
  g.project_id = rows.Int(i, 0);
  g.version = rows.Int(i, 1);
  g.markdown = rows.Text(i, 2);
  g.author = rows.Int(i, 3);
  g.created_at = rows.Int(i, 4);
  return g;
}

Result<Guideline> ReadOneGuideline(Result<Rows> rows, int64_t project_id) {
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    return NotFound("project " + std::to_string(project_id) + " has no such guideline version",
                    "version");
  }
  return ReadGuideline(*rows, 0);
}

}  // namespace

Result<Project> ReadProjectById(Connection& db, int64_t id, bool lock, ProjectPolicyCache* cache) {
  Result<Rows> rows =
      lock ? db.Exec(
                 "SELECT id, name, description, label_interface, overlap, created_by, "
                 "created_at, version, gold_policy, routing_policy, pay_policy, wellbeing_policy, diversity_policy, draft_policy "
                 "FROM projects WHERE id = $1 FOR NO KEY UPDATE",
                 Params().Int(id))
           : db.Exec(
                 "SELECT id, name, description, label_interface, overlap, created_by, "
                 "created_at, version, gold_policy, routing_policy, pay_policy, wellbeing_policy, diversity_policy, draft_policy "
                 "FROM projects WHERE id = $1",
                 Params().Int(id));
  if (!rows.ok()) return rows.status();
  if (rows->empty()) {
    return NotFound("there is no project with id " + std::to_string(id), "project_id");
  }
  return ReadProject(*rows, 0, cache);
}

Result<Project> PgProjectStore::Create(Project project) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateProject(project));
  project.version = 1;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    Result<Rows> rows = db.Exec(
        "INSERT INTO projects (name, description, label_interface, overlap, created_by, "
        "created_at, gold_policy, routing_policy, pay_policy, wellbeing_policy, diversity_policy, draft_policy, "
        "version) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 1) "
        "RETURNING id",
        Params()
            .Text(project.name)
            .Text(project.description)
            .Text(project.label_interface)
            .Int(project.overlap)
            .Int(project.created_by)
            .Int(project.created_at)
            .Text(domain::GoldPolicyToText(project.gold))
            .Text(domain::RoutingPolicyToText(project.routing))
            .Text(domain::PayPolicyToText(project.pay))
            .Text(domain::WellbeingPolicyToText(project.wellbeing))
            .Text(domain::DiversityPolicyToText(project.diversity))
            .Text(domain::DraftPolicyToText(project.drafts)));
    if (rows.status().code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("must be the id of an existing user", "created_by");
    }
    if (!rows.ok()) return rows.status();
    project.id = rows->Int(0, 0);
    // The creator is the first member, in the same transaction.
    return db
        .Exec(
            "INSERT INTO project_members (project_id, user_id, added_by, added_at) "
            "VALUES ($1, $2, $2, $3)",
            Params().Int(project.id).Int(project.created_by).Int(project.created_at))
        .status();
  });
  if (!status.ok()) return status;
  return project;
}

Result<Project> PgProjectStore::Get(int64_t id) {
  return WithConnection(pool_,
                        [&](Connection& db) { return ReadProjectById(db, id, false, &policies_); });
}

Result<Page<Project>> PgProjectStore::List(const PageRequest& page) {
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<Project>> {
    int64_t limit = ClampLimit(page.limit);
    Result<Rows> rows = db.Exec(
        "SELECT id, name, description, label_interface, overlap, created_by, created_at, "
        "version, gold_policy, routing_policy, pay_policy, wellbeing_policy, diversity_policy, draft_policy FROM projects "
        "WHERE id > $1 ORDER BY id LIMIT $2",
        Params().Int(page.after_id).Int(limit + 1));
    if (!rows.ok()) return rows.status();
    Page<Project> out;
    for (int i = 0; i < rows->size(); ++i) {
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().id;
        break;
      }
      Result<Project> project = ReadProject(*rows, i, &policies_);
      if (!project.ok()) return project.status();
      out.items.push_back(std::move(project).value());
    }
    return out;
  });
}

Result<Page<Project>> PgProjectStore::ListForMember(int64_t user_id, const PageRequest& page) {
  return WithConnection(pool_, [&](Connection& db) -> Result<Page<Project>> {
    int64_t limit = ClampLimit(page.limit);
    Result<Rows> rows = db.Exec(
        "SELECT p.id, p.name, p.description, p.label_interface, p.overlap, p.created_by, "
        "p.created_at, p.version, p.gold_policy, p.routing_policy, p.pay_policy, "
        "p.wellbeing_policy, p.diversity_policy, p.draft_policy "
        "FROM project_members m JOIN projects p ON p.id = m.project_id "
        "WHERE m.user_id = $1 AND m.project_id > $2 ORDER BY m.project_id LIMIT $3",
        Params().Int(user_id).Int(page.after_id).Int(limit + 1));
    if (!rows.ok()) return rows.status();
    Page<Project> out;
    for (int i = 0; i < rows->size(); ++i) {
      if (static_cast<int64_t>(out.items.size()) == limit) {
        out.next_after_id = out.items.back().id;
        break;
      }
      Result<Project> project = ReadProject(*rows, i, &policies_);
      if (!project.ok()) return project.status();
      out.items.push_back(std::move(project).value());
    }
    return out;
  });
}

UpdateResult<Project> PgProjectStore::Update(const Project& changed) {
  int64_t current_version = 0;
  Project updated;
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    current_version = 0;
    Result<Project> current = ReadProjectById(db, changed.id, /*lock=*/true);
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
    return db
        .Exec(
            "UPDATE projects SET name = $1, description = $2, label_interface = $3, "
            "overlap = $4, version = $5, gold_policy = $7, routing_policy = $8, pay_policy = $9, "
            "wellbeing_policy = $10, diversity_policy = $11, draft_policy = $12 WHERE id = $6",
            Params()
                .Text(updated.name)
                .Text(updated.description)
                .Text(updated.label_interface)
                .Int(updated.overlap)
                .Int(updated.version)
                .Int(updated.id)
                .Text(domain::GoldPolicyToText(updated.gold))
                .Text(domain::RoutingPolicyToText(updated.routing))
                .Text(domain::PayPolicyToText(updated.pay))
                .Text(domain::WellbeingPolicyToText(updated.wellbeing))
                .Text(domain::DiversityPolicyToText(updated.diversity))
                .Text(domain::DraftPolicyToText(updated.drafts)))
        .status();
  });
  if (!status.ok()) return {status, current_version};
  return updated;
}

Result<Guideline> PgProjectStore::AddGuideline(Guideline guideline) {
  CHORUS_RETURN_IF_ERROR(domain::ValidateGuideline(guideline));
  Status status = pool_.Transaction([&](Connection& db) -> Status {
    Result<Project> project = ReadProjectById(db, guideline.project_id, /*lock=*/true);
    if (!project.ok()) return project.status();
    Result<Rows> latest =
        db.Exec("SELECT COALESCE(MAX(version), 0) FROM guidelines WHERE project_id = $1",
                Params().Int(guideline.project_id));
    if (!latest.ok()) return latest.status();
    guideline.version = latest->Int(0, 0) + 1;
    Result<Rows> rows = db.Exec(
        "INSERT INTO guidelines (project_id, version, markdown, author, created_at) "
        "VALUES ($1, $2, $3, $4, $5)",
        Params()
            .Int(guideline.project_id)
            .Int(guideline.version)
            .Text(guideline.markdown)
            .Int(guideline.author)
            .Int(guideline.created_at));
    if (rows.status().code() == StatusCode::kInvalidArgument) {
      return InvalidArgument("must be the id of an existing user", "author");
    }
    return rows.status();
  });
  if (!status.ok()) return status;
  return guideline;
}

Result<Guideline> PgProjectStore::LatestGuideline(int64_t project_id) {
  return WithConnection(pool_, [&](Connection& db) {
    return ReadOneGuideline(
        db.Exec("SELECT project_id, version, markdown, author, created_at FROM guidelines "
                "WHERE project_id = $1 ORDER BY version DESC LIMIT 1",
                Params().Int(project_id)),
        project_id);
  });
}

Result<Guideline> PgProjectStore::GetGuideline(int64_t project_id, int64_t version) {
  return WithConnection(pool_, [&](Connection& db) {
    return ReadOneGuideline(
        db.Exec("SELECT project_id, version, markdown, author, created_at FROM guidelines "
                "WHERE project_id = $1 AND version = $2",
                Params().Int(project_id).Int(version)),
        project_id);
  });
}

Result<std::vector<Guideline>> PgProjectStore::ListGuidelines(int64_t project_id) {
  return WithConnection(pool_, [&](Connection& db) -> Result<std::vector<Guideline>> {
    Result<Rows> rows = db.Exec(
        "SELECT project_id, version, markdown, author, created_at FROM guidelines "
        "WHERE project_id = $1 ORDER BY version",
        Params().Int(project_id));
    if (!rows.ok()) return rows.status();
    std::vector<Guideline> out;
    out.reserve(rows->size());
    for (int i = 0; i < rows->size(); ++i) out.push_back(ReadGuideline(*rows, i));
    return out;
  });
}

}  // namespace chorus::store::postgres
