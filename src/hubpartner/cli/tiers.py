"""``hubpartner tiers evaluate|history|check``: the tier met, progress, the credited tier
month by month, and a check of your thresholds file."""

from __future__ import annotations

import argparse
from datetime import date
from decimal import Decimal
from typing import Any

from dateutil.relativedelta import relativedelta

from .. import rules
from .._checks import share as checked_share
from .._files import source_name
from ..errors import (
    IncompleteHistoryError,
    InvalidValueError,
    RulesProblem,
    ThresholdsFileError,
)
from ..ledger import Ledger, PointsHeld, read_ledger
from ..messages import Message, joined, message
from ..present import Presenter
from ..rules import Track
from ..tiers import (
    Change,
    EliteStatus,
    Evaluation,
    Progress,
    Tier,
    TrackProgress,
    evaluate,
    load_thresholds,
    progress,
    read_history,
    reevaluate,
    tier_name,
)
from ._commands import command_help
from ._options import (
    InLocale,
    add_activities,
    add_certification,
    add_file_format,
    add_format,
    file_format,
    input_file,
    iso_date,
    non_negative,
    option_number,
    points,
    quoted,
)
from ._output import FileRefused, checked_file, csv_of, json_text, presenter_of, table, text
from .points import track_name

#: The point options of ``tiers evaluate``, by destination; ``--sold`` is the
#: deprecated name of ``--sourced``.
_POINT_OPTIONS = {
    "sourced": "--sourced",
    "sold": "--sold",
    "assisted": "--assisted",
    "managed": "--managed",
}
#: Keys only a rules file has: a thresholds file that holds them is one.
_RULES_KEYS = frozenset({"effective", "points_per_usd_100"})
# Translators: the placeholder of an option's value: a file
_FILE = message("FILE")
# Translators: the placeholder of an option's value: a day, YYYY-MM-DD
_DATE = message("DATE")
_THRESHOLDS_HELP = message("your thresholds TOML")


def _share(text: str, locale: str) -> Decimal:
    """A share from 0 to 1, such as 0.9, as ``locale`` or the plain form writes it,
    with at most the decimal places of a share."""
    number = option_number(text, locale)
    if number is None or not 0 <= number <= 1:
        raise argparse.ArgumentTypeError(
            message("{value} is not a share from 0 to 1, such as 0.9", value=quoted(text))
        )
    return checked_share(number, field="share")


#: A share option (``--customer-retention``, ``--dollar-retention``): :func:`_share`.
share = InLocale(_share)


def add_parser(commands: Any) -> None:
    """Add ``tiers evaluate``, ``tiers history`` and ``tiers check`` to the command line."""
    parser = commands.add_parser("tiers", help=command_help("tiers"))
    actions = parser.add_subparsers(dest="action", required=True)
    ev = actions.add_parser(
        "evaluate", help=message("the tier met, progress per track and insights")
    )
    ev.add_argument(
        "--thresholds",
        type=input_file,
        required=True,
        metavar=_FILE,
        help=_THRESHOLDS_HELP,
    )
    ev.add_argument(
        "--points-file",
        type=input_file,
        metavar="CSV",
        help=message("a points ledger CSV"),
    )
    sourced = ev.add_mutually_exclusive_group()
    sourced.add_argument(
        "--sourced",
        type=points,
        metavar="N",
        help=message("sourced points held (the sold minimum counts only these from 2025-07-15)"),
    )
    sourced.add_argument(
        "--sold", type=points, metavar="N", help=message("deprecated: the same as --sourced")
    )
    ev.add_argument("--assisted", type=points, metavar="N", help=message("assisted points held"))
    ev.add_argument("--managed", type=points, metavar="N", help=message("managed points held"))
    add_certification(ev)
    add_activities(ev)
    ev.add_argument("--invited", action="store_true", help=message("invited to Elite"))
    for option, what in (
        (
            "--customer-retention",
            message("customer retention, for Elite: a share such as 0.9 (default 0)"),
        ),
        (
            "--dollar-retention",
            message("customer dollar retention, for Elite: a share such as 0.9 (default 0)"),
        ),
    ):
        ev.add_argument(
            option,
            type=share,
            default=Decimal(0),
            # Translators: the placeholder of an option's value: a share from 0 to 1
            metavar=message("SHARE"),
            help=what,
        )
    ev.add_argument(
        "--certifications",
        type=non_negative,
        default=0,
        metavar="N",
        help=message("certifications across the team, for Elite (default 0)"),
    )
    ev.add_argument(
        "--as-of", type=iso_date, metavar=_DATE, help=message("the day (default: today)")
    )
    add_file_format(ev)
    add_format(ev)
    ev.set_defaults(run=evaluation, usage_error=ev.error)

    hist = actions.add_parser("history", help=message("the credited tier month by month"))
    hist.add_argument(
        "file",
        type=input_file,
        metavar=message("file"),
        help=message(
            "a CSV: month, sourced, assisted, managed, certified (and optionally "
            "activities, invited, customer_retention, dollar_retention, certifications)"
        ),
    )
    hist.add_argument(
        "--thresholds", type=input_file, required=True, metavar=_FILE, help=_THRESHOLDS_HELP
    )
    hist.add_argument(
        "--credited",
        choices=[t.value for t in Tier],
        help=message("the tier credited before the first month"),
    )
    hist.add_argument(
        "--earned-on",
        type=iso_date,
        metavar=_DATE,
        help=message(
            "the day the credited tier was earned (it is safe from a downgrade for the "
            "rules' retention months)"
        ),
    )
    hist.add_argument(
        "--partial-windows",
        action="store_true",
        help=message(
            "judge a re-evaluation window that starts before the file on the months it "
            "holds (default: an error)"
        ),
    )
    add_file_format(hist)
    add_format(hist)
    hist.set_defaults(run=history)

    chk = actions.add_parser("check", help=message("check a thresholds file"))
    chk.add_argument(
        "file",
        type=input_file,
        metavar=message("file"),
        help=message("a thresholds TOML file, or - to read stdin"),
    )
    add_format(chk)
    chk.set_defaults(run=check)


