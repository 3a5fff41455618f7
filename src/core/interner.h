// Interner: maps strings to dense ids 0, 1, 2, ... in order of first appearance, and back.
//
// Used for item, annotator and label names so that vote tables hold small integers.
// Thread-safety: not thread-safe for concurrent Intern(); const methods may run concurrently.
#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace chorus {

class Interner {
 public:
  using Id = uint32_t;

  Interner() = default;
  // Copies rebuild the index so its keys view the copy's own strings.
  Interner(const Interner& other);
  Interner& operator=(const Interner& other);
  Interner(Interner&&) noexcept = default;
  Interner& operator=(Interner&&) noexcept = default;

  // Returns the id of `name`, assigning the next id when it is new.
  Id Intern(std::string_view name);
  // The id of `name` if it was interned.
  std::optional<Id> Find(std::string_view name) const;
  // REQUIRES: id < size().
  const std::string& Name(Id id) const { return names_[id]; }
  size_t size() const { return names_.size(); }
  // All names, indexed by id.
  std::vector<std::string> Names() const { return {names_.begin(), names_.end()}; }

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // A deque keeps each string's address stable, so the index can key on views of them.
  std::deque<std::string> names_;
  std::unordered_map<std::string_view, Id, Hash, std::equal_to<>> index_;
};

}  // namespace chorus
