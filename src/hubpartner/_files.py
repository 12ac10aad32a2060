"""Reading files: CSV rows, TOML documents, and the data files inside the package
(private; the loaders of each module build values from what these return).

Every loader reads through :func:`read_rows` or :func:`read_toml`, which read a file
(or an open text stream such as standard input) as a stream of lines and bound what
they read: a file of more than :data:`MAX_FILE_SIZE`, a line of more than
:data:`MAX_LINE_LENGTH`, and anything but a regular file given by its path (a
directory, a device such as ``/dev/zero``, a named pipe) are refused at once, never
read without end.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from decimal import Decimal
from os import PathLike
from typing import Any, NoReturn, TextIO, TypeVar

from .errors import (
    DataFileError,
    FileProblem,
    InvalidTypeError,
    InvalidValueError,
    Problem,
    RowProblem,
    RulesFileError,
    RulesProblem,
    UnknownCurrencyError,
    UnknownMarketError,
)

T = TypeVar("T")

Rows = list[tuple[int, dict[str, str]]]


Source = str | PathLike[str] | TextIO

#: The largest file a loader reads: 64 MiB. A regular file larger than this is refused
#: before it is read; a stream (standard input) once it has given this many characters.
MAX_FILE_SIZE = 64 * 1024 * 1024

#: The longest line a loader reads: 64 KiB characters, not counting the line's end. A
#: longer line is refused by its number, before the rest of the file is read.
MAX_LINE_LENGTH = 64 * 1024

#: The version of the TOML formats hubpartner reads (rule sets, thresholds, scoring
#: models and the packaged data); a document that gives another ``schema`` is refused.
SCHEMA_VERSION = 1


def source_name(source: Source) -> str:
    """How messages name a file, or a stream such as standard input."""
    if isinstance(source, str | PathLike):
        return str(source)
    return str(getattr(source, "name", "<stream>"))


def _refusal(exc: OSError) -> FileProblem:
    if isinstance(exc, FileNotFoundError):
        return FileProblem("not found")
    return FileProblem(f"cannot be read: {exc.strerror or exc}")


def _open_regular(path: str | PathLike[str], refuse: Callable[[FileProblem], NoReturn]) -> int:
    """A descriptor of the regular file at ``path``, opened without waiting (a named
    pipe would otherwise block until something writes to it); anything else, and a
    file larger than :data:`MAX_FILE_SIZE`, is refused."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except ValueError as exc:  # a name with a NUL character
        refuse(FileProblem(f"cannot be read: {exc}"))
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            refuse(FileProblem("is a directory, not a file"))
        if not stat.S_ISREG(info.st_mode):
            kind = "a named pipe (FIFO)" if stat.S_ISFIFO(info.st_mode) else "a device"
            refuse(FileProblem(f"is {kind}, not a regular file"))
        if info.st_size > MAX_FILE_SIZE:
            refuse(
                FileProblem(
                    f"is {info.st_size:,} bytes; a file may have at most {MAX_FILE_SIZE:,} bytes"
                )
            )
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _bounded(handle: TextIO, refuse: Callable[[Problem], NoReturn]) -> Iterator[str]:
    """The lines of ``handle``, each read with a bound, so that neither a line longer
    than :data:`MAX_LINE_LENGTH` nor more than :data:`MAX_FILE_SIZE` characters in all
    is ever held."""
    limit, total, number = MAX_FILE_SIZE, 0, 0
    while True:
        line = handle.readline(MAX_LINE_LENGTH + 2)  # room for the line's end, \r\n
        if not line:
            return
        if not isinstance(line, str):
            raise InvalidTypeError("path", handle, "an open text stream, not a binary one")
        number += 1
        if len(line.rstrip("\r\n")) > MAX_LINE_LENGTH:
            refuse(
                RowProblem(
                    number,
                    f"is longer than {MAX_LINE_LENGTH:,} characters, the most a line may have",
                )
            )
        total += len(line)
        if total > limit:
            refuse(
                FileProblem(f"has more than {limit:,} characters; a file may have at most that")
            )
        yield line


