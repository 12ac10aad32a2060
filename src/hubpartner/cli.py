"""The ``hubpartner`` command: the library's calculators on the command line.

Bad input is reported on standard error, one line per problem, with exit
status 2 and never a traceback; nothing else exits non-zero. This is the only
module that reads the clock (the default ``--date`` is today) and the only one
that prints.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import NoReturn

from . import points, rules
from .decimals import to_decimal
from .errors import DataFileError, HubPartnerError, MissingRateError
from .markets import market_name
from .money import Money
from .rules import ProgramRules, Track

__all__ = ["main"]


class _UsageError(Exception):
    """A command-line mistake, reported on one line with exit status 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise _UsageError(f"{self.prog}: {message}")


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a date; expected YYYY-MM-DD, such as 2025-08-01"
        ) from None


def _rate(text: str) -> tuple[str, str]:
    code, sep, amount = text.partition("=")
    if not sep or not code or not amount:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a rate; expected CODE=AMOUNT, the amount of the currency "
            "treated as USD 100, such as SEK=1000"
        )
    return code, amount


def _track(text: str) -> Track:
    try:
        return Track(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a track; expected sourced, assisted or managed"
        ) from None


def _decimal(value: Decimal) -> str:
    return f"{value:f}"


def _add_rules_options(parser: argparse.ArgumentParser) -> None:
    which = parser.add_mutually_exclusive_group()
    which.add_argument(
        "--date",
        type=_date,
        help="use the published rules in force on this date (default: today)",
    )
    which.add_argument("--rules", metavar="FILE", help="use the rules in this TOML file")
    parser.add_argument(
        "--rate",
        type=_rate,
        action="append",
        default=[],
        metavar="CODE=AMOUNT",
        help="treat AMOUNT of currency CODE as USD 100 (repeatable)",
    )


def _selected_rules(args: argparse.Namespace) -> ProgramRules:
    chosen = rules.load(args.rules) if args.rules else rules.for_date(args.date or date.today())
    for code, amount in args.rate:
        chosen = chosen.with_currency(code, amount)
    return chosen


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="hubpartner",
        description="HubSpot Solutions Partner Program calculators.",
    )
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    points_parser = commands.add_parser("points", help="points from MRR and back")
    points_commands = points_parser.add_subparsers(
        dest="action", required=True, parser_class=_Parser
    )

    est = points_commands.add_parser("estimate", help="the dashboard's points calculator")
    est.add_argument("--amount", required=True, help="sold MRR in the client's currency")
    est.add_argument("--currency", required=True, help="the client's currency, e.g. EUR")
    est.add_argument("--market", required=True, help="the client's country, e.g. DE")
    est.add_argument(
        "--track",
        type=_track,
        default=Track.SOURCED,
        help="sourced (default) or assisted",
    )
    est.add_argument("--manage", action="store_true", help="you will also manage the client")
    est.add_argument(
        "--other-partners",
        type=int,
        default=0,
        metavar="N",
        help="how many other partners will manage the client (with --manage)",
    )
    _add_rules_options(est)
    est.add_argument("--json", action="store_true", help="print one JSON object")

    conv = points_commands.add_parser("convert", help="currency to points, or points to currency")
    direction = conv.add_mutually_exclusive_group(required=True)
    direction.add_argument("--amount", help="convert this amount of MRR to points")
    direction.add_argument("--points", help="convert this many points to MRR")
    conv.add_argument("--currency", required=True, help="the client's currency, e.g. EUR")
    conv.add_argument("--market", required=True, help="the client's country, e.g. DE")
    conv.add_argument("--track", type=_track, required=True, help="sourced, assisted or managed")
    _add_rules_options(conv)
    conv.add_argument("--json", action="store_true", help="print one JSON object")

    rules_parser = commands.add_parser("rules", help="the rule sets")
    rules_commands = rules_parser.add_subparsers(
        dest="action", required=True, parser_class=_Parser
    )
    show = rules_commands.add_parser("show", help="print a published rule set as TOML")
    show.add_argument(
        "--date", type=_date, help="the rules in force on this date (default: today)"
    )
    check = rules_commands.add_parser("check", help="check a rules file")
    check.add_argument("file", help="a TOML rules file")
    return parser


