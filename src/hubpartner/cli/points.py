"""``hubpartner points estimate|convert``: the dashboard's points calculator.

Every value the user gives is checked in the user's words: a bad option is refused
naming the option (``--track managed``), never with the library's names for things
(``Track.MANAGED``, ``manage=False``), which stay in the library's own messages for
callers of the API.
"""

from __future__ import annotations

import argparse
import functools
from collections.abc import Callable
from typing import Any, NoReturn, TypeVar

from .. import points
from .._checks import above_zero, at_least_zero
from ..errors import (
    InvalidAmountError,
    MissingRateError,
    NoRulesInForceError,
    UnknownCurrencyError,
)
from ..markets import market_name
from ..money import Money, currency_code
from ..rules import ProgramRules, Track
from ._options import add_json, add_rules, non_negative, quoted, selected_rules, track
from ._options import currency as _currency  # a code, or a name in any language spoken
from ._options import market as _market  # a code, or a name in any language spoken
from ._options import points as points_option
from ._output import json_text, table, text

T = TypeVar("T")


def _option(check: Callable[[str], T], refused: type[Exception], what: str) -> Callable[[str], T]:
    """An argument type: ``check(text)``, whose refusal says ``text`` is not ``what``."""

    def convert(text: str) -> T:
        try:
            return check(text)
        except refused:
            raise argparse.ArgumentTypeError(f"{quoted(text)} is not {what}") from None

    return convert


_amount = _option(
    functools.partial(at_least_zero, field="--amount"),
    InvalidAmountError,
    "an amount of 0 or more; expected digits such as 1000 or 62.50",
)


def _sold_track(text: str) -> Track:
    """A track a sale earns points on: sourced or assisted."""
    chosen = track(text)
    if not chosen.is_sold:
        raise argparse.ArgumentTypeError(
            f"{quoted(text)} is not a sold track; expected sourced or assisted "
            "(managed points come with --manage)"
        )
    return chosen


def add_parser(commands: Any) -> None:
    """Add ``points estimate`` and ``points convert`` to the command line."""
    parser = commands.add_parser("points", help="points from MRR and back")
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))

    est = actions.add_parser("estimate", help="the dashboard's points calculator")
    est.add_argument(
        "--amount", type=_amount, required=True, help="sold MRR in the client's currency"
    )
    est.add_argument(
        "--currency", type=_currency, required=True, help="the client's currency, e.g. EUR"
    )
    est.add_argument("--market", type=_market, required=True, help="the client's country, e.g. DE")
    est.add_argument(
        "--track", type=_sold_track, default=Track.SOURCED, help="sourced (default) or assisted"
    )
    est.add_argument("--manage", action="store_true", help="you will also manage the client")
    est.add_argument(
        "--other-partners",
        type=non_negative,
        default=0,
        metavar="N",
        help="how many other partners will manage the client (with --manage)",
    )
    add_rules(est)
    add_json(est)
    est.set_defaults(run=estimate, refuse=est.error)

    conv = actions.add_parser("convert", help="currency to points, or points to currency")
    direction = conv.add_mutually_exclusive_group(required=True)
    direction.add_argument("--amount", type=_amount, help="convert this amount of MRR to points")
    direction.add_argument("--points", type=points_option, help="convert this many points to MRR")
    conv.add_argument(
        "--currency", type=_currency, required=True, help="the client's currency, e.g. EUR"
    )
    conv.add_argument(
        "--market", type=_market, required=True, help="the client's country, e.g. DE"
    )
    conv.add_argument("--track", type=track, required=True, help="sourced, assisted or managed")
    add_rules(conv)
    add_json(conv)
    conv.set_defaults(run=convert, refuse=conv.error)


def _refuse(args: argparse.Namespace, message: str) -> NoReturn:
    """Refuse the command line with ``message``, a usage error like argparse's own."""
    refuse: Callable[[str], NoReturn] = args.refuse
    refuse(message)


