"""``hubpartner plan``: what is at risk before the next re-evaluation, what each
opportunity is worth in points, and the smallest set of actions that reaches (or
keeps) a tier by then."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from ..clients import read_portfolio
from ..ledger import read_ledger
from ..managed import read_events
from ..messages import Message, joined, message
from ..plan import Action, TierPlan, load_prices, plan
from ..points import present
from ..present import Presenter
from ..rules import Track
from ..tiers import Tier, load_thresholds
from ._commands import command_help
from ._options import (
    add_activities,
    add_certification,
    add_file_format,
    add_format,
    file_format,
    in_options,
    input_file,
    iso_date,
    market,
)
from ._output import csv_of, json_text, presenter_of, table, text, width
from .points import track_name
from .tiers import tier_text

# Translators: the placeholder of an option's value: a file
_FILE = message("FILE")
# Translators: the placeholder of an option's value: a day, YYYY-MM-DD
_DATE = message("DATE")

#: The columns of ``plan --format csv``: one row per action of the plan.
CSV_HEADER = [
    "as_of",
    "by",
    "target",
    "client",
    "action",
    "offer",
    "mrr",
    "currency",
    "track",
    "points",
    "from",
    "until",
    "reason",
]


def add_parser(commands: Any) -> None:
    """Add ``plan`` to the command line."""
    parser = commands.add_parser("plan", help=command_help("plan"))
    for name, what in (
        ("ledger", message("a points ledger CSV")),
        ("portfolio", message("a portfolio CSV, one row per client product")),
    ):
        parser.add_argument(f"--{name}", type=input_file, required=True, metavar="CSV", help=what)
    parser.add_argument(
        "--thresholds",
        type=input_file,
        required=True,
        metavar=_FILE,
        help=message("your thresholds TOML"),
    )
    parser.add_argument(
        "--prices",
        type=input_file,
        required=True,
        metavar=_FILE,
        help=message("your price list TOML: list prices per hub and edition per currency"),
    )
    parser.add_argument(
        "--events",
        type=input_file,
        metavar="CSV",
        help=message(
            "the managed relationships' events CSV (without it, when managed credit "
            "lapses is not known)"
        ),
    )
    parser.add_argument(
        "--target",
        choices=[t.value for t in Tier],
        help=message(
            "the tier to reach (default: keep the tier credited now if it is at risk, "
            "else the next tier)"
        ),
    )
    parser.add_argument(
        "--by",
        type=iso_date,
        metavar=_DATE,
        help=message("the day to reach it by (default: the next re-evaluation day)"),
    )
    parser.add_argument(
        "--as-of", type=iso_date, metavar=_DATE, help=message("the day (default: today)")
    )
    parser.add_argument(
        "--track",
        choices=[Track.SOURCED.value, Track.ASSISTED.value],
        default=Track.SOURCED.value,
        help=message("the sold track the sales are valued on (default: sourced)"),
    )
    parser.add_argument(
        "--market",
        type=market,
        metavar="CC",
        help=message("the market of clients the portfolio gives none for (an ISO country code)"),
    )
    add_certification(parser)
    add_activities(parser)
    parser.add_argument(
        "--credited",
        choices=[t.value for t in Tier],
        help=message("the tier credited now (default: the tier met on the day)"),
    )
    parser.add_argument(
        "--earned-on",
        type=iso_date,
        metavar=_DATE,
        help=message("the day the credited tier was earned"),
    )
    add_file_format(parser)
    add_format(parser)
    parser.set_defaults(run=run, usage_error=parser.error)


def build(args: argparse.Namespace) -> TierPlan:
    """The plan the options ask for; a day the library refuses is refused naming its
    option."""
    formats = file_format(args)
    ledger = read_ledger(args.ledger, **formats)
    portfolio = read_portfolio(args.portfolio, **formats)
    events = None if args.events is None else read_events(args.events, **formats)
    as_of = args.as_of or date.today()
    days: dict[str, tuple[str, object]] = {"as_of": ("--as-of", as_of)}
    if args.by is not None:  # else the next re-evaluation day, which no option gave
        days["by"] = ("--by", args.by)
    with in_options(args.usage_error, days):
        return plan(
            ledger,
            portfolio,
            thresholds=load_thresholds(args.thresholds),
            prices=load_prices(args.prices),
            as_of=as_of,
            target=args.target,
            by=args.by,
            track=Track(args.track),
            certified=args.certified,
            activities=args.activities,
            credited=args.credited,
            earned_on=args.earned_on,
            events=events,
            default_market=args.market,
        )


def run(args: argparse.Namespace) -> str:
    """The plan for people, as JSON, or its actions as CSV."""
    as_of = args.as_of or date.today()
    if args.by is not None and args.by <= as_of:
        args.usage_error(
            message("--by must be a day after --as-of ({day})", day=as_of.isoformat())
        )
    if args.earned_on is not None and args.earned_on > as_of:
        args.usage_error(
            message(
                "--earned-on must be a day on or before --as-of ({day})", day=as_of.isoformat()
            )
        )
    found = build(args)
    if args.format == "json":
        return json_text(_json(found))
    if args.format == "csv":
        return csv_of(args, CSV_HEADER, _csv_rows(found))
    return "\n".join(terminal(found, presenter_of(args)))


# -- for machines -------------------------------------------------------------------------


def _action(action: Action) -> dict[str, Any]:
    return {
        "client": action.client,
        "action": action.kind,
        "offer": None if action.offer is None else str(action.offer),
        "mrr": action.mrr,
        "track": action.track,
        "points": action.points,
        "from": None if action.window is None else action.window[0],
        "until": None if action.window is None else action.window[1],
    }


def _json(found: TierPlan) -> dict[str, Any]:
    seen = found.outlook
    chosen = found.plan
    return {
        "as_of": found.as_of,
        "by": found.by,
        "managed_credit": [
            {
                "client": risk.client,
                "points_a_month": risk.points,
                "receiving": risk.receiving,
                "last_activity": risk.last_activity,
                "lapses_on": risk.lapses_on,
                "days_left": risk.days_left,
                "lapses_by_plan": risk.lapses_by_plan,
                "reasons": list(risk.reasons),
            }
            for risk in found.managed
        ],
        "expiring": [
            {"client": e.client, "track": e.track, "points": e.points, "first_on": e.first_on}
            for e in found.expiring
        ],
        "outlook": {
            "tier_now": seen.now,
            "tier_met": seen.met,
            "credited": seen.credited,
            "safe": seen.safe,
            "points": {
                "sourced": seen.held.sourced,
                "assisted": seen.held.assisted,
                "managed": seen.held.managed,
                "total": seen.held.total,
            },
            "shortfalls": [
                {"track": s.track, "held": s.held, "required": s.required, "short": s.short}
                for s in seen.shortfalls
            ],
            "reason": seen.reason,
        },
        "opportunities": [_action(action) for action in found.opportunities],
        "plan": None
        if chosen is None
        else {
            "target": chosen.target,
            "reached": chosen.reached,
            "needed": {
                "total": chosen.needed.total,
                "sold": chosen.needed.sold,
                "managed": chosen.needed.managed,
            },
            "actions": [
                {**_action(planned.action), "reason": planned.reason} for planned in chosen.actions
            ],
            "mrr": list(chosen.mrr),
            "beyond_points": list(chosen.beyond_points),
        },
        "reason": found.reason,
    }


def _csv_rows(found: TierPlan) -> list[list[Any]]:
    chosen = found.plan
    if chosen is None:
        return []
    rows = []
    for planned in chosen.actions:
        action = planned.action
        rows.append(
            [
                found.as_of,
                found.by,
                chosen.target,
                action.client,
                action.kind,
                None if action.offer is None else str(action.offer),
                None if action.mrr is None else action.mrr.amount,
                None if action.mrr is None else action.mrr.currency,
                action.track,
                action.points,
                None if action.window is None else action.window[0],
                None if action.window is None else action.window[1],
                planned.reason,
            ]
        )
    return rows


# -- for people ---------------------------------------------------------------------------


def _points(value: Any, say: Presenter, found: TierPlan) -> str:
    """Points as people read them: rounded by the plan's rule set's policy."""
    return text(present(value, rules=found.rules), say)


def terminal(found: TierPlan, say: Presenter) -> list[str]:
    """The plan's lines for the terminal, section by section."""
    lines = [
        say.text(
            # Translators: the first line of a plan: the day it is made, the day it plans for
            message("Plan on {day}, for {by}", day=found.as_of, by=found.by)
        )
    ]

    def heading(said: Message) -> None:
        shown = say.text(said)
        lines.extend(["", shown, "-" * width(shown)])

    heading(message("Managed credit at risk"))
    if not found.managed:
        lines.append(say.text(message("no managed clients")))
    rows = []
    for risk in found.managed:
        rows.append(
            [
                risk.client,
                _points(risk.points, say, found),
                "-" if risk.last_activity is None else say.date(risk.last_activity),
                "-" if risk.lapses_on is None else say.date(risk.lapses_on),
                "-" if risk.days_left is None else say.number(risk.days_left),
                say.text(joined(list(risk.reasons), "; ")),
            ]
        )
    if rows:
        header = [
            message("client"),
            # Translators: a column header: managed points the client earns a month
            message("points a month"),
            # Translators: a column header: the day of the last qualifying activity
            message("last activity"),
            # Translators: a column header: the day managed credit lapses
            message("lapses on"),
            # Translators: a column header: the days until managed credit lapses
            message("days left"),
            # Translators: a column header: why credit lapses or is not received
            message("why"),
        ]
        lines += table(rows, header=[say.text(h) for h in header], right={1, 4})
    heading(message("Points expiring by {day}", day=found.by))
    if not found.expiring:
        lines.append(say.text(message("none")))
    else:
        lines += table(
            [
                [
                    e.client,
                    say.text(track_name(e.track.value)),
                    text(e.points, say),
                    say.date(e.first_on),
                ]
                for e in found.expiring
            ],
            header=[
                say.text(message("client")),
                say.text(message("track")),
                say.text(message("points")),
                # Translators: a column header: the first day points expire
                say.text(message("expire on")),
            ],
            right={2},
        )
    heading(message("Tier outlook"))
    seen = found.outlook
    lines.append(
        say.text(
            message(
                "Tier now: {now}; met on {day} with no new business: {met}; credited then: "
                "{credited}",
                now=tier_text(seen.now),
                day=found.by,
                met=tier_text(seen.met),
                credited=tier_text(seen.credited),
            )
        )
    )
    lines.append(say.text(seen.said()))
    if seen.shortfalls:
        lines += table(
            [
                [
                    say.text(track_name(s.track)),
                    text(s.held, say),
                    text(s.required, say),
                    text(s.short, say),
                ]
                for s in seen.shortfalls
            ],
            header=[
                say.text(message("track")),
                say.text(message("held")),
                # Translators: a column header: the points a tier requires
                say.text(message("required")),
                # Translators: a column header: the points missing
                say.text(message("short")),
            ],
            right={1, 2, 3},
        )
    heading(message("Opportunities ({count})", count=len(found.opportunities)))
    if not found.opportunities:
        lines.append(say.text(message("none")))
    else:
        lines += table(
            [_action_cells(action, say, found) for action in found.opportunities],
            header=[
                say.text(message("client")),
                # Translators: a column header: what to do (upsell, cross-sell, …)
                say.text(message("action")),
                say.text(message("MRR")),
                say.text(message("points")),
            ],
            right={2, 3},
        )
    heading(message("Plan"))
    lines.append(say.text(found.reason))
    chosen = found.plan
    if chosen is not None:
        for number, planned in enumerate(chosen.actions, start=1):
            lines.append(
                f"  {number}. "
                + say.text(planned.action.said(found.rules))
                + " — "
                + say.text(planned.reason)
            )
        if chosen.mrr:
            lines.append(
                say.text(
                    message(
                        "MRR added: {amounts}",
                        amounts=", ".join(say.money(amount) for amount in chosen.mrr),
                    )
                )
            )
    return lines


def _action_cells(action: Action, say: Presenter, found: TierPlan) -> list[str]:
    what = (
        say.text(action.kind.label)
        if action.offer is None
        else f"{say.text(action.kind.label)} {action.offer}"
    )
    return [
        action.client,
        what,
        "-" if action.mrr is None else say.money(action.mrr),
        f"{_points(action.points, say, found)} {say.text(track_name(action.track.value))}",
    ]