@contextmanager
def _lines(source: Source, error: type[DataFileError], **options: Any) -> Iterator[Iterator[str]]:
    """The lines of the file at ``source`` (opened with ``options``), or of an open
    text stream (left open), bounded as :func:`_bounded` says; a file that cannot be
    read, is not a regular file or is not UTF-8 raises ``error`` naming it."""
    if not isinstance(source, str | PathLike) and not hasattr(source, "readline"):
        raise InvalidTypeError(
            "path", source, "a path to a file (a str or an os.PathLike) or an open text stream"
        )
    name = source_name(source)

    def refuse(problem: Problem) -> NoReturn:
        raise error(name, [problem])

    try:
        if isinstance(source, str | PathLike):
            with open(_open_regular(source, refuse), **options) as handle:
                yield _bounded(handle, refuse)
        else:
            yield _bounded(source, refuse)
    except OSError as exc:
        raise error(name, [_refusal(exc)]) from None
    except UnicodeDecodeError:
        raise error(name, [FileProblem("is not UTF-8 text")]) from None


def read_rows(
    path: Source,
    *,
    required: Iterable[str],
    error: type[DataFileError],
    filled: Iterable[str] | None = None,
) -> tuple[Rows, list[RowProblem]]:
    """Return the rows of a CSV file (or an open text stream such as standard
    input), each with the line it starts on and its stripped cells, and a problem for
    each row that cannot be read as it is written.

    Rows are never altered: a row with fewer or more fields than the header has
    columns, and a blank cell in a column of ``filled`` (by default every
    ``required`` column; a ``filled`` column the header lacks is not checked), is a
    problem of its line, and the row is left out. Blank lines are skipped.

    A file that cannot be found or read, is not a regular file, is larger than
    :data:`MAX_FILE_SIZE`, has a line longer than :data:`MAX_LINE_LENGTH`, is not
    UTF-8 or not valid CSV, or whose header names a column twice, has a column
    without a name or lacks a ``required`` column raises ``error`` naming the file.
    """
    import csv

    source = source_name(path)
    needed = list(required)
    must_fill = needed if filled is None else list(filled)
    rows: Rows = []
    problems: list[RowProblem] = []
    with _lines(path, error, newline="", encoding="utf-8-sig") as lines:
        reader = csv.reader(lines)
        try:
            header_line, header = 1, []
            for record in reader:
                if record:
                    header_line, header = reader.line_num, [cell.strip() for cell in record]
                    break
            _check_header(header, header_line, needed, source, error)
            checked = [column for column in must_fill if column in header]
            start = reader.line_num + 1
            for record in reader:
                line, start = start, reader.line_num + 1
                if not record:
                    continue
                found = _row_problem(record, header)
                if found is not None:
                    problems.append(RowProblem(line, found))
                    continue
                cells = {column: cell.strip() for column, cell in zip(header, record, strict=True)}
                blank = [
                    RowProblem(line, blank_cell(column)) for column in checked if not cells[column]
                ]
                problems.extend(blank)
                if not blank:
                    rows.append((line, cells))
        except csv.Error as exc:
            raise error(
                source, [RowProblem(reader.line_num, f"is not valid CSV: {exc}")]
            ) from None
    return rows, problems


def _check_header(
    header: list[str], line: int, required: list[str], source: str, error: type[DataFileError]
) -> None:
    """Refuse a header that names a column twice, has a column without a name, or
    lacks a ``required`` column."""
    problems = []
    first: dict[str, int] = {}
    for position, column in enumerate(header, start=1):
        if not column:
            problems.append(
                RowProblem(line, f"column {position} of the header has no name; name every column")
            )
        elif column in first:
            problems.append(
                RowProblem(
                    line,
                    f"the header names {column!r} twice (columns {first[column]} and "
                    f"{position}); name each column once",
                )
            )
        else:
            first[column] = position
    problems += [
        RowProblem(line, f"the header has no column {column!r}; it has {header!r}")
        for column in required
        if column not in header
    ]
    if problems:
        raise error(source, problems)


