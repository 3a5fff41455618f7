#include "core/interner.h"

namespace chorus {

Interner::Interner(const Interner& other) { *this = other; }

Interner& Interner::operator=(const Interner& other) {
  if (this == &other) return *this;
  names_ = other.names_;
  index_.clear();
  index_.reserve(names_.size());
  for (Id id = 0; id < names_.size(); ++id) index_.emplace(names_[id], id);
  return *this;
}

Interner::Id Interner::Intern(std::string_view name) {
  if (auto it = index_.find(name); it != index_.end()) return it->second;
  const Id id = static_cast<Id>(names_.size());
  names_.emplace_back(name);
  index_.emplace(names_.back(), id);
  return id;
}

std::optional<Interner::Id> Interner::Find(std::string_view name) const {
  if (auto it = index_.find(name); it != index_.end()) return it->second;
  return std::nullopt;
}

}  // namespace chorus
