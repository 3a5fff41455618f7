#!/usr/bin/env bash
# Runs every benchmark and writes docs/benchmarks.md (see bench/README.md).
#
#   bench/run_all.sh            build, Google Benchmark, end to end vs the Python peers,
#                               end-to-end `chorus aggregate` (bench/aggregate_e2e.py) and
#                               `chorus errors` (bench/errors_e2e.py), active learning on a real
#                               corpus (bench/active_e2e.py), report
#   bench/run_all.sh --smoke    tiny inputs and one run each, to check the pipeline (a minute or
#                               two); the report goes to bench/out/benchmarks.smoke.md instead
#
# Options: --skip-build, --skip-gbench, --skip-e2e (both end-to-end steps), --skip-server (the
# server's import, export and load step, bench/server_bench.py), --skip-studio (the browser
# step, bench/studio_bench.mjs), --only SUBSTRING (end-to-end cases: a statistic, method or
# dataset name).
# Environment: BENCH_BUILD_DIR (default build/bench), CHORUS_BIN (default build/release/chorus),
# JOBS (build parallelism, default nproc), MIN_TIME (Google Benchmark min time, seconds).
# Run it on a quiet machine: other processes on the same cores distort every figure.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

smoke=0
build=1
gbench=1
e2e=1
server=1
studio=1
only=""
while (($#)); do
  case "$1" in
    --smoke) smoke=1 ;;
    --skip-build) build=0 ;;
    --skip-gbench) gbench=0 ;;
    --skip-e2e) e2e=0 ;;
    --skip-server) server=0 ;;
    --skip-studio) studio=0 ;;
    --only) only="$2"; shift ;;
    -h|--help) sed -n '2,15p' "$0"; exit 0 ;;
    *) echo "run_all.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done

BENCH_BUILD_DIR=${BENCH_BUILD_DIR:-build/bench}
CHORUS_BIN=${CHORUS_BIN:-build/release/chorus}
JOBS=${JOBS:-$(nproc)}
OUT=bench/out
PYTHON=/usr/bin/python3  # Debian's Python, where the peers' packages are installed.
mkdir -p "$OUT"

suffix=""
report="docs/benchmarks.md"
if ((smoke)); then
  suffix=".smoke"
  report="$OUT/benchmarks.smoke.md"
  export CHORUS_BENCH_SCALE=${CHORUS_BENCH_SCALE:-0.02}
  MIN_TIME=${MIN_TIME:-0.01}
else
  unset CHORUS_BENCH_SCALE
  MIN_TIME=${MIN_TIME:-0.5}
fi
commands="$OUT/commands$suffix.txt"
: >"$commands"

# Runs a command after recording it for the report.
run() {
  printf '%s\n' "$*" >>"$commands"
  echo "+ $*" >&2
  "$@"
}

# The peers (NLTK, statsmodels, scikit-learn, pandas) and the measuring tools come from Debian
# through the project's setup script: PyPI is not reachable, and `krippendorff` is not in Debian.
install_peers() { scripts/setup.sh --bench; }

if ((build)); then
  if [[ $BENCH_BUILD_DIR == build/bench ]]; then
    run cmake --preset bench >/dev/null
    run cmake --build --preset bench -j "$JOBS"
  else
    run cmake --build "$BENCH_BUILD_DIR" -j "$JOBS" --target chorus_quality_bench chorus_bench_gen chorus_bench_noisy \
      chorus_bench_active \
      chorus_load
  fi
  if ((e2e || server)); then
    if [[ $CHORUS_BIN == build/release/chorus ]]; then
      run cmake --preset release >/dev/null
      run cmake --build --preset release -j "$JOBS" --target chorus
    fi
  fi
fi

if ((gbench)); then
  scale=()
  [[ -n ${CHORUS_BENCH_SCALE:-} ]] && scale=(env "CHORUS_BENCH_SCALE=$CHORUS_BENCH_SCALE")
  run "${scale[@]}" "$BENCH_BUILD_DIR/bench/chorus_quality_bench" \
    --benchmark_min_time="$MIN_TIME" \
    --benchmark_out="$OUT/quality_bench$suffix.json" --benchmark_out_format=json
