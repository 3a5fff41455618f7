#include "service/aggregate_columns.h"

#include "core/format_number.h"

namespace chorus::service {
namespace {

std::string SixDigits(double value) {
  std::string out;
  AppendGeneral(out, value, 6);
  return out;
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

}  // namespace chorus::service
