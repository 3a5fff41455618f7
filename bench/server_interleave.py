#!/usr/bin/python3
"""Compares the submission throughput of chorus binaries by alternating load runs.

On a VM whose speed drifts from one quarter of an hour to the next, two servers measured one
after the other can differ by the drift alone; taken in turn, both see the same drift. Each run
starts the binary on a fresh data directory, drives it with chorus_load (closed loop, the web
flow) and stops it. Prints each binary's runs, median and mean. Standard library only.

  bench/server_interleave.py --rounds 4 --load build/bench/bench/chorus_load OLD/chorus NEW/chorus
"""
import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from server_bench import ADMIN_EMAIL, ADMIN_PASSWORD, start_server  # noqa: E402


def one_run(chorus, load, annotators, duration, warmup):
    """Labels per second of one fresh server under `annotators` closed-loop annotators."""
    data_dir = tempfile.mkdtemp(prefix="chorus-interleave-")
    server, port = start_server(chorus, data_dir)
    try:
        out = subprocess.run([load, "--url", f"http://127.0.0.1:{port}", "--admin-email",
                              ADMIN_EMAIL, "--admin-password", ADMIN_PASSWORD, "--annotators",
                              str(annotators), "--duration", str(duration), "--warmup",
                              str(warmup), "--format", "json"],
                             capture_output=True, text=True, check=True).stdout
        return json.loads(out)["submissions_per_second"]
    finally:
        server.terminate()
        server.wait()
        shutil.rmtree(data_dir, ignore_errors=True)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("binaries", nargs="+", help="chorus binaries to compare")
    p.add_argument("--load", required=True, help="chorus_load")
    p.add_argument("--rounds", type=int, default=4)
    p.add_argument("--annotators", type=int, default=100)
    p.add_argument("--duration", type=float, default=10)
    p.add_argument("--warmup", type=float, default=2)
    args = p.parse_args()
    rates = {binary: [] for binary in args.binaries}
    for round_number in range(args.rounds):
        for binary in args.binaries:
            rate = one_run(binary, args.load, args.annotators, args.duration, args.warmup)
            rates[binary].append(rate)
            print(f"round {round_number + 1}: {binary}: {rate:,.0f} labels/s", file=sys.stderr)
    for binary, values in rates.items():
        print(f"{binary}: median {statistics.median(values):,.0f}, mean "
              f"{statistics.mean(values):,.0f} labels/s over {len(values)} runs "
              f"({', '.join(f'{v:,.0f}' for v in values)})")


if __name__ == "__main__":
    main()