def _json(chosen: ProgramRules, market: str, track: Track, **fields: object) -> str:
    return json.dumps(
        {
            "rules_effective": chosen.effective.isoformat(),
            "market": market,
            "track": track.value,
            **fields,
        },
        indent=2,
    )


def _describe_market(code: str, chosen: ProgramRules) -> str:
    growth = "growth market" if chosen.is_growth_market(code) else "not a growth market"
    return f"{code} ({market_name(code)}), {growth}"


def _estimate(args: argparse.Namespace) -> str:
    chosen = _selected_rules(args)
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
            amount=_decimal(amount.amount),
            currency=amount.currency,
            growth_market=chosen.is_growth_market(market),
            partners=result.partners,
            **{key: _decimal(value) for key, value in shown.items()},
            rounding=chosen.rounding.name,
            exact={
                "sold": _decimal(result.sold),
                "managed": _decimal(result.managed),
                "total": _decimal(result.total),
            },
        )
    if result.partners:
        sharing = "you alone" if result.partners == 1 else f"shared by {result.partners} partners"
    else:
        sharing = "not managed"
    width = max(len(_decimal(v)) for v in shown.values())
    rows = [
        (f"sold ({args.track.value})", shown["sold"], ""),
        ("managed", shown["managed"], f"  {sharing}"),
        ("total", shown["total"], ""),
    ]
    return "\n".join(
        [
            f"Points estimate for {amount} MRR, client in {_describe_market(market, chosen)}",
            f"rules effective {chosen.effective.isoformat()}, "
            f"points rounded {chosen.rounding.name}",
            *(f"  {label:<16}{_decimal(value):>{width}}{note}" for label, value, note in rows),
        ]
    )


def _convert(args: argparse.Namespace) -> str:
    chosen = _selected_rules(args)
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
                amount=_decimal(amount.amount),
                currency=amount.currency,
                points=_decimal(shown),
                exact_points=_decimal(value),
            )
        return (
            f"{amount} MRR, client in {_describe_market(market, chosen)}, "
            f"{args.track.value}: {_decimal(shown)} points (rules {chosen.effective.isoformat()})"
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
            points=_decimal(to_decimal(args.points, field="points")),
            amount=_decimal(shown_money.amount),
            currency=money.currency,
            exact_amount=_decimal(money.amount),
        )
    return (
        f"{args.points} {args.track.value} points, client in {_describe_market(market, chosen)}: "
        f"{shown_money} MRR (rules {chosen.effective.isoformat()})"
    )


def _run(args: argparse.Namespace) -> str:
    if args.command == "points":
        return _estimate(args) if args.action == "estimate" else _convert(args)
    if args.action == "show":
        return rules.dumps(rules.for_date(args.date or date.today())).rstrip("\n")
    checked = rules.load(args.file)
    return f"{args.file}: ok, rules effective {checked.effective.isoformat()} ({checked.name})"


def _fail(message: str) -> int:
    print(f"hubpartner: error: {message}", file=sys.stderr)
    return 2


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line with ``argv`` (default: ``sys.argv[1:]``); return the exit status."""
    parser = _build_parser()
    try:
        args = parser.parse_args(argv)
        output = _run(args)
    except _UsageError as exc:
        return _fail(str(exc))
    except DataFileError as exc:
        for problem in exc.problems:
            print(
                f"hubpartner: error: {exc.source}: {problem.where}: {problem.message}",
                file=sys.stderr,
            )
        return 2
    except MissingRateError as exc:
        return _fail(f"{exc} (on the command line: --rate {exc.currency}=AMOUNT)")
    except HubPartnerError as exc:
        return _fail(str(exc))
    print(output)
    return 0
