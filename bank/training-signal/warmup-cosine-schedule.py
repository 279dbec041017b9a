"""The warm-up and cosine schedule of the exercise, printed as a plot and checked.

The lab evaluates η_t for every step t = 0, …, 6500 (η_max = 0.002, η_min = 0.0002,
500 warm-up steps), draws it, prints the values asked for in the exercise, finds the
first step after the peak where η_t ≤ 0.00065, and compares the total "learning-rate
budget" Σ η_t with that of a constant rate and of a straight-line decay.
"""

import math

from penpaper.labkit import line_plot, table

peak_rate, floor_rate, warmup, total = 0.002, 0.0002, 500, 6500


def rate(t):
    if t <= warmup:
        return peak_rate * t / warmup
    phase = (t - warmup) / (total - warmup)
    return floor_rate + 0.5 * (peak_rate - floor_rate) * (1 + math.cos(math.pi * phase))


steps = list(range(total + 1))
rates = [rate(t) for t in steps]
print("Learning rate over the run:")
print(line_plot(steps[::50], rates[::50], height=10))
print(table(["t", "η_t"], [[t, rates[t]] for t in (0, 100, 500, 2000, 3500, 4500, 6500)]))
first = next(t for t in steps[warmup:] if rates[t] <= 0.00065 * (1 + 1e-12))
print(f"first step after the peak with η_t ≤ 0.00065: t = {first}")


def linear_decay(t):
    return (
        rate(t)
        if t <= warmup
        else peak_rate - (peak_rate - floor_rate) * (t - warmup) / (total - warmup)
    )


budgets = {
    "warm-up + cosine": sum(rates),
    "warm-up + linear": sum(linear_decay(t) for t in steps),
    "constant η_max": peak_rate * (total + 1),
}
for name, budget in budgets.items():
    print(f"  Σ η_t for {name:<17} = {budget:.3f}")
print("Cosine and straight-line decay spend the same budget; the cosine keeps the rate high")
print("for longer and then drops it faster near the end.")
