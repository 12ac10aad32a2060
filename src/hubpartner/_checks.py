"""Boundary checks shared by the value classes (private)."""

from __future__ import annotations

import enum
from datetime import date, datetime
from typing import Any, TypeVar

from .errors import InvalidTypeError, InvalidValueError


def calendar_date(value: Any, *, field: str) -> date:
    """Return ``value`` if it is a ``date`` (a ``datetime`` is refused: pass ``.date()``)."""
    if isinstance(value, datetime):
        raise InvalidTypeError(field, value, "a datetime.date; pass value.date() for a datetime")
    if not isinstance(value, date):
        raise InvalidTypeError(field, value, "a datetime.date")
    return value


def boolean(value: Any, *, field: str) -> bool:
    """Return ``value`` if it is ``True`` or ``False`` (not 1, 0 or "yes")."""
    if not isinstance(value, bool):
        raise InvalidTypeError(field, value, "True or False")
    return value


def whole_number(value: Any, *, field: str, minimum: int) -> int:
    """Return ``value`` if it is an ``int`` (not a ``bool``) of at least ``minimum``."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(field, value, f"an int of at least {minimum}")
    if value < minimum:
        raise InvalidValueError(field, value, f"an int of at least {minimum}")
    return value


E = TypeVar("E", bound=enum.Enum)


def member(kind: type[E], value: Any, *, field: str, expected: str) -> E:
    """Return the member of ``kind`` that is ``value`` or has ``value`` as its value."""
    if isinstance(value, kind):
        return value
    for candidate in kind:
        if candidate.value == value:
            return candidate
    raise InvalidValueError(field, value, expected)
