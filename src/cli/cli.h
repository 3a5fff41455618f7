// The chorus command line: parses arguments and dispatches to one command.
#pragma once

namespace chorus::cli {

// Runs `chorus` with the given arguments; returns the process exit code (see exit_codes.h).
int Run(int argc, const char* const* argv);

}  // namespace chorus::cli
