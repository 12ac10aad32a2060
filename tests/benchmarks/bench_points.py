"""Benchmark: points.sold_points and points.estimate against a hand-written formula.

Run from the repository root with the package installed::

    python tests/benchmarks/bench_points.py [--quick]

Not collected by pytest. Calls cycle through 10,007 different amounts in nine
currencies, eight markets (four of them growth markets) and both sold tracks, under the
2025 rule set. The baseline, "hand Decimal formula", is DOMAIN.md's rule written
plainly: amount x rate x growth multiplier / USD 100 amount (and, for the estimate,
the managed points shared by the partners and their total), with the rule set's
numbers looked up in dicts, in a local decimal context of 40 digits, with no checks.
Import time is not measured here (``bench_cli.py`` measures it).
"""

from __future__ import annotations

import decimal
from datetime import date
from decimal import Decimal

from _bench import Row, growth, main, micros, paired, processor_seconds, ratio_row, seconds_text

from hubpartner import Money, Track, points, rules

CURRENCIES = ("USD", "EUR", "JPY", "GBP", "COP", "SGD", "AUD", "CAD", "ZAR")
MARKETS = ("US", "DE", "IN", "BR", "GB", "SG", "MX", "JP")  # IN, BR, SG, MX grow
TRACKS = (Track.SOURCED, Track.ASSISTED)
POOL = 10_007  # different amounts (a prime, so amount, currency and market all vary)

RULES = rules.for_date(date(2025, 8, 1))
#: The hand formula's numbers, read once from the rule set into plain dicts.
HAND_RATES = {
    Track.SOURCED: RULES.points_per_usd_100.sourced,
    Track.ASSISTED: RULES.points_per_usd_100.assisted,
}
HAND_MANAGED = RULES.points_per_usd_100.managed
HAND_USD_100 = dict(RULES.currencies)
HAND_MULTIPLIER = {
    market: RULES.growth_multiplier if market in RULES.growth_markets else Decimal(1)
    for market in MARKETS
}
HAND_CONTEXT = decimal.Context(prec=40, rounding=decimal.ROUND_HALF_EVEN)


def _pool() -> list[Money]:
    return [
        Money(f"{(i * 7919) % 99_991}.{i % 100:02d}", CURRENCIES[i % len(CURRENCIES)])
        for i in range(POOL)
    ]


AMOUNTS = _pool()


def prepare(n: int) -> list[tuple[Money, str, Track]]:
    """``n`` calls' arguments: amount, market, track."""
    return [(AMOUNTS[i % POOL], MARKETS[i % len(MARKETS)], TRACKS[(i // 3) % 2]) for i in range(n)]


def hand_prepare(n: int) -> list[tuple[Decimal, str, str, Track]]:
    """The same calls' arguments for the hand formula: amount, currency, market, track."""
    return [(mrr.amount, mrr.currency, market, track) for mrr, market, track in prepare(n)]


def sold(calls: list[tuple[Money, str, Track]]) -> None:
    sold_points = points.sold_points
    for mrr, market, track in calls:
        sold_points(mrr, track=track, market=market, rules=RULES)


def hand_sold(calls: list[tuple[Decimal, str, str, Track]]) -> None:
    multiply, divide = HAND_CONTEXT.multiply, HAND_CONTEXT.divide
    for amount, currency, market, track in calls:
        divide(
            multiply(multiply(amount, HAND_RATES[track]), HAND_MULTIPLIER[market]),
            HAND_USD_100[currency],
        )


def estimate(calls: list[tuple[Money, str, Track]]) -> None:
    estimate = points.estimate
    for mrr, market, track in calls:
        estimate(mrr, market=market, track=track, manage=True, other_partners=1, rules=RULES)


def hand_estimate(calls: list[tuple[Decimal, str, str, Track]]) -> None:
    multiply, divide, add = HAND_CONTEXT.multiply, HAND_CONTEXT.divide, HAND_CONTEXT.add
    for amount, currency, market, track in calls:
        weighted = multiply(amount, HAND_MULTIPLIER[market])
        usd_100 = HAND_USD_100[currency]
        sold = divide(multiply(weighted, HAND_RATES[track]), usd_100)
        managed = divide(multiply(weighted, HAND_MANAGED), multiply(usd_100, 2))
        add(sold, managed)


_per_call = micros("call")


def measure(quick: bool) -> list[Row]:
    sizes = (1_000, 2_000, 4_000) if quick else (10_000, 100_000, 1_000_000)
    paired_size = sizes[1]
    calls, hand_calls = prepare(paired_size), hand_prepare(paired_size)
    rows: list[Row] = []

    fast = growth("points.sold_points", sizes, prepare, sold)
    growth("hand Decimal formula (sold)", sizes, hand_prepare, hand_sold, memory=False)
    ours, hand = paired(
        lambda: sold(calls), lambda: hand_sold(hand_calls), repeat=3 if quick else 7
    )
    n = fast.sizes[-1]
    rate = n / fast.seconds[-1]
    rows.append(
        Row(
            f"sold_points, {n:,} calls",
            f"{rate:,.0f} calls/s",
            "-",
            None,
            ">= 500,000 calls/s",
            None if quick else rate >= 500_000,
        )
    )
    largest = prepare(n)
    cpu = processor_seconds(lambda: sold(largest))
    rows.append(
        Row(
            f"sold_points, {n:,} calls, processor time",
            f"{n / cpu:,.0f} calls/s",
            "-",
            None,
            "(information: processor time)",
            None,
        )
    )
    rows.append(
        ratio_row(
            f"sold_points, {paired_size:,} calls (growth exponent {fast.exponent:.2f})",
            ours / paired_size,
            "hand Decimal formula",
            hand / paired_size,
            5,
            quick=quick,
            unit=_per_call,
        )
    )

    growth("points.estimate", sizes, prepare, estimate)
    ours, hand = paired(
        lambda: estimate(calls), lambda: hand_estimate(hand_calls), repeat=3 if quick else 7
    )
    rows.append(
        ratio_row(
            f"estimate (sold, managed, total), {paired_size:,} calls",
            ours / paired_size,
            "hand Decimal formula",
            hand / paired_size,
            6,
            quick=quick,
            unit=_per_call,
        )
    )
    print(f"  paired at {paired_size:,} calls: {seconds_text(ours)} against {seconds_text(hand)}")
    return rows


if __name__ == "__main__":
    main(measure, __doc__)
