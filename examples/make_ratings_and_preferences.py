#!/usr/bin/env python3
"""Writes ratings.csv and preferences.csv: two small synthetic rounds for the quick start.

ratings.csv: 40 answers rated for helpfulness on a 1-5 Likert scale by 4 raters; each answer
has a true quality; rater r2 is lenient (+1 on average) and r4 is noisy. Try the numeric
methods (mean, median, trimmed-mean, noise-aware) on it.

preferences.csv: 60 prompts, each answered by two of four models (model-a best, model-d
worst), judged by 3 of 5 annotators as left, right or tie; annotator p5 flips its answers.
Try Bradley-Terry and Crowd-BT on it. Fixed seed: the files are stable.
"""
import csv
import math
import random

rng = random.Random(20261124)

with open("ratings.csv", "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["item", "annotator", "label"])
    bias = {"r1": 0.0, "r2": 1.0, "r3": 0.0, "r4": 0.0}
    noise = {"r1": 0.4, "r2": 0.4, "r3": 0.5, "r4": 1.5}
    for i in range(1, 41):
        truth = rng.uniform(1.5, 4.5)
        for rater in bias:
            value = round(truth + bias[rater] + rng.gauss(0, noise[rater]))
            out.writerow([f"answer-{i:02d}", rater, min(5, max(1, value))])

with open("preferences.csv", "w", newline="") as f:
    out = csv.writer(f, lineterminator="\n")
    out.writerow(["item", "annotator", "left", "right", "winner"])
    strength = {"model-a": 1.2, "model-b": 0.6, "model-c": 0.0, "model-d": -0.8}
    annotators = ["p1", "p2", "p3", "p4", "p5"]
    for i in range(1, 61):
        left, right = rng.sample(sorted(strength), 2)
        p_left = 1 / (1 + math.exp(strength[right] - strength[left]))
        for annotator in rng.sample(annotators, 3):
            u = rng.random()
            winner = "tie" if u < 0.1 else ("left" if u < 0.1 + 0.9 * p_left else "right")
            if annotator == "p5" and winner != "tie":
                winner = "right" if winner == "left" else "left"
            out.writerow([f"prompt-{i:02d}", annotator, left, right, winner])
