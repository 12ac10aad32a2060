"""Benchmark: the points ledger and re-evaluation over a large partner's history.

Run from the repository root with the package installed::

    python tests/benchmarks/bench_tiers.py [--deals 10000]

Not collected by pytest. Prints the best of five runs for each figure.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta

from _bench import best_seconds

from hubpartner import rules
from hubpartner.tiers import (
    Ledger,
    ManagedMonth,
    MonthRecord,
    PointsHeld,
    SoldDeal,
    Thresholds,
    TierRequirement,
    reevaluate,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(11)
    start = date(2023, 1, 1)
    deals = [
        SoldDeal(
            f"c{i % 900}",
            start + timedelta(days=rng.randint(0, 1000)),
            rng.choice(["sourced", "assisted"]),
            rng.randint(1, 300),
        )
        for i in range(args.deals)
    ]
    managed = [
        ManagedMonth(f"c{c}", date(2023 + m // 12, m % 12 + 1, 1), rng.randint(1, 50))
        for c in range(300)
        for m in range(33)
    ]
    ledger = Ledger(deals, managed)
    print(
        f"Python {sys.version.split()[0]}; {len(deals):,} deals, {len(managed):,} managed months"
    )
    took = best_seconds(lambda: ledger.active(date(2025, 6, 15)))
    print(f"  Ledger.active (one day)                {took * 1000:9.1f} ms")
    took = best_seconds(lambda: ledger.over_time(date(2023, 1, 1), date(2025, 12, 31)))
    print(f"  Ledger.over_time (36 months)           {took * 1000:9.1f} ms")
    took = best_seconds(lambda: ledger.breakdown(date(2025, 6, 15)))
    print(f"  Ledger.breakdown (900 clients)         {took * 1000:9.1f} ms")
    thresholds = Thresholds(
        [
            TierRequirement("gold", 100, 20),
            TierRequirement("platinum", 300, 60, 40),
            TierRequirement("diamond", 700, 140, 100),
        ]
    )
    history = [
        MonthRecord(
            date(2000 + m // 12, m % 12 + 1, 1),
            PointsHeld(rng.randint(0, 300), 0, rng.randint(0, 800)),
            True,
        )
        for m in range(300)
    ]
    current = rules.for_date(date(2025, 8, 1))
    took = best_seconds(
        lambda: reevaluate(history, thresholds=thresholds, rules_for=lambda _: current)
    )
    print(f"  reevaluate (300 months)                {took * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
