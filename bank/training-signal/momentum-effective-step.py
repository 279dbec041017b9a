"""How momentum's velocity builds up, and the effective learning rate it settles at.

Under a constant gradient g = 1 the lab runs SGD with momentum (the exercise's β and η, 0.9
and 0.01 for the original numbers, and β = 0.99) in the undamped form v ← βv + g and the
damped form v ← βv + (1 − β)g, printing how far θ moves per step as the velocity builds up.
It finds the step at which v first reaches 99 % of its limit, and shows that with noisy
gradients momentum averages the noise: the spread of the step shrinks relative to its mean.
Run by `penpaper lab`, β and η are those of the instance you worked on.
"""

import numpy as np

from penpaper.labkit import line_plot, parameters, table

b, r = parameters(b=0.9, r=0.01).values()


def steps_taken(beta, eta, gradients, damped=False):
    v, moves = 0.0, []
    for g in gradients:
        v = beta * v + ((1 - beta) * g if damped else g)
        moves.append(eta * v)
    return np.array(moves)


constant = np.ones(600)
runs = {
    f"β={b:g}": steps_taken(b, r, constant),
    "β=0.99": steps_taken(0.99, r, constant),
    f"β={b:g} damped": steps_taken(b, r, constant, damped=True),
}
limit = r / (1 - b)
first = int(np.argmax(runs[f"β={b:g}"] >= 0.99 * limit)) + 1
rows = [[t, *(run[t - 1] for run in runs.values())] for t in sorted({1, 3, 10, first, 100, 600})]
print(f"Distance θ moves per step under a constant gradient 1 (η = {r:g}):")
print(table(["step", *runs], rows))
print(f"β = {b:g} reaches 99 % of its limit η/(1 − β) = {limit:g} at step {first}.")
print(f"\nβ = 0.99 builds up over hundreds of steps towards η/(1 − β) = {r / (1 - 0.99):g}:")
print(line_plot(list(range(1, 601)), runs["β=0.99"], height=7))

rng = np.random.default_rng(6)
noisy = 1.0 + rng.normal(0.0, 3.0, 20000)
for beta in sorted({0.0, b, 0.99}):
    moves = steps_taken(beta, r * (1 - beta), noisy)[2000:]  # the same effective rate η
    print(f"β = {beta:<4}: mean step {moves.mean():.4f}, spread {moves.std():.4f}")
print("At equal effective learning rate, a larger β averages more past gradients and the")
print("step's noise falls roughly like √((1 − β)/(1 + β)).")
