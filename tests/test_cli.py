"""The command line: real entry points, output and exit codes."""

import json
import shlex
import subprocess
import sys
from pathlib import Path

import pytest

from hubpartner import rules
from hubpartner.cli import main

ESTIMATE = (
    "points estimate --amount 1000 --currency EUR --market DE --track sourced --manage "
    "--other-partners 1 --date 2025-08-01"
)


def run(capsys, command, *extra):
    code = main([*shlex.split(command), *extra])
    out, err = capsys.readouterr()
    return code, out, err


def test_estimate_prints_sold_managed_and_total(capsys):
    code, out, err = run(capsys, ESTIMATE)
    assert code == 0
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == (
        "Points estimate for EUR 1000 MRR, client in DE (Germany), not a growth market"
    )
    assert lines[1] == "rules effective 2025-07-15, points rounded half-up to 2 places"
    assert lines[2].split() == ["sold", "(sourced)", "56.82"]
    assert lines[3].split() == ["managed", "5.68", "shared", "by", "2", "partners"]
    assert lines[4].split() == ["total", "62.50"]


def test_estimate_json_has_decimal_strings(capsys):
    code, out, _ = run(capsys, ESTIMATE, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["sold"], data["managed"], data["total"]) == ("56.82", "5.68", "62.50")
    assert data["rules_effective"] == "2025-07-15"
    assert data["partners"] == 2
    assert data["growth_market"] is False
    assert data["exact"]["total"].startswith("62.5000000000")


def test_estimate_in_a_growth_market_under_older_rules(capsys):
    code, out, _ = run(
        capsys,
        (
            "points estimate --amount 1000 --currency USD --market in "
            "--track assisted --date 2024-01-10 --json"
        ),
    )
    assert code == 0
    data = json.loads(out)
    assert data["rules_effective"] == "2022-07-18"
    assert (data["sold"], data["managed"], data["total"], data["partners"]) == (
        "60.00",
        "0.00",
        "60.00",
        0,
    )
    assert data["growth_market"] is True


def test_estimate_text_without_managing(capsys):
    code, out, _ = run(
        capsys,
        "points estimate --amount 1000 --currency USD --market US --date 2025-08-01",
    )
    assert code == 0
    assert "not managed" in out
    assert out.splitlines()[-1].split() == ["total", "50.00"]


def test_estimate_with_a_rules_file_and_an_extra_rate(capsys, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(rules.dumps(rules.published()[-1]), encoding="utf-8")
    code, out, _ = run(
        capsys,
        "points estimate --amount 1100 --currency SEK --market SE --rules",
        str(path),
        "--rate",
        "SEK=1100",
        "--json",
    )
    assert code == 0
    assert json.loads(out)["sold"] == "5.00"


def test_convert_money_to_points(capsys):
    code, out, _ = run(
        capsys,
        "points convert --amount 880 --currency EUR --market DE --track managed --date 2025-08-01",
    )
    assert code == 0
    assert out.strip() == (
        "EUR 880 MRR, client in DE (Germany), not a growth market, managed: "
        "10.00 points (rules 2025-07-15)"
    )


def test_convert_points_to_money(capsys):
    code, out, _ = run(
        capsys,
        (
            "points convert --points 50 --currency JPY --market JP "
            "--track sourced --date 2025-08-01 --json"
        ),
    )
    assert code == 0
    data = json.loads(out)
    assert (data["amount"], data["currency"], data["points"]) == ("144000", "JPY", "50")


def test_convert_points_to_money_text(capsys):
    code, out, _ = run(
        capsys,
        "points convert --points 10 --currency EUR --market DE --track sourced --date 2025-08-01",
    )
    assert code == 0
    assert "EUR 176.00 MRR" in out


def test_convert_money_to_points_json(capsys):
    code, out, _ = run(
        capsys,
        (
            "points convert --amount 1000 --currency EUR --market BR "
            "--track sourced --date 2025-08-01 --json"
        ),
    )
    assert code == 0
    data = json.loads(out)
    assert data["points"] == "113.64"
    assert data["exact_points"].startswith("113.636363")


def test_rules_show_prints_a_loadable_rule_set(capsys):
    code, out, _ = run(capsys, "rules show --date 2024-06-01")
    assert code == 0
    assert rules.loads(out) == rules.published()[1]


def test_rules_check_accepts_a_good_file(capsys, tmp_path):
    path = tmp_path / "good.toml"
    path.write_text(rules.dumps(rules.published()[0]), encoding="utf-8")
    code, out, _ = run(capsys, "rules check", str(path))
    assert code == 0
    assert (
        out.strip()
        == f"{path}: ok, rules effective 2022-07-18 (Solutions Partner Program points, 2022-07-18)"
    )


def test_rules_check_reports_every_problem_one_per_line(capsys, tmp_path):
    path = tmp_path / "bad.toml"
    text = rules.dumps(rules.published()[0])
    text = text.replace("sourced = 3", "sourced = -3").replace("USD = 100", "USD = 0")
    path.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "rules check", str(path))
    assert code == 2
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"hubpartner: error: {path}: points_per_usd_100.sourced: ")
    assert lines[1].startswith(f"hubpartner: error: {path}: currencies.USD: ")


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
            "'EURO' is not an ISO 4217",
        ),
        (
            "points estimate --amount 1000 --currency EUR --market Germany",
            "'Germany' is not an ISO 3166-1",
        ),
        (
            "points estimate --amount -5 --currency EUR --market DE",
            "0 or more",
        ),
        (
            "points estimate --amount 5 --currency EUR --market DE --other-partners 2",
            "other_partners",
        ),
        (
            "points estimate --amount 5 --currency EUR --market DE --date 2021-10-01",
            "no points model",
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
def test_bad_input_is_one_line_on_stderr_with_status_2(capsys, argv, fragment):
    code, out, err = run(capsys, argv)
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
    assert done.stderr.startswith("hubpartner: error: amount: '1.5e'")
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
