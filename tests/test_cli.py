"""The command line: parser, exit codes, errors common to all commands, entry points."""

import io
import json
import shlex
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from hubpartner import cli as cli_module
from hubpartner import rules
from hubpartner.cli import main

from .helpers import ESTIMATE, EXAMPLES


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (
            "points estimate --amount 1000 --currency SEK --market SE --date 2025-08-01",
            "--rate SEK=AMOUNT",
        ),
        (
            "points estimate --amount 1,5 --currency EUR --market DE",
            "--amount: '1,5' is not accepted; expected a number written as in en",
        ),
        (
            "points estimate --amount 1e3 --currency EUR --market DE",
            "argument --amount: '1e3' is not an amount of 0 or more",
        ),
        (
            "points estimate --amount 1000 --currency EUROO --market DE",
            "--currency: 'EUROO' is neither a currency code nor the name of a currency",
        ),
        (
            "points estimate --amount 1000 --currency EUR --market Germanie",
            "--market: 'Germanie' is neither a country code nor the name of a country",
        ),
        (
            "points estimate --amount -5 --currency EUR --market DE",
            "0 or more",
        ),
        (
            "points estimate --amount 5 --currency EUR --market DE --other-partners 2",
            "--other-partners needs --manage",
        ),
        (
            "points estimate --amount 5 --currency EUR --market DE --date 2021-10-01",
            "--date 2021-10-01 is before 2022-07-18",
        ),
        (
            "points estimate --amount 5 --currency EUR --market DE --date 01/10/2025",
            "expected YYYY-MM-DD",
        ),
        (
            "points estimate --amount 5 --currency EUR --market DE --track gold",
            "expected sourced, assisted or managed",
        ),
        (
            "points estimate --amount 5 --currency EUR --market DE --rate SEK",
            "expected CODE=AMOUNT",
        ),
        (
            (
                "points estimate --amount 5 --currency EUR --market DE "
                "--date 2025-08-01 --rules x.toml"
            ),
            "not allowed with argument",
        ),
        ("points estimate --currency EUR", "required"),
        (
            "points convert --currency EUR --market DE --track sourced",
            "one of the arguments --amount --points is required",
        ),
        ("rules frobnicate", "invalid choice"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_status_2(cli, argv, fragment):
    code, out, err = cli(argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("hubpartner")
    assert ": error: " in err
    assert "error: hubpartner" not in err  # the command is named once
    assert fragment in err
    assert "Traceback" not in err


def test_an_argument_error_names_the_command_it_is_about(cli):
    code, _, err = cli("points estimate --amount 5 --currency EUR --market DE --track gold")
    assert code == 2
    assert err.startswith("hubpartner points estimate: error: argument --track: ")


def test_without_a_command_it_prints_its_usage(cli):
    code, out, err = cli("")
    assert code == 2
    assert out == ""
    assert err.startswith("usage: hubpartner [-h] [--locale LOCALE] [--version]")
    assert err.splitlines()[-1] == (
        "hubpartner: error: choose a command; `hubpartner --help` says what each does"
    )


def test_a_refused_file_exits_1_and_says_what_is_wrong_with_it(cli, tmp_path):
    missing = tmp_path / "rules.toml"
    code, out, err = cli(
        "points estimate --amount 5 --currency EUR --market DE --rules", str(missing)
    )
    assert (code, out) == (1, "")
    assert err == f"hubpartner: error: {missing}: not found\n"


def test_a_file_argument_of_a_dash_reads_standard_input(cli, monkeypatch):
    stdin = io.StringIO(rules.dumps(rules.published()[0]))
    stdin.name = "<stdin>"
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, err = cli("rules check -")
    assert (code, err) == (0, "")
    assert out.startswith("<stdin>: ok, rules effective July 18, 2022")


def test_the_exit_statuses_are_named():
    assert (cli_module.EXIT_OK, cli_module.EXIT_BAD_DATA, cli_module.EXIT_USAGE) == (0, 1, 2)


def test_version(capsys):
    from importlib.metadata import version

    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"hubpartner {version('hubpartner')}"


def test_help_exits_zero(capsys):
    with pytest.raises(SystemExit) as caught:
        main(["points", "estimate", "--help"])
    assert caught.value.code == 0
    assert "--other-partners" in capsys.readouterr().out


def _console_script() -> str:
    script = Path(sys.executable).with_name("hubpartner")
    assert script.exists(), "the hubpartner console script is installed with the package"
    return str(script)


def test_installed_console_script_runs():
    done = subprocess.run(
        [_console_script(), *shlex.split(ESTIMATE), "--json"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == "62.50"


def test_installed_console_script_reports_errors_without_a_traceback():
    done = subprocess.run(
        [
            _console_script(),
            "points",
            "estimate",
            "--amount",
            "1.5e",
            "--currency",
            "EUR",
            "--market",
            "DE",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.startswith("hubpartner points estimate: error: argument --amount: ")
    assert "'1.5e'" in done.stderr
    assert "Traceback" not in done.stderr


def test_python_dash_m_runs_the_same_command():
    done = subprocess.run(
        [sys.executable, "-m", "hubpartner", "rules", "show", "--date", "2025-07-15"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert rules.loads(done.stdout).effective.isoformat() == "2025-07-15"


def test_library_errors_from_any_command_are_one_line_without_a_traceback(cli):
    # the points command words its own refusals; other commands still reach the
    # general handler: here a day before any rules
    thresholds = str(EXAMPLES / "thresholds.toml")
    code, out, err = cli(
        f"tiers evaluate --thresholds {thresholds} --sourced 5 --as-of 2021-08-01"
    )
    assert (code != 0, out, err.count("\n")) == (True, "", 1)
    assert "before 2022-07-18" in err
    assert "rules.load" not in err  # the library's advice, not the command line's
    assert "Traceback" not in err


@pytest.mark.parametrize(
    ("command", "example", "expected"),
    [
        ("surveys nps --exclude-missing -", "nps-responses.csv", "NPS of <stdin>:"),
        ("surveys csat -", "csat-responses.csv", "CSAT of <stdin>:"),
        ("clients --as-of 2025-08-01 -", "portfolio.csv", "Alerts: 2 upcoming"),
        ("engagement -", "portfolio.csv", "Platform Engagement Index of 5 clients"),
        ("tiers check -", "thresholds.toml", "<stdin>: ok, thresholds for"),
        (
            f"tiers history - --thresholds {EXAMPLES / 'thresholds.toml'}",
            "tier-history.csv",
            "month",
        ),
        (
            f"tiers evaluate --thresholds {EXAMPLES / 'thresholds.toml'} --as-of 2025-08-15 "
            "--points-file -",
            "points-ledger.csv",
            "Tier on August 15, 2025:",
        ),
        (
            "points estimate --amount 1000 --currency EUR --market DE --rules -",
            None,
            "rules effective July 15, 2025",
        ),
    ],
)
def test_every_file_argument_reads_standard_input_as_a_dash(
    cli, monkeypatch, command, example, expected
):
    text = (
        (EXAMPLES / example).read_text(encoding="utf-8")
        if example
        else rules.dumps(rules.for_date(date(2025, 8, 1)))
    )
    stdin = io.StringIO(text)
    stdin.name = "<stdin>"
    monkeypatch.setattr("sys.stdin", stdin)
    code, out, err = cli(command)
    assert (code, err) == (0, "")
    assert expected in out


def test_standard_input_is_read_in_the_encoding_given(cli, monkeypatch):
    # Excel's Norwegian CSV is cp1252 (a no-break space groups the thousands)
    written = (EXAMPLES / "excel-nb" / "portfolio.csv").read_bytes()
    assert b"\xa0" in written
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(written), encoding="utf-8"))
    code, out, err = cli("clients --as-of 2025-08-01 --encoding cp1252 --locale nb -")
    assert (code, err) == (0, "")
    assert "Klienter (5)" in out
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(written), encoding="utf-8"))
    code, _, err = cli("clients --as-of 2025-08-01 --locale nb -")
    assert code == 1
    assert "0xA0" in err
    assert "--encoding cp1252" in err
