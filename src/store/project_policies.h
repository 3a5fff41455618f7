// A project's six policies read from their JSON columns, and a cache of them by project id and
// version that both backends use.
//
// Parsing the policies took a sixth of the server's time while labelling (a label reads its
// project twice). ProjectStore::Update is the only statement that changes the policy columns
// and it bumps the version, so (id, version) names one set of policies for good: a cached set
// is never stale. Each store instance has its own cache, since ids and versions repeat across
// databases. Thread-safety: ProjectPolicyCache may be used from any thread.
#pragma once

#include <cstdint>
#include <functional>
#include <mutex>
#include <string>
#include <unordered_map>

#include "core/status.h"
#include "domain/project.h"

namespace chorus::store {

// The text of the gold, routing, pay, wellbeing, diversity and draft policy columns, in that
// order (the order of the projects table's columns).
struct PolicyTexts {
  std::string gold, routing, pay, wellbeing, diversity, drafts;
};

// Parses `texts` into `project`'s policies; kInternal naming the project and the policy that
// does not parse (the database holds only what ValidateProject accepted).
Status ParseProjectPolicies(const PolicyTexts& texts, domain::Project& project);

class ProjectPolicyCache {
 public:
  // Sets `project`'s policies from the cache when it holds (project.id, project.version);
  // otherwise parses `read_texts()` and keeps the result.
  Status Fill(domain::Project& project, const std::function<PolicyTexts()>& read_texts);

 private:
  struct Entry {
    int64_t version = 0;
    domain::Project policies;  // Only the policy fields are used.
  };
  std::mutex mutex_;
  std::unordered_map<int64_t, Entry> by_id_;  // The latest version read of each project.
};

}  // namespace chorus::store
