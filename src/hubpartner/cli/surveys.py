"""``hubpartner surveys nps|ces|csat FILE``: survey scores by period and segment."""

from __future__ import annotations

import argparse
from decimal import Decimal
from typing import TYPE_CHECKING, Any, NamedTuple

from .._files import source_name
from ..decimals import EXACT, Rounding, RoundingPolicy
from ..errors import ResponsesFileError, RowProblem
from ..messages import Message, joined, message, plural
from ..present import Presenter
from ..surveys import (
    CES_5_EFFORT,
    CES_7,
    CesTally,
    CsatTally,
    Group,
    Interval,
    NpsTally,
    SurveyKind,
)
from ..surveys.responses import TalliedFile, missing_score, tally_responses
from ..surveys.scales import NpsScale, Scale, scale_for
from ._commands import command_help
from ._options import (
    CONFIDENCE_PLACES,
    add_file_format,
    add_format,
    confidence,
    file_format,
    in_options,
    input_file,
    non_negative,
)
from ._output import csv_of, json_text, presenter_of, table, text

if TYPE_CHECKING:
    from ..errors import Problem

_CES_SCALES = {"7-agree": CES_7, "5-effort": CES_5_EFFORT}
#: How the command shows statistics, half-up: NPS points, percentages and their intervals
#: to 1 place; the CES, its interval and the CSAT mean to 2. The JSON gives the same
#: decimals as strings.
_ONE_PLACE = RoundingPolicy(1, Rounding.HALF_UP)
_TWO_PLACES = RoundingPolicy(2, Rounding.HALF_UP)
#: The note under an NPS table whose intervals exclude a score they go with.
EXCLUDES_NOTE = message(
    "* the interval excludes the score: adjusted-Wald intervals are centred on the score "
    "with 3/4 of a promoter and 3/4 of a detractor added, for honest coverage of few answers"
)
#: The problem of a row with no score, in the command's words.
MISSING_SCORE = message(
    "no 'score'; rows without one are an error unless --exclude-missing is given"
)
#: The note under a CES table with a group of one answer.
ONE_ANSWER_NOTE = message("- a t interval needs at least 2 answers")


def add_parser(commands: Any) -> None:
    """Add ``surveys nps``, ``surveys ces`` and ``surveys csat`` to the command line."""
    parser = commands.add_parser("surveys", help=command_help("surveys"))
    kinds = parser.add_subparsers(dest="action", required=True)
    for kind, title in (
        ("nps", message("Net Promoter Score by period and segment")),
        ("ces", message("Customer Effort Score by period and segment")),
        ("csat", message("customer satisfaction by period and segment")),
    ):
        sub = kinds.add_parser(kind, help=title)
        sub.add_argument(
            "file",
            type=input_file,
            metavar=message("file"),
            help=message("a CSV file with columns at and score (and respondent); - for stdin"),
        )
        sub.add_argument(
            "--by",
            choices=["month", "quarter", "all"],
            default="all",
            help=message("group by calendar month or quarter (default: all answers together)"),
        )
        sub.add_argument(
            "--segment",
            # Translators: the placeholder of an option's value: a column of the CSV file
            metavar=message("COLUMN"),
            help=message("also group by this column"),
        )
        sub.add_argument(
            "--latest-per-respondent",
            action="store_true",
            help=message("count only each respondent's latest answer in each group"),
        )
        sub.add_argument(
            "--confidence",
            type=confidence,
            default=0.95,
            # Translators: the placeholder of an option's value: a confidence level
            metavar=message("LEVEL"),
            help=message(
                "the intervals' confidence level, between 0 and 1 with at most {places} "
                "decimal places (default 0.95)",
                places=CONFIDENCE_PLACES,
            ),
        )
        sub.add_argument(
            "--min-count",
            type=non_negative,
            default=0,
            metavar="N",
            help=message("flag groups with fewer than N answers"),
        )
        sub.add_argument(
            "--exclude-missing",
            action="store_true",
            help=message("leave out rows with no score (they are listed) instead of failing"),
        )
        if kind == "nps":
            sub.add_argument(
                "--method",
                choices=["adjusted-wald", "wald"],
                default="adjusted-wald",
                help=message("interval method (default adjusted-wald)"),
            )
        if kind == "ces":
            sub.add_argument(
                "--scale",
                choices=sorted(_CES_SCALES),
                default="7-agree",
                help=message("HubSpot's 1-7 agree scale (default) or a 1-5 effort scale"),
            )
        add_file_format(sub)
        add_format(sub)
        sub.set_defaults(run=scores, usage_error=sub.error)


