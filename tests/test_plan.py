"""hubpartner.plan: the risks before the next re-evaluation, the opportunities valued
in points, and the plan — each composed from the library's own rules."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import HubPartnerError, Money, Track, rules
from hubpartner.clients import ClientRecord, Company, Portfolio, ProductLine
from hubpartner.engagement import Catalogue, Hub, Subscription
from hubpartner.errors import MissingPriceError
from hubpartner.ledger import Ledger, ManagedMonth, PointsHeld, SoldDeal
from hubpartner.managed import Event, default_managed_rules
from hubpartner.plan import (
    Action,
    Needed,
    Shortfall,
    expiring_points,
    managed_risks,
    next_reevaluation,
    outlook,
    plan,
    plan_actions,
    prices_from_toml,
    sale_actions,
    smallest_set,
)
from hubpartner.tiers import Thresholds, Tier, TierRequirement

AS_OF = date(2025, 8, 1)
BY = date(2026, 1, 15)
NOW = rules.for_date(BY)
CATALOGUE = Catalogue(
    [
        Hub("marketing", "Marketing Hub", ["free", "starter", "professional", "enterprise"]),
        Hub("sales", "Sales Hub", ["free", "starter", "professional"]),
    ]
)
PRICES = prices_from_toml(
    """
schema = 1
[USD.marketing]
starter = 20
professional = 800
enterprise = 3600
[USD.sales]
starter = 20
professional = { price = 100, seats = 5 }
[EUR.marketing]
starter = 18
professional = 880
enterprise = 3300
[EUR.sales]
starter = 18
professional = 88
""",
    catalogue=CATALOGUE,
)
THRESHOLDS = Thresholds(
    [
        TierRequirement("gold", total=100, sold_minimum=20),
        TierRequirement("platinum", total=200, sold_minimum=60, managed_minimum=30),
    ]
)


def client(
    id: str,
    market: str | None,
    relationship: str,
    *products: tuple[str, str, int],
    currency: str = "USD",
) -> ClientRecord:
    return ClientRecord(
        Company(id, f"Company {id}"),
        [
            ProductLine(Subscription(hub, edition), Money(amount, currency))
            for hub, edition, amount in products
        ],
        relationship,
        market=market,
    )


PORTFOLIO = Portfolio(
    [
        client("c1", "US", "both", ("marketing", "professional", 800)),
        client("c2", "IN", "sold", ("sales", "starter", 20)),
        client("c3", "US", "sold", ("marketing", "starter", 20), ("sales", "starter", 20)),
    ]
)
LEDGER = Ledger(
    [
        SoldDeal("c1", date(2024, 9, 10), "sourced", 50),
        SoldDeal("c3", date(2025, 6, 2), "sourced", 80),
    ],
    [ManagedMonth("c1", date(2025, 8, 1), 40)],
)


def set_up(user: str, on: date = date(2024, 5, 2)) -> list[Event]:
    return [
        Event(on, kind, user=user)
        for kind in ("employee-added", "client-assigned", "user-added-to-client")
    ]


def activity(on: date, user: str = "kim", action: str = "publish") -> Event:
    return Event(on, "activity", user=user, tool="blog", action=action)


KIM = [*set_up("kim"), activity(date(2025, 7, 10))]


# -- the next re-evaluation -------------------------------------------------------------


@pytest.mark.parametrize(
    ("as_of", "expected"),
    [
        (date(2025, 7, 14), date(2025, 7, 15)),
        (date(2025, 7, 15), date(2026, 1, 15)),
        (date(2025, 12, 31), date(2026, 1, 15)),
        (date(2026, 1, 14), date(2026, 1, 15)),
        (date(2026, 1, 15), date(2026, 7, 15)),
    ],
)
def test_the_next_reevaluation_is_the_first_reevaluation_day_after_the_day(
    as_of: date, expected: date
) -> None:
    assert next_reevaluation(as_of) == expected


def test_the_next_reevaluation_follows_the_rules_calendar() -> None:
    from hubpartner.rules import Reevaluation, ReevaluationDay

    calendar = Reevaluation([ReevaluationDay("03-01", "09-01")], retention_months=6)
    own = attrs.evolve(NOW, reevaluation=calendar)
    assert next_reevaluation(AS_OF, rules_for=lambda _: own) == date(2026, 3, 1)


def test_no_reevaluation_after_the_calendars_end_is_an_error_naming_as_of() -> None:
    with pytest.raises(HubPartnerError, match=r"^as_of"):
        next_reevaluation(date(9999, 7, 15))


# -- managed credit at risk ---------------------------------------------------------------


def test_a_client_whose_credit_lapses_before_the_day_is_at_risk_with_a_window() -> None:
    (risk,) = managed_risks(LEDGER, as_of=AS_OF, by=BY, events={"c1": KIM})
    assert (risk.client, risk.points, risk.receiving) == ("c1", Decimal(40), True)
    assert risk.last_activity == date(2025, 7, 10)
    assert risk.lapses_on == date(2025, 9, 8)
    assert risk.days_left == 38
    assert risk.lapses_by_plan
    # an activity on the window's first day lapses the day after ``by``
    assert risk.window == (BY - timedelta(days=59), BY)
    assert risk.window[0] + timedelta(days=60) == BY + timedelta(days=1)


def test_the_window_opens_no_earlier_than_the_day_of_the_plan() -> None:
    (risk,) = managed_risks(LEDGER, as_of=AS_OF, by=date(2025, 9, 9), events={"c1": KIM})
    assert risk.window == (AS_OF, date(2025, 9, 9))


def test_a_client_whose_credit_outlasts_the_day_is_not_at_risk() -> None:
    events = [*set_up("kim"), activity(date(2025, 12, 1))]
    (risk,) = managed_risks(LEDGER, as_of=date(2025, 12, 2), by=BY, events={"c1": events})
    assert risk.receiving
    assert not risk.lapses_by_plan
    assert risk.window is None


def test_the_lapse_period_is_the_managed_rules() -> None:
    thirty = attrs.evolve(default_managed_rules(), lapse_days=30)
    (risk,) = managed_risks(LEDGER, as_of=AS_OF, by=BY, events={"c1": KIM}, rules=thirty)
    assert risk.lapses_on == date(2025, 8, 9)
    assert risk.window == (BY - timedelta(days=29), BY)


def test_a_client_without_events_is_listed_with_its_lapse_unknown() -> None:
    (risk,) = managed_risks(LEDGER, as_of=AS_OF, by=BY)
    assert risk.receiving is None
    assert risk.lapses_on is None
    assert risk.window is None
    assert "not known" in risk.reasons[0]


def test_a_client_not_receiving_credit_is_listed_with_every_reason() -> None:
    login_only = [*set_up("kim"), activity(date(2025, 7, 20), action="login")]
    (risk,) = managed_risks(LEDGER, as_of=AS_OF, by=BY, events={"c1": login_only})
    assert risk.receiving is False
    assert risk.days_left is None
    assert risk.reasons[0] == "a qualifying activity in the last 60 days"
    assert "login is not a qualifying activity" in risk.reasons[1]
    # one qualifying activity is all it lacks: it can restart credit
    assert risk.window == (BY - timedelta(days=59), BY)


def test_a_relationship_ended_at_once_cannot_be_kept_with_an_activity() -> None:
    ended = [*KIM, Event(date(2025, 7, 20), "end-services")]
    (risk,) = managed_risks(LEDGER, as_of=AS_OF, by=BY, events={"c1": ended})
    assert risk.receiving is False
    assert risk.window is None


def test_managed_clients_come_from_the_ledger_the_portfolio_and_the_events() -> None:
    events = {"c9": [*set_up("lee"), activity(date(2025, 7, 30), user="lee")]}
    risks = managed_risks(
        LEDGER, as_of=AS_OF, by=BY, events={**events, "c1": KIM}, portfolio=PORTFOLIO
    )
    # soonest lapse first: c1 (2025-09-08), then c9 (2025-09-28)
    assert [(r.client, r.points) for r in risks] == [("c1", Decimal(40)), ("c9", Decimal(0))]


def test_a_managed_client_of_an_earlier_month_keeps_its_latest_points() -> None:
    ledger = Ledger(
        managed=[
            ManagedMonth("c1", date(2025, 5, 1), 12),
            ManagedMonth("c1", date(2025, 6, 1), 15),
        ]
    )
    (risk,) = managed_risks(ledger, as_of=AS_OF, by=BY, events={"c1": KIM})
    assert risk.points == Decimal(15)


@pytest.mark.parametrize("events", ["c1", [KIM], {"c1": ["not an event"]}])
def test_events_that_are_not_a_mapping_of_events_are_refused(events: object) -> None:
    with pytest.raises(TypeError, match=r"^events"):
        managed_risks(LEDGER, as_of=AS_OF, by=BY, events=events)  # type: ignore[arg-type]


def test_a_planned_day_not_after_the_day_is_refused_by_name() -> None:
    with pytest.raises(ValueError, match=r"^by: "):
        managed_risks(LEDGER, as_of=AS_OF, by=AS_OF)


# -- points expiring ----------------------------------------------------------------------


def test_the_sold_points_that_expire_by_the_day_per_client_and_track() -> None:
    ledger = Ledger(
        [
            SoldDeal("c1", date(2024, 9, 10), "sourced", 50),
            SoldDeal("c1", date(2024, 10, 1), "sourced", 5),
            SoldDeal("c1", date(2024, 10, 1), "assisted", 7),
            SoldDeal("c2", date(2024, 8, 20), "sourced", 3),
            SoldDeal("c3", date(2025, 6, 2), "sourced", 80),  # expires after the day
            SoldDeal("c4", date(2024, 7, 1), "sourced", 9),  # expired before as_of
            SoldDeal("c5", date(2025, 9, 1), "sourced", 9),  # not yet made on as_of
        ]
    )
    found = [
        (e.client, e.track.value, e.points, e.first_on)
        for e in expiring_points(ledger, as_of=AS_OF, by=BY)
    ]
    assert found == [
        ("c2", "sourced", Decimal(3), date(2025, 8, 20)),
        ("c1", "sourced", Decimal(55), date(2025, 9, 10)),
        ("c1", "assisted", Decimal(7), date(2025, 10, 1)),
    ]


# -- the outlook --------------------------------------------------------------------------


def test_a_tier_met_in_one_month_of_the_window_is_safe() -> None:
    risks = managed_risks(LEDGER, as_of=AS_OF, by=BY, events={"c1": KIM})
    seen = outlook(LEDGER, thresholds=THRESHOLDS, as_of=AS_OF, by=BY, risks=risks)
    assert seen.held == PointsHeld(sourced=80)
    assert (seen.now, seen.met, seen.credited, seen.safe) == (Tier.GOLD, None, Tier.GOLD, True)
    assert str(seen.said()) == "Gold is safe on 2026-01-15"


def test_a_tier_met_in_no_month_of_the_window_is_at_risk_with_its_shortfalls() -> None:
    risks = managed_risks(LEDGER, as_of=AS_OF, by=BY, events={"c1": KIM})
    seen = outlook(
        LEDGER, thresholds=THRESHOLDS, as_of=AS_OF, by=BY, risks=risks, credited=Tier.PLATINUM
    )
    assert not seen.safe
    assert seen.credited is Tier.GOLD
    assert [(s.track, s.held, s.required, s.short) for s in seen.shortfalls] == [
        ("combined", Decimal(80), Decimal(200), Decimal(120)),
        ("sourced", Decimal(80), Decimal(60), Decimal(0)),
        ("managed", Decimal(0), Decimal(30), Decimal(30)),
    ]
    assert "highest tier met in the window: Gold" in seen.reason
    assert (
        str(seen.said()) == "Platinum is at risk: on 2026-01-15 the partner would be credited Gold"
    )


def test_managed_credit_without_events_continues_in_the_outlook() -> None:
    seen = outlook(LEDGER, thresholds=THRESHOLDS, as_of=AS_OF, by=BY)
    assert seen.held == PointsHeld(sourced=80, managed=40)


def test_no_tier_now_is_none_at_risk() -> None:
    seen = outlook(Ledger(), thresholds=THRESHOLDS, as_of=AS_OF, by=BY)
    assert seen.now is None
    assert seen.safe
    assert seen.shortfalls == ()
    assert str(seen.said()) == "no tier is credited now, so none is at risk"


def test_a_shortfall_is_never_negative() -> None:
    assert Shortfall("combined", 90, 60).short == 0


# -- opportunities ------------------------------------------------------------------------


def test_sales_are_valued_from_the_price_list_in_the_clients_market() -> None:
    found = [
        (a.client, a.kind.value, str(a.offer), a.mrr, a.points)
        for a in sale_actions(PORTFOLIO, prices=PRICES, rules=NOW, catalogue=CATALOGUE)
    ]
    assert found == [
        ("c1", "upsell", "marketing:enterprise", Money(2800, "USD"), Decimal(140)),
        ("c1", "cross-sell", "sales:starter", Money(20, "USD"), Decimal(1)),
        ("c2", "upsell", "sales:professional", Money(480, "USD"), Decimal(48)),
        ("c2", "cross-sell", "marketing:starter", Money(20, "USD"), Decimal(2)),
        ("c3", "upsell", "marketing:professional", Money(780, "USD"), Decimal(39)),
        ("c3", "upsell", "sales:professional", Money(480, "USD"), Decimal(24)),
    ]


def test_assisted_sales_earn_the_assisted_rate() -> None:
    found = sale_actions(
        PORTFOLIO, prices=PRICES, rules=NOW, catalogue=CATALOGUE, track="assisted"
    )
    assert found[0].track is Track.ASSISTED
    assert found[0].points == Decimal(84)


def test_sales_in_euros_use_the_rules_local_amount() -> None:
    record = client("e1", "DE", "sold", ("sales", "starter", 18), currency="EUR")
    (upsell, _cross) = sale_actions(
        Portfolio([record]), prices=PRICES, rules=NOW, catalogue=CATALOGUE
    )
    assert upsell.mrr == Money(70, "EUR")
    # EUR 88 is USD 100: 70 / 88 * 5 sourced points, exact to the 40 digits of a quotient
    assert abs(Fraction(upsell.points) - Fraction(350, 88)) < Fraction(1, 10**35)


def test_an_offer_that_adds_no_mrr_is_left_out() -> None:
    flat = prices_from_toml(
        "schema = 1\n[USD.marketing]\nstarter = 20\nprofessional = 20\nenterprise = 20\n"
        "[USD.sales]\nstarter = 20\nprofessional = 20\n",
        catalogue=CATALOGUE,
    )
    record = client("c1", "US", "sold", ("marketing", "starter", 20))
    found = sale_actions(Portfolio([record]), prices=flat, rules=NOW, catalogue=CATALOGUE)
    assert [str(a.offer) for a in found] == ["sales:starter"]


def test_a_client_without_a_market_needs_a_default_market() -> None:
    record = client("c7", None, "sold", ("marketing", "starter", 20))
    with pytest.raises(ValueError, match=r"^market: None .* client c7: a market column"):
        sale_actions(Portfolio([record]), prices=PRICES, rules=NOW, catalogue=CATALOGUE)
    found = sale_actions(
        Portfolio([record]), prices=PRICES, rules=NOW, catalogue=CATALOGUE, default_market="IN"
    )
    assert found[0].points == Decimal(78)  # 780 / 100 * 5 * 2


def test_a_missing_price_names_the_hub_the_edition_and_the_currency() -> None:
    record = client("c8", "GB", "sold", ("marketing", "starter", 20), currency="GBP")
    with pytest.raises(MissingPriceError, match="marketing:professional") as caught:
        sale_actions(Portfolio([record]), prices=PRICES, rules=NOW, catalogue=CATALOGUE)
    assert "GBP" in str(caught.value)
    assert isinstance(caught.value, LookupError)


def test_the_managed_track_is_no_sale() -> None:
    with pytest.raises(ValueError, match=r"^track: 'managed'"):
        sale_actions(PORTFOLIO, prices=PRICES, rules=NOW, track="managed")


# -- actions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("options", "field"),
    [
        (
            {"kind": "keep-managed", "track": "sourced", "points": 1, "window": (AS_OF, BY)},
            "track",
        ),
        ({"kind": "keep-managed", "track": "managed", "points": 1}, "window"),
        (
            {
                "kind": "keep-managed",
                "track": "managed",
                "points": 1,
                "window": (AS_OF, BY),
                "mrr": Money(1, "USD"),
            },
            "mrr",
        ),
        (
            {
                "kind": "upsell",
                "track": "managed",
                "points": 1,
                "mrr": Money(1, "USD"),
                "offer": "sales:starter",
            },
            "track",
        ),
        ({"kind": "upsell", "track": "sourced", "points": 1, "offer": "sales:starter"}, "mrr"),
        (
            {
                "kind": "upsell",
                "track": "sourced",
                "points": 1,
                "mrr": Money(0, "USD"),
                "offer": "sales:starter",
            },
            "mrr",
        ),
        ({"kind": "upsell", "track": "sourced", "points": 1, "mrr": Money(1, "USD")}, "offer"),
        (
            {
                "kind": "upsell",
                "track": "sourced",
                "points": 1.5,
                "mrr": Money(1, "USD"),
                "offer": "sales:starter",
            },
            "points",
        ),
        ({"kind": "resell", "track": "sourced", "points": 1}, "kind"),
        (
            {"kind": "keep-managed", "track": "managed", "points": 1, "window": (BY, AS_OF)},
            "window",
        ),
        (
            {"kind": "keep-managed", "track": "managed", "points": 1, "window": [AS_OF, BY]},
            "window",
        ),
    ],
)
def test_an_inconsistent_action_is_refused_by_field(
    options: dict[str, object], field: str
) -> None:
    with pytest.raises(HubPartnerError, match=f"^{field}: "):
        Action("c1", **options)  # type: ignore[arg-type]


def test_an_action_says_itself() -> None:
    sale = Action(
        "c1",
        "upsell",
        "sourced",
        Decimal("56.8181"),
        mrr=Money("1000", "EUR"),
        offer="sales:professional",
    )
    assert (
        str(sale.said(NOW)) == "c1: upsell sales:professional, MRR +EUR 1000, 56.82 sourced points"
    )
    keep = Action("c2", "keep-managed", "managed", 40, window=(date(2025, 11, 17), BY))
    assert str(keep.said()) == (
        "c2: a qualifying activity from 2025-11-17 to 2026-01-15 keeps 40 managed points a month"
    )
    assert keep.held == PointsHeld(managed=40)


# -- the plan -----------------------------------------------------------------------------


def run(**options: object) -> object:
    chosen = {
        "thresholds": THRESHOLDS,
        "prices": PRICES,
        "as_of": AS_OF,
        "events": {"c1": KIM},
        "catalogue": CATALOGUE,
        **options,
    }
    return plan(LEDGER, PORTFOLIO, **chosen)  # type: ignore[arg-type]


def test_the_worked_example_of_the_docs() -> None:
    found = run()
    chosen = found.plan  # type: ignore[attr-defined]
    assert found.by == BY  # type: ignore[attr-defined]
    assert chosen.target is Tier.PLATINUM
    assert chosen.reached
    assert chosen.needed == Needed(total=120, managed=30)
    assert [(p.action.client, p.action.kind.value) for p in chosen.actions] == [
        ("c1", "upsell"),
        ("c1", "keep-managed"),
    ]
    assert chosen.after == PointsHeld(sourced=220, managed=40)
    assert chosen.mrr == (Money(2800, "USD"),)


def test_a_tier_at_risk_is_the_default_target() -> None:
    found = run(credited="platinum")
    assert found.outlook.safe is False  # type: ignore[attr-defined]
    assert found.plan.target is Tier.PLATINUM  # type: ignore[attr-defined]


def test_at_the_top_tier_there_is_nothing_to_reach() -> None:
    rich = attrs.evolve(LEDGER, deals=[SoldDeal("c3", date(2025, 7, 1), "sourced", 500)])
    found = plan(
        rich, PORTFOLIO, thresholds=THRESHOLDS, prices=PRICES, as_of=AS_OF, catalogue=CATALOGUE
    )
    assert found.plan is None
    assert str(found.reason) == "already at the top tier"


def test_a_target_already_met_needs_no_action() -> None:
    found = run(target="gold", events=None)
    chosen = found.plan  # type: ignore[attr-defined]
    assert chosen.actions == ()
    assert chosen.reached
    assert not chosen.needed.any
    assert "no action needed" in chosen.reason


def test_a_target_no_set_of_actions_reaches_says_what_is_left() -> None:
    steep = Thresholds(
        [
            TierRequirement("gold", total=100, sold_minimum=20),
            TierRequirement("platinum", total=10_000, sold_minimum=60, managed_minimum=30),
        ]
    )
    found = run(thresholds=steep)
    chosen = found.plan  # type: ignore[attr-defined]
    assert not chosen.reached
    assert chosen.actions == ()
    # 80 + 140 + 1 + 48 + 2 + 39 + 24 sourced and 40 managed: 374 of 10,000
    assert "leave total points 9626 short" in chosen.reason


def test_a_target_the_thresholds_do_not_describe_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^target: 'diamond'"):
        run(target="diamond")


def test_without_certification_the_plan_says_money_cannot_meet_it() -> None:
    found = run(certified=False)
    assert found.plan.beyond_points == ("no valid Solutions Partner certification",)  # type: ignore[attr-defined]
    assert "money cannot meet" in found.plan.reason  # type: ignore[attr-defined]


@given(
    st.integers(min_value=100, max_value=600),
    st.integers(min_value=0, max_value=300),
    st.integers(min_value=0, max_value=100),
)
def test_a_reached_plan_meets_every_points_requirement_with_the_smallest_set(
    total: int, sold: int, managed: int
) -> None:
    thresholds = Thresholds(
        [
            TierRequirement("gold", total=50, sold_minimum=0),
            TierRequirement("platinum", total=total, sold_minimum=sold, managed_minimum=managed),
        ]
    )
    found = run(thresholds=thresholds, target="platinum")
    chosen = found.plan  # type: ignore[attr-defined]
    best = smallest_set(found.opportunities, chosen.needed, rules=NOW)  # type: ignore[attr-defined]
    if best is None:
        assert not chosen.reached
        return
    assert chosen.reached
    after = chosen.after
    assert after.total >= total
    assert after.sourced >= sold
    assert after.managed >= managed
    assert {p.action for p in chosen.actions} == set(best)


# -- what a review found ------------------------------------------------------------------


def test_credit_the_ledger_shows_for_last_month_continues_when_this_months_row_is_missing() -> (
    None
):
    ledger = Ledger(managed=[ManagedMonth("c1", date(2025, 7, 1), 40)])
    seen = outlook(ledger, thresholds=THRESHOLDS, as_of=date(2025, 8, 20), by=BY)
    assert seen.held.managed == Decimal(40)
    # a month older than the last is credit that ended
    older = Ledger(managed=[ManagedMonth("c1", date(2025, 6, 1), 40)])
    assert outlook(older, thresholds=THRESHOLDS, as_of=date(2025, 8, 20), by=BY).held.managed == 0


def test_the_risk_table_and_the_projection_take_the_same_months_points() -> None:
    ledger = Ledger(managed=[ManagedMonth("c1", date(2025, 7, 1), 40)])
    events = {"c1": [*set_up("kim"), activity(date(2025, 8, 10))]}
    (risk,) = managed_risks(ledger, as_of=date(2025, 8, 20), by=date(2025, 9, 1), events=events)
    assert risk.points == Decimal(40)
    assert not risk.lapses_by_plan
    seen = outlook(
        ledger,
        thresholds=THRESHOLDS,
        as_of=date(2025, 8, 20),
        by=date(2025, 9, 1),
        risks=(risk,),
    )
    assert seen.held.managed == Decimal(40)


def test_a_client_not_receiving_credit_still_shows_its_last_qualifying_activity() -> None:
    login_only = [
        *set_up("kim"),
        activity(date(2025, 3, 3)),
        activity(date(2025, 7, 20), action="login"),
    ]
    (risk,) = managed_risks(LEDGER, as_of=AS_OF, by=BY, events={"c1": login_only})
    assert risk.receiving is False
    assert risk.last_activity == date(2025, 3, 3)


def test_a_credited_tier_the_thresholds_do_not_describe_is_refused_as_credited() -> None:
    with pytest.raises(ValueError, match=r"^credited: 'diamond'"):
        run(credited="diamond")


def test_a_tier_earned_after_the_day_is_refused() -> None:
    with pytest.raises(ValueError, match=r"^earned_on: "):
        run(credited="gold", earned_on=date(2025, 9, 1))


def test_the_tier_now_is_the_one_the_months_judged_by_then_credit() -> None:
    # Platinum met on 2025-08-15 (170 points), nothing met on 2025-10-01: credited
    # Platinum since August, and kept on January 15 as met in the window.
    thresholds = Thresholds(
        [
            TierRequirement("gold", total=100, sold_minimum=20),
            TierRequirement("platinum", total=160, sold_minimum=60, managed_minimum=30),
        ]
    )
    risks = managed_risks(LEDGER, as_of=date(2025, 10, 1), by=BY, events={"c1": KIM})
    seen = outlook(LEDGER, thresholds=thresholds, as_of=date(2025, 10, 1), by=BY, risks=risks)
    assert (seen.now, seen.credited, seen.safe) == (Tier.PLATINUM, Tier.PLATINUM, True)


def test_an_upsell_of_a_line_first_sold_before_the_cut_off_keeps_the_legacy_rate() -> None:
    found = sale_actions(
        PORTFOLIO,
        prices=PRICES,
        rules=NOW,
        catalogue=CATALOGUE,
        first_sold={("c1", "marketing"): date(2021, 10, 1)},
    )
    assert found[0].points == Decimal(84)  # 2800 / 100 * 3
    assert found[1].points == Decimal(1)  # a cross-sell is a new line


@pytest.mark.parametrize(
    ("first_sold", "error"),
    [
        ("c1", TypeError),
        ({"c1": date(2021, 1, 1)}, TypeError),
        ({("c1", "sales"): "2021"}, TypeError),
    ],
)
def test_first_sold_days_are_checked(first_sold: object, error: type) -> None:
    with pytest.raises(error, match=r"^first_sold"):
        sale_actions(
            PORTFOLIO, prices=PRICES, rules=NOW, catalogue=CATALOGUE, first_sold=first_sold
        )  # type: ignore[arg-type]


def test_gaps_in_words_are_rounded_by_the_rules_policy() -> None:
    needed = Needed(total=Decimal("23.876543211"), sold=Decimal("1.005"))
    assert str(needed.said(NOW)) == "total points 23.88 short; sold minimum (sourced) 1.01 short"


# -- hostile arguments are refused by name (found by the API contract walk) ----------------

#: A hostile value of each kind the walk tries: none is a value object plan takes.
HOSTILE = ["", "x", 0.5, float("nan"), True, -1, object(), Money(1, "USD"), [object()]]


def found_plan() -> object:
    return run(target="platinum")


def plan_actions_with(**options: object) -> object:
    """plan_actions with no actions and valid arguments, but for ``options``."""
    chosen = {
        "held": PointsHeld(),
        "thresholds": THRESHOLDS,
        "target": "gold",
        "by": BY,
        "rules": NOW,
        **options,
    }
    return plan_actions((), **chosen)  # type: ignore[arg-type]


#: Each parameter a hostile value stands in for, with a call that gives it one.
HOSTILE_CALLS = [
    ("held", lambda v: Needed.between(v, THRESHOLDS.requirements[0], NOW)),
    ("requirement", lambda v: Needed.between(PointsHeld(), v, NOW)),
    ("rules", lambda v: Needed.between(PointsHeld(), THRESHOLDS.requirements[0], v)),
    ("rules", lambda v: Needed(total=1).said(v)),
    ("ledger", lambda v: managed_risks(v, as_of=AS_OF, by=BY)),
    ("portfolio", lambda v: managed_risks(LEDGER, as_of=AS_OF, by=BY, portfolio=v)),
    ("ledger", lambda v: outlook(v, thresholds=THRESHOLDS, as_of=AS_OF, by=BY)),
    ("risks", lambda v: outlook(LEDGER, thresholds=THRESHOLDS, as_of=AS_OF, by=BY, risks=v)),
    (
        "portfolio",
        lambda v: plan(LEDGER, v, thresholds=THRESHOLDS, prices=PRICES, as_of=AS_OF),
    ),
    ("default_market", lambda v: run(default_market=v)),
    ("managed_rules", lambda v: run(managed_rules=v)),
    (
        "default_market",
        lambda v: sale_actions(PORTFOLIO, prices=PRICES, rules=NOW, default_market=v),
    ),
    *(
        (name, lambda v, name=name: plan_actions_with(**{name: v}))
        for name in ("held", "thresholds", "rules", "certified", "activities", "elite")
    ),
]


@pytest.mark.parametrize(
    ("field", "call", "value"),
    [
        (field, call, value)
        for field, call in HOSTILE_CALLS
        for value in HOSTILE
        if not (field == "certified" and value is True)  # a bool is what it takes
    ],
)
def test_a_hostile_argument_is_refused_with_an_error_naming_its_parameter(
    field: str, call: Any, value: object
) -> None:
    with pytest.raises(HubPartnerError) as refused:
        call(value)
    assert isinstance(refused.value, TypeError | ValueError | LookupError)
    assert refused.value.field == field or refused.value.field.startswith(f"{field}[")


@pytest.mark.parametrize("value", ["", "x", 0.5, float("nan"), True, object(), Money(1, "USD")])
@pytest.mark.parametrize(
    ("field", "value_of"),
    [
        ("target", lambda found: found.plan),
        ("now", lambda found: found.outlook),
        ("met", lambda found: found.outlook),
        ("credited", lambda found: found.outlook),
    ],
)
def test_a_tier_field_of_a_plan_names_itself(field: str, value_of: Any, value: object) -> None:
    with pytest.raises(HubPartnerError, match=f"^{field}: "):
        attrs.evolve(value_of(found_plan()), **{field: value})


@pytest.mark.parametrize("value", ["x", "", 0.5, True, object(), [3]])
def test_the_days_left_of_a_managed_risk_are_a_count(value: object) -> None:
    risk = found_plan().managed[0]  # type: ignore[attr-defined]
    with pytest.raises(HubPartnerError, match=r"^days_left: "):
        attrs.evolve(risk, days_left=value)


@pytest.mark.parametrize(
    ("field", "value_of"),
    [
        ("reasons", lambda found: found.managed[0]),
        ("beyond_points", lambda found: found.plan),
        ("managed", lambda found: found),
        ("expiring", lambda found: found),
        ("opportunities", lambda found: found),
    ],
)
def test_the_items_of_a_plans_tuples_are_checked(field: str, value_of: Any) -> None:
    with pytest.raises(HubPartnerError, match=rf"^{field}(\[0\])?: "):
        attrs.evolve(value_of(found_plan()), **{field: [object()]})


def test_a_tier_at_risk_of_no_tier_says_so() -> None:
    seen = outlook(
        Ledger([SoldDeal("c1", date(2024, 9, 10), "sourced", 150)]),
        thresholds=THRESHOLDS,
        as_of=date(2025, 8, 1),
        by=date(2025, 9, 15),
    )
    assert (seen.now, seen.credited, seen.safe) == (Tier.GOLD, Tier.GOLD, True)
    dropped = outlook(
        Ledger([SoldDeal("c1", date(2024, 9, 10), "sourced", 150)]),
        thresholds=THRESHOLDS,
        as_of=date(2025, 8, 1),
        by=date(2026, 1, 15),
        credited="gold",
        earned_on=date(2024, 9, 15),
    )
    assert dropped.now is Tier.GOLD
    assert dropped.credited is Tier.GOLD  # met in August, within the window
    assert (
        str(attrs.evolve(dropped, credited=None).said())
        == "Gold is at risk: on 2026-01-15 the partner would have no tier"
    )


def test_a_future_managed_month_in_the_ledger_is_not_current_credit() -> None:
    ledger = Ledger(
        managed=[
            ManagedMonth("c1", date(2025, 8, 1), 40),
            ManagedMonth("c1", date(2025, 9, 1), 90),
        ]
    )
    (risk,) = managed_risks(ledger, as_of=AS_OF, by=BY)
    assert risk.points == Decimal(40)


def test_a_client_without_products_has_nothing_to_price() -> None:
    empty = ClientRecord(Company("c0", "Empty"), [], "sold", market="US")
    assert sale_actions(Portfolio([empty]), prices=PRICES, rules=NOW, catalogue=CATALOGUE) == ()


def test_an_action_toward_the_sold_minimum_alone_says_only_that() -> None:
    thresholds = Thresholds(
        [
            TierRequirement("gold", total=100, sold_minimum=20),
            TierRequirement("platinum", total=101, sold_minimum=100),
        ]
    )
    found = run(thresholds=thresholds, target="platinum", events=None)
    chosen = found.plan  # type: ignore[attr-defined]
    assert chosen.needed == Needed(sold=20)
    assert {p.reason for p in chosen.actions} == {"counts toward the sold minimum (20 short)"}
