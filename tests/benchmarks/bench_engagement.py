"""Benchmark: engagement scoring over a client portfolio.

Run from the repository root with the package installed::

    python tests/benchmarks/bench_engagement.py [--quick]

Not collected by pytest. The portfolio is built in memory (reading it is
``bench_portfolio.py``'s): each client holds one to three hubs at random editions, in
one of three currencies, and uses a random subset of the default model's tools, each
client with its own objects, as a file would give them. The goal is the cost of
scoring every client (``ClientRecord.engagement`` with the default model) per client;
the baseline, "a dict lookup per client", is the floor of any per-client work (a
precomputed score looked up by client id), shown for scale. The client table and
``engagement.assess`` (which also find each client's opportunities) are shown too.
"""

from __future__ import annotations

import random

from _bench import Row, growth, main, micros, paired, processor_seconds

from hubpartner import Money
from hubpartner.clients import (
    ClientRecord,
    Company,
    Portfolio,
    ProductLine,
    Relationship,
    client_table,
)
from hubpartner.engagement import Subscription, Usage, assess, default_model

MODEL = default_model()
TOOLS = sorted(MODEL.tools)
HUBS = [(hub.key, hub.editions) for hub in MODEL.catalogue.hubs]
CURRENCIES = ("EUR", "USD", "GBP")
RELATIONSHIPS = tuple(Relationship)


def portfolio(n: int) -> Portfolio:
    """``n`` clients, the same for every run of a size."""
    rng = random.Random(n)
    clients = []
    for i in range(n):
        currency = rng.choice(CURRENCIES)
        products = [
            ProductLine(
                Subscription(hub, rng.choice(editions)), Money(rng.randint(20, 5000), currency)
            )
            for hub, editions in rng.sample(HUBS, rng.randint(1, 3))
        ]
        usage = Usage(rng.sample(TOOLS, rng.randint(0, len(TOOLS))))
        clients.append(
            ClientRecord(
                Company(f"c{i}", f"Company {i}"),
                products=products,
                relationship=rng.choice(RELATIONSHIPS),
                usage=usage,
            )
        )
    return Portfolio(clients)


def score_all(chosen: Portfolio) -> list[object]:
    return [client.engagement(MODEL) for client in chosen.clients]


def table(chosen: Portfolio) -> object:
    return client_table(chosen, model=MODEL, sort_by="engagement")


def assess_all(triples: list[tuple[str, str, Usage]]) -> object:
    return assess(triples, model=MODEL)


def _triples(chosen: Portfolio) -> list[tuple[str, str, Usage]]:
    return [(c.id, c.company.name, c.scored_usage) for c in chosen.clients]


_per_client = micros("client")


def measure(quick: bool) -> list[Row]:
    sizes = (200, 400, 800) if quick else (1_000, 10_000, 100_000)
    built = {n: portfolio(n) for n in sizes}
    largest = built[sizes[-1]]
    rows: list[Row] = []

    scored = growth("ClientRecord.engagement, every client", sizes, built.__getitem__, score_all)
    per_client = scored.seconds[-1] / sizes[-1]
    scores = {client.id: client.engagement(MODEL) for client in largest.clients}
    ours, floor = paired(
        lambda: score_all(largest),
        lambda: [scores[client.company.id] for client in largest.clients],
        repeat=3,
    )
    rows.append(
        Row(
            f"engagement scoring, {sizes[-1]:,} clients (growth exponent {scored.exponent:.2f})",
            _per_client(per_client),
            f"a dict lookup per client: {_per_client(floor / sizes[-1])}",
            ours / floor,
            "<= 15 µs/client",
            None if quick else per_client <= 15e-6,
        )
    )

    cpu = processor_seconds(lambda: score_all(largest)) / sizes[-1]
    rows.append(
        Row(
            f"engagement scoring, {sizes[-1]:,} clients, processor time",
            _per_client(cpu),
            "-",
            None,
            "(information: processor time)",
            None,
        )
    )

    tabled = growth("client_table(sort_by='engagement')", sizes, built.__getitem__, table)
    rows.append(
        Row(
            f"client_table, {sizes[-1]:,} clients (growth exponent {tabled.exponent:.2f})",
            _per_client(tabled.seconds[-1] / sizes[-1]),
            "-",
            None,
            "(information)",
            None,
        )
    )
    assessed = growth(
        "engagement.assess", sizes, lambda n: _triples(built[n]), assess_all, memory=False
    )
    rows.append(
        Row(
            f"engagement.assess, {sizes[-1]:,} clients (growth exponent {assessed.exponent:.2f})",
            _per_client(assessed.seconds[-1] / sizes[-1]),
            "-",
            None,
            "(information)",
            None,
        )
    )
    return rows


if __name__ == "__main__":
    main(measure, __doc__)
