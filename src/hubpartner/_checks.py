"""Boundary checks shared by the value classes (private)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .errors import InvalidTypeError, InvalidValueError


def calendar_date(value: Any, *, field: str) -> date:
    """Return ``value`` if it is a ``date`` (a ``datetime`` is refused: pass ``.date()``)."""
    if isinstance(value, datetime):
        raise InvalidTypeError(field, value, "a datetime.date; pass value.date() for a datetime")
    if not isinstance(value, date):
        raise InvalidTypeError(field, value, "a datetime.date")
    return value


def whole_number(value: Any, *, field: str, minimum: int) -> int:
    """Return ``value`` if it is an ``int`` (not a ``bool``) of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field, value, f"an int of at least {minimum}")
    if value < minimum:
        raise InvalidValueError(field, value, f"an int of at least {minimum}")
    return value
