#include "store/sqlite/wal_watch.h"

#include <sqlite3.h>

namespace chorus::store::sqlite {
namespace {

std::string Mib(int64_t bytes) { return std::to_string(bytes / (1024 * 1024)) + " MiB"; }

}  // namespace

Status WalWatch::Install(Connection& writer, const std::string& path) {
  if (options_.checkpoint_pages < 1 || options_.alert_bytes <= 0) {
    return Status(StatusCode::kInvalidArgument,
                  "the WAL checkpoint size and alert size must be positive", "wal");
  }
  Result<std::string> page_size = writer.QueryText("PRAGMA page_size");
  if (!page_size.ok()) return page_size.status();
  page_bytes_ = std::stoll(*page_size);
  wal_path_ = path + "-wal";
  // Fixed SQL: the limit is a number this code computed, never input.
  const std::string limit = "PRAGMA journal_size_limit = " +
                            std::to_string(int64_t{options_.checkpoint_pages} * page_bytes_);
  CHORUS_RETURN_IF_ERROR(writer.Exec(limit.c_str()));
  sqlite3_wal_hook(writer.raw(), &WalWatch::OnCommit, this);
  return Status::Ok();
}

int WalWatch::OnCommit(void* self, sqlite3* db, const char* schema, int pages) {
  static_cast<WalWatch*>(self)->AfterCommit(db, schema, pages);
  return SQLITE_OK;  // The commit is durable either way; a failed checkpoint is retried later.
}

void WalWatch::AfterCommit(sqlite3* db, const char* schema, int pages) {
  if (pages >= options_.checkpoint_pages) {
    sqlite3_wal_checkpoint_v2(db, schema, SQLITE_CHECKPOINT_PASSIVE, nullptr, nullptr);
  }
  const int64_t bytes = int64_t{pages} * page_bytes_;
  if (!alerted_ && bytes > options_.alert_bytes) {
    alerted_ = true;
    if (options_.alert) {
      options_.alert("warning: the SQLite WAL " + wal_path_ + " has grown to " + Mib(bytes) +
                     ", past " + Mib(options_.alert_bytes) +
                     ": a reader holding an old snapshot (a long transaction, or another "
                     "process such as a sqlite3 shell or a backup) keeps checkpoints from "
                     "starting it over; it grows with every write until that reader ends");
    }
  } else if (alerted_ && pages < last_pages_) {
    alerted_ = false;  // The WAL started over: the reader is gone.
    if (options_.alert) {
      options_.alert("the SQLite WAL " + wal_path_ + " started over after a checkpoint (" +
                     Mib(bytes) + " now)");
    }
  }
  last_pages_ = pages;
}

}  // namespace chorus::store::sqlite
