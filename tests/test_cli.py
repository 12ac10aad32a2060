"""The command line: parser, exit codes, errors common to all commands, entry points."""

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

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
            "points estimate --amount 1,000 --currency EUR --market DE",
            "amount: '1,000'",
        ),
        (
            "points estimate --amount 1000 --currency EURO --market DE",
            "--currency: 'EURO' is not a currency code",
        ),
        (
            "points estimate --amount 1000 --currency EUR --market Germany",
            "--market: 'Germany' is not a country code",
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
        (
            (
                "points estimate --amount 5 --currency EUR --market DE "
                "--rules /nonexistent/rules.toml"
            ),
            "cannot be read",
        ),
        ("rules frobnicate", "invalid choice"),
        ("", "required"),
    ],
)
def test_bad_input_is_one_line_on_stderr_with_status_2(cli, argv, fragment):
    code, out, err = cli(argv)
    assert code == 2
    assert out == ""
    assert err.count("\n") == 1
    assert err.startswith("hubpartner: error: ")
    assert fragment in err
    assert "Traceback" not in err


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
    assert done.stderr.startswith("hubpartner: error: ")
    assert "--amount: '1.5e'" in done.stderr
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
    assert "Traceback" not in err
