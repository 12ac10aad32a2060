"""Run every area benchmark and print one table: measure | hubpartner | baseline |
ratio | goal | met.

Run from the repository root with the package installed::

    python tests/benchmarks/run.py [--quick] [--only points,surveys]

``--quick`` uses small sizes and judges no goal: it proves the scripts work (CI runs
it). The full run measures at the sizes the goals name and judges each; it exits with
status 1 when a goal is not met. ``docs/performance.md`` holds the latest full run.
"""

from __future__ import annotations

import argparse
import importlib
import sys
import time

from _bench import Row, machine, print_rows

AREAS = (
    "points",
    "engagement",
    "reviews",
    "surveys",
    "ledger",
    "portfolio",
    "plan",
    "cli",
    "dask",
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="small sizes, no goals judged")
    parser.add_argument(
        "--only", default=",".join(AREAS), help=f"areas to run, of {', '.join(AREAS)}"
    )
    args = parser.parse_args()
    areas = [area.strip() for area in args.only.split(",") if area.strip()]
    unknown = sorted(set(areas) - set(AREAS))
    if unknown:
        parser.error(f"unknown areas: {', '.join(unknown)}")
    print(machine())
    rows: list[Row] = []
    started = time.perf_counter()
    for area in areas:
        print(f"\n== {area}")
        module = importlib.import_module(f"bench_{area}")
        rows.extend(module.measure(args.quick))
    print(f"\n{machine()}; {time.perf_counter() - started:.0f} s in all\n")
    print_rows(rows)
    if any(row.met is False for row in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
