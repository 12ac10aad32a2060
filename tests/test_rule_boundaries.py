"""The boundaries of DOMAIN.md's rules: the day a rule starts or stops applying, the
count that just meets a minimum, the amount that just closes a gap.

Each test here states one rule at its edge (the boundary day itself, and the day
before or after where that helps), so that the rule written one step off — ``<``
for ``<=``, a day early or late — fails it.
"""

from datetime import date, timedelta
from decimal import Decimal

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money, Track, rules
from hubpartner.engagement import (
    Action,
    Activity,
    Subscription,
    default_model,
    usage_from_activities,
)
from hubpartner.ledger import Ledger, ManagedMonth, PointsHeld, SoldDeal
from hubpartner.managed import (
    ActivePeriod,
    Condition,
    Event,
    active_periods,
    default_managed_rules,
    managed_credit_status,
    monthly_managed_points,
)
from hubpartner.plan import expiring_points, managed_risks
from hubpartner.points import money_to_points
from hubpartner.tiers import (
    Change,
    Decision,
    EliteStatus,
    GoldState,
    MonthRecord,
    Thresholds,
    Tier,
    TierRequirement,
    evaluate,
    gold_deadline,
    load_thresholds,
    reevaluate,
    what_if,
)

from .helpers import EXAMPLES
from .strategies import LISTED_CURRENCIES, amounts, dates, markets, published_rules

R2025 = rules.for_date(date(2025, 8, 1))
# illustrative thresholds, as in docs/examples/thresholds.toml
THRESHOLDS = load_thresholds(EXAMPLES / "thresholds.toml")
USD_1000 = Money("1000", "USD")


# -- tiers: qualifying activities -----------------------------------------------------------


def gold_with_activities(minimum):
    return Thresholds(
        [TierRequirement("gold", total=100, sold_minimum=20, qualifying_activities=minimum)]
    )


@given(st.integers(1, 10**6))
def test_exactly_the_minimum_number_of_qualifying_activities_meets_the_requirement(minimum):
    # DOMAIN.md §3: some tiers require a minimum number of qualifying activities
    thresholds = gold_with_activities(minimum)

    def met(activities):
        return evaluate(
            PointsHeld(sourced=100),
            thresholds=thresholds,
            certified=True,
            rules=R2025,
            activities=activities,
        )

    assert met(minimum).tier is Tier.GOLD
    assert met(minimum + 1).tier is Tier.GOLD
    one_short = met(minimum - 1)
    assert one_short.tier is None
    (reason,) = one_short.reasons(Tier.GOLD)
    assert reason.startswith("qualifying activities ")


def test_elite_is_met_with_exactly_its_thirty_qualifying_activities():
    # DOMAIN.md §3 and §4: the illustrative thresholds' Elite asks for 30 activities
    held = PointsHeld(sourced=500, managed=1600)
    status = EliteStatus(
        invited=True, customer_retention="0.9", dollar_retention="0.9", certifications=120
    )

    def tier(activities):
        return evaluate(
            held,
            thresholds=THRESHOLDS,
            certified=True,
            rules=R2025,
            activities=activities,
            elite=status,
        ).tier

    assert tier(30) is Tier.ELITE
    assert tier(29) is Tier.DIAMOND


# -- tiers: six months' protection --------------------------------------------------------


def month(year, number, sourced, managed):
    return MonthRecord(date(year, number, 1), PointsHeld(sourced=sourced, managed=managed), True)


NOTHING_FEBRUARY_TO_JULY = [month(2025, m, 0, 0) for m in range(2, 8)]


def test_gold_earned_six_months_before_a_reevaluation_is_downgraded_that_day():
    # DOMAIN.md §4: "No downgrade within 6 months of earning a tier": Gold earned on
    # 2025-01-15 and not met February to July is downgraded on 2025-07-15, six months on
    history = [month(2025, 1, 30, 90), *NOTHING_FEBRUARY_TO_JULY]
    decisions = reevaluate(history, thresholds=THRESHOLDS)
    assert (decisions[0].on, decisions[0].change) == (date(2025, 1, 15), Change.UPGRADE)
    assert (decisions[-1].on, decisions[-1].change) == (date(2025, 7, 15), Change.DOWNGRADE)
    assert decisions[-1].credited is None


