"""``hubpartner plan``: the risks, the opportunities and the plan, for people and for
machines, on the shipped example files."""

from __future__ import annotations

import csv
import io
import json
from datetime import date

import pytest

from hubpartner import Money
from hubpartner.cli import EXIT_BAD_INPUT, EXIT_USAGE
from hubpartner.cli.plan import CSV_HEADER
from hubpartner.present import Presenter

from .helpers import EXAMPLES
from .test_golden_cli import assert_golden

FILES = (
    f"--ledger {EXAMPLES / 'points-ledger.csv'} --portfolio {EXAMPLES / 'portfolio.csv'} "
    f"--thresholds {EXAMPLES / 'thresholds.toml'} --prices {EXAMPLES / 'prices.toml'}"
)
EVENTS = f"--events {EXAMPLES / 'managed-events.csv'}"
DAY = "--as-of 2025-08-01"


def test_the_plan_of_the_example_names_concrete_actions_with_their_points(cli, request):
    code, out, err = cli(f"plan {FILES} {EVENTS} {DAY}")
    assert (code, err) == (0, "")
    assert_golden(request, out, "plan-example.txt")
    plan = out.split("\nPlan\n----\n")[1]
    assert plan.startswith("3 actions reach Diamond's point requirements by January 15, 2026")
    assert "c-001: upsell marketing:enterprise, MRR +€2,508.00, 142.5 sourced points" in plan
    assert "c-005: a qualifying activity from November 17, 2025 to January 15, 2026" in plan


def test_the_json_holds_every_section_in_the_one_machine_form(cli):
    code, out, _ = cli(f"plan {FILES} {EVENTS} {DAY} --format json")
    assert code == 0
    found = json.loads(out)
    assert (found["as_of"], found["by"]) == ("2025-08-01", "2026-01-15")
    assert [r["client"] for r in found["managed_credit"]] == ["c-004", "c-001", "c-002", "c-005"]
    assert found["managed_credit"][1]["lapses_on"] == "2025-09-01"
    assert found["managed_credit"][1]["points_a_month"] == "9.35"
    assert found["expiring"][0] == {
        "client": "c-001",
        "track": "sourced",
        "points": "50",
        "first_on": "2025-09-10",
    }
    assert found["outlook"]["safe"] is True
    plan = found["plan"]
    assert plan["target"] == "diamond"
    assert plan["reached"] is True
    assert [a["action"] for a in plan["actions"]] == ["upsell", "upsell", "keep-managed"]
    assert plan["actions"][0]["mrr"] == {"amount": "2508", "currency": "EUR"}
    assert plan["mrr"] == [{"amount": "5016", "currency": "EUR"}]
    assert plan["actions"][2]["from"] == "2025-11-17"


def test_the_csv_is_a_row_per_action_of_the_plan(cli):
    code, out, _ = cli(f"plan {FILES} {EVENTS} {DAY} --format csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [(r["client"], r["action"], r["offer"], r["points"]) for r in rows] == [
        ("c-001", "upsell", "marketing:enterprise", "142.5"),
        ("c-005", "upsell", "marketing:enterprise", "142.5"),
        ("c-005", "keep-managed", "", "300"),
    ]
    assert rows[0]["target"] == "diamond"


def test_without_events_the_lapse_is_not_known_and_credit_continues(cli):
    code, out, _ = cli(f"plan {FILES} {DAY} --format json")
    assert code == 0
    found = json.loads(out)
    assert {r["receiving"] for r in found["managed_credit"]} == {None}
    assert found["outlook"]["points"]["managed"] == "313.85"
    assert "keep-managed" not in [a["action"] for a in found["opportunities"]]


def test_a_target_and_a_day_can_be_given(cli):
    code, out, _ = cli(f"plan {FILES} {EVENTS} {DAY} --target elite --by 2025-12-31 --json")
    assert code == 0
    plan = json.loads(out)["plan"]
    assert plan["target"] == "elite"
    assert "Elite is by invitation" in plan["beyond_points"]


def test_in_swedish_the_words_dates_and_money_are_swedish(cli):
    code, out, _ = cli(f"--locale sv plan {FILES} {EVENTS} {DAY}")
    assert code == 0
    assert "15 januari 2026" in out
    assert Presenter("sv").money(Money("2508", "EUR")) in out


def test_a_missing_price_is_an_error_naming_hub_edition_and_currency(cli, tmp_path):
    prices = tmp_path / "prices.toml"
    prices.write_text("schema = 1\n[EUR.marketing]\nstarter = 15\n", encoding="utf-8")
    files = FILES.replace(str(EXAMPLES / "prices.toml"), str(prices))
    code, out, err = cli(f"plan {files} {DAY}")
    assert (code, out) == (EXIT_BAD_INPUT, "")
    assert "no price for" in err
    assert "Traceback" not in err


