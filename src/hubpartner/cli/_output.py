"""What every command prints: one table renderer, one JSON encoder, one CSV writer.

Tables are for people; JSON and CSV are for machines and have one form everywhere.
JSON follows the number rule of :func:`hubpartner.records.plain`: every number that
is not a count is a decimal string in plain notation (points, amounts, scores and
shares exactly, float statistics rounded to :data:`hubpartner.records.PLACES`
places), counts are JSON integers, dates ISO 8601, enums their value, fractions
``"numerator/denominator"``, money ``{"amount": "…", "currency": "…"}`` and
messages English. CSV writes the same values, one per cell, with a decimal comma and
``;`` in a locale that writes numbers so (:func:`csv_text`).
"""

from __future__ import annotations

import argparse
import re
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from ..errors import DataFileError
from ..messages import Message
from ..present import Presenter, decimal_mark


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


#: What a line for people never holds as it is: the control characters (Unicode's
#: category Cc: C0, DEL and C1, escape and line breaks among them), the bidirectional
#: controls that reorder what follows them (U+061C, U+200E, U+200F, U+202A to U+202E,
#: U+2066 to U+2069) and the line and paragraph separators.
_CONTROLS = re.compile(
    "[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]"
)


def _escape(found: re.Match[str]) -> str:
    return found.group().encode("unicode_escape").decode("ascii")


def escaped(said: str) -> str:
    r"""``said`` with each control character (:data:`_CONTROLS`) written as its escape
    (``\x1b``, ``\n``, ``\u202e``), so that a text from a file or an argument stays
    on its line and nothing of it reaches a terminal as a command.

        >>> escaped("\x1b[31mRED\x1b[0m\n\u202eEvil"), escaped("Malmö")
        ('\\x1b[31mRED\\x1b[0m\\n\\u202eEvil', 'Malmö')
    """
    return _CONTROLS.sub(_escape, said)


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
    Without a header, the shortest row sets the aligned columns. A cell's control
    characters are shown escaped (:func:`escaped`): each row is one line, and no text
    from a file reaches the terminal as a command."""
    body = [[escaped(cell) for cell in row] for row in rows]
    every = body if header is None else [[escaped(cell) for cell in header], *body]
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


def _english(said: Message) -> str:
    """A message as an English reader is told it (the words of standard error, its
    numbers written out, never as ``1E+15``)."""
    return Presenter("en").text(said)


def _in_english(data: Any) -> Any:
    """``data`` with every message in English, in lists and dicts too."""
    if isinstance(data, Message):
        return _english(data)
    if isinstance(data, dict):
        return {key: _in_english(value) for key, value in data.items()}
    if isinstance(data, list | tuple):
        return [_in_english(value) for value in data]
    return data


def json_text(data: Any) -> str:
    """``data`` as indented JSON in the one form every command uses: the number rule
    of :func:`hubpartner.records.plain`, and messages in English."""
    import json

    from ..records import plain

    return json.dumps(plain(_in_english(data), field="JSON"), indent=2)


#: What separates the items of a list inside one CSV cell: neither delimiter.
LIST_SEPARATOR = "|"


#: How a cell Excel reads as a formula begins (OWASP's "CSV injection").
FORMULA_MARKS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: Any, mark: str) -> str:
    """One value as a CSV cell: a number as :func:`hubpartner.records.plain` writes it,
    with ``mark`` as its decimal mark; a count as digits, a date ISO 8601, an enum its
    value, a message in English, a list its items joined by :data:`LIST_SEPARATOR`, a
    bool ``true``/``false``, None empty. In Excel's form (a decimal comma) a text
    from a file that begins as a formula does (``=``, ``+``, ``-``, ``@``) is written
    after an apostrophe, so that Excel shows it instead of running it."""
    from ..records import plain

    if isinstance(value, Message):
        return _english(value)
    if mark != "." and isinstance(value, str) and value.startswith(FORMULA_MARKS):
        return "'" + value  # Excel would run it as a formula
    if isinstance(value, list | tuple):
        return LIST_SEPARATOR.join(_cell(item, mark) for item in value)
    shown = plain(value, field="CSV")
    if shown is None:
        return ""
    if isinstance(shown, bool):
        return "true" if shown else "false"
    if isinstance(value, Decimal | float):
        return str(shown).replace(".", mark)
    return str(shown)


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Any]], *, locale: str = "en") -> str:
    """A header row and ``rows`` as CSV (RFC 4180: quoted where needed, CRLF line
    ends): in the machine form (``,``, decimal points, no byte order mark), or, when
    ``locale`` writes numbers with a decimal comma, in Excel's form there: ``;``,
    decimal commas and a UTF-8 byte order mark, so that Excel opens it as it is."""
    import csv
    import io

    mark = decimal_mark(locale)
    excel = mark != "."
    written = io.StringIO()
    writer = csv.writer(written, delimiter=";" if excel else ",", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_cell(value, mark) for value in row] for row in rows)
    return ("\ufeff" if excel else "") + written.getvalue()


def csv_of(args: argparse.Namespace, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> str:
    """:func:`csv_text` in the form of the command's ``--locale``, to print: where
    standard output writes each line end as CRLF itself (Windows), with LF ends."""
    import os

    written = csv_text(header, rows, locale=getattr(args, "locale", "en"))
    return written if os.linesep == "\n" else written.replace("\r\n", "\n")


class FileRefused(Exception):  # noqa: N818 (not an error of the program: a result to print)
    """A check whose result (``output``, JSON or CSV saying what is wrong) is printed
    although the file was refused: ``error`` is then reported, and the command fails
    as for any refused file."""

    def __init__(self, output: str, error: DataFileError) -> None:
        super().__init__(output)
        self.output = output
        self.error = error


def checked_file(args: argparse.Namespace, error: DataFileError | None, **found: Any) -> str:
    """The result of checking ``args.file`` as the command's ``--format`` (json or
    csv) gives it: whether it is ok, what was ``found`` in it (JSON only), and each
    problem of ``error`` — its key or line, and its message in English."""
    from .._files import source_name
    from ..errors import RowProblem, RulesProblem

    name = source_name(args.file)
    problems = [] if error is None else list(error.problems)
    if args.format == "json":
        said: list[dict[str, Any]] = [
            {"key": p.key, "message": p.message}
            if isinstance(p, RulesProblem)
            else {"line": p.line, "message": p.message}
            if isinstance(p, RowProblem)
            else {"message": p.message}
            for p in problems
        ]
        return json_text({"file": name, "ok": error is None, **found, "problems": said})
    rows = [
        [
            name,
            False,
            p.key if isinstance(p, RulesProblem) else None,
            p.line if isinstance(p, RowProblem) else None,
            p.message,
        ]
        for p in problems
    ]
    return csv_of(
        args, ["file", "ok", "key", "line", "message"], rows or [[name, True, None, None, None]]
    )
