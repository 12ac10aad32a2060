"""Benchmark: tallies and responses from pandas, against the list and CSV paths.

Run from the repository root with the package and pandas installed::

    python tests/benchmarks/bench_frames.py [--n 1000000] [--repeat 5]

Not collected by pytest. Each figure is the best of ``--repeat`` runs; the ratio is
the pandas path's time ÷ the list path's time over the same answers (the issue asks
for at most 2 x): ``NpsTally.from_scores(list)`` for the tallies, and
``surveys.read_responses`` of the same rows as a CSV file for the responses.
"""

from __future__ import annotations

import io
import random
import sys

import pandas as pd
from _bench import best_seconds, size_and_repeat

from hubpartner import frames
from hubpartner.surveys import CES_7, CesTally, NpsTally, read_responses


def main() -> None:
    args = size_and_repeat(__doc__, n=1_000_000, repeat=5, what="answers per column")
    rng = random.Random(20251201)
    nps = [rng.randint(0, 10) for _ in range(args.n)]
    ces = [rng.randint(CES_7.low, CES_7.high) for _ in range(args.n)]
    gappy = [None if i % 20 == 0 else s for i, s in enumerate(nps)]
    given = [s for s in gappy if s is not None]

    print(f"Python {sys.version.split()[0]}, pandas {pd.__version__}; {args.n:,} answers")
    print(f"best of {args.repeat} runs; ratio = pandas path / list path\n")
    rows = [
        (
            "nps_tally(int64 Series)",
            lambda: frames.nps_tally(series_int),
            lambda: NpsTally.from_scores(nps),
        ),
        (
            "nps_tally(float64 Series, 5 % NaN, exclude)",
            lambda: frames.nps_tally(series_gappy, missing="exclude"),
            lambda: NpsTally.from_scores(given),
        ),
        (
            "nps_tally(Int64 Series, 5 % NA, exclude)",
            lambda: frames.nps_tally(series_nullable, missing="exclude"),
            lambda: NpsTally.from_scores(given),
        ),
        (
            "ces_tally(int64 Series)",
            lambda: frames.ces_tally(series_ces),
            lambda: CesTally.from_scores(ces),
        ),
    ]
    series_int = pd.Series(nps, dtype="int64")
    series_gappy = pd.Series(gappy, dtype="float64")
    series_nullable = pd.Series(gappy, dtype="Int64")
    series_ces = pd.Series(ces, dtype="int64")
    for name, pandas_path, list_path in rows:
        pandas_time = best_seconds(pandas_path, args.repeat)
        list_time = best_seconds(list_path, args.repeat)
        print(
            f"  {name:<46}{pandas_time * 1000:8.1f} ms  list {list_time * 1000:8.1f} ms"
            f"  {pandas_time / list_time:5.2f} x"
        )

    count = min(args.n, 200_000)
    text = "at,score,respondent\n" + "".join(
        f"2025-03-{1 + i % 28:02d},{nps[i]},r{i}\n" for i in range(count)
    )
    frame = pd.read_csv(io.StringIO(text))
    frame_time = best_seconds(lambda: frames.read_responses(frame), 1)
    csv_time = best_seconds(lambda: read_responses(io.StringIO(text)), 1)
    print(
        f"  {f'read_responses({count:,} rows)':<46}{frame_time * 1000:8.1f} ms  "
        f"csv  {csv_time * 1000:8.1f} ms  {frame_time / csv_time:5.2f} x"
    )


if __name__ == "__main__":
    main()