def _row_problem(record: list[str], header: list[str]) -> str | None:
    """Why a row cannot be read as it is written (too few or too many fields), if so."""
    if len(record) > len(header):
        return "more fields than the header has columns"
    if len(record) < len(header):
        return (
            f"fewer fields than the header has columns ({len(record)} of {len(header)}); "
            "a short row is never padded with blank cells"
        )
    return None


def blank_cell(column: str) -> str:
    """The problem of a blank cell in a column every row must fill."""
    return (
        f"{column!r} is blank; every row must fill it "
        "(a blank cell is never read as 0, no or any other default)"
    )


class Problems:
    """Collects every problem of a document (a TOML file read into a dict) instead of
    stopping at the first, each under its dotted key."""

    def __init__(self) -> None:
        self.found: list[RulesProblem] = []

    def add(self, key: str, message: str) -> None:
        """Note a problem of ``key``."""
        self.found.append(RulesProblem(key, message))

    def check(self, key: str, convert: Callable[[Any], Any], raw: Any) -> Any:
        """Return ``convert(raw)``, or None (noting why) if it is refused or absent."""
        if raw is None:
            return None
        try:
            return convert(raw)
        except (
            InvalidValueError,
            InvalidTypeError,
            UnknownCurrencyError,
            UnknownMarketError,
        ) as exc:
            self.add(key, f"expected {exc.expected}, got {exc.value!r}")
            return None

    def schema(self, data: dict[str, Any], *, version: int = SCHEMA_VERSION) -> None:
        """Note a ``schema`` the document gives that is not ``version`` (a document
        that gives none is read as the current version)."""
        if "schema" not in data:
            return
        given = data["schema"]
        if isinstance(given, bool) or not isinstance(given, int) or given != version:
            self.add(
                "schema",
                f"expected {version}, the version of the format this hubpartner reads, "
                f"got {given!r}",
            )

    def keys(
        self,
        table: dict[str, Any],
        *,
        required: Iterable[str],
        optional: Iterable[str] = (),
        within: str = "",
    ) -> None:
        """Note every key of ``table`` (the table ``within``, or the document) that is
        neither ``required`` nor ``optional``, and every ``required`` key it lacks."""
        needed = list(required)
        allowed = sorted({*needed, *optional})
        prefix = f"{within}." if within else ""
        for key in table:
            if key not in allowed:
                self.add(f"{prefix}{key}", "unknown key; expected one of " + ", ".join(allowed))
        for key in needed:
            if key not in table:
                self.add(f"{prefix}{key}", "missing")

    def tables(
        self, data: dict[str, Any], layout: dict[str, tuple[str, ...]]
    ) -> dict[str, dict[str, Any]]:
        """The tables of a document made of the tables of ``layout`` (each with its
        keys) and a ``schema``, noting an unknown schema, every unknown or missing
        table and key, and a table that is not one (then read as empty)."""
        self.schema(data)
        self.keys(data, required=layout, optional=("schema",))
        found = {name: self.table(data, name) for name in layout}
        for name, keys in layout.items():
            if name in data:
                self.keys(found[name], required=keys, within=name)
        return found

    def table(self, data: dict[str, Any], key: str) -> dict[str, Any]:
        """The table ``key`` of ``data`` (empty when it is absent), or an empty one,
        noting why, when ``key`` holds something else."""
        found = data.get(key, {})
        if not isinstance(found, dict):
            self.add(key, f"expected a table [{key}], got {found!r}")
            return {}
        return found

    def build(self, make: Callable[[], T], *, within: str = "") -> T | None:
        """Return ``make()``, or None, noting why under the field the error names (in
        the table ``within``), if the value it builds from the document is refused."""
        try:
            return make()
        except (InvalidValueError, InvalidTypeError) as exc:
            key = f"{within}.{exc.field}" if within else exc.field
            self.add(key, f"expected {exc.expected}, got {exc.value!r}")
            return None

    def raise_found(self, source: str, error: type[DataFileError] = RulesFileError) -> None:
        """Raise ``error`` naming ``source`` with every problem noted, if any."""
        if self.found:
            raise error(source, self.found)

    def in_file_order(self, data: dict[str, Any]) -> list[RulesProblem]:
        """The problems sorted by where their key stands in ``data``; missing keys
        last."""
        top = list(data)

        def position(problem: RulesProblem) -> tuple[int, int]:
            head, _, rest = problem.key.partition(".")
            if head not in data:
                return (len(top), 0)
            table = data[head]
            inner = list(table) if isinstance(table, dict) else []
            return (top.index(head), inner.index(rest) if rest in inner else len(inner))

        return sorted(self.found, key=position)


