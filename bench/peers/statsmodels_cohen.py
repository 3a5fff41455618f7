#!/usr/bin/python3
"""Peer: Cohen's kappa with statsmodels' cohens_kappa on the two annotators' contingency
table, from a long-format CSV with item, annotator and label columns and exactly two
annotators (items both labelled are compared).

Usage: statsmodels_cohen.py FILE; prints the value.
"""
import argparse

import pandas as pd
from statsmodels.stats.inter_rater import cohens_kappa


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file")
    args = parser.parse_args()
    votes = pd.read_csv(args.file, dtype=str, usecols=["item", "annotator", "label"])
    pairs = votes.pivot(index="item", columns="annotator", values="label").dropna()
    if pairs.shape[1] != 2:
        raise SystemExit(f"expected two annotators, found {pairs.shape[1]}")
    labels = sorted(set(pairs.iloc[:, 0]) | set(pairs.iloc[:, 1]))
    # A square table over the union of labels, so a label only one annotator used still counts.
    table = pd.crosstab(pairs.iloc[:, 0], pairs.iloc[:, 1]).reindex(
        index=labels, columns=labels, fill_value=0)
    print(f"{cohens_kappa(table.to_numpy()).kappa:.17g}")


if __name__ == "__main__":
    main()
