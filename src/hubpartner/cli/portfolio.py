"""``hubpartner clients FILE`` and ``hubpartner engagement FILE``: the client
portfolio — the client table and renewal alerts, engagement bands, the subscriptions
held and the opportunities."""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from .._views import client_columns, relationship_label
from ..clients import (
    ClientRow,
    Portfolio,
    Relationship,
    RenewalAlert,
    client_table,
    read_portfolio,
    renewal_alerts,
)
from ..decimals import divide
from ..engagement import (
    Band,
    ClientEngagement,
    HubHoldings,
    Opportunity,
    ScoringModel,
    UnknownTools,
    assess,
    by_band,
    default_model,
    median_tool_usage,
    subscriptions_held,
)
from ..errors import MissingRateError, NoRulesInForceError
from ..messages import Message, message, plural
from ..present import Presenter
from ..rules import ProgramRules
from ._commands import command_help
from ._options import (
    add_file_format,
    add_format,
    add_rules,
    checked_rates,
    file_format,
    in_options,
    input_file,
    iso_date,
    non_negative,
    selected_rules,
)
from ._output import csv_of, escaped, json_text, presenter_of, table

SORT_KEYS = ("mrr", "name", "engagement", "renewal")


def _add_portfolio(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "file",
        type=input_file,
        metavar=message("file"),
        help=message("a portfolio CSV, one row per client product (- for stdin)"),
    )
    parser.add_argument(
        "--unknown-tools",
        choices=[choice.value for choice in UnknownTools],
        default=UnknownTools.ERROR.value,
        help=message(
            "a tool in the tools column that the scoring model does not know is an "
            "error (the default), or is reported as not scored"
        ),
    )
    add_file_format(parser)


def add_parser(commands: Any) -> None:
    """Add ``clients`` and ``engagement`` to the command line."""
    clients_parser = commands.add_parser("clients", help=command_help("clients"))
    _add_portfolio(clients_parser)
    clients_parser.add_argument(
        "--as-of",
        type=iso_date,
        # Translators: the placeholder of an option's value: a day, YYYY-MM-DD
        metavar=message("DATE"),
        help=message("the day the alerts count from (default: today)"),
    )
    clients_parser.add_argument(
        "--renewals-within",
        type=non_negative,
        default=30,
        # Translators: the placeholder of an option's value: a number of days
        metavar=message("DAYS"),
        help=message("alert on renewals due within this many days (default 30)"),
    )
    clients_parser.add_argument(
        "--band",
        choices=[band.value for band in Band],
        help=message("only clients in this band"),
    )
    clients_parser.add_argument(
        "--relationship",
        choices=[relationship.value for relationship in Relationship],
        help=message(
            "only the clients the partner sold to (sold or both), manages (managed or "
            "both), or both"
        ),
    )
    clients_parser.add_argument(
        "--exact-relationship",
        action="store_true",
        help=message("with --relationship: only clients whose relationship is exactly that one"),
    )
    clients_parser.add_argument(
        "--sort",
        choices=SORT_KEYS,
        default="mrr",
        help=message("sort the clients by MRR (the default), name, engagement or renewal date"),
    )
    add_rules(clients_parser, default_day=message("the --as-of day"))
    add_format(clients_parser)
    clients_parser.set_defaults(run=clients, usage_error=clients_parser.error)

    engagement_parser = commands.add_parser("engagement", help=command_help("engagement"))
    _add_portfolio(engagement_parser)
    add_format(engagement_parser)
    engagement_parser.set_defaults(run=engagement)


def _money(row: ClientRow, say: Presenter) -> str:
    return "-" if row.mrr is None else say.money(row.mrr)


def _rules(args: argparse.Namespace, today: date) -> ProgramRules:
    """The rules the options chose; without ``--date`` or ``--rules``, those in force
    on ``today``."""
    return selected_rules(args, args.usage_error, day=today)


