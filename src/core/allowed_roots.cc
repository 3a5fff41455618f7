#include "core/allowed_roots.h"

#include <algorithm>
#include <iterator>
#include <system_error>
#include <utility>

namespace chorus {

namespace fs = std::filesystem;

Result<AllowedRoots> AllowedRoots::Make(const std::vector<std::string>& dirs, std::string flag) {
  AllowedRoots allowed;
  allowed.flag_ = std::move(flag);
  for (const std::string& dir : dirs) {
    if (dir.empty() || dir.find('\0') != std::string::npos) {
      return InvalidArgument("give a directory after " + allowed.flag_, allowed.flag_);
    }
    std::error_code error;
    fs::path canonical = fs::canonical(dir, error);
    if (error) {
      return InvalidArgument(dir + " does not exist or cannot be read (" + error.message() +
                                 "); create it or fix " + allowed.flag_,
                             allowed.flag_);
    }
    if (!fs::is_directory(canonical, error)) {
      return InvalidArgument(dir + " is not a directory; " + allowed.flag_ + " takes directories",
                             allowed.flag_);
    }
    allowed.roots_.push_back(std::move(canonical));
  }
  return allowed;
}

bool AllowedRoots::IsInside(const fs::path& root, const fs::path& path) {
  auto root_it = root.begin();
  auto path_it = path.begin();
  for (; root_it != root.end(); ++root_it, ++path_it) {
    // A trailing separator of the root ("/data/") iterates as an empty last component.
    if (root_it->empty() && std::next(root_it) == root.end()) break;
    if (path_it == path.end() || *root_it != *path_it) return false;
  }
  // Strictly inside: at least one more component, and not an empty one.
  return path_it != path.end() && !path_it->empty();
}

Status AllowedRoots::Refused(std::string_view field) const {
  // One message for every reason, so the answer says nothing about what exists elsewhere.
  return NotFound("no such file in the directories this server allows (" + flag_ +
                      "); give a path relative to one of them, or an absolute path inside one",
                  std::string(field));
}

bool AllowedRoots::TryRoot(const fs::path& root, std::string_view requested, bool any_root,
                           fs::path& out) const {
  std::error_code error;
  // An absolute `requested` replaces `root` here; the containment check below still applies.
  const fs::path candidate = fs::canonical(root / fs::path(requested), error);
  if (error) return false;
  const bool inside = any_root
                          ? std::any_of(roots_.begin(), roots_.end(),
                                        [&](const fs::path& r) { return IsInside(r, candidate); })
                          : IsInside(root, candidate);
  if (!inside) return false;
  if (!fs::is_regular_file(candidate, error) || error) return false;
  out = candidate;
  return true;
}

Result<fs::path> AllowedRoots::Resolve(std::string_view requested, std::string_view field) const {
  if (requested.empty()) return InvalidArgument("give a file path", std::string(field));
  if (requested.find('\0') != std::string_view::npos) {
    return InvalidArgument("a path cannot contain a NUL byte", std::string(field));
  }
  fs::path found;
  for (const fs::path& root : roots_) {
    if (TryRoot(root, requested, /*any_root=*/true, found)) return found;
  }
  return Refused(field);
}

Result<fs::path> AllowedRoots::ResolveIn(size_t root, std::string_view requested,
                                         std::string_view field) const {
  if (requested.empty()) return InvalidArgument("give a file path", std::string(field));
  if (requested.find('\0') != std::string_view::npos) {
    return InvalidArgument("a path cannot contain a NUL byte", std::string(field));
  }
  fs::path found;
  if (root < roots_.size() && TryRoot(roots_[root], requested, /*any_root=*/false, found))
    return found;
  return Refused(field);
}

}  // namespace chorus
