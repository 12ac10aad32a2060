"""Run every hostile command line of tests/hostile_cli.py and print how each ended:
cases tried, clean errors, successes of extreme but valid input, tracebacks, silent
wrong answers and cases over the time limit.

    python tests/benchmarks/hostile_cli_counts.py
"""

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent.parent.parent))

from tests.hostile_cli import TIME_LIMIT, run_all, tally


def main() -> None:
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as where:
        outcomes = run_all(Path(where))
    counts = tally(outcomes)
    print(f"cases tried:       {len(outcomes)}")
    for kind in ("clean error", "done", "traceback", "silent wrong", "over time"):
        print(f"{kind + ':':<18} {counts[kind]}")
    slowest = max(outcomes, key=lambda outcome: outcome.seconds)
    print(
        f"slowest case:      {slowest.seconds:.2f} s (limit {TIME_LIMIT} s): "
        f"{slowest.case.argv[:80]}"
    )
    print(f"all cases:         {time.perf_counter() - start:.1f} s")
    for outcome in outcomes:
        if outcome.kind not in ("clean error", "done"):
            print(f"  {outcome.kind}: {outcome.case.argv[:100]!r}")


if __name__ == "__main__":
    main()
