// Security catalogue entry 20: when fsync fails, the writer stops acknowledging writes and does
// not retry the sync and report success (PostgreSQL's "PANIC on fsync() failure" lesson).
// The failure is injected by a shim VFS, registered as SQLite's default for the test, that
// forwards every call to the real one and fails xSync while armed.
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <filesystem>
#include <string>
#include <vector>

#include "store/sqlite/writer.h"

namespace chorus::store::sqlite {
namespace {

std::atomic<bool> fail_sync = false;
sqlite3_vfs* real_vfs = nullptr;

// A file of the shim: SQLite's header, then the real VFS's file right after it.
struct ShimFile {
  sqlite3_file base;
  sqlite3_file* real;
};

sqlite3_file* Real(sqlite3_file* file) { return reinterpret_cast<ShimFile*>(file)->real; }

int ShimClose(sqlite3_file* f) { return Real(f)->pMethods->xClose(Real(f)); }
int ShimRead(sqlite3_file* f, void* out, int n, sqlite3_int64 at) {
  return Real(f)->pMethods->xRead(Real(f), out, n, at);
}
int ShimWrite(sqlite3_file* f, const void* in, int n, sqlite3_int64 at) {
  return Real(f)->pMethods->xWrite(Real(f), in, n, at);
}
int ShimTruncate(sqlite3_file* f, sqlite3_int64 size) {
  return Real(f)->pMethods->xTruncate(Real(f), size);
}
int ShimSync(sqlite3_file* f, int flags) {
  if (fail_sync) return SQLITE_IOERR_FSYNC;
  return Real(f)->pMethods->xSync(Real(f), flags);
}
int ShimFileSize(sqlite3_file* f, sqlite3_int64* size) {
  return Real(f)->pMethods->xFileSize(Real(f), size);
}
int ShimLock(sqlite3_file* f, int level) { return Real(f)->pMethods->xLock(Real(f), level); }
int ShimUnlock(sqlite3_file* f, int level) { return Real(f)->pMethods->xUnlock(Real(f), level); }
int ShimCheckReservedLock(sqlite3_file* f, int* out) {
  return Real(f)->pMethods->xCheckReservedLock(Real(f), out);
}
int ShimFileControl(sqlite3_file* f, int op, void* arg) {
  return Real(f)->pMethods->xFileControl(Real(f), op, arg);
}
int ShimSectorSize(sqlite3_file* f) { return Real(f)->pMethods->xSectorSize(Real(f)); }
int ShimDeviceCharacteristics(sqlite3_file* f) {
  return Real(f)->pMethods->xDeviceCharacteristics(Real(f));
}
int ShimShmMap(sqlite3_file* f, int region, int size, int extend, void volatile** out) {
  return Real(f)->pMethods->xShmMap(Real(f), region, size, extend, out);
}
int ShimShmLock(sqlite3_file* f, int offset, int n, int flags) {
  return Real(f)->pMethods->xShmLock(Real(f), offset, n, flags);
}
void ShimShmBarrier(sqlite3_file* f) { Real(f)->pMethods->xShmBarrier(Real(f)); }
int ShimShmUnmap(sqlite3_file* f, int delete_flag) {
  return Real(f)->pMethods->xShmUnmap(Real(f), delete_flag);
}

// Version 2: WAL's shared memory, without memory-mapped I/O (version 3), which SQLite then
// does not use.
const sqlite3_io_methods kShimMethods = {2,
                                         ShimClose,
                                         ShimRead,
                                         ShimWrite,
                                         ShimTruncate,
                                         ShimSync,
                                         ShimFileSize,
                                         ShimLock,
                                         ShimUnlock,
                                         ShimCheckReservedLock,
                                         ShimFileControl,
                                         ShimSectorSize,
                                         ShimDeviceCharacteristics,
                                         ShimShmMap,
                                         ShimShmLock,
                                         ShimShmBarrier,
                                         ShimShmUnmap,
                                         nullptr,
                                         nullptr};

int ShimOpen(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags, int* out) {
  auto* shim = reinterpret_cast<ShimFile*>(file);
  shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
  const int rc = real_vfs->xOpen(real_vfs, name, shim->real, flags, out);
  // SQLite calls xClose only when pMethods is set, so a failed open leaves it null.
  shim->base.pMethods = shim->real->pMethods != nullptr ? &kShimMethods : nullptr;
  return rc;
}

// The real default VFS with xOpen replaced, registered as the default while a test runs.
class FailingSyncVfs {
 public:
  FailingSyncVfs() {
    real_vfs = sqlite3_vfs_find(nullptr);
    vfs_ = *real_vfs;
    vfs_.zName = "chorus-failing-sync";
    vfs_.szOsFile = static_cast<int>(sizeof(ShimFile)) + real_vfs->szOsFile;
    vfs_.xOpen = ShimOpen;
    sqlite3_vfs_register(&vfs_, /*makeDflt=*/1);
  }
  ~FailingSyncVfs() {
    sqlite3_vfs_unregister(&vfs_);
    sqlite3_vfs_register(real_vfs, /*makeDflt=*/1);
    fail_sync = false;
  }

