"""The mutation score of each core module, from ``mutmut results --all true``.

Run after ``mutmut run`` (see docs/testing.md)::

    mutmut results --all true | python tests/mutation_score.py

A mutant counts as **killed** when a test failed (``killed``), or the tests ran past
mutmut's time limit (``timeout``) or crashed the interpreter (``segfault``); as a
**survivor** when the tests passed (``survived``), when no test calls the mutated
function (``no tests``) or when the run was not conclusive (``suspicious``).
Mutants mutmut has not run yet (``not checked``, ``skipped``) are counted apart, so
that a figure from an unfinished run cannot pass for a final one.

    >>> lines = [
    ...     "    hubpartner.money.x_currency_code__mutmut_1: killed",
    ...     "    hubpartner.money.x_currency_code__mutmut_2: survived",
    ...     "    hubpartner.surveys.tally.x_whole__mutmut_1: timeout",
    ...     "    hubpartner.surveys.stats.x_wilson__mutmut_1: no tests",
    ... ]
    >>> print(report(score(lines)))
    module                killed / total      %
    money                      1 /     2   50.0
    surveys                    1 /     2   50.0
      surveys.stats            0 /     1    0.0
      surveys.tally            1 /     1  100.0
    all                        2 /     4   50.0
"""

import sys
from collections import Counter
from collections.abc import Iterable

KILLED = frozenset({"killed", "timeout", "segfault"})
SURVIVED = frozenset({"survived", "no tests", "suspicious"})


def score(lines: Iterable[str]) -> dict[str, Counter[str]]:
    """Count the mutants of each module (``surveys`` also by submodule) by outcome:
    ``killed``, ``survived`` or ``unchecked``."""
    counts: dict[str, Counter[str]] = {}
    for line in lines:
        name, _, status = line.strip().rpartition(": ")
        if not name.startswith("hubpartner."):
            continue
        parts = name.split(".")
        outcome = (
            "killed" if status in KILLED else "survived" if status in SURVIVED else "unchecked"
        )
        modules = [parts[1], "all"]
        if parts[1] == "surveys":
            modules.append(f"surveys.{parts[2]}")
        for module in modules:
            counts.setdefault(module, Counter())[outcome] += 1
    return counts


def report(counts: dict[str, Counter[str]]) -> str:
    """A table of killed / total and the percentage per module, the whole last."""

    def order(module: str) -> tuple[bool, str]:
        return module == "all", module

    rows = [f"{'module':<20} {'killed':>7} / {'total':<5} {'%':>6}"]
    for module in sorted(counts, key=order):
        count = counts[module]
        total = count["killed"] + count["survived"]
        name = f"  {module}" if "." in module else module
        line = (
            f"{name:<20} {count['killed']:>7} / {total:>5} {100 * count['killed'] / total:>6.1f}"
        )
        if count["unchecked"]:
            line += f"  ({count['unchecked']} not run yet)"
        rows.append(line)
    return "\n".join(rows)


if __name__ == "__main__":
    print(report(score(sys.stdin)))
