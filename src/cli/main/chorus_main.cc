// The chorus command: all work happens in cli::Run so tests can call it in-process.
#include "cli/cli.h"

int main(int argc, char** argv) { return chorus::cli::Run(argc, argv); }
