#!/usr/bin/python3
"""Peer: Cohen's kappa with scikit-learn's cohen_kappa_score, on a long-format CSV with item,
annotator and label columns and exactly two annotators (items both labelled are compared).

Usage: sklearn_cohen.py FILE; prints the value.
"""
import argparse

import pandas as pd
from sklearn.metrics import cohen_kappa_score


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file")
    args = parser.parse_args()
    votes = pd.read_csv(args.file, dtype=str, usecols=["item", "annotator", "label"])
    pairs = votes.pivot(index="item", columns="annotator", values="label").dropna()
    if pairs.shape[1] != 2:
        raise SystemExit(f"expected two annotators, found {pairs.shape[1]}")
    print(f"{cohen_kappa_score(pairs.iloc[:, 0], pairs.iloc[:, 1]):.17g}")


if __name__ == "__main__":
    main()
