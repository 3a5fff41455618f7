#include "quality/ingest/vote_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <filesystem>
#include <functional>
#include <limits>
#include <optional>
#include <thread>
#include <vector>

#include "quality/ingest/role_reader.h"
#include "quality/ingest/vote_builder.h"

namespace chorus::quality {
namespace {

constexpr uint32_t kNoName = std::numeric_limits<uint32_t>::max();

// Annotators and labels are few: the last kSize names seen are compared before the hash
// index. A file alternating two annotators, or with five labels in random order, missed a
// cache of the previous row's name on most rows and paid a hash and a probe for each. It turns
// itself off when it misses more than it hits (thousands of annotators in random order).
class RecentNames {
 public:
  explicit RecentNames(Interner* names) : names_(*names) {}

  uint32_t Intern(std::string_view name) {
    if (enabled_) {
      for (size_t k = 0; k < used_; ++k) {
        if (SameName(names_.Name(ids_[k]), name)) {
          ++hits_;
          return ids_[k];
        }
      }
      if (++misses_ + hits_ == kTrial && misses_ > hits_) enabled_ = false;
    }
    const uint32_t id = names_.Intern(name);
    ids_[next_] = id;
    next_ = (next_ + 1) % kSize;
    used_ = std::max(used_, next_ == 0 ? kSize : next_);
    return id;
  }

