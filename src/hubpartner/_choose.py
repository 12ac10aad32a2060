"""The exact search behind :func:`hubpartner.plan.smallest_set`: the fewest actions
that close every point gap, and among those the least MRR.

Each action adds points to one track. A sold action on a track the sold minimum
counts (class ``A``) closes the sold-minimum gap and the total gap; a sold action on
another sold track (class ``B``, assisted points under the rules from 2025-07-15)
closes the total gap only; a managed action (class ``M``) closes the managed gap and
the total gap, and costs no MRR.

1. **The fewest actions.** Whatever ``a`` actions of class A a plan takes, the ``a``
   largest are at least as good, and the same holds for B and M, so the question is
   one of counts. For each ``a`` (the largest ``a`` of A must close the sold gap), the
   managed gap forces the ``m0`` largest of M; beyond those, the largest of B and of
   the rest of M, merged, close what is left of the total gap with the fewest
   actions. With the values sorted and summed once, each ``a`` is a binary search:
   O(n log n) for n actions.
2. **The least MRR among them.** With ``k`` the fewest actions and ``m`` of them
   managed (from ``m0`` to ``k``), the ``m`` largest of M are the best managed
   choice (they cost nothing), and the ``k - m`` sold actions must close the sold
   gap and what the managed ones leave of the total gap at the least MRR: a
   knapsack with an exact number of items, searched depth first over the distinct
   (class, points, MRR) kinds of action, largest points first. A branch ends when
   its next ``r`` largest points cannot close a gap, or when even ``r`` times the
   cheapest MRR left cannot beat the best plan found; and after leaving a copy of a
   kind unused, a later kind with no more points at no less MRR is never taken
   (swapping it for the unused copy is never worse). Actions of one kind are
   interchangeable, so the search grows with the kinds, not the clients: a
   portfolio's sold opportunities come in as many kinds as the price list has
   prices times the markets' multipliers. The worst case is exponential in the
   number of sold actions of the plan; docs/plan.md gives measured times.
"""

from __future__ import annotations

import bisect
import itertools
from collections.abc import Sequence
from decimal import Decimal
from fractions import Fraction
from typing import NamedTuple

from .decimals import exact_context

#: The classes of action (see the module's text).
A, B, M = 0, 1, 2

_ZERO = Decimal(0)


class Item(NamedTuple):
    """One action as the search sees it: its class, points, MRR (as one comparable
    number) and its position among the actions given."""

    kind: int
    points: Decimal
    cost: Fraction
    position: int


class _Kind(NamedTuple):
    kind: int
    points: Decimal
    cost: Fraction
    items: tuple[int, ...]  # the indexes of the interchangeable actions, in order


def _prefix(values: Sequence[Decimal]) -> list[Decimal]:
    add = exact_context().add
    return [_ZERO, *itertools.accumulate(values, add)]


def _fewest(sums: Sequence[Decimal], goal: Decimal) -> int | None:
    """The fewest of the first values whose prefix sum (``sums``) reaches ``goal``."""
    if goal <= 0:
        return 0
    found = bisect.bisect_left(sums, goal)
    return found if found < len(sums) else None


def choose(
    items: Sequence[Item], total: Decimal, sold: Decimal, managed: Decimal
) -> tuple[int, ...] | None:
    """The indexes of the fewest items that close the three gaps, with the least cost
    among them (ties: the first found in the search's order), or None if all the
    items together cannot."""
    exact = exact_context()
    ranks = {cost: rank for rank, cost in enumerate(sorted({item.cost for item in items}))}
    by_value = sorted(
        items,
        key=lambda item: (exact.minus(item.points), ranks[item.cost], item.kind, item.position),
    )
    tops = {k: [item for item in by_value if item.kind == k] for k in (A, B, M)}
    sums_a = _prefix([item.points for item in tops[A]])
    sums_m = _prefix([item.points for item in tops[M]])
    m0 = _fewest(sums_m, managed)
    if m0 is None:
        return None
    rest = sorted(
        [item.points for item in tops[B]] + [item.points for item in tops[M][m0:]], reverse=True
    )
    sums_rest = _prefix(rest)
    fewest: int | None = None
    for a, sum_a in enumerate(sums_a):
        if sum_a < sold:
            continue
        more = _fewest(sums_rest, exact.subtract(exact.subtract(total, sum_a), sums_m[m0]))
        if more is not None and (fewest is None or a + m0 + more < fewest):
            fewest = a + m0 + more
    if fewest is None:
        return None
    kinds = [
        _Kind(kind, points, cost, tuple(item.position for item in group))
        for (kind, points, cost), group in itertools.groupby(
            (item for item in by_value if item.kind != M),
            key=lambda item: (item.kind, item.points, item.cost),
        )
    ]
    kinds.sort(key=lambda k: (exact.minus(k.points), ranks[k.cost], k.kind))
    # The least any ``s`` sold actions can cost, whatever their points: once the
    # fewer managed actions (so more sold ones) cannot beat the best plan, none can.
    cheapest = list(itertools.accumulate(sorted(item.cost for item in by_value if item.kind != M)))
    best: tuple[Fraction, tuple[int, ...]] | None = None
    for m in range(min(fewest, len(tops[M])), m0 - 1, -1):
        count = fewest - m
        if count > len(cheapest) or (
            best is not None and count and cheapest[count - 1] >= best[0]
        ):
            break
        found = _cheapest(kinds, count, sold, exact.subtract(total, sums_m[m]))
        if found is not None and (best is None or found[0] < best[0]):
            best = (found[0], (*found[1], *(item.position for item in tops[M][:m])))
    assert best is not None  # the counts above came from a choice that exists
    return best[1]


