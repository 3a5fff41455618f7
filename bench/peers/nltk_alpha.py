#!/usr/bin/python3
"""Peer: Krippendorff's alpha with NLTK's AnnotationTask.alpha (what crowd-kit's
alpha_krippendorff calls), on a long-format CSV with item, annotator and label columns.

Usage: nltk_alpha.py FILE [--level nominal|interval]; prints the value.
"""
import argparse
import csv

from nltk.metrics.agreement import AnnotationTask
from nltk.metrics.distance import binary_distance, interval_distance


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file")
    parser.add_argument("--level", choices=["nominal", "interval"], default="nominal")
    args = parser.parse_args()
    convert = float if args.level == "interval" else str
    with open(args.file, newline="") as f:
        rows = csv.reader(f)
        header = next(rows)
        item, annotator, label = (header.index(c) for c in ("item", "annotator", "label"))
        # AnnotationTask takes (coder, item, label) triples.
        data = [(r[annotator], r[item], convert(r[label])) for r in rows if r[label] != ""]
    distance = interval_distance if args.level == "interval" else binary_distance
    print(f"{AnnotationTask(data=data, distance=distance).alpha():.17g}")


if __name__ == "__main__":
    main()
