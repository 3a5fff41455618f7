#include "cli/vote_input.h"

#include "cli/progress.h"
#include "quality/ingest/vote_reader.h"
#include "quality/ingest/wide_reader.h"

namespace chorus::cli {

Result<VoteInput> ReadVoteInput(const VoteInputArgs& args, std::ostream& err,
                                bool err_is_terminal) {
  quality::VoteReadOptions options;
  auto format = quality::ParseVoteFormat(args.input_format);
  if (!format.ok()) return format.status();
  options.format = *format;
  auto duplicates = quality::ParseDuplicatePolicy(args.duplicates);
  if (!duplicates.ok()) return duplicates.status();
  options.duplicates = *duplicates;
  options.threads = args.threads;
  Progress progress(err, "reading " + args.file, err_is_terminal);
  options.on_progress = [&](const quality::ReadProgress& p) {
    progress.Update(p.bytes_read, p.total_bytes);
  };
  const auto layout = args.units_as_rows ? quality::WideLayout::kUnitsAsRows
                                         : quality::WideLayout::kAnnotatorsAsRows;
  auto votes = args.wide ? quality::ReadWideVotes(args.file, layout, options)
                         : quality::ReadLongVotes(args.file, options);
  if (!votes.ok()) return votes.status();
  VoteInput input{std::move(votes).value(), std::nullopt};
  if (!args.gold_file.empty()) {
    options.on_progress = nullptr;
    auto gold = quality::ReadGold(args.gold_file, input.votes.table, options);
    if (!gold.ok()) return gold.status();
    input.gold = std::move(gold).value();
  }
  return input;
}

}  // namespace chorus::cli
