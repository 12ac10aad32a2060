"""What every area script of ``tests/benchmarks`` shares: a row of the runner's table,
the timing of a measure against its named baseline in one run, the growth of a measure
over three sizes with its peak memory, and the whole-process figures of a command.

An area script (``bench_points.py``, ``bench_surveys.py``, …) defines
``measure(quick: bool) -> list[Row]``; ``run.py`` calls every one and prints one
table. Each script also runs alone (``python tests/benchmarks/bench_points.py
[--quick]``) and prints its own rows. ``quick`` means small sizes, to prove the script
works; the goals are judged only on a full run.
"""

from __future__ import annotations

import argparse
import gc
import math
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Row:
    """One line of the runner's table: what was measured, hubpartner's figure, the
    baseline's (named), their ratio, the goal, and whether it was met (None when no
    goal is judged: a quick run, or a figure shown for information)."""

    measure: str
    hubpartner: str
    baseline: str
    ratio: float | None
    goal: str
    met: bool | None


@dataclass(frozen=True)
class Growth:
    """A measure at three (or more) sizes: the seconds and peak traced memory of each,
    and the growth exponent from the smallest to the largest size (1 is linear)."""

    sizes: tuple[int, ...]
    seconds: tuple[float, ...]
    peaks: tuple[int, ...]

    @property
    def exponent(self) -> float:
        """log(t_last / t_first) / log(n_last / n_first)."""
        return exponent(self.sizes[0], self.seconds[0], self.sizes[-1], self.seconds[-1])

    def exponent_between(self, small: int, large: int) -> float:
        """The growth exponent between two of the sizes."""
        i, j = self.sizes.index(small), self.sizes.index(large)
        return exponent(small, self.seconds[i], large, self.seconds[j])

    def bytes_per_item(self) -> float:
        """Peak traced memory per item at the largest size."""
        return self.peaks[-1] / self.sizes[-1]


def exponent(n1: int, t1: float, n2: int, t2: float) -> float:
    """The exponent k with t2 / t1 = (n2 / n1) ** k."""
    return math.log(max(t2, 1e-9) / max(t1, 1e-9)) / math.log(n2 / n1)


def best_seconds(action: Callable[[], object], repeat: int = 5) -> float:
    """The best wall time of ``repeat`` runs of ``action`` (the machine is noisy; the
    least disturbed run is the best estimate of the cost), with the cyclic garbage
    collector left as users have it."""
    best = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def paired(
    action: Callable[[], object], baseline: Callable[[], object], repeat: int = 5
) -> tuple[float, float]:
    """The best times of ``action`` and ``baseline``, run in turn (A B A B …) so that a
    drift of the machine's speed touches both."""
    best_a = best_b = math.inf
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best_a = min(best_a, time.perf_counter() - start)
        start = time.perf_counter()
        baseline()
        best_b = min(best_b, time.perf_counter() - start)
    return best_a, best_b


def peak_bytes(action: Callable[[], object]) -> int:
    """The peak memory Python allocated while ``action`` ran (tracemalloc), over what
    was allocated before; what ``action`` returns is kept until the peak is read."""
    gc.collect()
    tracemalloc.start()
    try:
        before, _ = tracemalloc.get_traced_memory()
        result = action()
        _, peak = tracemalloc.get_traced_memory()
        del result
    finally:
        tracemalloc.stop()
    return peak - before


def growth(
    label: str,
    sizes: Sequence[int],
    prepare: Callable[[int], Any],
    action: Callable[[Any], object],
    *,
    repeat: int = 3,
    memory: bool = True,
) -> Growth:
    """Time ``action(prepare(n))`` at each of ``sizes`` (best of ``repeat``), measure
    its peak memory (once, under tracemalloc, when ``memory``), print a line per size
    and the exponent, and return the figures."""
    seconds, peaks = [], []
    print(f"  {label}")
    for n in sizes:
        data = prepare(n)
        took = best_seconds(lambda data=data: action(data), repeat)
        peak = peak_bytes(lambda data=data: action(data)) if memory else 0
        seconds.append(took)
        peaks.append(peak)
        per = f"{peak / n:10.0f} B/item" if memory else ""
        print(f"    n={n:>10,}  {took:9.3f} s  {peak / 2**20:9.1f} MiB peak {per}")
        del data
    result = Growth(tuple(sizes), tuple(seconds), tuple(peaks))
    print(f"    growth exponent {result.exponent:.2f}")
    return result


