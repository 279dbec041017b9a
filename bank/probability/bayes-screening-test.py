"""Simulate a population of screened people: the posterior is a fraction you can count.

Among everyone who tests positive, how many have the condition? Bayes' rule answers
with 95/891; here we simply count in a simulated population, then repeat among
those who also test positive a second time.
"""

import numpy as np

from penpaper.labkit import bar_chart, table

rng = np.random.default_rng(0)
people = 2_000_000
prevalence, sensitivity, false_positive_rate = 0.005, 0.95, 0.04

has_condition = rng.random(people) < prevalence
flag_rate = np.where(has_condition, sensitivity, false_positive_rate)
first_positive = rng.random(people) < flag_rate
second_positive = rng.random(people) < flag_rate  # independent errors given the condition

both = first_positive & second_positive
rows = [
    ["P(+)", first_positive.mean(), 891 / 20000],
    ["P(D | +)", has_condition[first_positive].mean(), 95 / 891],
    ["P(D | + +)", has_condition[both].mean(), 9025 / 12209],
]
print(f"Simulated population: {people:,} people, {has_condition.sum():,} with the condition.\n")
print(table(["quantity", "simulated", "Bayes' rule"], rows))

print("\nWho tests positive once? (counts)")
print(
    bar_chart(
        ["true positives", "false positives"],
        [
            float(np.sum(first_positive & has_condition)),
            float(np.sum(first_positive & ~has_condition)),
        ],
    )
)
print(
    "\nThe false positives win because healthy people are 199 times more numerous:"
    "\na 4% error rate on a large group beats a 95% hit rate on a small one."
    "\nA second independent positive shifts the odds by the same factor 0.95/0.04 again."
)
