#include "app/open_store.h"

#include <sys/stat.h>

#include <cstdio>
#include <filesystem>

#include "store/postgres/postgres_store.h"
#include "store/sqlite/sqlite_store.h"

namespace chorus::app {
namespace {

bool StartsWith(const std::string& text, const char* prefix) { return text.rfind(prefix, 0) == 0; }

// The URL without its password, for printing.
std::string Redacted(const std::string& url) {
  const size_t scheme = url.find("://");
  const size_t at = url.find('@');
  if (scheme == std::string::npos || at == std::string::npos) return url;
  const size_t colon = url.find(':', scheme + 3);
  if (colon == std::string::npos || colon > at) return url;
  return url.substr(0, colon) + ":***" + url.substr(at);
}

Result<OpenedStore> OpenSqlite(const std::string& path) {
  const std::filesystem::path file(path);
  std::error_code error;
  if (file.has_parent_path() && !std::filesystem::exists(file.parent_path(), error)) {
    std::filesystem::create_directories(file.parent_path(), error);
    if (error) {
      return Status(StatusCode::kInvalidArgument,
                    "cannot create the data directory " + file.parent_path().string() + ": " +
                        error.message() + "; choose another with --data",
                    "--data");
    }
    chmod(file.parent_path().c_str(), 0700);  // The database holds password hashes.
  }
  store::sqlite::SqliteOptions options;
  options.path = path;
  options.wal.alert = [](const std::string& line) {
    std::fprintf(stderr, "chorus: %s\n", line.c_str());
  };
  auto opened = store::sqlite::SqliteStore::Open(options);
  if (!opened.ok()) return opened.status();
  return OpenedStore{std::move(*opened), "SQLite at " + path};
}

}  // namespace

Result<OpenedStore> OpenStore(const std::string& db, const std::string& data_dir) {
  if (db.empty()) return OpenSqlite((std::filesystem::path(data_dir) / "chorus.db").string());
  if (StartsWith(db, "sqlite:")) return OpenSqlite(db.substr(7));
  if (StartsWith(db, "postgresql://") || StartsWith(db, "postgres://")) {
    store::postgres::PostgresOptions options;
    options.url = db;
    auto opened = store::postgres::PostgresStore::Open(options);
    if (!opened.ok()) return opened.status();
    return OpenedStore{std::move(*opened), "PostgreSQL at " + Redacted(db)};
  }
  return Status(StatusCode::kInvalidArgument,
                "--db must be sqlite:PATH or postgresql://USER@HOST:PORT/DATABASE", "--db");
}

}  // namespace chorus::app
