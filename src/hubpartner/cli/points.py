"""``hubpartner points estimate|convert``: the dashboard's points calculator.

Every value the user gives is checked in the user's words: a bad option is refused
naming the option (``--track managed``), never with the library's names for things
(``Track.MANAGED``, ``manage=False``), which stay in the library's own messages for
callers of the API.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from decimal import Decimal
from typing import Any, NoReturn

from .. import points
from .._checks import at_least_zero
from ..errors import MissingRateError, NoRulesInForceError
from ..messages import Message, message, plural
from ..money import Money
from ..present import Presenter
from ..rules import ProgramRules, Track
from ._commands import command_help
from ._options import (
    InLocale,
    add_format,
    add_rules,
    in_options,
    non_negative,
    option_number,
    quoted,
    selected_rules,
    track,
)
from ._options import currency as _currency  # a code, or a name in any language spoken
from ._options import market as _market  # a code, or a name in any language spoken
from ._options import points as points_option
from ._output import csv_of, json_text, presenter_of, table, text

# Translators: the placeholder of an option's value in the help: an amount of money
_AMOUNT = message("AMOUNT")
# Translators: the placeholder of an option's value in the help: a currency code
_CURRENCY = message("CURRENCY")
# Translators: the placeholder of an option's value in the help: a country (market) code
_MARKET = message("MARKET")
# Translators: the placeholder of an option's value in the help: sourced, assisted or managed
_TRACK = message("TRACK")
_CURRENCY_HELP = message("the client's currency, e.g. EUR")
_MARKET_HELP = message("the client's country, e.g. DE")


def _amount(text: str, locale: str) -> Decimal:
    """An amount of MRR of 0 or more, as ``locale`` or the plain form writes it,
    within the bounds of a number of points."""
    number = option_number(text, locale)
    if number is None or number < 0:
        raise argparse.ArgumentTypeError(
            message(
                "{value} is not an amount of 0 or more; expected digits such as 1000 or 62.50",
                value=quoted(text),
            )
        )
    return at_least_zero(number, field="--amount")


#: The ``--amount`` option: :func:`_amount`.
amount_option = InLocale(_amount)


def _sold_track(text: str) -> Track:
    """A track a sale earns points on: sourced or assisted."""
    chosen = track(text)
    if not chosen.is_sold:
        raise argparse.ArgumentTypeError(
            message(
                "{value} is not a sold track; expected sourced or assisted "
                "(managed points come with --manage)",
                value=quoted(text),
            )
        )
    return chosen


def add_parser(commands: Any) -> None:
    """Add ``points estimate`` and ``points convert`` to the command line."""
    parser = commands.add_parser("points", help=command_help("points"))
    actions = parser.add_subparsers(dest="action", required=True)

    est = actions.add_parser("estimate", help=message("the dashboard's points calculator"))
    est.add_argument(
        "--amount",
        type=amount_option,
        required=True,
        metavar=_AMOUNT,
        help=message("sold MRR in the client's currency"),
    )
    est.add_argument(
        "--currency", type=_currency, required=True, metavar=_CURRENCY, help=_CURRENCY_HELP
    )
    est.add_argument("--market", type=_market, required=True, metavar=_MARKET, help=_MARKET_HELP)
    est.add_argument(
        "--track",
        type=_sold_track,
        default=Track.SOURCED,
        metavar=_TRACK,
        help=message("sourced (default) or assisted"),
    )
    est.add_argument(
        "--manage", action="store_true", help=message("you will also manage the client")
    )
    est.add_argument(
        "--other-partners",
        type=non_negative,
        default=0,
        metavar="N",
        help=message("how many other partners will manage the client (with --manage)"),
    )
    add_rules(est)
    add_format(est)
    est.set_defaults(run=estimate, refuse=est.error)

    conv = actions.add_parser("convert", help=message("currency to points, or points to currency"))
    direction = conv.add_mutually_exclusive_group(required=True)
    direction.add_argument(
        "--amount",
        type=amount_option,
        metavar=_AMOUNT,
        help=message("convert this amount of MRR to points"),
    )
    direction.add_argument(
        "--points",
        type=points_option,
        metavar=message("POINTS"),
        help=message("convert this many points to MRR"),
    )
    conv.add_argument(
        "--currency", type=_currency, required=True, metavar=_CURRENCY, help=_CURRENCY_HELP
    )
    conv.add_argument("--market", type=_market, required=True, metavar=_MARKET, help=_MARKET_HELP)
    conv.add_argument(
        "--track",
        type=track,
        required=True,
        metavar=_TRACK,
        help=message("sourced, assisted or managed"),
    )
    add_rules(conv)
    add_format(conv)
    conv.set_defaults(run=convert, refuse=conv.error)


def _refuse(args: argparse.Namespace, said: Message) -> NoReturn:
    """Refuse the command line with ``said``, a usage error like argparse's own."""
    refuse: Callable[[Message], NoReturn] = args.refuse
    refuse(said)


