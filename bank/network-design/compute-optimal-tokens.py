"""Compute-optimal model and data sizes across budgets, under C = 6·N·D and D = 20·N.

The lab solves the two rules for a range of compute budgets (by bisection, then checked
against N = √(C/120)), converts each run into accelerator-days, and then asks how far a
large model trained on comparatively few tokens is from the rule: for the same compute,
the rule would have picked a smaller model trained on more data.
"""

import numpy as np

from penpaper.labkit import line_plot, table


def solve_parameters(budget):
    low, high = 0.0, 20.0  # bisection on log10 N
    for _ in range(100):
        mid = (low + high) / 2
        low, high = (mid, high) if 120 * 10 ** (2 * mid) < budget else (low, mid)
    return 10**low


rate = 1000 * 1.5e14  # 1000 accelerators at 1.5e14 FLOP/s each
budgets = [10.0**e for e in range(18, 26)]
rows = []
for budget in budgets:
    n = solve_parameters(budget)
    assert np.isclose(n, np.sqrt(budget / 120))
    rows.append([f"{budget:.0e}", f"{n:.3g}", f"{20 * n:.3g}", f"{budget / rate / 3600:.3g}"])
print(table(["C (FLOPs)", "N (parameters)", "D (tokens)", "hours on 1000 accelerators"], rows))
print("\nEach factor 100 in compute buys a 10× larger model and 10× more tokens:")
exponents = np.linspace(18, 25, 60)
print(line_plot(exponents, [np.log10(solve_parameters(10**e)) for e in exponents], height=8))
print("          (log10 N against log10 C: a straight line of slope 1/2)")

n_used, d_used = 175e9, 300e9
budget = 6 * n_used * d_used
n_opt = solve_parameters(budget)
print(f"\nA 175B-parameter model on 300B tokens spends C = {budget:.2e} FLOPs.")
print(f"For that budget the rule picks N = {n_opt / 1e9:.0f}B parameters and")
print(f"D = {20 * n_opt / 1e12:.2f}T tokens: a model {n_used / n_opt:.1f} times smaller, trained")
print(f"on {20 * n_opt / d_used:.1f} times more tokens, for the same compute.")