@dataclass(frozen=True)
class Process:
    """A whole process's figures: wall seconds and peak resident memory."""

    seconds: float
    peak_rss: int


# A small process that starts the measured command and reports its wall time and peak
# resident memory. Linux counts in a process's peak the memory of the process it was
# forked from (until its exec), so a command started straight from a benchmark that
# holds a million answers would report the benchmark's size; started from this small
# launcher, it reports its own.
_LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
child = subprocess.Popen(sys.argv[2:])
_, status, usage = os.wait4(child.pid, 0)
took = time.perf_counter() - start
with open(sys.argv[1], "w") as report:
    report.write(f"{took!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)}")
"""


def run_process(command: Sequence[str], *, stdin: str | None = None) -> Process:
    """Run ``command`` to its end, its output thrown away, and return its wall time and
    its own peak resident memory (from the kernel's accounting of that one child,
    started from a small launcher process)."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder, open(os.devnull, "wb") as sink:
        report = os.path.join(folder, "report")
        source = open(stdin, "rb") if stdin is not None else subprocess.DEVNULL  # noqa: SIM115
        try:
            launched = subprocess.run(
                [sys.executable, "-c", _LAUNCHER, report, *command],
                stdin=source,
                stdout=sink,
                stderr=subprocess.PIPE,
                check=False,
            )
        finally:
            if stdin is not None:
                source.close()  # type: ignore[union-attr]
        with open(report) as handle:
            took, peak, status = handle.read().split()
    if launched.returncode != 0 or int(status) != 0:
        error = launched.stderr.decode()
        raise SystemExit(f"{' '.join(command)} failed ({status}): {error}")
    return Process(float(took), int(peak) * 1024)


def paired_processes(
    command: Sequence[str], baseline: Sequence[str], repeat: int = 9
) -> tuple[Process, Process]:
    """The best wall times (and the peak memory of those runs) of two whole processes
    run in turn, after one warm-up run of each (it fills the bytecode cache)."""
    run_process(command)
    run_process(baseline)
    best_a = best_b = Process(math.inf, 0)
    for _ in range(repeat):
        a, b = run_process(command), run_process(baseline)
        best_a = a if a.seconds < best_a.seconds else best_a
        best_b = b if b.seconds < best_b.seconds else best_b
    return best_a, best_b


def ratio_row(
    measure: str,
    took: float,
    baseline_name: str,
    baseline: float,
    limit: float,
    *,
    quick: bool,
    unit: Callable[[float], str] | None = None,
) -> Row:
    """A row whose goal is ``took / baseline <= limit``."""
    show = unit or seconds_text
    ratio = took / baseline
    return Row(
        measure,
        show(took),
        f"{baseline_name}: {show(baseline)}",
        ratio,
        f"<= {limit:g}x",
        None if quick else ratio <= limit,
    )


def seconds_text(seconds: float) -> str:
    """Seconds in the unit that suits them."""
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.2f} µs"


def mib(size: float) -> str:
    """Bytes as MiB."""
    return f"{size / 2**20:.1f} MiB"


def python_command() -> list[str]:
    """The interpreter running the benchmarks, with the environment's own flags."""
    return [sys.executable]


