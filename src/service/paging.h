// Cursor pagination as the services expose it: the store's page types under the service
// layer's name, so the transport pages through services without depending on the store.
// Thread-safety: value types.
#pragma once

#include "store/page.h"

namespace chorus::service {

using PageRequest = store::PageRequest;
template <typename T>
using Page = store::Page<T>;

}  // namespace chorus::service
