"""Plain data: every result as a JSON-safe record, and stored inputs built back.

A record is a ``dict`` whose first key is ``"type"`` (such as ``"nps_tally"``) and
second ``"schema"`` (:data:`SCHEMA_VERSION`), then the value's fields and the values
computed from it that a reader asks for (a tally's score, a tier's gap …). The number
rule, used by records and by every JSON the command line prints:

- an exact quantity (a ``Decimal``: money, points, a rate, a share) is a decimal
  string in plain notation (``"62.50"``, never ``"6.25E+1"``);
- a count (answers, clients, months, days) is a JSON integer;
- a ``Fraction`` is an exact string (``"2/3"``, or ``"3"`` when whole); in a record it
  has a float companion ``"<name>_float"`` beside it;
- a float statistic (an interval bound) is a decimal string rounded half-even to
  :data:`PLACES` decimal places, without trailing zeros;
- a bool is a JSON bool, ``None`` is ``null``, an enum is its value, a date is
  ``"YYYY-MM-DD"``, a datetime ISO 8601, money ``{"amount": "…", "currency": "…"}``,
  a tuple or list a list, a set a sorted list, a nested value a nested record.

No locale ever enters a record.

    >>> from decimal import Decimal
    >>> from fractions import Fraction
    >>> from hubpartner.records import plain
    >>> plain(Decimal("6.25E+1")), plain(Fraction(2, 3)), plain(0.1234567891)
    ('62.5', '2/3', '0.123457')
"""

from __future__ import annotations

import enum
import math
import re
from collections.abc import Callable, Iterable, Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation
from fractions import Fraction
from types import MappingProxyType
from typing import Any, NamedTuple

import attrs

from ._checks import new_context, sequence
from .errors import EmptyTallyError, InvalidTypeError, InvalidValueError, RecordError, shown
from .messages import Message, message
from .money import Money

__all__ = [
    "MAX_DEPTH",
    "MAX_DIGITS",
    "PLACES",
    "SCHEMA_VERSION",
    "from_record",
    "input_types",
    "plain",
    "record_types",
    "to_record",
    "to_records",
]

#: The version of the record form; see docs/records.md for what changes bump it.
SCHEMA_VERSION = 1
#: The decimal places a float statistic (an interval bound, a p-value) is rounded to.
PLACES = 6

#: The most digits a number in plain data has (an amount, a count, each side of a
#: fraction): far beyond any the library makes, and short enough to write.
MAX_DIGITS = 1000
#: The most levels plain data and records nest, one inside another (a list in a list,
#: a record in a record's field): far beyond any the library makes, and few enough to
#: write and read without running out of Python's stack.
MAX_DEPTH = 100

# Enough digits to hold any finite float to PLACES decimal places exactly.
_FLOAT_DIGITS = 330
#: The step a float is rounded to: PLACES places.
_STEP = Decimal((0, (1,), -PLACES))
#: The context a float is rounded in (never installed as current): the current one may
#: be narrow, or trap what this rounding signals.
_FLOAT_CONTEXT = new_context(_FLOAT_DIGITS, traps=[InvalidOperation])


def _too_long(value: Any, *, field: str) -> InvalidValueError:
    return InvalidValueError(
        field,
        value,
        message("a number of at most {digits} digits in plain notation", digits=MAX_DIGITS),
    )


def _nested() -> Message:
    return message("data nested at most {levels} levels deep", levels=MAX_DEPTH)


def _decimal_text(value: Decimal, *, field: str) -> str:
    if not value.is_finite():
        raise InvalidValueError(field, value, message("a finite number"))
    digits, exponent = value.as_tuple()[1:]
    if value.is_zero():  # written "0", whatever its exponent above 0 says
        exponent = min(int(exponent), 0)
    if len(digits) + abs(int(exponent)) > MAX_DIGITS:
        raise _too_long(value, field=field)
    return format(value, "f")


