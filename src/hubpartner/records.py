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
from collections.abc import Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_EVEN, Decimal, localcontext
from fractions import Fraction
from typing import Any

from .errors import InvalidTypeError, InvalidValueError
from .messages import message
from .money import Money

__all__ = ["PLACES", "SCHEMA_VERSION", "plain"]

#: The version of the record form; see docs/records.md for what changes bump it.
SCHEMA_VERSION = 1
#: The decimal places a float statistic (an interval bound, a p-value) is rounded to.
PLACES = 6

# Enough digits to hold any finite float to PLACES decimal places exactly.
_FLOAT_DIGITS = 330


def _decimal_text(value: Decimal, *, field: str) -> str:
    if not value.is_finite():
        raise InvalidValueError(field, value, message("a finite number"))
    return format(value, "f")


def _float_text(value: float, *, field: str) -> str:
    if value != value or value in (float("inf"), float("-inf")):
        raise InvalidValueError(field, value, message("a finite number"))
    with localcontext(prec=_FLOAT_DIGITS):
        rounded = Decimal(value).quantize(Decimal(1).scaleb(-PLACES), ROUND_HALF_EVEN)
    text = format(rounded, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def _fraction_text(value: Fraction) -> str:
    return str(value)


def plain(value: Any, *, field: str = "value") -> Any:
    """Return ``value`` as plain, JSON-safe data by the number rule (see the module).

    Raises :class:`~hubpartner.errors.InvalidTypeError` for a value that has no plain
    form, and :class:`~hubpartner.errors.InvalidValueError` for NaN or an infinity.
    """
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, enum.Enum):
        return plain(value.value, field=field)
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, Decimal):
        return _decimal_text(value, field=field)
    if isinstance(value, Fraction):
        return _fraction_text(value)
    if isinstance(value, float):
        return _float_text(value, field=field)
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Money):
        return {"amount": _decimal_text(value.amount, field=field), "currency": value.currency}
    if isinstance(value, Mapping):
        return {
            _key(key, field=field): plain(item, field=f"{field}[{key!r}]")
            for key, item in value.items()
        }
    if isinstance(value, tuple | list):
        return [plain(item, field=f"{field}[{index}]") for index, item in enumerate(value)]
    if isinstance(value, set | frozenset):
        items = [plain(item, field=field) for item in value]
        return sorted(items, key=repr)
    raise InvalidTypeError(
        field,
        value,
        message("a value with a plain form: a number, text, a date, money or a result"),
    )


def _key(key: Any, *, field: str) -> str:
    shown = plain(key, field=field)
    if isinstance(shown, str):
        return shown
    if isinstance(shown, int) and not isinstance(shown, bool):
        return str(shown)
    raise InvalidTypeError(field, key, message("a text, number, date or enum as a key"))