def _points_held(args: argparse.Namespace, today: date) -> PointsHeld:
    """The points of the command line: a ledger's on ``today``, or the point options
    (those not given are 0), never both."""
    given = [flag for dest, flag in _POINT_OPTIONS.items() if getattr(args, dest) is not None]
    if args.points_file is not None and given:
        args.usage_error(
            message(
                "{option} cannot be combined with --points-file: the file holds every point; "
                "give the file or the points, not both",
                option=given[0],
            )
        )
    if args.points_file is None and not given:
        args.usage_error(
            message("give --points-file, or one or more of --sourced, --assisted and --managed")
        )
    if args.sold is not None:
        note = message(
            "hubpartner: note: --sold is deprecated: it gives sourced points, the ones the "
            "sold minimum counts from 2025-07-15; use --sourced"
        )
        from . import _say  # standard error as every message reaches it

        _say(presenter_of(args).text(note))
    if args.points_file is None:  # each option checked as PointsHeld checks points
        sourced = args.sold if args.sold is not None else args.sourced
        return PointsHeld(sourced or 0, args.assisted or 0, args.managed or 0)
    ledger = read_ledger(args.points_file, **file_format(args))
    held = ledger.active(today)
    if args.as_of is None and held.total == 0:
        _nothing_active(ledger, source_name(args.points_file), today)
    return held


def _nothing_active(ledger: Ledger, source: str, today: date) -> None:
    """Refuse today for a ledger with no point active today because every point
    expired before it, or counts only after it; a ledger with a gap today passes."""
    # the days the points stop counting: a deal's expiry, the end of a managed month
    ends = [ledger.expires(deal) for deal in ledger.deals]
    ends += [entry.month + relativedelta(months=1) for entry in ledger.managed]
    if not ends:
        problem = message("{source} holds no points", source=source)
    elif today >= max(ends):
        latest: list[Message] = []
        if ledger.deals:
            latest.append(
                message(
                    "the latest deal is from {day}",
                    day=max(d.on for d in ledger.deals).isoformat(),
                )
            )
        if ledger.managed:
            latest.append(
                message(
                    "the latest managed month {month}",
                    month=f"{max(m.month for m in ledger.managed):%Y-%m}",
                )
            )
        problem = message(
            "all points in {source} expired by {day}; {latest}",
            source=source,
            day=max(ends).isoformat(),
            latest=latest[0]
            if len(latest) == 1
            else message("{first} and {second}", first=latest[0], second=latest[1]),
        )
    else:
        first = min([d.on for d in ledger.deals] + [m.month for m in ledger.managed])
        if today >= first:
            return
        problem = message(
            "the first point in {source} counts from {day}", source=source, day=first.isoformat()
        )
    raise InvalidValueError(
        "--as-of (default: today)",
        today.isoformat(),
        message(
            "a day on which points are active: {problem}; pass --as-of with such a day",
            problem=problem,
        ),
    )