_Branch = tuple[
    int, int, Decimal, Decimal, Fraction, "Fraction | None", "Fraction | None", tuple[int, ...]
]


def _cheapest(
    kinds: Sequence[_Kind], count: int, sold: Decimal, total: Decimal
) -> tuple[Fraction, tuple[int, ...]] | None:
    """The least cost of exactly ``count`` actions of ``kinds`` (sorted by points,
    largest first) whose class-A points reach ``sold`` and whose points reach
    ``total``, and their indexes; None if no such choice exists."""
    exact = exact_context()
    # The points of every copy a plan could take, kind by kind (at most ``count`` of
    # each), and of the class-A copies alone: their prefix sums bound a branch.
    copies = [min(len(k.items), count) for k in kinds]
    start: list[int] = []
    start_a: list[int] = []
    values: list[Decimal] = []
    values_a: list[Decimal] = []
    for k, n in zip(kinds, copies, strict=True):
        start.append(len(values))
        start_a.append(len(values_a))
        values += [k.points] * n
        if k.kind == A:
            values_a += [k.points] * n
    start.append(len(values))
    start_a.append(len(values_a))
    sums, sums_a = _prefix(values), _prefix(values_a)
    cheapest_after = [Fraction(0)] * (len(kinds) + 1)
    for i in range(len(kinds) - 1, -1, -1):
        cheapest_after[i] = (
            kinds[i].cost if i == len(kinds) - 1 else min(kinds[i].cost, cheapest_after[i + 1])
        )
    best_cost: Fraction | None = None
    best_take: tuple[int, ...] = ()
    # Depth first, the largest take of a kind first. A branch: the next kind, how
    # many actions are left to take, the sold and total gaps left, the cost so far,
    # the cheapest copy of class A and of class B left unused, and the takes.
    stack: list[_Branch] = [(0, count, sold, total, Fraction(0), None, None, ())]
    while stack:
        i, left, need_sold, need_total, cost, spare_a, spare_b, take = stack.pop()
        if left == 0:
            if need_sold <= 0 and need_total <= 0 and (best_cost is None or cost < best_cost):
                best_cost, best_take = cost, take
            continue
        if start[-1] - start[i] < left:
            continue
        if exact.subtract(sums[start[i] + left], sums[start[i]]) < need_total:
            continue
        reach_a = min(left, start_a[-1] - start_a[i])
        if exact.subtract(sums_a[start_a[i] + reach_a], sums_a[start_a[i]]) < need_sold:
            continue
        if best_cost is not None and cost + left * cheapest_after[i] >= best_cost:
            continue
        k = kinds[i]
        dominated = (spare_a is not None and k.cost >= spare_a) or (
            k.kind == B and spare_b is not None and k.cost >= spare_b
        )
        most = 0 if dominated else min(left, copies[i])
        for n in range(most + 1):  # pushed smallest first, so the largest is tried first
            next_a, next_b = spare_a, spare_b
            if n < len(k.items):  # a copy of this kind is left unused
                if k.kind == A:
                    next_a = k.cost if spare_a is None else min(spare_a, k.cost)
                else:
                    next_b = k.cost if spare_b is None else min(spare_b, k.cost)
            added = exact.multiply(n, k.points)
            stack.append(
                (
                    i + 1,
                    left - n,
                    exact.subtract(need_sold, added) if k.kind == A else need_sold,
                    exact.subtract(need_total, added),
                    cost + n * k.cost,
                    next_a,
                    next_b,
                    (*take, *k.items[:n]),
                )
            )
    if best_cost is None:
        return None
    return best_cost, best_take