def _client_rows(
    portfolio: Portfolio, args: argparse.Namespace, today: date
) -> tuple[tuple[ClientRow, ...], str, ProgramRules | None, Message | None]:
    """The client table's rows, the key they are sorted by, the rules that compared
    MRR (if any did) and a note saying why MRR was not compared (if it was not).

    Rules are read only to sort by MRR: those the options name, or else — when the
    clients pay in several currencies — those in force on the day. When they cannot
    compare the currencies the rows are sorted by name, with a note.
    """
    filters: dict[str, Any] = {
        "band": args.band,
        "relationship": args.relationship,
        "exact_relationship": args.exact_relationship,
        "unknown": args.unknown_tools,
    }
    if args.sort != "mrr":
        return client_table(portfolio, sort_by=args.sort, **filters), args.sort, None, None
    by_name = client_table(portfolio, sort_by="name", **filters)
    currencies = sorted({row.mrr.currency for row in by_name if row.mrr is not None})
    named = args.date is not None or args.rules is not None or bool(args.rate)
    if len(currencies) <= 1 and not named:
        return client_table(portfolio, **filters), "mrr", None, None
    listed = ", ".join(currencies)
    try:
        chosen = _rules(args, today)
        return client_table(portfolio, rules=chosen, **filters), "mrr", chosen, None
    except MissingRateError as exc:
        note = message(
            "MRR in {currencies} is not compared: the rules effective {effective} list no rate "
            "for {currency}; pass --rate {code}=AMOUNT (the amount HubSpot treats as USD 100) "
            "to sort by MRR",
            currencies=listed,
            effective=exc.effective.isoformat(),
            currency=repr(exc.currency),
            code=exc.currency,
        )
    except NoRulesInForceError as exc:
        note = message(
            "MRR in {currencies} is not compared: no published rules were in force on {day}; "
            "pass --date {earliest} or later, or --rules FILE, to sort by MRR",
            currencies=listed,
            day=exc.on.isoformat(),
            earliest=exc.earliest.isoformat(),
        )
    return by_name, "name", None, note


def _held_rows(held: tuple[HubHoldings, ...], say: Presenter) -> list[list[str]]:
    """Per hub, a row per edition and one for the clients holding none: the hub's
    name (on its first row only), the edition, the count and the clients."""
    rows = []
    for hub in held:
        lines = [(e.subscription.edition, e.clients) for e in hub.editions]
        # Translators: the row of the clients that hold no edition of a hub
        none = say.text(message("none"))
        for position, (label, ids) in enumerate([*lines, (none, hub.without)]):
            rows.append(
                [
                    hub.hub.name if position == 0 else "",
                    label,
                    say.number(len(ids)),
                    ", ".join(ids),
                ]
            )
    return rows


def _unscored(items: Any, say: Presenter) -> list[str]:
    """A line naming the tools not scored, per client, if any were."""
    # names and tools as the file writes them, their control characters escaped
    listed = [
        escaped(f"{name} ({client}): {', '.join(tools)}") for client, name, tools in items if tools
    ]
    if not listed:
        return []
    return [say.text(message("Tools not scored: {tools}", tools="; ".join(listed)))]


