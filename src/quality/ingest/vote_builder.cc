#include "quality/ingest/vote_builder.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

namespace chorus::quality {
namespace {

constexpr uint32_t kNone = std::numeric_limits<uint32_t>::max();

// Whether `map` sends every id to itself.
bool IsIdentity(const std::vector<uint32_t>& map) {
  for (uint32_t id = 0; id < map.size(); ++id) {
    if (map[id] != id) return false;
  }
  return true;
}

// New ids for the names some kept vote uses, in the old order; kNone for the unused ones.
std::vector<uint32_t> CompactIds(const std::vector<uint32_t>& ids, const std::vector<uint8_t>& drop,
                                 size_t name_count) {
  std::vector<uint32_t> remap(name_count, 0);
  for (size_t v = 0; v < ids.size(); ++v) {
    if (drop.empty() || !drop[v]) remap[ids[v]] = 1;
  }
  uint32_t next = 0;
  for (uint32_t& id : remap) id = id ? next++ : kNone;
  return remap;
}

// Appends map[id] for each id of `ids` to `out`; a copy when the map changes nothing (the
// annotators and labels of the ranges of one file mostly appear in the same order).
void AppendMapped(const std::vector<uint32_t>& map, const std::vector<uint32_t>& ids,
                  std::vector<uint32_t>& out) {
  const size_t start = out.size();
  if (IsIdentity(map)) {
    out.insert(out.end(), ids.begin(), ids.end());
    return;
  }
  out.resize(start + ids.size());
  uint32_t* to = out.data() + start;
  for (size_t v = 0; v < ids.size(); ++v) to[v] = map[ids[v]];
}

void InternUsed(const Interner& names, const std::vector<uint32_t>& remap, Interner& into) {
  for (uint32_t id = 0; id < remap.size(); ++id) {
    if (remap[id] != kNone) into.Intern(names.Name(id));
  }
}

}  // namespace

void VoteLines::Add(uint64_t vote, uint64_t line) {
  if (!runs_.empty()) {
    Run& run = runs_.back();
    const bool single = last_vote_ == run.first_vote;
    if (line == last_line_ + 1 && (single || run.step == 1)) {
      run.step = 1;
      last_vote_ = vote;
      last_line_ = line;
      return;
    }
    if (line == last_line_ && (single || run.step == 0)) {
      run.step = 0;
      last_vote_ = vote;
      return;
    }
  }
  runs_.push_back({vote, line, 0});
  last_vote_ = vote;
  last_line_ = line;
}

void VoteLines::Append(const VoteLines& other, uint64_t votes, uint64_t line_offset) {
  if (other.runs_.empty()) return;
  for (const Run& run : other.runs_) {
    runs_.push_back({votes + run.first_vote, line_offset + run.first_line, run.step});
  }
  last_vote_ = votes + other.last_vote_;
  last_line_ = line_offset + other.last_line_;
}

uint64_t VoteLines::LineOf(uint64_t vote) const {
  auto it = std::upper_bound(runs_.begin(), runs_.end(), vote,
                             [](uint64_t v, const Run& run) { return v < run.first_vote; });
  const Run& run = *(it - 1);
  return run.first_line + run.step * (vote - run.first_vote);
}

Status VoteBuilder::FindDuplicates(DuplicatePolicy policy, const std::string& source_name,
                                   std::vector<uint8_t>* drop, uint64_t* dropped) const {
  const size_t n = size();
  const size_t n_items = items_.size();
  // seen_item[a] == i means annotator a already voted on item i, in vote seen_vote[a].
  std::vector<uint32_t> seen_item(annotators_.size(), kNone);
  std::vector<uint32_t> seen_vote(annotators_.size(), 0);
  uint64_t first_repeat = std::numeric_limits<uint64_t>::max(), first_original = 0;
  // Visits vote v of `item`; each item's votes must come together, in file order.
  const auto visit = [&](uint32_t item, uint32_t v) {
    const uint32_t a = annotator_ids_[v];
    if (seen_item[a] != item) {
      seen_item[a] = item;
      seen_vote[a] = v;
      return;
    }
    switch (policy) {
      case DuplicatePolicy::kError:
        if (v < first_repeat) {
          first_repeat = v;
          first_original = seen_vote[a];
        }
        break;
      case DuplicatePolicy::kKeepFirst:
        if (drop->empty()) drop->assign(n, 0);
        (*drop)[v] = 1;
        ++*dropped;
        break;
      case DuplicatePolicy::kKeepLast:
        if (drop->empty()) drop->assign(n, 0);
        (*drop)[seen_vote[a]] = 1;
        seen_vote[a] = v;
        ++*dropped;
        break;
      case DuplicatePolicy::kKeepAll: break;
    }
  };
  if (std::is_sorted(item_ids_.begin(), item_ids_.end())) {
    // Files grouped by item (the usual export order) need no sort: ids follow first appearance,
    // so sorted ids mean each item's votes are already together.
    for (size_t v = 0; v < n; ++v) visit(item_ids_[v], static_cast<uint32_t>(v));
  } else {
    // Counting sort of vote indices by item; stable, so each item's votes stay in file order.
    std::vector<uint32_t> start(n_items + 1, 0);
    for (uint32_t item : item_ids_) ++start[item + 1];
    for (size_t i = 0; i < n_items; ++i) start[i + 1] += start[i];
    std::vector<uint32_t> order(n);
    {
      std::vector<uint32_t> cursor(start.begin(), start.end() - 1);
      for (size_t v = 0; v < n; ++v) order[cursor[item_ids_[v]]++] = static_cast<uint32_t>(v);
    }
    for (uint32_t item = 0; item < n_items; ++item) {
      for (uint32_t k = start[item]; k < start[item + 1]; ++k) visit(item, order[k]);
    }
  }
  if (first_repeat == std::numeric_limits<uint64_t>::max()) return Status::Ok();
  const uint64_t line = lines_.LineOf(first_repeat);
  const uint64_t earlier = lines_.LineOf(first_original);
  const std::string where = line == earlier ? fmt::format("both on line {}", line)
                                            : fmt::format("on line {} and line {}", earlier, line);
  return InvalidArgument(
      fmt::format("annotator \"{}\" labelled item \"{}\" twice, {}; remove one of the votes, or "
                  "pass --duplicates first, last or keep-all to accept repeated votes",
                  annotators_.Name(annotator_ids_[first_repeat]),
                  items_.Name(item_ids_[first_repeat]), where),
      fmt::format("{}:{}:1", source_name, line));
}

void VoteBuilder::Reserve(size_t votes) {
  item_ids_.reserve(votes);
  annotator_ids_.reserve(votes);
  label_ids_.reserve(votes);
}

void VoteBuilder::Append(VoteBuilder&& other, uint64_t line_offset,
                         std::span<const uint32_t> other_item_hashes) {
  const std::vector<uint32_t> items = items_.InternAll(other.items_, other_item_hashes);
  const std::vector<uint32_t> annotators = annotators_.InternAll(other.annotators_);
  const std::vector<uint32_t> labels = labels_.InternAll(other.labels_);
  lines_.Append(other.lines_, item_ids_.size(), line_offset);
  AppendMapped(items, other.item_ids_, item_ids_);
  AppendMapped(annotators, other.annotator_ids_, annotator_ids_);
  AppendMapped(labels, other.label_ids_, label_ids_);
  other = VoteBuilder();
}

Result<VoteFile> VoteBuilder::Finish(DuplicatePolicy policy, const std::string& source_name,
                                     VoteReadReport report) {
  std::vector<uint8_t> drop;
  uint64_t dropped = 0;
  if (policy != DuplicatePolicy::kKeepAll) {
    CHORUS_RETURN_IF_ERROR(FindDuplicates(policy, source_name, &drop, &dropped));
  }
  const std::vector<uint32_t> item_map = CompactIds(item_ids_, drop, items_.size());
  const std::vector<uint32_t> annotator_map = CompactIds(annotator_ids_, drop, annotators_.size());
  const std::vector<uint32_t> label_map = CompactIds(label_ids_, drop, labels_.size());

  VoteFile file;
  if (drop.empty() && IsIdentity(item_map) && IsIdentity(annotator_map) && IsIdentity(label_map)) {
    // The usual case: every name is used and every vote kept, so the table adopts the
    // builder's names and columns as they are.
    file.table = VoteTable(std::move(items_), std::move(annotators_), std::move(labels_),
                           std::move(item_ids_), std::move(annotator_ids_), std::move(label_ids_));
  } else {
    VoteTable& table = file.table;
    InternUsed(items_, item_map, table.item_names());
    InternUsed(annotators_, annotator_map, table.annotator_names());
    InternUsed(labels_, label_map, table.label_names());
    table.Reserve(item_ids_.size() - dropped);
    for (size_t v = 0; v < item_ids_.size(); ++v) {
      if (!drop.empty() && drop[v]) continue;
      table.AddIds(item_map[item_ids_[v]], annotator_map[annotator_ids_[v]],
                   label_map[label_ids_[v]]);
    }
  }
  const VoteTable& table = file.table;
  report.votes = table.size();
  report.duplicates_dropped = dropped;
  file.report = report;
  return file;
}

}  // namespace chorus::quality
