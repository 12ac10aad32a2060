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

import csv
import random
import tempfile
from datetime import date, timedelta
from pathlib import Path

from _bench import Row, growth, main

from hubpartner.ledger import read_ledger

FULL = (10_000, 100_000, 1_000_000)
QUICK = (1_000, 3_000, 10_000)
MIDDLE = (10_000, 30_000, 100_000)
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


def csv_loop(path: Path) -> int:
    """The baseline: every row of the file read with csv.reader, nothing kept."""
    with path.open(newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle))


def measure(quick: bool) -> list[Row]:
    sizes = QUICK if quick else FULL
    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for n in sizes:
            paths[n] = Path(folder) / f"ledger-{n}.csv"
            write_ledger(paths[n], n)
        read = growth("read_ledger(path)", sizes, paths.__getitem__, read_ledger)
        loop = growth(
            "csv.reader loop (baseline)", sizes, paths.__getitem__, csv_loop, memory=False
        )
    per_row = read.bytes_per_item()
    largest = f"{sizes[-1]:,} rows"
    return [
        Row(
            f"read_ledger growth, {sizes[0]:,} to {largest}",
            f"exponent {read.exponent:.2f}",
            f"csv.reader loop: exponent {loop.exponent:.2f}",
            None,
            f"<= {LINEAR} (linear)",
            None if quick else read.exponent <= LINEAR,
        ),
        Row(
            f"read_ledger peak memory per row, {largest}",
            f"{per_row:.0f} B/row ({read.peaks[-1] / 2**20:.1f} MiB)",
            f"csv.reader loop: {loop.seconds[-1]:.2f} s, nothing kept",
            None,
            f"<= {LIMIT} B/row",
            None if quick else per_row <= LIMIT,
        ),
    ]


if __name__ == "__main__":
    main(measure, __doc__)
