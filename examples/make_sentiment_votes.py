#!/usr/bin/env python3
"""Writes sentiment_votes.csv and sentiment_gold.csv: a synthetic labelling round.

120 product reviews, 5 annotators, 3 labels. Each review has a true label and a difficulty;
each annotator has a skill; an annotator errs with probability (1 - skill) * (0.5 + difficulty),
and errors fall on the neighbouring sentiment more often than on the opposite one. One
annotator (ann5) is careless. 12 reviews have a gold label. Fixed seed: the files are stable.
"""
import csv
import random

rng = random.Random(20261124)
labels = ["negative", "neutral", "positive"]
skills = {"ann1": 0.92, "ann2": 0.88, "ann3": 0.85, "ann4": 0.80, "ann5": 0.55}
items = []
for i in range(1, 121):
    truth = rng.choices(labels, weights=[0.35, 0.25, 0.40])[0]
    items.append((f"review-{i:03d}", truth, rng.random() * 0.6))

with open("sentiment_votes.csv", "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["item", "annotator", "label", "seconds"])
    for item, truth, difficulty in items:
        for annotator, skill in skills.items():
            label = truth
            if rng.random() < (1 - skill) * (0.5 + difficulty) * 1.3:
                t = labels.index(truth)
                neighbours = [l for l in labels if abs(labels.index(l) - t) == 1]
                far = [l for l in labels if abs(labels.index(l) - t) == 2]
                label = rng.choice(neighbours * 3 + far)
            out.writerow([item, annotator, label, rng.randint(4, 40)])

with open("sentiment_gold.csv", "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["item", "label"])
    for item, truth, _ in items[::10]:
        out.writerow([item, truth])
