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

import random
from datetime import date, timedelta
from pathlib import Path

from _bench import Row, file_read_rows, main

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


def measure(quick: bool) -> list[Row]:
    return file_read_rows(
        "read_portfolio",
        QUICK if quick else FULL,
        lambda path, n: write_portfolio(Path(path), n),
        read_portfolio,
        bytes_per_row=LIMIT,
        linear=LINEAR,
        quick=quick,
    )


if __name__ == "__main__":
    main(measure, __doc__)
