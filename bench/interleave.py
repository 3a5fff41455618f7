#!/usr/bin/python3
"""Compares commands by running them in turn, N rounds, and prints each one's median and mean.

On a VM whose speed drifts from one quarter of an hour to the next, two binaries timed one
after the other (hyperfine A, then hyperfine B) can differ by the drift alone; taken in turn,
both see the same drift. Standard library only.

  bench/interleave.py 30 'OLD/chorus agreement F --metric cohen' 'NEW/chorus agreement F --metric cohen'
"""
import shlex
import statistics
import subprocess
import sys
import time


def main():
    if len(sys.argv) < 3 or not sys.argv[1].isdigit():
        sys.exit(__doc__)
    rounds, commands = int(sys.argv[1]), sys.argv[2:]
    times = [[] for _ in commands]
    for command in commands:  # One unmeasured run each: the page cache, the binary.
        subprocess.run(shlex.split(command), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(rounds):
        for k, command in enumerate(commands):
            start = time.perf_counter()
            subprocess.run(shlex.split(command), stdout=subprocess.DEVNULL,
                           stderr=subprocess.DEVNULL, check=True)
            times[k].append(time.perf_counter() - start)
    for command, seconds in zip(commands, times):
        print("median %7.1f ms  mean %7.1f ms  min %7.1f ms  %s" % (
            1000 * statistics.median(seconds), 1000 * statistics.fmean(seconds),
            1000 * min(seconds), command))


if __name__ == "__main__":
    main()