def _whole(value: int, *, field: str) -> int:
    if abs(value) >= 10**MAX_DIGITS:
        raise _too_long(value, field=field)
    return int(value)


def _float_text(value: float, *, field: str) -> str:
    if not math.isfinite(value):
        raise InvalidValueError(field, value, message("a finite number"))
    # the float's exact value (converted explicitly: no FloatOperation is signalled),
    # rounded in a context of its own, never installed as current
    rounded = Decimal.from_float(value).quantize(_STEP, ROUND_HALF_EVEN, _FLOAT_CONTEXT)
    # quantized to PLACES > 0 places, the text always has a decimal point
    text = format(rounded, "f").rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _fraction_text(value: Fraction, *, field: str) -> str:
    _whole(value.numerator, field=field)
    _whole(value.denominator, field=field)
    return str(value)


def plain(value: Any, *, field: str = "value") -> Any:
    """Return ``value`` as plain, JSON-safe data by the number rule (see the module).

    Raises :class:`~hubpartner.errors.InvalidTypeError` for a value that has no plain
    form, and :class:`~hubpartner.errors.InvalidValueError` for NaN, an infinity, a
    number longer than :data:`MAX_DIGITS` digits or data nested deeper than
    :data:`MAX_DEPTH` levels.
    """
    return _plain(value, field=field, depth=0)


def _deeper(value: Any, *, field: str, depth: int) -> int:
    """The depth of the items of ``value``, a list, mapping, set or record inside
    ``depth`` others; one inside :data:`MAX_DEPTH` others raises
    :class:`~hubpartner.errors.InvalidValueError`."""
    if depth >= MAX_DEPTH:
        raise InvalidValueError(field, value, _nested())
    return depth + 1


def _plain(value: Any, *, field: str, depth: int) -> Any:
    # ``depth`` counts the lists, mappings, sets and records ``value`` is inside
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        return _plain(value.value, field=field, depth=depth)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return _whole(value, field=field)
    if isinstance(value, Decimal):
        return _decimal_text(value, field=field)
    if isinstance(value, Fraction):
        return _fraction_text(value, field=field)
    if isinstance(value, float):
        return _float_text(value, field=field)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Money):
        return {"amount": _decimal_text(value.amount, field=field), "currency": value.currency}
    if _kind_of(value) is not None:
        return _record(value, field=field, depth=depth)
    if isinstance(value, Mapping):
        inner = _deeper(value, field=field, depth=depth)
        return {
            _key(key, field=field, depth=inner): _plain(
                item, field=f"{field}[{shown(key)}]", depth=inner
            )
            for key, item in value.items()
        }
    if isinstance(value, tuple | list):
        inner = _deeper(value, field=field, depth=depth)
        return [
            _plain(item, field=f"{field}[{index}]", depth=inner)
            for index, item in enumerate(value)
        ]
    if isinstance(value, set | frozenset):
        inner = _deeper(value, field=field, depth=depth)
        items = [_plain(item, field=field, depth=inner) for item in value]
        return sorted(items, key=repr)
    raise InvalidTypeError(
        field,
        value,
        message("a value with a plain form: a number, text, a date, money or a result"),
    )


def _key(key: Any, *, field: str, depth: int) -> str:
    written = _plain(key, field=field, depth=depth)
    if isinstance(written, str):
        return written
    if isinstance(written, int) and not isinstance(written, bool):
        return str(written)
    raise InvalidTypeError(field, key, message("a text, number, date or enum as a key"))


Record = dict[str, Any]


class _Kind(NamedTuple):
    """How a type becomes a record: its ``type`` name, the computed values added after
    its fields (properties, or methods called with their defaults), the fields left
    out, and a function adding values that need more than a name."""

    name: str
    computed: tuple[str, ...] = ()
    omitted: tuple[str, ...] = ()
    extra: Callable[[Any], Record] | None = None


#: The confidence level of the interval in a tally's record (the library's default).
DEFAULT_CONFIDENCE = 0.95


