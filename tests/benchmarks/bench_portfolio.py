"""Benchmark: engagement scoring, the client table and loading a portfolio CSV.

Run from the repository root with the package installed::

    python tests/benchmarks/bench_portfolio.py [--clients 10000]

Not collected by pytest. Prints the median of three runs for each figure.
"""

from __future__ import annotations

import argparse
import csv
import random
import sys
import tempfile
from datetime import date
from pathlib import Path

from _timing import median_seconds

from hubpartner import rules
from hubpartner.clients import client_table, read_portfolio, renewal_alerts
from hubpartner.engagement import assess, default_model

HUBS = [("marketing", "professional"), ("sales", "starter"), ("service", "professional")]


def _write(path: Path, clients: int, rng: random.Random) -> None:
    tools = sorted({t for c in default_model().categories for t in c.tools})
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(
            [
                "client",
                "company",
                "hub",
                "edition",
                "mrr",
                "currency",
                "relationship",
                "renewal_date",
                "renewal_owner",
                "renewal_manager",
                "tools",
            ]
        )
        for i in range(clients):
            used = ";".join(rng.sample(tools, rng.randint(0, len(tools))))
            renewal = date(2025, rng.randint(1, 12), rng.randint(1, 28)).isoformat()
            currency = rng.choice(["EUR", "USD", "GBP"])
            relationship = rng.choice(["sold", "managed", "both"])
            for hub, edition in rng.sample(HUBS, rng.randint(1, 3)):
                mrr = rng.randint(20, 5000)
                client = [f"c{i}", f"Company {i}", hub, edition, mrr, currency, relationship]
                writer.writerow([*client, renewal, "partner", "Jo Park", used])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clients", type=int, default=10_000)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "portfolio.csv"
        _write(path, args.clients, rng)
        rows = sum(1 for _ in path.open()) - 1
        print(f"Python {sys.version.split()[0]}; {args.clients:,} clients, {rows:,} CSV rows")
        took = median_seconds(lambda: read_portfolio(path))
        print(f"  read_portfolio                      {took * 1000:9.1f} ms")
        portfolio = read_portfolio(path)
    current = rules.for_date(date(2025, 8, 1))
    took = median_seconds(lambda: client_table(portfolio, rules=current))
    print(f"  client_table (scores every client)  {took * 1000:9.1f} ms")
    took = median_seconds(
        lambda: renewal_alerts(portfolio, as_of=date(2025, 8, 1), within_days=30)
    )
    print(f"  renewal_alerts                      {took * 1000:9.1f} ms")
    triples = [(c.id, c.company.name, c.usage) for c in portfolio.clients]
    took = median_seconds(lambda: assess(triples))
    print(f"  engagement.assess                   {took * 1000:9.1f} ms")


if __name__ == "__main__":
    main()
