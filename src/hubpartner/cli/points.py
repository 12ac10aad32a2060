"""``hubpartner points estimate|convert``: the dashboard's points calculator."""

from __future__ import annotations

import argparse
from typing import Any

from .. import points
from .._checks import to_decimal
from ..markets import market_name
from ..money import Money
from ..rules import ProgramRules, Track
from ._options import add_json, add_rules, selected_rules, track
from ._output import json_text, table, text


def add_parser(commands: Any) -> None:
    """Add ``points estimate`` and ``points convert`` to the command line."""
    parser = commands.add_parser("points", help="points from MRR and back")
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))

    est = actions.add_parser("estimate", help="the dashboard's points calculator")
    est.add_argument("--amount", required=True, help="sold MRR in the client's currency")
    est.add_argument("--currency", required=True, help="the client's currency, e.g. EUR")
    est.add_argument("--market", required=True, help="the client's country, e.g. DE")
    est.add_argument(
        "--track", type=track, default=Track.SOURCED, help="sourced (default) or assisted"
    )
    est.add_argument("--manage", action="store_true", help="you will also manage the client")
    est.add_argument(
        "--other-partners",
        type=int,
        default=0,
        metavar="N",
        help="how many other partners will manage the client (with --manage)",
    )
    add_rules(est)
    add_json(est)
    est.set_defaults(run=estimate)

    conv = actions.add_parser("convert", help="currency to points, or points to currency")
    direction = conv.add_mutually_exclusive_group(required=True)
    direction.add_argument("--amount", help="convert this amount of MRR to points")
    direction.add_argument("--points", help="convert this many points to MRR")
    conv.add_argument("--currency", required=True, help="the client's currency, e.g. EUR")
    conv.add_argument("--market", required=True, help="the client's country, e.g. DE")
    conv.add_argument("--track", type=track, required=True, help="sourced, assisted or managed")
    add_rules(conv)
    add_json(conv)
    conv.set_defaults(run=convert)


def _json(chosen: ProgramRules, market: str, chosen_track: Track, **fields: object) -> str:
    return json_text(
        {
            "rules_effective": chosen.effective,
            "market": market,
            "track": chosen_track,
            **fields,
        }
    )


def _amount(money: Money) -> dict[str, object]:
    return {"amount": money.amount, "currency": money.currency}


def _describe_market(code: str, chosen: ProgramRules) -> str:
    growth = "growth market" if chosen.is_growth_market(code) else "not a growth market"
    return f"{code} ({market_name(code)}), {growth}"


def estimate(args: argparse.Namespace) -> str:
    """The estimated sold, managed and total points of a sale."""
    chosen = selected_rules(args)
    amount = Money(args.amount, args.currency)
    result = points.estimate(
        amount,
        market=args.market,
        track=args.track,
        manage=args.manage,
        other_partners=args.other_partners,
        rules=chosen,
    )
    shown = {
        "sold": points.present(result.sold, rules=chosen),
        "managed": points.present(result.managed, rules=chosen),
        "total": points.present(result.total, rules=chosen),
    }
    market = args.market.strip().upper()
    if args.json:
        return _json(
            chosen,
            market,
            args.track,
            **_amount(amount),
            growth_market=chosen.is_growth_market(market),
            partners=result.partners,
            **shown,
            rounding=chosen.rounding.name,
            exact={"sold": result.sold, "managed": result.managed, "total": result.total},
        )
    if result.partners:
        sharing = "you alone" if result.partners == 1 else f"shared by {result.partners} partners"
    else:
        sharing = "not managed"
    rows = [
        [f"sold ({args.track.value})", text(shown["sold"])],
        ["managed", text(shown["managed"]), sharing],
        ["total", text(shown["total"])],
    ]
    return "\n".join(
        [
            f"Points estimate for {amount} MRR, client in {_describe_market(market, chosen)}",
            f"rules effective {chosen.effective.isoformat()}, "
            f"points rounded {chosen.rounding.name}",
            *table(rows, right={1}),
        ]
    )


def convert(args: argparse.Namespace) -> str:
    """An amount of MRR in points, or points in MRR (the calculator's currency tab)."""
    chosen = selected_rules(args)
    market = args.market.strip().upper()
    if args.amount is not None:
        amount = Money(args.amount, args.currency)
        value = points.money_to_points(amount, track=args.track, market=market, rules=chosen)
        shown = points.present(value, rules=chosen)
        if args.json:
            return _json(
                chosen,
                market,
                args.track,
                **_amount(amount),
                points=shown,
                exact_points=value,
            )
        return (
            f"{amount} MRR, client in {_describe_market(market, chosen)}, "
            f"{args.track.value}: {text(shown)} points (rules {chosen.effective.isoformat()})"
        )
    money = points.points_to_money(
        args.points, currency=args.currency, track=args.track, market=market, rules=chosen
    )
    shown_money = money.quantized(chosen.rounding.mode)
    if args.json:
        return _json(
            chosen,
            market,
            args.track,
            points=to_decimal(args.points, field="points"),
            **_amount(shown_money),
            exact_amount=money.amount,
        )
    return (
        f"{args.points} {args.track.value} points, client in {_describe_market(market, chosen)}: "
        f"{shown_money} MRR (rules {chosen.effective.isoformat()})"
    )