def _stated(interval: Callable[[], Any], method: str) -> Record:
    """The interval a tally's record holds, with its method and level; ``None`` for a
    tally with too few answers to have one."""
    try:
        bounds = interval()
    except EmptyTallyError:
        return {"interval": None}
    return {
        "interval": {
            "low": plain(bounds.low, field="interval.low"),
            "high": plain(bounds.high, field="interval.high"),
            "confidence": plain(DEFAULT_CONFIDENCE, field="confidence"),
            "method": method,
        }
    }


def _nps_interval(value: Any) -> Record:
    return _stated(lambda: value.interval(DEFAULT_CONFIDENCE, "adjusted-wald"), "adjusted-wald")


def _ces_interval(value: Any) -> Record:
    # Student's t interval of the mean
    return _stated(lambda: value.interval(DEFAULT_CONFIDENCE), "t")


def _csat_interval(value: Any) -> Record:
    # the Wilson interval of the percentage
    return _stated(lambda: value.interval(DEFAULT_CONFIDENCE), "wilson")


_NPS = ("n", "score", "rounded", "promoter_share", "detractor_share")
_HISTOGRAM = ("n", "score", "rounded", "mean")

# Every type with a record, by its module and qualified name (so that this module
# imports none of them), and how.
_KINDS: Mapping[str, _Kind] = MappingProxyType(
    {
        "hubpartner.money.Money": _Kind("money"),
        "hubpartner.points.PointsEstimate": _Kind("points_estimate"),
        # ledger
        "hubpartner.ledger.PointsHeld": _Kind("points_held", ("sold", "total")),
        "hubpartner.ledger.ClientPoints": _Kind("client_points"),
        "hubpartner.ledger.PointChange": _Kind("point_change", ("net",)),
        "hubpartner.ledger.Expiry": _Kind("expiry"),
        "hubpartner.ledger.SoldDeal": _Kind("sold_deal"),
        "hubpartner.ledger.ManagedMonth": _Kind("managed_month"),
        # managed
        "hubpartner.managed.CreditStatus": _Kind("credit_status", omitted=("rules",)),
        "hubpartner.managed.MonthlyCredit": _Kind("monthly_credit"),
        "hubpartner.managed.ActivePeriod": _Kind("active_period"),
        "hubpartner.managed.UncountedActivity": _Kind("uncounted_activity"),
        "hubpartner.managed.Event": _Kind("managed_event"),
        # clients
        "hubpartner.clients.ClientRow": _Kind("client_row"),
        "hubpartner.clients.RenewalAlert": _Kind("renewal_alert"),
        "hubpartner.clients.EndedService": _Kind("ended_service"),
        # engagement
        "hubpartner.engagement.ClientEngagement": _Kind("client_engagement", ("score", "band")),
        "hubpartner.engagement.EngagementScore": _Kind("engagement_score"),
        "hubpartner.engagement.CategoryScore": _Kind("category_score"),
        "hubpartner.engagement.Opportunity": _Kind("opportunity"),
        "hubpartner.engagement.Usage": _Kind("usage"),
        "hubpartner.engagement.Subscription": _Kind("subscription"),
        "hubpartner.engagement.Hub": _Kind("hub"),
        "hubpartner.engagement.HubHoldings": _Kind("hub_holdings", ("count",)),
        "hubpartner.engagement.EditionHolding": _Kind("edition_holding", ("count",)),
        # reviews
        "hubpartner.reviews.Summary": _Kind(
            "review_summary", ("average", "average_display"), omitted=("rounding",)
        ),
        "hubpartner.reviews.CategorySummary": _Kind(
            "category_summary", ("average", "average_display"), omitted=("rounding",)
        ),
        "hubpartner.reviews.PublicReview": _Kind("public_review"),
        "hubpartner.reviews.PublicResponse": _Kind("public_response"),
        # surveys
        "hubpartner.surveys.tally.NpsTally": _Kind("nps_tally", _NPS, extra=_nps_interval),
        "hubpartner.surveys.tally.WeightedNpsTally": _Kind(
            "weighted_nps_tally", (*_NPS, "effective_n"), extra=_nps_interval
        ),
        "hubpartner.surveys.tally.CesTally": _Kind(
            "ces_tally", (*_HISTOGRAM, "agree_share"), extra=_ces_interval
        ),
        "hubpartner.surveys.tally.CsatTally": _Kind(
            "csat_tally", _HISTOGRAM, extra=_csat_interval
        ),
        "hubpartner.surveys.scales.Scale": _Kind("scale"),
        "hubpartner.surveys.stats.Interval": _Kind("interval"),
        "hubpartner.surveys.stats.NpsComparison": _Kind("nps_comparison"),
        "hubpartner.surveys.responses.Group": _Kind("survey_group"),
        "hubpartner.surveys.responses.Period": _Kind("period"),
        "hubpartner.surveys.responses.LatestNps": _Kind("latest_nps"),
        "hubpartner.surveys.responses.Response": _Kind("survey_response"),
        "hubpartner.surveys.lifecycle.Range": _Kind("range"),
        # tiers
        "hubpartner.tiers.Evaluation": _Kind("evaluation"),
        "hubpartner.tiers.Progress": _Kind("progress"),
        "hubpartner.tiers.TrackProgress": _Kind("track_progress"),
        "hubpartner.tiers.Decision": _Kind("decision"),
        "hubpartner.tiers.WhatIf": _Kind("what_if", ("closes",)),
        "hubpartner.tiers.GoldDeadline": _Kind("gold_deadline", ("state", "days_left")),
        "hubpartner.tiers.Thresholds": _Kind("thresholds"),
        "hubpartner.tiers.TierRequirement": _Kind("tier_requirement"),
        "hubpartner.tiers.EliteRequirements": _Kind("elite_requirements"),
        "hubpartner.tiers.EliteStatus": _Kind("elite_status"),
        "hubpartner.tiers.MonthRecord": _Kind("month_record"),
    }
)