@pytest.mark.parametrize(
    ("earned_on", "change"),
    [
        (date(2025, 1, 14), Change.DOWNGRADE),
        (date(2025, 1, 15), Change.DOWNGRADE),  # six months exactly: no longer within
        (date(2025, 1, 16), Change.KEPT),  # a day short of six months: protected
    ],
)
def test_a_tier_is_protected_for_less_than_six_months_from_the_day_it_was_earned(
    earned_on, change
):
    # DOMAIN.md §4: "No downgrade within 6 months of earning a tier"
    decisions = reevaluate(
        NOTHING_FEBRUARY_TO_JULY, thresholds=THRESHOLDS, credited=Tier.GOLD, earned_on=earned_on
    )
    assert decisions[-1].on == date(2025, 7, 15)
    assert decisions[-1].change is change


# -- tiers: Gold within 24 months ------------------------------------------------------------


def test_on_the_deadline_day_a_new_partner_without_gold_is_still_pending():
    # DOMAIN.md §4: "New partners must reach Gold within 24 months"
    on_the_day = gold_deadline(date(2024, 3, 10), as_of=date(2026, 3, 10))
    assert on_the_day.deadline == date(2026, 3, 10)
    assert (on_the_day.state, on_the_day.days_left) == (GoldState.PENDING, 0)
    assert gold_deadline(date(2024, 3, 10), as_of=date(2026, 3, 11)).state is GoldState.MISSED


@given(dates(date(2022, 7, 18), date(2030, 12, 31)))
def test_a_partner_is_pending_through_its_deadline_and_missed_the_day_after(joined):
    deadline = gold_deadline(joined, as_of=joined).deadline
    assert gold_deadline(joined, as_of=deadline).state is GoldState.PENDING
    after = gold_deadline(joined, as_of=deadline + timedelta(days=1))
    assert after.state is GoldState.MISSED


def test_the_months_to_reach_gold_come_from_the_rule_set_in_force_on_the_joining_day():
    # DOMAIN.md §4: the 24 months are rule data; a partner keeps the months of the rule
    # set in force when it joined, even after a later rule set changes them
    earlier = attrs.evolve(R2025, reach_gold_within_months=12, effective=date(2024, 1, 1))
    later = attrs.evolve(R2025, reach_gold_within_months=36, effective=date(2025, 6, 1))

    def rules_for(day):
        return later if day >= later.effective else earlier

    found = gold_deadline(date(2025, 1, 10), as_of=date(2025, 8, 1), rules_for=rules_for)
    assert (found.months, found.deadline) == (12, date(2026, 1, 10))
    joined_later = gold_deadline(date(2025, 6, 1), as_of=date(2025, 8, 1), rules_for=rules_for)
    assert joined_later.months == 36


def gold_credited(on):
    return Decision(on, Tier.GOLD, Tier.GOLD, Change.UPGRADE, "met Gold criteria")


def test_a_tier_credited_before_the_partner_joined_is_not_reaching_gold():
    # DOMAIN.md §4: a new partner reaches Gold after joining; a decision dated before
    # the joining day is not its reaching Gold
    joined = date(2024, 3, 10)
    before = gold_credited(date(2024, 1, 15))
    found = gold_deadline(joined, as_of=date(2025, 5, 1), history=[before])
    assert (found.reached_on, found.state) == (None, GoldState.PENDING)
    # the joining day itself counts
    on_joining = gold_credited(joined)
    found = gold_deadline(joined, as_of=date(2025, 5, 1), history=[before, on_joining])
    assert (found.reached_on, found.state) == (joined, GoldState.REACHED)


# -- tiers: what-if ---------------------------------------------------------------------------


GOLD_ONLY = Thresholds([TierRequirement("gold", total=100, sold_minimum=20)])


def test_the_mrr_for_a_points_gap_is_rounded_up_so_that_it_is_enough():
    # DOMAIN.md §2 (EUR 88 is USD 100 from 2025-07-15; assisted earns 3): one point
    # short of Gold's total is EUR 29.333..., rounded up to EUR 29.34 (EUR 29.33 earns
    # 0.9999 points, not enough)
    held = PointsHeld(sourced=20, managed=79)
    answer = what_if(
        held,
        thresholds=GOLD_ONLY,
        certified=True,
        rules=R2025,
        currency="EUR",
        track=Track.ASSISTED,
        market="DE",
    )
    assert (answer.tier, answer.points) == (Tier.GOLD, 1)
    assert answer.mrr == Money("29.34", "EUR")
    earned = money_to_points(answer.mrr, track=Track.ASSISTED, market="DE", rules=R2025)
    assert earned >= 1
    short = money_to_points(Money("29.33", "EUR"), track=Track.ASSISTED, market="DE", rules=R2025)
    assert short < 1


