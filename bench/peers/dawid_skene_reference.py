#!/usr/bin/python3
"""A reference Dawid-Skene fit in NumPy, written from the steps crowd-kit 1.4.1's DawidSkene
takes (crowdkit/aggregation/classification/dawid_skene.py), to compare accuracies where
crowd-kit itself cannot be installed (no PyPI here).

The steps: start from the majority vote's shares (crowd-kit's MajorityVote probas); M-step:
class priors are the mean posterior, each annotator's confusion rows the posterior mass of
the votes it gave, each cell at least 1e-10 (crowd-kit's _EPS) and normalised per true class,
no other smoothing; E-step: posterior ∝ prior × Π confusion over the item's votes (summed in
logs here, which gives the same result without underflow); stop after 100 iterations or when
the log-likelihood per vote changes by less than 1e-5.

Usage: dawid_skene_reference.py VOTES.csv [--truth TRUTH.csv] [--labels OUT.csv]
VOTES.csv is "item,annotator,label" with a header; TRUTH.csv "item,label". Prints JSON:
items, iterations, and accuracy against the truth when given.
"""
import argparse
import csv
import json

import numpy as np


def read_votes(path):
    with open(path, newline="") as f:
        rows = csv.reader(f)
        next(rows)
        items, annotators, labels = zip(*((r[0], r[1], r[2]) for r in rows))
    item_names, item = np.unique(np.array(items), return_inverse=True)
    _, annotator = np.unique(np.array(annotators), return_inverse=True)
    label_names, label = np.unique(np.array(labels), return_inverse=True)
    return item_names, label_names, item, annotator, label


def fit(item, annotator, label, n_items, n_annotators, n_labels, n_iter=100, tol=1e-5):
    # Majority vote's shares: each item's votes per label over its number of votes.
    posterior = np.zeros((n_items, n_labels))
    np.add.at(posterior, (item, label), 1.0)
    posterior /= posterior.sum(axis=1, keepdims=True)
    previous = -np.inf
    iterations = 0
    for iterations in range(1, n_iter + 1):
        priors = posterior.mean(axis=0)
        errors = np.zeros((n_annotators, n_labels, n_labels))  # [annotator, given, true]
        np.add.at(errors, (annotator, label), posterior[item])
        errors = np.maximum(errors, 1e-10)
        errors /= errors.sum(axis=1, keepdims=True)
        log_errors = np.log(errors)
        with np.errstate(divide="ignore"):
            scores = np.tile(np.log(priors), (n_items, 1))
        np.add.at(scores, item, log_errors[annotator, label])
        top = scores.max(axis=1, keepdims=True)
        weights = np.exp(scores - top)
        sums = weights.sum(axis=1, keepdims=True)
        posterior = weights / sums
        log_likelihood = float((top + np.log(sums)).sum()) / len(item)
        if abs(log_likelihood - previous) < tol:
            break
        previous = log_likelihood
    return posterior, iterations


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("votes")
    parser.add_argument("--truth")
    parser.add_argument("--labels", help="write item,label here")
    args = parser.parse_args()
    item_names, label_names, item, annotator, label = read_votes(args.votes)
    posterior, iterations = fit(item, annotator, label, len(item_names),
                                int(annotator.max()) + 1, len(label_names))
    # Ties go to the first label in sorted order, as pandas' idxmax does in crowd-kit.
    chosen = label_names[posterior.argmax(axis=1)]
    report = {"items": len(item_names), "iterations": iterations}
    if args.truth:
        with open(args.truth, newline="") as f:
            rows = csv.reader(f)
            next(rows)
            truth = dict((r[0], r[1]) for r in rows)
        right = sum(1 for name, value in zip(item_names, chosen) if truth.get(name) == value)
        report["accuracy"] = right / len(truth)
    if args.labels:
        with open(args.labels, "w", newline="") as f:
            out = csv.writer(f)
            out.writerow(["item", "label"])
            out.writerows(zip(item_names, chosen))
    print(json.dumps(report))


if __name__ == "__main__":
    main()