def _kind_of_type(kind: type) -> _Kind | None:
    return _KINDS.get(f"{kind.__module__}.{kind.__qualname__}")


def _kind_of(value: Any) -> _Kind | None:
    return _kind_of_type(type(value))


def record_types() -> tuple[str, ...]:
    """The ``type`` of every record :func:`to_record` makes, sorted."""
    return tuple(sorted(kind.name for kind in _KINDS.values()))


def _put(record: Record, name: str, value: Any, *, field: str, depth: int) -> None:
    record[name] = _plain(value, field=field, depth=depth)
    if isinstance(value, Fraction):
        record[f"{name}_float"] = float(value)


def _computed(value: Any, name: str) -> Any:
    try:
        found = getattr(value, name)
        return found() if callable(found) else found
    except EmptyTallyError:
        return None


def to_record(value: Any) -> Record:
    """Return the record of a result (see the module for the form).

    Raises :class:`~hubpartner.errors.InvalidTypeError` for a value of a type that
    has no record; :func:`record_types` lists those that have one.
    """
    return _record(value, field="value", depth=0)


def _record(value: Any, *, field: str, depth: int) -> Record:
    kind = _kind_of(value)
    if kind is None:
        raise InvalidTypeError(
            field,
            value,
            message(
                "a result of hubpartner with a record: {types}",
                types=", ".join(sorted({key.rsplit(".", 1)[1] for key in _KINDS})),
            ),
        )
    inner = _deeper(value, field=field, depth=depth)
    record: Record = {"type": kind.name, "schema": SCHEMA_VERSION}
    names = (
        [attribute.name for attribute in attrs.fields(type(value))]
        if attrs.has(type(value))
        else list(value._fields)
    )
    for name in names:
        if not name.startswith("_") and name not in kind.omitted:
            _put(record, name, getattr(value, name), field=name, depth=inner)
    for name in kind.computed:
        _put(record, name, _computed(value, name), field=name, depth=inner)
    if kind.extra is not None:
        record.update(kind.extra(value))
    return record


