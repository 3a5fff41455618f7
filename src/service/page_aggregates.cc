#include "service/page_aggregates.h"

#include <utility>

namespace chorus::service {

Result<std::map<int64_t, domain::TaskAggregate>> PageAggregates(
    store::Store& store, int64_t project_id, const std::vector<domain::Task>& page) {
  std::map<int64_t, domain::TaskAggregate> out;
  if (page.empty()) return out;
  auto got =
      store.aggregates().List(project_id, {page.front().id - 1, static_cast<int64_t>(page.size())});
  if (!got.ok()) return got.status();
  for (domain::TaskAggregate& a : got->items) {
    if (a.task_id <= page.back().id) out.emplace(a.task_id, std::move(a));
  }
  return out;
}

}  // namespace chorus::service
