// The only file that includes CLI11 (its header is slow to compile).
#include "cli/cli.h"

#include <CLI/CLI.hpp>
#include <iostream>

#include "cli/exit_codes.h"

#ifndef CHORUS_VERSION
#define CHORUS_VERSION "0.0.0"
#endif

namespace chorus::cli {

int Run(int argc, const char* const* argv) {
  CLI::App app{"Chorus: labelled data you can trust.", "chorus"};
  app.set_version_flag("--version", "chorus " CHORUS_VERSION);
  app.require_subcommand(1);
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? kExitOk : kExitUsage;
  }
  return kExitOk;
}

}  // namespace chorus::cli
