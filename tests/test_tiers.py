"""Tiers: evaluation, progress, re-evaluation, what-if and thresholds files."""

from datetime import date

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money, Track, rules
from hubpartner.errors import IncompleteHistoryError, InvalidTypeError, InvalidValueError
from hubpartner.messages import translate
from hubpartner.present import Presenter
from hubpartner.rules import Reevaluation, ReevaluationDay
from hubpartner.tiers import (
    Change,
    Decision,
    EliteRequirements,
    EliteStatus,
    GoldDeadline,
    GoldState,
    LedgerFileError,
    MonthRecord,
    PointsHeld,
    SoldDeal,
    Thresholds,
    ThresholdsFileError,
    Tier,
    TierRequirement,
    evaluate,
    gold_deadline,
    load_thresholds,
    progress,
    read_history,
    reevaluate,
    thresholds_from_toml,
    tier_name,
    what_if,
)

from .helpers import EXAMPLES, refused
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
    with pytest.raises(InvalidValueError, match="combined, sourced or managed"):
        now.track("assisted")


def test_the_sold_minimums_track_is_named_after_what_it_counts():
    # from 2025-07-15 the sold minimum counts sourced points only, and says so; before,
    # it counted all sold points
    held = PointsHeld(sourced=10, assisted=50, managed=250)
    now = progress(held, thresholds=THRESHOLDS, certified=True, rules=R2025)
    assert [t.track for t in now.tracks] == ["combined", "sourced", "managed"]
    assert now.track("sourced").held == 10
    assert now.track("sold") is now.track("sourced")  # the old name still works
    before = progress(held, thresholds=THRESHOLDS, certified=True, rules=R2024)
    assert [t.track for t in before.tracks] == ["combined", "sold", "managed"]
    assert before.track("sold").held == 60
    only_assisted = attrs.evolve(R2025, sold_minimum_tracks={"assisted"})
    odd = progress(held, thresholds=THRESHOLDS, certified=True, rules=only_assisted)
    assert odd.tracks[1].track == "assisted"


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


def months_from(first):
    """Contiguous monthly histories from ``first`` on."""
    return st.lists(
        st.builds(MonthRecord, st.just(first), tallies, st.booleans()),
        min_size=1,
        max_size=30,
    ).map(
        lambda items: [
            MonthRecord(first + relativedelta(months=i), r.points, r.certified)
            for i, r in enumerate(items)
        ]
    )


# From February: the first re-evaluation (July 15) looks back to February 15.
records = months_from(date(2024, 2, 1))


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
        history,
        thresholds=THRESHOLDS,
        credited=start,
        rules_for=lambda _: custom,
        partial_windows=True,
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
    history[0:1] = [month(2024, 12, 150, 600), month(2025, 1, 0, 0)]
    later = reevaluate(history, thresholds=THRESHOLDS, rules_for=lambda _: custom)
    assert later[-1].change is Change.DOWNGRADE
    assert "not met from 2025-01-01 to 2025-04-01" in later[-1].reason
    protected = attrs.evolve(custom, reevaluation=attrs.evolve(calendar, retention_months=5))
    kept = reevaluate(history, thresholds=THRESHOLDS, rules_for=lambda _: protected)
    assert kept[-1].reason == "earned on 2024-12-01, less than 5 months ago"


def test_a_month_missing_from_a_history_is_an_error_not_a_downgrade():
    history = [month(2025, m, 150, 600) for m in (2, 3, 5, 6, 7)]
    with pytest.raises(IncompleteHistoryError) as caught:
        reevaluate(history, thresholds=THRESHOLDS, credited=Tier.DIAMOND)
    assert caught.value.months == (date(2025, 4, 1),)
    assert isinstance(caught.value, ValueError)
    assert str(caught.value) == (
        "history: no record for the months 2025-04; expected a record for every month "
        "from 2025-02 to 2025-07"
    )


def test_a_month_given_twice_is_an_error():
    history = [month(2025, 2, 150, 600), month(2025, 3, 150, 600), month(2025, 3, 0, 0)]
    with pytest.raises(IncompleteHistoryError, match="more than one record") as caught:
        reevaluate(history, thresholds=THRESHOLDS)
    assert caught.value.months == (date(2025, 3, 1),)
    with pytest.raises(InvalidTypeError, match="MonthRecord"):
        reevaluate(["2025-03"], thresholds=THRESHOLDS)


