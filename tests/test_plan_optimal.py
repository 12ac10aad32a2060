"""The plan's search is exact: no smaller set of the actions closes the gaps, and no
set as small adds less MRR — held to a brute force over every subset of up to 12
actions, and to the laws a smallest set obeys."""

from __future__ import annotations

import itertools
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money, ProgramRules, Track, rules
from hubpartner.ledger import PointsHeld
from hubpartner.plan import Action, Needed, smallest_set

#: Sold minimums of sourced points only (2025-07-15) and of sourced + assisted (before).
NOW = rules.for_date(date(2025, 8, 1))
BEFORE = rules.for_date(date(2025, 1, 1))
OFFERS = ["sales:starter", "marketing:enterprise", "service:professional"]


def _cost(action: Action, ruleset: ProgramRules) -> Fraction:
    """An action's MRR as the plan compares it: in USD through the rules' amounts."""
    return Fraction(0) if action.mrr is None else ruleset.in_usd(action.mrr)


def points() -> st.SearchStrategy[Decimal]:
    return st.integers(min_value=1, max_value=60).map(lambda n: Decimal(n) / 2)


@st.composite
def actions(draw: st.DrawFn, *, max_size: int = 12) -> list[Action]:
    found = []
    for index in range(draw(st.integers(min_value=0, max_value=max_size))):
        track = draw(st.sampled_from(list(Track)))
        client = f"c{index}"
        if track is Track.MANAGED:
            window = (date(2025, 12, 1), date(2026, 1, 15))
            found.append(Action(client, "keep-managed", track, draw(points()), window=window))
        else:
            mrr = Money(
                draw(st.integers(min_value=1, max_value=40)) * 10,
                draw(st.sampled_from(["USD", "EUR", "GBP"])),
            )
            kind = draw(st.sampled_from(["upsell", "cross-sell"]))
            offer = draw(st.sampled_from(OFFERS))
            found.append(Action(client, kind, track, draw(points()), mrr=mrr, offer=offer))
    return found


def needs() -> st.SearchStrategy[Needed]:
    gap = st.integers(min_value=0, max_value=120).map(Decimal)
    return st.builds(Needed, gap, gap, gap)


def closes(chosen: tuple[Action, ...] | list[Action], needed: Needed, ruleset: object) -> bool:
    total = sum((a.held for a in chosen), PointsHeld())
    assert isinstance(ruleset, type(NOW))
    return (
        total.total >= needed.total
        and total.sold_for_minimum(ruleset.sold_minimum_tracks) >= needed.sold
        and total.managed >= needed.managed
    )


def brute_force(
    given: list[Action], needed: Needed, ruleset: object
) -> tuple[int, Fraction] | None:
    """The least (count, MRR) of any subset that closes the gaps, trying them all."""
    assert isinstance(ruleset, type(NOW))
    for size in range(len(given) + 1):
        costs = [
            sum((_cost(a, ruleset) for a in subset), Fraction(0))
            for subset in itertools.combinations(given, size)
            if closes(subset, needed, ruleset)
        ]
        if costs:
            return size, min(costs)
    return None


def measure(chosen: tuple[Action, ...], ruleset: object) -> tuple[int, Fraction]:
    assert isinstance(ruleset, type(NOW))
    return len(chosen), sum((_cost(a, ruleset) for a in chosen), Fraction(0))


@given(actions(), needs(), st.sampled_from([NOW, BEFORE]))
def test_no_smaller_set_and_no_cheaper_set_of_that_size_exists(
    given_actions: list[Action], needed: Needed, ruleset: object
) -> None:
    assert isinstance(ruleset, type(NOW))
    chosen = smallest_set(given_actions, needed, rules=ruleset)
    best = brute_force(given_actions, needed, ruleset)
    if best is None:
        assert chosen is None
        return
    assert chosen is not None
    assert closes(chosen, needed, ruleset)
    assert measure(chosen, ruleset) == best
    # each action once, in the order given
    positions = [given_actions.index(a) for a in chosen]
    assert positions == sorted(set(positions))