@given(
    amounts(max_value=79, places=2, allow_zero=False),
    st.sampled_from([Track.SOURCED, Track.ASSISTED]),
    st.sampled_from(LISTED_CURRENCIES),
    markets(),
    published_rules(),
)
def test_the_mrr_for_a_points_gap_earns_the_gap_and_one_minor_unit_less_does_not(
    gap, track, currency, market, rule_set
):
    # the combined gap only: 20 sourced points meet the sold minimum
    held = PointsHeld(sourced=20, managed=80 - gap)
    answer = what_if(
        held,
        thresholds=GOLD_ONLY,
        certified=True,
        rules=rule_set,
        currency=currency,
        track=track,
        market=market,
    )
    assert answer.points == gap
    assert answer.mrr is not None
    assert money_to_points(answer.mrr, track=track, market=market, rules=rule_set) >= gap
    unit = Decimal(1).scaleb(-answer.mrr.minor_units)
    less = Money(answer.mrr.amount - unit, currency)
    assert money_to_points(less, track=track, market=market, rules=rule_set) < gap


# -- engagement: the period of activities -----------------------------------------------------


MODEL = default_model()
USES = [Action.CREATE, Action.PUBLISH, Action.EDIT]


@given(dates(), st.integers(0, 400), st.sampled_from(MODEL.tools), st.sampled_from(USES))
def test_an_activity_on_the_first_or_the_last_day_of_the_period_counts(start, days, tool, action):
    # DOMAIN.md §6: a tool used (created, published, edited with) in the period counts;
    # the period runs from start to end, both included
    end = start + timedelta(days=days)

    def used_on(day):
        return usage_from_activities([Activity(tool, action, day)], start=start, end=end).tools

    assert used_on(start) == {tool}
    assert used_on(end) == {tool}
    assert used_on(start - timedelta(days=1)) == set()
    assert used_on(end + timedelta(days=1)) == set()


# -- engagement: the default model's subscriptions --------------------------------------------

# The tool -> subscription table of the default scoring model, as data/engagement.toml
# publishes it ("any": every account has the tool; "hub:edition": that edition of the
# hub or a higher one). A change to the published default is a reviewed change: edit
# this table with the data file, and say it in CHANGELOG.md under "Rules".
PUBLISHED_TOOL_SUBSCRIPTIONS = {
    "contacts": "any",
    "companies": "any",
    "deals": "any",
    "tickets": "any",
    "lists": "any",
    "tasks": "any",
    "email": "any",
    "forms": "any",
    "landing-pages": ["marketing:starter", "content:starter"],
    "ctas": ["marketing:starter", "content:starter"],
    "social": ["marketing:professional"],
    "ads": "any",
    "meetings": "any",
    "sequences": ["sales:starter", "service:starter"],
    "quotes": "any",
    "playbooks": ["sales:professional", "service:professional"],
    "inbox": "any",
    "knowledge-base": ["service:professional"],
    "feedback-surveys": ["service:professional"],
    "website-pages": ["content:starter"],
    "blog": ["marketing:starter", "content:starter"],
    "workflows": [
        "marketing:professional",
        "sales:professional",
        "service:professional",
        "operations:professional",
        "content:professional",
    ],
    "reports": "any",
    "dashboards": "any",
}


def test_the_default_model_holds_the_published_tool_subscription_table():
    # DOMAIN.md §6: the categories and the formula are [open], with a documented default
    found = {
        tool: "any" if needs is None else [str(s) for s in needs]
        for tool, needs in MODEL.requirements.items()
    }
    assert found == PUBLISHED_TOOL_SUBSCRIPTIONS
    assert sorted(MODEL.tools) == sorted(PUBLISHED_TOOL_SUBSCRIPTIONS)


