"""Timing helper shared by the benchmark scripts in this folder."""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable


def median_seconds(action: Callable[[], object], repeat: int = 3) -> float:
    """The median wall time of ``repeat`` runs of ``action``."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def size_and_repeat(doc: str, *, n: int, repeat: int, what: str) -> argparse.Namespace:
    """The command line of a benchmark: ``--n`` (how many ``what``) and ``--repeat``
    (runs per figure), described by the first line of ``doc``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--n", type=int, default=n, help=what)
    parser.add_argument("--repeat", type=int, default=repeat, help="runs per figure")
    return parser.parse_args()
