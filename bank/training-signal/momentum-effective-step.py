"""How momentum's velocity builds up, and the effective learning rate it settles at.

Under a constant gradient g = 1 the lab runs SGD with momentum (β = 0.9 and 0.99, η =
0.01) in the undamped form v ← βv + g and the damped form v ← βv + (1 − β)g, printing how
far θ moves per step as the velocity builds up. It finds the step at which v first
reaches 99 % of its limit, and shows that with noisy gradients momentum averages the
noise: the spread of the step shrinks relative to its mean.
"""

import numpy as np

from penpaper.labkit import line_plot, table


def steps_taken(beta, eta, gradients, damped=False):
    v, moves = 0.0, []
    for g in gradients:
        v = beta * v + ((1 - beta) * g if damped else g)
        moves.append(eta * v)
    return np.array(moves)


constant = np.ones(600)
runs = {
    "β=0.9": steps_taken(0.9, 0.01, constant),
    "β=0.99": steps_taken(0.99, 0.01, constant),
    "β=0.9 damped": steps_taken(0.9, 0.01, constant, damped=True),
}
rows = [[t, *(run[t - 1] for run in runs.values())] for t in (1, 3, 10, 44, 100, 600)]
print("Distance θ moves per step under a constant gradient 1 (η = 0.01):")
print(table(["step", *runs], rows))
first = int(np.argmax(runs["β=0.9"] >= 0.99 * 0.1)) + 1
print(f"β = 0.9 reaches 99 % of its limit η/(1 − β) = 0.1 at step {first}.")
print("\nβ = 0.99 builds up over hundreds of steps towards η/(1 − β) = 1:")
print(line_plot(list(range(1, 601)), runs["β=0.99"], height=7))

rng = np.random.default_rng(6)
noisy = 1.0 + rng.normal(0.0, 3.0, 20000)
for beta in (0.0, 0.9, 0.99):
    moves = steps_taken(beta, 0.01 * (1 - beta), noisy)[2000:]  # same effective rate 0.01
    print(f"β = {beta:<4}: mean step {moves.mean():.4f}, spread {moves.std():.4f}")
print("At equal effective learning rate, a larger β averages more past gradients and the")
print("step's noise falls roughly like √((1 − β)/(1 + β)).")
