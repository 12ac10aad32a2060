"""The tiers commands."""

import json

import pytest

from hubpartner import rules

from .helpers import EXAMPLES

THRESHOLDS = str(EXAMPLES / "thresholds.toml")


def test_evaluate_from_points_given_on_the_command_line(cli):
    code, out, err = cli(
        f"tiers evaluate --thresholds {THRESHOLDS} --sourced 100 --managed 200 --as-of 2025-08-01",
    )
    assert code == 0, err
    assert err == ""
    lines = out.splitlines()
    assert lines[0] == "Tier on August 1, 2025: Platinum"
    assert lines[3].split() == ["track", "held", "for", "Diamond", "gap", "to", "keep", "Platinum"]
    assert lines[4].split() == ["combined", "300", "700", "400", "300"]
    # the sold minimum counts sourced points only from 2025-07-15: its row says so
    assert lines[5].split() == ["sourced", "100", "140", "40", "60"]
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
        f"tiers evaluate --thresholds {THRESHOLDS} --sourced 500 --managed 900 --not-certified "
        "--as-of 2025-08-01",
    )
    assert code == 0
    assert out.splitlines()[0] == (
        "Tier on August 1, 2025: no tier (no valid Solutions Partner certification)"
    )


def test_history_month_by_month(cli):
    code, out, _ = cli(
        f"tiers history {EXAMPLES / 'tier-history.csv'} --thresholds {THRESHOLDS} "
        "--credited diamond",
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].split()[:5] == ["month", "met", "credited", "change", "reason"]
    assert lines[6].split()[:5] == ["July", "2025", "Gold", "Platinum", "downgrade"]
    assert lines[7].split()[:5] == ["August", "2025", "Diamond", "Diamond", "upgrade"]


