"""DataFrames: results as pandas DataFrames, and the inputs read from them.

This module needs the optional extra ``hubpartner[pandas]``. pandas is imported only
when one of its functions is called, never by ``import hubpartner`` or by importing
this module; without it, a call raises
:class:`~hubpartner.errors.MissingExtraError`, which says
``pip install 'hubpartner[pandas]'``.

- :func:`to_frame` turns result values into a DataFrame, one row per value, through
  their records (:mod:`hubpartner.records`), with proper dtypes: counts ``Int64``,
  dates ``datetime64``, exact ``Decimal`` values kept exact (or converted only when
  you ask).
- :func:`nps_tally`, :func:`ces_tally` and :func:`csat_tally` count a Series of
  answers: whole-number floats (the column pandas makes of scores with a gap) and
  nullable ``Int64`` are accepted; ``pd.NA``, NaN and None are missing answers, an
  error unless ``missing="exclude"``, as for ``NpsTally.from_scores``.
- :func:`read_responses`, :func:`read_portfolio`, :func:`read_ledger`,
  :func:`read_history` and :func:`read_events` read a DataFrame with the same checks
  as the CSV readers of the same names; a bad row is named by its index label
  (``row 3``) instead of a line.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from importlib import import_module
from typing import Any, Literal, NoReturn, TypeVar

import attrs

from ._checks import sequence
from ._files import CellReader, Columns, CsvFormat, Row, header_problems
from .clients import Portfolio
from .clients import read_portfolio as clients_read_portfolio
from .errors import (
    DataFileError,
    FileProblem,
    HubPartnerError,
    IndexProblem,
    InvalidTypeError,
    InvalidValueError,
    MissingExtraError,
    RowProblem,
    shown,
)
from .ledger import Ledger
from .ledger import read_ledger as ledger_read_ledger
from .managed import Event
from .managed import read_events as managed_read_events
from .messages import message
from .surveys.responses import ResponsesFile
from .surveys.responses import read_responses as surveys_read_responses
from .surveys.scales import CES_7, CSAT_5, NPS, NpsScale, Scale
from .surveys.tally import (
    CesTally,
    CsatTally,
    Missing,
    NpsTally,
    check_answer,
    check_missing,
    nps_tally_of,
)
from .tiers import MonthRecord
from .tiers import read_history as tiers_read_history

__all__ = [
    "ces_tally",
    "csat_tally",
    "nps_tally",
    "read_events",
    "read_history",
    "read_ledger",
    "read_portfolio",
    "read_responses",
    "to_frame",
]

T = TypeVar("T")

#: How :func:`to_frame` gives exact numbers (``Decimal`` and ``Fraction`` values):
#: ``"object"`` keeps them exact (the default), ``"float"`` converts them to
#: ``float64``, ``"string"`` to their plain text (``"62.50"``, ``"2/3"``).
DecimalsAs = Literal["object", "float", "string"]

#: How a DataFrame is named in messages.
FRAME = "<DataFrame>"


def _pandas() -> Any:
    """The pandas module, or :class:`~hubpartner.errors.MissingExtraError`."""
    try:
        return import_module("pandas")
    except ImportError:
        raise MissingExtraError("pandas", "pandas") from None


def _frame(frame: Any, pd: Any) -> Any:
    if not isinstance(frame, pd.DataFrame):
        raise InvalidTypeError("frame", frame, message("a pandas DataFrame"))
    return frame


def _series(series: Any, pd: Any) -> Any:
    if not isinstance(series, pd.Series):
        raise InvalidTypeError("series", series, message("a pandas Series (a column)"))
    return series


# --- results as a DataFrame ------------------------------------------------------

#: A cell no value gave (a column another row's record has).
_ABSENT = object()


def to_frame(values: Iterable[Any], *, decimals: DecimalsAs = "object") -> Any:
    """Return a DataFrame of result values, one row per value, made from their
    records (:func:`hubpartner.records.to_records`: the same fields and computed
    values, the same names).

    Nested records are flattened into dotted columns (``interval.low``), money into
    two (``mrr.amount``, ``mrr.currency``); a list stays one cell. Dtypes: counts are
    ``Int64``, bools ``boolean``, dates and moments ``datetime64``, float statistics
    ``float64``, text ``string``. An exact number (a ``Decimal`` or a ``Fraction``)
    stays exact, as an ``object`` cell holding the value itself, unless
    ``decimals`` asks for ``"float"`` (``float64``, rounded) or ``"string"`` (its
    plain text, as in a record). Moments with a UTC offset are given in UTC; a
    column that mixes moments with and without one stays ``object``.
    """
    pd = _pandas()
    if decimals not in ("object", "float", "string"):
        raise InvalidValueError(
            "decimals", decimals, message("'object' (the default), 'float' or 'string'")
        )
    from .records import to_record

    rows = []
    for position, value in enumerate(sequence(values, field="values")):
        try:
            record = to_record(value)
        except InvalidTypeError as exc:
            raise InvalidTypeError(f"values[{position}]", exc.value, exc.expected) from None
        rows.append(dict(_flat(value, record, "")))
    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row))
    columns = {
        name: _column([row.get(name, _ABSENT) for row in rows], decimals, pd) for name in names
    }
    return pd.DataFrame(columns, index=pd.RangeIndex(len(rows)))


def _flat(native: Any, record: Mapping[str, Any], prefix: str) -> Iterator[tuple[str, Any]]:
    """The cells of ``record`` (the record of ``native``) by dotted name: each exact
    number, float and date as ``native`` holds it where its record shows that value,
    everything else as the record gives it."""
    for key, shown_value in record.items():
        name = f"{prefix}{key}"
        own = _native(native, key)
        if isinstance(shown_value, Mapping):
            yield from _flat(own, shown_value, f"{name}.")
        elif isinstance(own, Decimal | Fraction | float | date) and _same(own, shown_value):
            yield name, own
        else:
            yield name, shown_value


def _native(value: Any, key: str) -> Any:
    """What ``value`` holds under ``key`` (a method called with its defaults), or
    :data:`_ABSENT`."""
    try:
        found = getattr(value, key, _ABSENT)
        return found() if callable(found) else found
    except HubPartnerError:
        return _ABSENT


def _same(native: Any, shown_value: Any) -> bool:
    """Whether the record shows ``native`` as ``shown_value``."""
    from .records import plain

    return bool(plain(native) == shown_value)


def _column(cells: list[Any], decimals: DecimalsAs, pd: Any) -> Any:
    """The cells of a column as a Series of the dtype their values call for."""
    present = [cell for cell in cells if cell is not _ABSENT and cell is not None]
    empty = [None if cell is _ABSENT else cell for cell in cells]
    kinds = {_kind(cell) for cell in present}
    if kinds == {"exact"}:
        if decimals == "float":
            return pd.Series([None if c is None else float(c) for c in empty], dtype="float64")
        if decimals == "string":
            return pd.Series(
                [None if c is None else _exact_text(c) for c in empty], dtype="string"
            )
        return pd.Series(empty, dtype="object")
    dtype = {
        frozenset({"bool"}): "boolean",
        frozenset({"count"}): "Int64",
        frozenset({"float"}): "float64",
        frozenset({"text"}): "string",
        frozenset({"date"}): "datetime64[s]",
    }.get(frozenset(kinds), "object")
    if dtype == "datetime64[s]":
        empty = [None if c is None else datetime.combine(c, datetime.min.time()) for c in empty]
        return pd.Series(empty, dtype=dtype)
    if kinds == {"moment"}:
        aware = {cell.utcoffset() is not None for cell in present}
        if len(aware) == 1:  # all with a UTC offset (given in UTC), or none
            return pd.Series(pd.to_datetime(empty, utc=aware.pop()))
        return pd.Series(empty, dtype="object")
    if dtype == "float64":
        empty = [float("nan") if c is None else c for c in empty]
    return pd.Series(empty, dtype=dtype)


def _kind(cell: Any) -> str:
    """What sort of value a cell holds, for its column's dtype."""
    if isinstance(cell, bool):
        return "bool"
    if isinstance(cell, int):
        return "count"
    if isinstance(cell, Decimal | Fraction):
        return "exact"
    if isinstance(cell, float):
        return "float"
    if isinstance(cell, str):
        return "text"
    if isinstance(cell, datetime):
        return "moment"
    if isinstance(cell, date):
        return "date"
    return "other"


