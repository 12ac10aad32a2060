"""Benchmark: import time, bulk points scoring, rule-set selection.

Run from the repository root with the package installed::

    python tests/benchmarks/bench_points.py [--n 100000]

Not collected by pytest. Prints the median of several repetitions for each figure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from datetime import date, timedelta
from decimal import Decimal


def _median_seconds(code: str, repeat: int) -> float:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env)  # warm the bytecode cache
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def _rate(label: str, count: int, seconds: float) -> None:
    print(f"  {label:<46} {count / seconds:>12,.0f} /s   {seconds / count * 1e6:8.2f} µs each")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="operations per bulk figure")
    parser.add_argument("--repeat", type=int, default=15, help="processes per import figure")
    args = parser.parse_args()

    print(f"Python {sys.version.split()[0]} on {sys.platform}")
    print("import time (median wall time of a fresh interpreter, bytecode cached):")
    bare = _median_seconds("pass", args.repeat)
    attrs_only = _median_seconds("import attrs", args.repeat)
    package = _median_seconds("import hubpartner", args.repeat)
    babel_loaded = _median_seconds(
        "import sys, hubpartner; assert 'babel' not in sys.modules", args.repeat
    )
    rows = [
        ("python -c pass", bare),
        ("import attrs (over the bare interpreter)", attrs_only - bare),
        ("import hubpartner (over the bare interpreter)", package - bare),
        ("import hubpartner (over import attrs)", package - attrs_only),
    ]
    for label, seconds in rows:
        print(f"  {label:<48}{seconds * 1000:8.1f} ms")
    print(f"  babel not imported by `import hubpartner`: checked ({babel_loaded * 1000:.1f} ms)")
    cold = _median_seconds(
        "import hubpartner, datetime; hubpartner.rules.for_date(datetime.date(2025, 8, 1))",
        args.repeat,
    )
    label = "first rules.for_date (over import hubpartner)"
    print(f"  {label:<48}{(cold - package) * 1000:8.1f} ms")

    from hubpartner import Money, Track, points, rules

    n = args.n
    current = rules.for_date(date(2025, 8, 1))
    amounts = [str(Decimal(i % 50_000) + Decimal("0.99")) for i in range(n)]
    markets = ["US", "DE", "IN", "BR", "GB", "SG"]
    currencies = ["USD", "EUR", "JPY", "GBP", "COP", "SGD"]

    print(f"bulk, {n:,} operations each:")
    start = time.perf_counter()
    mrrs = [Money(a, currencies[i % 6]) for i, a in enumerate(amounts)]
    _rate("Money(str amount, currency)", n, time.perf_counter() - start)

    start = time.perf_counter()
    for i, mrr in enumerate(mrrs):
        points.sold_points(mrr, track=Track.SOURCED, market=markets[i % 6], rules=current)
    _rate("points.sold_points", n, time.perf_counter() - start)

    start = time.perf_counter()
    for i, mrr in enumerate(mrrs):
        points.estimate(
            mrr,
            market=markets[i % 6],
            track=Track.SOURCED,
            manage=True,
            other_partners=1,
            rules=current,
        )
    _rate("points.estimate (sold + managed, 2 partners)", n, time.perf_counter() - start)

    start = time.perf_counter()
    for i, mrr in enumerate(mrrs):
        points.managed_shares(mrr, market=markets[i % 6], rules=current, partners=3)
    _rate("points.managed_shares (3 partners)", n, time.perf_counter() - start)

    days = [date(2022, 7, 18) + timedelta(days=i % 1500) for i in range(n)]
    start = time.perf_counter()
    for day in days:
        rules.for_date(day)
    _rate("rules.for_date (after the first call)", n, time.perf_counter() - start)


if __name__ == "__main__":
    main()