 private:
  sqlite3_vfs vfs_;
};

// A WAL database with synchronous=FULL and one table, as the store configures its writer.
std::unique_ptr<Connection> OpenDurable(const std::string& path) {
  auto db = Connection::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
  EXPECT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_TRUE((*db)->Exec("PRAGMA journal_mode = WAL").ok());
  EXPECT_TRUE((*db)->Exec("PRAGMA synchronous = FULL").ok());
  EXPECT_TRUE((*db)->Exec("CREATE TABLE IF NOT EXISTS t (x INTEGER PRIMARY KEY)").ok());
  return std::move(db).value();
}

Status Insert(Writer& writer, int64_t x) {
  return writer.Run([x](Connection& db) -> Status {
    Result<Query> q = db.Prepare("INSERT INTO t (x) VALUES (?)");
    if (!q.ok()) return q.status();
    return q->BindInt(x).Run();
  });
}

std::vector<int64_t> Values(Connection& db) {
  std::vector<int64_t> out;
  Result<Query> q = db.Prepare("SELECT x FROM t ORDER BY x");
  EXPECT_TRUE(q.ok());
  while (q.ok()) {
    Result<bool> row = q->Step();
    if (!row.ok() || !*row) break;
    out.push_back(q->Int(0));
  }
  return out;
}

TEST(FsyncFailureTest, AFailedSyncIsNeverAcknowledgedAndLaterWritesAreRefusedUntilReopened) {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("chorus-fsync-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const std::string path = (dir / "chorus.db").string();
  {
    FailingSyncVfs vfs;
    Writer writer(OpenDurable(path), /*max_batch=*/16);
    ASSERT_TRUE(Insert(writer, 1).ok());

    fail_sync = true;
    const Status failed = Insert(writer, 2);
    EXPECT_EQ(failed.code(), StatusCode::kUnavailable) << failed.ToString();
    fail_sync = false;
    // The disk answers again, but a write after a failed fsync is not trusted to it.
    const Status refused = Insert(writer, 3);
    EXPECT_EQ(refused.code(), StatusCode::kUnavailable) << refused.ToString();
    EXPECT_NE(refused.message().find("restarted"), std::string::npos) << refused.ToString();
  }
  // After a restart: the acknowledged row is there, the refused one is not, and the
  // unacknowledged one is whole or absent (its frames may have reached the disk).
  auto reopened = OpenDurable(path);
  const std::vector<int64_t> values = Values(*reopened);
  ASSERT_FALSE(values.empty());
  EXPECT_EQ(values.front(), 1);
  EXPECT_EQ(std::count(values.begin(), values.end(), 3), 0);
  Result<std::string> check = reopened->QueryText("PRAGMA integrity_check");
  ASSERT_TRUE(check.ok()) << check.status().ToString();
  EXPECT_EQ(*check, "ok");
  Writer writer(std::move(reopened), 16);
  EXPECT_TRUE(Insert(writer, 4).ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace chorus::store::sqlite