 private:
  static constexpr size_t kSize = 8;
  static constexpr uint64_t kTrial = 4096;  // Lookups before deciding whether it pays.
  Interner& names_;
  std::array<uint32_t, kSize> ids_{};
  size_t used_ = 0;
  size_t next_ = 0;
  uint64_t hits_ = 0;
  uint64_t misses_ = 0;
  bool enabled_ = true;
};

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

// Once the first `rows` rows (`bytes` long) show how long a row is, the builder reserves room
// for `planned_bytes` of such rows with a margin, so its columns are not copied and re-faulted
// as they grow; room never touched costs address space, not memory. When the sample repeats
// items (files grouped by item, the usual export), its share of distinct items also sizes the
// item index once (no margin: past a power of two it would double the index); a sample of
// distinct items says nothing (a file sorted by annotator looks the same), so the index then
// grows as it fills.
void ReserveFromSample(uint64_t bytes, uint64_t rows, uint64_t planned_bytes,
                       VoteBuilder& builder) {
  const double bytes_per_row = std::max(static_cast<double>(bytes) / rows, 6.0);
  const double planned_rows = static_cast<double>(planned_bytes) / bytes_per_row;
  builder.Reserve(static_cast<size_t>(1.25 * planned_rows));
  Interner& items = builder.items();
  const double distinct_share = static_cast<double>(items.size()) / rows;
  if (items.size() == 0 || distinct_share > 2.0 / 3.0) return;
  const double planned_items = distinct_share * planned_rows;
  items.Reserve(static_cast<size_t>(planned_items),
                static_cast<size_t>(planned_items * (items.Name(items.size() - 1).size() + 1)));
}

// Reads every row into `builder`, counting the rows whose label is missing, and reserves room
// for `planned_bytes` of rows once a sample is read.
Status CollectVotes(RoleReader& rows, VoteBuilder& builder, uint64_t* missing_skipped,
                    uint64_t planned_bytes) {
  constexpr uint64_t kSampleRows = 4096;
  ItemPipeline pipeline(&builder);
  RecentNames annotators(&builder.annotators()), labels(&builder.labels());
  uint64_t row_count = 0;
  const uint64_t start = rows.offset();
  while (true) {
    if (++row_count == kSampleRows && planned_bytes > 0 && rows.offset() > start) {
      ReserveFromSample(rows.offset() - start, kSampleRows, planned_bytes, builder);
    }
    auto next = rows.Next();
    if (!next.ok()) return next.status();
    if (!*next) break;
    const RoleRow& row = rows.row();
    if (row.missing[2]) {
      ++*missing_skipped;
      continue;
    }
    pipeline.Push(row.values[0], annotators.Intern(row.values[1]), labels.Intern(row.values[2]),
                  row.line);
  }
  pipeline.Flush();
  return Status::Ok();
}

// One range of a file read on its own thread; lines are numbered from the range's start.
struct RangeVotes {
  VoteBuilder builder;
  std::vector<uint32_t> item_hashes;  // Its item names' hashes, for the join.
  uint64_t lines = 0;  // The last line number the range's reader saw.
  uint64_t missing_skipped = 0;
  Status status;
};

// `planned_bytes`: the bytes whose votes will end up in this range's builder;
// `appended`: whether the builder will be appended to another range's.
void ReadRange(const RoleReader& layout, const std::string& path, uint64_t begin, uint64_t end,
               uint64_t first_line, uint64_t planned_bytes, bool appended,
               const VoteReadOptions& options, RangeVotes* out) {
  try {
    auto rows = RoleReader::OpenRange(layout, path, begin, end - begin, first_line, options);
    if (!rows.ok()) {
      out->status = rows.status();
      return;
    }
    out->status = CollectVotes(**rows, out->builder, &out->missing_skipped, planned_bytes);
    out->lines = (*rows)->lines();
    if (appended && out->status.ok()) out->item_hashes = out->builder.items().HashesById();
  } catch (const std::exception& e) {  // Out of memory on a worker thread must not terminate.
    out->status = Internal(e.what());
  }
}

// Offsets that cut [begin, size) into up to `parts` ranges, each cut just after a line feed;
// the first is `begin` and the last `size`.
std::vector<uint64_t> LineAlignedCuts(const std::string& path, uint64_t begin, uint64_t size,
                                      unsigned parts) {
  constexpr size_t kLookAhead = 64 << 10;
  std::vector<uint64_t> cuts{begin};
  std::vector<char> buffer(kLookAhead);
  for (unsigned k = 1; k < parts; ++k) {
    const uint64_t target = begin + (size - begin) * k / parts;
    if (target <= cuts.back()) continue;
    auto source = OpenFileRange(path, target, kLookAhead);
    if (!source.ok()) break;
    auto n = (*source)->Read(buffer.data(), buffer.size());
    if (!n.ok()) break;
    const void* feed = std::memchr(buffer.data(), '\n', *n);
    if (feed == nullptr) continue;  // A very long line: no cut here.
    const uint64_t cut =
        target + static_cast<uint64_t>(static_cast<const char*>(feed) - buffer.data()) + 1;
    if (cut > cuts.back() && cut < size) cuts.push_back(cut);
  }
  cuts.push_back(size);
  return cuts;
}

unsigned ThreadsFor(const VoteReadOptions& options) {
  if (options.threads > 0) return options.threads;
  return std::clamp(std::thread::hardware_concurrency(), 1U, 8U);
}

// Reads a large CSV/TSV file in ranges on several threads. Nothing when the file does not
// qualify or a range failed: a cut inside a quoted field makes the range before it end in an
// open quote, and a row's error is best reported, with its exact line, by one sequential
// read. Lines are global once merged, so a repeated vote is reported from here.
std::optional<Result<VoteFile>> ReadInRanges(const RoleReader& layout, const std::string& path,
                                             const VoteReadOptions& options) {
  if (layout.format() == VoteFormat::kJsonl || path == "-") return std::nullopt;
  std::error_code error;
  if (!std::filesystem::is_regular_file(path, error)) return std::nullopt;
  const uint64_t size = std::filesystem::file_size(path, error);
  const unsigned threads = ThreadsFor(options);
  if (error || threads < 2 || size < options.parallel_min_bytes) return std::nullopt;
  const std::vector<uint64_t> cuts = LineAlignedCuts(path, layout.data_offset(), size, threads);
  const size_t parts = cuts.size() - 1;
  if (parts < 2) return std::nullopt;

  std::vector<RangeVotes> ranges(parts);
  VoteReadOptions quiet = options;
  quiet.on_progress = nullptr;  // Progress is reported from the calling thread only.
  {
    std::vector<std::jthread> workers;
    for (size_t k = 1; k < parts; ++k) {
      workers.emplace_back(ReadRange, std::cref(layout), std::cref(path), cuts[k], cuts[k + 1],
                           uint64_t{1}, cuts[k + 1] - cuts[k], true, std::cref(quiet), &ranges[k]);
    }
    // The other ranges are appended to the first one's builder: it plans for the whole file.
    ReadRange(layout, path, cuts[0], cuts[1], layout.data_first_line(), size - cuts[0], false,
              options, &ranges[0]);
  }
  for (const RangeVotes& range : ranges) {
    if (!range.status.ok()) return std::nullopt;
  }
  VoteReadReport report;
  report.format = layout.format();
  VoteBuilder builder = std::move(ranges[0].builder);
  uint64_t lines = ranges[0].lines;
  report.missing_skipped = ranges[0].missing_skipped;
  for (size_t k = 1; k < parts; ++k) {
    builder.Append(std::move(ranges[k].builder), lines, ranges[k].item_hashes);
    lines += ranges[k].lines;
    report.missing_skipped += ranges[k].missing_skipped;
  }
  report.lines = lines;
  report.threads = static_cast<unsigned>(parts);
  return builder.Finish(options.duplicates, layout.name(), report);
}

}  // namespace

Result<VoteFile> ReadLongVotes(const std::string& path, const VoteReadOptions& options) {
  auto reader = RoleReader::Open(path, {Role::kItem, Role::kAnnotator, Role::kLabel}, options);
  if (!reader.ok()) return reader.status();
  RoleReader& rows = **reader;
  if (auto file = ReadInRanges(rows, path, options)) return std::move(*file);
  VoteBuilder builder;
  VoteReadReport report;
  report.format = rows.format();
  CHORUS_RETURN_IF_ERROR(CollectVotes(rows, builder, &report.missing_skipped, rows.total_bytes()));
  report.lines = rows.lines();
  return builder.Finish(options.duplicates, rows.name(), report);
}

}  // namespace chorus::quality
