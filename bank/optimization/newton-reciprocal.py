"""Newton's method for f(x) = a x − log x: quadratic convergence to 1/a, and failure from too far.

The update is x ← 2x − a x², and the residual r = 1 − a x is squared at every step, so the
number of correct digits roughly doubles — but only when the start satisfies 0 < x₀ < 2/a.
"""

from fractions import Fraction

from penpaper.labkit import table

a = Fraction(3)
x = Fraction(1, 2)
rows = []
for k in range(7):
    r = 1 - a * x
    rows.append([k, float(x), float(r), float(abs(x - 1 / a))])
    x = 2 * x - a * x * x
print("a = 3, x0 = 1/2, exact arithmetic (Fractions):")
print(table(["k", "x_k", "r_k = 1 - a x_k", "|x_k - 1/a|"], rows))
print("Each r_k is the square of the previous one: the error exponent doubles per step.\n")

for start in (0.66, 0.6667, 0.67):
    x = start
    path = [x]
    for _ in range(8):
        x = 2 * x - 3 * x * x
        path.append(x)
    print(f"x0 = {start:<7} (2/a = 0.6667): " + ", ".join(f"{value:.3g}" for value in path))
print("From 0.66 the first step falls to 0.013 and then climbs back to 1/3. From beyond")
print("2/a the first step lands at x <= 0, outside the domain of log x, and the polynomial")
print("update then runs off to minus infinity.")
