"""Simulate a population of screened people: the posterior is a fraction you can count.

Among everyone who tests positive, how many have the condition? Bayes' rule answers
with a fraction (95/891 for the original numbers); here we simply count in a
simulated population, then repeat among those who also test positive a second time.
Run by `penpaper lab`, it uses the numbers of the instance you worked on.
"""

import numpy as np

from penpaper.labkit import bar_chart, parameters, table

N, sens, fpr = parameters(N=200, sens=95, fpr=4).values()
rng = np.random.default_rng(0)
people = 2_000_000
prevalence, sensitivity, false_positive_rate = 1 / N, sens / 100, fpr / 100

has_condition = rng.random(people) < prevalence
flag_rate = np.where(has_condition, sensitivity, false_positive_rate)
first_positive = rng.random(people) < flag_rate
second_positive = rng.random(people) < flag_rate  # independent errors given the condition

both = first_positive & second_positive
true_positive = sensitivity * prevalence
false_positive = false_positive_rate * (1 - prevalence)
true_twice = sensitivity**2 * prevalence
rows = [
    ["P(+)", first_positive.mean(), true_positive + false_positive],
    [
        "P(D | +)",
        has_condition[first_positive].mean(),
        true_positive / (true_positive + false_positive),
    ],
    [
        "P(D | + +)",
        has_condition[both].mean(),
        true_twice / (true_twice + false_positive_rate**2 * (1 - prevalence)),
    ],
]
print(
    f"1 in {N:g} people has the condition; the test detects {sens:g}% of them"
    f" and flags {fpr:g}% of the healthy."
)
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
    f"\nThe false positives win because healthy people are {N - 1:g} times more numerous:"
    f"\na {fpr:g}% error rate on a large group beats a {sens:g}% hit rate on a small one."
    f"\nA second independent positive shifts the odds by the same factor {sens:g}/{fpr:g} again."
)
