// Directories the administrator allowed the server to read files from (`chorus serve
// --import-dir DIR`, `--media-dir DIR`), and the one check that turns a path a user sent into
// a file inside them (security catalogue entry 38, "path traversal in media/local-file paths").
//
// The roots are made canonical once, at start (std::filesystem::canonical: absolute, no `.`,
// `..` or symlinks). A requested path, relative to a root or absolute, is made canonical the
// same way, so every symlink is followed to where it really points, and it is accepted only
// when its canonical form lies inside a root, compared component by component (`/data/media2`
// is not inside `/data/media`), and is a regular file. A symlink inside a root that points
// outside it is therefore refused; one that stays inside is followed.
//
// Every refusal of a well-formed path (outside the roots, missing, a directory, a device, a
// broken link) is the same kNotFound with the same message, so the answer is no oracle for
// what exists outside the roots. Percent-decoding and URL forms are the caller's business: this
// sees the path as bytes.
//
// Not covered: a file swapped for a symlink between Resolve and the caller opening it (the
// roots are the administrator's own directories, not shared with users).
// Thread-safety: immutable after Make; Resolve is safe to call concurrently.
#pragma once

#include <cstddef>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace chorus {

class AllowedRoots {
 public:
  // No roots: every Resolve is refused.
  AllowedRoots() = default;

  // Canonicalises `dirs`. `flag` names the option they came from ("--import-dir") in errors.
  // Errors: kInvalidArgument naming `flag` when a directory does not exist, is not a
  // directory, or is empty.
  static Result<AllowedRoots> Make(const std::vector<std::string>& dirs, std::string flag);

  bool empty() const { return roots_.empty(); }
  size_t size() const { return roots_.size(); }
  const std::vector<std::filesystem::path>& roots() const { return roots_; }
  const std::string& flag() const { return flag_; }

  // The canonical path of the regular file `requested` names inside some root: an absolute
  // path as is, a relative one against each root in order (the first that holds it wins).
  // Errors: kInvalidArgument for an empty path or one with a NUL byte; kNotFound, with one
  // message whatever the reason, for anything else not allowed or not there. Both name `field`.
  Result<std::filesystem::path> Resolve(std::string_view requested, std::string_view field) const;

  // As Resolve, but relative to and only inside root number `root` (0-based, in the order
  // given to Make).
  // An out-of-range `root` is the same kNotFound.
  Result<std::filesystem::path> ResolveIn(size_t root, std::string_view requested,
                                          std::string_view field) const;

  // Whether canonical `path` lies strictly inside canonical `root`, component by component.
  static bool IsInside(const std::filesystem::path& root, const std::filesystem::path& path);

 private:
  Status Refused(std::string_view field) const;
  // Sets `out` to the canonical regular file `requested` names, relative to `root`, when it
  // lies inside `root` (or, with `any_root`, inside any root: a link between two allowed
  // roots is followed).
  bool TryRoot(const std::filesystem::path& root, std::string_view requested, bool any_root,
               std::filesystem::path& out) const;

  std::vector<std::filesystem::path> roots_;
  std::string flag_;
};

}  // namespace chorus
