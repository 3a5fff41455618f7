// Keeps the SQLite WAL bounded and says when it cannot (security catalogue entry 9).
//
// Installed on the writer connection through sqlite3_wal_hook, which replaces SQLite's
// automatic checkpoint, so it does that job too: after a commit that leaves the WAL at
// `checkpoint_pages` or more, a passive checkpoint (what wal_autocheckpoint runs). SQLite
// starts the WAL over once a checkpoint has copied every frame and no reader needs the old
// ones; a reader holding an old snapshot (a long transaction, an outside sqlite3 shell)
// prevents that, and the WAL grows with every commit. When it passes `alert_bytes`, `alert`
// is told once, naming the size and the likely cause; when the WAL starts over it is told
// again that it did, and the watch re-arms. The file itself is truncated back to the
// checkpoint size when it starts over (PRAGMA journal_size_limit), so the disk space an
// episode took is given back.
// Thread-safety: the hook runs on the writer's thread, inside its commits; nothing else
// touches the watch after Install.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "core/status.h"
#include "store/sqlite/connection.h"

namespace chorus::store::sqlite {

struct WalWatchOptions {
  int checkpoint_pages = 16384;  // A passive checkpoint from this many WAL pages (64 MiB).
  int64_t alert_bytes = int64_t{1} << 30;              // Said once when the WAL passes this; > 0.
  std::function<void(const std::string& line)> alert;  // Where it is said; empty: nowhere.
};

class WalWatch {
 public:
  explicit WalWatch(WalWatchOptions options) : options_(std::move(options)) {}
  WalWatch(const WalWatch&) = delete;
  WalWatch& operator=(const WalWatch&) = delete;

  // Hooks the watch into `writer` (the WAL-mode writer connection of `path`) and sets its
  // journal_size_limit. REQUIRES: the watch outlives the connection's use.
  Status Install(Connection& writer, const std::string& path);

 private:
  static int OnCommit(void* self, sqlite3* db, const char* schema, int pages);
  void AfterCommit(sqlite3* db, const char* schema, int pages);

  WalWatchOptions options_;
  std::string wal_path_;
  int64_t page_bytes_ = 4096;
  int last_pages_ = 0;  // The WAL's pages after the commit before: fewer now means it started over.
  bool alerted_ = false;
};

}  // namespace chorus::store::sqlite
