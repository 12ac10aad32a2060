"""``hubpartner tiers evaluate|history``: the tier met, progress, and the credited tier
month by month."""

from __future__ import annotations

import argparse
from datetime import date
from typing import Any

from .. import rules
from ..ledger import PointsHeld, read_ledger
from ..tiers import (
    Tier,
    evaluate,
    load_thresholds,
    progress,
    read_history,
    reevaluate,
    tier_name,
)
from ._options import add_json, iso_date, non_negative, points
from ._output import json_text, table, text


def add_parser(commands: Any) -> None:
    """Add ``tiers evaluate`` and ``tiers history`` to the command line."""
    parser = commands.add_parser("tiers", help="partner tiers: evaluation and history")
    actions = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    ev = actions.add_parser("evaluate", help="the tier met, progress per track and insights")
    ev.add_argument("--thresholds", required=True, metavar="FILE", help="your thresholds TOML")
    source = ev.add_mutually_exclusive_group(required=True)
    source.add_argument("--points-file", metavar="CSV", help="a points ledger CSV")
    source.add_argument("--sold", type=points, metavar="N", help="sourced points held")
    ev.add_argument("--assisted", type=points, metavar="N", help="assisted points held")
    ev.add_argument("--managed", type=points, metavar="N", help="managed points held")
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
        type=non_negative,
        metavar="N",
        help="qualifying activities in the thresholds' period",
    )
    ev.add_argument("--as-of", type=iso_date, help="the day (default: today)")
    add_json(ev)
    ev.set_defaults(run=evaluation)

    hist = actions.add_parser("history", help="the credited tier month by month")
    hist.add_argument("file", help="a CSV: month, sourced, assisted, managed, certified")
    hist.add_argument("--thresholds", required=True, metavar="FILE", help="your thresholds TOML")
    hist.add_argument(
        "--credited",
        choices=[t.value for t in Tier],
        help="the tier credited before the first month",
    )
    add_json(hist)
    hist.set_defaults(run=history)


def evaluation(args: argparse.Namespace) -> str:
    """The tier met on a day, the progress per track and what the next tier needs."""
    thresholds = load_thresholds(args.thresholds)
    today = args.as_of or date.today()
    chosen = rules.for_date(today)
    if args.points_file:
        held = read_ledger(args.points_file).active(today)
    else:
        held = PointsHeld(args.sold, args.assisted or 0, args.managed or 0)
    options = {
        "thresholds": thresholds,
        "certified": args.certified,
        "rules": chosen,
        "activities": args.activities,
    }
    result = evaluate(held, **options)
    now = progress(held, **options)
    if args.json:
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
    lines = [
        f"Tier on {today.isoformat()}: {tier_name(result.tier)}"
        + ("" if args.certified else " (no valid Solutions Partner certification)"),
        f"Points: sourced {held.sourced:f}, assisted {held.assisted:f}, managed {held.managed:f}, "
        f"total {held.total:f}",
    ]
    header = [
        "track",
        "held",
        f"for {tier_name(now.next)}",
        "gap",
        f"to keep {tier_name(result.tier)}",
    ]
    cells = [
        [t.track, text(t.held), text(t.next_required), text(t.gap), text(t.keep_required)]
        for t in now.tracks
    ]
    lines.append("Progress:")
    lines += table(cells, header=header, right={1, 2, 3, 4})
    if now.next is not None:
        lines.append(f"To reach {tier_name(now.next)}: " + "; ".join(result.reasons(now.next)))
    return "\n".join(lines)


def history(args: argparse.Namespace) -> str:
    """The credited tier month by month through a history, with each decision's reason."""
    thresholds = load_thresholds(args.thresholds)
    decisions = reevaluate(
        read_history(args.file),
        thresholds=thresholds,
        credited=None if args.credited is None else Tier(args.credited),
    )
    if args.json:
        return json_text(
            [
                {
                    "on": d.on,
                    "met": d.met,
                    "credited": d.credited,
                    "change": d.change,
                    "reason": d.reason,
                }
                for d in decisions
            ]
        )
    header = ["month", "met", "credited", "change", "reason"]
    cells = [
        [d.on.strftime("%Y-%m"), tier_name(d.met), tier_name(d.credited), d.change.value, d.reason]
        for d in decisions
    ]
    return "\n".join(table(cells, header=header))
