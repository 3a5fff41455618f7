#include "core/interner.h"

namespace chorus {
namespace {

constexpr size_t kInitialSlots = 1024;

}  // namespace

uint64_t HashName(std::string_view name) {
  constexpr uint64_t kMultiplier = 0x9E3779B97F4A7C15ULL;  // 2^64 / golden ratio.
  const auto load64 = [](const char* p) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    return word;
  };
  const auto load32 = [](const char* p) {
    uint32_t word;
    std::memcpy(&word, p, 4);
    return uint64_t{word};
  };
  const char* p = name.data();
  const size_t n = name.size();
  uint64_t h = n * kMultiplier;
  // Names are mostly short: two overlapping fixed-size loads cover any length up to 16 with no
  // variable-length copy, and with the length mixed in they determine the name.
  uint64_t first = 0, last = 0;
  if (n >= 8) {
    size_t i = 0;
    for (; i + 16 < n; i += 8) {
      h = (h ^ load64(p + i)) * kMultiplier;
      h ^= h >> 29;
    }
    first = load64(p + i);
    last = load64(p + n - 8);
  } else if (n >= 4) {
    first = load32(p);
    last = load32(p + n - 4);
  } else if (n > 0) {
    const auto byte = [&](size_t i) { return uint64_t{static_cast<unsigned char>(p[i])}; };
    first = byte(0) << 16 | byte(n / 2) << 8 | byte(n - 1);
  }
  h = (h ^ first) * kMultiplier;
  h ^= h >> 29;
  h = (h ^ last) * kMultiplier;
  h ^= h >> 32;
  h *= 0xD6E8FEB86659FD93ULL;
  return h ^ (h >> 32);
}

Interner::Interner() : offsets_{0}, slots_(kInitialSlots), mask_(kInitialSlots - 1) {}

uint64_t Interner::Probe(std::string_view name, uint32_t hash) const {
  const uint64_t length = name.size();
  uint64_t index = hash & mask_;
  while (true) {
    const Slot& slot = slots_[index];
    if (slot.id_plus_one == 0) return index;
    // Equal hash and length almost always mean equal names: one comparison per lookup.
    if (slot.hash == hash && (slot.where & 0xFFFFFF) == length &&
        SameName(std::string_view(bytes_.data() + (slot.where >> 24), length), name)) {
      return index;
    }
    index = (index + 1) & mask_;
  }
}

Interner::Id Interner::Intern(std::string_view name, uint32_t hash) {
  const uint64_t index = Probe(name, hash);
  if (slots_[index].id_plus_one != 0) return slots_[index].id_plus_one - 1;
  const auto id = static_cast<Id>(size());
  slots_[index] = Slot{hash, id + 1, (uint64_t{bytes_.size()} << 24) | name.size()};
  bytes_.append(name);
  offsets_.push_back(bytes_.size());
  if (4 * size() > 3 * slots_.size()) Grow();
  return id;
}

std::optional<Interner::Id> Interner::Find(std::string_view name) const {
  const Slot& slot = slots_[Probe(name, Hash(name))];
  if (slot.id_plus_one == 0) return std::nullopt;
  return slot.id_plus_one - 1;
}

std::vector<uint32_t> Interner::HashesById() const {
  std::vector<uint32_t> hashes(size());
  for (const Slot& slot : slots_) {
    if (slot.id_plus_one != 0) hashes[slot.id_plus_one - 1] = slot.hash;
  }
  return hashes;
}

std::vector<Interner::Id> Interner::InternAll(const Interner& other,
                                              std::span<const uint32_t> hashes) {
  std::vector<uint32_t> computed;
  if (hashes.size() != other.size()) {
    computed = other.HashesById();
    hashes = computed;
  }
  Reserve(size() + other.size(), bytes_.size() + other.bytes_.size());
  constexpr size_t kAhead = 16;
  std::vector<Id> ids(other.size());
  for (Id id = 0; id < ids.size(); ++id) {
    if (id + kAhead < ids.size()) PrefetchSlot(hashes[id + kAhead]);
    ids[id] = Intern(other.Name(id), hashes[id]);
  }
  return ids;
}

std::vector<std::string> Interner::Names() const {
  std::vector<std::string> names;
  names.reserve(size());
  for (Id id = 0; id < size(); ++id) names.emplace_back(Name(id));
  return names;
}

void Interner::Reserve(size_t names, size_t bytes) {
  offsets_.reserve(names + 1);
  bytes_.reserve(bytes);
  const size_t slot_count = SlotsFor(names);
  if (slot_count > slots_.size()) GrowTo(slot_count);
}

size_t Interner::SlotsFor(size_t names) const {
  size_t slot_count = slots_.size();
  while (4 * names > 3 * slot_count) slot_count *= 2;
  return slot_count;
}

void Interner::Grow() { GrowTo(slots_.size() * 2); }

void Interner::GrowTo(size_t slot_count) {
  std::vector<Slot> old(slot_count);
  old.swap(slots_);
  mask_ = slots_.size() - 1;
  for (const Slot& slot : old) {
    if (slot.id_plus_one == 0) continue;
    uint64_t index = slot.hash & mask_;
    while (slots_[index].id_plus_one != 0) index = (index + 1) & mask_;
    slots_[index] = slot;
  }
}

}  // namespace chorus