@pytest.mark.parametrize(
    ("tool", "held", "included"),
    [
        ("social", "marketing:starter", False),
        ("social", "marketing:professional", True),
        ("blog", "marketing:starter", True),
        ("blog", "content:starter", True),
        ("blog", "sales:enterprise", False),
    ],
)
def test_the_default_model_says_which_subscription_includes_social_and_blog(tool, held, included):
    assert MODEL.includes(tool, [Subscription.parse(held)]) is included


# -- managed: when a relationship ends ------------------------------------------------------


def set_up(user="kim", on=date(2025, 1, 6)):
    return [
        Event(on, kind, user=user)
        for kind in ("employee-added", "client-assigned", "user-added-to-client")
    ]


def publish(on, user="kim"):
    return Event(on, "activity", user=user, tool="blog", action="publish")


def ended_on(day):
    return [*set_up(), publish(date(2025, 1, 6)), Event(day, "end-services")]


def test_end_services_on_a_months_last_day_earns_no_credit_that_month():
    # DOMAIN.md §3: "Credit stops when a managed relationship ends"; "End services" ends
    # it immediately: ended on January 31, it is not active at January's end
    events = ended_on(date(2025, 1, 31))
    (january,) = monthly_managed_points(
        events, mrr=USD_1000, market="US", start=date(2025, 1, 1), end=date(2025, 1, 31)
    )
    assert (january.active, january.points) == (False, 0)
    assert not managed_credit_status(events, as_of=date(2025, 1, 31)).receiving
    (period,) = active_periods(events, until=date(2025, 3, 1))
    assert period == ActivePeriod(date(2025, 1, 6), date(2025, 1, 31))
    assert not period.covers(date(2025, 1, 31))
    # ended a day later, January earns its credit
    (january,) = monthly_managed_points(
        ended_on(date(2025, 2, 1)),
        mrr=USD_1000,
        market="US",
        start=date(2025, 1, 1),
        end=date(2025, 1, 31),
    )
    assert (january.active, january.points) == (True, 10)


@given(dates(), st.integers(1, 400))
def test_an_active_period_covers_its_first_day_and_not_its_end(start, days):
    end = start + timedelta(days=days)
    period = ActivePeriod(start, end)
    assert period.covers(start)
    assert period.covers(end - timedelta(days=1))
    assert not period.covers(end)
    assert not period.covers(start - timedelta(days=1))


def test_after_end_services_every_missing_condition_is_named():
    # DOMAIN.md §3: "get every missing condition, not just the first": End services
    # unassigns the client, and the relationship it ended needs a new activity
    end = Event(date(2025, 1, 11), "end-services")
    events = [*set_up(), publish(date(2025, 1, 6)), end]
    status = managed_credit_status(events, as_of=end.on)
    assert status.missing == (Condition.CLIENT_ASSIGNED, Condition.QUALIFYING_ACTIVITY)
    assert status.reasons == (
        "the client assigned to that user",
        "a qualifying activity in the last 60 days",
        "ended at once on 2025-01-11 by end-services",
    )
    # assigned again, an activity is what it lacks (the one before the end does not
    # carry over into the new relationship)
    again = [*events, Event(date(2025, 1, 20), "client-assigned", user="kim")]
    status = managed_credit_status(again, as_of=date(2025, 1, 20))
    assert not status.receiving
    assert status.missing == (Condition.QUALIFYING_ACTIVITY,)


ANY_DAY = attrs.evolve(default_managed_rules(), monthly_credit="any-day")


def test_with_any_day_credit_a_relationship_ended_on_the_first_earns_nothing_that_month():
    # DOMAIN.md §3 (which day of the month earns credit is rule data): active on any
    # day of a month earns it; ended on February 1 (the end day excluded), it was
    # active on no day of February
    months = monthly_managed_points(
        ended_on(date(2025, 2, 1)),
        mrr=USD_1000,
        market="US",
        start=date(2025, 1, 1),
        end=date(2025, 2, 28),
        rules=ANY_DAY,
    )
    assert [(m.active, m.points) for m in months] == [(True, 10), (False, 0)]
    # ended on February 2, it was active on February 1
    (february,) = monthly_managed_points(
        ended_on(date(2025, 2, 2)),
        mrr=USD_1000,
        market="US",
        start=date(2025, 2, 1),
        end=date(2025, 2, 28),
        rules=ANY_DAY,
    )
    assert (february.active, february.points) == (True, 10)


