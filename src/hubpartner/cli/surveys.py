"""``hubpartner surveys nps|ces|csat FILE``: survey scores by period and segment."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import Any, NamedTuple

from .._files import source_name
from ..decimals import Rounding, RoundingPolicy
from ..errors import Problem, ResponsesFileError, RowProblem
from ..surveys import (
    CES_5_EFFORT,
    CES_7,
    CesTally,
    CsatTally,
    Group,
    Interval,
    NpsTally,
    ResponsesFile,
    SurveyKind,
    group,
    read_responses,
)
from ..surveys.responses import missing_score
from ._options import add_file_format, add_json, confidence, file_format, input_file, non_negative
from ._output import json_text, table, text

_CES_SCALES = {"7-agree": CES_7, "5-effort": CES_5_EFFORT}
#: How the command shows statistics, half-up: NPS points, percentages and their intervals
#: to 1 place; the CES, its interval and the CSAT mean to 2. The JSON gives the same
#: decimals as strings.
_ONE_PLACE = RoundingPolicy(1, Rounding.HALF_UP)
_TWO_PLACES = RoundingPolicy(2, Rounding.HALF_UP)
#: The note under an NPS table whose intervals exclude a score they go with.
EXCLUDES_NOTE = (
    "* the interval excludes the score: adjusted-Wald intervals are centred on the score "
    "with 3/4 of a promoter and 3/4 of a detractor added, for honest coverage of few answers"
)
#: The problem of a row with no score, in the command's words.
MISSING_SCORE = "no 'score'; rows without one are an error unless --exclude-missing is given"
#: The note under a CES table with a group of one answer.
ONE_ANSWER_NOTE = "- a t interval needs at least 2 answers"


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
        sub.add_argument(
            "file",
            type=input_file,
            help="a CSV file with columns at and score (and respondent); - for stdin",
        )
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
        add_file_format(sub)
        add_json(sub)
        sub.set_defaults(run=scores)


def scores(args: argparse.Namespace) -> str:
    """The score of each group of a responses file."""
    kind = SurveyKind(args.action)
    scale = _CES_SCALES[args.scale] if kind is SurveyKind.CES else None
    try:
        read = read_responses(
            args.file,
            kind=kind,
            scale=scale,
            segment_column=args.segment,
            missing="exclude" if args.exclude_missing else "error",
            **file_format(args),
        )
    except ResponsesFileError as exc:
        raise ResponsesFileError(exc.source, [_in_option_words(p) for p in exc.problems]) from None
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
        method = {
            SurveyKind.NPS: getattr(args, "method", None),
            SurveyKind.CES: "student-t",
            SurveyKind.CSAT: "wilson",
        }
        return json_text(
            {
                "kind": args.action,
                "file": source_name(args.file),
                "responses": len(read.responses),
                "confidence": Decimal(repr(args.confidence)),
                "method": method[kind],
                **({"agree_method": "wilson"} if kind is SurveyKind.CES else {}),
                "groups": [_record(args, found) for found in groups],
                "excluded_lines": list(read.excluded_lines),
            }
        )
    return _table(kind, args, groups, read)


def _in_option_words(problem: Problem) -> Problem:
    """A problem of the file, with the remedy said as the option that gives it."""
    if isinstance(problem, RowProblem) and problem.message == missing_score("score"):
        return RowProblem(problem.line, MISSING_SCORE)
    return problem


def _shown(interval: Interval, policy: RoundingPolicy) -> tuple[Decimal, Decimal]:
    """An interval's bounds as shown: each float taken exactly and rounded by ``policy``."""
    return policy.apply(Decimal(interval.low)), policy.apply(Decimal(interval.high))


class _ShownNps(NamedTuple):
    """The NPS as shown, its interval as shown, and whether the one excludes the other."""

    score: Decimal
    low: Decimal
    high: Decimal
    excludes: bool


def _nps(tally: NpsTally, args: argparse.Namespace) -> _ShownNps:
    score = tally.rounded()
    low, high = _shown(tally.interval(args.confidence, args.method), _ONE_PLACE)
    return _ShownNps(score, low, high, not low <= score <= high)


