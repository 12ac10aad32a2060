"""Benchmark: reading a points ledger CSV (``read_ledger``) at three sizes.

Run from the repository root with the package installed::

    python tests/benchmarks/bench_ledger.py [--quick]

Not collected by pytest. The file of each size is written first (to a temporary
folder); the read is timed (best of three) and its peak memory traced (tracemalloc,
the whole read, the resulting Ledger held until the peak is read). The goals: the
read grows linearly (exponent about 1) and peaks at no more than 300 bytes a row at
1M rows. The baseline named is a plain ``csv.reader`` loop over the same file,
shown for scale.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from pathlib import Path

from _bench import Row, file_read_rows, main

from hubpartner.ledger import read_ledger

FULL = (10_000, 100_000, 1_000_000)
QUICK = (1_000, 3_000, 10_000)
#: The most bytes a row of the ledger may cost at the largest size.
LIMIT = 300
#: The most the exponent may be for the read to count as linear.
LINEAR = 1.2


def write_ledger(path: Path, rows: int, seed: int = 14) -> None:
    """A ledger of ``rows`` rows: sold deals (sourced or assisted) and managed months
    of 20,000 clients over three years from August 2022 (under the published rules),
    each client's managed months one row each."""
    rng = random.Random(seed)
    start = date(2022, 8, 1)
    clients = 20_000
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write("date,client,track,points,growth\n")
        managed = 0
        for i in range(rows):
            if i % 2 and managed < clients * 36:
                # managed months: client by client, month by month, never twice
                client, month = managed % clients, managed // clients
                managed += 1
                day = date(2022 + (month + 7) // 12, (month + 7) % 12 + 1, 1)
                track, points = "managed", rng.choice(("10", "20", "5", "12.5", "40"))
            else:
                client = rng.randrange(clients)
                day = start + timedelta(days=rng.randrange(1095))
                track = rng.choice(("sourced", "assisted"))
                points = rng.choice(("50", "30", "100", "150", "25", "60"))
            growth = "yes" if client % 7 == 0 else "no"
            handle.write(f"{day.isoformat()},c{client:05d},{track},{points},{growth}\n")


def measure(quick: bool) -> list[Row]:
    return file_read_rows(
        "read_ledger",
        QUICK if quick else FULL,
        lambda path, n: write_ledger(Path(path), n),
        read_ledger,
        bytes_per_row=LIMIT,
        linear=LINEAR,
        quick=quick,
    )


if __name__ == "__main__":
    main(measure, __doc__)
