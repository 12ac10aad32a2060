"""The ``hubpartner`` command: the library's calculators on the command line.

Bad input is reported on standard error, one line per problem, with exit
status 2 and never a traceback; nothing else exits non-zero. This is the only
module that reads the clock (the default ``--date`` is today) and the only one
that prints.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import NoReturn

import attrs

from . import clients, engagement, points, rules, surveys, tiers
from .decimals import RoundingPolicy, divide, to_decimal
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


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("hubpartner")
    except PackageNotFoundError:  # a vendored copy has no distribution metadata
        return "(vendored)"


def _build_parser() -> _Parser:
    parser = _Parser(
        prog="hubpartner",
        description="HubSpot Solutions Partner Program calculators.",
    )
    parser.add_argument("--version", action="version", version=f"hubpartner {_version()}")
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

    survey_parser = commands.add_parser("surveys", help="NPS, CES and CSAT scores from a CSV")
    survey_kinds = survey_parser.add_subparsers(dest="action", required=True, parser_class=_Parser)
    for kind, title in (
        ("nps", "Net Promoter Score"),
        ("ces", "Customer Effort Score"),
        (
            "csat",
            "customer satisfaction",
        ),
    ):
        sub = survey_kinds.add_parser(kind, help=f"{title} by period and segment")
        sub.add_argument("file", help="a CSV file with columns at and score (and respondent)")
        sub.add_argument(
            "--by",
            choices=["month", "quarter", "all"],
            default="all",
            help="group by calendar month or quarter (default: all answers together)",
        )
        sub.add_argument("--segment", metavar="COLUMN", help="also group by this column")
        sub.add_argument(
            "--latest-per-respondent",
            action="store_true",
            help="count only each respondent's latest answer in each group",
        )
        sub.add_argument(
            "--confidence", type=_confidence, default=0.95, help="interval level (default 0.95)"
        )
        sub.add_argument(
            "--min-count",
            type=_non_negative,
            default=0,
            metavar="N",
            help="flag groups with fewer than N answers",
        )
        sub.add_argument(
            "--exclude-missing",
            action="store_true",
            help="leave out rows with no score (they are listed) instead of failing",
        )
        if kind == "nps":
            sub.add_argument(
                "--method",
                choices=["adjusted-wald", "wald"],
                default="adjusted-wald",
                help="interval method (default adjusted-wald)",
            )
        if kind == "ces":
            sub.add_argument(
                "--scale",
                choices=sorted(_CES_SCALES),
                default="7-agree",
                help="HubSpot's 1-7 agree scale (default) or a 1-5 effort scale",
            )
        sub.add_argument("--json", action="store_true", help="print one JSON object")

    clients_parser = commands.add_parser("clients", help="the client table and renewal alerts")
    clients_parser.add_argument("file", help="a portfolio CSV, one row per client product")
    clients_parser.add_argument(
        "--as-of", type=_date, help="the day the alerts count from (default: today)"
    )
    clients_parser.add_argument(
        "--renewals-within",
        type=_non_negative,
        default=30,
        metavar="DAYS",
        help="alert on renewals due within this many days (default 30)",
    )
    clients_parser.add_argument(
        "--band", choices=["low", "medium", "high"], help="only clients in this engagement band"
    )
    clients_parser.add_argument("--json", action="store_true", help="print one JSON object")

    engagement_parser = commands.add_parser(
        "engagement", help="engagement bands, median tool usage and opportunities"
    )
    engagement_parser.add_argument("file", help="a portfolio CSV, one row per client product")
    engagement_parser.add_argument("--json", action="store_true", help="print one JSON object")

    tiers_parser = commands.add_parser("tiers", help="partner tiers: evaluation and history")
    tier_commands = tiers_parser.add_subparsers(dest="action", required=True, parser_class=_Parser)
    ev = tier_commands.add_parser("evaluate", help="the tier met, progress per track and insights")
    ev.add_argument("--thresholds", required=True, metavar="FILE", help="your thresholds TOML")
    source = ev.add_mutually_exclusive_group(required=True)
    source.add_argument("--points-file", metavar="CSV", help="a points ledger CSV")
    source.add_argument("--sold", type=_points_arg, metavar="N", help="sourced points held")
    ev.add_argument("--assisted", type=_points_arg, metavar="N", help="assisted points held")
    ev.add_argument("--managed", type=_points_arg, metavar="N", help="managed points held")
    certification = ev.add_mutually_exclusive_group()
    certification.add_argument(
        "--certified",
        dest="certified",
        action="store_true",
        default=True,
        help="a valid Solutions Partner certification is held (the default)",
    )
    certification.add_argument(
        "--not-certified",
        dest="certified",
        action="store_false",
        help="no valid Solutions Partner certification: no tier",
    )
    ev.add_argument(
        "--activities",
        type=_non_negative,
        metavar="N",
        help="qualifying activities in the thresholds' period",
    )
    ev.add_argument("--as-of", type=_date, help="the day (default: today)")
    ev.add_argument("--json", action="store_true", help="print one JSON object")
    hist = tier_commands.add_parser("history", help="the credited tier month by month")
    hist.add_argument("file", help="a CSV: month, sourced, assisted, managed, certified")
    hist.add_argument("--thresholds", required=True, metavar="FILE", help="your thresholds TOML")
    hist.add_argument(
        "--credited",
        choices=[t.value for t in tiers.Tier],
        help="the tier credited before the first month",
    )
    hist.add_argument("--json", action="store_true", help="print one JSON object")

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


_CES_SCALES = {"7-agree": surveys.CES_7, "5-effort": surveys.CES_5_EFFORT}


def _confidence(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if not 0 < value < 1:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a confidence level; expected a number between 0 and 1, such as 0.95"
        )
    return value


def _non_negative(text: str) -> int:
    if not text.isdigit():
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number of 0 or more")
    return int(text)


def _signed(value: Decimal) -> str:
    return f"{value:+f}" if value != 0 else "0"


def _survey_json(args: argparse.Namespace, found: surveys.Group) -> dict[str, object]:
    tally = found.tally
    row: dict[str, object] = {
        "period": found.period.label if found.period else "all",
        "start": found.period.start.isoformat() if found.period else None,
        "end": found.period.end.isoformat() if found.period else None,
        "segment": found.segment,
        "answers": tally.n,
        "below_minimum": found.below_minimum,
    }
    if isinstance(tally, surveys.NpsTally):
        low, high = tally.interval(args.confidence, args.method)
        row |= {
            "score": _decimal(tally.rounded()),
            "exact_score": str(tally.score),
            "interval": [round(low, 1), round(high, 1)],
            "promoters": tally.promoters,
            "passives": tally.passives,
            "detractors": tally.detractors,
        }
    elif isinstance(tally, surveys.CesTally):
        row |= {
            "score": _decimal(tally.rounded()),
            "exact_score": str(tally.score),
            "agree_percent": _decimal(RoundingPolicy(1, "half-up").apply(100 * tally.agree_share)),
            "counts": dict(
                zip(range(tally.scale.low, tally.scale.high + 1), tally.counts, strict=True)
            ),
        }
    else:
        assert isinstance(tally, surveys.CsatTally)
        low, high = tally.interval(args.confidence)
        row |= {
            "score": _decimal(tally.rounded()),
            "exact_score": str(tally.score),
            "interval": [round(low, 1), round(high, 1)],
            "mean": _decimal(RoundingPolicy(2, "half-up").apply(tally.mean)),
            "counts": dict(
                zip(range(tally.scale.low, tally.scale.high + 1), tally.counts, strict=True)
            ),
        }
    return row


def _surveys(args: argparse.Namespace) -> str:
    kind = surveys.SurveyKind(args.action)
    scale = _CES_SCALES[args.scale] if kind is surveys.SurveyKind.CES else None
    read = surveys.read_responses(
        args.file,
        kind=kind,
        scale=scale,
        segment_column=args.segment,
        missing="exclude" if args.exclude_missing else "error",
    )
    groups = surveys.group(
        read.responses,
        kind=kind,
        by=args.by,
        by_segment=args.segment is not None,
        latest_per_respondent=args.latest_per_respondent,
        min_count=args.min_count,
        scale=scale,
    )
    if args.json:
        rows = [_survey_json(args, found) for found in groups]
        method = getattr(args, "method", None)
        return json.dumps(
            {
                "kind": args.action,
                "file": args.file,
                "responses": len(read.responses),
                "confidence": args.confidence,
                "method": method
                if kind is surveys.SurveyKind.NPS
                else ("wilson" if kind is surveys.SurveyKind.CSAT else None),
                "groups": rows,
                "excluded_lines": list(read.excluded_lines),
            },
            indent=2,
        )
    return _survey_table(kind, args, groups, read)


def _survey_cells(args: argparse.Namespace, found: surveys.Group) -> list[str]:
    tally = found.tally
    cells = [found.period.label if found.period else "all", found.segment or "-", str(tally.n)]
    if isinstance(tally, surveys.NpsTally):
        low, high = tally.interval(args.confidence, args.method)
        cells += [_signed(tally.rounded()), f"{low:+.1f} to {high:+.1f}"]
    elif isinstance(tally, surveys.CesTally):
        agree = RoundingPolicy(1, "half-up").apply(100 * tally.agree_share)
        cells += [_decimal(tally.rounded()), _decimal(agree)]
    else:
        assert isinstance(tally, surveys.CsatTally)
        low, high = tally.interval(args.confidence)
        mean = RoundingPolicy(2, "half-up").apply(tally.mean)
        cells += [_decimal(tally.rounded()), f"{low:.1f} to {high:.1f}", _decimal(mean)]
    if found.below_minimum:
        cells.append(f"fewer than {args.min_count} answers")
    return cells


def _survey_table(
    kind: surveys.SurveyKind,
    args: argparse.Namespace,
    groups: tuple[surveys.Group, ...],
    read: surveys.ResponsesFile,
) -> str:
    level = f"{args.confidence * 100:g}%"
    responses = len(read.responses)
    if kind is surveys.SurveyKind.NPS:
        title = f"NPS of {args.file}: {responses} responses; {level} {args.method} intervals"
        header = ["period", "segment", "answers", "NPS", "interval"]
    elif kind is surveys.SurveyKind.CES:
        title = f"CES of {args.file}: {responses} responses on the {args.scale} scale"
        header = ["period", "segment", "answers", "CES", "agree %"]
    else:
        title = f"CSAT of {args.file}: {responses} responses; {level} Wilson intervals"
        header = ["period", "segment", "answers", "CSAT %", "interval", "mean"]
    table = [header, *(_survey_cells(args, found) for found in groups)]
    widths = [max(len(row[i]) for row in table) for i in range(len(header))]
    lines = [title]
    for row in table:
        padded = [
            cell.ljust(width) if column < 2 else cell.rjust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        lines.append("  " + "  ".join(padded + row[len(widths) :]).rstrip())
    if not groups:
        lines.append("  no answers")
    if read.excluded_lines:
        lines.append("excluded (no score): lines " + ", ".join(map(str, read.excluded_lines)))
    return "\n".join(lines)


def _money_text(money: Money | None) -> str:
    return "-" if money is None else str(money.quantized())


def _clients(args: argparse.Namespace) -> str:
    portfolio = clients.read_portfolio(args.file)
    today = args.as_of or date.today()
    band = None if args.band is None else engagement.Band(args.band)
    table = clients.client_table(portfolio, band=band, rules=rules.for_date(today))
    alerts = clients.renewal_alerts(portfolio, as_of=today, within_days=args.renewals_within)
    if args.json:
        return json.dumps(
            {
                "as_of": today.isoformat(),
                "renewals_within_days": args.renewals_within,
                "alerts": [
                    {
                        "client": a.client,
                        "name": a.name,
                        "renewal": a.on.isoformat(),
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
                        "relationship": row.relationship.value,
                        "mrr": None if row.mrr is None else _decimal(row.mrr.amount),
                        "currency": None if row.mrr is None else row.mrr.currency,
                        "engagement": row.engagement,
                        "band": row.band.value,
                        "renewal": None if row.renewal is None else row.renewal.isoformat(),
                    }
                    for row in table
                ],
            },
            indent=2,
        )
    noun = "decision" if len(alerts) == 1 else "decisions"
    lines = [f"Alerts: {len(alerts)} upcoming renewal {noun} within {args.renewals_within} days"]
    lines += [
        f"  {a.on.isoformat()}  in {a.days_left:>3} days  {a.name} ({a.client}), "
        f"owner {a.communication_owner}, HubSpot {a.hubspot_manager}"
        for a in alerts
    ]
    header = ["client", "name", "products", "relationship", "MRR", "engagement", "renewal"]
    cells = [
        [
            row.client,
            row.name,
            ", ".join(row.products),
            row.relationship.value,
            _money_text(row.mrr),
            f"{row.engagement} {row.band.value}",
            "-" if row.renewal is None else row.renewal.isoformat(),
        ]
        for row in table
    ]
    lines.append(f"Clients ({len(table)}), by MRR:")
    lines += _table(header, cells, right={4})
    return "\n".join(lines)


def _table(header: list[str], rows: list[list[str]], *, right: set[int]) -> list[str]:
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    return [
        "  "
        + "  ".join(
            cell.rjust(width) if column in right else cell.ljust(width)
            for column, (cell, width) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in [header, *rows]
    ]


def _engagement(args: argparse.Namespace) -> str:
    portfolio = clients.read_portfolio(args.file)
    model = engagement.default_model()
    assessed = engagement.assess(
        (c.id, c.company.name, attrs.evolve(c.usage, subscriptions=c.subscriptions))
        for c in portfolio.clients
    )
    groups = engagement.by_band(assessed)
    median = engagement.median_tool_usage(item.usage for item in assessed) if assessed else None
    offers: dict[str, list[str]] = {}
    for item in assessed:
        for opportunity in item.opportunities:
            offers.setdefault(f"{opportunity.kind.value} {opportunity.offer}", []).append(
                item.client
            )
    if args.json:
        return json.dumps(
            {
                "model": model.name,
                "bands": {
                    band.value: [
                        {"client": i.client, "name": i.name, "score": i.score} for i in items
                    ]
                    for band, items in groups.items()
                },
                "median_tool_usage": None if median is None else str(median),
                "opportunities": offers,
            },
            indent=2,
        )
    lines = [f"Platform Engagement Index of {len(assessed)} clients ({model.name})"]
    for band, items in groups.items():
        first, last = getattr(model.bands, band.value)
        names = ", ".join(f"{i.name} {i.score}" for i in items) or "-"
        lines.append(f"  {band.value:<6} {first}-{last}: {len(items)}  {names}")
    shown = (
        "-"
        if median is None
        else _decimal(divide(Decimal(median.numerator), Decimal(median.denominator)))
    )
    lines.append(f"Median tool usage: {shown} tools")
    lines.append("Opportunities in your client base:")
    lines += [f"  {offer}: {len(ids)} ({', '.join(ids)})" for offer, ids in sorted(offers.items())]
    return "\n".join(lines)


def _points_arg(text: str) -> Decimal:
    try:
        value = Decimal(text)
    except ArithmeticError:
        value = Decimal(-1)
    if not value.is_finite() or value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of points of 0 or more")
    return value


def _tier_name(tier: tiers.Tier | None) -> str:
    return "no tier" if tier is None else tier.value.capitalize()


def _optional(value: Decimal | None) -> str | None:
    return None if value is None else _decimal(value)


def _tiers_evaluate(args: argparse.Namespace) -> str:
    thresholds = tiers.load_thresholds(args.thresholds)
    today = args.as_of or date.today()
    chosen = rules.for_date(today)
    if args.points_file:
        ledger = tiers.read_ledger(
            args.points_file, lifetime_months=chosen.sold_points_lifetime_months
        )
        held = ledger.active(today)
    else:
        held = tiers.PointsHeld(args.sold, args.assisted or 0, args.managed or 0)
    options = {
        "thresholds": thresholds,
        "certified": args.certified,
        "rules": chosen,
        "activities": args.activities,
    }
    result = tiers.evaluate(held, **options)
    now = tiers.progress(held, **options)
    if args.json:
        return json.dumps(
            {
                "as_of": today.isoformat(),
                "certified": args.certified,
                "tier": None if result.tier is None else result.tier.value,
                "next": None if now.next is None else now.next.value,
                "points": {
                    "sourced": _decimal(held.sourced),
                    "assisted": _decimal(held.assisted),
                    "managed": _decimal(held.managed),
                    "total": _decimal(held.total),
                },
                "progress": [
                    {
                        "track": t.track,
                        "held": _decimal(t.held),
                        "next_required": _optional(t.next_required),
                        "gap": _optional(t.gap),
                        "keep_required": _optional(t.keep_required),
                    }
                    for t in now.tracks
                ],
                "unmet": {tier.value: list(reasons) for tier, reasons in result.unmet},
            },
            indent=2,
        )
    lines = [
        f"Tier on {today.isoformat()}: {_tier_name(result.tier)}"
        + ("" if args.certified else " (no valid Solutions Partner certification)"),
        f"Points: sourced {held.sourced:f}, assisted {held.assisted:f}, managed {held.managed:f}, "
        f"total {held.total:f}",
    ]
    header = [
        "track",
        "held",
        f"for {_tier_name(now.next)}",
        "gap",
        f"to keep {_tier_name(result.tier)}",
    ]
    cells = [
        [
            t.track,
            _decimal(t.held),
            _optional(t.next_required) or "-",
            _optional(t.gap) or "-",
            _optional(t.keep_required) or "-",
        ]
        for t in now.tracks
    ]
    lines.append("Progress:")
    lines += _table(header, cells, right={1, 2, 3, 4})
    if now.next is not None:
        lines.append(f"To reach {_tier_name(now.next)}: " + "; ".join(result.reasons(now.next)))
    return "\n".join(lines)


def _tiers_history(args: argparse.Namespace) -> str:
    thresholds = tiers.load_thresholds(args.thresholds)
    history = tiers.read_history(args.file)
    decisions = tiers.reevaluate(
        history,
        thresholds=thresholds,
        credited=None if args.credited is None else tiers.Tier(args.credited),
    )
    if args.json:
        return json.dumps(
            [
                {
                    "on": d.on.isoformat(),
                    "met": None if d.met is None else d.met.value,
                    "credited": None if d.credited is None else d.credited.value,
                    "change": d.change.value,
                    "reason": d.reason,
                }
                for d in decisions
            ],
            indent=2,
        )
    header = ["month", "met", "credited", "change", "reason"]
    cells = [
        [
            d.on.strftime("%Y-%m"),
            _tier_name(d.met),
            _tier_name(d.credited),
            d.change.value,
            d.reason,
        ]
        for d in decisions
    ]
    return "\n".join(_table(header, cells, right=set()))


def _run(args: argparse.Namespace) -> str:
    if args.command == "tiers":
        return _tiers_evaluate(args) if args.action == "evaluate" else _tiers_history(args)
    if args.command == "clients":
        return _clients(args)
    if args.command == "engagement":
        return _engagement(args)
    if args.command == "points":
        return _estimate(args) if args.action == "estimate" else _convert(args)
    if args.command == "surveys":
        return _surveys(args)
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
