"""Hostile command lines: many bad or extreme invocations of every command, and a
runner that says how each one ended (no tests here; ``test_hostile_cli.py`` asserts
on what the runner finds, and ``tests/benchmarks/hostile_cli_counts.py`` prints it).

A case is a command line whose ``{file}`` fields name files the runner writes first.
``must_fail`` cases are bad input: exiting 0 would be a silent wrong answer. The
other cases are extreme but possibly valid: they may succeed, but must not crash or
hang either.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import signal
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from hubpartner.cli import main

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
#: The longest a case may take, in seconds.
TIME_LIMIT = 5.0

#: Numbers that are not numbers, or not ones a command can take.
BAD_NUMBERS = [
    "",
    " ",
    "-1",
    "1e999999999",
    "1e999999999999999999",
    "-1e999999999",
    "NaN",
    "nan",
    "sNaN",
    "Infinity",
    "-inf",
    "0x10",
    "1,5",
    "9" * 5000,
    "1" + "0" * 400,
    "\x00",
    "💥",
    "x" * 10_000,
    "1e",
    "--1",
]
#: Numbers at the edge of what a command takes: valid or refused, never a crash.
EDGE_NUMBERS = [
    "0",
    "-0",
    "0.0000000001",
    "1e-999999999",
    "1_000",
    "999999999999999",
    "1e14",
    "١٢٣",  # Arabic-Indic digits: a number Python reads as 123
]
BAD_DATES = [
    "",
    "2025-13-01",
    "2025-02-30",
    "20250801",
    "2025-W31-5",
    "2025-8-1",
    " 2025-08-01",
    "2025-08-01T00:00",
    "0000-01-01",
    "10000-01-01",
    "x" * 10_000,
]
EDGE_DATES = ["0001-01-01", "9999-12-31", "1970-01-01", "2022-07-17", "2022-07-18"]
BAD_CODES = ["", "E", "EUROO", "€", "XXX", "XTS", "123", "x" * 10_000, "\x00"]
#: Arguments that would command a terminal, or turn what follows them around.
TERMINAL_COMMANDS = ["\x1b[31mred", "\x1b]0;title\x07", "a\nb", "\u202eevil", "\x9b2J"]


@dataclass(frozen=True)
class Case:
    """One command line; ``files`` maps each ``{name}`` of it to the bytes to write."""

    argv: str
    must_fail: bool
    files: tuple[tuple[str, bytes], ...] = ()


def _points_cases() -> Iterator[Case]:
    base = {
        "--amount": "1000",
        "--currency": "EUR",
        "--market": "DE",
        "--date": "2025-08-01",
    }

    def line(command: str, **changes: str) -> list[str]:
        options = {**base, **{k.replace("_", "-"): v for k, v in changes.items()}}
        words = command.split()
        for option, value in options.items():
            words += [option, value]
        return words

    for value in BAD_NUMBERS:
        yield Case(shlex.join(line("points estimate", **{"--amount": value})), True)
        yield Case(shlex.join(line("points convert --track sourced", **{"--amount": value})), True)
        yield Case(
            shlex.join(
                [
                    *("points", "convert", "--points", value, "--currency", "EUR"),
                    *("--market", "DE", "--track", "sourced", "--date", "2025-08-01"),
                ]
            ),
            True,
        )
        yield Case(
            shlex.join(line("points estimate --manage", **{"--other-partners": value})), True
        )
        yield Case(shlex.join(line("points estimate", **{"--rate": f"SEK={value}"})), True)
    for value in EDGE_NUMBERS:
        yield Case(shlex.join(line("points estimate", **{"--amount": value})), False)
    for value in BAD_DATES:
        yield Case(shlex.join(line("points estimate", **{"--date": value})), True)
    for value in EDGE_DATES:
        yield Case(shlex.join(line("points estimate", **{"--date": value})), False)
    for value in BAD_CODES:
        yield Case(shlex.join(line("points estimate", **{"--currency": value})), True)
        yield Case(shlex.join(line("points estimate", **{"--market": value})), True)
    for track in ["", "managed", "gold", "SOURCED ", "x" * 10_000]:
        yield Case(shlex.join(line("points estimate", **{"--track": track})), True)
    yield Case("points estimate --amount 5 --currency EUR --market DE --rules {missing}", True)
    yield Case("points estimate --amount 5 --currency EUR --market DE --rules {folder}", True)


def _file_cases() -> Iterator[Case]:
    """Each file-reading command with files that are broken in every way a file can be."""
    nps = (EXAMPLES / "nps-responses.csv").read_bytes()
    portfolio = (EXAMPLES / "portfolio.csv").read_bytes()
    ledger = (EXAMPLES / "points-ledger.csv").read_bytes()
    history = (EXAMPLES / "tier-history.csv").read_bytes()
    thresholds = (EXAMPLES / "thresholds.toml").read_bytes()
    rules = (Path(__file__).parent / "golden" / "rules-2025-07-15.json").read_bytes()
    broken: dict[str, bytes] = {
        "empty": b"",
        "binary": bytes(range(256)) * 4,
        "latin1": "client,company\nc1,Malmö\n".encode("latin-1"),
        "nul": b"at,score\n2025-01-01,\x009\n",
        "one_column": b"x\n1\n",
        "long_line": b"at,score\n" + b"2025-01-01," + b"9" * 2_000_000 + b"\n",
        "json_not_toml": rules,
    }
    good = {
        "surveys nps --exclude-missing": nps,
        "surveys ces": (EXAMPLES / "ces-responses.csv").read_bytes(),
        "surveys csat": (EXAMPLES / "csat-responses.csv").read_bytes(),
        "clients --as-of 2025-08-01": portfolio,
        "engagement": portfolio,
        "tiers check": thresholds,
        "rules check": None,
    }
    for command in good:
        for name, content in broken.items():
            yield Case(f"{command} {{{name}}}", True, ((name, content),))
        yield Case(f"{command} {{missing}}", True)
        yield Case(f"{command} {{folder}}", True)
    evaluate = "tiers evaluate --thresholds {thresholds} --as-of 2025-08-15 --points-file"
    for name, content in broken.items():
        yield Case(f"{evaluate} {{{name}}}", True, ((name, content), ("thresholds", thresholds)))
        yield Case(
            f"tiers history {{{name}}} --thresholds {{thresholds}}",
            True,
            ((name, content), ("thresholds", thresholds)),
        )
        yield Case(
            "tiers evaluate --sourced 5 --thresholds {" + name + "}", True, ((name, content),)
        )
    # rows that are broken in a way a loader could silently fix
    for name, content in {
        "short_row": history.replace(b"2025-03,", b"2025-03\n#", 1),
        "padded_row": ledger + b"2025-06-01,c9,sourced\n",
        "long_row": ledger + b"2025-06-01,c9,sourced,5,no,extra\n",
    }.items():
        yield Case(
            f"tiers history {{{name}}} --thresholds {{thresholds}}",
            True,
            ((name, content), ("thresholds", thresholds)),
        )
        yield Case(f"{evaluate} {{{name}}}", True, ((name, content), ("thresholds", thresholds)))


def _option_cases() -> Iterator[Case]:
    thresholds = (EXAMPLES / "thresholds.toml").read_bytes()
    portfolio = (EXAMPLES / "portfolio.csv").read_bytes()
    nps = (EXAMPLES / "nps-responses.csv").read_bytes()
    given = (("thresholds", thresholds), ("portfolio", portfolio), ("nps", nps))
    evaluate = "tiers evaluate --thresholds {thresholds} --sourced 1"
    for value in BAD_NUMBERS:
        for option in ("--sourced", "--assisted", "--managed", "--activities"):
            yield Case(
                f"{evaluate} {option} {shlex.quote(value)}",
                True,
                given,
            )
        yield Case(
            f"clients {{portfolio}} --as-of 2025-08-01 --renewals-within {shlex.quote(value)}",
            True,
            given,
        )
        yield Case(
            f"surveys nps --exclude-missing {{nps}} --confidence {shlex.quote(value)}",
            True,
            given,
        )
        yield Case(
            f"surveys nps --exclude-missing {{nps}} --min-count {shlex.quote(value)}",
            True,
            given,
        )
    for value in BAD_DATES:
        yield Case(f"clients {{portfolio}} --as-of {shlex.quote(value)}", True, given)
        yield Case(
            f"tiers evaluate --thresholds {{thresholds}} --sourced 1 --as-of {shlex.quote(value)}",
            True,
            given,
        )
        yield Case(f"rules show --date {shlex.quote(value)}", True, given)
    for value in EDGE_DATES:
        yield Case(f"clients {{portfolio}} --as-of {value}", False, given)
        yield Case(f"rules show --date {value}", False, given)
        yield Case(
            f"tiers evaluate --thresholds {{thresholds}} --sourced 1 --as-of {value}",
            False,
            given,
        )
    for within in ["99999999999", "999999999", "0"]:
        yield Case(
            f"clients {{portfolio}} --as-of 9999-12-01 --renewals-within {within}", False, given
        )
    for words in ["", "bogus", "points", "points bogus", "surveys", "tiers", "rules", "--bogus"]:
        yield Case(words, True)
    for value in TERMINAL_COMMANDS:
        quoted = shlex.quote(value)
        yield Case(f"clients {{portfolio}} --as-of 2025-08-01 {quoted}", True, given)
        yield Case(f"clients {{portfolio}} --as-of {quoted}", True, given)
        yield Case(f"{quoted} rules show", True, given)
        yield Case(f"rules show --format {quoted}", True, given)
        yield Case(f"report --html {{folder}} --as-of {quoted}", True, given)
    yield from _locale_cases()
    yield from _format_cases(given)


#: Formats no command prints: empty, a near miss, a NUL byte, huge, an option.
BAD_FORMATS = ["", "JSON", "xml", "tsv", "csv\x00", "x" * 10_000, "--json", "table,json"]


def _format_cases(given: tuple[tuple[str, bytes], ...]) -> Iterator[Case]:
    """Every command with a ``--format`` it does not take, with ``--format`` and
    ``--json`` both, and (possibly valid) with each format in odd locales."""
    commands = [
        "points estimate --amount 1000 --currency EUR --market DE --date 2025-08-01",
        "points convert --points 1 --currency EUR --market DE --track sourced",
        "surveys nps --exclude-missing {nps}",
        "clients {portfolio} --as-of 2025-08-01",
        "engagement {portfolio}",
        "tiers evaluate --thresholds {thresholds} --sourced 1 --as-of 2025-08-01",
        "tiers check {thresholds}",
        "rules show --date 2025-08-01",
        "rules check {thresholds}",
    ]
    for command in commands:
        for value in BAD_FORMATS:
            yield Case(f"{command} --format {shlex.quote(value)}", True, given)
        yield Case(f"{command} --format csv --json", True, given)
        yield Case(f"{command} --format", True, given)
        for value in ("table", "json", "csv"):
            for locale in ("sv_SE.UTF-8", "ja", "C", "pt-BR"):
                yield Case(f"{command} --format {value} --locale {locale}", False, given)


#: Locales no one speaks: empty, a NUL byte, huge, a path.
BAD_LOCALES = ["", "\x00", "sv\x00", "x" * 10_000, "../../etc", "sv_SE/../..", "--", "-"]
#: Locales written the ways machines write them.
ODD_LOCALES = ["sv_SE.UTF-8@euro", "no", "C", "POSIX", "C.UTF-8", "it_IT.ISO8859-1", "NB"]


def _locale_cases() -> Iterator[Case]:
    estimate = "points estimate --amount 1000 --currency EUR --market DE --date 2025-08-01"
    for value in BAD_LOCALES:
        yield Case(f"--locale {shlex.quote(value)} {estimate}", True)
        yield Case(f"{estimate} --locale={shlex.quote(value)}", True)
        yield Case(f"rules show --locale {shlex.quote(value)} --help", True)
    for value in ODD_LOCALES:
        yield Case(f"--locale {shlex.quote(value)} {estimate}", False)
        yield Case(f"{estimate} --locale {shlex.quote(value)}", False)
    yield Case(f"{estimate} --locale", True)


def cases() -> list[Case]:
    """Every hostile command line."""
    return [*_points_cases(), *_file_cases(), *_option_cases()]


@dataclass(frozen=True)
class Outcome:
    """How one case ended: its exit status, what it wrote to standard error, how long
    it took, and the exception that escaped, if one did."""

    case: Case
    status: int | None
    err: str
    seconds: float
    escaped: str | None

    @property
    def kind(self) -> str:
        """One of: clean error, done, traceback, silent wrong, over time, raw control
        (a control character on standard error, other than its line ends)."""
        if self.escaped is not None:
            return "over time" if self.escaped == "timeout" else "traceback"
        if self.seconds > TIME_LIMIT:
            return "over time"
        if self.status == 0:
            return "silent wrong" if self.case.must_fail else "done"
        if _RAW_CONTROL.search(self.err):
            return "raw control"
        lines = self.err.splitlines()
        if lines and all(line.startswith(("hubpartner", "usage:", " ")) for line in lines):
            return "clean error"
        return "traceback"


#: A character a terminal would take as a command, or that turns around what follows
#: it: the control characters but the line end, and the bidirectional controls.
_RAW_CONTROL = re.compile(
    "[\x00-\x09\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"
)


class _TimeoutError(Exception):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _TimeoutError


def run(case: Case, folder: Path) -> Outcome:
    """Run one case in-process through ``cli.main``, its files written in ``folder``."""
    names = {"missing": str(folder / "missing.csv"), "folder": str(folder)}
    for name, content in case.files:
        path = folder / f"{name}.data"
        path.write_bytes(content)
        names[name] = str(path)
    names.setdefault("rules_file", "")
    argv = shlex.split(case.argv.format(**names)) if case.argv else []
    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, TIME_LIMIT * 2)
    start = time.perf_counter()
    escaped = None
    status = None
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(argv)
    except _TimeoutError:
        escaped = "timeout"
    except SystemExit as exc:  # argparse's --help and --version
        status = int(exc.code or 0)
    except BaseException as exc:
        escaped = f"{type(exc).__name__}: {exc}"[:200]
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    return Outcome(case, status, err.getvalue(), time.perf_counter() - start, escaped)


def run_all(folder: Path) -> list[Outcome]:
    """Run every case; each in a fresh sub-folder of ``folder``."""
    outcomes = []
    for index, case in enumerate(cases()):
        place = folder / f"case{index}"
        place.mkdir()
        outcomes.append(run(case, place))
    return outcomes


def tally(outcomes: list[Outcome]) -> Counter[str]:
    """How many cases ended in each way."""
    return Counter(outcome.kind for outcome in outcomes)