def print_rows(rows: Sequence[Row]) -> None:
    """The table: measure | hubpartner | baseline | ratio | goal | met."""
    header = ("measure", "hubpartner", "baseline", "ratio", "goal", "met")
    lines = [header] + [
        (
            row.measure,
            row.hubpartner,
            row.baseline,
            "" if row.ratio is None else f"{row.ratio:.2f}",
            row.goal,
            {True: "yes", False: "NO", None: "-"}[row.met],
        )
        for row in rows
    ]
    widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
    for k, line in enumerate(lines):
        print(" | ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)))
        if k == 0:
            print("-+-".join("-" * width for width in widths))


def machine() -> str:
    """The interpreter, the processors and the load, for the head of a run."""
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"CPython {sys.version.split()[0]} on {sys.platform}, {os.cpu_count()} CPUs, "
        f"load average {load}"
    )


def main(measure: Callable[[bool], list[Row]], doc: str) -> None:
    """The command line of an area script: ``--quick``, then its table."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, no goals judged")
    quick = parser.parse_args().quick
    print(machine())
    rows = measure(quick)
    print()
    print_rows(rows)


def csv_reader_loop(path: str) -> int:
    """A baseline: every row of a CSV file read with ``csv.reader``, nothing kept."""
    import csv

    with open(path, newline="", encoding="utf-8") as handle:
        return sum(1 for _ in csv.reader(handle))


def file_read_rows(
    name: str,
    sizes: Sequence[int],
    write: Callable[[str, int], object],
    read: Callable[[str], object],
    *,
    bytes_per_row: float,
    linear: float,
    quick: bool,
) -> list[Row]:
    """The rows of a loader that reads a file: ``write(path, n)`` writes a file of
    ``n`` rows (in a temporary folder) for each of ``sizes``, and ``read(path)`` is
    timed and its peak memory traced at each; the goals are a growth exponent of at
    most ``linear`` and at most ``bytes_per_row`` of peak memory a row at the largest
    size. A ``csv.reader`` loop over the same files is shown for scale."""
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        paths = {}
        for n in sizes:
            paths[n] = os.path.join(folder, f"{n}.csv")
            write(paths[n], n)
        found = growth(f"{name}(path)", sizes, paths.__getitem__, read)
        loop = growth(
            "csv.reader loop (baseline)",
            sizes,
            paths.__getitem__,
            csv_reader_loop,
            memory=False,
        )
    per_row = found.bytes_per_item()
    largest = f"{sizes[-1]:,} rows"
    return [
        Row(
            f"{name} growth, {sizes[0]:,} to {largest}",
            f"exponent {found.exponent:.2f}",
            f"csv.reader loop: exponent {loop.exponent:.2f}",
            None,
            f"<= {linear} (linear)",
            None if quick else found.exponent <= linear,
        ),
        Row(
            f"{name} peak memory per row, {largest}",
            f"{per_row:.0f} B/row ({mib(found.peaks[-1])})",
            f"csv.reader loop: {seconds_text(loop.seconds[-1])}, nothing kept",
            None,
            f"<= {bytes_per_row:g} B/row",
            None if quick else per_row <= bytes_per_row,
        ),
    ]


def processor_seconds(action: Callable[[], object], repeat: int = 3) -> float:
    """The least processor time of ``repeat`` runs of ``action``: what the work costs
    this process, whatever share of a busy machine it was given."""
    return min(_processor_time_of(action) for _ in range(repeat))


def _processor_time_of(action: Callable[[], object]) -> float:
    start = time.process_time()
    action()
    return time.process_time() - start


def micros(unit: str) -> Callable[[float], str]:
    """A ``ratio_row`` unit that shows seconds as microseconds per ``unit``."""
    return lambda seconds: f"{seconds * 1e6:.2f} µs/{unit}"


def size_and_repeat(doc: str, *, n: int, repeat: int, what: str) -> argparse.Namespace:
    """The command line of a benchmark with one size: ``--n`` (how many ``what``) and
    ``--repeat`` (runs per figure), described by the first line of ``doc``."""
    parser = argparse.ArgumentParser(description=doc.splitlines()[0])
    parser.add_argument("--n", type=int, default=n, help=what)
    parser.add_argument("--repeat", type=int, default=repeat, help="runs per figure")
    return parser.parse_args()