# -- plan: risks and expiring points --------------------------------------------------------


AS_OF = date(2025, 8, 1)
KIM = [*set_up(on=date(2024, 5, 2)), publish(date(2025, 7, 10))]  # lapses on 2025-09-08
LEDGER = Ledger(managed=[ManagedMonth("c1", date(2025, 8, 1), 40)])


def test_credit_that_lapses_exactly_on_the_planned_day_is_at_risk():
    # DOMAIN.md §3: credit stops 60 days after the last qualifying activity: on that
    # day it is no longer received, so a plan for that day loses it
    (risk,) = managed_risks(LEDGER, as_of=AS_OF, by=date(2025, 9, 8), events={"c1": KIM})
    assert risk.lapses_on == date(2025, 9, 8)
    assert risk.lapses_by_plan
    assert risk.window == (AS_OF, date(2025, 9, 8))
    (risk,) = managed_risks(LEDGER, as_of=AS_OF, by=date(2025, 9, 7), events={"c1": KIM})
    assert not risk.lapses_by_plan
    assert risk.window is None


def test_points_expired_on_the_day_are_not_expiring_and_those_expiring_on_the_planned_day_are():
    # DOMAIN.md §4: a sold point stays active for 12 months (rule data)
    by = date(2026, 1, 15)
    ledger = Ledger(
        [
            SoldDeal("c1", date(2024, 8, 1), "sourced", 5),  # expired on AS_OF
            SoldDeal("c2", date(2024, 8, 2), "sourced", 7),  # expires the day after
            SoldDeal("c3", date(2025, 1, 15), "sourced", 11),  # expires on the planned day
            SoldDeal("c4", date(2025, 1, 16), "sourced", 13),  # expires the day after it
        ],
        lifetime_months=12,
    )
    found = [(e.client, e.points, e.first_on) for e in expiring_points(ledger, as_of=AS_OF, by=by)]
    assert found == [
        ("c2", Decimal(7), date(2025, 8, 2)),
        ("c3", Decimal(11), date(2026, 1, 15)),
    ]


@st.composite
def deals_around(draw):
    """A day, a later planned day, and deals made on or before the day, many of them
    expiring on one of the two days or next to them."""
    day = draw(dates(date(2020, 1, 1), date(2030, 1, 1)))
    by = day + timedelta(days=draw(st.integers(1, 500)))
    year = relativedelta(months=12)
    edges = [d - year + timedelta(days=k) for d in (day, by) for k in (-1, 0, 1)]
    made = st.one_of(st.sampled_from(edges), dates(day - 2 * year, day))
    deals = draw(
        st.lists(
            st.builds(
                SoldDeal,
                st.sampled_from(["c1", "c2"]),
                made.map(lambda d: min(d, day)),
                st.sampled_from(["sourced", "assisted"]),
                st.integers(1, 100),
            ),
            max_size=8,
        )
    )
    return day, by, Ledger(deals, lifetime_months=12)


@given(deals_around())
def test_the_points_expiring_by_the_planned_day_are_those_active_now_and_not_then(case):
    day, by, ledger = case
    expiring = expiring_points(ledger, as_of=day, by=by)
    now, then = ledger.active(day), ledger.active(by)
    for track, held_now, held_then in [
        (Track.SOURCED, now.sourced, then.sourced),
        (Track.ASSISTED, now.assisted, then.assisted),
    ]:
        lost = sum((e.points for e in expiring if e.track is track), Decimal(0))
        assert lost == held_now - held_then


# -- plan: restarting credit after services were ended ---------------------------------------


def test_a_client_assigned_again_after_end_services_can_restart_credit_with_an_activity():
    # DOMAIN.md §3 and §7: End services ends the relationship and unassigns the client
    # (so no window then: test_plan's ended-at-once test); assigned again, one
    # qualifying activity starts a new relationship
    ended = [
        *KIM,
        Event(date(2025, 7, 20), "end-services"),
        Event(date(2025, 7, 25), "client-assigned", user="kim"),
    ]
    by = date(2026, 1, 15)
    restarted = [*ended, publish(date(2025, 12, 1))]
    assert managed_credit_status(restarted, as_of=by).receiving
    (risk,) = managed_risks(LEDGER, as_of=AS_OF, by=by, events={"c1": ended})
    assert risk.window is not None
