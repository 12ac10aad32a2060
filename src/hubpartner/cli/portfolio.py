"""``hubpartner clients FILE`` and ``hubpartner engagement FILE``: the client
portfolio — the client table and renewal alerts, engagement bands and opportunities."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal
from typing import Any

from .. import rules
from ..clients import client_table, read_portfolio, renewal_alerts
from ..decimals import divide
from ..engagement import Band, assess, by_band, default_model, median_tool_usage
from ..money import Money
from ._options import add_json, iso_date, non_negative
from ._output import json_text, table


def add_parser(commands: Any) -> None:
    """Add ``clients`` and ``engagement`` to the command line."""
    clients_parser = commands.add_parser("clients", help="the client table and renewal alerts")
    clients_parser.add_argument("file", help="a portfolio CSV, one row per client product")
    clients_parser.add_argument(
        "--as-of", type=iso_date, help="the day the alerts count from (default: today)"
    )
    clients_parser.add_argument(
        "--renewals-within",
        type=non_negative,
        default=30,
        metavar="DAYS",
        help="alert on renewals due within this many days (default 30)",
    )
    clients_parser.add_argument(
        "--band", choices=[band.value for band in Band], help="only clients in this band"
    )
    add_json(clients_parser)
    clients_parser.set_defaults(run=clients)

    engagement_parser = commands.add_parser(
        "engagement", help="engagement bands, median tool usage and opportunities"
    )
    engagement_parser.add_argument("file", help="a portfolio CSV, one row per client product")
    add_json(engagement_parser)
    engagement_parser.set_defaults(run=engagement)


def _money(money: Money | None) -> str:
    return "-" if money is None else str(money.quantized())


def clients(args: argparse.Namespace) -> str:
    """The renewal alerts and the client table of a portfolio."""
    portfolio = read_portfolio(args.file)
    today = args.as_of or date.today()
    band = None if args.band is None else Band(args.band)
    rows = client_table(portfolio, band=band, rules=rules.for_date(today))
    alerts = renewal_alerts(portfolio, as_of=today, within_days=args.renewals_within)
    if args.json:
        return json_text(
            {
                "as_of": today,
                "renewals_within_days": args.renewals_within,
                "alerts": [
                    {
                        "client": a.client,
                        "name": a.name,
                        "renewal": a.on,
                        "days_left": a.days_left,
                        "communication_owner": a.communication_owner,
                        "hubspot_manager": a.hubspot_manager,
                    }
                    for a in alerts
                ],
                "clients": [
                    {
                        "client": row.client,
                        "name": row.name,
                        "products": list(row.products),
                        "relationship": row.relationship,
                        "mrr": None if row.mrr is None else row.mrr.amount,
                        "currency": None if row.mrr is None else row.mrr.currency,
                        "engagement": row.engagement,
                        "band": row.band,
                        "renewal": row.renewal,
                    }
                    for row in rows
                ],
            }
        )
    noun = "decision" if len(alerts) == 1 else "decisions"
    lines = [f"Alerts: {len(alerts)} upcoming renewal {noun} within {args.renewals_within} days"]
    lines += table(
        [
            [
                a.on.isoformat(),
                f"in {a.days_left} days",
                f"{a.name} ({a.client}), owner {a.communication_owner}, "
                f"HubSpot {a.hubspot_manager}",
            ]
            for a in alerts
        ],
        right={1},
    )
    header = ["client", "name", "products", "relationship", "MRR", "engagement", "renewal"]
    cells = [
        [
            row.client,
            row.name,
            ", ".join(row.products),
            row.relationship.value,
            _money(row.mrr),
            f"{row.engagement} {row.band.value}",
            "-" if row.renewal is None else row.renewal.isoformat(),
        ]
        for row in rows
    ]
    lines.append(f"Clients ({len(rows)}), by MRR:")
    lines += table(cells, header=header, right={4})
    return "\n".join(lines)


def engagement(args: argparse.Namespace) -> str:
    """The engagement bands, the median tool usage and the opportunities of a
    portfolio's clients."""
    portfolio = read_portfolio(args.file)
    model = default_model()
    assessed = assess(
        (client.id, client.company.name, client.scored_usage) for client in portfolio.clients
    )
    groups = by_band(assessed)
    median = median_tool_usage(item.usage for item in assessed) if assessed else None
    offers: dict[str, list[str]] = {}
    for item in assessed:
        for opportunity in item.opportunities:
            offers.setdefault(f"{opportunity.kind.value} {opportunity.offer}", []).append(
                item.client
            )
    if args.json:
        return json_text(
            {
                "model": model.name,
                "bands": {
                    band.value: [
                        {"client": i.client, "name": i.name, "score": i.score} for i in items
                    ]
                    for band, items in groups.items()
                },
                "median_tool_usage": median,
                "opportunities": offers,
            }
        )
    lines = [f"Platform Engagement Index of {len(assessed)} clients ({model.name})"]
    lines += table(
        [
            [
                f"{band.value} {'-'.join(map(str, getattr(model.bands, band.value)))}:",
                str(len(items)),
                ", ".join(f"{i.name} {i.score}" for i in items) or "-",
            ]
            for band, items in groups.items()
        ],
        right={1},
    )
    shown = (
        "-"
        if median is None
        else f"{divide(Decimal(median.numerator), Decimal(median.denominator)):f}"
    )
    lines.append(f"Median tool usage: {shown} tools")
    lines.append("Opportunities in your client base:")
    lines += [f"  {offer}: {len(ids)} ({', '.join(ids)})" for offer, ids in sorted(offers.items())]
    return "\n".join(lines)
