// Opening the database `chorus serve` uses, for commands that only read a project (datasheet,
// report): opening a store creates a missing SQLite file, and a report of nothing is a mistake,
// so a missing file is refused first, naming the flag to fix.
// Thread-safety: reentrant.
#pragma once

#include <string>
#include <string_view>

#include "app/open_store.h"
#include "core/status.h"

namespace chorus::cli {

// kNotFound (field "--data" or "--db") when the SQLite database is missing; else OpenStore.
Result<app::OpenedStore> OpenExistingStore(const std::string& db, const std::string& data_dir);

// "no project N in <where>" as kNotFound (field `field`) when `status` is kNotFound; else
// `status` unchanged.
Status NoSuchProject(const Status& status, int64_t project, std::string_view where,
                     std::string_view field);

}  // namespace chorus::cli