def test_history_as_json_is_an_object(cli):
    code, out, _ = cli(
        f"tiers history {EXAMPLES / 'tier-history.csv'} --thresholds {THRESHOLDS} --json",
    )
    assert code == 0
    data = json.loads(out)
    assert isinstance(data, dict)
    assert (data["file"], data["credited_before"], data["credited"]) == (
        str(EXAMPLES / "tier-history.csv"),
        None,
        "diamond",
    )
    assert data["decisions"][0] == {
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
    assert code == 1
    assert out == ""
    assert [line.split(": ")[3] for line in err.splitlines()] == ["line 2", "line 3"]
    assert "a month written YYYY-MM" in err
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(
        "date,client,track,points\n2025-01-01,c1,gifted,5\n2025-01-01,c1,sourced,5,x\n"
    )
    code, _, err = cli(f"tiers evaluate --thresholds {THRESHOLDS} --points-file {ledger}")
    assert code == 1
    assert len(err.splitlines()) == 2
    code, _, err = cli(f"tiers evaluate --thresholds {THRESHOLDS} --sourced -5")
    assert code == 2
    assert "not a number of points" in err
    code, _, err = cli(f"tiers evaluate --thresholds {tmp_path / 'none.toml'} --sourced 5")
    assert code == 1
    assert ": not found" in err


def test_points_that_are_not_numbers(cli):
    code, _, err = cli(f"tiers evaluate --thresholds {THRESHOLDS} --sourced lots")
    assert code == 2
    assert "'lots' is not a number of points" in err


def test_the_top_tier_has_no_next_line(cli, tmp_path):
    short = tmp_path / "t.toml"
    short.write_text("[gold]\ntotal = 10\nsold_minimum = 1\n")
    code, out, _ = cli(f"tiers evaluate --thresholds {short} --sourced 50 --as-of 2025-08-01")
    assert code == 0
    assert out.splitlines()[0] == "Tier on August 1, 2025: Gold"
    assert "To reach" not in out


# -- which points: a file, or any of the point options --------------------------------------

EVALUATE = f"tiers evaluate --thresholds {THRESHOLDS} --as-of 2025-08-01"


def test_any_of_the_point_options_alone_and_the_others_are_zero(cli):
    code, out, err = cli(f"{EVALUATE} --managed 200")
    assert code == 0, err
    assert out.splitlines()[1] == "Points: sourced 0, assisted 0, managed 200, total 200"
    code, out, _ = cli(f"{EVALUATE} --assisted 30 --json")
    assert json.loads(out)["points"] == {
        "sourced": "0",
        "assisted": "30",
        "managed": "0",
        "total": "30",
    }


def test_evaluate_needs_some_points(cli):
    code, out, err = cli(EVALUATE)
    assert code == 2
    assert out == ""
    assert "give --points-file, or one or more of --sourced, --assisted and --managed" in err


@pytest.mark.parametrize("option", ["--managed 5", "--assisted 5", "--sourced 5", "--sold 5"])
def test_a_point_option_beside_a_points_file_is_refused_not_ignored(cli, option):
    ledger = EXAMPLES / "points-ledger.csv"
    for command in (
        f"{EVALUATE} --points-file {ledger} {option}",
        f"{EVALUATE} {option} --points-file {ledger}",
    ):
        code, out, err = cli(command)
        assert code == 2, command
        assert out == ""
        assert f"{option.split()[0]} cannot be combined with --points-file" in err


def test_sold_is_a_deprecated_name_for_sourced(cli):
    code, out, err = cli(f"{EVALUATE} --sold 100 --managed 200")
    assert code == 0
    assert out == cli(f"{EVALUATE} --sourced 100 --managed 200")[1]
    assert err == (
        "hubpartner: note: --sold is deprecated: it gives sourced points, the ones the sold "
        "minimum counts from 2025-07-15; use --sourced\n"
    )
    code, _, err = cli(f"{EVALUATE} --sold 100 --sourced 100")
    assert code == 2
    assert "not allowed with argument" in err


def test_the_json_says_which_points_the_sold_minimum_counts(cli):
    _, out, _ = cli(f"{EVALUATE} --sourced 100 --assisted 40 --managed 200 --json")
    data = json.loads(out)
    assert data["sold_minimum_counts"] == ["sourced"]
    assert [t["track"] for t in data["progress"]] == ["combined", "sourced", "managed"]
    _, before, _ = cli(
        f"tiers evaluate --thresholds {THRESHOLDS} --as-of 2025-01-01 --sourced 100 "
        "--assisted 40 --json"
    )
    data = json.loads(before)
    assert data["sold_minimum_counts"] == ["sourced", "assisted"]
    assert data["progress"][1] == {
        "track": "sold",
        "held": "140",
        "next_required": "60",
        "gap": "0",
        "keep_required": "20",
    }


# -- every value evaluate takes ------------------------------------------------------------

ELITE = (
    "--sourced 500 --managed 1600 --activities 40 --invited --customer-retention 0.9 "
    "--dollar-retention 0.9 --certifications 120"
)


def test_elites_requirements_can_be_given_on_the_command_line(cli):
    code, out, err = cli(f"{EVALUATE} {ELITE}")
    assert code == 0, err
    assert out.splitlines()[0] == "Tier on August 1, 2025: Elite"
    code, out, _ = cli(f"{EVALUATE} {ELITE.replace('--invited ', '')} --json")
    data = json.loads(out)
    assert data["tier"] == "diamond"
    assert data["unmet"]["elite"] == ["Elite is by invitation"]
    assert data["elite"] == {
        "invited": False,
        "customer_retention": "0.9",
        "dollar_retention": "0.9",
        "certifications": 120,
    }
    assert data["activities"] == 40


@pytest.mark.parametrize(
    ("option", "message"),
    [
        ("--customer-retention 1.5", "'1.5' is not a share from 0 to 1"),
        ("--dollar-retention 85%", "'85%' is not a share from 0 to 1"),
        ("--certifications -1", "'-1' is not a whole number from 0 to 1,000,000,000"),
    ],
)
def test_bad_elite_values_are_refused(cli, option, message):
    code, out, err = cli(f"{EVALUATE} --sourced 5 {option}")
    assert code == 2
    assert out == ""
    assert message in err


# -- a ledger whose points are not active today -----------------------------------------------


def write(path, text):
    path.write_text(text, encoding="utf-8")
    return path


def refused(cli, command, *extra):
    """Standard error of a command that must fail and print nothing."""
    code, out, err = cli(command, *extra)
    assert code != 0
    assert out == ""
    return err


def evaluate_ledger(cli, ledger):
    """Standard error of ``tiers evaluate`` on a ledger, without --as-of, refused."""
    return refused(cli, f"tiers evaluate --thresholds {THRESHOLDS} --points-file {ledger}")


def test_without_as_of_a_ledger_whose_points_all_expired_says_so(cli, tmp_path):
    ledger = write(
        tmp_path / "old.csv",
        "date,client,track,points\n2023-01-10,c1,sourced,50\n2023-03-01,c2,managed,7\n",
    )
    err = evaluate_ledger(cli, ledger)
    assert (
        f"all points in {ledger} expired by 2024-01-10; the latest deal is from 2023-01-10 "
        "and the latest managed month 2023-03" in err
    )
    assert "--as-of" in err
    # on a day you name, the zeros are what you asked for
    code, out, _ = cli(
        f"tiers evaluate --thresholds {THRESHOLDS} --points-file {ledger} --as-of 2025-01-01"
    )
    assert code == 0
    assert out.splitlines()[1] == "Points: sourced 0, assisted 0, managed 0, total 0"
    code, out, _ = cli(
        f"tiers evaluate --thresholds {THRESHOLDS} --points-file {ledger} --as-of 2023-02-01"
    )
    assert out.splitlines()[1] == "Points: sourced 50, assisted 0, managed 0, total 50"


def test_without_as_of_a_ledger_of_later_points_or_none_says_so(cli, tmp_path):
    later = write(tmp_path / "later.csv", "date,client,track,points\n2099-03-01,c1,sourced,5\n")
    err = evaluate_ledger(cli, later)
    assert f"the first point in {later} counts from 2099-03-01" in err
    empty = write(tmp_path / "empty.csv", "date,client,track,points\n")
    err = evaluate_ledger(cli, empty)
    assert f"{empty} holds no points" in err


def test_only_sold_points_that_expired_say_so_too(cli, tmp_path):
    ledger = write(tmp_path / "sold.csv", "date,client,track,points\n2023-01-10,c1,assisted,5\n")
    err = evaluate_ledger(cli, ledger)
    assert err.splitlines()[0].endswith(
        f"all points in {ledger} expired by 2024-01-10; the latest deal is from 2023-01-10; "
        "pass --as-of with such a day"
    )


def test_only_managed_points_that_ended_say_so_too(cli, tmp_path):
    ledger = write(tmp_path / "managed.csv", "date,client,track,points\n2023-03-01,c2,managed,7\n")
    err = evaluate_ledger(cli, ledger)
    assert f"all points in {ledger} expired by 2023-04-01; the latest managed month 2023-03" in err


# -- checking a thresholds file ---------------------------------------------------------------


def test_tiers_check_accepts_a_good_thresholds_file(cli):
    code, out, err = cli("tiers check", str(THRESHOLDS))
    assert code == 0, err
    assert out.strip() == f"{THRESHOLDS}: ok, thresholds for Gold, Platinum, Diamond and Elite"


def test_tiers_check_reports_every_problem_one_per_line(cli, tmp_path):
    path = write(
        tmp_path / "t.toml",
        "colour = 1\n[gold]\ntotal = -5\nsold_minimum = 1\n[platinum]\ntotal = 'x'\n",
    )
    err = refused(cli, "tiers check", str(path))
    lines = err.splitlines()
    assert [line.split(": ")[3] for line in lines] == [
        "colour",
        "gold.total",
        "platinum.total",
        "platinum.sold_minimum",
    ]
    ok = write(tmp_path / "gold.toml", "[gold]\ntotal = 10\nsold_minimum = 1\n")
    assert cli("tiers check", str(ok))[1].strip() == f"{ok}: ok, thresholds for Gold"


def test_checking_a_file_with_the_wrong_command_points_to_the_right_one(cli, tmp_path):
    err = refused(cli, "rules check", str(THRESHOLDS))
    first = err.splitlines()[0]
    assert first == (
        f"hubpartner: error: {THRESHOLDS}: (document): this looks like a tier thresholds "
        f"file; check it with: hubpartner tiers check {THRESHOLDS}"
    )
    rule_file = write(tmp_path / "r.toml", rules.dumps(rules.published()[-1]))
    err = refused(cli, "tiers check", str(rule_file))
    assert err.splitlines()[0] == (
        f"hubpartner: error: {rule_file}: (document): this looks like a rules file; check it "
        f"with: hubpartner rules check {rule_file}"
    )


# -- history ---------------------------------------------------------------------------------


def test_history_reports_a_month_missing_from_the_file(cli, tmp_path):
    path = write(
        tmp_path / "h.csv",
        "month,sourced,assisted,managed,certified\n2025-02,30,0,90,yes\n2025-04,30,0,90,yes\n",
    )
    err = refused(cli, f"tiers history {path} --thresholds {THRESHOLDS}")
    assert err.strip() == (
        "hubpartner: error: history: no record for the months 2025-03; expected a record for "
        "every month from 2025-02 to 2025-04"
    )


def test_history_reports_months_missing_instead_of_downgrading(cli, tmp_path):
    path = write(
        tmp_path / "h.csv",
        "month,sourced,assisted,managed,certified\n2025-05,30,0,90,yes\n2025-06,30,0,90,yes\n"
        "2025-07,30,0,90,yes\n",
    )
    err = refused(cli, f"tiers history {path} --thresholds {THRESHOLDS} --credited diamond")
    assert "no record for the months 2025-02, 2025-03, 2025-04" in err
    assert "--partial-windows" in err
    code, out, err = cli(
        f"tiers history {path} --thresholds {THRESHOLDS} --credited diamond --partial-windows"
    )
    assert code == 0, err
    assert out.splitlines()[-1].split()[:5] == ["July", "2025", "Gold", "Gold", "downgrade"]
    assert "judged on the 3 months of it the history holds" in out


def test_without_as_of_a_ledger_with_no_point_active_between_two_of_them_shows_zeros(
    cli, tmp_path
):
    # points before today and after it: today's zeros are the ledger's, not a mistake
    ledger = write(
        tmp_path / "gap.csv",
        "date,client,track,points\n2023-01-10,c1,sourced,50\n2099-03-01,c1,sourced,5\n",
    )
    code, out, err = cli(f"tiers evaluate --thresholds {THRESHOLDS} --points-file {ledger}")
    assert code == 0, err
    assert out.splitlines()[1] == "Points: sourced 0, assisted 0, managed 0, total 0"


def test_history_takes_the_day_the_credited_tier_was_earned(cli):
    history = EXAMPLES / "tier-history.csv"
    code, out, err = cli(
        f"tiers history {history} --thresholds {THRESHOLDS} --credited diamond "
        "--earned-on 2025-03-01"
    )
    assert code == 0, err
    # earned on 2025-03-01: July 15 is within six months, so no downgrade
    assert out.splitlines()[6].split()[:5] == ["July", "2025", "Gold", "Diamond", "kept"]


def test_history_refuses_a_month_past_1200_months_by_its_line(cli, tmp_path):
    path = write(
        tmp_path / "h.csv",
        "month,sourced,assisted,managed,certified\n0001-01,1,1,1,yes\n9999-12,1,1,1,yes\n",
    )
    err = refused(cli, f"tiers history {path} --thresholds {THRESHOLDS}")
    assert err.splitlines() == [
        f"hubpartner: error: {path}: line 3: month: '9999-12' is not accepted; expected a month "
        "that keeps the history within 1,200 months (the lines before it span 0001-01 to 0001-01)"
    ]


@pytest.mark.parametrize(
    ("option", "value"),
    [
        ("--sourced", "1000000000000000"),
        ("--sold", "9999999999999999"),
        ("--managed", "99999999999999999999"),
        ("--assisted", "100000000000000000000.5"),
    ],
)
def test_a_point_option_the_library_refuses_is_named_by_its_option(cli, option, value):
    code, out, err = cli(f"tiers evaluate --thresholds {THRESHOLDS} {option} {value}")
    assert (code, out) == (2, "")
    assert f"error: {option}: '{value}' is not accepted; expected a number below 10^15" in err


@pytest.mark.parametrize("option", ["--sourced", "--sold", "--assisted", "--managed"])
def test_a_point_option_with_an_exponent_is_refused_as_typed(cli, option):
    # the review's case: --sourced 1e15 was quoted back as '1E+15'
    code, out, err = cli(f"tiers evaluate --thresholds {THRESHOLDS} {option} 1e15")
    assert (code, out) == (2, "")
    assert err == (
        f"hubpartner tiers evaluate: error: argument {option}: '1e15' is not a number of "
        "points of 0 or more\n"
    )


def test_points_and_shares_are_read_as_the_locale_writes_numbers(cli):
    code, out, err = cli(
        f"--locale it tiers evaluate --thresholds {THRESHOLDS} --sourced 1.000,5 --assisted 0,5 "
        "--customer-retention 0,9 --dollar-retention 0,95 --certifications 1.000 "
        "--as-of 2025-08-01 --json"
    )
    assert (code, err) == (0, "")
    data = json.loads(out)
    assert (data["points"]["sourced"], data["points"]["assisted"]) == ("1000.5", "0.5")
    elite = data["elite"]
    assert (elite["customer_retention"], elite["dollar_retention"]) == ("0.9", "0.95")
    assert elite["certifications"] == 1000
