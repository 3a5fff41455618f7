#include "cli/existing_store.h"

#include <filesystem>

namespace chorus::cli {
namespace {

// The SQLite file `db` (or the data directory) names; "" for PostgreSQL.
std::string SqlitePathOf(const std::string& db, const std::string& data_dir) {
  if (db.empty()) return (std::filesystem::path(data_dir) / "chorus.db").string();
  if (db.rfind("sqlite:", 0) == 0) return db.substr(7);
  return "";
}

}  // namespace

Result<app::OpenedStore> OpenExistingStore(const std::string& db, const std::string& data_dir) {
  const std::string sqlite = SqlitePathOf(db, data_dir);
  if (!sqlite.empty() && !std::filesystem::exists(sqlite)) {
    return Status(StatusCode::kNotFound,
                  "no database at " + sqlite +
                      "; pass the --data directory or the --db that chorus serve uses",
                  db.empty() ? "--data" : "--db");
  }
  return app::OpenStore(db, data_dir);
}

Status NoSuchProject(const Status& status, int64_t project, std::string_view where,
                     std::string_view field) {
  if (status.code() != StatusCode::kNotFound) return status;
  return Status(StatusCode::kNotFound,
                "no project " + std::to_string(project) + " in " + std::string(where),
                std::string(field));
}

}  // namespace chorus::cli
