// A shared library opened when first needed (dlopen) instead of at process start.
//
// For the heavy client libraries only the server uses (libcurl, libpq): linked normally, they
// and the 31 libraries they pull in were loaded by every command, `chorus --version` included,
// which took 6.7 of its 8.4 ms to start on the benchmark machine. A library opened here stays
// loaded for the life of the process. Thread-safety: a SharedLibrary is immutable once opened.
#pragma once

#include <string>
#include <utility>

#include "core/status.h"

namespace chorus {

class SharedLibrary {
 public:
  // Opens `soname` (e.g. "libpq.so.5"). kUnavailable naming it and the Debian `package` that
  // provides it when it cannot be loaded.
  static Result<SharedLibrary> Open(const char* soname, const char* package);

  // Sets `*function` to the library's symbol `name`; kUnavailable naming it when missing (an
  // older version of the library).
  template <typename Function>
  Status Bind(const char* name, Function** function) const {
    auto address = Find(name);
    if (!address.ok()) return address.status();
    *function = reinterpret_cast<Function*>(*address);
    return Status::Ok();
  }

 private:
  SharedLibrary(void* handle, std::string soname, std::string package)
      : handle_(handle), soname_(std::move(soname)), package_(std::move(package)) {}
  Result<void*> Find(const char* name) const;

  void* handle_;
  std::string soname_;
  std::string package_;
};

}  // namespace chorus
