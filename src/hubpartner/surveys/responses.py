"""Survey responses: over time and by segment, the latest per contact, and from files.

>>> from datetime import date
>>> answers = [Response(date(2025, 3, 4), 9), Response(date(2025, 3, 20), 6),
...            Response(date(2025, 4, 2), 10)]
>>> [(g.period.label, g.tally.score) for g in group(answers, kind=SurveyKind.NPS)]
[('2025-03', Fraction(0, 1)), ('2025-04', Fraction(100, 1))]
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from operator import itemgetter
from typing import TYPE_CHECKING, Any, Literal, TypeAlias

import attrs

from .._checks import (
    MAX_DAYS,
    MAX_MAGNITUDE,
    MAX_POINT_PLACES,
    boolean,
    calendar_date,
    each,
    each_item,
    instance_of,
    is_count,
    is_day,
    is_days,
    is_flag,
    is_text,
    member,
    non_empty,
    same_clock,
    sequence,
    shift,
    shifted,
    to_decimal,
    to_moment,
    to_optional_text,
    to_tuple,
    whole_number,
)
from .._files import ISO_DATE, CellReader, Columns, CsvTable, Source, Table, table_of
from .._html import Results
from ..errors import InvalidTypeError, InvalidValueError, ResponsesFileError, RowProblem, shown
from ..messages import Message, message, plural
from .scales import NPS, NpsScale, Scale, SurveyKind, scale_for
from .tally import (
    AnyTally,
    CesTally,
    CsatTally,
    Missing,
    NpsTally,
    WeightedNpsTally,
    check_answer,
    check_missing,
    check_weight,
    is_missing,
    is_number,
    nps_tally_of,
    weight_of,
    whole,
)

if TYPE_CHECKING:
    from ..present import Presenter

__all__ = [
    "By",
    "Group",
    "Groups",
    "LatestNps",
    "Period",
    "Response",
    "ResponsesFile",
    "TalliedFile",
    "Trailing",
    "group",
    "latest_per_contact",
    "read_responses",
    "tally_responses",
]


def _optional_weight(value: Any) -> Decimal | Fraction | None:
    return None if value is None else weight_of(value, field="weight")


def _score(value: Any) -> int | None:
    """A whole-number score of any numeric type as an int (below 10^15 in magnitude);
    None for no answer (None or NaN)."""
    if is_missing(value):
        return None
    if not is_number(value):
        raise InvalidTypeError(
            "score", value, message("a whole number such as 9 or 9.0, or None for no answer")
        )
    answer = whole(value)
    if answer is None or abs(answer) >= MAX_MAGNITUDE:
        raise InvalidValueError(
            "score",
            value,
            message(
                "a whole number such as 9 or 9.0 below 10^15 in magnitude, or None for no answer"
            ),
        )
    return answer


@attrs.frozen
class Response:
    """One survey answer: when it was given, the score, and who and where it came from.

    ``at`` is a ``datetime`` (a ``date`` means its midnight; a pandas ``Timestamp``
    is kept as the plain ``datetime`` it holds, and ``pd.NaT`` is refused).
    ``score`` is a whole number of any numeric type (``9``, ``9.0``,
    ``Decimal("9")``, a NumPy number) below 10^15 in magnitude, kept as an ``int``,
    or None (or NaN) for no answer; it
    is checked against the scale when responses are tallied. ``respondent``
    identifies the contact, ``segment`` any grouping of yours, ``weight`` is optional
    (a number of 0 or more below 10^15, as for
    :meth:`~hubpartner.surveys.WeightedNpsTally.from_scores`).
    """

    at: datetime = attrs.field(converter=to_moment)
    score: int | None = attrs.field(converter=_score)
    respondent: str | None = attrs.field(default=None, converter=to_optional_text)
    segment: str | None = attrs.field(default=None, converter=to_optional_text)
    weight: Decimal | Fraction | None = attrs.field(default=None, converter=_optional_weight)
    comment: str | None = attrs.field(default=None, converter=to_optional_text)


@attrs.frozen
class Period:
    """A span of time ``[start, end)`` with a ``label`` such as ``'2025-03'``."""

    start: date = attrs.field(validator=is_day)
    end: date = attrs.field(validator=is_day)
    label: str = attrs.field(validator=is_text)

    def __attrs_post_init__(self) -> None:
        if self.end <= self.start:
            raise InvalidValueError(
                "end", self.end, message("a day after start ({start})", start=self.start)
            )

    @classmethod
    def month(cls, day: date, *, field: str = "day") -> Period:
        """The calendar month containing ``day`` (not the calendar's last month, whose
        end is past 9999-12-31: an error names ``field``)."""
        day = calendar_date(day, field=field)
        start = day.replace(day=1)
        return cls(start, _end(day, start, 1, field), f"{day.year:04d}-{day.month:02d}")

    @classmethod
    def quarter(cls, day: date, *, field: str = "day") -> Period:
        """The calendar quarter containing ``day`` (not the calendar's last quarter,
        whose end is past 9999-12-31: an error names ``field``)."""
        day = calendar_date(day, field=field)
        index = (day.month - 1) // 3
        start = date(day.year, 3 * index + 1, 1)
        return cls(start, _end(day, start, 3, field), f"{day.year:04d}-Q{index + 1}")


def _end(day: date, start: date, months: int, field: str) -> date:
    """The day after the period of ``months`` months from ``start`` that holds ``day``."""
    end = shifted(start, months=months)
    if end is None:
        raise InvalidValueError(
            field,
            day,
            message(
                "a day before {start}: a period ends the day after its last, and {last} is "
                "the calendar's last day",
                start=start,
                last=date.max,
            ),
        )
    return end


def _ends(value: Any) -> tuple[date, ...]:
    """The end days of a trailing window: at most :data:`~hubpartner._checks.MAX_DAYS`
    (a century of daily windows), each a date."""
    items = sequence(value, field="ends")
    if len(items) > MAX_DAYS:
        raise InvalidValueError(
            "ends",
            items,
            message(
                "at most {count} end days, a century of daily windows; group a longer "
                "span by month or quarter",
                count=MAX_DAYS,
            ),
        )
    return each_item(calendar_date, items, field="ends")


@attrs.frozen
class Trailing:
    """A trailing window: for each day in ``ends``, the ``days`` days ending that day.

    ``days`` is at most a century's (36,525), and so is the number of ``ends``
    (:data:`~hubpartner._checks.MAX_DAYS`: a century of daily windows); each window
    lies on the calendar, including the day after its end. An end given twice is one
    window when responses are grouped.
    """

    days: int = attrs.field(validator=is_days)
    ends: tuple[date, ...] = attrs.field(converter=_ends)

    def __attrs_post_init__(self) -> None:
        first = date.min.toordinal() + self.days - 1  # the first day's window starts on it
        last = date.max.toordinal() - 1  # the day after the last end is on the calendar
        for position, end in enumerate(self.ends):
            if not first <= end.toordinal() <= last:
                field = f"ends[{position}]"
                shift(end, days=1 - self.days, field=field)
                shift(end, days=1, field=field)

    def periods(self) -> tuple[Period, ...]:
        """One period per end day, each ``days`` long and including its end day."""
        return tuple(_window(self.days, end) for end in self.ends)


def _window(days: int, end: date) -> Period:
    """The period of the ``days`` days to ``end`` (on the calendar, as
    :class:`Trailing` checks)."""
    return Period(
        end - timedelta(days=days - 1),
        end + timedelta(days=1),
        # Translators: the label of a trailing window of days, as in
        # "30 days to 2025-01-31"; {end} is its last day.
        plural("{count} day to {end}", "{count} days to {end}", count=days, end=end),
    )


class _Windows:
    """The windows of a :class:`Trailing`, to find those that hold a day: each
    distinct end day once, in order (as a day's number, ``date.toordinal``), and the
    period of each end, made when it is first needed."""

    def __init__(self, trailing: Trailing) -> None:
        self.days = trailing.days
        self.ends = sorted({end.toordinal() for end in trailing.ends})
        self.periods: dict[int, Period] = {}

    def holding(self, day: date, field: str) -> tuple[Period | None, ...]:
        """The periods that hold ``day``: those that end on it or in the ``days - 1``
        days after it, in the order of their ends (``field`` is not needed: every
        window is on the calendar)."""
        number = day.toordinal()
        low = bisect_left(self.ends, number)
        high = bisect_right(self.ends, number + self.days - 1, lo=low)
        return tuple(self._period(end) for end in self.ends[low:high])

    def _period(self, end: int) -> Period:
        found = self.periods.get(end)
        if found is None:
            found = self.periods[end] = _window(self.days, date.fromordinal(end))
        return found


By: TypeAlias = Literal["month", "quarter", "all"] | Trailing


@attrs.frozen
class Group:
    """The tally of one period (and one segment, when grouping by segment).

    ``below_minimum`` flags a group with fewer answers than the minimum asked for:
    its score is shown but should not be trusted.
    """

    period: Period | None = attrs.field(
        validator=instance_of(Period, message("a Period, or None for all time"), optional=True)
    )
    segment: str | None = attrs.field(converter=to_optional_text)
    tally: AnyTally = attrs.field(
        validator=instance_of(
            (NpsTally, WeightedNpsTally, CesTally, CsatTally),
            message("an NPS, CES or CSAT tally"),
        )
    )
    below_minimum: bool = attrs.field(validator=is_flag)

    def to_html(self, locale: str | Presenter = "en") -> str:
        """The group's answers, score and interval (as numbers and as a bar on the
        scale), as an HTML table for people of ``locale`` (a notebook shows it)."""
        from .._views import survey_groups

        return survey_groups((self,), locale, chart=False)

    def _repr_html_(self) -> str:
        return self.to_html()


class Groups(Results[Group]):
    """The groups of :func:`group`: a tuple of :class:`Group` (equal to the plain
    tuple) that shows itself in a notebook as a table of scores with their intervals
    and a chart of them over the periods."""

    __slots__ = ()

    ITEM = Group
    EXPECTED = message("a Group")

    def to_html(self, locale: str | Presenter = "en") -> str:
        """A row per group and a chart of the scores with their intervals (the
        groups under the minimum count hollow), for people of ``locale``."""
        from .._views import survey_groups

        return survey_groups(self, locale, chart=True)

    def _repr_html_(self) -> str:
        return self.to_html()


def _tally(
    kind: SurveyKind,
    scale: Scale | NpsScale,
    answers: list[int],
    weights: list[Decimal | Fraction] | None,
) -> AnyTally:
    if isinstance(scale, NpsScale):
        if weights is not None:
            return WeightedNpsTally.from_scores(answers, weights, scale=scale)
        return NpsTally.from_scores(answers, scale=scale)
    if kind is SurveyKind.CES:
        return CesTally.from_scores(answers, scale=scale)
    return CsatTally.from_scores(answers, scale=scale)


def _latest(responses: list[tuple[int, Response]]) -> list[tuple[int, Response]]:
    latest: dict[str, tuple[int, Response]] = {}
    anonymous = []
    for item in responses:
        who = item[1].respondent
        if who is None:
            anonymous.append(item)
        elif who not in latest or item[1].at >= latest[who][1].at:
            latest[who] = item
    return sorted([*anonymous, *latest.values()], key=lambda item: item[0])


def group(
    responses: Iterable[Response],
    *,
    kind: SurveyKind,
    by: By = "month",
    by_segment: bool = False,
    latest_per_respondent: bool = False,
    min_count: int = 0,
    weighted: bool = False,
    scale: Scale | NpsScale | None = None,
    missing: Missing = "error",
) -> Groups:
    """Tally responses by calendar month or quarter, a trailing window, or all at once:
    :class:`Groups`, which a notebook shows as a table and a chart.

    With ``by_segment`` each period is split by ``Response.segment``. With
    ``latest_per_respondent`` only each respondent's latest answer **within a
    group** counts (answers without a respondent all count). Groups with fewer than
    ``min_count`` answers are flagged ``below_minimum``. ``weighted=True`` (NPS
    only) uses each response's weight. ``scale`` is of the survey's ``kind``: an
    ``NpsScale`` for NPS, a ``Scale`` for CES and CSAT (None for the kind's default).
    Groups come sorted by period, then segment; a period with no answers has no group.

    Every score is checked first; an error names the position in ``responses``. The
    moments must all be naive or all time zone-aware
    (:class:`~hubpartner.errors.MixedTimeZonesError` otherwise).
    """
    kind = member(SurveyKind, kind, field="kind")
    chosen_scale = _scale_of(kind, scale)
    policy = check_missing(missing)
    minimum = whole_number(min_count, field="min_count", minimum=0)
    periods_of = _periods_for(by)
    for name, flag in (
        ("by_segment", by_segment),
        ("latest_per_respondent", latest_per_respondent),
        ("weighted", weighted),
    ):
        boolean(flag, field=name)
    if weighted and kind is not SurveyKind.NPS:
        raise InvalidValueError("weighted", weighted, message("False for CES and CSAT surveys"))
    items: list[tuple[int, Response, int]] = []
    first: datetime | None = None
    for position, response in enumerate(sequence(responses, field="responses")):
        first = _checked(response, position, first)
        answer = check_answer(
            response.score, position, chosen_scale.low, chosen_scale.high, policy
        )
        if answer is None:
            continue
        if weighted and response.weight is None:
            raise InvalidValueError(
                f"responses[{position}].weight", None, message("a weight on every response")
            )
        items.append((position, response, answer))

    buckets: dict[tuple[Period | None, str | None], list[tuple[int, Response]]] = {}
    answers: dict[int, int] = {}
    days: dict[date, tuple[Period | None, ...]] = {}  # the periods of each day, once
    for position, response, answer in items:
        answers[position] = answer
        segment = response.segment if by_segment else None
        day = response.at.date()
        periods = days.get(day)
        if periods is None:
            periods = days[day] = periods_of(day, f"responses[{position}].at")
        for period in periods:
            buckets.setdefault((period, segment), []).append((position, response))

    groups = []
    for (period, segment), members in buckets.items():
        chosen = _latest(members) if latest_per_respondent else members
        values = [answers[position] for position, _ in chosen]
        weights = [w for _, r in chosen if (w := r.weight) is not None] if weighted else None
        tally = _tally(kind, chosen_scale, values, weights)
        groups.append(Group(period, segment, tally, len(values) < minimum))
    return sorted_groups(groups)


def sorted_groups(groups: Iterable[Group]) -> Groups:
    """``groups`` sorted as :func:`group` sorts them: by period, then segment."""
    return Groups(
        sorted(groups, key=lambda g: (g.period.start if g.period else date.min, g.segment or ""))
    )


def _checked(response: Any, position: int, first: datetime | None) -> datetime:
    """The moment of the first response: ``response``'s if it is the first, else
    ``first`` once ``response`` is checked to be a Response on the same clock."""
    if not isinstance(response, Response):
        raise InvalidTypeError(f"responses[{position}]", response, message("a Response"))
    if first is None:
        return response.at
    same_clock(response.at, first, field=f"responses[{position}].at")
    return first


#: How the periods a day is in are found: ``periods_of(day, field)``, where ``field``
#: names the day in an error (its period would end past the calendar).
_PeriodsOf: TypeAlias = Callable[[date, str], tuple[Period | None, ...]]


def _periods_for(by: Any) -> _PeriodsOf:
    """How to find the periods of a day when grouping ``by`` (a month, a quarter,
    all time, or the windows of a :class:`Trailing` that hold the day)."""
    if by == "month":
        return _month_of
    if by == "quarter":
        return _quarter_of
    if by == "all":
        return _all_time
    if isinstance(by, Trailing):
        return _Windows(by).holding
    raise InvalidValueError("by", by, message("'month', 'quarter', 'all' or a Trailing window"))


def _month_of(day: date, field: str) -> tuple[Period | None, ...]:
    return (Period.month(day, field=field),)


def _quarter_of(day: date, field: str) -> tuple[Period | None, ...]:
    return (Period.quarter(day, field=field),)


def _all_time(day: date, field: str) -> tuple[Period | None, ...]:
    return (None,)


def _scale_of(kind: SurveyKind, value: Any) -> Scale | NpsScale:
    """The scale ``kind``'s answers are tallied on: ``value``, or the kind's default
    for None. An NPS survey takes an ``NpsScale``, a CES or CSAT survey a ``Scale``."""
    scale = scale_for(kind, _scale(value))
    if (kind is SurveyKind.NPS) == isinstance(scale, NpsScale):
        return scale
    if kind is SurveyKind.NPS:
        expected = message(
            "an NpsScale, such as surveys.NPS, for an NPS survey (or None for it); a "
            "Scale is for CES and CSAT surveys"
        )
    else:
        expected = message(
            "a Scale, such as {examples}, for a {kind} survey (or None for its default); "
            "an NpsScale is for NPS surveys",
            examples=(
                "surveys.CES_7 or surveys.CES_5_EFFORT"
                if kind is SurveyKind.CES
                else "surveys.CSAT_5"
            ),
            kind=kind.name,
        )
    raise InvalidValueError("scale", scale, expected)


@attrs.frozen
class LatestNps:
    """What HubSpot keeps on a contact: the latest NPS rating, comment and date."""

    rating: int = attrs.field(validator=is_count)
    comment: str | None = attrs.field(converter=to_optional_text)
    at: datetime = attrs.field(converter=to_moment)


def latest_per_contact(
    responses: Iterable[Response], *, missing: Missing = "error"
) -> dict[str, LatestNps]:
    """Return each contact's latest NPS rating, comment and date, from a stream.

    Of two answers at the same moment, the later in the stream wins. Answers with
    no respondent belong to no contact and are not in the result. A response with
    no score is an error unless ``missing="exclude"``, which passes over it. The
    moments must all be naive or all time zone-aware
    (:class:`~hubpartner.errors.MixedTimeZonesError` otherwise).
    """
    policy = check_missing(missing)
    latest: dict[str, LatestNps] = {}
    first: datetime | None = None
    for position, response in enumerate(sequence(responses, field="responses")):
        first = _checked(response, position, first)
        answer = check_answer(response.score, position, NPS.low, NPS.high, policy)
        who = response.respondent
        if who is None or answer is None:
            continue
        if who not in latest or response.at >= latest[who].at:
            latest[who] = LatestNps(answer, response.comment, response.at)
    return latest


def _lines(value: Any) -> tuple[int, ...]:
    return each_item(_line, value, field="excluded_lines")


def _line(value: Any, *, field: str) -> int:
    return whole_number(value, field=field, minimum=1)


def _scale(value: Any) -> Scale | NpsScale | None:
    """``value`` if it is a scale, or None for the kind's default scale."""
    if value is not None and not isinstance(value, Scale | NpsScale):
        expected = message("a Scale or an NpsScale, or None for the kind's default")
        raise InvalidTypeError("scale", value, expected)
    return value


@attrs.frozen
class ResponsesFile:
    """Responses read from a file, and the lines left out by the missing-answer policy
    (read from a pandas DataFrame: ``excluded_rows``, the index labels of the rows
    left out, and no lines)."""

    responses: tuple[Response, ...] = attrs.field(
        converter=to_tuple, validator=each(Response, message("a Response"))
    )
    excluded_lines: tuple[int, ...] = attrs.field(converter=_lines)
    excluded_rows: tuple[str | int | float | date, ...] = attrs.field(
        default=(),
        converter=to_tuple,
        validator=each((str, int, float, date), message("index labels: text, numbers or dates")),
    )


_INTEGER = re.compile(r"[+-]?[0-9]+")


def missing_score(column: str) -> Message:
    """The problem of a row with an empty score ``column`` (missing answers not
    excluded)."""
    return message(
        "no {column}; missing answers are an error unless they are excluded",
        column=repr(column),
    )


def read_responses(
    path: Source | Table,
    *,
    kind: SurveyKind = SurveyKind.NPS,
    scale: Scale | NpsScale | None = None,
    score_column: str = "score",
    at_column: str = "at",
    respondent_column: str | None = "respondent",
    segment_column: str | None = None,
    weight_column: str | None = None,
    comment_column: str | None = "comment",
    missing: Missing = "error",
    delimiter: str | None = None,
    encoding: str = "utf-8",
    locale: str = "en",
) -> ResponsesFile:
    """Read survey responses from a CSV file with a header row.

    ``score`` (an integer on the scale) and ``at`` (an ISO date or date-time) are
    required columns; respondent, segment, weight and comment columns are read
    when present (the respondent and comment columns are optional in the file).
    Every bad row is reported, with its line number and the reason, in one
    :class:`~hubpartner.errors.ResponsesFileError`; nothing is dropped silently. A
    row with an empty score is an error, or — with ``missing="exclude"`` — listed in
    ``excluded_lines``. Every row fills ``at`` (and the weight, when a weight column
    is named); a blank respondent, segment or comment means none. The moments of a
    file are all naive (dates, or date-times without a UTC offset) or all have an
    offset: the first row decides, and a row of the other kind is a problem of its
    line.

    The file is read with ``delimiter``, in ``encoding``, and its scores and weights
    as ``locale`` writes numbers (see ``docs/files.md``).
    """
    table = table_of(path, delimiter, encoding, locale)
    chosen_scale = _scale_of(member(SurveyKind, kind, field="kind"), scale)
    policy = check_missing(missing)
    _check_columns(
        score_column=score_column,
        at_column=at_column,
        respondent_column=respondent_column,
        segment_column=segment_column,
        weight_column=weight_column,
        comment_column=comment_column,
    )
    wanted = [score_column, at_column, segment_column, weight_column]
    columns = Columns(
        required=[c for c in wanted if c is not None],
        filled=[c for c in (at_column, weight_column) if c is not None],
        numbers=[] if weight_column is None else [weight_column],
        counts=[score_column],
    )
    rows, problems = table.rows(columns, ResponsesFileError)
    responses: list[Response] = []
    excluded: list[int] = []
    first: tuple[int, str] | None = None  # the line and cell of the first moment
    file_aware = False  # whether the first moment (and so every one) has an offset
    answers: dict[str, int | Message] = {}  # the answers read, by what the file writes
    for line, row in rows:
        read = _read_row(
            row,
            answers,
            chosen_scale,
            score_column,
            at_column,
            respondent_column,
            segment_column,
            weight_column,
            comment_column,
        )
        if isinstance(read, Message):
            problems.append(RowProblem(line, read))
            continue
        at, response = read
        aware = at.utcoffset() is not None
        if first is None:
            first, file_aware = (line, row[at_column]), aware
        if aware != file_aware:
            problems.append(RowProblem(line, _mixed(at_column, row[at_column], aware, first)))
        elif response is not None:
            responses.append(response)
        elif policy == "exclude":
            excluded.append(line)
        else:
            problems.append(RowProblem(line, missing_score(score_column)))
    if problems:
        problems.sort(key=lambda problem: problem.line)
        table.refuse(ResponsesFileError, problems)
    return ResponsesFile(responses, *table.excluded(excluded))


def _check_columns(**columns: str | None) -> None:
    """Refuse a column name that is not a non-empty str (the score and moment columns
    must be named; the others may be None)."""
    for name, column in columns.items():
        if column is not None or name in ("score_column", "at_column"):
            non_empty(column, field=name)


def _mixed(column: str, cell: str, aware: bool, first: tuple[int, str]) -> Message:
    """The problem of a moment whose kind (naive or with an offset) is not the
    file's, which its first moment set."""
    line, written = first
    said = {"column": column, "cell": shown(cell), "line": line, "first": shown(written)}
    if aware:
        return message(
            "{column} {cell} has a UTC offset, but line {line}'s {first} has none; the "
            "moments of a file all have an offset or none has",
            **said,
        )
    return message(
        "{column} {cell} has no UTC offset, but line {line}'s {first} has one; the "
        "moments of a file all have an offset or none has",
        **said,
    )


def _read_row(
    row: Mapping[str, str],
    answers: dict[str, int | Message],
    scale: Scale | NpsScale,
    score_column: str,
    at_column: str,
    respondent_column: str | None,
    segment_column: str | None,
    weight_column: str | None,
    comment_column: str | None,
) -> tuple[datetime, Response | None] | Message:
    """Return the row's moment and response (None for a missing score), or why it is
    bad."""

    def cell(column: str | None) -> str:
        return "" if column is None else row.get(column, "")

    raw_at = cell(at_column)
    at = _moment_of(raw_at)
    if at is None:
        return _not_moment(at_column, raw_at)
    raw_score = cell(score_column)
    if not raw_score:
        return at, None
    answer = _kept_answer(score_column, raw_score, scale, answers)
    if isinstance(answer, Message):
        return answer
    weight = None
    if weight_column is not None:
        raw_weight = cell(weight_column)
        try:
            number = to_decimal(raw_weight, field=weight_column, places=MAX_POINT_PLACES)
            weight = check_weight(number, 0)
        except InvalidValueError as exc:  # said of the cell as written, with its bounds
            return InvalidValueError(weight_column, raw_weight, exc.expected).message
    return at, Response(
        at=at,
        score=answer,
        respondent=cell(respondent_column) or None,
        segment=cell(segment_column) or None,
        weight=weight,
        comment=cell(comment_column) or None,
    )


@attrs.frozen
class TalliedFile:
    """A responses file counted as it is read (:func:`tally_responses`): the groups
    :func:`group` makes of its responses, how many responses it has, and the lines
    left out by the missing-answer policy."""

    groups: tuple[Group, ...] = attrs.field(
        converter=to_tuple, validator=each(Group, message("a Group"))
    )
    responses: int = attrs.field(validator=is_count)
    excluded_lines: tuple[int, ...] = attrs.field(converter=_lines)


def tally_responses(
    path: Source,
    *,
    kind: SurveyKind = SurveyKind.NPS,
    scale: Scale | NpsScale | None = None,
    by: By = "month",
    latest_per_respondent: bool = False,
    min_count: int = 0,
    score_column: str = "score",
    at_column: str = "at",
    respondent_column: str | None = "respondent",
    segment_column: str | None = None,
    missing: Missing = "error",
    delimiter: str | None = None,
    encoding: str = "utf-8",
    locale: str = "en",
) -> TalliedFile:
    """Count the responses of a CSV file by group as the file is read: what
    :func:`group` gives for the responses :func:`read_responses` reads (grouped by
    segment when a ``segment_column`` is named), but without a
    :class:`Response` (or a dict) per row, nor the rows, in memory; its memory does
    not grow with the rows of the file (only with its groups, and with the
    respondents of each group for ``latest_per_respondent``).

    The file is checked as :func:`read_responses` checks it, with the same options
    (there is no weight: the tallies are not weighted), and every bad row is
    reported, by line, in one :class:`~hubpartner.errors.ResponsesFileError` once
    the file is read — an answer whose period ends past the calendar (December 9999
    by month, its last quarter by quarter), which :func:`group` refuses by its
    position, too.

        >>> import io
        >>> text = "at,score\\n2025-03-04,9\\n2025-03-20,6\\n2025-04-02,10\\n"
        >>> tallied = tally_responses(io.StringIO(text))
        >>> [(g.period.label, g.tally.score) for g in tallied.groups]
        [('2025-03', Fraction(0, 1)), ('2025-04', Fraction(100, 1))]
        >>> tallied.responses
        3
    """
    chosen_kind = member(SurveyKind, kind, field="kind")
    chosen_scale = _scale_of(chosen_kind, scale)
    policy = check_missing(missing)
    boolean(latest_per_respondent, field="latest_per_respondent")
    minimum = whole_number(min_count, field="min_count", minimum=0)
    periods_of = _periods_for(by)
    _check_columns(
        score_column=score_column,
        at_column=at_column,
        respondent_column=respondent_column,
        segment_column=segment_column,
    )
    wanted = [score_column, at_column, segment_column]
    if latest_per_respondent:  # a file without its respondents cannot give their latest
        if respondent_column is None:
            raise InvalidValueError(
                "respondent_column",
                respondent_column,
                message("the column that names each respondent, for latest_per_respondent"),
            )
        wanted.append(respondent_column)
    table = CsvTable(path, delimiter, encoding, locale)
    columns = Columns(
        required=[c for c in wanted if c is not None],
        filled=[at_column],
        counts=[score_column],
    )
    problems: list[RowProblem] = []
    records = table.records(columns, ResponsesFileError, problems, checked=False)
    _, header = next(records)
    cell_reader = CellReader(header, [at_column], columns, table.file_format)
    counter = _Counter(
        chosen_scale,
        periods_of,
        latest_per_respondent,
        at=header.index(at_column),
        score=header.index(score_column),
        segment=None if segment_column is None else header.index(segment_column),
        respondent=(
            header.index(respondent_column)
            if respondent_column is not None and respondent_column in header
            else None
        ),
    )
    excluded = counter.count(records, cell_reader, problems, policy, at_column, score_column)
    if problems:
        problems.sort(key=lambda problem: problem.line)
        table.refuse(ResponsesFileError, problems)
    return TalliedFile(counter.groups(chosen_kind, minimum), counter.responses, excluded)


#: The most answers and moments, as written, a count of a file keeps read.
_KEPT_CELLS = 4096
#: The most kinds of rows (a moment, an answer and a segment, as written) a count of
#: a file keeps counted together.
_KEPT_ROWS = 32768


class _Counter:
    """The counts of a file's answers by group, as :func:`tally_responses` makes
    them: per period, a list of counts per segment (one per answer on the scale),
    and with ``latest`` each respondent's latest answer per period and segment; the
    answers, moments and days already read, by what the file writes, in bounded
    dicts of this count's own (:data:`_KEPT_CELLS`)."""

    def __init__(
        self,
        scale: Scale | NpsScale,
        periods_of: _PeriodsOf,
        latest: bool,
        *,
        at: int,
        score: int,
        segment: int | None,
        respondent: int | None,
    ) -> None:
        self.scale, self.periods_of = scale, periods_of
        self.at, self.score, self.segment = at, score, segment
        self.respondent = respondent if latest else None
        # per period: the counts of each segment, and each respondent's latest answer
        # in each segment
        self.counts: dict[Period | None, _Span] = {}
        self.responses = 0

    def count(
        self,
        records: Iterable[tuple[int, list[str]]],
        cell_reader: CellReader,
        problems: list[RowProblem],
        policy: Missing,
        at_column: str,
        score_column: str,
    ) -> list[int]:
        """Count the answers of ``records`` (as written: ``cell_reader`` reads those
        not read before, as written), noting the problem of each bad row in
        ``problems`` (as :func:`read_responses` says it); the lines left out."""
        answers: dict[str, int | Message] = {}
        moments: dict[str, _Moment | Message] = {}
        days: dict[date, _Spans] = {}
        excluded: list[int] = []
        first: tuple[int, str] | None = None  # the line and cell of the first moment
        file_aware = False
        at_index, score_index, segment_index = self.at, self.score, self.segment
        who_index = self.respondent
        responses = 0
        segment = None
        # the rows already counted once, by their moment, answer (and segment) as
        # written, each with how many rows write the same: a row like one of them is
        # counted at once (not with latest_per_respondent, which counts each
        # respondent's own)
        same: dict[tuple[str, ...], list[Any]] = {}
        room = 0 if who_index is not None else _KEPT_ROWS
        written = itemgetter(
            at_index, score_index, *(() if segment_index is None else (segment_index,))
        )
        for line, as_written in records:
            key = written(as_written)
            counted = same.get(key)
            if counted is not None:
                counted[0] += 1
                responses += 1
                continue
            cells = cell_reader.record(line, as_written, problems)
            if cells is None:
                continue
            raw_at = cells[at_index]
            moment = moments.get(raw_at)
            if moment is None:
                moment = self._moment(at_column, raw_at, days)
                if len(moments) < _KEPT_CELLS:
                    moments[raw_at] = moment
            if isinstance(moment, str):
                problems.append(RowProblem(line, moment))
                continue
            raw_score = cells[score_index]
            answer = None
            if raw_score:
                read = _kept_answer(score_column, raw_score, self.scale, answers)
                if isinstance(read, str):
                    problems.append(RowProblem(line, read))
                    continue
                answer = read
            at, aware, spans = moment
            if first is None:
                first, file_aware = (line, raw_at), aware
            if aware != file_aware:
                problems.append(RowProblem(line, _mixed(at_column, raw_at, aware, first)))
                continue
            if answer is None:
                if policy == "exclude":
                    excluded.append(line)
                else:
                    problems.append(RowProblem(line, missing_score(score_column)))
                continue
            if isinstance(spans, InvalidValueError):  # in a period past the calendar
                refused = InvalidValueError(at_column, raw_at, spans.expected)
                problems.append(RowProblem(line, refused.message))
                continue
            responses += 1
            if problems:
                continue  # the file is refused: nothing more to count
            if len(same) < room:  # how many rows write so, and what they read as
                same[key] = [1, written(cells)]
                continue
            if segment_index is not None:
                segment = cells[segment_index] or None
            who = None if who_index is None else cells[who_index] or None
            self._count(spans, segment, answer, 1, who, at)
        self.responses = responses
        for counted, read in same.values():
            self._add(read, counted, at_column, score_column, days)
        return excluded

    def _add(
        self,
        written: tuple[str, ...],
        counted: int,
        at_column: str,
        score_column: str,
        days: dict[date, _Spans],
    ) -> None:
        """Count ``counted`` rows that write the moment, answer (and segment) of
        ``written``, already read as good."""
        moment = self._moment(at_column, written[0], days)
        answer = _answer(score_column, written[1], self.scale)
        # rows counted together were read as good, so these are read alike
        assert not isinstance(moment, str)
        assert isinstance(answer, int)
        spans = moment[2]
        assert not isinstance(spans, InvalidValueError)
        segment = written[2] or None if len(written) > 2 else None
        self._count(spans, segment, answer, counted, None, moment[0])

    def _count(
        self,
        spans: tuple[_Span, ...],
        segment: str | None,
        answer: int,
        times: int,
        who: str | None,
        at: datetime,
    ) -> None:
        """Count ``answer`` ``times`` in the groups of ``spans`` and ``segment``; an
        answer of a respondent (``who``, given only with latest_per_respondent) is
        kept as the latest unless a later one is (see :meth:`_latest`)."""
        low, size = self.scale.low, self.scale.high - self.scale.low + 1
        for by_segment, latest in spans:
            found = by_segment.get(segment)
            if found is None:
                found = by_segment[segment] = [0] * size
            if who is None:
                found[answer - low] += times
            else:
                self._latest(latest, segment, who, at, answer)

    def _moment(self, column: str, written: str, days: dict[date, _Spans]) -> _Moment | Message:
        """The moment a cell writes, whether it has a UTC offset, and the counts of
        the periods it is in (or why it is in none); or why it is no moment."""
        at = _moment_of(written)
        if at is None:
            return _not_moment(column, written)
        day = at.date()
        spans = days.get(day)
        if spans is None:
            try:
                periods = self.periods_of(day, "at")
            except InvalidValueError as exc:
                spans = exc
            else:
                spans = tuple(self.counts.setdefault(period, ({}, {})) for period in periods)
            if len(days) < _KEPT_CELLS:
                days[day] = spans
        return at, at.utcoffset() is not None, spans

    def _latest(
        self,
        latest: dict[str | None, dict[str, tuple[datetime, int]]],
        segment: str | None,
        who: str,
        at: datetime,
        answer: int,
    ) -> None:
        """Keep ``answer`` as ``who``'s latest in the ``segment`` of ``latest`` (a
        period's) unless an answer after ``at`` is kept (of two at the same moment,
        the later in the file)."""
        of_group = latest.setdefault(segment, {})
        kept = of_group.get(who)
        if kept is None or at >= kept[0]:
            of_group[who] = (at, answer)

    def groups(self, kind: SurveyKind, minimum: int) -> Groups:
        """The groups, sorted as :func:`group` sorts them."""
        found = []
        low = self.scale.low
        for period, (by_segment, latest) in self.counts.items():
            for segment, counted in by_segment.items():
                counted = list(counted)
                for _, answer in latest.get(segment, {}).values():
                    counted[answer - low] += 1
                tally = _tally_of(kind, self.scale, counted)
                found.append(Group(period, segment, tally, tally.n < minimum))
        return sorted_groups(found)


#: The counts of a period by segment, and each respondent's latest answer by segment.
_Span: TypeAlias = tuple[
    dict[str | None, list[int]], dict[str | None, dict[str, tuple[datetime, int]]]
]
#: The counts of the periods a day is in, or why it is in none.
_Spans: TypeAlias = tuple[_Span, ...] | InvalidValueError
#: A moment, whether it has a UTC offset, and the counts of the periods it is in.
_Moment: TypeAlias = tuple[datetime, bool, _Spans]


def _tally_of(kind: SurveyKind, scale: Scale | NpsScale, counts: list[int]) -> AnyTally:
    """The tally of ``counts``, one per answer of ``scale``."""
    if isinstance(scale, NpsScale):
        return nps_tally_of(counts, scale)
    by_answer = dict(enumerate(counts, start=scale.low))
    if kind is SurveyKind.CES:
        return CesTally.from_counts(by_answer, scale=scale)
    return CsatTally.from_counts(by_answer, scale=scale)


#: A moment written in ISO 8601's extended form: a date (YYYY-MM-DD), or a date and a
#: time (``T``, ``t`` or a space between) to the hour, minute, second or a fraction
#: of it, with or without a UTC offset (``Z``, ``+01``, ``+01:00``, ``+0100``).
#: ``datetime.fromisoformat`` reads the basic forms too (``20250110``,
#: ``2025-W02-5``, ``2025-01-10T0912``), and any character between the date and the
#: time, which are refused. Compiled on first use, by ``re``'s cache.
_ISO_MOMENT = (
    ISO_DATE + "(?:[Tt ][0-9]{2}(?::[0-9]{2}(?::[0-9]{2}(?:[.,][0-9]+)?)?)?"
    "(?:[Zz]|[+-][0-9]{2}(?::?[0-9]{2}(?::?[0-9]{2}(?:[.,][0-9]+)?)?)?)?)?"
)


def _moment_of(written: str) -> datetime | None:
    """The moment ``written`` in ISO 8601's extended form, or None if it is none.

    >>> _moment_of("2025-03-03 09:12"), _moment_of("20250303")
    (datetime.datetime(2025, 3, 3, 9, 12), None)
    """
    if not re.fullmatch(_ISO_MOMENT, written):
        return None
    try:
        return datetime.fromisoformat(written)
    except ValueError:  # no such day or time, such as 2025-02-30
        return None


def _not_moment(column: str, written: str) -> Message:
    """The problem of a cell of ``column`` that writes no moment."""
    return message(
        "{column} {value} is not an ISO date or date-time such as 2025-03-01",
        column=column,
        value=shown(written),
    )


def _kept_answer(
    column: str, written: str, scale: Scale | NpsScale, kept: dict[str, int | Message]
) -> int | Message:
    """The answer of :func:`_answer`, from ``kept`` (the answers read before, by what
    the file writes; at most :data:`_KEPT_CELLS`) if it is there."""
    found = kept.get(written)
    if found is None:
        found = _answer(column, written, scale)
        if len(kept) < _KEPT_CELLS:
            kept[written] = found
    return found


def _answer(column: str, written: str, scale: Scale | NpsScale) -> int | Message:
    """The answer a score cell of ``column`` writes (not blank), or why it is none:
    an integer on ``scale``, however many digits it is written with."""
    if not _INTEGER.fullmatch(written):
        return message("{column} {value} is not an integer", column=column, value=shown(written))
    number = Decimal(written)  # exact however many digits, unlike int()
    if not scale.low <= number <= scale.high:
        return message(
            "{column} {value} is outside the scale {low}..{high}",
            column=column,
            value=shown(written),
            low=scale.low,
            high=scale.high,
        )
    return int(number)
