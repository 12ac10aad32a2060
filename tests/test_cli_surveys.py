"""The surveys command: tables, JSON, and bad rows reported by line."""

import json
from decimal import Decimal

import pytest

from hubpartner.cli.surveys import EXCLUDES_NOTE, MISSING_SCORE, ONE_ANSWER_NOTE

from .helpers import EXAMPLES
from .test_cli_portfolio import Marked

NPS_FILE = EXAMPLES / "nps-responses.csv"


def test_nps_of_all_answers_as_json(cli):
    code, out, err = cli("surveys nps --exclude-missing --json", str(NPS_FILE))
    assert code == 0, err
    data = json.loads(out)
    assert data["kind"] == "nps"
    assert data["responses"] == 15
    assert data["excluded_lines"] == [13]
    (group,) = data["groups"]
    # promoters 10,9,10,9,9,10,10,9; passives 8,7,8; detractors 6,3,2,5: 100 * 4 / 15
    assert (group["promoters"], group["passives"], group["detractors"]) == (8, 3, 4)
    assert group["exact_score"] == "80/3"
    assert group["score"] == "27"
    low, high = map(Decimal, group["interval"])
    assert low < 27 < high
    assert group["interval_excludes_score"] is False


def test_nps_by_quarter_and_segment_flags_small_groups(cli):
    code, out, _ = cli(
        "surveys nps --exclude-missing --by quarter --segment region --min-count 3",
        str(NPS_FILE),
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith(f"NPS of {NPS_FILE}: 15 responses; 95% adjusted-wald intervals")
    assert lines[1].split() == ["period", "segment", "answers", "NPS", "interval"]
    first = lines[2].split()
    assert first[:5] == ["Q1", "2025", "AMER", "4", "+75"]
    assert "fewer than 3 answers" in lines[3]
    assert lines[-1] == "excluded (no score): line 13"


def test_latest_answer_per_respondent(cli):
    code, out, _ = cli(
        "surveys nps --exclude-missing --latest-per-respondent --json", str(NPS_FILE)
    )
    assert code == 0
    (group,) = json.loads(out)["groups"]
    # ann and bob answered twice: only their latest answers count
    assert group["answers"] == 13


def test_wald_method_and_confidence(cli):
    code, out, _ = cli(
        "surveys nps --exclude-missing --method wald --confidence 0.9 --by month --json",
        str(NPS_FILE),
    )
    assert code == 0
    data = json.loads(out)
    assert (data["method"], data["confidence"]) == ("wald", "0.9")
    assert [g["period"] for g in data["groups"]] == ["2025-01", "2025-02", "2025-03", "2025-04"]


def test_ces_by_month_and_team(cli):
    code, out, _ = cli(
        "surveys ces --by month --segment team", str(EXAMPLES / "ces-responses.csv")
    )
    assert code == 0
    lines = out.splitlines()
    assert lines[1].split() == [
        *("period", "segment", "answers", "CES", "interval", "agree", "%", "interval")
    ]
    # billing in March: 7 and 5, mean 6, s = sqrt(2), t(0.975, 1) = 12.706: clipped to 1..7
    assert lines[2].split() == [
        *(
            "March",
            "2025",
            "billing",
            "2",
            "6.00",
            "1.00",
            "to",
            "7.00",
            "100.0",
            "34.2",
            "to",
            "100.0",
        )
    ]
    assert lines[3].split()[:5] == ["March", "2025", "technical", "2", "4.00"]


def test_ces_on_the_effort_scale_refuses_7s(cli):
    code, _, err = cli("surveys ces --scale 5-effort", str(EXAMPLES / "ces-responses.csv"))
    assert code == 1  # the file's answers are refused
    assert "outside the scale 1..5" in err


def test_csat_json_has_the_wilson_interval_and_mean(cli):
    code, out, _ = cli("surveys csat --json", str(EXAMPLES / "csat-responses.csv"))
    assert code == 0
    data = json.loads(out)
    (group,) = data["groups"]
    assert data["method"] == "wilson"
    assert group["exact_score"] == "500/7"
    assert group["score"] == "71"
    assert group["mean"] == "4.00"
    assert group["counts"] == {"1": 0, "2": 1, "3": 1, "4": 2, "5": 3}
    low, high = map(Decimal, group["interval"])
    assert 0 < low < Decimal("71.4") < high < 100


def test_every_bad_row_is_reported_by_line_with_status_1(cli, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text("at,score\n2025-01-01,9\n2025-01-02,ten\n2025-01-03,\nsoon,7\n", "utf-8")
    code, out, err = cli("surveys nps", str(path))
    assert code == 1
    assert out == ""
    assert err.splitlines() == [
        f"hubpartner: error: {path}: line 3: score 'ten' is not an integer",
        f"hubpartner: error: {path}: line 4: {MISSING_SCORE}",
        f"hubpartner: error: {path}: line 5: at 'soon' is not an ISO date or date-time "
        "such as 2025-03-01",
    ]


def test_an_empty_file_has_no_answers_and_no_score(cli, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("at,score\n", "utf-8")
    code, out, _ = cli("surveys nps", str(path))
    assert code == 0
    assert out.splitlines()[-1] == "  no answers"


@pytest.mark.parametrize(
    ("command", "fragment"),
    [
        ("surveys nps --confidence 95", "not a confidence level"),
        ("surveys nps --confidence nan", "not a confidence level"),
        ("surveys nps --min-count -1", "whole number"),
        ("surveys nps --by week", "invalid choice"),
        ("surveys csat --method wald", "unrecognized arguments"),
        ("surveys nps --segment country", "no column 'country'"),
    ],
)
def test_bad_options_are_one_line_with_status_2(cli, command, fragment):
    code, out, err = cli(command, str(NPS_FILE))
    assert code == (1 if "--segment" in command else 2)  # a column the file lacks: its data
    assert out == ""
    assert err.count("\n") == 1
    assert fragment in err


def test_csat_table(cli):
    code, out, _ = cli("surveys csat --by quarter", str(EXAMPLES / "csat-responses.csv"))
    assert code == 0
    lines = out.splitlines()
    assert lines[0].endswith("7 responses; 95% Wilson intervals")
    assert lines[1].split() == ["period", "segment", "answers", "CSAT", "%", "interval", "mean"]
    assert lines[2].split() == ["Q2", "2025", "-", "7", "71", "35.9", "to", "91.8", "4.00"]


def test_ces_json_lists_the_counts_and_agree_share(cli):
    code, out, _ = cli("surveys ces --json", str(EXAMPLES / "ces-responses.csv"))
    assert code == 0
    (group,) = json.loads(out)["groups"]
    # 7 + 6 + 2 + 5 + 7 + 4 + 6 = 37 over 7 answers; 5 of 7 agree (5-7)
    assert group["exact_score"] == "37/7"
    assert group["score"] == "5.29"
    assert group["agree_percent"] == "71.4"
    assert group["counts"]["7"] == 2


def test_a_confidence_that_is_not_a_number(cli):
    code, _, err = cli("surveys nps --confidence high", str(NPS_FILE))
    assert code == 2
    assert "'high' is not a confidence level" in err


def no_floats(text):
    """Parse JSON and fail on any number written with a fraction or an exponent."""

    def refuse(number):
        raise AssertionError(f"a float in the JSON: {number}")

    return json.loads(text, parse_float=refuse)


def answers(tmp_path, january, *february):
    """A responses file with one answer in January 2025 and the others in February."""
    rows = [f"2025-01-01,{january}"] + [f"2025-02-0{day},{s}" for day, s in enumerate(february, 1)]
    path = tmp_path / "answers.csv"
    path.write_text("\n".join(["at,score", *rows]) + "\n", "utf-8")
    return path


def test_ces_has_a_t_interval_and_a_wilson_agree_interval_at_the_confidence_asked(cli):
    code, out, _ = cli("surveys ces --json", str(EXAMPLES / "ces-responses.csv"))
    assert code == 0
    (group,) = no_floats(out)["groups"]
    # answers 7 6 2 5 7 4 6: mean 37/7, s^2 = 136/42, t(0.975, 6) = 2.447 -> 5.29 +- 1.66
    assert group["interval"] == ["3.62", "6.95"]
    # 5 of 7 agree: Wilson at 95 %
    assert group["agree_interval"] == ["35.9", "91.8"]
    code, out, _ = cli("surveys ces --confidence 0.9 --json", str(EXAMPLES / "ces-responses.csv"))
    data = no_floats(out)
    (narrower,) = data["groups"]
    assert (data["confidence"], data["method"], data["agree_method"]) == (
        "0.9",
        "student-t",
        "wilson",
    )
    # t(0.95, 6) = 1.943: 5.29 +- 1.32
    assert narrower["interval"] == ["3.96", "6.61"]
    assert Decimal(narrower["agree_interval"][0]) > Decimal("35.9")


def test_a_ces_group_of_one_answer_has_no_t_interval(cli, tmp_path):
    path = answers(tmp_path, 6, 7, 5)
    code, out, _ = cli("surveys ces --by month", str(path))
    assert code == 0
    lines = out.splitlines()
    assert lines[2].split()[:6] == ["January", "2025", "-", "1", "6.00", "-"]
    assert lines[-1] == ONE_ANSWER_NOTE
    code, out, _ = cli("surveys ces --by month --json", str(path))
    january, february = no_floats(out)["groups"]
    assert january["interval"] is None
    assert february["interval"] == ["1.00", "7.00"]  # 7 and 5: 6 +- 12.706, clipped


def test_an_nps_interval_that_excludes_its_score_is_explained(cli, tmp_path):
    # one promoter: NPS +100, adjusted-Wald interval -48.5 to +98.5
    path = answers(tmp_path, 10, 9, 3)
    code, out, _ = cli("surveys nps --by month", str(path))
    assert code == 0
    lines = out.splitlines()
    assert lines[2].split() == ["January", "2025", "-", "1", "+100", "-48.5", "to", "+98.5*"]
    assert not lines[3].endswith("*")
    assert lines[-1] == EXCLUDES_NOTE
    data = no_floats(cli("surveys nps --by month --json", str(path))[1])
    assert [g["interval_excludes_score"] for g in data["groups"]] == [True, False]
    assert data["groups"][0]["interval"] == ["-48.5", "98.5"]
    # the Wald interval is centred on the score: no note
    code, out, _ = cli("surveys nps --by month --method wald", str(path))
    assert EXCLUDES_NOTE not in out


@pytest.mark.parametrize("kind", ["nps", "ces", "csat"])
def test_the_json_of_every_survey_kind_has_no_float(cli, kind):
    code, out, _ = cli(
        f"surveys {kind} --exclude-missing --by month --confidence 0.8 --json",
        str(EXAMPLES / f"{kind}-responses.csv"),
    )
    assert code == 0
    data = no_floats(out)
    assert data["confidence"] == "0.8"
    for group in data["groups"]:
        assert all(isinstance(bound, str) for bound in group["interval"])


def test_a_row_without_a_score_names_the_option_that_leaves_it_out(cli, tmp_path):
    path = tmp_path / "gap.csv"
    path.write_text("at,score\n2025-01-01,9\n2025-01-02,\n", "utf-8")
    code, out, err = cli("surveys csat", str(path))
    assert code != 0
    assert out == ""
    assert "line 3: no 'score'; rows without one are an error unless --exclude-missing" in err
    assert "missing=" not in err
    code, out, _ = cli("surveys nps --exclude-missing", str(path))
    assert code == 0
    assert out.splitlines()[-1] == "excluded (no score): line 3"


@pytest.mark.parametrize(("by", "start"), [("month", "December 1"), ("quarter", "October 1")])
def test_an_answer_in_a_period_past_the_calendar_is_refused_by_its_line(cli, tmp_path, by, start):
    path = tmp_path / "responses.csv"
    path.write_text("at,score\n2025-01-05,9\n9999-12-31,9\n9999-12-30,\n", encoding="utf-8")
    code, out, err = cli(f"surveys nps --by {by} --exclude-missing", str(path))
    assert (code, out) == (1, "")  # the file's answers are refused
    assert err.splitlines() == [
        f"hubpartner: error: {path}: line 3: at: '9999-12-31' is not accepted; expected a day "
        f"before {start}, 9999: a period ends the day after its last, and December 31, 9999 is "
        "the calendar's last day"
    ]
    # all answers together, the answer counts
    code, out, _ = cli("surveys nps --exclude-missing --json", str(path))
    assert (code, json.loads(out)["responses"]) == (0, 2)


# -- the confidence level: what the statistics compute ------------------------------------------

FILES = {
    "nps": NPS_FILE,
    "ces": EXAMPLES / "ces-responses.csv",
    "csat": EXAMPLES / "csat-responses.csv",
}


@pytest.mark.parametrize("kind", sorted(FILES))
@pytest.mark.parametrize(
    "level",
    [
        "0.9999999999999999",  # 0.5 + level / 2 is 1.0 as a float: no quantile
        "0.99999999",  # more places than the statistics resolve
        "1e-300",
        "0.00000001",
        "0.95e0",
        "\u0660.\u0669\u0665",  # Arabic-Indic digits, which float() reads
        "0.9_5",
        "0",
        "1",
    ],
)
def test_a_confidence_level_the_statistics_cannot_compute_is_refused_as_typed(cli, kind, level):
    code, out, err = cli(f"surveys {kind} --exclude-missing --confidence", level, str(FILES[kind]))
    assert (code, out) == (2, "")
    assert err == (
        f"hubpartner surveys {kind}: error: argument --confidence: {level!r} is not a "
        "confidence level; expected a number between 0 and 1 with at most 7 decimal places, "
        "such as 0.95\n"
    )


@pytest.mark.parametrize("kind", sorted(FILES))
@pytest.mark.parametrize("level", ["0.9999999", "0.0000001", "0.95000000000"])
def test_the_confidence_levels_at_the_bounds_are_computed(cli, kind, level):
    code, out, err = cli(
        f"surveys {kind} --exclude-missing --json --confidence", level, str(FILES[kind])
    )
    assert (code, err) == (0, "")
    assert Decimal(json.loads(out)["confidence"]) == Decimal(level)


def test_a_confidence_level_is_read_as_the_locale_writes_it(cli):
    code, out, _ = cli(f"--locale sv surveys nps --exclude-missing --confidence 0,9 {NPS_FILE}")
    assert code == 0
    assert out.startswith("NPS för ")
    assert "; 90\xa0% adjusted-wald" in out.splitlines()[0]


# -- said in the user's language ------------------------------------------------------------------


@pytest.fixture
def marked(monkeypatch):
    """Every language but English said by :class:`~.test_cli_portfolio.Marked`."""
    monkeypatch.setattr(
        "hubpartner.present.translation",
        lambda language: None if language == "en" else Marked(language),
    )


def test_the_ces_heading_names_the_scale_by_its_translated_name(cli, marked):
    code, out, _ = cli(f"--locale sv surveys ces {FILES['ces']}")
    assert code == 0
    assert "on the ⟨CES 1-7 agree scale⟩;" in out.splitlines()[0]
    code, out, _ = cli(f"--locale sv surveys ces --scale 5-effort {FILES['ces']}")
    assert "7-agree" not in out


def test_the_ces_heading_in_english_names_the_scale(cli):
    code, out, _ = cli(f"surveys ces {FILES['ces']}")
    assert code == 0
    assert out.splitlines()[0] == (
        f"CES of {FILES['ces']}: 7 responses on the CES 1-7 agree scale; 95% Student's t "
        "intervals (agree %: Wilson)"
    )


# -- options the file must have a column for --------------------------------------------------


def test_an_empty_segment_is_refused_naming_the_option(cli):
    code, out, err = cli(f"surveys nps --exclude-missing {NPS_FILE} --segment ''")
    assert (code, out) == (2, "")
    assert err == (
        "hubpartner surveys nps: error: --segment: '' is not accepted; expected a non-empty str\n"
    )


def test_latest_per_respondent_needs_a_respondent_column(cli, tmp_path):
    path = tmp_path / "anonymous.csv"
    path.write_text("at,score\n2025-01-01,0\n2025-02-01,10\n", encoding="utf-8")
    code, out, err = cli("surveys nps --latest-per-respondent", str(path))
    assert (code, out) == (1, "")
    assert "'respondent'" in err