def _exact_text(value: Decimal | Fraction) -> str:
    from .records import plain

    return str(plain(value))


# --- tallies from a Series --------------------------------------------------------


def nps_tally(series: Any, *, missing: Missing = "error", scale: NpsScale = NPS) -> NpsTally:
    """Count a Series of 0-10 answers into an :class:`~hubpartner.surveys.NpsTally`.

    It counts as :meth:`NpsTally.from_scores <hubpartner.surveys.NpsTally.from_scores>`
    counts the same answers, and as fast as it counts a list: whole-number floats and
    nullable ``Int64`` are answers; ``pd.NA``, NaN and None are missing (an error
    unless ``missing="exclude"``); a fractional, out-of-range, bool or text answer is
    refused, naming its index label (``score[7]``).
    """
    if not isinstance(scale, NpsScale):
        raise InvalidTypeError("scale", scale, message("an NpsScale, such as surveys.NPS"))
    return nps_tally_of(_answer_counts(series, scale.low, scale.high, missing), scale)


def ces_tally(series: Any, *, scale: Scale = CES_7, missing: Missing = "error") -> CesTally:
    """Count a Series of answers into a :class:`~hubpartner.surveys.CesTally` (on
    ``scale``), as :func:`nps_tally` counts."""
    return _histogram(CesTally, series, scale, missing)


