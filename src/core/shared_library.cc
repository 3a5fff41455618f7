#include "core/shared_library.h"

#include <dlfcn.h>

namespace chorus {

Result<SharedLibrary> SharedLibrary::Open(const char* soname, const char* package) {
  void* handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL);
  if (handle == nullptr) {
    const char* reason = dlerror();
    return Status(StatusCode::kUnavailable,
                  std::string("cannot load ") + soname + " (" + (reason ? reason : "unknown") +
                      "); install the Debian package " + package + " (scripts/setup.sh does)");
  }
  return SharedLibrary(handle, soname, package);
}

Result<void*> SharedLibrary::Find(const char* name) const {
  dlerror();  // Clears an earlier error, so a null symbol is told from a missing one.
  void* address = dlsym(handle_, name);
  if (address == nullptr && dlerror() != nullptr) {
    return Status(StatusCode::kUnavailable,
                  soname_ + " has no function " + name + "; update the Debian package " + package_);
  }
  return address;
}

}  // namespace chorus