def _rules(args: argparse.Namespace) -> ProgramRules:
    """The rule set the options chose, with each refusal in the options' words."""
    for code, amount in args.rate:
        try:
            checked = currency_code(code)
            above_zero(amount, field=f"--rate {code}")
        except UnknownCurrencyError:
            _refuse(args, f"--rate {code}={amount}: {code!r} is not a currency code known to CLDR")
        except InvalidAmountError:
            _refuse(
                args,
                f"--rate {code}={amount}: expected the amount of {checked} treated as USD 100, "
                "a number greater than 0",
            )
    try:
        return selected_rules(args)
    except NoRulesInForceError as exc:
        _refuse(
            args,
            f"--date {exc.on.isoformat()} is before {exc.earliest.isoformat()}, when the first "
            "points model took effect; give a later --date, or your own rules with --rules FILE",
        )


def _missing_rate(args: argparse.Namespace, exc: MissingRateError) -> NoReturn:
    _refuse(
        args,
        f"--currency {exc.currency} has no rate in the rules effective "
        f"{exc.effective.isoformat()} (listed: {', '.join(exc.listed)}); add one with "
        f"--rate {exc.currency}=AMOUNT, the amount of {exc.currency} treated as USD 100",
    )


def _json(chosen: ProgramRules, market: str, chosen_track: Track, **fields: object) -> str:
    return json_text(
        {
            "rules_effective": chosen.effective,
            "market": market,
            "track": chosen_track,
            **fields,
        }
    )


def _money(money: Money) -> dict[str, object]:
    return {"amount": money.amount, "currency": money.currency}


def _describe_market(code: str, chosen: ProgramRules) -> str:
    growth = "growth market" if chosen.is_growth_market(code) else "not a growth market"
    return f"{code} ({market_name(code)}), {growth}"


def estimate(args: argparse.Namespace) -> str:
    """The estimated sold, managed and total points of a sale."""
    if args.other_partners and not args.manage:
        _refuse(
            args, "--other-partners needs --manage: other partners share only the managed points"
        )
    chosen = _rules(args)
    amount = Money(args.amount, args.currency)
    try:
        result = points.estimate(
            amount,
            market=args.market,
            track=args.track,
            manage=args.manage,
            other_partners=args.other_partners,
            rules=chosen,
        )
    except MissingRateError as exc:
        _missing_rate(args, exc)
    shown = {
        "sold": points.present(result.sold, rules=chosen),
        "managed": points.present(result.managed, rules=chosen),
        "total": points.present(result.total, rules=chosen),
    }
    market = args.market
    if args.json:
        return _json(
            chosen,
            market,
            args.track,
            **_money(amount),
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
    chosen = _rules(args)
    try:
        if args.amount is not None:
            return _to_points(args, chosen, Money(args.amount, args.currency))
        return _to_money(args, chosen)
    except MissingRateError as exc:
        _missing_rate(args, exc)


def _to_points(args: argparse.Namespace, chosen: ProgramRules, amount: Money) -> str:
    market = args.market
    value = points.money_to_points(amount, track=args.track, market=market, rules=chosen)
    shown = points.present(value, rules=chosen)
    if args.json:
        return _json(
            chosen, market, args.track, **_money(amount), points=shown, exact_points=value
        )
    return (
        f"{amount} MRR, client in {_describe_market(market, chosen)}, "
        f"{args.track.value}: {text(shown)} points (rules {chosen.effective.isoformat()})"
    )


def _to_money(args: argparse.Namespace, chosen: ProgramRules) -> str:
    market = args.market
    if chosen.rate(args.track) == 0:
        _refuse(
            args,
            f"--track {args.track.value} earns no points under the rules effective "
            f"{chosen.effective.isoformat()}, so no amount earns {text(args.points)} of them",
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
            points=args.points,
            **_money(shown_money),
            exact_amount=money.amount,
        )
    return (
        f"{text(args.points)} {args.track.value} points, client in "
        f"{_describe_market(market, chosen)}: {shown_money} MRR "
        f"(rules {chosen.effective.isoformat()})"
    )