@given(actions(max_size=10), needs(), st.randoms(use_true_random=False))
def test_the_size_and_mrr_do_not_depend_on_the_order_of_the_actions(
    given_actions: list[Action], needed: Needed, shuffler: object
) -> None:
    shuffled = list(given_actions)
    shuffler.shuffle(shuffled)  # type: ignore[attr-defined]
    first = smallest_set(given_actions, needed, rules=NOW)
    second = smallest_set(shuffled, needed, rules=NOW)
    assert (first is None) == (second is None)
    if first is not None and second is not None:
        assert measure(first, NOW) == measure(second, NOW)


@given(actions(max_size=10), actions(max_size=3), needs())
def test_more_actions_never_make_the_plan_larger_or_dearer(
    given_actions: list[Action], more: list[Action], needed: Needed
) -> None:
    fewer = smallest_set(given_actions, needed, rules=NOW)
    extended = smallest_set(given_actions + more, needed, rules=NOW)
    if fewer is not None:
        assert extended is not None
        assert measure(extended, NOW) <= measure(fewer, NOW)


@given(actions(max_size=10), needs(), needs())
def test_a_smaller_need_never_takes_a_larger_plan(
    given_actions: list[Action], first: Needed, second: Needed
) -> None:
    low = Needed(
        *(
            min(a, b)
            for a, b in zip(
                (first.total, first.sold, first.managed),
                (second.total, second.sold, second.managed),
                strict=True,
            )
        )
    )
    for_low = smallest_set(given_actions, low, rules=NOW)
    for_first = smallest_set(given_actions, first, rules=NOW)
    if for_first is not None:
        assert for_low is not None
        assert len(for_low) <= len(for_first)


def test_assisted_points_do_not_close_a_sourced_minimum() -> None:
    assisted = [
        Action("c1", "upsell", "assisted", 500, mrr=Money("100", "USD"), offer="sales:enterprise")
    ]
    assert smallest_set(assisted, Needed(total=10, sold=10), rules=NOW) is None
    assert smallest_set(assisted, Needed(total=10, sold=10), rules=BEFORE) == tuple(assisted)


def test_managed_points_close_the_managed_and_total_gaps_only() -> None:
    keep = Action(
        "c1", "keep-managed", "managed", 50, window=(date(2025, 12, 1), date(2026, 1, 15))
    )
    assert smallest_set([keep], Needed(total=50, managed=50), rules=NOW) == (keep,)
    assert smallest_set([keep], Needed(sold=1), rules=NOW) is None


def test_ties_in_size_go_to_the_least_mrr_compared_through_the_rules_amounts() -> None:
    # EUR 88 is USD 100 under the 2025-07-15 rules; EUR 90 is more than USD 100.
    eur = Action("c1", "cross-sell", "sourced", 10, mrr=Money("90", "EUR"), offer="sales:starter")
    usd = Action("c2", "cross-sell", "sourced", 10, mrr=Money("100", "USD"), offer="sales:starter")
    assert smallest_set([eur, usd], Needed(total=10), rules=NOW) == (usd,)
    assert smallest_set([eur, usd], Needed(total=20), rules=NOW) == (eur, usd)


def test_nothing_needed_takes_nothing() -> None:
    keep = Action(
        "c1", "keep-managed", "managed", 5, window=(date(2025, 12, 1), date(2026, 1, 15))
    )
    assert smallest_set([keep], Needed(), rules=NOW) == ()


@pytest.mark.parametrize(
    ("given_actions", "field"),
    [("not actions", "actions"), ([3], "actions[0]"), (None, "actions")],
)
def test_anything_but_actions_is_refused_by_name(given_actions: object, field: str) -> None:
    with pytest.raises(TypeError, match="^" + re.escape(field)):
        smallest_set(given_actions, Needed(), rules=NOW)  # type: ignore[arg-type]