fi

if ((e2e)); then
  install_peers
  e2e_args=(--gen "$BENCH_BUILD_DIR/bench/chorus_bench_gen" --chorus "$CHORUS_BIN" --out-dir "$OUT")
  ((smoke)) && e2e_args+=(--smoke)
  [[ -n $only ]] && e2e_args+=(--only "$only")
  # A value mismatch is reported in the document; keep going so the report is still written.
  run "$PYTHON" bench/e2e.py "${e2e_args[@]}" || echo "run_all.sh: some values disagree" >&2
  # The same arguments: generator, chorus, output folder, --smoke and --only.
  run "$PYTHON" bench/aggregate_e2e.py "${e2e_args[@]}" ||
    echo "run_all.sh: some chorus aggregate cases failed (see the report's Errors)" >&2
  errors_args=(--gen "$BENCH_BUILD_DIR/bench/chorus_bench_noisy" --chorus "$CHORUS_BIN" --out-dir "$OUT"
               --markdown "$OUT/errors_e2e$suffix.md")
  ((smoke)) && errors_args+=(--smoke)
  rm -f "$OUT/errors_e2e$suffix.md"
  run "$PYTHON" bench/errors_e2e.py "${errors_args[@]}" >/dev/null ||
    echo "run_all.sh: the chorus errors benchmark failed (see above)" >&2
  # Active learning on a real labelled corpus (bench/datasets, installed by setup --bench).
  active_args=(--bench "$BENCH_BUILD_DIR/bench/chorus_bench_active" --out-dir "$OUT"
               --markdown "$OUT/active_e2e$suffix.md")
  if ((smoke)); then active_args+=(--smoke); else active_args+=(--svg docs/images/active_learning.svg); fi
  rm -f "$OUT/active_e2e$suffix.md"
  run "$PYTHON" bench/active_e2e.py "${active_args[@]}" >/dev/null ||
    echo "run_all.sh: the active-learning benchmark failed (see above)" >&2
fi

if ((server)); then
  # Import, export and HTTP load against `chorus serve`; its markdown section goes into the
  # report (bench/report.py keeps the previous one when this step is skipped).
  server_args=(--chorus "$CHORUS_BIN" --load "$BENCH_BUILD_DIR/bench/chorus_load" --out-dir "$OUT"
               --markdown "$OUT/server_bench$suffix.md" --perf)
  ((smoke)) && server_args+=(--smoke)
  rm -f "$OUT/server_bench$suffix.md"
  run "$PYTHON" bench/server_bench.py "${server_args[@]}" >/dev/null ||
    echo "run_all.sh: the server benchmark failed or an export check failed (see above)" >&2
fi

if ((studio)); then
  # The annotation studio in Debian's chromium against `chorus serve` (its section goes into the
  # report as the server's does).
  studio_tasks=1000
  ((smoke)) && studio_tasks=20
  rm -f "$OUT/studio_bench$suffix.md"
  run node bench/studio_bench.mjs "$CHORUS_BIN" --tasks "$studio_tasks" \
    --markdown "$OUT/studio_bench$suffix.md" --json "$OUT/studio_bench$suffix.json" >/dev/null ||
    echo "run_all.sh: the studio benchmark failed (see above)" >&2
fi

report_args=(--bench-json "$OUT/quality_bench$suffix.json" --e2e-json "$OUT/e2e$suffix.json"
             --aggregate-json "$OUT/aggregate_e2e$suffix.json"
             --server-md "$OUT/server_bench$suffix.md" --studio-md "$OUT/studio_bench$suffix.md"
             --errors-md "$OUT/errors_e2e$suffix.md" --active-md "$OUT/active_e2e$suffix.md"
             --commands "$commands" --output "$report")
((smoke)) && report_args+=(--smoke)
if ((smoke)) && [[ ! -e $report ]] && [[ -e docs/benchmarks.md ]]; then
  cp docs/benchmarks.md "$report"  # Keeps the hand-written introduction.
fi
"$PYTHON" bench/report.py "${report_args[@]}"
echo "run_all.sh: wrote $report" >&2