def clients(args: argparse.Namespace) -> str:
    """The renewal alerts and the client table of a portfolio."""
    checked_rates(args, args.usage_error)  # refused whether or not MRR is compared
    portfolio = read_portfolio(args.file, unknown=args.unknown_tools, **file_format(args))
    today = args.as_of or date.today()
    options = {
        "as_of": ("--as-of", today),
        "within_days": ("--renewals-within", args.renewals_within),
    }
    with in_options(args.usage_error, options):
        alerts = renewal_alerts(portfolio, as_of=today, within_days=args.renewals_within)
    rows, sorted_by, chosen, note = _client_rows(portfolio, args, today)
    if args.format == "csv":
        return csv_of(
            args,
            [
                "client",
                "name",
                "products",
                "relationship",
                "mrr",
                "currency",
                "engagement",
                "band",
                "renewal",
                "unscored",
            ],
            [
                [
                    row.client,
                    row.name,
                    row.products,
                    row.relationship,
                    None if row.mrr is None else row.mrr.amount,
                    None if row.mrr is None else row.mrr.currency,
                    Decimal(row.engagement),
                    row.band,
                    row.renewal,
                    row.unscored,
                ]
                for row in rows
            ],
        )
    if args.format == "json":
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
                "sorted_by": sorted_by,
                "rules": None if chosen is None else chosen.effective,
                "note": note,
                "clients": [
                    {
                        "client": row.client,
                        "name": row.name,
                        "products": list(row.products),
                        "relationship": row.relationship,
                        "mrr": row.mrr,
                        "currency": None if row.mrr is None else row.mrr.currency,
                        "engagement": Decimal(row.engagement),
                        "band": row.band,
                        "renewal": row.renewal,
                        "unscored": list(row.unscored),
                    }
                    for row in rows
                ],
            }
        )
    say = presenter_of(args)
    lines = alert_lines(alerts, args.renewals_within, say)
    if note is not None:
        lines.append(say.text(message("Note: {note}", note=note)))
    lines += client_lines(rows, sorted_by, say)
    return "\n".join(lines)


def alert_lines(alerts: tuple[RenewalAlert, ...], within_days: int, say: Presenter) -> list[str]:
    """The renewal alerts for people: how many within how many days, then one line
    each (``clients`` and ``report`` show them)."""
    within = plural("{count} day", "{count} days", count=within_days)
    alerted = plural(
        "Alerts: {count} upcoming renewal decision within {days}",
        "Alerts: {count} upcoming renewal decisions within {days}",
        count=len(alerts),
        days=within,
    )
    lines = [say.text(alerted)]
    lines += table(
        [
            [
                say.short_date(a.on),
                say.text(plural("in {count} day", "in {count} days", count=a.days_left)),
                say.text(
                    message(
                        "{name} ({client}), owner {owner}, HubSpot {manager}",
                        name=a.name,
                        client=a.client,
                        owner=a.communication_owner,
                        manager=a.hubspot_manager,
                    )
                ),
            ]
            for a in alerts
        ],
        right={1},
    )
    return lines


def client_lines(rows: tuple[ClientRow, ...], sorted_by: str, say: Presenter) -> list[str]:
    """The client table for people, under its heading, with the tools not scored
    (``clients`` and ``report`` show it)."""
    header = client_columns()
    cells = [
        [
            row.client,
            row.name,
            ", ".join(row.products),
            say.text(relationship_label(row.relationship)),
            _money(row, say),
            f"{say.number(row.engagement)} {say.text(row.band.label)}",
            "-" if row.renewal is None else say.short_date(row.renewal),
        ]
        for row in rows
    ]
    lines = [say.text(_clients_heading(len(rows), sorted_by))]
    lines += table(cells, header=[say.text(cell) for cell in header], right={4})
    lines += _unscored(((row.client, row.name, row.unscored) for row in rows), say)
    return lines


def _clients_heading(count: int, sorted_by: str) -> Message:
    """The heading of the client table: how many, sorted by what."""
    by = {
        "mrr": message("MRR"),
        # Translators: the client table is sorted by name
        "name": message("name"),
        # Translators: the client table is sorted by engagement
        "engagement": message("engagement"),
        # Translators: the client table is sorted by renewal date
        "renewal": message("renewal"),
    }[sorted_by]
    return message("Clients ({count}), by {key}:", count=count, key=by)


