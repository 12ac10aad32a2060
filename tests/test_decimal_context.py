"""hubpartner computes and shows the same whatever decimal context its caller set up:
the current one (narrow, rounding down, trapping every signal, with tight exponents)
or ``decimal.DefaultContext`` changed before hubpartner was imported, which every
context built without all its settings copies.

A tour of what reads, computes and shows numbers (the command line's estimate and
report, the presenter's reading and writing, charts, plots, records) is run in
Python's own context first, then under each of the others, and must give the same
text, raise nothing, and leave the caller's context as it was."""

from __future__ import annotations

import contextlib
import decimal
import io
import json
import subprocess
import sys
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import matplotlib
import pytest
from matplotlib.figure import Figure

from hubpartner import plots, records
from hubpartner._html import svg_line_chart
from hubpartner.cli import main
from hubpartner.errors import HubPartnerError
from hubpartner.present import Presenter, read_money, read_number
from hubpartner.surveys import WeightedNpsTally

matplotlib.use("Agg")

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "docs" / "examples"
PLAN = [
    *("--ledger", str(EXAMPLES / "points-ledger.csv")),
    *("--portfolio", str(EXAMPLES / "portfolio.csv")),
    *("--thresholds", str(EXAMPLES / "thresholds.toml")),
    *("--prices", str(EXAMPLES / "prices.toml")),
    *("--events", str(EXAMPLES / "managed-events.csv")),
    *("--as-of", "2025-08-01"),
]

EVERY_SIGNAL = [
    decimal.Clamped,
    decimal.DivisionByZero,
    decimal.FloatOperation,
    decimal.Inexact,
    decimal.InvalidOperation,
    decimal.Overflow,
    decimal.Rounded,
    decimal.Subnormal,
    decimal.Underflow,
]

HOSTILE = {
    "narrow, rounding down, lower-case exponents": {
        "prec": 3,
        "rounding": decimal.ROUND_FLOOR,
        "capitals": 0,
    },
    "trapping every signal": {"traps": EVERY_SIGNAL},
    "tight exponents, clamped": {"Emax": 20, "Emin": -20, "clamp": 1},
}


def said(arguments: list[str]) -> str:
    """What the command line prints (and its status) for ``arguments``."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        status = main(arguments, environ={})
    return f"{status}\n{out.getvalue()}\n{err.getvalue()}"


def refusal(read: object, *arguments: object, **options: object) -> str:
    try:
        read(*arguments, **options)  # type: ignore[operator]
    except HubPartnerError as exc:
        return str(exc)
    return "accepted"


def tick_labels(values: list[float]) -> list[str]:
    ax = Figure().add_subplot()
    ax.plot(range(len(values)), values)
    plots._number_axis(ax.yaxis, Presenter("fr"))
    ax.figure.canvas.draw()
    formatter = ax.yaxis.get_major_formatter()
    return [label.get_text() for label in ax.yaxis.get_ticklabels()] + [formatter(-0.0)]


def tour() -> list[str]:
    """What the tour prints: one text for each thing it shows."""
    estimate = [
        "points",
        "estimate",
        "--amount",
        "1234.56",
        "--currency",
        "GBP",
        "--market",
        "BR",
        "--track",
        "sourced",
        "--manage",
        "--other-partners",
        "2",
        "--date",
        "2025-08-01",
    ]
    french, swedish = Presenter("fr"), Presenter("sv")
    weighted = WeightedNpsTally.from_scores([10, 9, 3, 7], [0.1, 2.5, 1 / 3, 1e-7])
    return [
        said(["--locale", "sv", *estimate]),
        said([*estimate, "--json"]),
        said(["--locale", "it", "report", "--as-of", "2025-08-01"]),
        said(["report", "--as-of", "2025-08-01", "--json"]),
        said(["report", "--as-of", "2025-08-01", "--html", "-"]),
        said(["--locale", "nb", "plan", *PLAN, "--target", "diamond"]),
        french.percent(Fraction(2, 3), places=2),
        swedish.percent(Decimal("0.99995"), places=3),
        french.number(Fraction(1, 7), places=6),
        swedish.money(read_money("1\xa0234,50\xa0kr", currency="SEK", locale="sv")),
        str(read_number("1 290,50", locale="sv")),
        str(read_number("1.290.000", locale="it")),
        refusal(read_number, "1,000", locale="sv"),
        refusal(read_number, "abc", locale="de"),
        svg_line_chart(
            {"a": [Decimal("999999999999999.9"), Decimal("-999999999999999.9")]},
            x_labels=["x", "y"],
            y_label="points",
            locale="sv",
        ),
        svg_line_chart({"a": [0.1, 1234567.891, 3.5]}, x_labels=["a", "b", "c"], y_label="p"),
        json.dumps(tick_labels([0.0, 9.99e14])),
        json.dumps(tick_labels([0.1, 0.30000000000000004, 0.7])),
        json.dumps(records.to_record(weighted), sort_keys=True),
    ]


@pytest.fixture(scope="module")
def expected() -> list[str]:
    with decimal.localcontext(decimal.Context()):
        return tour()


def test_the_tour_shows_what_it_shows_in_pythons_own_context(expected):
    assert "totalt                    177,95" in expected[0]
    assert '"total": "177.95"' in expected[1]
    assert all(shown.startswith("0\n") for shown in expected[:6])
    assert expected[6:12] == [
        "66,67\xa0%",
        "99,995\xa0%",
        "0,142857",
        "1\xa0234,50\xa0kr",
        "1290.50",
        "1290000",
    ]
    assert "(as 1\xa0000,00)" in expected[12]
    assert "such as 1.234,5" in expected[13]
    # an axis of values near the largest a user gives reaches past it
    assert 'data-tick="1000000000000000">1\xa0000\xa0000\xa0000\xa0000\xa0000<' in expected[14]
    assert json.loads(expected[16])[-3:] == [
        "1\u202f000\u202f000\u202f000\u202f000\u202f000",
        "1\u202f200\u202f000\u202f000\u202f000\u202f000",
        "0",
    ]
    assert json.loads(expected[17]) == ["0", *(f"0,{tenth}" for tenth in range(1, 9)), "0"]
    assert json.loads(expected[18])["promoters"] == "93674872249306317/36028797018963968"


@pytest.mark.parametrize("settings", HOSTILE.values(), ids=list(HOSTILE))
def test_the_tour_is_alike_in_any_current_context(expected, settings):
    with decimal.localcontext(decimal.Context(**settings)) as current:
        before = current.copy()
        assert tour() == expected
        assert not any(current.flags.values())
        assert repr(current) == repr(before)


def test_the_tour_is_alike_when_the_default_context_was_changed_before_import(expected):
    changed = (
        "import decimal, json, sys\n"
        "default = decimal.DefaultContext\n"
        "default.prec, default.rounding, default.capitals = 3, decimal.ROUND_FLOOR, 0\n"
        "default.clamp, default.Emax, default.Emin = 1, 20, -20\n"
        "for signal in (decimal.Inexact, decimal.Rounded, decimal.FloatOperation):\n"
        "    default.traps[signal] = True\n"
        "decimal.setcontext(default.copy())\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "from tests.test_decimal_context import tour\n"
        "print(json.dumps(tour()))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", changed], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert json.loads(done.stdout) == expected