def test_a_planned_day_not_after_the_day_is_a_usage_error(cli):
    code, _, err = cli(f"plan {FILES} {DAY} --by 2025-08-01")
    assert code == EXIT_USAGE
    assert "--by must be a day after --as-of" in err


@pytest.mark.parametrize("missing", ["--ledger", "--portfolio", "--thresholds", "--prices"])
def test_every_input_file_is_required(cli, missing):
    given = FILES.split(" ")
    at = given.index(missing)
    code, _, err = cli("plan " + " ".join(given[:at] + given[at + 2 :]) + f" {DAY}")
    assert code == EXIT_USAGE
    assert missing in err


def files(tmp_path, ledger: str, portfolio: str, thresholds: str) -> str:
    """The options of a plan of files written under ``tmp_path``."""
    written = {}
    for name, text in (
        ("ledger.csv", ledger),
        ("portfolio.csv", portfolio),
        ("thresholds.toml", thresholds),
    ):
        (tmp_path / name).write_text(text, encoding="utf-8")
        written[name] = tmp_path / name
    return (
        f"--ledger {written['ledger.csv']} --portfolio {written['portfolio.csv']} "
        f"--thresholds {written['thresholds.toml']} --prices {EXAMPLES / 'prices.toml'}"
    )


#: A client that holds every hub at its top edition: nothing to offer it.
EVERYTHING = "client,company,hub,edition,mrr,currency,relationship,market\n" + "".join(
    f"c1,Acme,{hub},enterprise,100,EUR,sold,DE\n"
    for hub in ("marketing", "sales", "service", "content", "operations", "commerce")
)
GOLD_ONLY = "schema = 1\n[gold]\ntotal = 100\nsold_minimum = 20\n"


def test_a_plan_with_nothing_at_risk_and_nothing_to_offer_says_so(cli, tmp_path):
    options = files(
        tmp_path, "date,client,track,points\n2025-07-01,c1,sourced,5\n", EVERYTHING, GOLD_ONLY
    )
    code, out, err = cli(f"plan {options} {DAY}")
    assert (code, err) == (0, "")
    sections = out.split("\n\n")
    assert sections[1].endswith("no managed clients")
    assert sections[2].endswith("none")  # no points expire
    assert "no tier is credited now, so none is at risk" in sections[3]
    assert sections[4].endswith("none")  # no opportunity
    assert "no set of actions reaches Gold by January 15, 2026" in sections[5]
    assert "MRR added" not in out


def test_at_the_top_tier_the_plan_has_no_actions_in_any_format(cli, tmp_path):
    options = files(
        tmp_path, "date,client,track,points\n2025-07-01,c1,sourced,500\n", EVERYTHING, GOLD_ONLY
    )
    code, out, _ = cli(f"plan {options} {DAY}")
    assert code == 0
    assert out.rstrip().endswith("already at the top tier")
    code, out, _ = cli(f"plan {options} {DAY} --format csv")
    assert (code, out) == (0, ",".join(CSV_HEADER) + "\r\n")
    code, out, _ = cli(f"plan {options} {DAY} --json")
    assert json.loads(out)["plan"] is None


# -- a day the library refuses, in the options' words ---------------------------------------------


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (
            f"{DAY} --by 9999-12-31",
            "--by: '9999-12-31' is not accepted; expected a date less than 1,200 months after "
            "2025-08-01",
        ),
        ("--as-of 9999-12-31", "--as-of: '9999-12-31' is not accepted; expected a date before"),
        (
            f"{DAY} --earned-on 2025-09-01 --credited gold",
            "--earned-on must be a day on or before --as-of (2025-08-01)",
        ),
        (f"{DAY} --by 2025-07-31", "--by must be a day after --as-of (2025-08-01)"),
    ],
)
def test_a_day_the_plan_cannot_take_is_refused_naming_its_option(cli, options, said):
    code, out, err = cli(f"plan {FILES} {options}")
    assert (code, out) == (EXIT_USAGE, "")
    assert err.startswith(f"hubpartner plan: error: {said}")
    assert err.count("\n") == 1
    assert not [word for word in ("as_of", "earned_on", "error: by:", "datetime") if word in err]


def test_without_as_of_the_days_are_checked_against_today(cli):
    today = date.today().isoformat()
    code, _, err = cli(f"plan {FILES} --by 2000-01-01")
    assert code == EXIT_USAGE
    assert f"--by must be a day after --as-of ({today})" in err
    code, _, err = cli(f"plan {FILES} --earned-on 9999-12-31 --credited gold")
    assert code == EXIT_USAGE
    assert f"--earned-on must be a day on or before --as-of ({today})" in err
