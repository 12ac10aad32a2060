"""Start-up: the hubpartner command to its first output, and the package's imports,
as whole processes against ``python -c "import attrs, dateutil"`` in the same run.

Issue 14, rows 9 and 10. Three sizes do not apply to a start-up figure; instead three
commands (``points estimate`` as the README gives it, ``surveys nps`` on a tiny file,
``--help``), each run as the console script a user runs (the goal) and, for the
points estimate, as ``python -m hubpartner`` too, against the same baseline; ``python
-c pass`` and ``from hubpartner.surveys import NpsTally`` are shown for information.
Each figure is the best of paired runs (command, baseline, command, …) after a
warm-up run of each that fills the bytecode cache; the peak resident memory is the
process's own.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from _bench import Process, Row, main, mib, paired_processes, python_command, ratio_row

BASELINE_NAME = "python -c 'import attrs, dateutil'"

# The README's estimate, word for word.
ESTIMATE = (
    "--locale sv points estimate --amount 1000 --currency EUR --market DE --track sourced"
    " --manage --other-partners 1 --date 2025-08-01"
)

# What any estimate in Swedish must load and do besides hubpartner's own code: argparse,
# tomllib for the rule file, Babel's numbers and dates with the Swedish CLDR data.
FLOOR = (
    "import argparse, attrs, dateutil, tomllib; from datetime import date; "
    "from babel.numbers import format_currency; from babel.dates import format_date; "
    "format_currency(1000, 'EUR', locale='sv'); format_date(date(2025, 7, 15), locale='sv'); "
    "argparse.ArgumentParser().add_argument('--x')"
)

TINY_NPS = "at,score\n2025-01-06,10\n2025-01-09,9\n2025-01-15,6\n2025-02-03,8\n"


def console_script() -> list[str]:
    """The ``hubpartner`` script pip wrote next to the interpreter."""
    script = Path(sys.executable).parent / "hubpartner"
    if not script.exists():
        raise SystemExit(f"no console script at {script}; install the package first")
    return [str(script)]


def shown(process: Process) -> str:
    return f"{process.seconds * 1e3:.1f} ms"


def row(
    measure: str, command: list[str], baseline: list[str], limit: float | None, quick: bool
) -> Row:
    """The row of ``command`` against ``baseline``; no goal judged when ``limit`` is
    None (a figure for information)."""
    took, base = paired_processes(command, baseline, repeat=1 if quick else 15)
    print(
        f"  {measure}: {shown(took)} ({mib(took.peak_rss)} peak RSS), "
        f"baseline {shown(base)} ({mib(base.peak_rss)})"
    )
    if limit is None:
        return Row(
            measure,
            shown(took),
            f"{BASELINE_NAME}: {shown(base)}",
            took.seconds / base.seconds,
            "-",
            None,
        )
    return ratio_row(measure, took.seconds, BASELINE_NAME, base.seconds, limit, quick=quick)


def measure(quick: bool) -> list[Row]:
    # The goals are judged with the bytecode cache filled by the warm-up run, as a
    # user's installed copy has it: a PYTHONDONTWRITEBYTECODE of the shell running the
    # benchmark would leave every run compiling hubpartner from source.
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    python = python_command()
    script = console_script()
    baseline = [*python, "-c", "import attrs, dateutil"]
    with tempfile.TemporaryDirectory() as folder:
        nps = Path(folder) / "tiny-nps.csv"
        nps.write_text(TINY_NPS, encoding="utf-8")
        return [
            row(
                "hubpartner points estimate (console script)",
                [*script, *ESTIMATE.split()],
                baseline,
                2,
                quick,
            ),
            row(
                "python -m hubpartner points estimate",
                [*python, "-m", "hubpartner", *ESTIMATE.split()],
                baseline,
                2,
                quick,
            ),
            row(
                "hubpartner surveys nps <tiny file>",
                [*script, "surveys", "nps", str(nps)],
                baseline,
                2,
                quick,
            ),
            row("hubpartner --help", [*script, "--help"], baseline, 2, quick),
            row(
                "import hubpartner.cli",
                [*python, "-c", "import hubpartner.cli"],
                baseline,
                1.5,
                quick,
            ),
            row(
                "import hubpartner.surveys",
                [*python, "-c", "import hubpartner.surveys"],
                baseline,
                1.3,
                quick,
            ),
            row(
                "from hubpartner.surveys import NpsTally",
                [*python, "-c", "from hubpartner.surveys import NpsTally"],
                baseline,
                None,
                quick,
            ),
            row("import hubpartner", [*python, "-c", "import hubpartner"], baseline, None, quick),
            row(
                "floor of an estimate: argparse, tomllib, Babel in sv",
                [*python, "-c", FLOOR],
                baseline,
                None,
                quick,
            ),
            row("python -c pass", [*python, "-c", "pass"], baseline, None, quick),
        ]


if __name__ == "__main__":
    main(measure, __doc__)
