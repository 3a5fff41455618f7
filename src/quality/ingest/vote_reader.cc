#include "quality/ingest/vote_reader.h"

#include <array>
#include <cstring>
#include <limits>

#include "quality/ingest/role_reader.h"
#include "quality/ingest/vote_builder.h"

namespace chorus::quality {
namespace {

constexpr uint32_t kNoName = std::numeric_limits<uint32_t>::max();

// Annotators and labels are few, and files sorted by annotator or label repeat them on
// consecutive rows, so comparing with the previous row's name skips most hash lookups.
uint32_t InternCached(Interner& names, std::string_view name, uint32_t* last) {
  if (*last != kNoName && SameName(names.Name(*last), name)) return *last;
  return *last = names.Intern(name);
}

// Votes whose item id is still being looked up. Items are many, so each lookup in a large
// index is a cache miss; holding kDepth votes back lets the misses of several rows overlap
// (the slot is prefetched on entry, the stored name halfway through) instead of stalling
// on each in turn. Votes leave in file order, so ids still follow first appearance.
class ItemPipeline {
 public:
  explicit ItemPipeline(VoteBuilder* builder) : builder_(*builder) {}

  void Push(std::string_view item, uint32_t annotator, uint32_t label, uint64_t line) {
    if (pushed_ - retired_ == kDepth) Retire();
    Pending& entry = ring_[pushed_ & kMask];
    // Sorted files repeat an item on consecutive rows: reuse the previous lookup.
    entry.same_as_previous = pushed_ > 0 && SameName(ring_[(pushed_ - 1) & kMask].name(), item);
    entry.annotator = annotator;
    entry.label = label;
    entry.line = line;
    entry.Store(item);
    if (!entry.same_as_previous) {
      entry.hash = Interner::Hash(item);
      builder_.items().PrefetchSlot(entry.hash);
    }
    ++pushed_;
    if (pushed_ - retired_ > kDepth / 2) {
      const Pending& middle = ring_[(pushed_ - 1 - kDepth / 2) & kMask];
      if (!middle.same_as_previous) builder_.items().PrefetchName(middle.hash);
    }
  }

  void Flush() {
    while (retired_ < pushed_) Retire();
  }

 private:
  static constexpr uint64_t kDepth = 16;
  static constexpr uint64_t kMask = kDepth - 1;
  static constexpr size_t kInline = 48;

  struct Pending {
    uint32_t hash = 0;
    uint32_t annotator = 0;
    uint32_t label = 0;
    bool same_as_previous = false;
    uint64_t line = 0;
    size_t size = 0;
    std::array<char, kInline> short_name;
    std::string long_name;

    void Store(std::string_view name) {
      size = name.size();
      if (size <= kInline) {
        std::memcpy(short_name.data(), name.data(), size);
      } else {
        long_name.assign(name);
      }
    }
    std::string_view name() const {
      return size <= kInline ? std::string_view(short_name.data(), size)
                             : std::string_view(long_name);
    }
  };

  void Retire() {
    const Pending& entry = ring_[retired_ & kMask];
    if (!entry.same_as_previous) last_id_ = builder_.items().Intern(entry.name(), entry.hash);
    builder_.Add(last_id_, entry.annotator, entry.label, entry.line);
    ++retired_;
  }

  VoteBuilder& builder_;
  std::array<Pending, kDepth> ring_;
  uint64_t pushed_ = 0;
  uint64_t retired_ = 0;
  uint32_t last_id_ = kNoName;
};

}  // namespace

Result<VoteFile> ReadLongVotes(const std::string& path, const VoteReadOptions& options) {
  auto reader = RoleReader::Open(path, {Role::kItem, Role::kAnnotator, Role::kLabel}, options);
  if (!reader.ok()) return reader.status();
  RoleReader& rows = **reader;
  VoteBuilder builder;
  ItemPipeline pipeline(&builder);
  VoteReadReport report;
  report.format = rows.format();
  uint32_t last_annotator = kNoName, last_label = kNoName;
  while (true) {
    auto next = rows.Next();
    if (!next.ok()) return next.status();
    if (!*next) break;
    const RoleRow& row = rows.row();
    if (row.missing[2]) {
      ++report.missing_skipped;
      continue;
    }
    pipeline.Push(row.values[0], InternCached(builder.annotators(), row.values[1], &last_annotator),
                  InternCached(builder.labels(), row.values[2], &last_label), row.line);
  }
  pipeline.Flush();
  report.lines = rows.lines();
  return builder.Finish(options.duplicates, rows.name(), report);
}

}  // namespace chorus::quality
