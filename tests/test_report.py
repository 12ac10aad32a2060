"""The partner's standing: assembled from the library's own results, section by
section, with nothing computed of its own."""

from datetime import date, datetime, timedelta
from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import rules
from hubpartner.clients import client_table, read_portfolio, renewal_alerts
from hubpartner.engagement import Band
from hubpartner.errors import HubPartnerError, InvalidTypeError, InvalidValueError
from hubpartner.ledger import Ledger, SoldDeal, read_ledger
from hubpartner.report import MIN_COUNT, Standing, standing
from hubpartner.surveys import Response, SurveyKind, group, read_responses
from hubpartner.tiers import evaluate, load_thresholds, progress

from .helpers import EXAMPLES

DAY = date(2025, 8, 1)


@pytest.fixture(scope="module")
def example():
    return {
        "ledger": read_ledger(EXAMPLES / "points-ledger.csv"),
        "portfolio": read_portfolio(EXAMPLES / "portfolio.csv"),
        "responses": read_responses(
            EXAMPLES / "nps-responses.csv", kind=SurveyKind.NPS, missing="exclude"
        ).responses,
        "thresholds": load_thresholds(EXAMPLES / "thresholds.toml"),
    }


def test_every_section_is_the_library_s_own_result(example):
    now = standing(as_of=DAY, **example)
    ledger, portfolio = example["ledger"], example["portfolio"]
    held = ledger.active(DAY)
    options = {
        "thresholds": example["thresholds"],
        "certified": True,
        "rules": rules.for_date(DAY),
    }
    assert now.points.held == held
    assert now.points.expiring == ledger.expiring(DAY, 3)
    assert now.points.over_time == ledger.over_time(date(2024, 9, 1), date(2025, 8, 31))
    assert now.tier.evaluation == evaluate(held, **options)
    assert now.tier.progress == progress(held, **options)
    assert now.clients.rows == client_table(portfolio, sort_by="name")
    assert now.clients.alerts == renewal_alerts(portfolio, as_of=DAY, within_days=30)
    assert now.nps.groups == group(
        example["responses"], kind=SurveyKind.NPS, by="quarter", min_count=MIN_COUNT
    )
    assert now.inputs == ("ledger", "thresholds", "portfolio", "responses")


def test_the_example_s_numbers(example):
    # docs/examples: Platinum on 2025-08-01; the 50 points sold 2024-09-10 expire in
    # September; two renewals (Aug 5 and Aug 20) within 30 days; Q2 2025 has 3 answers
    now = standing(as_of=DAY, **example)
    assert now.tier.evaluation.tier.value == "platinum"
    assert now.points.expiring_total == Decimal(50)
    assert [a.client for a in now.clients.alerts] == ["c-005", "c-002"]
    assert now.clients.band_counts() == {Band.LOW: 2, Band.MEDIUM: 2, Band.HIGH: 1}
    assert [(g.tally.n, g.below_minimum) for g in now.nps.groups] == [(12, False), (3, True)]


INPUTS = ["ledger", "portfolio", "responses", "thresholds"]


@given(st.sets(st.sampled_from(INPUTS)))
def test_a_section_is_there_exactly_when_its_inputs_are(example, chosen):
    now = standing(as_of=DAY, **{name: example[name] for name in chosen})
    assert (now.points is not None) == ("ledger" in chosen)
    assert (now.tier is not None) == ({"ledger", "thresholds"} <= chosen)
    assert (now.clients is not None) == ("portfolio" in chosen)
    assert (now.nps is not None) == ("responses" in chosen)
    assert set(now.inputs) == chosen


@given(st.randoms(use_true_random=False))
def test_the_order_of_the_responses_does_not_matter(example, random):
    shuffled = list(example["responses"])
    random.shuffle(shuffled)
    assert standing(as_of=DAY, responses=shuffled) == standing(
        as_of=DAY, responses=example["responses"]
    )


@given(st.integers(min_value=0, max_value=400))
def test_only_the_answers_given_by_the_day_count(example, days):
    day = date(2024, 12, 1) + timedelta(days=days)
    now = standing(as_of=day, responses=example["responses"])
    counted = sum(g.tally.n for g in now.nps.groups)
    assert counted == sum(1 for r in example["responses"] if r.at.date() <= day)


def test_a_later_answer_is_left_out():
    answers = [Response(datetime(2025, 7, 1), 10), Response(datetime(2025, 9, 1), 0)]
    now = standing(as_of=DAY, responses=answers, min_count=0)
    assert [g.tally.n for g in now.nps.groups] == [1]


@given(st.integers(min_value=1, max_value=24), st.integers(min_value=1, max_value=24))
def test_the_windows_are_parameters(ahead, past):
    ledger = Ledger([SoldDeal("c-1", date(2025, 1, 2), "sourced", 50)])
    now = standing(as_of=DAY, ledger=ledger, expiring_months=ahead, history_months=past)
    assert len(now.points.expiring) == ahead
    assert len(now.points.over_time) == past
    assert now.points.over_time[-1][0] == date(2025, 8, 31)


