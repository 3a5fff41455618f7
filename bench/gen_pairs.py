#!/usr/bin/python3
"""Writes a seeded synthetic pairwise-preference file (item,annotator,left,right,winner).

Each item (a prompt) compares two of the options (models) drawn at random; `--per-item`
annotators judge it under a Bradley-Terry model with Davidson ties, the options' strengths
spread evenly in [-2, 2]. A share `--flip` of the annotators answer against their judgement
(Crowd-BT's adversaries). Options follow chorus_bench_gen's (-q, --items, --output) so the
benchmark scripts can generate and scale it the same way.
Standard library only.
"""
import argparse
import math
import random
import sys


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("-o", "--output", default="-")
    parser.add_argument("--items", type=int, default=1000, help="items (prompts)")
    parser.add_argument("--options", type=int, default=100, help="options (models) compared")
    parser.add_argument("--annotators", type=int, default=1000)
    parser.add_argument("--per-item", type=int, default=5, help="judgements per item")
    parser.add_argument("--flip", type=float, default=0.1, help="share of flipping annotators")
    parser.add_argument("--tie", type=float, default=0.3, help="Davidson's tie parameter nu")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("-q", "--quiet", action="store_true")
    args = parser.parse_args()

    rng = random.Random(args.seed)
    strength = [-2 + 4 * i / max(1, args.options - 1) for i in range(args.options)]
    flippers = set(rng.sample(range(args.annotators), int(args.flip * args.annotators)))
    out = sys.stdout if args.output == "-" else open(args.output, "w", newline="")
    out.write("item,annotator,left,right,winner\n")
    rows = 0
    for item in range(args.items):
        left, right = rng.sample(range(args.options), 2)
        a, b = math.exp(strength[left]), math.exp(strength[right])
        tie = args.tie * math.sqrt(a * b)
        total = a + b + tie
        for annotator in rng.sample(range(args.annotators), args.per_item):
            u = rng.random() * total
            winner = "left" if u < a else "right" if u < a + b else "tie"
            if annotator in flippers and winner != "tie":
                winner = "right" if winner == "left" else "left"
            out.write("p%d,a%d,m%d,m%d,%s\n" % (item, annotator, left, right, winner))
            rows += 1
    if out is not sys.stdout:
        out.close()
    if not args.quiet:
        print("gen_pairs: %d comparisons of %d options" % (rows, args.options), file=sys.stderr)


if __name__ == "__main__":
    main()
