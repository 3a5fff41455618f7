#include "quality/ingest/name_index.h"

#include <cstring>

namespace chorus::quality {
namespace {

constexpr size_t kInitialSlots = 1024;

}  // namespace

NameIndex::NameIndex() : offsets_{0}, slots_(kInitialSlots), mask_(kInitialSlots - 1) {}

uint32_t NameIndex::Intern(std::string_view name, uint32_t hash) {
  const uint64_t length = name.size();
  uint64_t index = hash & mask_;
  while (true) {
    const Slot& slot = slots_[index];
    if (slot.id_plus_one == 0) break;
    // Equal hash and length almost always mean equal names: one comparison per lookup.
    if (slot.hash == hash && (slot.where & 0xFFFFFF) == length &&
        SameName(std::string_view(bytes_.data() + (slot.where >> 24), length), name)) {
      return slot.id_plus_one - 1;
    }
    index = (index + 1) & mask_;
  }
  const auto id = static_cast<uint32_t>(size());
  slots_[index] = Slot{hash, id + 1, (uint64_t{bytes_.size()} << 24) | length};
  bytes_.append(name);
  offsets_.push_back(bytes_.size());
  if (2 * size() > slots_.size()) Grow();
  return id;
}

void NameIndex::Grow() {
  std::vector<Slot> old(slots_.size() * 2);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id_plus_one == 0) continue;
    uint64_t index = slot.hash & mask_;
    while (slots_[index].id_plus_one != 0) index = (index + 1) & mask_;
    slots_[index] = slot;
  }
}

}  // namespace chorus::quality
