"""The tiers commands."""

import json

from .helpers import EXAMPLES

THRESHOLDS = str(EXAMPLES / "thresholds.toml")


def test_evaluate_from_points_given_on_the_command_line(cli):
    code, out, err = cli(
        f"tiers evaluate --thresholds {THRESHOLDS} --sold 100 --managed 200 --as-of 2025-08-01",
    )
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Tier on 2025-08-01: Platinum"
    assert lines[3].split() == ["track", "held", "for", "Diamond", "gap", "to", "keep", "Platinum"]
    assert lines[4].split() == ["combined", "300", "700", "400", "300"]
    assert lines[-1] == "To reach Diamond: total points 300 < 700; sold points (sourced) 100 < 140"


def test_evaluate_from_a_points_file_as_json(cli):
    code, out, _ = cli(
        f"tiers evaluate --thresholds {THRESHOLDS} --points-file "
        f"{EXAMPLES / 'points-ledger.csv'} --as-of 2025-08-15 --json",
    )
    assert code == 0
    data = json.loads(out)
    assert (data["tier"], data["next"]) == ("platinum", "diamond")
    assert data["points"] == {
        "sourced": "300",
        "assisted": "60",
        "managed": "313.85",
        "total": "673.85",
    }
    assert data["progress"][0]["gap"] == "26.15"


def test_no_certification_no_tier(cli):
    code, out, _ = cli(
        f"tiers evaluate --thresholds {THRESHOLDS} --sold 500 --managed 900 --not-certified "
        "--as-of 2025-08-01",
    )
    assert code == 0
    assert out.splitlines()[0] == (
        "Tier on 2025-08-01: no tier (no valid Solutions Partner certification)"
    )


def test_history_month_by_month(cli):
    code, out, _ = cli(
        f"tiers history {EXAMPLES / 'tier-history.csv'} --thresholds {THRESHOLDS} "
        "--credited diamond",
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["month", "met", "credited", "change", "reason"]
    assert lines[6].split()[:4] == ["2025-07", "Gold", "Platinum", "downgrade"]
    assert lines[7].split()[:4] == ["2025-08", "Diamond", "Diamond", "upgrade"]


def test_history_as_json(cli):
    code, out, _ = cli(
        f"tiers history {EXAMPLES / 'tier-history.csv'} --thresholds {THRESHOLDS} --json",
    )
    assert code == 0
    decisions = json.loads(out)
    assert decisions[0] == {
        "on": "2025-02-15",
        "met": "platinum",
        "credited": "platinum",
        "change": "upgrade",
        "reason": "met Platinum criteria",
    }


def test_bad_files_and_options_are_reported(cli, tmp_path):
    bad = tmp_path / "history.csv"
    bad.write_text(
        "month,sourced,assisted,managed,certified\n2025-13,1,0,0,yes\n2025-01,x,0,0,maybe\n"
    )
    code, out, err = cli(f"tiers history {bad} --thresholds {THRESHOLDS}")
    assert code == 2
    assert out == ""
    assert [line.split(": ")[3] for line in err.splitlines()] == ["line 2", "line 3"]
    assert "a month written YYYY-MM" in err
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(
        "date,client,track,points\n2025-01-01,c1,gifted,5\n2025-01-01,c1,sourced,5,x\n"
    )
    code, _, err = cli(f"tiers evaluate --thresholds {THRESHOLDS} --points-file {ledger}")
    assert code == 2
    assert len(err.splitlines()) == 2
    code, _, err = cli(f"tiers evaluate --thresholds {THRESHOLDS} --sold -5")
    assert code == 2
    assert "not a number of points" in err
    code, _, err = cli(f"tiers evaluate --thresholds {tmp_path / 'none.toml'} --sold 5")
    assert code == 2
    assert ": not found" in err


def test_points_that_are_not_numbers(cli):
    code, _, err = cli(f"tiers evaluate --thresholds {THRESHOLDS} --sold lots")
    assert code == 2
    assert "'lots' is not a number of points" in err


def test_the_top_tier_has_no_next_line(cli, tmp_path):
    short = tmp_path / "t.toml"
    short.write_text("[gold]\ntotal = 10\nsold_minimum = 1\n")
    code, out, _ = cli(f"tiers evaluate --thresholds {short} --sold 50 --as-of 2025-08-01")
    assert code == 0
    assert out.splitlines()[0] == "Tier on 2025-08-01: Gold"
    assert "To reach" not in out