def to_records(values: Iterable[Any]) -> list[Record]:
    """Return the record of each value, in order (see :func:`to_record`)."""
    items = sequence(values, field="values")
    return [_record(value, field=f"values[{index}]", depth=0) for index, value in enumerate(items)]


#: An exact number as records write it: a whole number, a fraction or a decimal.
_EXACT = re.compile(r"-?(?P<whole>[0-9]+)(?:/(?P<below>[0-9]+)|\.(?P<places>[0-9]+))?")
#: The length of the longest such text, a fraction with MAX_DIGITS digits on each side.
_EXACT_LENGTH = len(f"-{'9' * MAX_DIGITS}/{'9' * MAX_DIGITS}")


def _exact(value: str, *, key: str) -> re.Match[str]:
    """The parts of an exact number as records write it, of at most :data:`MAX_DIGITS`
    digits (on each side of a fraction's "/", whose denominator is not 0); anything
    else raises :class:`~hubpartner.errors.RecordError` naming ``key``, before any
    arithmetic on its digits."""
    found = _EXACT.fullmatch(value) if len(value) <= _EXACT_LENGTH else None
    if found is not None:
        whole, below, places = found["whole"], found["below"], found["places"]
        if below is None and len(whole) + len(places or "") <= MAX_DIGITS:
            return found
        if below is not None and max(len(whole), len(below)) <= MAX_DIGITS and below.strip("0"):
            return found
    raise RecordError(
        key,
        value,
        message(
            "an exact number as records write it, such as '2/3', '-3' or '1.5', of at most "
            "{digits} digits (on each side of a '/'), with a denominator other than 0",
            digits=MAX_DIGITS,
        ),
    )


def _fraction(value: Any, *, key: str) -> Any:
    # An exact string ("2/3", "1.5") as a Fraction; anything else but a string as it
    # is, for the value's own check to refuse.
    if isinstance(value, str):
        _exact(value, key=key)
        return Fraction(value)
    return value


def _number(value: Any, *, key: str) -> Any:
    # A weight, exact as it was: "2/3" a Fraction, "1.5" a Decimal.
    if isinstance(value, str) and _exact(value, key=key)["below"] is None:
        return Decimal(value)
    return _fraction(value, key=key)


def _moment(value: Any, *, key: str) -> Any:
    # An ISO 8601 string as a datetime; anything else as it is, for the value's own
    # check to refuse.
    if isinstance(value, str):
        try:
            return datetime.fromisoformat(value)
        except ValueError:
            return value
    return value


class _Input(NamedTuple):
    """A type :func:`from_record` builds: its module, its class, and how the keys
    whose record form its constructor does not take are read back."""

    module: str
    name: str
    read: Mapping[str, Callable[..., Any]] = MappingProxyType({})


_FRACTIONS = MappingProxyType(
    dict.fromkeys(("promoters", "passives", "detractors", "sum_of_squares"), _fraction)
)

_INPUTS: Mapping[str, _Input] = MappingProxyType(
    {
        "money": _Input("money", "Money"),
        "points_held": _Input("ledger", "PointsHeld"),
        "nps_tally": _Input("surveys.tally", "NpsTally"),
        "weighted_nps_tally": _Input("surveys.tally", "WeightedNpsTally", _FRACTIONS),
        "ces_tally": _Input("surveys.tally", "CesTally"),
        "csat_tally": _Input("surveys.tally", "CsatTally"),
        "scale": _Input("surveys.scales", "Scale"),
        "survey_response": _Input(
            "surveys.responses", "Response", MappingProxyType({"at": _moment, "weight": _number})
        ),
        "thresholds": _Input("tiers", "Thresholds"),
        "tier_requirement": _Input("tiers", "TierRequirement"),
        "elite_requirements": _Input("tiers", "EliteRequirements"),
    }
)