def csat_tally(series: Any, *, scale: Scale = CSAT_5, missing: Missing = "error") -> CsatTally:
    """Count a Series of answers into a :class:`~hubpartner.surveys.CsatTally` (on
    ``scale``), as :func:`nps_tally` counts."""
    return _histogram(CsatTally, series, scale, missing)


def _histogram(kind: type[T], series: Any, scale: Any, missing: Missing) -> T:
    if not isinstance(scale, Scale):
        raise InvalidTypeError("scale", scale, message("a Scale, such as surveys.CES_7"))
    counts = _answer_counts(series, scale.low, scale.high, missing)
    return kind(scale, counts)  # type: ignore[call-arg]


def _answer_counts(series: Any, low: int, high: int, missing: Any) -> list[int]:
    """How many answered each of ``low..high`` in ``series``; a bad answer raises the
    error ``check_answer`` raises, naming its index label."""
    np = import_module("numpy")
    answers, _ = answers_of(series, low, high, missing)
    return [int(count) for count in np.bincount(answers - low, minlength=high - low + 1)]


def answers_of(series: Any, low: int, high: int, missing: Any) -> tuple[Any, Any]:
    """The answers of ``series`` (an ``int64`` array) and which rows gave one (a
    ``bool`` array, one per row: False for a missing answer excluded); a bad answer
    raises the error ``check_answer`` raises, naming its index label as
    ``name[label]`` (the Series' name, or ``series``)."""
    pd = _pandas()
    np = import_module("numpy")
    series = _series(series, pd)
    policy = check_missing(missing)
    dtype = series.dtype
    if pd.api.types.is_bool_dtype(dtype) or not pd.api.types.is_numeric_dtype(dtype):
        return _checked_answers(series, low, high, policy, np)
    absent = series.isna().to_numpy()
    if absent.any() and policy == "error":
        _refuse(series, int(absent.argmax()), low, high, policy)
    if pd.api.types.is_float_dtype(dtype):
        values = series.to_numpy(dtype="float64", na_value=low)
        bad = ~absent & ((values != np.floor(values)) | (values < low) | (values > high))
    else:
        values = series.to_numpy(dtype="int64", na_value=low)
        bad = ~absent & ((values < low) | (values > high))
    if bad.any():
        _refuse(series, int(bad.argmax()), low, high, policy)
    return values[~absent].astype("int64"), ~absent