def scores(args: argparse.Namespace) -> str:
    """The score of each group of a responses file."""
    kind = SurveyKind(args.action)
    scale = _CES_SCALES[args.scale] if kind is SurveyKind.CES else None
    options = {"segment_column": ("--segment", args.segment)}
    try:
        with in_options(args.usage_error, options):
            read = tally_responses(
                args.file,
                kind=kind,
                scale=scale,
                by=args.by,
                latest_per_respondent=args.latest_per_respondent,
                min_count=args.min_count,
                segment_column=args.segment,
                missing="exclude" if args.exclude_missing else "error",
                **file_format(args),
            )
    except ResponsesFileError as exc:
        raise ResponsesFileError(exc.source, [_in_option_words(p) for p in exc.problems]) from None
    groups = read.groups
    if args.format == "csv":
        header = _csv_header(kind, scale)
        rows = [_flat(_record(args, found)) for found in groups]
        return csv_of(args, header, [[row[column] for column in header] for row in rows])
    if args.format == "json":
        method = {
            SurveyKind.NPS: getattr(args, "method", None),
            SurveyKind.CES: "student-t",
            SurveyKind.CSAT: "wilson",
        }
        return json_text(
            {
                "kind": args.action,
                "file": source_name(args.file),
                "responses": read.responses,
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
    return policy.apply(Decimal.from_float(interval.low)), policy.apply(
        Decimal.from_float(interval.high)
    )


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


def _flat(record: dict[str, object]) -> dict[str, object]:
    """A group's record as one CSV row: an interval as its ``_low`` and ``_high``
    columns, the counts of each answer as ``count_1`` …, the rest as it is (the exact
    score, a fraction such as ``100/3`` that a spreadsheet would read as a date, is
    left to the JSON)."""
    row: dict[str, object] = {}
    for key, value in record.items():
        if isinstance(value, dict):
            row |= {f"count_{answer}": count for answer, count in value.items()}
        elif key.endswith("interval"):
            bounds = [None, None] if value is None else list(value)  # type: ignore[call-overload]
            row |= {f"{key}_low": bounds[0], f"{key}_high": bounds[1]}
        else:
            row[key] = value
    return row


def _csv_header(kind: SurveyKind, scale: Scale | NpsScale | None) -> list[str]:
    """The columns of a scores table as CSV: the keys of :func:`_flat`'s rows."""
    common = ["period", "start", "end", "segment", "answers", "below_minimum", "score"]
    common += ["interval_low", "interval_high"]
    if kind is SurveyKind.NPS:
        return [*common, "interval_excludes_score", "promoters", "passives", "detractors"]
    answers = scale_for(kind, scale)
    counts = [f"count_{answer}" for answer in range(answers.low, answers.high + 1)]
    if kind is SurveyKind.CES:
        return [*common, "agree_percent", "agree_interval_low", "agree_interval_high", *counts]
    return [*common, "mean", *counts]


def _span(low: Decimal, high: Decimal, say: Presenter, *, signed: bool = False) -> str:
    # Translators: an interval in a table cell, from {low} to {high}
    return say.text(
        message(
            "{low} to {high}",
            low=text(low, say, signed=signed),
            high=text(high, say, signed=signed),
        )
    )


def _period(args: argparse.Namespace, found: Group, say: Presenter) -> str:
    """A group's period as people name it: a month, a quarter, or all answers."""
    if found.period is None:
        # Translators: the period of a group of answers: every answer, whenever given
        return say.text(message("all"))
    if args.by == "month":
        return say.month(found.period.start)
    return say.quarter(found.period.start)


def _cells(args: argparse.Namespace, found: Group, say: Presenter) -> list[str]:
    tally = found.tally
    cells = [_period(args, found, say), found.segment or "-", say.number(tally.n)]
    if isinstance(tally, NpsTally):
        score, low, high, excludes = _nps(tally, args)
        cells += [
            text(score, say, signed=True),
            _span(low, high, say, signed=True) + ("*" if excludes else ""),
        ]
    elif isinstance(tally, CesTally):
        interval = _ces_interval(tally, args)
        cells += [
            text(tally.rounded(), say),
            "-" if interval is None else _span(*interval, say),
            text(_ONE_PLACE.apply(100 * tally.agree_share), say),
            _span(*_shown(tally.agree_interval(args.confidence), _ONE_PLACE), say),
        ]
    else:
        assert isinstance(tally, CsatTally)
        cells += [
            text(tally.rounded(), say),
            _span(*_shown(tally.interval(args.confidence), _ONE_PLACE), say),
            text(_TWO_PLACES.apply(tally.mean), say),
        ]
    if found.below_minimum:
        cells.append(
            say.text(
                plural(
                    "fewer than {count} answer",
                    "fewer than {count} answers",
                    count=args.min_count,
                )
            )
        )
    return cells


def _notes(kind: SurveyKind, args: argparse.Namespace, groups: tuple[Group, ...]) -> list[Message]:
    """The lines under a table that explain what it shows."""
    if kind is SurveyKind.NPS:
        tallies = [g.tally for g in groups if isinstance(g.tally, NpsTally)]
        return [EXCLUDES_NOTE] if any(_nps(t, args).excludes for t in tallies) else []
    if kind is SurveyKind.CES:
        return [ONE_ANSWER_NOTE] if any(g.tally.n == 1 for g in groups) else []
    return []


def _title(
    kind: SurveyKind, args: argparse.Namespace, read: TalliedFile, say: Presenter
) -> Message:
    level = say.percent(Decimal(repr(args.confidence)), places=_places(args.confidence))
    count = read.responses
    name = source_name(args.file)
    if kind is SurveyKind.NPS:
        return plural(
            "NPS of {name}: {count} response; {level} {method} intervals",
            "NPS of {name}: {count} responses; {level} {method} intervals",
            count=count,
            name=name,
            level=level,
            method=args.method,
        )
    if kind is SurveyKind.CES:
        return plural(
            # Translators: {scale} is the scale's name, such as "CES 1-7 agree scale"
            "CES of {name}: {count} response on the {scale}; {level} Student's t "
            "intervals (agree %: Wilson)",
            "CES of {name}: {count} responses on the {scale}; {level} Student's t "
            "intervals (agree %: Wilson)",
            count=count,
            name=name,
            scale=_CES_SCALES[args.scale].name,
            level=level,
        )
    return plural(
        "CSAT of {name}: {count} response; {level} Wilson intervals",
        "CSAT of {name}: {count} responses; {level} Wilson intervals",
        count=count,
        name=name,
        level=level,
    )


def _places(level: float) -> int:
    """The decimals a confidence level needs as a percentage: 0 for 0.95, 1 for 0.995."""
    exponent = int(Decimal(repr(level)).normalize(EXACT).as_tuple().exponent)
    return max(0, -exponent - 2)


def _header(kind: SurveyKind) -> list[Message]:
    """The column headers of a scores table."""
    # Translators: a column header: the month or quarter of a group of answers
    period = message("period")
    # Translators: a column header: the segment (such as a region) of a group of answers
    segment = message("segment")
    # Translators: a column header: how many answers a group has
    answers = message("answers")
    # Translators: a column header: the confidence interval of a score
    interval = message("interval")
    if kind is SurveyKind.NPS:
        return [period, segment, answers, message("NPS"), interval]
    if kind is SurveyKind.CES:
        # Translators: a column header: the share of answers that agree, in percent
        agree = message("agree %")
        return [period, segment, answers, message("CES"), interval, agree, interval]
    # Translators: a column header: the mean of the satisfaction answers
    mean = message("mean")
    return [period, segment, answers, message("CSAT %"), interval, mean]


def _table(
    kind: SurveyKind, args: argparse.Namespace, groups: tuple[Group, ...], read: TalliedFile
) -> str:
    say = presenter_of(args)
    lines = [say.text(_title(kind, args, read, say)), *group_lines(kind, args, groups, say)]
    if read.excluded_lines:
        excluded = plural(
            "excluded (no score): line {lines}",
            "excluded (no score): lines {lines}",
            count=len(read.excluded_lines),
            lines=joined([say.number(line) for line in read.excluded_lines], ", "),
        )
        lines.append(say.text(excluded))
    return "\n".join(lines)


def group_lines(
    kind: SurveyKind, args: argparse.Namespace, groups: tuple[Group, ...], say: Presenter
) -> list[str]:
    """The table of the groups' scores and intervals for people, with the notes that
    explain it; ``args`` gives ``by``, ``confidence``, ``min_count`` and (for NPS)
    ``method`` (``surveys`` and ``report`` show it)."""
    header = [say.text(cell) for cell in _header(kind)]
    rows = [_cells(args, found, say) for found in groups]
    lines = table(rows, header=header, right=range(2, len(header)))
    if not groups:
        lines.append("  " + say.text(message("no answers")))
    lines += [say.text(note) for note in _notes(kind, args, groups)]
    return lines


def shown_nps(tally: NpsTally, args: argparse.Namespace) -> tuple[Decimal, Decimal, Decimal]:
    """An NPS, its interval's low and high bound, rounded as the tables show them."""
    score, low, high, _ = _nps(tally, args)
    return score, low, high