def engagement(args: argparse.Namespace) -> str:
    """The engagement bands, the median tool usage, the subscriptions held and the
    opportunities of a portfolio's clients."""
    portfolio = read_portfolio(args.file, unknown=args.unknown_tools, **file_format(args))
    model = default_model()
    assessed = assess(
        ((client.id, client.company.name, client.scored_usage) for client in portfolio.clients),
        unknown=args.unknown_tools,
    )
    groups = by_band(assessed)
    median = (
        median_tool_usage((item.usage for item in assessed), unknown=args.unknown_tools)
        if assessed
        else None
    )
    held = subscriptions_held(assessed)
    offers: dict[Opportunity, list[str]] = {}
    for item in assessed:
        for opportunity in item.opportunities:
            offers.setdefault(opportunity, []).append(item.client)
    listed = sorted(offers.items(), key=lambda offer: _key(offer[0]))
    unscored = [(i.client, i.name, i.engagement.unscored) for i in assessed]
    if args.format == "csv":
        return csv_of(
            args,
            ["client", "name", "score", "band", "unscored"],
            [
                [i.client, i.name, Decimal(i.score), band, i.engagement.unscored]
                for band, items in groups.items()
                for i in items
            ],
        )
    if args.format == "json":
        return json_text(
            {
                "model": model.name,
                "bands": {
                    band.value: [
                        {"client": i.client, "name": i.name, "score": Decimal(i.score)}
                        for i in items
                    ]
                    for band, items in groups.items()
                },
                "median_tool_usage": median,
                "subscriptions": [
                    {
                        "hub": hub.hub.key,
                        "name": hub.hub.name,
                        "editions": [
                            {
                                "edition": edition.subscription.edition,
                                "count": edition.count,
                                "clients": list(edition.clients),
                            }
                            for edition in hub.editions
                        ],
                        "none": {"count": len(hub.without), "clients": list(hub.without)},
                    }
                    for hub in held
                ],
                "opportunities": {_key(offer): ids for offer, ids in offers.items()},
                "unscored": {client: list(tools) for client, _, tools in unscored if tools},
            }
        )
    say = presenter_of(args)
    index = plural(
        "Platform Engagement Index of {count} client ({model})",
        "Platform Engagement Index of {count} clients ({model})",
        count=len(assessed),
        # Translators: the name of hubpartner's packaged scoring model, in parentheses
        # after "Platform Engagement Index of 5 clients"
        model=message("hubpartner default engagement model"),
    )
    lines = [say.text(index)]
    lines += band_lines(groups, model, say)
    lines.append(say.text(_median_line(median)))
    lines.append(say.text(message("Subscriptions in your client base:")))
    lines += table(_held_rows(held, say), right={2})
    lines.append(say.text(message("Opportunities in your client base:")))
    lines += [
        f"  {offer.describe(locale=say)}: {say.number(len(ids))} ({', '.join(ids)})"
        for offer, ids in listed
    ]
    lines += _unscored(unscored, say)
    return "\n".join(lines)


def _key(opportunity: Opportunity) -> str:
    """An opportunity as the JSON names it, such as ``upsell sales:enterprise``."""
    return f"{opportunity.kind.value} {opportunity.offer}"


def _median_line(median: Fraction | None) -> Message:
    """The median number of tools the clients use: a count said with its plural
    form when it is whole, else a decimal (or ``-`` without clients), which no word
    agrees with."""
    if median is not None and median.denominator == 1:
        return plural(
            "Median tool usage: {count} tool",
            "Median tool usage: {count} tools",
            count=median.numerator,
        )
    return message(
        # Translators: {tools} is a median, such as 7.5, which no word agrees with
        "Median number of tools used: {tools}",
        tools="-"
        if median is None
        else divide(Decimal(median.numerator), Decimal(median.denominator)),
    )


def band_lines(
    groups: Mapping[Band, tuple[ClientEngagement, ...]], model: ScoringModel, say: Presenter
) -> list[str]:
    """The clients per engagement band for people: the band and its scores, how many,
    and who (``engagement`` and ``report`` show them)."""
    return table(
        [
            [
                f"{say.text(band.label)} {'-'.join(map(str, getattr(model.bands, band.value)))}:",
                say.number(len(items)),
                ", ".join(f"{i.name} {say.number(i.score)}" for i in items) or "-",
            ]
            for band, items in groups.items()
        ],
        right={1},
    )
