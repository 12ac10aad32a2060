"""``hubpartner surveys nps|ces|csat FILE``: survey scores by period and segment."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any

from ..decimals import Rounding, RoundingPolicy
from ..surveys import (
    CES_5_EFFORT,
    CES_7,
    CesTally,
    CsatTally,
    Group,
    NpsTally,
    ResponsesFile,
    SurveyKind,
    group,
    read_responses,
)
from ._options import add_json, confidence, non_negative
from ._output import json_text, table, text

_CES_SCALES = {"7-agree": CES_7, "5-effort": CES_5_EFFORT}
#: How the CLI shows shares and means: half-up to 1 place (agree %) and 2 (CSAT mean).
_ONE_PLACE = RoundingPolicy(1, Rounding.HALF_UP)
_TWO_PLACES = RoundingPolicy(2, Rounding.HALF_UP)


def add_parser(commands: Any) -> None:
    """Add ``surveys nps``, ``surveys ces`` and ``surveys csat`` to the command line."""
    parser = commands.add_parser("surveys", help="NPS, CES and CSAT scores from a CSV")
    kinds = parser.add_subparsers(dest="action", required=True, parser_class=type(parser))
    for kind, title in (
        ("nps", "Net Promoter Score"),
        ("ces", "Customer Effort Score"),
        ("csat", "customer satisfaction"),
    ):
        sub = kinds.add_parser(kind, help=f"{title} by period and segment")
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
            "--confidence", type=confidence, default=0.95, help="interval level (default 0.95)"
        )
        sub.add_argument(
            "--min-count",
            type=non_negative,
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
        add_json(sub)
        sub.set_defaults(run=scores)


def scores(args: argparse.Namespace) -> str:
    """The score of each group of a responses file."""
    kind = SurveyKind(args.action)
    scale = _CES_SCALES[args.scale] if kind is SurveyKind.CES else None
    read = read_responses(
        args.file,
        kind=kind,
        scale=scale,
        segment_column=args.segment,
        missing="exclude" if args.exclude_missing else "error",
    )
    groups = group(
        read.responses,
        kind=kind,
        by=args.by,
        by_segment=args.segment is not None,
        latest_per_respondent=args.latest_per_respondent,
        min_count=args.min_count,
        scale=scale,
    )
    if args.json:
        method = {SurveyKind.NPS: getattr(args, "method", None), SurveyKind.CSAT: "wilson"}
        return json_text(
            {
                "kind": args.action,
                "file": args.file,
                "responses": len(read.responses),
                "confidence": args.confidence,
                "method": method.get(kind),
                "groups": [_record(args, found) for found in groups],
                "excluded_lines": list(read.excluded_lines),
            }
        )
    return _table(kind, args, groups, read)


def _counts(tally: CesTally | CsatTally) -> dict[int, int]:
    answers = range(tally.scale.low, tally.scale.high + 1)
    return dict(zip(answers, tally.counts, strict=True))


def _record(args: argparse.Namespace, found: Group) -> dict[str, object]:
    tally = found.tally
    row: dict[str, object] = {
        "period": found.period.label if found.period else "all",
        "start": found.period.start if found.period else None,
        "end": found.period.end if found.period else None,
        "segment": found.segment,
        "answers": tally.n,
        "below_minimum": found.below_minimum,
    }
    if isinstance(tally, NpsTally):
        low, high = tally.interval(args.confidence, args.method)
        row |= {
            "score": tally.rounded(),
            "exact_score": tally.score,
            "interval": [round(low, 1), round(high, 1)],
            "promoters": tally.promoters,
            "passives": tally.passives,
            "detractors": tally.detractors,
        }
    elif isinstance(tally, CesTally):
        row |= {
            "score": tally.rounded(),
            "exact_score": tally.score,
            "agree_percent": _ONE_PLACE.apply(100 * tally.agree_share),
            "counts": _counts(tally),
        }
    else:
        assert isinstance(tally, CsatTally)
        low, high = tally.interval(args.confidence)
        row |= {
            "score": tally.rounded(),
            "exact_score": tally.score,
            "interval": [round(low, 1), round(high, 1)],
            "mean": _TWO_PLACES.apply(tally.mean),
            "counts": _counts(tally),
        }
    return row


def _signed(value: Decimal) -> str:
    return f"{value:+f}" if value != 0 else "0"


def _cells(args: argparse.Namespace, found: Group) -> list[str]:
    tally = found.tally
    cells = [found.period.label if found.period else "all", found.segment or "-", str(tally.n)]
    if isinstance(tally, NpsTally):
        low, high = tally.interval(args.confidence, args.method)
        cells += [_signed(tally.rounded()), f"{low:+.1f} to {high:+.1f}"]
    elif isinstance(tally, CesTally):
        cells += [text(tally.rounded()), text(_ONE_PLACE.apply(100 * tally.agree_share))]
    else:
        assert isinstance(tally, CsatTally)
        low, high = tally.interval(args.confidence)
        cells += [
            text(tally.rounded()),
            f"{low:.1f} to {high:.1f}",
            text(_TWO_PLACES.apply(tally.mean)),
        ]
    if found.below_minimum:
        cells.append(f"fewer than {args.min_count} answers")
    return cells


def _table(
    kind: SurveyKind, args: argparse.Namespace, groups: tuple[Group, ...], read: ResponsesFile
) -> str:
    level = f"{args.confidence * 100:g}%"
    responses = len(read.responses)
    if kind is SurveyKind.NPS:
        title = f"NPS of {args.file}: {responses} responses; {level} {args.method} intervals"
        header = ["period", "segment", "answers", "NPS", "interval"]
    elif kind is SurveyKind.CES:
        title = f"CES of {args.file}: {responses} responses on the {args.scale} scale"
        header = ["period", "segment", "answers", "CES", "agree %"]
    else:
        title = f"CSAT of {args.file}: {responses} responses; {level} Wilson intervals"
        header = ["period", "segment", "answers", "CSAT %", "interval", "mean"]
    rows = [_cells(args, found) for found in groups]
    lines = [title, *table(rows, header=header, right=range(2, len(header)))]
    if not groups:
        lines.append("  no answers")
    if read.excluded_lines:
        lines.append("excluded (no score): lines " + ", ".join(map(str, read.excluded_lines)))
    return "\n".join(lines)
