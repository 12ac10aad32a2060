"""Tiers: evaluation, progress, re-evaluation, what-if and thresholds files."""

from datetime import date

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money, Track, rules
from hubpartner.errors import InvalidTypeError, InvalidValueError
from hubpartner.rules import Reevaluation, ReevaluationDay
from hubpartner.tiers import (
    Change,
    EliteRequirements,
    EliteStatus,
    MonthRecord,
    PointsHeld,
    SoldDeal,
    Thresholds,
    ThresholdsFileError,
    Tier,
    TierRequirement,
    evaluate,
    load_thresholds,
    progress,
    reevaluate,
    thresholds_from_toml,
    what_if,
)

from .helpers import EXAMPLES
from .strategies import reevaluations

EXAMPLE = EXAMPLES / "thresholds.toml"
R2024 = rules.for_date(date(2025, 1, 1))
R2025 = rules.for_date(date(2025, 8, 1))
# illustrative thresholds, as in docs/examples/thresholds.toml
THRESHOLDS = load_thresholds(EXAMPLE)


def tier_of(held, certified=True, rule_set=R2025, **kwargs):
    return evaluate(
        held, thresholds=THRESHOLDS, certified=certified, rules=rule_set, **kwargs
    ).tier


def test_the_example_file_says_its_numbers_are_illustrative():
    first = EXAMPLE.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# ILLUSTRATIVE NUMBERS")
    assert [r.tier for r in THRESHOLDS.requirements] == list(Tier)


def test_tiers_are_ordered_gold_to_elite():
    assert Tier.GOLD < Tier.PLATINUM < Tier.DIAMOND < Tier.ELITE
    assert max(Tier) is Tier.ELITE
    assert Tier.GOLD.__lt__("gold") is NotImplemented


# -- evaluation ------------------------------------------------------------------------


def test_below_gold_there_is_no_tier():
    assert tier_of(PointsHeld(sourced=10, managed=50)) is None


def test_the_highest_tier_whose_every_requirement_is_met():
    assert tier_of(PointsHeld(sourced=100, managed=200)) is Tier.PLATINUM
    assert tier_of(PointsHeld(sourced=150, assisted=50, managed=520)) is Tier.DIAMOND


def test_no_tier_without_a_valid_certification():
    result = evaluate(
        PointsHeld(sourced=150, managed=600), thresholds=THRESHOLDS, certified=False, rules=R2025
    )
    assert result.tier is None
    assert result.reasons(Tier.GOLD)[0] == "no valid Solutions Partner certification"


def test_from_2025_07_15_the_sold_minimum_counts_sourced_points_only():
    # 10 sourced + 50 assisted: sold 60 meets Platinum's 60 before, not after
    held = PointsHeld(sourced=10, assisted=50, managed=250)
    assert tier_of(held, rule_set=R2024) is Tier.PLATINUM
    assert tier_of(held, rule_set=R2025) is None
    reasons = evaluate(held, thresholds=THRESHOLDS, certified=True, rules=R2025).reasons(Tier.GOLD)
    assert reasons == ("sold points (sourced) 10 < 20",)


def test_a_managed_minimum_is_required_where_set():
    assert tier_of(PointsHeld(sourced=300, managed=30)) is Tier.GOLD


def test_elite_needs_its_extra_requirements_and_an_invitation():
    held = PointsHeld(sourced=500, managed=1600)
    assert tier_of(held, activities=40) is Tier.DIAMOND
    status = EliteStatus(
        invited=True, customer_retention="0.9", dollar_retention="0.9", certifications=120
    )
    assert tier_of(held, activities=40, elite=status) is Tier.ELITE
    assert tier_of(held, activities=20, elite=status) is Tier.DIAMOND
    uninvited = EliteStatus(False, "0.9", "0.9", 120)
    reasons = evaluate(
        held, thresholds=THRESHOLDS, certified=True, rules=R2025, activities=40, elite=uninvited
    ).reasons(Tier.ELITE)
    assert reasons == ("Elite is by invitation",)
    at_85 = EliteStatus(True, "0.85", "0.85", 100)
    reasons = evaluate(
        held, thresholds=THRESHOLDS, certified=True, rules=R2025, activities=40, elite=at_85
    ).reasons(Tier.ELITE)
    assert reasons == ("dollar retention 0.85 is not above 0.85",)  # > 85 %, not >=


tallies = st.builds(
    PointsHeld,
    st.integers(0, 3000),
    st.integers(0, 1000),
    st.integers(0, 3000),
)


@given(tallies, tallies, st.booleans())
def test_more_points_never_give_a_lower_tier(a, extra, certified):
    more = a + extra
    low, high = tier_of(a, certified), tier_of(more, certified)
    assert low is None or (high is not None and high >= low)


@given(tallies)
def test_no_certification_no_tier(held):
    assert tier_of(held, certified=False) is None


