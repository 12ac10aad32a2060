"""Benchmark: building survey tallies from a million answers, against Counter.

Run from the repository root with the package installed::

    python tests/benchmarks/bench_surveys.py [--n 1000000] [--repeat 9]

Not collected by pytest. Each figure is the median of ``--repeat`` runs over the
same list of ints; the ratio is tally time ÷ ``collections.Counter`` time.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from decimal import Decimal

from _timing import median_seconds, size_and_repeat

from hubpartner.surveys import CES_7, CesTally, CsatTally, NpsTally, WeightedNpsTally


def main() -> None:
    args = size_and_repeat(__doc__, n=1_000_000, repeat=9, what="answers per list")
    rng = random.Random(20251123)
    nps = [rng.randint(0, 10) for _ in range(args.n)]
    ces = [rng.randint(CES_7.low, CES_7.high) for _ in range(args.n)]

    print(f"Python {sys.version.split()[0]}; {args.n:,} answers; median of {args.repeat} runs")
    baseline = median_seconds(lambda: Counter(nps), args.repeat)
    print(f"  {'collections.Counter(list)':<44}{baseline * 1000:8.1f} ms   1.00 x")
    csat = [1 + s % 5 for s in nps]
    rows = [
        ("NpsTally.from_scores(list)", NpsTally.from_scores, nps),
        ("CesTally.from_scores(list)", CesTally.from_scores, ces),
        ("CsatTally.from_scores(list of 1-5)", CsatTally.from_scores, csat),
        ("NpsTally.from_scores(whole floats)", NpsTally.from_scores, [float(s) for s in nps]),
    ]
    for label, build, data in rows:
        reference = median_seconds(lambda data=data: Counter(data), args.repeat)
        took = median_seconds(lambda build=build, data=data: build(data), args.repeat)
        print(f"  {label:<44}{took * 1000:8.1f} ms   {took / reference:.2f} x its Counter")
    for kind, weights in (
        ("int", [1 + i % 3 for i in range(args.n)]),
        ("float", [0.5 + (i % 7) / 10 for i in range(args.n)]),
        ("Decimal", [Decimal(1 + i % 9) / 4 for i in range(args.n)]),
    ):
        took = median_seconds(
            lambda weights=weights: WeightedNpsTally.from_scores(nps, weights), 3
        )
        print(f"  {'WeightedNpsTally.from_scores, ' + kind + ' weights':<44}{took * 1000:8.1f} ms")
    tallies = [NpsTally.from_scores(nps[i : i + 1000]) for i in range(0, 100_000, 1000)]
    took = median_seconds(lambda: sum(tallies, NpsTally()), args.repeat)
    print(f"  {'merging 100 tallies':<44}{took * 1000:8.3f} ms")


if __name__ == "__main__":
    main()