def test_a_window_that_starts_before_the_history_is_an_error_unless_asked_for():
    # credited Diamond; the history starts in May, but the July 15 re-evaluation looks
    # back to February 15: February to April are unknown, not "not met"
    history = [month(2025, 5, 30, 90), month(2025, 6, 30, 90), month(2025, 7, 30, 90)]
    with pytest.raises(IncompleteHistoryError) as caught:
        reevaluate(history, thresholds=THRESHOLDS, credited=Tier.DIAMOND)
    assert caught.value.months == (date(2025, 2, 1), date(2025, 3, 1), date(2025, 4, 1))
    assert "the re-evaluation on 2025-07-15 looks back to 2025-02-15" in str(caught.value)
    assert "partial_windows=True" in str(caught.value)
    partial = reevaluate(
        history, thresholds=THRESHOLDS, credited=Tier.DIAMOND, partial_windows=True
    )
    assert partial[-1].credited is Tier.GOLD
    assert partial[-1].reason.endswith(
        "highest tier met in the window: Gold (judged on the 3 months of it the history "
        "holds, from 2025-05)"
    )
    # no window is needed while the tier is protected, or when there is no tier
    recent = reevaluate(
        history, thresholds=THRESHOLDS, credited=Tier.DIAMOND, earned_on=date(2025, 3, 15)
    )
    assert recent[-1].change is Change.KEPT
    assert reevaluate(history, thresholds=THRESHOLDS)[-1].credited is Tier.GOLD


def test_an_empty_history_has_no_decisions():
    assert reevaluate([], thresholds=THRESHOLDS, credited=Tier.GOLD) == ()


@given(months_from(date(2024, 8, 1)).filter(lambda h: len(h) >= 3), st.data())
def test_a_history_with_a_hole_or_a_repeat_is_always_refused(history, data):
    inner = data.draw(st.integers(1, len(history) - 2))
    with pytest.raises(IncompleteHistoryError) as caught:
        reevaluate(history[:inner] + history[inner + 1 :], thresholds=THRESHOLDS)
    assert caught.value.months == (history[inner].month,)
    with pytest.raises(IncompleteHistoryError):
        reevaluate([*history, history[inner]], thresholds=THRESHOLDS)


def test_the_activity_period_is_yours_or_the_rule_sets():
    assert THRESHOLDS.activity_period(R2025) == R2025.activity_period_days == 90
    own = attrs.evolve(THRESHOLDS, activity_period_days=30)
    assert own.activity_period(R2025) == 30
    with pytest.raises(InvalidValueError):
        attrs.evolve(THRESHOLDS, activity_period_days=0)


# -- what-if ---------------------------------------------------------------------------


