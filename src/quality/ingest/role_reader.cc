#include "quality/ingest/role_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "quality/ingest/input_file.h"
#include "quality/ingest/jsonl_row_parser.h"

namespace chorus::quality {
namespace {

constexpr size_t kJsonPadding = 64;  // SIMDJSON_PADDING.
constexpr size_t kMaxLineBytes = size_t{64} << 20;
constexpr size_t kMaxFieldBytes = size_t{1} << 20;  // As CsvOptions::max_field_bytes.

bool IsLabelRole(Role role) { return role == Role::kLabel || role == Role::kGoldLabel; }

bool IsBlankRecord(const CsvRecord& record) {
  for (const CsvFieldView& field : record.fields()) {
    if (!TrimBlanks(field.value).empty()) return false;
  }
  return true;
}

bool IsBlankLine(std::string_view line) {
  return line.find_first_not_of(" \t\r") == std::string_view::npos;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

}  // namespace

RoleReader::RoleReader(std::vector<Role> roles, const VoteReadOptions& options)
    : roles_(std::move(roles)), ticker_(options.on_progress) {
  for (size_t i = 0; i < roles_.size(); ++i) is_label_[i] = IsLabelRole(roles_[i]);
}

RoleReader::~RoleReader() = default;

Result<std::unique_ptr<RoleReader>> RoleReader::Open(const std::string& path,
                                                     std::vector<Role> roles,
                                                     const VoteReadOptions& options) {
  auto input = OpenInputFile(path, options.format);
  if (!input.ok()) return input.status();
  std::unique_ptr<RoleReader> reader(new RoleReader(std::move(roles), options));
  reader->format_ = input->format;
  if (input->format == VoteFormat::kJsonl) {
    reader->lines_ = std::make_unique<LineSource>(std::move(input->source), options.chunk_size,
                                                  kJsonPadding, kMaxLineBytes);
    reader->jsonl_ = std::make_unique<JsonlRowParser>(reader->roles_);
    return reader;
  }
  CsvOptions csv;
  csv.delimiter = input->format == VoteFormat::kTsv ? '\t' : ',';
  csv.chunk_size = options.chunk_size;
  reader->csv_ = std::make_unique<CsvReader>(std::move(input->source), csv);
  CHORUS_RETURN_IF_ERROR(reader->ReadHeader());
  return reader;
}

Result<std::unique_ptr<RoleReader>> RoleReader::OpenRange(const RoleReader& layout,
                                                          const std::string& path, uint64_t offset,
                                                          uint64_t length, uint64_t first_line,
                                                          const VoteReadOptions& options) {
  auto source = OpenFileRange(path, offset, length);
  if (!source.ok()) return source.status();
  std::unique_ptr<RoleReader> reader(new RoleReader(layout.roles_, options));
  reader->format_ = layout.format_;
  reader->columns_ = layout.columns_;
  reader->min_fields_ = layout.min_fields_;
  reader->has_header_ = layout.has_header_;
  reader->in_order_ = layout.in_order_;
  reader->last_role_ = layout.last_role_;
  CsvOptions csv;
  csv.delimiter = layout.format_ == VoteFormat::kTsv ? '\t' : ',';
  csv.chunk_size = options.chunk_size;
  csv.at_start_of_file = offset == 0;
  csv.first_line = first_line;
  reader->csv_ = std::make_unique<CsvReader>(std::move(source).value(), csv);
  return reader;
}

uint64_t RoleReader::lines() const { return csv_ ? csv_->lines() : lines_->line_number(); }

uint64_t RoleReader::bytes_read() const { return csv_ ? csv_->bytes_read() : lines_->bytes_read(); }

uint64_t RoleReader::offset() const { return csv_ ? csv_->offset() : lines_->offset(); }

uint64_t RoleReader::total_bytes() const {
  return csv_ ? csv_->total_bytes() : lines_->total_bytes();
}

const std::string& RoleReader::name() const { return csv_ ? csv_->name() : lines_->name(); }

std::string RoleReader::ExpectedColumns() const {
  std::string names;
  for (Role role : roles_) names += fmt::format("{}{}", names.empty() ? "" : ",", RoleName(role));
  return names;
}

Status RoleReader::ReadHeader() {
  while (true) {
    auto next = csv_->Next();
    if (!next.ok()) return next.status();
    if (!*next) return Status::Ok();  // An empty file: no header, no rows.
    if (!IsBlankRecord(csv_->record())) break;
  }
  const CsvRecord& record = csv_->record();
  std::array<std::optional<size_t>, RoleRow::kMaxRoles> found;
  size_t named = 0;
  for (size_t c = 0; c < record.size(); ++c) {
    const std::optional<Role> role = MatchRole(record[c], roles_);
    if (!role) continue;
    const size_t i =
        static_cast<size_t>(std::find(roles_.begin(), roles_.end(), *role) - roles_.begin());
    if (found[i]) {
      return InvalidArgument(
          fmt::format("the header names the {} twice (\"{}\" in column {} and \"{}\" in column "
                      "{}); rename or remove one of them",
                      RoleName(*role), record[*found[i]], *found[i] + 1, record[c], c + 1),
          csv_->Location(record.field(c).line, record.field(c).column));
    }
    found[i] = c;
    ++named;
  }
  if (named == 0) {
    // No header: the roles are the first columns, and this record is the first row.
    for (size_t i = 0; i < roles_.size(); ++i) columns_[i] = i;
    min_fields_ = roles_.size();
    pending_first_ = true;
    return Status::Ok();
  }
  if (named < roles_.size()) {
    std::vector<std::string> present, absent;
    std::string accepted;
    for (size_t i = 0; i < roles_.size(); ++i) {
      (found[i] ? present : absent).emplace_back(RoleName(roles_[i]));
      if (!found[i]) {
        accepted += fmt::format("{}{}: {}", accepted.empty() ? "" : "; for the ",
                                RoleName(roles_[i]), RoleAliases(roles_[i]));
      }
    }
    return InvalidArgument(
        fmt::format("the header names the {} column{} but not the {} column{}; rename {} "
                    "(accepted names for the {})",
                    JoinNames(present), present.size() > 1 ? "s" : "", JoinNames(absent),
                    absent.size() > 1 ? "s" : "", absent.size() > 1 ? "them" : "it", accepted),
        csv_->Location(record.line(), 1));
  }
  has_header_ = true;
  in_order_ = true;
  for (size_t i = 0; i < roles_.size(); ++i) {
    columns_[i] = *found[i];
    in_order_ = in_order_ && *found[i] == i;
    if (*found[i] + 1 > min_fields_) {
      min_fields_ = *found[i] + 1;
      last_role_ = roles_[i];
    }
  }
  return Status::Ok();
}

Result<bool> RoleReader::Next() {
  auto next = csv_ ? NextCsv() : NextJsonl();
  if (next.ok() && !*next) ticker_.Done(bytes_read(), total_bytes(), lines());
  return next;
}

Result<bool> RoleReader::NextCsv() {
  while (true) {
    if (pending_first_) {
      pending_first_ = false;
    } else {
      auto next = csv_->Next();
      if (!next.ok()) return next.status();
      if (!*next) return false;
    }
    if (ticker_.Due(csv_->bytes_read())) {
      ticker_.Tick(csv_->bytes_read(), csv_->total_bytes(), csv_->lines());
    }
    const CsvRecord& record = csv_->record();
    if (record.size() < min_fields_) {
      if (IsBlankRecord(record)) continue;
      const std::string expected = has_header_ && !in_order_
                                       ? fmt::format("the header puts the {} in column {}",
                                                     RoleName(last_role_), min_fields_)
                                       : ExpectedColumns();
      return InvalidArgument(
          fmt::format("line {} has {} field{}, expected at least {} ({}); add the missing "
                      "fields, or check the delimiter and the quotes",
                      record.line(), record.size(), record.size() == 1 ? "" : "s", min_fields_,
                      expected),
          csv_->Location(record.line(), 1));
    }
    row_.line = record.line();
    bool empty_id = false;
    for (size_t i = 0; i < roles_.size(); ++i) {
      const CsvFieldView& field = record.field(columns_[i]);
      const std::string_view value = field.quoted ? field.value : TrimBlanks(field.value);
      row_.values[i] = value;
      row_.columns[i] = field.column;
      if (is_label_[i]) {
        row_.missing[i] = field.quoted ? value.empty() : IsMissingMarker(value);
      } else {
        row_.missing[i] = false;
        empty_id = empty_id || value.empty();
      }
    }
    if (!empty_id) return true;
    if (IsBlankRecord(record)) continue;
    for (size_t i = 0; i < roles_.size(); ++i) {
      const CsvFieldView& field = record.field(columns_[i]);
      if (!is_label_[i] && row_.values[i].empty()) {
        return InvalidArgument(
            fmt::format("the {} (field {}) is empty on line {}; every row needs an {} id",
                        RoleName(roles_[i]), columns_[i] + 1, field.line, RoleName(roles_[i])),
            csv_->Location(field.line, field.column));
      }
    }
    return true;
  }
}

Result<bool> RoleReader::NextJsonl() {
  while (true) {
    auto next = lines_->Next();
    if (!next.ok()) return next.status();
    if (!*next) return false;
    ticker_.Tick(lines_->bytes_read(), lines_->total_bytes(), lines_->line_number());
    const std::string_view line = lines_->line();
    if (IsBlankLine(line)) continue;
    const uint64_t number = lines_->line_number();
    if (std::memchr(line.data(), '\0', line.size()) != nullptr) {
      return InvalidArgument(fmt::format("JSONL line {}: NUL byte; the file looks binary or "
                                         "UTF-16: save it as UTF-8 text",
                                         number),
                             lines_->Location(number, 1));
    }
    row_.line = number;
    CHORUS_RETURN_IF_ERROR(
        jsonl_->Parse(line, lines_->readable_from_line(), number, lines_->name(), &row_));
    for (size_t i = 0; i < roles_.size(); ++i) {
      if (row_.values[i].size() > kMaxFieldBytes) {
        return InvalidArgument(
            fmt::format("JSONL line {}: the {} is longer than {} bytes; shorten it", number,
                        RoleName(roles_[i]), kMaxFieldBytes),
            lines_->Location(number, 1));
      }
      if (IsLabelRole(roles_[i])) {
        if (!row_.missing[i]) row_.missing[i] = IsMissingMarker(TrimBlanks(row_.values[i]));
      } else if (row_.missing[i] || row_.values[i].empty()) {
        return InvalidArgument(fmt::format("JSONL line {}: the {} is {}; every row needs an {} id",
                                           number, RoleName(roles_[i]),
                                           row_.missing[i] ? "null" : "empty", RoleName(roles_[i])),
                               lines_->Location(number, 1));
      }
    }
    return true;
  }
}

}  // namespace chorus::quality
