"""Benchmark: NPS scores in Parquet partitions, by month and segment, on a cluster.

Run from the repository root with the package and its dask extra installed::

    python tests/benchmarks/bench_dask.py [--quick] [--sizes 10000000,100000000]

Not collected by pytest. For each size, the scores are written first, a chunk at a
time, to a temporary folder of Parquet files of ``--partition-rows`` rows each (1M:
100 partitions at 100M rows): a moment in 2025, a score from 0 to 10 and one of five
segments. ``hubpartner.dask.nps_by(..., by=["segment"])`` then reads and tallies
them on a ``distributed.LocalCluster`` of two worker processes of one thread each,
timed (wall clock) with each worker's peak resident memory sampled every 0.2 s. The
baseline is pandas on one process: ``pd.read_parquet`` of the whole folder, then
``groupby([month, segment])["score"].value_counts()`` (both timed, with the peak
resident memory of the process), at every size that fits in memory; its counts are
checked against the tallies, group by group. The goals: the time grows linearly from
the smallest to the largest size (exponent at most 1.2) and the peak memory per
worker stays flat (at most 1.5 x that of the smallest size).
"""

from __future__ import annotations

import argparse
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import psutil
from _bench import Row, exponent, machine, mib, print_rows, seconds_text
from dask import dataframe as dd
from distributed import Client, LocalCluster

from hubpartner import dask as hd

FULL = (10_000_000, 100_000_000)
QUICK = (200_000, 1_000_000)
#: Rows per Parquet file (a partition): the issue's 100 partitions at 100M rows.
PARTITION_ROWS = 1_000_000
QUICK_PARTITION_ROWS = 100_000
SEGMENTS = np.array(["EMEA", "APAC", "NA", "LATAM", "ANZ"], dtype=object)
#: The most the time may grow per size for it to count as linear.
LINEAR = 1.2
#: The most the peak memory per worker may grow from the smallest size to the largest.
FLAT = 1.5


def write_scores(folder: Path, rows: int, per_file: int, seed: int = 16) -> None:
    """``rows`` answers in Parquet files of ``per_file`` rows, written one at a time."""
    rng = np.random.default_rng(seed)
    start = np.datetime64("2025-01-01T00:00:00", "s")
    for number, first in enumerate(range(0, rows, per_file)):
        size = min(per_file, rows - first)
        seconds = rng.integers(0, 365 * 86_400, size)
        frame = pd.DataFrame(
            {
                "at": (start + seconds.astype("timedelta64[s]")).astype("datetime64[ns]"),
                "score": rng.integers(0, 11, size, dtype=np.int8),
                "segment": SEGMENTS[rng.integers(0, len(SEGMENTS), size)],
            }
        )
        frame.to_parquet(folder / f"part-{number:04d}.parquet", index=False)


