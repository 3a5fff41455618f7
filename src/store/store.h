// The storage layer's entry point: one interface per aggregate, handed out by a Store.
//
// Backends (store/sqlite, later store/postgres) implement every interface; one conformance
// suite (tests/store) runs against each. Only the composition root (src/app) and tests know
// which backend is in use. Every write is durable when its method returns ok: SQLite commits it
// with synchronous=FULL through a single writer that groups commits (docs/storage.md).
// Expected failures are Status codes: kNotFound, kConflict (duplicate or stale version),
// kInvalidArgument (with the field), kPermissionDenied, kUnavailable (busy or disk full: retry
// later), kInternal.
// Thread-safety: a Store and the interfaces it hands out are safe to use from many threads.
// The references stay valid for the Store's lifetime.
#pragma once

#include "store/adjudication_store.h"
#include "store/aggregate_store.h"
#include "store/annotation_store.h"
#include "store/audit_log.h"
#include "store/auth_store.h"
#include "store/gold_store.h"
#include "store/invitation_store.h"
#include "store/machine_label_store.h"
#include "store/prediction_store.h"
#include "store/project_store.h"
#include "store/task_store.h"
#include "store/user_store.h"

namespace chorus::store {

class Store {
 public:
  virtual ~Store() = default;

  virtual UserStore& users() = 0;
  virtual ProjectStore& projects() = 0;
  virtual TaskStore& tasks() = 0;
  virtual AnnotationStore& annotations() = 0;
  virtual AuthStore& auth() = 0;
  virtual AuditLog& audit() = 0;
  virtual InvitationStore& invitations() = 0;
  virtual GoldStore& gold() = 0;
  virtual AdjudicationStore& adjudications() = 0;
  virtual AggregateStore& aggregates() = 0;
  virtual PredictionStore& predictions() = 0;
  virtual MachineLabelStore& machine_labels() = 0;
};

}  // namespace chorus::store
