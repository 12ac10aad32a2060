"""Benchmark: reading a portfolio CSV (``read_portfolio``) at three sizes.

Run from the repository root with the package installed::

    python tests/benchmarks/bench_portfolio.py [--quick]

Not collected by pytest. The file of each size is written first (to a temporary
folder): one row per client product, one to four products a client (2.5 on average),
a third of the clients with a renewal date. The read is timed (best of three) and
its peak memory traced (tracemalloc, the whole read, the resulting Portfolio held
until the peak is read). The goals: the read grows linearly (exponent about 1) and
peaks at no more than 800 bytes a row at 1M rows. The baseline named is a plain
``csv.reader`` loop over the same file, shown for scale. (The figures of engagement
scoring and the client table are ``bench_engagement.py``'s.)
"""

from __future__ import annotations

import csv
import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from _bench import Row, growth, main

from hubpartner.clients import read_portfolio

FULL = (10_000, 100_000, 1_000_000)
QUICK = (1_000, 3_000, 10_000)
#: The most bytes a row of the portfolio may cost at the largest size.
LIMIT = 800
#: The most the exponent may be for the read to count as linear.
LINEAR = 1.2
HUBS = (
    ("marketing", "professional"),
    ("sales", "starter"),
    ("service", "professional"),
    ("content", "enterprise"),
)


def write_portfolio(path: Path, rows: int, seed: int = 14) -> None:
    """A portfolio of ``rows`` rows (short ones: a 1M-row file stays within the
    64 MiB a file may have)."""
    rng = random.Random(seed)
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write("client,company,hub,edition,mrr,currency,relationship,renewal_date\n")
        written, client = 0, 0
        while written < rows:
            products = rng.sample(HUBS, min(rng.randint(1, 4), rows - written))
            currency = rng.choice(("EUR", "USD", "GBP"))
            relationship = rng.choice(("sold", "managed", "both"))
            renewal = ""
            if client % 3 == 0:
                renewal = (date(2025, 1, 1) + timedelta(days=rng.randrange(365))).isoformat()
            for hub, edition in products:
                mrr = rng.randint(20, 5000)
                handle.write(
                    f"c{client},Co {client},{hub},{edition},{mrr},{currency},{relationship},"
                    f"{renewal}\n"
                )
            written += len(products)
            client += 1


def csv_loop(path: Path) -> int:
    """The baseline: every row of the file read with csv.reader, nothing kept."""
    with path.open(newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle))


def measure(quick: bool) -> list[Row]:
    sizes = QUICK if quick else FULL
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for n in sizes:
            paths[n] = Path(folder) / f"portfolio-{n}.csv"
            write_portfolio(paths[n], n)
        read = growth("read_portfolio(path)", sizes, paths.__getitem__, read_portfolio)
        loop = growth(
            "csv.reader loop (baseline)", sizes, paths.__getitem__, csv_loop, memory=False
        )
    per_row = read.bytes_per_item()
    largest = f"{sizes[-1]:,} rows"
    return [
        Row(
            f"read_portfolio growth, {sizes[0]:,} to {largest}",
            f"exponent {read.exponent:.2f}",
            f"csv.reader loop: exponent {loop.exponent:.2f}",
            None,
            f"<= {LINEAR} (linear)",
            None if quick else read.exponent <= LINEAR,
        ),
        Row(
            f"read_portfolio peak memory per row, {largest}",
            f"{per_row:.0f} B/row ({read.peaks[-1] / 2**20:.1f} MiB)",
            f"csv.reader loop: {loop.seconds[-1]:.2f} s, nothing kept",
            None,
            f"<= {LIMIT} B/row",
            None if quick else per_row <= LIMIT,
        ),
    ]


if __name__ == "__main__":
    main(measure, __doc__)
