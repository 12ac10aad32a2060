"""Dask: survey scores and points ledgers over data that outgrows one machine.

This module needs the optional extra ``hubpartner[dask]`` (``dask[dataframe]``,
``distributed`` and ``pyarrow``). Dask is imported only when one of its functions is
called, never by ``import hubpartner`` or by importing this module; without it, a
call raises :class:`~hubpartner.errors.MissingExtraError`, which says
``pip install 'hubpartner[dask]'``.

- :func:`nps_by`, :func:`ces_by` and :func:`csat_by` tally the scores of a Dask
  DataFrame by period and segment and give what :func:`hubpartner.surveys.group`
  gives for the same rows (the same :class:`~hubpartner.surveys.Groups`, tally for
  tally). Each partition is counted where it lies into one small tally per group;
  the tallies are merged in a tree (they are associative and commutative, with an
  identity); no raw score travels.
- :func:`points_by_month` gives the exact points of a Dask DataFrame of deals per
  partner, client and month, under the rule set in force on each deal's day, as
  :func:`hubpartner.points.sold_points` and
  :func:`~hubpartner.points.managed_points` give them deal by deal.

A bad value anywhere fails the whole computation, naming the partition and the row
(its index label): nothing is dropped silently. The computation runs on whatever
scheduler Dask is set to use: threads by default, or a ``distributed`` cluster once
a ``Client`` is made.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from importlib import import_module
from typing import Any, Literal, TypeVar

import attrs

from ._checks import (
    _optional_text,
    boolean,
    member,
    moment,
    non_empty,
    to_decimal,
    whole_number,
)
from ._files import date_cell
from .errors import (
    HubPartnerError,
    IndexProblem,
    InvalidTypeError,
    InvalidValueError,
    LedgerFileError,
    MissingExtraError,
    shown,
)
from .frames import _label, _scalar, answers_of
from .ledger import MonthPoints, PointsHeld
from .messages import message
from .money import Money
from .points import managed_points, sold_points
from .rules import ProgramRules, Track, for_date, rules_function, rules_in_force
from .surveys.responses import Group, Groups, Period, _tally_of, sorted_groups
from .surveys.scales import CES_7, CSAT_5, NPS, NpsScale, Scale, SurveyKind
from .surveys.tally import (
    AnyTally,
    Missing,
    WeightedNpsTally,
    check_missing,
    is_missing,
    weight_of,
)

__all__ = ["ces_by", "csat_by", "nps_by", "points_by_month"]

K = TypeVar("K")
V = TypeVar("V")

#: How many partial results are merged at a time, at each level of the tree.
SPLIT_EVERY = 8


def _module(name: str, feature: str) -> Any:
    """The module ``name`` of the extra, or :class:`MissingExtraError`."""
    try:
        return import_module(name)
    except ImportError:
        raise MissingExtraError("dask", name.split(".")[0], feature) from None


def _dataframe(ddf: Any, feature: str) -> Any:
    """``ddf`` if it is a Dask DataFrame (dask.dataframe, pandas and dask imported)."""
    dd = _module("dask.dataframe", feature)
    if not isinstance(ddf, dd.DataFrame):
        raise InvalidTypeError(
            "ddf", ddf, message("a Dask DataFrame, such as dask.dataframe.read_parquet(...)")
        )
    return ddf


def _column(ddf: Any, name: Any, *, field: str) -> str:
    """``name`` if it is a column of ``ddf``."""
    column = non_empty(name, field=field)
    if column not in ddf.columns:
        columns = ", ".join(str(each) for each in ddf.columns)
        raise InvalidValueError(
            field, column, message("a column of the frame: {columns}", columns=columns)
        )
    return column


def _where(number: int, column: str, label: Any) -> str:
    """How an error names a cell: ``partitions[3].score[7]`` (7 the row's label)."""
    return f"partitions[{number}].{column}[{shown(_label(label))}]"


# -- survey scores -----------------------------------------------------------------


@attrs.frozen
class _Survey:
    """What to tally, as the workers need it (it travels pickled)."""

    kind: SurveyKind
    scale: Scale | NpsScale
    score: str
    at: str
    segment: str | None
    weight: str | None
    respondent: str | None
    period: str
    missing: Missing


def nps_by(
    ddf: Any,
    *,
    by: str | Sequence[str] = (),
    score: str = "score",
    weight: str | None = None,
    period: Literal["month", "quarter"] | None = "month",
    at: str = "at",
    latest_per_respondent: bool = False,
    respondent: str = "respondent",
    scale: NpsScale = NPS,
    missing: Missing = "error",
    min_count: int = 0,
    split_every: int = SPLIT_EVERY,
) -> Groups:
    """Tally the 0-10 answers of a Dask DataFrame by period and segment:
    :class:`~hubpartner.surveys.Groups` equal to what
    :func:`hubpartner.surveys.group` gives for the same rows, in the frame's order.

    ``by`` names the segment column (a name or a list of at most one; none for no
    segments); ``period`` is ``"month"``, ``"quarter"`` or None (one group for all
    time) of the moments in the column ``at``, which must have a ``datetime64``
    dtype. ``weight`` names a column of weights (numbers of 0 or more, as
    ``Response.weight`` takes them, or their exact text, ``'0.5'`` or ``'5/4'``:
    by default Dask turns a column of ``Decimal`` objects into text) for a
    :class:`~hubpartner.surveys.WeightedNpsTally`.
    ``latest_per_respondent`` counts only each respondent's latest answer in each
    group (a later row wins a tie; rows with no respondent all count): it shuffles
    the answered rows by ``respondent`` across the cluster, which moves a few dozen
    bytes per row over the network, where a plain tally moves one tally per group
    and partition. A bad score, moment, segment, respondent or weight fails the
    computation with the error :func:`~hubpartner.surveys.group` raises, naming the
    partition and the row: ``partitions[3].score[7]``.
    """
    if not isinstance(scale, NpsScale):
        raise InvalidTypeError("scale", scale, message("an NpsScale, such as surveys.NPS"))
    return _scores(
        ddf,
        SurveyKind.NPS,
        scale,
        locals(),
        feature="hubpartner.dask.nps_by",
    )


def ces_by(
    ddf: Any,
    *,
    by: str | Sequence[str] = (),
    score: str = "score",
    period: Literal["month", "quarter"] | None = "month",
    at: str = "at",
    latest_per_respondent: bool = False,
    respondent: str = "respondent",
    scale: Scale = CES_7,
    missing: Missing = "error",
    min_count: int = 0,
    split_every: int = SPLIT_EVERY,
) -> Groups:
    """Tally the CES answers of a Dask DataFrame on ``scale`` by period and segment,
    as :func:`nps_by` tallies NPS answers (without weights)."""
    return _scores(
        ddf, SurveyKind.CES, _histogram_scale(scale), locals(), "hubpartner.dask.ces_by"
    )


def csat_by(
    ddf: Any,
    *,
    by: str | Sequence[str] = (),
    score: str = "score",
    period: Literal["month", "quarter"] | None = "month",
    at: str = "at",
    latest_per_respondent: bool = False,
    respondent: str = "respondent",
    scale: Scale = CSAT_5,
    missing: Missing = "error",
    min_count: int = 0,
    split_every: int = SPLIT_EVERY,
) -> Groups:
    """Tally the CSAT answers of a Dask DataFrame on ``scale`` by period and
    segment, as :func:`nps_by` tallies NPS answers (without weights)."""
    return _scores(
        ddf, SurveyKind.CSAT, _histogram_scale(scale), locals(), "hubpartner.dask.csat_by"
    )


def _histogram_scale(scale: Any) -> Scale:
    if not isinstance(scale, Scale):
        raise InvalidTypeError("scale", scale, message("a Scale, such as surveys.CES_7"))
    return scale


def _segment_column(ddf: Any, by: Any) -> str | None:
    """The one column ``by`` names, or None."""
    if isinstance(by, str):
        return _column(ddf, by, field="by")
    if not isinstance(by, Sequence) or len(by) > 1:
        raise InvalidValueError(
            "by",
            by,
            message(
                "a column name, or a list of at most one; to group by several columns, "
                "make one column of them first"
            ),
        )
    return _column(ddf, by[0], field="by[0]") if by else None


def _scores(
    ddf: Any, kind: SurveyKind, scale: Scale | NpsScale, given: Mapping[str, Any], feature: str
) -> Groups:
    """The groups of ``ddf``'s answers, as the functions above describe them."""
    ddf = _dataframe(ddf, feature)
    latest = boolean(given["latest_per_respondent"], field="latest_per_respondent")
    period = given["period"]
    if period not in ("month", "quarter", None):
        raise InvalidValueError(
            "period", period, message("'month', 'quarter' or None (one period for all time)")
        )
    minimum = whole_number(given["min_count"], field="min_count", minimum=0)
    split_every = whole_number(given["split_every"], field="split_every", minimum=2)
    weight = given.get("weight")
    survey = _Survey(
        kind,
        scale,
        _column(ddf, given["score"], field="score"),
        _moments(ddf, given["at"]),
        _segment_column(ddf, given["by"]),
        None if weight is None else _column(ddf, weight, field="weight"),
        _respondents(ddf, given["respondent"], latest),
        period or "all",
        check_missing(given["missing"]),
    )
    delayed = _module("dask", feature).delayed
    normalize = delayed(_normalized, pure=True)
    parts = [normalize(part, number, survey) for number, part in enumerate(ddf.to_delayed())]
    if latest:
        parts = _latest(parts, survey, ddf, feature)
    count = delayed(_tallies, pure=True)
    merged = _tree([count(part, survey) for part in parts], split_every, delayed)
    found: dict[tuple[int, str | None], AnyTally] = merged.compute()
    return sorted_groups(
        Group(_period(key, survey), segment, tally, tally.n < minimum)
        for (key, segment), tally in found.items()
    )


def _respondents(ddf: Any, respondent: Any, latest: bool) -> str | None:
    """The column of respondents when only their latest answers count, else None
    (its name is checked all the same)."""
    if latest:
        return _column(ddf, respondent, field="respondent")
    non_empty(respondent, field="respondent")
    return None


def _moments(ddf: Any, at: Any) -> str:
    """The column ``at`` if its dtype holds moments (``datetime64``)."""
    column = _column(ddf, at, field="at")
    pd = import_module("pandas")
    if not pd.api.types.is_datetime64_any_dtype(ddf[column].dtype):
        raise InvalidTypeError(
            "at",
            ddf[column].dtype,
            message(
                "a column of datetime64 moments (naive or with a time zone); convert it "
                "with dask.dataframe.to_datetime"
            ),
        )
    return column


def _normalized(part: Any, number: int, survey: _Survey) -> Any:
    """One partition's answered rows, checked: the period key, segment and answer
    of each (and its weight, respondent, moment and place in the frame when they
    are needed), in a pandas DataFrame."""
    pd = import_module("pandas")
    np = import_module("numpy")
    scores = part[survey.score].rename(f"partitions[{number}].{survey.score}")
    answers, given = answers_of(scores, survey.scale.low, survey.scale.high, survey.missing)
    moments = part[survey.at]
    gaps = moments.isna().to_numpy()
    if gaps.any():
        position = int(gaps.argmax())
        moment(moments.iloc[position], field=_where(number, survey.at, part.index[position]))
    columns: dict[str, Any] = {
        "key": _keys(moments[given], survey.period),
        "segment": _texts(part, survey.segment, number)[given],
        "answer": answers,
    }
    if survey.weight is not None:
        columns["weight"] = _weights(part, survey.weight, given, number)
    if survey.respondent is not None:
        columns["who"] = _texts(part, survey.respondent, number)[given]
        columns["at"] = moments[given].reset_index(drop=True)
        columns["part"] = number
        columns["row"] = np.arange(len(part))[given]
    return pd.DataFrame(columns)


def _keys(moments: Any, period: str) -> Any:
    """The period of each moment as a number: months or quarters since year 0, or 0
    for all time."""
    if period == "all":
        return import_module("numpy").zeros(len(moments), dtype="int64")
    year = moments.dt.year.to_numpy(dtype="int64")
    month = moments.dt.month.to_numpy(dtype="int64") - 1
    return year * 12 + month if period == "month" else year * 4 + month // 3


def _period(key: int, survey: _Survey) -> Period | None:
    """The period of the number :func:`_keys` gave."""
    if survey.period == "month":
        year, month = divmod(key, 12)
        return Period.month(date(year, month + 1, 1), field=survey.at)
    if survey.period == "quarter":
        year, quarter = divmod(key, 4)
        return Period.quarter(date(year, 3 * quarter + 1, 1), field=survey.at)
    return None


def _texts(part: Any, column: str | None, number: int) -> Any:
    """The text of each row of ``column`` as ``Response`` keeps it (a blank or a
    missing cell is None), as an array of objects; None throughout without a
    column."""
    pd = import_module("pandas")
    np = import_module("numpy")
    if column is None:
        return np.full(len(part), None, dtype=object)
    codes, values = pd.factorize(part[column])
    texts = []
    for code, value in enumerate(values):
        try:
            texts.append(_optional_text(_scalar(value), field=column))
        except InvalidTypeError as exc:
            label = part.index[int((codes == code).argmax())]
            raise InvalidTypeError(
                _where(number, column, label), exc.value, exc.expected
            ) from None
    return np.array([*texts, None], dtype=object)[codes]


def _weights(part: Any, column: str, given: Any, number: int) -> list[str]:
    """The weight of each answered row as its exact text (``'0.5'``, ``'5/4'``: Dask
    keeps text as it is, where it may make text of objects); each weight is checked,
    as a ``Response`` checks it, and an answered row without one is refused, as
    :func:`~hubpartner.surveys.group` refuses it."""
    weights = []
    for label, cell, answered in zip(part.index, part[column], given, strict=True):
        field = _where(number, column, label)
        value = _scalar(cell)
        if is_missing(value):
            if answered:
                raise InvalidValueError(field, cell, message("a weight on every response"))
        else:
            if isinstance(value, str):  # Dask makes text of a column of objects
                value = _exact(value, field)
            weight = weight_of(value, field=field)
            if answered:
                weights.append(str(weight))
    return weights


#: A Fraction as Dask writes it in text: numerator/denominator.
_FRACTION = re.compile(r"([0-9]{1,100})/([0-9]{1,100})")


def _exact(text: str, field: str) -> Decimal | Fraction:
    """The exact number ``text`` writes: a Fraction as Dask writes one (``'5/4'``),
    or a decimal number (``'0.5'``)."""
    found = _FRACTION.fullmatch(text)
    if found and int(found[2]):
        return Fraction(int(found[1]), int(found[2]))
    return to_decimal(text, field=field)


def _latest(parts: list[Any], survey: _Survey, ddf: Any, feature: str) -> list[Any]:
    """The answered rows of ``parts`` that count when only each respondent's latest
    answer does: the rows of named respondents shuffled by respondent with Dask's
    own shuffle, then the latest of each kept; the others as they are."""
    dd = _module("dask.dataframe", feature)
    meta = _normalized(ddf._meta, 0, survey)
    rows = dd.from_delayed(parts, meta=meta, verify_meta=False)
    named = rows[rows["who"].notnull()].shuffle(on="who")
    kept = named.map_partitions(_latest_rows, meta=meta)
    anonymous = rows[rows["who"].isnull()]
    return [*anonymous.to_delayed(), *kept.to_delayed()]


def _latest_rows(rows: Any) -> Any:
    """Each respondent's latest row in each group of ``rows`` (of two at the same
    moment, the later in the frame)."""
    ordered = rows.sort_values(["at", "part", "row"], kind="stable")
    return ordered.drop_duplicates(["key", "segment", "who"], keep="last")


def _tallies(rows: Any, survey: _Survey) -> dict[tuple[int, str | None], AnyTally]:
    """The tally of each group (period key, segment) of normalized ``rows``."""
    pd = import_module("pandas")
    np = import_module("numpy")
    codes, segments = pd.factorize(rows["segment"])
    combined = rows["key"].to_numpy(dtype="int64") * (len(segments) + 1) + (codes + 1)
    ids, groups = pd.factorize(combined)
    answers = rows["answer"].to_numpy(dtype="int64") - survey.scale.low
    found: dict[tuple[int, str | None], AnyTally] = {}
    width = survey.scale.high - survey.scale.low + 1
    counts = np.bincount(ids * width + answers, minlength=len(groups) * width)
    for position, group in enumerate(groups):
        key, segment = divmod(int(group), len(segments) + 1)
        name = None if segment == 0 else str(segments[segment - 1])
        if survey.weight is None:
            row = counts[position * width : (position + 1) * width]
            found[key, name] = _tally_of(survey.kind, survey.scale, [int(c) for c in row])
        else:
            chosen = ids == position
            found[key, name] = WeightedNpsTally.from_scores(
                rows["answer"].to_numpy()[chosen],
                [Fraction(text) for text in rows["weight"][chosen]],
                scale=survey.scale,  # type: ignore[arg-type]
            )
    return found


# -- merging in a tree -------------------------------------------------------------


def _merged(*parts: dict[K, V]) -> dict[K, V]:
    """The sum of the mappings ``parts``, key by key (tallies or points add)."""
    total: dict[K, V] = {}
    for part in parts:
        for key, value in part.items():
            total[key] = total[key] + value if key in total else value  # type: ignore[operator]
    return total


def _tree(partials: list[Any], split_every: int, delayed: Any) -> Any:
    """One delayed mapping: ``partials`` merged ``split_every`` at a time, level by
    level, so that no worker merges more than ``split_every`` at once."""
    merge = delayed(_merged, pure=True)
    level = partials or [delayed({})]
    while len(level) > 1:
        level = [
            merge(*level[start : start + split_every])
            for start in range(0, len(level), split_every)
        ]
    return level[0]


# -- points ledgers ----------------------------------------------------------------


@attrs.frozen
class _Deals:
    """Which columns hold what, and how to pick a day's rule set (it travels)."""

    client: str
    market: str
    currency: str
    mrr: str
    track: str
    day: str
    partner: str | None
    rules_for: Callable[[date], ProgramRules]


def points_by_month(
    ddf: Any,
    *,
    client: str = "client",
    market: str = "market",
    currency: str = "currency",
    mrr: str = "mrr",
    track: str = "track",
    date: str = "date",
    partner: str | None = None,
    rules_for: Callable[[Any], ProgramRules] = for_date,
    split_every: int = SPLIT_EVERY,
) -> tuple[MonthPoints, ...]:
    """Return the points a Dask DataFrame of deals earns per partner, client and
    month, exactly: one :class:`~hubpartner.ledger.MonthPoints` per partner, client
    and month with a deal, sorted by them.

    Each row is a deal: the client, its market (a country code), the MRR (a
    ``Decimal``, an int or text, never a float) in a currency, the track (sourced,
    assisted or managed) and the day (a date, a midnight moment, or a date written
    YYYY-MM-DD). Its points are
    those :func:`~hubpartner.points.sold_points` (or
    :func:`~hubpartner.points.managed_points`) gives under ``rules_for(day)``, the
    rule set in force that day (by default :func:`hubpartner.rules.for_date`);
    they are added exactly, partition by partition and then in a tree. ``partner``
    names a column of partners (None: one partner, ``partner`` None in the
    results). Every bad row of a partition is reported in one
    :class:`~hubpartner.errors.LedgerFileError` that names the partition and each
    row's index label.
    """
    feature = "hubpartner.dask.points_by_month"
    ddf = _dataframe(ddf, feature)
    deals = _Deals(
        _column(ddf, client, field="client"),
        _column(ddf, market, field="market"),
        _column(ddf, currency, field="currency"),
        _column(ddf, mrr, field="mrr"),
        _column(ddf, track, field="track"),
        _column(ddf, date, field="date"),
        None if partner is None else _column(ddf, partner, field="partner"),
        rules_function(rules_for),
    )
    split_every = whole_number(split_every, field="split_every", minimum=2)
    delayed = _module("dask", feature).delayed
    earn = delayed(_earned, pure=True)
    partials = [earn(part, number, deals) for number, part in enumerate(ddf.to_delayed())]
    found: dict[tuple[str, str, Any], PointsHeld] = _tree(partials, split_every, delayed).compute()
    return tuple(
        MonthPoints(None if who == "" else who, name, month, held)
        for (who, name, month), held in sorted(found.items(), key=lambda item: item[0])
    )


def _earned(part: Any, number: int, deals: _Deals) -> dict[tuple[str, str, date], PointsHeld]:
    """The points of each partner, client and month of one partition (the partner
    "" when there is no partner column)."""
    found: dict[tuple[str, str, date], PointsHeld] = {}
    problems = []
    partners: Iterable[Any] = (
        part[deals.partner] if deals.partner is not None else [""] * len(part)
    )
    rows = zip(
        part.index,
        partners,
        *(part[column] for column in (deals.client, deals.market, deals.currency)),
        *(part[column] for column in (deals.mrr, deals.track, deals.day)),
        strict=True,
    )
    for label, who, name, market, currency, amount, track, day in rows:
        try:
            key, held = _deal(deals, who, name, market, currency, amount, track, day)
        except HubPartnerError as exc:
            problems.append(IndexProblem(_label(label), exc.message))
        else:
            found[key] = found[key] + held if key in found else held
    if problems:
        raise LedgerFileError(f"<Dask DataFrame, partition {number}>", problems)
    return found


def _deal(deals: _Deals, *cells: Any) -> tuple[tuple[str, str, date], PointsHeld]:
    """The key and points of one deal, from its cells (each one filled: pandas' NA or
    NaT is refused as it is, naming its column)."""
    values = [_scalar(cell) for cell in cells]
    # without a partner column each partner cell is "", never a gap
    columns = (deals.partner or "", deals.client, deals.market, deals.currency)
    for column, cell, value in zip(
        (*columns, deals.mrr, deals.track, deals.day), cells, values, strict=True
    ):
        if value is None and cell is not None:  # a gap pandas made (NA or NaT)
            raise InvalidTypeError(
                column,
                cell,
                message(
                    "a value in every cell of a deal, not a missing one such as pandas' NA or NaT"
                ),
            )
    who, name, market, currency, amount, track, day = values
    if deals.partner is not None:
        who = non_empty(who, field=deals.partner)
    name = non_empty(name, field=deals.client)
    on = _day(day, deals.day)
    rule_set = rules_in_force(deals.rules_for, on)
    money = Money(amount, currency)
    chosen = member(Track, track, field=deals.track)
    if chosen is Track.MANAGED:
        held = PointsHeld(managed=managed_points(money, market=market, rules=rule_set))
    else:
        earned = sold_points(money, track=chosen, market=market, rules=rule_set)
        held = PointsHeld(**{chosen.value: earned})
    return (who, name, on.replace(day=1)), held


def _day(value: Any, column: str) -> date:
    """A deal's day: a date, a moment at midnight without a time zone, or a date
    written YYYY-MM-DD (Dask makes text of a column of dates by default)."""
    if isinstance(value, str):
        return date_cell(value, field=column)
    if (
        isinstance(value, datetime)
        and value.tzinfo is None
        and value == datetime(value.year, value.month, value.day)
    ):
        return value.date()
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    raise InvalidTypeError(
        column, value, message("a date, a moment at midnight, or a date written YYYY-MM-DD")
    )
