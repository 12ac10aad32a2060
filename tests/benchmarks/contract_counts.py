"""The counts of the API contract walk: calls tried, non-library exceptions, hangs.

Run from the repository root with the package installed::

    python tests/benchmarks/contract_counts.py [--limit 2.0] [--problems]

Not collected by pytest (``tests/test_contract.py`` runs the same walk, target by
target). Every public callable named in ``__all__`` is called with valid arguments
and with each hostile value in place of one parameter at a time (see
``tests/contract.py``); the script prints how many calls were tried, how many
raised an exception other than a HubPartnerError, how many ran past the time limit,
and how many problems of any kind were found (with ``--problems``, each of them).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.contract import HOSTILE, TIME_LIMIT, run, targets


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=float, default=TIME_LIMIT, help="seconds per call")
    parser.add_argument("--problems", action="store_true", help="print every problem found")
    parser.add_argument("--progress", action="store_true", help="name each target as it runs")
    parser.add_argument("--skip", action="append", default=[], help="a hostile value to skip")
    parser.add_argument(
        "--with",
        dest="chosen",
        action="append",
        default=[],
        help="only this hostile value (may be repeated)",
    )
    parser.add_argument("--only", default="", help="only the targets whose name starts so")
    parser.add_argument("--name", help="only the target of this name")
    args = parser.parse_args()
    found = [
        target
        for target in targets()
        if target.name.startswith(args.only) and args.name in (None, target.name)
    ]
    hostile = tuple(
        item
        for item in HOSTILE
        if item.name not in args.skip and (not args.chosen or item.name in args.chosen)
    )
    calls = foreign = hangs = 0
    problems: list[str] = []
    for target in found:
        if args.progress:
            print(f"{target.name} ...", file=sys.stderr, flush=True)
        report = run(target, limit=args.limit, hostile=hostile)
        if args.progress:
            print(*report.problems, sep="\n", file=sys.stderr, flush=True)
        calls += report.calls
        foreign += report.foreign
        hangs += report.hangs
        problems += report.problems
    print(f"public callables:           {len(found)}")
    print(f"API calls tried:            {calls}")
    print(f"non-library exceptions:     {foreign}")
    print(f"hangs (over {args.limit:g} s):        {hangs}")
    print(f"problems of any kind:       {len(problems)}")
    if args.problems:
        print(*problems, sep="\n")


if __name__ == "__main__":
    main()