def test_without_certification_there_is_no_tier(example):
    now = standing(as_of=DAY, certified=False, **example)
    assert now.tier.evaluation.tier is None
    assert now.tier.certified is False


def test_the_rules_given_are_used(example):
    older = rules.for_date(date(2024, 3, 1))
    now = standing(as_of=DAY, rules=older, **example)
    held = example["ledger"].active(DAY)
    expected = progress(held, thresholds=example["thresholds"], certified=True, rules=older)
    assert now.tier.progress == expected


def test_a_standing_is_a_frozen_value(example):
    now = standing(as_of=DAY, **example)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        now.as_of = date(2025, 1, 1)
    assert attrs.evolve(now) == now
    assert hash(now) == hash(attrs.evolve(now))


@pytest.mark.parametrize(
    ("options", "error", "field"),
    [
        ({"ledger": "ledger.csv"}, InvalidTypeError, "ledger"),
        ({"portfolio": []}, InvalidTypeError, "portfolio"),
        ({"thresholds": {"gold": 100}}, InvalidTypeError, "thresholds"),
        ({"responses": ["10"]}, InvalidTypeError, "responses"),
        ({"certified": 1}, InvalidTypeError, "certified"),
        ({"expiring_months": 0}, InvalidValueError, "expiring_months"),
        ({"history_months": True}, InvalidTypeError, "history_months"),
        ({"history_months": 1_201}, InvalidValueError, "history_months"),
        ({"expiring_months": 1_201}, InvalidValueError, "expiring_months"),
        ({"responses": [], "by": "year"}, InvalidValueError, "by"),
        ({"responses": [], "confidence": 1}, InvalidTypeError, "confidence"),
        ({"as_of": "2025-08-01"}, InvalidTypeError, "as_of"),
    ],
)
def test_bad_input_is_refused_naming_its_field(options, error, field):
    with pytest.raises(error) as caught:
        standing(**{"as_of": DAY, **options})
    assert isinstance(caught.value, HubPartnerError)
    assert caught.value.field == field


def test_the_windows_are_at_most_a_century():
    ledger = Ledger([SoldDeal("c-1", date(2025, 1, 2), "sourced", 50)])
    now = standing(as_of=DAY, ledger=ledger, expiring_months=1_200, history_months=1_200)
    assert len(now.points.expiring) == len(now.points.over_time) == 1_200
    with pytest.raises(InvalidValueError) as caught:
        standing(as_of=DAY, ledger=ledger, history_months=30_000)
    assert (caught.value.field, caught.value.value) == ("history_months", 30_000)
    assert str(caught.value.expected) == "an int from 1 to 1,200"


@pytest.mark.parametrize(
    ("day", "options", "last", "expected"),
    [
        # the history's first month would be before January 1
        (date(1, 6, 1), {}, date(1, 12, 1), "a date at least 11 months after 0001-01-01"),
        (date(1, 1, 31), {"history_months": 2}, date(1, 2, 1), "a date at least 1 month after"),
        # the last month ahead would be after December 9999
        (date(9999, 12, 1), {}, date(9999, 10, 31), "a date at least 2 months before 9999-12-31"),
        (date(9999, 12, 31), {"expiring_months": 2}, date(9999, 11, 30), "at least 1 month"),
    ],
)
def test_a_day_too_near_the_calendar_s_ends_is_refused_naming_as_of(day, options, last, expected):
    ledger = Ledger([SoldDeal("c-1", date(2025, 1, 2), "sourced", 50)])
    with pytest.raises(InvalidValueError) as caught:
        standing(as_of=day, ledger=ledger, **options)
    assert isinstance(caught.value, HubPartnerError)
    assert (caught.value.field, caught.value.value) == ("as_of", day)
    assert expected in str(caught.value.expected)
    # the nearest day accepted shows its months, every one on the calendar
    now = standing(as_of=last, ledger=ledger, **options)
    assert len(now.points.over_time) == options.get("history_months", 12)
    assert len(now.points.expiring) == options.get("expiring_months", 3)
    # without a ledger there are no months to look back or ahead over
    assert standing(as_of=day).points is None


def test_bad_interval_settings_are_refused_when_there_is_a_group():
    answers = [Response(datetime(2025, 7, 1), 10)]
    with pytest.raises(HubPartnerError, match="method"):
        standing(as_of=DAY, responses=answers, method="exact")
    with pytest.raises(HubPartnerError, match="confidence"):
        standing(as_of=DAY, responses=answers, confidence=1.5)


def test_a_standing_checks_its_sections():
    with pytest.raises(InvalidTypeError) as caught:
        Standing(DAY, "points", None, None, None)
    assert caught.value.field == "points"
