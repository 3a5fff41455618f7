// Opens the store `chorus serve` was pointed at: the only place that knows both backends
// (DESIGN §1, app/). `--db` takes "sqlite:PATH", "postgresql://..." (or "postgres://..."), or
// nothing: then SQLite in DATA_DIR/chorus.db, the directory created private (0700) if missing.
// Thread-safety: call at start, from one thread.
#pragma once

#include <memory>
#include <string>

#include "core/status.h"
#include "store/store.h"

namespace chorus::app {

struct OpenedStore {
  std::unique_ptr<store::Store> store;
  std::string description;  // "SQLite at chorus-data/chorus.db", "PostgreSQL at host:5432/db".
};

// kInvalidArgument (field "--db") for an unknown scheme; the backend's errors otherwise.
Result<OpenedStore> OpenStore(const std::string& db, const std::string& data_dir);

}  // namespace chorus::app