def _checked_answers(
    series: Any, low: int, high: int, policy: Missing, np: Any
) -> tuple[Any, Any]:
    """The answers of a Series of any other dtype (objects, bools), checked one at a
    time, as :func:`answers_of` gives them."""
    answers = []
    given = np.ones(len(series), dtype=bool)
    name = _name(series)
    for position, (label, value) in enumerate(zip(series.index, series, strict=True)):
        field = f"{name}[{shown(_label(label))}]"
        answer = check_answer(_scalar(value), position, low, high, policy, field=field)
        if answer is None:
            given[position] = False
        else:
            answers.append(answer)
    return np.array(answers, dtype="int64"), given


def _refuse(series: Any, position: int, low: int, high: int, policy: Missing) -> NoReturn:
    """Raise the error of the answer at ``position``, which is bad."""
    value = _scalar(series.iloc[position])
    field = f"{_name(series)}[{shown(_label(series.index[position]))}]"
    check_answer(value, position, low, high, policy, field=field)
    raise AssertionError(value)  # pragma: no cover - only bad answers are given here


def _name(series: Any) -> str:
    return series.name if isinstance(series.name, str) and series.name else "series"


def _scalar(value: Any) -> Any:
    """A cell as a Python value: NumPy's numbers as ints and floats, pd.NA and NaT
    as None (a missing answer)."""
    pd = _pandas()
    if value is pd.NA or value is pd.NaT:
        return None
    if hasattr(value, "item") and type(value).__module__ == "numpy":
        return value.item()
    return value


def _label(label: Any) -> Any:
    """An index label as a message shows it: NumPy's numbers as Python's."""
    return _scalar(label)


# --- tables from a DataFrame ----------------------------------------------------


@attrs.frozen(eq=False)
class _FrameTable:
    """A DataFrame as a table that the loaders read (see ``_files.Table``): its
    columns are the header, each row's cells are given as a CSV file writes them,
    and a problem is named by the row's index label."""

    frame: Any
    source: str = FRAME

    def rows(
        self, columns: Columns, error: type[DataFileError]
    ) -> tuple[Iterator[Row], list[RowProblem]]:
        """The rows of the frame (each keyed as :meth:`_by_label` says), streamed,
        and the list the problems of rows are appended to as the stream meets them,
        as ``_files.iter_rows`` checks them; a bad header is refused at once."""
        header = [column.strip() if isinstance(column, str) else "" for column in self.frame]
        found = header_problems(header, columns.required)
        if found:
            raise error(self.source, [FileProblem(said) for said in found])
        problems: list[RowProblem] = []
        return self._stream(header, columns, problems), problems

    def _stream(
        self, header: list[str], columns: Columns, problems: list[RowProblem]
    ) -> Iterator[Row]:
        must_fill = columns.required if columns.filled is None else columns.filled
        reader = CellReader(header, must_fill, columns, CsvFormat(), by_name=True)
        exact = list(columns.numbers)
        for position, record in zip(
            self._keys(), self.frame.itertuples(index=False, name=None), strict=True
        ):
            try:
                cells = {
                    column: _cell(value, column, exact)
                    for column, value in zip(header, record, strict=True)
                }
            except InvalidTypeError as exc:
                problems.append(RowProblem(position, exc.message))
            else:
                if reader.read(position, cells, problems):
                    yield position, cells

    def refuse(self, error: type[DataFileError], problems: list[RowProblem]) -> NoReturn:
        """Raise ``error`` with ``problems`` named by the rows' index labels."""
        raise error(
            self.source,
            [IndexProblem(self.label(problem.line), problem.message) for problem in problems],
        )

    def _by_label(self) -> bool:
        """Whether the rows are keyed by their index labels (unique ints), so that a
        message that names another row (``already on line 3``) names its label; else
        they are keyed by their positions."""
        index = self.frame.index
        return bool(index.is_unique) and index.inferred_type == "integer"

    def _keys(self) -> Iterable[int]:
        """The key of each row: its label (see :meth:`_by_label`) or its position."""
        if self._by_label():
            return (int(label) for label in self.frame.index)
        return range(len(self.frame))

    def excluded(self, keys: Iterable[int]) -> tuple[tuple[int, ...], tuple[Any, ...]]:
        """The rows of ``keys`` by their index labels (a frame has no lines)."""
        return (), tuple(self.label(key) for key in keys)

    def label(self, key: int) -> Any:
        """The index label of the row of ``key``."""
        return key if self._by_label() else _label(self.frame.index[key])