def input_types() -> tuple[str, ...]:
    """The ``type`` of every record :func:`from_record` reads, sorted."""
    return tuple(sorted(_INPUTS))


def _read(value: Any, *, key: str, depth: int) -> Any:
    # JSON's lists are a value's tuples, and a nested record is a value of its own;
    # ``depth`` counts the lists and records ``value`` is inside.
    nests = isinstance(value, list) or (isinstance(value, dict) and "type" in value)
    if nests and depth >= MAX_DEPTH:
        raise RecordError(key, value, _nested())
    if isinstance(value, list):
        return tuple(_read(item, key=key, depth=depth + 1) for item in value)
    if nests:
        return _from_record(value, depth=depth)
    return value


def _field(spec: _Input, key: str, record: Mapping[str, Any], *, depth: int) -> Any:
    # A number that may be a Decimal or a Fraction is a Fraction when the record
    # gives its float companion (a whole Fraction is written "3", like a Decimal).
    read = spec.read.get(key)
    if read is None:
        return _read(record[key], key=key, depth=depth)
    if read is _number and f"{key}_float" in record:
        read = _fraction
    return read(record[key], key=key)


def _same(given: Any, made: Any) -> bool:
    # Whether a computed value a record gives is the one its fields give; a value that
    # cannot be compared (a signaling NaN, an array) is not.
    try:
        return bool(given == made)
    except (ArithmeticError, TypeError, ValueError):
        return False


def from_record(record: Mapping[str, Any]) -> Any:
    """Return the value a record of a stored input describes, exactly as it was.

    The record is one :func:`to_record` made (or one read back from its JSON) of a
    type :func:`input_types` lists. Every field must be there and no other key; the
    computed values (a tally's ``score``…) may be left out, and those given must be
    the ones the value has. An exact number is a string as records write it (at most
    :data:`MAX_DIGITS` digits), and records and lists nest at most :data:`MAX_DEPTH`
    levels. Anything else raises :class:`~hubpartner.errors.RecordError` naming the
    key (or the value's own error, for a field it does not accept).
    """
    return _from_record(record, depth=0)


def _from_record(record: Mapping[str, Any], *, depth: int) -> Any:
    if not isinstance(record, Mapping):
        raise InvalidTypeError("record", record, message("a record: a dict with a type key"))
    listed = ", ".join(input_types())
    if "type" not in record:
        raise RecordError(
            "type", sorted(map(str, record)), message("one of {types}", types=listed), missing=True
        )
    name = record["type"]
    if not isinstance(name, str) or name not in _INPUTS:
        raise RecordError("type", name, message("one of {types}", types=listed))
    if "schema" not in record:
        raise RecordError(
            "schema",
            sorted(map(str, record)),
            message("the schema version {version}", version=SCHEMA_VERSION),
            missing=True,
        )
    if type(record["schema"]) is not int or record["schema"] != SCHEMA_VERSION:
        raise RecordError(
            "schema",
            record["schema"],
            message("the schema version {version}", version=SCHEMA_VERSION),
        )
    spec = _INPUTS[name]
    from importlib import import_module

    kind: type = getattr(import_module(f"{__package__}.{spec.module}"), spec.name)
    fields = [field.name for field in attrs.fields(kind)]
    for key in fields:
        if key not in record:
            raise RecordError(
                key,
                sorted(map(str, record)),
                message(
                    "the fields of a {type} record: {fields}", type=name, fields=", ".join(fields)
                ),
                missing=True,
            )
    value = kind(**{key: _field(spec, key, record, depth=depth + 1) for key in fields})
    made = to_record(value)
    for key in record:
        if key not in made:
            raise RecordError(
                key,
                record[key],
                message(
                    "only the keys of a {type} record: {keys}", type=name, keys=", ".join(made)
                ),
            )
        if key not in fields and not _same(record[key], made[key]):
            raise RecordError(
                key,
                record[key],
                message("the value the record's fields give: {value}", value=shown(made[key])),
            )
    return value