def _ces_interval(tally: CesTally, args: argparse.Namespace) -> tuple[Decimal, Decimal] | None:
    """The CES interval as shown, or None for a group of one answer."""
    return _shown(tally.interval(args.confidence), _TWO_PLACES) if tally.n > 1 else None


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
        score, low, high, excludes = _nps(tally, args)
        row |= {
            "score": score,
            "exact_score": tally.score,
            "interval": [low, high],
            "interval_excludes_score": excludes,
            "promoters": tally.promoters,
            "passives": tally.passives,
            "detractors": tally.detractors,
        }
    elif isinstance(tally, CesTally):
        interval = _ces_interval(tally, args)
        row |= {
            "score": tally.rounded(),
            "exact_score": tally.score,
            "interval": None if interval is None else list(interval),
            "agree_percent": _ONE_PLACE.apply(100 * tally.agree_share),
            "agree_interval": list(_shown(tally.agree_interval(args.confidence), _ONE_PLACE)),
            "counts": _counts(tally),
        }
    else:
        assert isinstance(tally, CsatTally)
        row |= {
            "score": tally.rounded(),
            "exact_score": tally.score,
            "interval": list(_shown(tally.interval(args.confidence), _ONE_PLACE)),
            "mean": _TWO_PLACES.apply(tally.mean),
            "counts": _counts(tally),
        }
    return row


def _signed(value: Decimal) -> str:
    return f"{value:+f}" if value != 0 else "0"


def _span(low: Decimal, high: Decimal, *, signed: bool = False) -> str:
    show = _signed if signed else text
    return f"{show(low)} to {show(high)}"


def _cells(args: argparse.Namespace, found: Group) -> list[str]:
    tally = found.tally
    cells = [found.period.label if found.period else "all", found.segment or "-", str(tally.n)]
    if isinstance(tally, NpsTally):
        score, low, high, excludes = _nps(tally, args)
        cells += [_signed(score), _span(low, high, signed=True) + ("*" if excludes else "")]
    elif isinstance(tally, CesTally):
        interval = _ces_interval(tally, args)
        cells += [
            text(tally.rounded()),
            "-" if interval is None else _span(*interval),
            text(_ONE_PLACE.apply(100 * tally.agree_share)),
            _span(*_shown(tally.agree_interval(args.confidence), _ONE_PLACE)),
        ]
    else:
        assert isinstance(tally, CsatTally)
        cells += [
            text(tally.rounded()),
            _span(*_shown(tally.interval(args.confidence), _ONE_PLACE)),
            text(_TWO_PLACES.apply(tally.mean)),
        ]
    if found.below_minimum:
        cells.append(f"fewer than {args.min_count} answers")
    return cells


def _notes(kind: SurveyKind, args: argparse.Namespace, groups: tuple[Group, ...]) -> list[str]:
    """The lines under a table that explain what it shows."""
    if kind is SurveyKind.NPS:
        tallies = [g.tally for g in groups if isinstance(g.tally, NpsTally)]
        return [EXCLUDES_NOTE] if any(_nps(t, args).excludes for t in tallies) else []
    if kind is SurveyKind.CES:
        return [ONE_ANSWER_NOTE] if any(g.tally.n == 1 for g in groups) else []
    return []


def _table(
    kind: SurveyKind, args: argparse.Namespace, groups: tuple[Group, ...], read: ResponsesFile
) -> str:
    level = f"{args.confidence * 100:g}%"
    responses = len(read.responses)
    name = source_name(args.file)
    if kind is SurveyKind.NPS:
        title = f"NPS of {name}: {responses} responses; {level} {args.method} intervals"
        header = ["period", "segment", "answers", "NPS", "interval"]
    elif kind is SurveyKind.CES:
        title = (
            f"CES of {name}: {responses} responses on the {args.scale} scale; "
            f"{level} Student's t intervals (agree %: Wilson)"
        )
        header = ["period", "segment", "answers", "CES", "interval", "agree %", "interval"]
    else:
        title = f"CSAT of {name}: {responses} responses; {level} Wilson intervals"
        header = ["period", "segment", "answers", "CSAT %", "interval", "mean"]
    rows = [_cells(args, found) for found in groups]
    lines = [title, *table(rows, header=header, right=range(2, len(header)))]
    if not groups:
        lines.append("  no answers")
    lines += _notes(kind, args, groups)
    if read.excluded_lines:
        lines.append("excluded (no score): lines " + ", ".join(map(str, read.excluded_lines)))
    return "\n".join(lines)