def _rules(args: argparse.Namespace) -> ProgramRules:
    """The rule set the options chose, with each refusal in the options' words."""
    try:
        return selected_rules(args, args.refuse)
    except NoRulesInForceError as exc:
        _refuse(
            args,
            message(
                "--date {day} is before {earliest}, when the first points model took effect; "
                "give a later --date, or your own rules with --rules FILE",
                day=exc.on.isoformat(),
                earliest=exc.earliest.isoformat(),
            ),
        )


def _missing_rate(args: argparse.Namespace, exc: MissingRateError) -> NoReturn:
    _refuse(
        args,
        message(
            "--currency {currency} has no rate in the rules effective {effective} (listed: "
            "{listed}); add one with --rate {currency}=AMOUNT, the amount of {currency} "
            "treated as USD 100",
            currency=exc.currency,
            effective=exc.effective.isoformat(),
            listed=", ".join(exc.listed),
        ),
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


def _csv(
    args: argparse.Namespace,
    chosen: ProgramRules,
    amount: Money,
    shown: Decimal,
    *,
    exact_amount: Decimal | None = None,
    exact_points: Decimal | None = None,
) -> str:
    """A conversion as CSV: one row, with the exact value of the side computed."""
    return csv_of(
        args,
        [
            "rules_effective",
            "market",
            "track",
            "amount",
            "currency",
            "points",
            "exact_amount",
            "exact_points",
        ],
        [
            [
                chosen.effective,
                args.market,
                args.track,
                amount.amount,
                amount.currency,
                shown,
                exact_amount,
                exact_points,
            ]
        ],
    )


def _money(money: Money) -> dict[str, object]:
    return {"amount": money.amount, "currency": money.currency}


def _describe_market(code: str, chosen: ProgramRules, presenter: Presenter) -> Message:
    name = presenter.country(code)
    if chosen.is_growth_market(code):
        return message("{code} ({name}), growth market", code=code, name=name)
    return message("{code} ({name}), not a growth market", code=code, name=name)


def track_name(chosen: Track | str) -> str:
    """A track's name for people (a track, its value, or ``combined`` for every
    track together)."""
    # Translators: the track on which points are earned (a sale the partner sourced)
    sourced = message("sourced")
    # Translators: the track on which points are earned (a sale the partner assisted)
    assisted = message("assisted")
    # Translators: the track on which points are earned (a client the partner manages)
    managed = message("managed")
    # Translators: the points of every track together (a row of tier progress)
    combined = message("combined")
    names = {"sourced": sourced, "assisted": assisted, "managed": managed, "combined": combined}
    value = chosen.value if isinstance(chosen, Track) else chosen
    return names.get(value, value)


def estimate(args: argparse.Namespace) -> str:
    """The estimated sold, managed and total points of a sale."""
    if args.other_partners and not args.manage:
        _refuse(
            args,
            message(
                "--other-partners needs --manage: other partners share only the managed points"
            ),
        )
    chosen = _rules(args)
    amount = Money(args.amount, args.currency)
    partners = {"other_partners": ("--other-partners", args.other_partners)}
    try:
        with in_options(args.refuse, partners):
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
    if args.format == "csv":
        exact = {"sold": result.sold, "managed": result.managed, "total": result.total}
        return csv_of(
            args,
            ["part", "points", "exact_points"],
            [[part, shown[part], exact[part]] for part in shown],
        )
    if args.format == "json":
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
    say = presenter_of(args)
    if result.partners == 1:
        sharing = message("you alone")
    elif result.partners:
        sharing = plural(
            "shared by {count} partner", "shared by {count} partners", count=result.partners
        )
    else:
        sharing = message("not managed")
    rows = [
        # Translators: a row of the estimate: the points of the sale on {track}
        [
            say.text(message("sold ({track})", track=track_name(args.track))),
            text(shown["sold"], say),
        ],
        # Translators: a row of the estimate: the points for managing the client
        [say.text(message("managed")), text(shown["managed"], say), say.text(sharing)],
        # Translators: a row of the estimate: all the points
        [say.text(message("total")), text(shown["total"], say)],
    ]
    heading = message(
        "Points estimate for {amount} MRR, client in {market}",
        amount=say.money(amount),
        market=_describe_market(market, chosen, say),
    )
    ruled = message(
        "rules effective {effective}, points rounded {rounding}",
        effective=say.date(chosen.effective),
        rounding=chosen.rounding.name,
    )
    return "\n".join([say.text(heading), say.text(ruled), *table(rows, right={1})])


def convert(args: argparse.Namespace) -> str:
    """An amount of MRR in points, or points in MRR (the calculator's currency tab)."""
    chosen = _rules(args)
    given = {} if args.points is None else {"points": ("--points", args.points)}
    try:
        with in_options(args.refuse, given):
            if args.amount is not None:
                return _to_points(args, chosen, Money(args.amount, args.currency))
            return _to_money(args, chosen)
    except MissingRateError as exc:
        _missing_rate(args, exc)


def _to_points(args: argparse.Namespace, chosen: ProgramRules, amount: Money) -> str:
    market = args.market
    value = points.money_to_points(amount, track=args.track, market=market, rules=chosen)
    shown = points.present(value, rules=chosen)
    if args.format == "csv":
        return _csv(args, chosen, amount, shown, exact_points=value)
    if args.format == "json":
        return _json(
            chosen, market, args.track, **_money(amount), points=shown, exact_points=value
        )
    say = presenter_of(args)
    return say.text(
        # Translators: no word agrees with {points}, a decimal number of points (1.5,
        # 1, 0.25), which a plural form would not fit; {track} is sourced, assisted …
        message(
            "MRR: {amount}, client in {market}; {track} points: {points} (rules {effective})",
            amount=say.money(amount),
            market=_describe_market(market, chosen, say),
            track=track_name(args.track),
            points=text(shown, say),
            effective=say.date(chosen.effective),
        )
    )


def _to_money(args: argparse.Namespace, chosen: ProgramRules) -> str:
    market = args.market
    if chosen.rate(args.track) == 0:
        _refuse(
            args,
            message(
                "--track {track} earns no points under the rules effective {effective}, so no "
                "amount earns {points} of them",
                track=args.track.value,
                effective=chosen.effective.isoformat(),
                points=text(args.points),
            ),
        )
    money = points.points_to_money(
        args.points, currency=args.currency, track=args.track, market=market, rules=chosen
    )
    shown_money = money.quantized(chosen.rounding.mode)
    if args.format == "csv":
        return _csv(args, chosen, shown_money, args.points, exact_amount=money.amount)
    if args.format == "json":
        return _json(
            chosen,
            market,
            args.track,
            points=args.points,
            **_money(shown_money),
            exact_amount=money.amount,
        )
    say = presenter_of(args)
    return say.text(
        # Translators: no word agrees with {points}, a decimal number of points (1.5,
        # 1, 0.25), which a plural form would not fit; {track} is sourced, assisted …
        message(
            "{track} points: {points}, client in {market}; MRR: {amount} (rules {effective})",
            points=text(args.points, say),
            track=track_name(args.track),
            market=_describe_market(market, chosen, say),
            amount=say.money(shown_money),
            effective=say.date(chosen.effective),
        )
    )
