#include "service/aggregate_columns.h"

#include "core/csv_writer.h"
#include "core/format_number.h"

namespace chorus::service {
namespace {

std::string SixDigits(double value) {
  std::string out;
  AppendGeneral(out, value, 6);
  return out;
}

template <typename Fields>
void AppendTail(std::string& out, const Fields& fields) {
  for (const auto& field : fields) {
    out.push_back(',');
    AppendCsvField(out, field);
  }
}

}  // namespace

std::array<std::string, 9> AggregateCsvFields(const domain::TaskAggregate* a) {
  if (a == nullptr) return {};
  return {a->method,
          domain::AggregateSourceName(a->source),
          a->label.value_or(""),
          SixDigits(a->confidence),
          SixDigits(a->weight),
          a->ambiguous ? "true" : "false",
          std::to_string(a->votes),
          a->distribution,
          a->posterior};
}

void AppendCsvTail(std::string& out, const std::array<std::string, 9>& fields) {
  AppendTail(out, fields);
}
void AppendCsvTail(std::string& out, const std::array<std::string_view, 9>& fields) {
  AppendTail(out, fields);
}

}  // namespace chorus::service
