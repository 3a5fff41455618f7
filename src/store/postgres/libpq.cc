#include "store/postgres/libpq.h"

#include <mutex>

#include "core/shared_library.h"

namespace chorus::store::postgres {
namespace {

LibPq table;

Status Load() {
  auto library = SharedLibrary::Open("libpq.so.5", "libpq5");
  if (!library.ok()) return library.status();
  const SharedLibrary& pq = *library;
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQconnectdbParams", &table.connectdb_params));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQstatus", &table.status));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQerrorMessage", &table.error_message));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQfinish", &table.finish));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQtransactionStatus", &table.transaction_status));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQprepare", &table.prepare));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQexecPrepared", &table.exec_prepared));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQexec", &table.exec));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQresultStatus", &table.result_status));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQresultErrorField", &table.result_error_field));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQclear", &table.clear));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQntuples", &table.ntuples));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQcmdTuples", &table.cmd_tuples));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQgetvalue", &table.getvalue));
  CHORUS_RETURN_IF_ERROR(pq.Bind("PQgetlength", &table.getlength));
  return pq.Bind("PQgetisnull", &table.getisnull);
}

}  // namespace

Result<const LibPq*> LoadLibPq() {
  static std::once_flag once;
  static Status loaded;
  std::call_once(once, [] { loaded = Load(); });
  if (!loaded.ok()) return loaded;
  return &table;
}

const LibPq& Pq() { return table; }

}  // namespace chorus::store::postgres