def ask(
    held, track=Track.SOURCED, currency="USD", market="US", certified=True, thresholds=None, **kw
):
    return what_if(
        held,
        thresholds=thresholds or THRESHOLDS,
        certified=certified,
        rules=R2025,
        currency=currency,
        track=track,
        market=market,
        **kw,
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


INVITED = EliteStatus(
    invited=True, customer_retention="0.9", dollar_retention="0.9", certifications=120
)


def test_what_if_names_the_gaps_money_cannot_close():
    # Diamond, with every point Elite needs but not its activities or its invitation:
    # no MRR closes that gap
    held = PointsHeld(sourced=500, managed=1600)
    answer = ask(held, activities=20, elite=EliteStatus(customer_retention="0.9"))
    assert answer.tier is Tier.ELITE
    assert (answer.points, answer.mrr, answer.closes) == (0, None, False)
    assert answer.beyond_points == (
        "qualifying activities 20 < 30",
        "Elite is by invitation",
        "dollar retention 0 is not above 0.85",
        "certifications 0 < 100",
    )
    assert answer.reason == (
        "no point gap to Elite; money cannot close: qualifying activities 20 < 30; "
        "Elite is by invitation; dollar retention 0 is not above 0.85; certifications 0 < 100"
    )
    # a point gap too: the MRR closes it, and the reason says what it leaves open
    fewer = ask(PointsHeld(sourced=450, managed=1500), activities=40, elite=EliteStatus())
    assert fewer.mrr == Money("1000.00", "USD")  # 50 sourced points at 5 per USD 100
    assert not fewer.closes
    assert fewer.reason.startswith("closes the point gap to Elite (50); money cannot close: ")


@given(tallies, st.sampled_from([None, 0, 20, 40]), st.sampled_from([None, INVITED]))
def test_what_if_agrees_with_evaluate(held, activities, elite):
    # the next tier is the one above what evaluate gives for the same inputs; when the
    # answer says the MRR closes the gap, those points on that track reach the tier
    kw = {"activities": activities, "elite": elite}
    met = tier_of(held, **kw)
    answer = ask(held, **kw)
    above = [t for t in Tier if met is None or t > met]
    assert answer.tier == (above[0] if above else None)
    if answer.closes:
        more = held + PointsHeld(sourced=answer.points)
        assert tier_of(more, **kw) >= answer.tier
    elif answer.tier is not None and answer.mrr is not None:
        assert answer.beyond_points


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


# -- history files -----------------------------------------------------------------------

HEADER = "month,sourced,assisted,managed,certified"


def test_a_history_file_may_give_activities_and_elites_extra_requirements(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text(
        f"{HEADER},activities,invited,customer_retention,dollar_retention,certifications\n"
        "2025-01,500,0,1600,yes,40,yes,0.9,0.9,120\n"
        "2025-02,500,0,1600,yes,,,,,\n",
        encoding="utf-8",
    )
    first, second = read_history(path)
    assert first.activities == 40
    assert first.elite == INVITED
    assert (second.activities, second.elite) == (None, None)
    decisions = reevaluate([first, second], thresholds=THRESHOLDS)
    assert [d.met for d in decisions] == [Tier.ELITE, Tier.DIAMOND]


def test_a_history_file_reports_bad_extra_cells_and_repeated_months_by_line(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text(
        f"{HEADER},activities,invited,dollar_retention\n"
        "2025-01,1,0,0,yes,-3,yes,0.9\n"
        "2025-02,1,0,0,yes,4,perhaps,1.5\n"
        "2025-01,1,0,0,yes,4,no,0.5\n",
        encoding="utf-8",
    )
    with pytest.raises(LedgerFileError) as caught:
        read_history(path)
    problems = caught.value.problems
    assert [p.line for p in problems] == [2, 3, 4]
    assert "activities: '-3'" in problems[0].message
    assert "yes or no" in problems[1].message
    assert problems[2].message == (
        "month: '2025-01' is not accepted; expected a month not already on line 2"
    )


def test_a_history_file_spans_at_most_1200_months_refused_by_the_line_that_passes_it(tmp_path):
    path = tmp_path / "history.csv"
    path.write_text(
        f"{HEADER}\n"
        "0001-01,1,0,0,yes\n"
        "9999-12,1,0,0,yes\n"  # 9,999 years after the month before
        "0100-12,1,0,0,yes\n"  # the 1,200th month from 0001-01: within the bound
        "0101-01,1,0,0,yes\n"  # the 1,201st
        "0001-02,1,0,0,yes\n",
        encoding="utf-8",
    )
    with pytest.raises(LedgerFileError) as caught:
        read_history(path)
    problems = caught.value.problems
    assert [p.line for p in problems] == [3, 5]
    assert problems[0].message == (
        "month: '9999-12' is not accepted; expected a month that keeps the history within "
        "1,200 months (the lines before it span 0001-01 to 0001-01)"
    )
    assert "'0101-01'" in problems[1].message
    # a month before the first is measured from the last
    path.write_text(f"{HEADER}\n2025-01,1,0,0,yes\n1925-02,1,0,0,yes\n1925-01,1,0,0,yes\n")
    with pytest.raises(LedgerFileError) as caught:
        read_history(path)
    (problem,) = caught.value.problems
    assert problem.line == 4
    assert problem.message.endswith(
        "within 1,200 months (the lines before it span 1925-02 to 2025-01)"
    )
    # a century of months reads
    months = [date(1925, 2, 1) + relativedelta(months=n) for n in range(1_200)]
    path.write_text(f"{HEADER}\n" + "".join(f"{m:%Y-%m},1,0,0,yes\n" for m in months))
    assert [r.month for r in read_history(path)] == months


# -- new partners must reach Gold within 24 months -------------------------------------


def test_the_period_to_reach_gold_is_dated_rule_data():
    # DOMAIN §4 [public policies]: new partners must reach Gold within 24 months
    assert [r.reach_gold_within_months for r in rules.published()] == [24, 24, 24]
    text = rules.dumps(R2025)
    assert "reach_gold_within_months = 24" in text
    mine = rules.loads(
        text.replace("reach_gold_within_months = 24", "reach_gold_within_months = 18")
    )
    assert mine.reach_gold_within_months == 18
    assert rules.loads(rules.dumps(mine)) == mine
    # a file of yours may leave it out: the published rule set's applies
    left_out = rules.loads(text.replace("reach_gold_within_months = 24\n", ""))
    assert left_out.reach_gold_within_months == 24
    with pytest.raises(rules.RulesFileError) as caught:
        rules.loads(text.replace("reach_gold_within_months = 24", "reach_gold_within_months = 0"))
    assert [p.key for p in caught.value.problems] == ["tiers.reach_gold_within_months"]
    with pytest.raises(InvalidValueError):
        attrs.evolve(R2025, reach_gold_within_months=0)


def test_a_new_partner_that_reached_gold_in_time():
    history = [month(2025, 2, 0, 0), month(2025, 3, 30, 90), month(2025, 4, 30, 90)]
    decisions = reevaluate(history, thresholds=THRESHOLDS)
    found = gold_deadline(date(2024, 3, 10), as_of=date(2025, 5, 1), history=decisions)
    assert (found.deadline, found.reached_on, found.state) == (
        date(2026, 3, 10),
        date(2025, 3, 15),
        GoldState.REACHED,
    )
    assert found.describe() == (
        "reached Gold on 2025-03-15, within 24 months of joining on 2024-03-10 (by 2026-03-10)"
    )


def test_a_new_partner_that_has_not_reached_gold_yet_or_missed_it():
    pending = gold_deadline(date(2024, 3, 10), as_of=date(2026, 3, 1))
    assert (pending.state, pending.days_left) == (GoldState.PENDING, 9)
    assert pending.describe() == (
        "must reach Gold by 2026-03-10 (24 months from joining on 2024-03-10): 9 days left"
    )
    missed = gold_deadline(date(2024, 3, 10), as_of=date(2026, 3, 11))
    assert (missed.state, missed.days_left) == (GoldState.MISSED, 0)
    assert missed.describe() == (
        "had not reached Gold by 2026-03-10 (24 months from joining on 2024-03-10)"
    )
    # the deadline itself is still in time
    on_the_day = gold_deadline(
        date(2024, 3, 10),
        as_of=date(2026, 3, 10),
        evaluation=evaluate(
            PointsHeld(sourced=30, managed=90), thresholds=THRESHOLDS, certified=True, rules=R2025
        ),
    )
    assert (on_the_day.reached_on, on_the_day.state) == (date(2026, 3, 10), GoldState.REACHED)


def test_gold_reached_after_the_deadline_is_late():
    gold = evaluate(
        PointsHeld(sourced=30, managed=90), thresholds=THRESHOLDS, certified=True, rules=R2025
    )
    late = gold_deadline(date(2023, 1, 10), as_of=date(2025, 8, 1), evaluation=gold)
    assert (late.deadline, late.state) == (date(2025, 1, 10), GoldState.LATE)
    assert late.describe() == (
        "reached Gold on 2025-08-01 (the earliest day known), after the deadline "
        "2025-01-10 (24 months from joining on 2023-01-10)"
    )
    none = evaluate(PointsHeld(), thresholds=THRESHOLDS, certified=True, rules=R2025)
    assert gold_deadline(date(2023, 1, 10), as_of=date(2025, 8, 1), evaluation=none).state is (
        GoldState.MISSED
    )


def test_the_deadline_follows_the_rules_in_force_when_the_partner_joined():
    mine = attrs.evolve(R2025, reach_gold_within_months=6)
    found = gold_deadline(date(2025, 1, 31), as_of=date(2025, 2, 1), rules_for=lambda _: mine)
    assert (found.months, found.deadline) == (6, date(2025, 7, 31))


def test_gold_deadlines_refuse_bad_input():
    with pytest.raises(InvalidValueError, match="on or after joined"):
        gold_deadline(date(2025, 1, 31), as_of=date(2025, 1, 1))
    with pytest.raises(InvalidTypeError, match="Decision"):
        gold_deadline(date(2025, 1, 31), as_of=date(2025, 2, 1), history=[Tier.GOLD])
    with pytest.raises(InvalidTypeError, match="Evaluation"):
        gold_deadline(date(2025, 1, 31), as_of=date(2025, 2, 1), evaluation=Tier.GOLD)


@given(
    st.dates(date(2022, 7, 18), date(2026, 1, 1)),
    st.integers(0, 1500),
    st.one_of(st.none(), st.integers(0, 1500)),
)
def test_gold_is_reached_in_time_exactly_when_by_the_deadline(joined, later, reached_after):
    as_of = joined + relativedelta(days=later)
    history = []
    if reached_after is not None and reached_after <= later:
        reached = joined + relativedelta(days=reached_after)
        history = [Decision(reached, Tier.GOLD, Tier.GOLD, Change.UPGRADE, "met Gold criteria")]
    found = gold_deadline(joined, as_of=as_of, history=history)
    assert found.deadline == joined + relativedelta(months=24)
    if history:
        assert found.state is (
            GoldState.REACHED if history[0].on <= found.deadline else GoldState.LATE
        )
    else:
        assert found.state is (GoldState.PENDING if as_of <= found.deadline else GoldState.MISSED)


def test_a_gold_deadline_checks_its_values():
    with pytest.raises(InvalidTypeError, match="joined"):
        GoldDeadline("2024-03-10", 24, date(2026, 3, 10), date(2025, 1, 1), None)
    with pytest.raises(InvalidValueError, match="months"):
        GoldDeadline(date(2024, 3, 10), 0, date(2026, 3, 10), date(2025, 1, 1), None)
    with pytest.raises(InvalidTypeError, match="reached_on"):
        GoldDeadline(date(2024, 3, 10), 24, date(2026, 3, 10), date(2025, 1, 1), "soon")
    with pytest.raises(InvalidTypeError, match="earned_on"):
        reevaluate([], thresholds=THRESHOLDS, earned_on="2025-01-01")


# -- said in every language -------------------------------------------------------------


def test_tiers_and_no_tier_are_named_in_every_language():
    assert [tier_name(tier) for tier in Tier] == ["Gold", "Platinum", "Diamond", "Elite"]
    assert [tier_name(tier, "sv") for tier in Tier] == ["Gold", "Platinum", "Diamond", "Elite"]
    assert (tier_name(None), tier_name(None, "sv"), tier_name(None, "it")) == (
        "no tier",
        "ingen nivå",
        "nessun livello",
    )
    assert [translate(change.label, "sv") for change in Change] == [
        "uppgradering",
        "nedgradering",
        "behållen",
        "ingen ändring",
    ]
    assert [translate(state.label, "it") for state in GoldState] == [
        "raggiunto",
        "in ritardo",
        "mancato",
        "in attesa",
    ]


def test_the_reasons_of_an_evaluation_are_said_in_swedish_and_italian():
    held = PointsHeld(sourced=10, managed=200)
    reasons = evaluate(held, thresholds=THRESHOLDS, certified=False, rules=R2025).reasons(
        Tier.GOLD
    )
    assert reasons == (
        "no valid Solutions Partner certification",
        "sold points (sourced) 10 < 20",
    )
    sv, it = Presenter.for_locale("sv"), Presenter.for_locale("it")
    assert [sv.text(reason) for reason in reasons] == [
        "ingen giltig Solutions Partner-certifiering",
        "sålda poäng (partnerinitierad) 10 < 20",
    ]
    assert [it.text(reason) for reason in reasons] == [
        "nessuna certificazione Solutions Partner valida",
        "punti venduti (generato dal partner) 10 < 20",
    ]
    # a number the locale writes its own way
    sold = evaluate(
        PointsHeld(sourced="10.5"), thresholds=THRESHOLDS, certified=True, rules=R2024
    ).reasons(Tier.GOLD)[1]
    assert sold == "sold points (sourced + assisted) 10.5 < 20"
    assert sv.text(sold) == "sålda poäng (partnerinitierad + partnerassisterad) 10,5 < 20"


def test_the_reasons_of_a_reevaluation_are_said_in_swedish_and_italian():
    history = [month(2025, 1, 30, 90), month(2025, 2, 30, 90)]
    decisions = reevaluate(history, thresholds=THRESHOLDS)
    assert decisions[0].reason == "met Gold criteria"
    assert decisions[1].reason == "downgrades happen only on January 15 and July 15"
    sv, it = Presenter.for_locale("sv"), Presenter.for_locale("it")
    assert sv.text(decisions[0].reason) == "uppfyllde kriterierna för Gold"
    assert sv.text(decisions[1].reason) == (
        "nivån nedgraderas bara vid omvärderingen den 15 januari och 15 juli"
    )
    assert it.text(decisions[1].reason) == (
        "il livello viene abbassato solo alla rivalutazione del 15 gennaio e 15 luglio"
    )
    nothing = reevaluate([month(2025, 1, 0, 0)], thresholds=THRESHOLDS)[0].reason
    assert nothing == "no tier to re-evaluate"  # on January 15, with no tier credited
    assert (sv.text(nothing), it.text(nothing)) == (
        "ingen nivå att omvärdera",
        "nessun livello da rivalutare",
    )
    # a reason keeps its words, in every language, through a pickle
    import pickle

    again = pickle.loads(pickle.dumps(decisions[1]))
    assert again == decisions[1]
    assert sv.text(again.reason) == sv.text(decisions[1].reason)


def test_a_retention_of_one_month_and_of_many_in_english():
    calendar = Reevaluation([ReevaluationDay("04-01", "01-01")], retention_months=1)
    custom = attrs.evolve(R2025, reevaluation=calendar)
    history = [month(2025, number, 0, 0) for number in (1, 2, 3, 4)]

    def kept_for(months):
        retained = attrs.evolve(calendar, retention_months=months)
        return reevaluate(
            history,
            thresholds=THRESHOLDS,
            rules_for=lambda _: attrs.evolve(custom, reevaluation=retained),
            credited=Tier.DIAMOND,
            earned_on=date(2025, 3, 15),
        )[-1].reason

    assert kept_for(1) == "earned on 2025-03-15, less than 1 month ago"
    assert kept_for(2) == "earned on 2025-03-15, less than 2 months ago"
    assert Presenter.for_locale("sv").text(kept_for(1)) == (
        "uppnådd 15 mars 2025, för mindre än 1 månad sedan"
    )
    assert Presenter.for_locale("it").text(kept_for(1)) == (
        "ottenuto il 15 marzo 2025, meno di 1 mese fa"
    )


def test_a_gold_deadline_says_one_day_and_many_in_every_language():
    one = gold_deadline(date(2024, 3, 10), as_of=date(2026, 3, 9))
    assert one.describe() == (
        "must reach Gold by 2026-03-10 (24 months from joining on 2024-03-10): 1 day left"
    )
    assert one.describe("sv") == (
        "måste nå Gold senast 10 mars 2026 (24 månader efter anslutningen 10 mars 2024): "
        "1 dag kvar"
    )
    nine = gold_deadline(date(2024, 3, 10), as_of=date(2026, 3, 1))
    assert nine.describe("it").endswith(": mancano 9 giorni")
    assert one.describe("it").endswith(": manca 1 giorno")
    assert nine.describe("en") == nine.describe()


def test_what_if_is_said_in_swedish_and_italian():
    managed = ask(PLATINUM, Track.MANAGED)
    sv = Presenter.for_locale("sv")
    assert managed.reason.startswith(
        "managed points do not count toward the sold minimum, which counts sourced points"
    )
    assert sv.text(managed.reason).startswith(
        "poäng på spåret hanterad räknas inte mot minimikravet för sålda poäng, som räknar poäng "
        "av typen partnerinitierad (40 saknas)"
    )
    top = what_if(
        PointsHeld(sourced=600, managed=2000),
        thresholds=Thresholds(THRESHOLDS.requirements[:1]),
        certified=True,
        rules=R2025,
        currency="EUR",
        track=Track.SOURCED,
        market="DE",
    )
    assert Presenter.for_locale("it").text(top.reason) == "già al livello più alto"


def test_a_bad_row_of_a_history_keeps_its_words(tmp_path):
    error = refused(
        read_history,
        tmp_path / "history.csv",
        "month,sourced,assisted,managed,certified,invited,certifications\n"
        "2025-01,1,0,0,yes,,3\n2025-01,1,0,0,yes,yes,3\n",
        LedgerFileError,
    )
    assert error.problems[0].message.endswith("; invited is blank")
    assert "en månad som inte redan finns på rad 2" in error.say("sv")