def _progress_cells(track: TrackProgress) -> list[object]:
    """A track's progress as CSV cells: the track, and its points."""
    return [track.track, track.held, track.next_required, track.gap, track.keep_required]


def evaluation(args: argparse.Namespace) -> str:
    """The tier met on a day, the progress per track and what the next tier needs."""
    thresholds = load_thresholds(args.thresholds)
    today = args.as_of or date.today()
    chosen = rules.for_date(today)
    held = _points_held(args, today)
    elite = EliteStatus(
        args.invited, args.customer_retention, args.dollar_retention, args.certifications
    )
    options = {
        "thresholds": thresholds,
        "certified": args.certified,
        "rules": chosen,
        "activities": args.activities,
        "elite": elite,
    }
    result = evaluate(held, **options)
    now = progress(held, **options)
    if args.format == "csv":
        return csv_of(
            args,
            ["as_of", "tier", "next", "track", "held", "next_required", "gap", "keep_required"],
            [[today, result.tier, now.next, *_progress_cells(t)] for t in now.tracks],
        )
    if args.format == "json":
        return json_text(
            {
                "as_of": today,
                "certified": args.certified,
                "tier": result.tier,
                "next": now.next,
                "points": {
                    "sourced": held.sourced,
                    "assisted": held.assisted,
                    "managed": held.managed,
                    "total": held.total,
                },
                "sold_minimum_counts": [t for t in Track if t in chosen.sold_minimum_tracks],
                "activities": args.activities,
                "elite": {
                    "invited": elite.invited,
                    "customer_retention": elite.customer_retention,
                    "dollar_retention": elite.dollar_retention,
                    "certifications": elite.certifications,
                },
                "progress": [
                    {
                        "track": t.track,
                        "held": t.held,
                        "next_required": t.next_required,
                        "gap": t.gap,
                        "keep_required": t.keep_required,
                    }
                    for t in now.tracks
                ],
                "unmet": {tier.value: list(reasons) for tier, reasons in result.unmet},
            }
        )
    return "\n".join(
        evaluation_lines(
            result, now, held, today, certified=args.certified, say=presenter_of(args)
        )
    )


def evaluation_lines(
    result: Evaluation,
    now: Progress,
    held: PointsHeld,
    today: date,
    *,
    certified: bool,
    say: Presenter,
) -> list[str]:
    """The lines of a tier evaluation for people: the tier, the points, the progress
    table and what the next tier needs (``tiers evaluate`` and ``report`` show them)."""
    tier = tier_text(result.tier)
    headline = (
        message("Tier on {day}: {tier}", day=today, tier=tier)
        if certified
        else message(
            "Tier on {day}: {tier} (no valid Solutions Partner certification)",
            day=today,
            tier=tier,
        )
    )
    header = [
        # Translators: a column header: the track (sourced, assisted, managed)
        message("track"),
        # Translators: a column header: the points held on the track
        message("held"),
        # Translators: a column header: the points the next tier {tier} needs
        message("for {tier}", tier=tier_text(now.next)),
        # Translators: a column header: the points still missing
        message("gap"),
        # Translators: a column header: the points needed to keep the tier {tier}
        message("to keep {tier}", tier=tier),
    ]
    cells = [
        [
            say.text(track_name(t.track)),
            text(t.held, say),
            text(t.next_required, say),
            text(t.gap, say),
            text(t.keep_required, say),
        ]
        for t in now.tracks
    ]
    lines = [say.text(headline), say.text(held_line(held, say)), say.text(message("Progress:"))]
    lines += table(cells, header=[say.text(cell) for cell in header], right={1, 2, 3, 4})
    if now.next is not None:
        reach = message(
            "To reach {tier}: {reasons}",
            tier=tier_text(now.next),
            reasons=joined(result.reasons(now.next), "; "),
        )
        lines.append(say.text(reach))
    return lines