def number(value: Any, *, field: str) -> Decimal | int:
    """Return ``value`` if it is a TOML number (an integer, or a decimal read as an
    exact ``Decimal``); a string, a boolean or anything else is refused, so that
    ``total = "100"`` is an error of its key rather than a number."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        raise InvalidTypeError(field, value, "a TOML number such as 100 or 62.50, not a string")
    return value


def yes_no(cell: str, *, field: str) -> bool:
    """Read a yes/no cell: yes, true or 1; no, false or 0 (any case). A blank cell is
    neither: it is refused, never read as no."""
    value = cell.lower()
    if value in ("yes", "true", "1"):
        return True
    if value in ("no", "false", "0"):
        return False
    raise InvalidValueError(field, cell, "yes or no")


def parse_toml(text: str, *, source: str, error: type[DataFileError]) -> dict[str, Any]:
    """Return the TOML document ``text`` (fractional numbers as exact ``Decimal``);
    TOML that does not parse raises ``error`` naming ``source``."""
    import tomllib

    if not isinstance(text, str):
        raise InvalidTypeError("text", text, "TOML text (a str)")
    if not isinstance(source, str):
        raise InvalidTypeError("source", source, "the name of the text in messages (a str)")

    try:
        return tomllib.loads(text, parse_float=Decimal)
    except tomllib.TOMLDecodeError as exc:
        raise error(source, [FileProblem(f"is not valid TOML: {exc}")]) from None
    except ValueError:  # an integer too long for int(), which tomllib lets through
        raise error(source, [FileProblem("holds an integer too long to read")]) from None
    except RecursionError:
        raise error(source, [FileProblem("nests arrays or tables too deeply to read")]) from None


def read_toml(path: Source, *, error: type[DataFileError]) -> dict[str, Any]:
    """Return the TOML document in the file at ``path`` (or an open text stream); a
    file that cannot be found or read, is not a regular file, is too large or has a
    line too long (as :func:`read_rows` says), is not UTF-8 or is not TOML raises
    ``error`` naming it."""
    with _lines(path, error, encoding="utf-8") as lines:
        text = "".join(lines)
    return parse_toml(text, source=source_name(path), error=error)


def packaged_text(name: str) -> str:
    """The text of ``data/<name>`` inside the package, read with importlib.resources
    so that a vendored or zipped copy works too."""
    from importlib import resources

    return resources.files(__package__).joinpath("data", name).read_text("utf-8")


def packaged_toml(name: str) -> dict[str, Any]:
    """The TOML document ``data/<name>`` inside the package."""
    return parse_toml(packaged_text(name), source=packaged_source(name), error=RulesFileError)


def packaged_source(name: str) -> str:
    """How messages name the packaged data file ``name``."""
    return f"hubpartner/data/{name}"


def packaged_names(prefix: str, suffix: str) -> list[str]:
    """The names of the packaged data files that start with ``prefix`` and end with
    ``suffix``, sorted."""
    from importlib import resources

    folder = resources.files(__package__).joinpath("data")
    return sorted(
        entry.name
        for entry in folder.iterdir()
        if entry.name.startswith(prefix) and entry.name.endswith(suffix)
    )
