#!/usr/bin/env bash
# Runs clang-tidy (checks in .clang-tidy) over the project's sources, using the release
# build's compile_commands.json. Usage: scripts/lint.sh [FILE...]; exits non-zero on findings.
set -euo pipefail
cd "$(dirname "$0")/.."
db=build/release
[[ -f $db/compile_commands.json ]] || { echo "lint: run 'make build' first" >&2; exit 2; }
if (($#)); then
  files=("$@")
else
  mapfile -t files < <(git ls-files 'src/*.cc' 'bench/*.cc' 'tests/*.cc')
fi
run-clang-tidy -quiet -p "$db" -j "$(nproc)" -extra-arg=-Wno-unknown-warning-option "${files[@]}" 2>/dev/null |
  grep -E '(warning|error):' | sort -u | tee /tmp/chorus-lint.txt || true
count=$(wc -l </tmp/chorus-lint.txt)
echo "lint: $count finding(s) in ${#files[@]} files" >&2
((count == 0))