def held_line(held: PointsHeld, say: Presenter) -> Message:
    """The points held on each track and in all, for people."""
    return message(
        "Points: sourced {sourced}, assisted {assisted}, managed {managed}, total {total}",
        sourced=text(held.sourced, say),
        assisted=text(held.assisted, say),
        managed=text(held.managed, say),
        total=text(held.total, say),
    )


def _change(change: Change) -> Message:
    """How the credited tier changed, for people."""
    # Translators: the credited tier went up
    upgrade = message("upgrade")
    # Translators: the credited tier went down
    downgrade = message("downgrade")
    # Translators: the credited tier was kept although not met (it is protected)
    kept = message("kept")
    # Translators: the credited tier did not change
    unchanged = message("no change")
    changes = {
        Change.UPGRADE: upgrade,
        Change.DOWNGRADE: downgrade,
        Change.KEPT: kept,
        Change.NONE: unchanged,
    }
    return changes[change]


def tier_text(tier: Tier | None) -> str:
    """A tier as the dashboard names it (the names are HubSpot's, in every language),
    or "no tier"."""
    return message("no tier") if tier is None else tier_name(tier)


def history(args: argparse.Namespace) -> str:
    """The credited tier month by month through a history, with each decision's reason."""
    thresholds = load_thresholds(args.thresholds)
    records = read_history(args.file, **file_format(args))
    before = None if args.credited is None else Tier(args.credited)
    try:
        decisions = reevaluate(
            records,
            thresholds=thresholds,
            credited=before,
            earned_on=args.earned_on,
            partial_windows=args.partial_windows,
        )
    except IncompleteHistoryError as exc:
        if exc.months[-1] < min(r.month for r in records):  # a window before the file
            raise IncompleteHistoryError(
                exc.months,
                exc.problem,
                message(
                    "a record for every month of the window, or --partial-windows to judge it "
                    "on the months the file holds"
                ),
            ) from None
        raise
    if args.format == "csv":
        return csv_of(
            args,
            ["on", "met", "credited", "change", "reason"],
            [[d.on, d.met, d.credited, d.change, d.reason] for d in decisions],
        )
    if args.format == "json":
        return json_text(
            {
                "file": source_name(args.file),
                "credited_before": before,
                "decisions": [
                    {
                        "on": d.on,
                        "met": d.met,
                        "credited": d.credited,
                        "change": d.change,
                        "reason": d.reason,
                    }
                    for d in decisions
                ],
                "credited": decisions[-1].credited if decisions else before,
            }
        )
    say = presenter_of(args)
    header = [
        # Translators: a column header: the month of a tier decision
        message("month"),
        # Translators: a column header: the tier met that month
        message("met"),
        # Translators: a column header: the tier credited that month
        message("credited"),
        # Translators: a column header: how the credited tier changed
        message("change"),
        # Translators: a column header: why
        message("reason"),
    ]
    cells = [
        [
            say.month(d.on),
            say.text(tier_text(d.met)),
            say.text(tier_text(d.credited)),
            say.text(_change(d.change)),
            say.text(d.reason),
        ]
        for d in decisions
    ]
    return "\n".join(table(cells, header=[say.text(cell) for cell in header]))


def check(args: argparse.Namespace) -> str:
    """Whether a thresholds file reads; its problems are reported as errors, one per
    line (and a rules file is pointed to ``rules check``)."""
    try:
        checked = load_thresholds(args.file)
    except ThresholdsFileError as exc:
        refused = exc
        if _RULES_KEYS & {problem.where for problem in exc.problems}:
            hint = RulesProblem(
                "(document)",
                message(
                    "this looks like a rules file; check it with: hubpartner rules check {name}",
                    name=source_name(args.file),
                ),
            )
            refused = ThresholdsFileError(exc.source, [hint, *exc.problems])
        if args.format == "table":
            raise refused from None
        raise FileRefused(checked_file(args, refused), refused) from None
    if args.format != "table":
        tiers = [r.tier for r in checked.requirements]
        return checked_file(args, None, tiers=tiers)
    names = [tier_name(r.tier) for r in checked.requirements]
    said = (
        message("{name}: ok, thresholds for {tier}", name=source_name(args.file), tier=names[0])
        if len(names) == 1
        else message(
            "{name}: ok, thresholds for {tiers} and {last}",
            name=source_name(args.file),
            tiers=", ".join(names[:-1]),
            last=names[-1],
        )
    )
    return presenter_of(args).text(said)
