"""What every command prints: one table renderer and one JSON encoder.

Tables are for people; JSON is for machines and has one form everywhere: every
number that is not a count is a decimal string (points, amounts and shares exactly,
statistics such as intervals as the shortest decimal that reads back as the same
float), counts are JSON integers, dates are ISO 8601, enums their value, fractions
``"numerator/denominator"`` and money ``{"amount": "…", "currency": "…"}``.
"""

from __future__ import annotations

import argparse
import enum
import json
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from ..money import Money
from ..present import Presenter


def presenter_of(args: argparse.Namespace) -> Presenter:
    """The presenter of a command's ``--locale`` (English without one)."""
    return Presenter(getattr(args, "locale", "en"))


def text(
    value: Decimal | None, presenter: Presenter | None = None, *, signed: bool = False
) -> str:
    """A decimal as people read it in a table, exactly and without an exponent, with
    every decimal it has: in ``presenter``'s locale (``62,50`` in Swedish), or plain
    without one; ``signed`` puts a plus before a positive number; "-" for nothing."""
    if value is None:
        return "-"
    if presenter is None:
        return f"{value:+f}" if signed and value > 0 else f"{value:f}"
    places = max(0, -int(value.as_tuple().exponent))
    return presenter.number(value, places=places, signed=signed)


def width(cell: str) -> int:
    """How many columns ``cell`` takes on a terminal: two for each wide East Asian
    character, none for a combining mark or a zero-width character."""
    return sum(
        0
        if unicodedata.combining(c) or unicodedata.category(c) in ("Cf", "Mn", "Me")
        else 2
        if unicodedata.east_asian_width(c) in ("W", "F")
        else 1
        for c in cell
    )


def _pad(cell: str, columns: int, *, right: bool) -> str:
    padding = " " * (columns - width(cell))
    return padding + cell if right else cell + padding


def table(
    rows: Iterable[Sequence[str]],
    *,
    header: Sequence[str] | None = None,
    right: Iterable[int] = (),
) -> list[str]:
    """The lines of a table, indented by two spaces: each column as wide as its widest
    cell (on a terminal: a wide East Asian character takes two columns), left-aligned
    unless its index is in ``right``, under an optional ``header``.
    A row may have cells beyond the header's columns (notes); they follow unaligned.
    Without a header, the shortest row sets the aligned columns."""
    body = [list(row) for row in rows]
    every = body if header is None else [list(header), *body]
    if not every:
        return []
    columns = min(len(row) for row in every) if header is None else len(header)
    aligned = set(right)
    widths = [max(width(row[i]) for row in every) for i in range(columns)]
    lines = []
    for row in every:
        cells = [
            _pad(cell, columns, right=column in aligned)
            for column, (cell, columns) in enumerate(zip(row, widths, strict=False))
        ]
        lines.append("  " + "  ".join(cells + row[columns:]).rstrip())
    return lines


def _plain(value: Any) -> Any:
    if isinstance(value, Decimal):
        return f"{value:f}"
    if isinstance(value, Money):
        return {"amount": f"{value.amount:f}", "currency": value.currency}
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Fraction):
        return str(value)
    if isinstance(value, frozenset | set):
        return sorted(value, key=str)
    raise TypeError(f"{type(value).__name__} is not JSON data")


def _numbers_as_text(data: Any) -> Any:
    """``data`` with every float written as a decimal string, in lists and dicts too."""
    if isinstance(data, float):
        return f"{Decimal(repr(data)):f}"
    if isinstance(data, dict):
        return {key: _numbers_as_text(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_numbers_as_text(value) for value in data]
    return data


def json_text(data: Any) -> str:
    """``data`` as indented JSON in the one form every command uses."""
    return json.dumps(_numbers_as_text(data), indent=2, default=_plain)