# -- progress and insights -------------------------------------------------------------


def test_progress_per_track_with_the_minimum_to_keep_the_tier():
    now = progress(
        PointsHeld(sourced=100, managed=200), thresholds=THRESHOLDS, certified=True, rules=R2025
    )
    assert (now.tier, now.next) == (Tier.PLATINUM, Tier.DIAMOND)
    combined, sold, managed = now.tracks
    assert (combined.held, combined.next_required, combined.gap, combined.keep_required) == (
        300,
        700,
        400,
        300,
    )
    assert (sold.held, sold.next_required, sold.gap) == (100, 140, 40)
    assert (managed.held, managed.next_required, managed.gap, managed.keep_required) == (
        200,
        100,
        0,
        40,
    )


def test_below_gold_the_next_tier_is_gold_and_nothing_is_kept():
    now = progress(PointsHeld(), thresholds=THRESHOLDS, certified=True, rules=R2025)
    assert (now.tier, now.next) == (None, Tier.GOLD)
    assert now.track("combined").keep_required is None
    assert now.track("managed").next_required is None  # Gold has no managed minimum
    with pytest.raises(InvalidValueError):
        now.track("assisted")


def test_the_top_tier_has_no_next():
    status = EliteStatus(True, "0.9", "0.9", 120)
    now = progress(
        PointsHeld(sourced=500, managed=1600),
        thresholds=THRESHOLDS,
        certified=True,
        rules=R2025,
        activities=40,
        elite=status,
    )
    assert (now.tier, now.next) == (Tier.ELITE, None)
    assert all(t.next_required is None and t.gap is None for t in now.tracks)


@given(tallies, st.booleans())
def test_gaps_are_never_negative_and_zero_only_when_met(held, certified):
    now = progress(held, thresholds=THRESHOLDS, certified=certified, rules=R2025)
    for track in now.tracks:
        if track.gap is not None:
            assert track.gap >= 0
            assert (track.gap == 0) == (track.held >= track.next_required)


# -- re-evaluation ---------------------------------------------------------------------


def month(year, number, sourced, managed, certified=True):
    return MonthRecord(
        date(year, number, 1), PointsHeld(sourced=sourced, managed=managed), certified
    )


def test_domain_example_diamond_meets_gold_in_july_highest_in_window_platinum():
    # DOMAIN.md §4: credited Diamond, meets Gold on July 15, the highest tier met in the
    # window (February 15 - July 15) is Platinum -> Platinum
    history = [month(2025, m, 70, 250) for m in range(2, 7)] + [month(2025, 7, 30, 90)]
    decisions = reevaluate(
        history, thresholds=THRESHOLDS, credited=Tier.DIAMOND, earned_on=date(2024, 6, 15)
    )
    assert [d.credited for d in decisions] == [Tier.DIAMOND] * 5 + [Tier.PLATINUM]
    assert decisions[-1].met is Tier.GOLD
    assert decisions[-1].change is Change.DOWNGRADE
    assert "highest tier met in the window: Platinum" in decisions[-1].reason


def test_a_tier_met_once_in_the_window_is_kept():
    history = (
        [month(2024, 8, 150, 600)]
        + [month(2024, m, 30, 90) for m in range(9, 13)]
        + [month(2025, 1, 30, 90)]
    )
    decisions = reevaluate(
        history, thresholds=THRESHOLDS, credited=Tier.DIAMOND, earned_on=date(2023, 1, 15)
    )
    assert decisions[-1].credited is Tier.DIAMOND
    assert decisions[-1].change is Change.KEPT
    assert "2024-08-15" in decisions[-1].reason


def test_no_downgrade_within_six_months_of_earning_a_tier():
    history = [month(2025, 3, 150, 600)] + [month(2025, m, 0, 0) for m in range(4, 8)]
    decisions = reevaluate(history, thresholds=THRESHOLDS)
    assert decisions[0].change is Change.UPGRADE
    assert decisions[-1].credited is Tier.DIAMOND
    assert "less than 6 months ago" in decisions[-1].reason
    later = reevaluate(
        [
            *history,
            *(
                month(y, m, 0, 0)
                for y, m in [(2025, 8), (2025, 9), (2025, 10), (2025, 11), (2025, 12), (2026, 1)]
            ),
        ],
        thresholds=THRESHOLDS,
    )
    assert later[-1].credited is None
    assert later[-1].change is Change.DOWNGRADE


def test_an_expired_certification_at_re_evaluation_downgrades():
    history = [month(2025, m, 150, 600) for m in range(1, 7)] + [
        month(2025, 7, 150, 600, certified=False)
    ]
    decisions = reevaluate(history, thresholds=THRESHOLDS)
    assert decisions[-1].credited is None
    assert decisions[-1].reason == "certification expired at re-evaluation"


