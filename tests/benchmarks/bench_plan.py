"""Benchmark: the tier plan over a client portfolio.

Run from the repository root with the package installed::

    python tests/benchmarks/bench_plan.py [--quick]

Not collected by pytest. The inputs are built in memory (reading the files is
``bench_ledger.py``'s and ``bench_portfolio.py``'s): each client holds one to three
hubs at random editions, in one of three currencies, in one of twelve markets (two of
them growth markets); half the clients are managed, each with a managed month in the
ledger and the events of its relationship (set up in 2024, a last qualifying activity
somewhere in the 90 days before the plan's day); one client in three has a sold deal
in the ledger. The price list prices every hub and edition in every currency.

Measured: ``plan.plan`` end to end (the managed risks, the expirations, the outlook,
every opportunity valued in points, and the smallest set of actions that reaches the
tier above) at three sizes with the growth exponent; and ``plan.smallest_set`` alone
on the largest portfolio's actions, with how many actions and kinds of action it
searched. The tier above asks for 3,000 points more than the partner holds, 1,000 of
them sourced, and as many managed points as it holds now, so lapses must be kept.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from _bench import Row, best_seconds, growth, main, micros, seconds_text

from hubpartner import Money
from hubpartner.clients import ClientRecord, Company, Portfolio, ProductLine, Relationship
from hubpartner.engagement import Subscription, default_catalogue
from hubpartner.ledger import Ledger, ManagedMonth, SoldDeal
from hubpartner.managed import Event
from hubpartner.plan import Needed, plan, prices_from_toml, sale_actions, smallest_set
from hubpartner.rules import for_date
from hubpartner.tiers import Thresholds, TierRequirement

AS_OF = date(2025, 8, 1)
#: The points the tier above asks for beyond those held on AS_OF: in total, and
#: sourced; its managed minimum is the managed points held, which lapses put at risk.
GAP_TOTAL = 3_000
GAP_SOURCED = 1_000
BY = date(2026, 1, 15)
CATALOGUE = default_catalogue()
HUBS = [(hub.key, hub.editions) for hub in CATALOGUE.hubs]
CURRENCIES = ("EUR", "USD", "GBP")
MARKETS = ("US", "DE", "GB", "FR", "SE", "NL", "ES", "IT", "AU", "CA", "IN", "BR")


def price_list() -> object:
    """Every hub and edition priced in every currency (prices rise by edition)."""
    lines = ["schema = 1"]
    for currency in CURRENCIES:
        for hub, editions in HUBS:
            lines.append(f"[{currency}.{hub}]")
            lines += [f"{edition} = {20 * 4**rank}" for rank, edition in enumerate(editions)]
    return prices_from_toml("\n".join(lines), source="bench")


PRICES = price_list()


def inputs(n: int) -> tuple[Ledger, Portfolio, dict[str, list[Event]], Thresholds]:
    """``n`` clients, the same for every run of a size."""
    rng = random.Random(n)
    clients, deals, months, events = [], [], [], {}
    for i in range(n):
        client = f"c{i:06d}"
        currency = rng.choice(CURRENCIES)
        products = [
            ProductLine(
                Subscription(hub, rng.choice(editions[1:])), Money(rng.randint(20, 5000), currency)
            )
            for hub, editions in rng.sample(HUBS, rng.randint(1, 3))
        ]
        managed = i % 2 == 0
        relationship = Relationship.MANAGED if managed else Relationship.SOLD
        clients.append(
            ClientRecord(
                Company(client, f"Company {i}"),
                products=products,
                relationship=relationship,
                market=rng.choice(MARKETS),
            )
        )
        if managed:
            months.append(ManagedMonth(client, AS_OF, Decimal(rng.randint(1, 500)) / 10))
            user = f"u{i}"
            last = AS_OF - timedelta(days=rng.randint(0, 89))
            events[client] = [
                Event(date(2024, 5, 2), "employee-added", user=user),
                Event(date(2024, 5, 2), "client-assigned", user=user),
                Event(date(2024, 5, 3), "user-added-to-client", user=user),
                Event(last, "activity", user=user, tool="forms", action="create"),
            ]
        if i % 3 == 0:
            on = AS_OF - timedelta(days=rng.randint(0, 360))
            deals.append(SoldDeal(client, on, "sourced", Decimal(rng.randint(1, 300))))
    ledger = Ledger(deals, months)
    held = ledger.active(AS_OF)
    total = held.total
    thresholds = Thresholds(
        [
            TierRequirement("gold", total=total / 4, sold_minimum=held.sourced / 4),
            TierRequirement(
                "platinum",
                total=total + GAP_TOTAL,
                sold_minimum=held.sourced + GAP_SOURCED,
                managed_minimum=held.managed,
            ),
        ]
    )
    return ledger, Portfolio(clients), events, thresholds


def run_plan(built: tuple[Ledger, Portfolio, dict[str, list[Event]], Thresholds]) -> object:
    ledger, portfolio, events, thresholds = built
    return plan(
        ledger, portfolio, thresholds=thresholds, prices=PRICES, as_of=AS_OF, by=BY, events=events
    )


_per_client = micros("client")


def measure(quick: bool) -> list[Row]:
    sizes = (100, 200, 400) if quick else (1_000, 3_000, 10_000)
    built = {n: inputs(n) for n in sizes}
    rows: list[Row] = []
    planned = growth("plan.plan, every client", sizes, built.__getitem__, run_plan, memory=False)
    largest = sizes[-1]
    result = run_plan(built[largest])
    chosen = result.plan  # type: ignore[attr-defined]
    rows.append(
        Row(
            f"plan.plan, {largest:,} clients (growth exponent {planned.exponent:.2f})",
            seconds_text(planned.seconds[-1]),
            f"{_per_client(planned.seconds[-1] / largest)}; "
            f"{len(chosen.actions)} actions planned of {len(result.opportunities):,}",  # type: ignore[attr-defined]
            None,
            "(information)",
            None,
        )
    )
    ledger, portfolio, _, thresholds = built[largest]
    rules = for_date(BY)
    actions = sale_actions(portfolio, prices=PRICES, rules=rules)
    requirement = thresholds.requirements[-1]
    needed = Needed.between(ledger.active(AS_OF), requirement, rules)
    took = best_seconds(lambda: smallest_set(actions, needed, rules=rules), repeat=3)
    kinds = len({(a.points, a.mrr) for a in actions})
    found = smallest_set(actions, needed, rules=rules)
    rows.append(
        Row(
            f"plan.smallest_set, {len(actions):,} actions of {kinds} kinds, {largest:,} clients",
            seconds_text(took),
            f"{0 if found is None else len(found)} actions chosen",
            None,
            "(information: under 1 s)",
            None if quick else took < 1.0,
        )
    )
    return rows


if __name__ == "__main__":
    main(measure, __doc__)