def _cell(value: Any, column: str, exact: list[str]) -> str:
    """A cell as a CSV file writes it (blank for a missing value), or why it cannot
    be read: a float in a column of exact numbers (``exact``)."""
    pd = _pandas()
    value = _scalar(value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        if value != value:
            return ""
        if column in exact:
            raise InvalidTypeError(
                column,
                value,
                message(
                    "a Decimal, an int or text (pandas.read_csv(..., dtype=str)); a float "
                    "holds no exact amount"
                ),
            )
        return str(int(value)) if value.is_integer() else repr(value)
    if value is None:
        return ""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, Decimal):
        return "" if value.is_nan() else format(value, "f")
    if isinstance(value, pd.Timestamp):
        value = value.to_pydatetime()
    if isinstance(value, datetime):
        midnight = value.tzinfo is None and value == datetime.combine(
            value.date(), datetime.min.time()
        )
        return value.date().isoformat() if midnight else value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _table(frame: Any) -> _FrameTable:
    return _FrameTable(_frame(frame, _pandas()))


def read_responses(frame: Any, **options: Any) -> ResponsesFile:
    """Read survey responses from a DataFrame, as
    :func:`~hubpartner.surveys.read_responses` reads a CSV file (the same columns,
    the same options, the same checks, every bad row reported), naming a bad row by
    its index label; the rows left out by ``missing="exclude"`` are the
    ``excluded_rows``, by their labels.

    Scores may be ints, whole-number floats or nullable ``Int64`` (a missing one is
    blank); ``at`` may be text, dates or timestamps; a weight is a ``Decimal``, an
    int or text, never a float (a float holds no exact weight).
    """
    return surveys_read_responses(_table(frame), **options)


def read_portfolio(frame: Any, **options: Any) -> Portfolio:
    """Read a portfolio from a DataFrame with one row per client product, as
    :func:`~hubpartner.clients.read_portfolio` reads a CSV file (the same options),
    naming a bad row by its index label. ``mrr`` is a ``Decimal``, an int or text,
    never a float."""
    return clients_read_portfolio(_table(frame), **options)


def read_ledger(frame: Any, **options: Any) -> Ledger:
    """Read a points ledger from a DataFrame, as :func:`~hubpartner.ledger.read_ledger`
    reads a CSV file (the same options), naming a bad row by its index label.
    ``points`` is a ``Decimal``, an int or text, never a float; ``growth`` may be a
    bool."""
    return ledger_read_ledger(_table(frame), **options)


def read_events(frame: Any) -> Mapping[str, tuple[Event, ...]]:
    """Read the events of managed relationships from a DataFrame, as
    :func:`~hubpartner.managed.read_events` reads a CSV file, naming a bad row by its
    index label. ``date`` may be text, dates or timestamps; a missing ``user``,
    ``tool`` or ``action`` is a blank cell (not given)."""
    return managed_read_events(_table(frame))


def read_history(frame: Any) -> tuple[MonthRecord, ...]:
    """Read a monthly tier history from a DataFrame, as
    :func:`~hubpartner.tiers.read_history` reads a CSV file, naming a bad row by its
    index label. Points are ``Decimal`` values, ints or text, never floats."""
    return tiers_read_history(_table(frame))
