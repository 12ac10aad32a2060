"""The points commands: estimate and convert."""

import json

from hubpartner import rules

from .helpers import ESTIMATE


def test_estimate_prints_sold_managed_and_total(cli):
    code, out, err = cli(ESTIMATE)
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


def test_estimate_json_has_decimal_strings(cli):
    code, out, _ = cli(ESTIMATE, "--json")
    assert code == 0
    data = json.loads(out)
    assert (data["sold"], data["managed"], data["total"]) == ("56.82", "5.68", "62.50")
    assert data["rules_effective"] == "2025-07-15"
    assert data["partners"] == 2
    assert data["growth_market"] is False
    # the exact total is computed from the exact points, not the rounded parts
    assert data["exact"]["total"] == "62.5"
    assert data["exact"]["sold"] == "56.81818181818181818181818181818181818182"


def test_estimate_in_a_growth_market_under_older_rules(cli):
    code, out, _ = cli(
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


def test_estimate_text_without_managing(cli):
    code, out, _ = cli(
        "points estimate --amount 1000 --currency USD --market US --date 2025-08-01",
    )
    assert code == 0
    assert "not managed" in out
    assert out.splitlines()[-1].split() == ["total", "50.00"]


def test_estimate_with_a_rules_file_and_an_extra_rate(cli, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(rules.dumps(rules.published()[-1]), encoding="utf-8")
    code, out, _ = cli(
        "points estimate --amount 1100 --currency SEK --market SE --rules",
        str(path),
        "--rate",
        "SEK=1100",
        "--json",
    )
    assert code == 0
    assert json.loads(out)["sold"] == "5.00"


def test_convert_money_to_points(cli):
    code, out, _ = cli(
        "points convert --amount 880 --currency EUR --market DE --track managed --date 2025-08-01",
    )
    assert code == 0
    assert out.strip() == (
        "EUR 880 MRR, client in DE (Germany), not a growth market, managed: "
        "10.00 points (rules 2025-07-15)"
    )


def test_convert_points_to_money(cli):
    code, out, _ = cli(
        (
            "points convert --points 50 --currency JPY --market JP "
            "--track sourced --date 2025-08-01 --json"
        ),
    )
    assert code == 0
    data = json.loads(out)
    assert (data["amount"], data["currency"], data["points"]) == ("144000", "JPY", "50")


def test_convert_points_to_money_text(cli):
    code, out, _ = cli(
        "points convert --points 10 --currency EUR --market DE --track sourced --date 2025-08-01",
    )
    assert code == 0
    assert "EUR 176.00 MRR" in out


def test_convert_money_to_points_json(cli):
    code, out, _ = cli(
        (
            "points convert --amount 1000 --currency EUR --market BR "
            "--track sourced --date 2025-08-01 --json"
        ),
    )
    assert code == 0
    data = json.loads(out)
    assert data["points"] == "113.64"
    assert data["exact_points"].startswith("113.636363")
