#!/usr/bin/python3
"""Peer: Fleiss' kappa (or Randolph's free-marginal kappa) with statsmodels, on a long-format
CSV with item, annotator and label columns and the same number of votes on every item.

The usual statsmodels recipe: pandas reads the file, each item's votes become one row of
rater slots (subjects × raters), aggregate_raters turns that into subjects × categories counts,
fleiss_kappa computes the statistic.
Usage: statsmodels_fleiss.py FILE [--method fleiss|randolph]; prints the value.
"""
import argparse

import pandas as pd
from statsmodels.stats.inter_rater import aggregate_raters, fleiss_kappa


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("file")
    parser.add_argument("--method", choices=["fleiss", "randolph"], default="fleiss")
    args = parser.parse_args()
    votes = pd.read_csv(args.file, dtype=str, usecols=["item", "annotator", "label"])
    votes = votes.dropna(subset=["label"])
    votes["code"] = votes["label"].astype("category").cat.codes
    votes["slot"] = votes.groupby("item", sort=False).cumcount()
    raters = votes.pivot(index="item", columns="slot", values="code")
    if raters.isna().any().any():
        raise SystemExit("statsmodels' fleiss_kappa needs the same number of votes on every item")
    table, _ = aggregate_raters(raters.to_numpy(dtype="int64"))
    print(f"{fleiss_kappa(table, method=args.method):.17g}")


if __name__ == "__main__":
    main()
