// Interner: maps strings to dense ids 0, 1, 2, ... in order of first appearance, and back.
//
// Used for item, annotator and label names, so vote tables hold small integers. Reading a vote
// file interns three names per vote, so this is on the hot path: all names are stored back to
// back in one buffer (no allocation per name) and found through an open-addressing table
// (linear probing, load factor at most 3/4) whose 16-byte slots hold the hash, the id and where
// the name's bytes are. A lookup touches one slot and the name; growing never re-hashes a name.
// The load factor is high because the table is the largest fresh memory of a read (a million
// items: 32 MiB instead of 64), and page faults cost more than the few extra probes, which
// mostly stay in the same cache line.
// Limits: fewer than 2^31 names, each shorter than 16 MiB, 2^40 bytes in all.
// Thread-safety: not thread-safe for Intern(); const methods may run concurrently.
#pragma once

#include <cstdint>
#include <cstring>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace chorus {

// A 64-bit hash of short strings (multiply-xorshift over 8-byte words); not for security.
uint64_t HashName(std::string_view name);

// a == b, inlined: names are short, and a call to memcmp costs more than comparing them
// with two overlapping word loads.
inline bool SameName(std::string_view a, std::string_view b) {
  const size_t n = a.size();
  if (n != b.size()) return false;
  const char* x = a.data();
  const char* y = b.data();
  if (n >= 8) {
    if (n > 16) return std::memcmp(x, y, n) == 0;
    uint64_t x1, y1, x2, y2;
    std::memcpy(&x1, x, 8);
    std::memcpy(&y1, y, 8);
    std::memcpy(&x2, x + n - 8, 8);
    std::memcpy(&y2, y + n - 8, 8);
    return ((x1 ^ y1) | (x2 ^ y2)) == 0;
  }
  if (n >= 4) {
    uint32_t x1, y1, x2, y2;
    std::memcpy(&x1, x, 4);
    std::memcpy(&y1, y, 4);
    std::memcpy(&x2, x + n - 4, 4);
    std::memcpy(&y2, y + n - 4, 4);
    return ((x1 ^ y1) | (x2 ^ y2)) == 0;
  }
  for (size_t i = 0; i < n; ++i) {
    if (x[i] != y[i]) return false;
  }
  return true;
}

class Interner {
 public:
  using Id = uint32_t;

  Interner();

  // The hash Intern() uses, for callers that look names up in batches.
  static uint32_t Hash(std::string_view name) { return static_cast<uint32_t>(HashName(name)); }

  // The id of `name`, assigning the next id when it is new.
  // REQUIRES: name.size() < 16 MiB; hash == Hash(name).
  Id Intern(std::string_view name, uint32_t hash);
  Id Intern(std::string_view name) { return Intern(name, Hash(name)); }
  // The id of `name` if it was interned.
  std::optional<Id> Find(std::string_view name) const;
  // Interns every name of `other` in its id order (joining results read in parallel) and
  // returns the id each got here. Reuses `other`'s hashes and overlaps the lookups' misses.
  // `other_hashes`: other.HashesById() when the caller has it (any other size, such as
  // empty, has them computed here).
  std::vector<Id> InternAll(const Interner& other, std::span<const uint32_t> other_hashes = {});
  // Each name's hash, by id: what InternAll() needs of `other`, which the thread that built
  // `other` can compute while the thread that will call InternAll() is still busy.
  std::vector<uint32_t> HashesById() const;
  // Makes room for `names` names of `bytes` bytes in all, so the index is built once at its
  // final size instead of being re-built and re-faulted at every doubling.
  void Reserve(size_t names, size_t bytes);

  // Hints that Intern(name, hash) is coming, so the memory it reads can load meanwhile:
  // first the slot, then (once the slot has arrived) the stored name it points at.
  // Lookups in a large table are cache misses; overlapping them is most of their cost.
  void PrefetchSlot(uint32_t hash) const { __builtin_prefetch(&slots_[hash & mask_]); }
  void PrefetchName(uint32_t hash) const {
    const Slot& slot = slots_[hash & mask_];
    if (slot.hash == hash) __builtin_prefetch(bytes_.data() + (slot.where >> 24));
  }

  // REQUIRES: id < size(). The view is valid until the next Intern().
  std::string_view Name(Id id) const {
    return {bytes_.data() + offsets_[id], static_cast<size_t>(offsets_[id + 1] - offsets_[id])};
  }
  size_t size() const { return offsets_.size() - 1; }
  // All names, indexed by id.
  std::vector<std::string> Names() const;

 private:
  struct Slot {
    uint32_t hash = 0;
    uint32_t id_plus_one = 0;  // 0 marks an empty slot.
    uint64_t where = 0;        // Byte offset << 24 | length.
  };
  // The slot holding `name`, or the empty slot where it would go.
  uint64_t Probe(std::string_view name, uint32_t hash) const;
  void Grow();
  void GrowTo(size_t slot_count);
  // The smallest table size keeping `names` names at load factor 3/4 or less.
  size_t SlotsFor(size_t names) const;

  std::string bytes_;              // Every name, back to back.
  std::vector<uint64_t> offsets_;  // Name i is bytes_[offsets_[i], offsets_[i + 1]).
  std::vector<Slot> slots_;
  uint64_t mask_ = 0;
};

}  // namespace chorus