records = st.lists(
    st.builds(MonthRecord, st.just(date(2025, 1, 1)), tallies, st.booleans()),
    min_size=1,
    max_size=30,
).map(
    lambda items: [
        MonthRecord(date(2024 + (i // 12), i % 12 + 1, 1), r.points, r.certified)
        for i, r in enumerate(items)
    ]
)


@given(records, st.sampled_from([None, *Tier]))
def test_the_credited_tier_moves_down_only_on_january_and_july_15(history, start):
    decisions = reevaluate(history, thresholds=THRESHOLDS, credited=start)
    previous = start
    for decision in decisions:
        if previous is not None and (decision.credited is None or decision.credited < previous):
            assert (decision.on.month, decision.on.day) in ((1, 15), (7, 15))
            assert decision.change is Change.DOWNGRADE
        if decision.change is Change.UPGRADE:
            assert decision.credited == decision.met
        previous = decision.credited


@given(records, st.sampled_from([None, *Tier]), reevaluations())
def test_downgrades_follow_the_calendar_of_the_rules_in_force(history, start, calendar):
    # Whatever calendar a rule set holds: months are judged on its day of the month,
    # the credited tier moves down only on its re-evaluation days, and never within its
    # retention months of being earned.
    custom = attrs.evolve(R2025, reevaluation=calendar)
    decisions = reevaluate(
        history, thresholds=THRESHOLDS, credited=start, rules_for=lambda _: custom
    )
    days = {(d.on.month, d.on.day) for d in calendar.days}
    previous, since = start, None
    for decision in decisions:
        assert decision.on.day == calendar.judgement_day
        if previous is not None and (decision.credited is None or decision.credited < previous):
            assert (decision.on.month, decision.on.day) in days
            if since is not None and decision.reason != "certification expired at re-evaluation":
                assert since + relativedelta(months=calendar.retention_months) <= decision.on
        if decision.credited != previous:
            since = decision.on if decision.credited is not None else None
        previous = decision.credited


def test_a_calendar_with_one_day_and_a_shorter_protection():
    calendar = Reevaluation([ReevaluationDay("04-01", "01-01")], retention_months=2)
    custom = attrs.evolve(R2025, reevaluation=calendar)
    history = [month(2025, 1, 150, 600), month(2025, 2, 0, 0), month(2025, 3, 0, 0)]
    history += [month(2025, 4, 0, 0)]
    decisions = reevaluate(history, thresholds=THRESHOLDS, rules_for=lambda _: custom)
    assert [d.on for d in decisions] == [date(2025, m, 1) for m in (1, 2, 3, 4)]
    assert decisions[1].reason == "downgrades happen only on April 1"
    assert decisions[-1].change is Change.KEPT  # met Diamond on 2025-01-01, in the window
    history[0] = month(2024, 12, 150, 600)
    later = reevaluate(history, thresholds=THRESHOLDS, rules_for=lambda _: custom)
    assert later[-1].change is Change.DOWNGRADE
    assert "not met from 2025-01-01 to 2025-04-01" in later[-1].reason
    protected = attrs.evolve(custom, reevaluation=attrs.evolve(calendar, retention_months=5))
    kept = reevaluate(history, thresholds=THRESHOLDS, rules_for=lambda _: protected)
    assert kept[-1].reason == "earned on 2024-12-01, less than 5 months ago"


def test_the_activity_period_is_yours_or_the_rule_sets():
    assert THRESHOLDS.activity_period(R2025) == R2025.activity_period_days == 90
    own = attrs.evolve(THRESHOLDS, activity_period_days=30)
    assert own.activity_period(R2025) == 30
    with pytest.raises(InvalidValueError):
        attrs.evolve(THRESHOLDS, activity_period_days=0)


# -- what-if ---------------------------------------------------------------------------


def ask(held, track=Track.SOURCED, currency="USD", market="US", certified=True, thresholds=None):
    return what_if(
        held,
        thresholds=thresholds or THRESHOLDS,
        certified=certified,
        rules=R2025,
        currency=currency,
        track=track,
        market=market,
    )


PLATINUM = PointsHeld(sourced=100, managed=200)  # Diamond needs 400 more, 40 of them sold


def test_what_if_gives_the_mrr_that_closes_the_gap():
    answer = ask(PLATINUM, currency="EUR", market="DE")
    # 400 sourced points at 5 per EUR 88
    assert (answer.tier, answer.points, answer.mrr) == (Tier.DIAMOND, 400, Money("7040.00", "EUR"))
    # a growth market doubles the points, so half the MRR
    assert ask(PLATINUM, currency="EUR", market="BR").mrr == Money("3520.00", "EUR")


def test_what_if_names_gaps_a_track_cannot_close():
    managed = ask(PLATINUM, Track.MANAGED)
    assert managed.mrr is None
    assert "sold minimum" in managed.reason
    assert ask(PLATINUM, Track.ASSISTED).mrr is None  # sourced only from 2025-07-15
    assert "managed gap" in ask(PointsHeld(sourced=300, managed=10)).reason
    assert ask(PLATINUM, certified=False).mrr is None


def test_the_mrr_rounds_up_so_that_it_is_enough():
    assert ask(PLATINUM, currency="JPY", market="JP").mrr == Money("1152000", "JPY")
    # 399.5 points x 88 / 5 = 7031.20 exactly
    odd = ask(PointsHeld(sourced="100.5", managed=200), currency="EUR", market="DE")
    assert odd.mrr == Money("7031.20", "EUR")


# -- thresholds files ------------------------------------------------------------------


def test_thresholds_files_report_every_problem():
    with pytest.raises(ThresholdsFileError) as caught:
        thresholds_from_toml(
            "colour = 1\n[gold]\ntotal = -5\nsold_minimum = 1\nbonus = 2\n"
            "[platinum]\ntotal = 'x'\n"
        )
    keys = [p.key for p in caught.value.problems]
    assert keys == [
        "colour",
        "gold.total",
        "gold.bonus",
        "platinum.total",
        "platinum.sold_minimum",
    ]
    with pytest.raises(ThresholdsFileError, match="not valid TOML"):
        thresholds_from_toml("[gold")
    with pytest.raises(ThresholdsFileError, match=": not found"):
        load_thresholds("/nonexistent/thresholds.toml")


def test_thresholds_values_are_checked():
    with pytest.raises(InvalidValueError):
        Thresholds([TierRequirement("platinum", 1, 1), TierRequirement("gold", 1, 1)])
    with pytest.raises(InvalidValueError):
        Thresholds([])
    with pytest.raises(InvalidTypeError):
        Thresholds(["gold"])
    with pytest.raises(InvalidValueError):
        EliteRequirements(customer_retention_min="1.5")
    with pytest.raises(InvalidTypeError):
        evaluate("100", thresholds=THRESHOLDS, certified=True, rules=R2025)
    with pytest.raises(InvalidTypeError):
        evaluate(PointsHeld(), thresholds=THRESHOLDS, certified="yes", rules=R2025)
    with pytest.raises(InvalidValueError):
        PointsHeld(sourced=-1)


# -- corners and refusals --------------------------------------------------------------


def test_thresholds_that_stop_below_elite():
    short = Thresholds([TierRequirement("gold", 100, 20), TierRequirement("platinum", 300, 60)])
    assert short.top is Tier.PLATINUM
    assert short.requirement(Tier.ELITE) is None
    top = progress(
        PointsHeld(sourced=300, managed=100), thresholds=short, certified=True, rules=R2025
    )
    assert (top.tier, top.next) == (Tier.PLATINUM, None)
    answer = ask(PointsHeld(sourced=300, managed=100), thresholds=short)
    assert (answer.tier, answer.mrr, answer.reason) == (None, None, "already at the top tier")


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ("gold = 5\n", "gold"),
        ("schema = 1\n", "(document)"),
        (
            "activity_period_days = 0\n[gold]\ntotal = 1\nsold_minimum = 1\n",
            "activity_period_days",
        ),
        (
            "[gold]\ntotal = 1\nsold_minimum = 1\n[elite]\ntotal = 9\nsold_minimum = 1\n"
            "customer_retention_min = 2\n",
            "elite.customer_retention_min",
        ),
    ],
)
def test_more_thresholds_problems_are_reported_with_their_key(text, key):
    with pytest.raises(ThresholdsFileError) as caught:
        thresholds_from_toml(text)
    assert key in [p.key for p in caught.value.problems]


def test_a_thresholds_file_that_is_not_utf8(tmp_path):
    path = tmp_path / "t.toml"
    path.write_bytes("# \xe9\n[gold]\ntotal = 1\nsold_minimum = 1\n".encode("latin-1"))
    with pytest.raises(ThresholdsFileError, match="not UTF-8"):
        load_thresholds(path)


def test_tier_values_refuse_bad_input():
    with pytest.raises(InvalidTypeError):
        EliteStatus(invited="yes")
    with pytest.raises(InvalidTypeError):
        SoldDeal("", date(2025, 1, 1), "sourced", 1)
    with pytest.raises(InvalidTypeError):
        MonthRecord(date(2025, 1, 1), 100, True)


def test_elite_is_by_invitation_unless_the_file_says_otherwise():
    text = "[gold]\ntotal = 1\nsold_minimum = 1\n[elite]\ntotal = 9\nsold_minimum = 1\n"
    assert thresholds_from_toml(text).elite.invitation is True
    open_door = thresholds_from_toml(text + "invitation = false\n")
    assert open_door.elite.invitation is False