class Peak:
    """The highest resident memory ``sample()`` gives, per key, while it runs."""

    def __init__(self, sample: Callable[[], dict[Any, int]]) -> None:
        self.sample = sample
        self.peaks: dict[Any, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        while not self._stop.is_set():
            self._take()
            self._stop.wait(0.2)

    def _take(self) -> None:
        for key, size in self.sample().items():
            self.peaks[key] = max(self.peaks.get(key, 0), size)

    def __enter__(self) -> Peak:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._take()


def resident() -> int:
    return int(psutil.Process().memory_info().rss)


def on_cluster(folder: Path) -> tuple[float, dict[Any, int], Any]:
    """Seconds of nps_by on a fresh two-worker cluster, each worker's peak memory, and
    the groups."""
    with (
        LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        Client(cluster) as client,
    ):
        client.run(lambda: None)  # the workers are up before the clock starts
        with Peak(lambda: client.run(resident)) as peak:
            started = time.perf_counter()
            groups = hd.nps_by(dd.read_parquet(folder), by=["segment"])
            seconds = time.perf_counter() - started
    return seconds, peak.peaks, groups


def with_pandas(folder: Path) -> tuple[float, float, int, Any]:
    """Seconds to read the folder, seconds to count by month and segment, the peak
    memory of the process, and the counts."""
    with Peak(lambda: {"pandas": resident()}) as peak:
        started = time.perf_counter()
        frame = pd.read_parquet(folder)
        read = time.perf_counter() - started
        started = time.perf_counter()
        month = frame["at"].dt.to_period("M")
        counts = frame.groupby([month, frame["segment"]])["score"].value_counts()
        counted = time.perf_counter() - started
        del frame, month
    return read, counted, peak.peaks["pandas"], counts


def same_counts(groups: Any, counts: Any) -> bool:
    """Whether pandas' counts give every group's promoters, passives and detractors."""
    found = {}
    for (period, segment, score), count in counts.items():
        key = (str(period), segment)
        kind = 0 if score <= 6 else 1 if score <= 8 else 2
        totals = found.setdefault(key, [0, 0, 0])
        totals[kind] += int(count)
    tallied = {
        (g.period.label, g.segment): [g.tally.detractors, g.tally.passives, g.tally.promoters]
        for g in groups
    }
    return found == tallied


def measure_sizes(sizes: tuple[int, ...], per_file: int, *, pandas_up_to: int) -> list[Row]:
    rows: list[Row] = []
    seconds: list[float] = []
    worker_peaks: list[int] = []
    for size in sizes:
        with tempfile.TemporaryDirectory() as directory:
            folder = Path(directory)
            started = time.perf_counter()
            write_scores(folder, size, per_file)
            written = time.perf_counter() - started
            files = len(list(folder.iterdir()))
            spent, peaks, groups = on_cluster(folder)
            peak = max(peaks.values())
            seconds.append(spent)
            worker_peaks.append(peak)
            per_worker = ", ".join(mib(value) for value in peaks.values())
            print(
                f"  {size:>11,} answers, {files} files (written in {written:.1f} s): "
                f"nps_by {spent:.1f} s on 2 workers, peak {per_worker} per worker"
            )
            baseline = "pandas: does not fit"
            ratio = None
            if size <= pandas_up_to:
                read, counted, pandas_peak, counts = with_pandas(folder)
                assert same_counts(groups, counts), "pandas' counts differ from the tallies"
                baseline = (
                    f"pandas read {seconds_text(read)} + value_counts "
                    f"{seconds_text(counted)}, peak {mib(pandas_peak)}"
                )
                ratio = spent / (read + counted)
                print(f"  {'':>11} {baseline}; the counts are the tallies'")
            rows.append(
                Row(
                    f"nps_by by month, segment: {size:,} answers, {files} Parquet files",
                    f"{seconds_text(spent)}, peak {mib(peak)}/worker",
                    baseline,
                    ratio,
                    "shown",
                    None,
                )
            )
    growth = exponent(sizes[0], seconds[0], sizes[-1], seconds[-1])
    flat = worker_peaks[-1] / worker_peaks[0]
    rows.append(
        Row(
            f"nps_by growth {sizes[0]:,} -> {sizes[-1]:,} answers",
            f"exponent {growth:.2f}, peak/worker x {flat:.2f}",
            "",
            None,
            f"exponent <= {LINEAR}, peak x <= {FLAT}",
            None if sizes == QUICK else growth <= LINEAR and flat <= FLAT,
        )
    )
    return rows


def measure(quick: bool) -> list[Row]:
    if quick:
        return measure_sizes(QUICK, QUICK_PARTITION_ROWS, pandas_up_to=QUICK[-1])
    return measure_sizes(FULL, PARTITION_ROWS, pandas_up_to=FULL[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, no goals judged")
    parser.add_argument("--sizes", help="answers per run, comma-separated (default 10M,100M)")
    parser.add_argument("--partition-rows", type=int, default=PARTITION_ROWS)
    parser.add_argument(
        "--pandas-up-to", type=int, default=FULL[-1], help="the largest size pandas runs"
    )
    args = parser.parse_args()
    print(machine())
    if args.quick:
        rows = measure(True)
    else:
        sizes = tuple(int(s) for s in args.sizes.split(",")) if args.sizes else FULL
        rows = measure_sizes(sizes, args.partition_rows, pandas_up_to=args.pandas_up_to)
    print()
    print_rows(rows)


if __name__ == "__main__":
    main()
