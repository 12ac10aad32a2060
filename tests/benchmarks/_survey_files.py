"""Benchmark: the ``hubpartner surveys`` commands on a large responses CSV, as whole
processes, against a plain ``csv.reader`` loop doing the same counting.

Run from the repository root with the package installed::

    python tests/benchmarks/_survey_files.py [--quick]

Not collected by pytest (``bench_surveys.py`` calls :func:`measure` too). A file of
1M rows (at, score, respondent, segment; a year of days) is written first; each
command (``surveys nps`` with no grouping, by segment, by month and by quarter, and
``surveys ces`` and ``surveys csat`` by month) runs as a process, paired with the
baseline process (best of several runs each), and the goals are: at most twice the
baseline's time, and a peak resident memory of at most 100 MiB. The peak of ``surveys
nps --by month`` is also shown at 10k, 100k and 1M rows: it must not grow with rows.
"""

from __future__ import annotations

import random
import tempfile
from pathlib import Path

from _bench import Row, main, mib, paired_processes, python_command, ratio_row, run_process

FULL = (10_000, 100_000, 1_000_000)
QUICK = (1_000, 3_000, 10_000)
#: The most the command may take, as a multiple of the baseline's time.
LIMIT = 2.0
#: The most resident memory the command may have at its peak.
MOST_MEMORY = 100 * 2**20
#: How much the peak at the largest size may exceed the peak at the smallest for the
#: memory to count as flat (the interpreter's own memory moves by a few MiB).
FLAT = 1.25

#: The baseline: the file read with csv.reader, each answer's category (NPS) or
#: answer (CES, CSAT) counted per group in a dict.
BASELINE = """
import csv, sys
path, kind, by, segment = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]
counts = {}
with open(path, newline="", encoding="utf-8") as handle:
    rows = csv.reader(handle)
    header = next(rows)
    at, score = header.index("at"), header.index("score")
    where = header.index(segment) if segment else None
    for row in rows:
        answer = int(row[score])
        if kind == "nps":
            answer = 2 if answer >= 9 else 1 if answer >= 7 else 0
        if by == "month":
            period = row[at][:7]
        elif by == "quarter":
            period = row[at][:5] + str((int(row[at][5:7]) - 1) // 3 + 1)
        else:
            period = ""
        key = (period, None if where is None else row[where], answer)
        counts[key] = counts.get(key, 0) + 1
print(len(counts))
"""

#: The commands measured: a name, the command's arguments, and the baseline's.
RUNS = (
    ("surveys nps", ["nps"], ["nps", "all", ""]),
    ("surveys nps --segment segment", ["nps", "--segment", "segment"], ["nps", "all", "segment"]),
    ("surveys nps --by month", ["nps", "--by", "month"], ["nps", "month", ""]),
    ("surveys nps --by quarter", ["nps", "--by", "quarter"], ["nps", "quarter", ""]),
    ("surveys ces --by month", ["ces", "--by", "month"], ["ces", "month", ""]),
    ("surveys csat --by month", ["csat", "--by", "month"], ["csat", "month", ""]),
)
#: The answers of each kind of survey.
SCALES = {"nps": (0, 10), "ces": (1, 7), "csat": (1, 5)}


def write_responses(path: Path, rows: int, kind: str = "nps", seed: int = 14) -> None:
    """A responses file of ``rows`` rows over the days of 2025."""
    rng = random.Random(seed)
    low, high = SCALES[kind]
    segments = ("emea", "apac", "amer")
    with path.open("w", newline="", encoding="utf-8") as handle:
        handle.write("at,score,respondent,segment\n")
        for _ in range(rows):
            day = f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            answer = rng.randint(low, high)
            handle.write(f"{day},{answer},r{rng.randrange(50_000)},{rng.choice(segments)}\n")


def command(path: Path, arguments: list[str]) -> list[str]:
    """The surveys command on ``path``."""
    kind, *options = arguments
    return [*python_command(), "-m", "hubpartner", "surveys", kind, str(path), *options]


def baseline(path: Path, arguments: list[str]) -> list[str]:
    """The baseline process on ``path``."""
    return [*python_command(), "-c", BASELINE, str(path), *arguments]


def measure(quick: bool) -> list[Row]:
    sizes = QUICK if quick else FULL
    repeat = 1 if quick else 5
    rows: list[Row] = []
    with tempfile.TemporaryDirectory() as folder:
        files = {}
        for kind in SCALES:
            files[kind] = Path(folder) / f"{kind}-{sizes[-1]}.csv"
            write_responses(files[kind], sizes[-1], kind)
        for name, arguments, base in RUNS:
            path = files[arguments[0]]
            ours, theirs = paired_processes(command(path, arguments), baseline(path, base), repeat)
            print(
                f"  {name}: {ours.seconds:.2f} s, {mib(ours.peak_rss)} peak; "
                f"csv.reader loop {theirs.seconds:.2f} s, {mib(theirs.peak_rss)}"
            )
            rows.append(
                ratio_row(
                    f"{name}, {sizes[-1]:,} rows (process)",
                    ours.seconds,
                    "csv.reader loop",
                    theirs.seconds,
                    LIMIT,
                    quick=quick,
                )
            )
            rows.append(
                Row(
                    f"{name}, {sizes[-1]:,} rows: peak RSS",
                    mib(ours.peak_rss),
                    f"csv.reader loop: {mib(theirs.peak_rss)}",
                    None,
                    f"<= {mib(MOST_MEMORY)}",
                    None if quick else ours.peak_rss <= MOST_MEMORY,
                )
            )
        peaks = []
        print("  surveys nps --by month, peak RSS by rows")
        for n in sizes:
            path = Path(folder) / f"nps-{n}.csv"
            write_responses(path, n)
            peak = min(
                run_process(command(path, ["nps", "--by", "month"])).peak_rss
                for _ in range(repeat)
            )
            print(f"    n={n:>10,}  {mib(peak)}")
            peaks.append(peak)
    shown = " / ".join(mib(peak) for peak in peaks)
    rows.append(
        Row(
            f"surveys nps --by month: peak RSS at {' / '.join(f'{n:,}' for n in sizes)} rows",
            shown,
            "flat: the stream does not grow with rows",
            peaks[-1] / peaks[0],
            f"<= {FLAT}x the smallest's",
            None if quick else peaks[-1] <= FLAT * peaks[0],
        )
    )
    return rows


if __name__ == "__main__":
    main(measure, __doc__)
