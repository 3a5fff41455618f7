// libpq's functions, resolved when the first PostgreSQL connection opens rather than linked:
// commands that never touch PostgreSQL then start without loading it (core/shared_library.h).
// Thread-safety: LoadLibPq may be called from any thread; the table never changes once loaded.
#pragma once

#include <libpq-fe.h>

#include "core/status.h"

namespace chorus::store::postgres {

struct LibPq {
  decltype(&PQconnectdbParams) connectdb_params;
  decltype(&PQstatus) status;
  decltype(&PQerrorMessage) error_message;
  decltype(&PQfinish) finish;
  decltype(&PQtransactionStatus) transaction_status;
  decltype(&PQprepare) prepare;
  decltype(&PQexecPrepared) exec_prepared;
  decltype(&PQexec) exec;
  decltype(&PQresultStatus) result_status;
  decltype(&PQresultErrorField) result_error_field;
  decltype(&PQclear) clear;
  decltype(&PQntuples) ntuples;
  decltype(&PQcmdTuples) cmd_tuples;
  decltype(&PQgetvalue) getvalue;
  decltype(&PQgetlength) getlength;
  decltype(&PQgetisnull) getisnull;
};

// The table, loading libpq.so.5 on the first call; kUnavailable when it cannot be loaded.
Result<const LibPq*> LoadLibPq();

// REQUIRES: LoadLibPq() succeeded (every Connection is opened after it did).
const LibPq& Pq();

}  // namespace chorus::store::postgres
