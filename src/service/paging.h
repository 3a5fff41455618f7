// Cursor pagination as the services expose it: the store's page types under the service
// layer's name, so the transport pages through services without depending on the store.
// Thread-safety: value types.
#pragma once

#include "store/page.h"
#include "store/task_store.h"

namespace chorus::service {

using PageRequest = store::PageRequest;
template <typename T>
using Page = store::Page<T>;
// The data browser's request and rows (store/task_store.h).
using TaskBrowseRequest = store::TaskBrowseRequest;
using TaskLabelFilter = store::TaskLabelFilter;
using TaskSummary = store::TaskSummary;

}  // namespace chorus::service
