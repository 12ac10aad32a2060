"""Reading files: CSV rows, TOML documents, and the data files inside the package
(private; the loaders of each module build values from what these return)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import AbstractContextManager, nullcontext
from decimal import Decimal
from os import PathLike
from typing import Any, TextIO

from .errors import (
    DataFileError,
    FileProblem,
    InvalidTypeError,
    InvalidValueError,
    RowProblem,
    RulesFileError,
    RulesProblem,
    UnknownCurrencyError,
    UnknownMarketError,
)

Rows = list[tuple[int, dict[str, str]]]


Source = str | PathLike[str] | TextIO


def source_name(source: Source) -> str:
    """How messages name a file, or a stream such as standard input."""
    if isinstance(source, str | PathLike):
        return str(source)
    return str(getattr(source, "name", "<stream>"))


def _refusal(exc: OSError) -> FileProblem:
    if isinstance(exc, FileNotFoundError):
        return FileProblem("not found")
    if isinstance(exc, IsADirectoryError):
        return FileProblem("is a directory, not a file")
    return FileProblem(f"cannot be read: {exc.strerror or exc}")


def _opened(source: Source, **options: Any) -> AbstractContextManager[TextIO]:
    """A file opened for reading, or a stream as it is (the caller's ``with`` closes
    the file and leaves the stream open); anything else is refused as ``path``."""
    if not isinstance(source, str | PathLike) and not hasattr(source, "read"):
        raise InvalidTypeError(
            "path", source, "a path (a str or an os.PathLike) or an open text stream"
        )
    if isinstance(source, str | PathLike):
        handle: TextIO = open(source, **options)  # noqa: SIM115
        return handle
    return nullcontext(source)


def read_rows(
    path: Source, *, required: Iterable[str], error: type[DataFileError]
) -> tuple[Rows, list[RowProblem]]:
    """Return the rows of a CSV file (or an open text stream such as standard
    input), each with its line number and stripped cells, and a problem for each row
    with more fields than the header has columns.

    A file that cannot be found or read, is not UTF-8, is not valid CSV or lacks a
    ``required`` column raises ``error`` naming the file.
    """
    import csv

    source = source_name(path)
    rows: Rows = []
    problems: list[RowProblem] = []
    line = 0
    try:
        with _opened(path, newline="", encoding="utf-8-sig") as handle:
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            absent = [column for column in required if column not in header]
            if absent:
                raise error(
                    source,
                    [
                        RowProblem(1, f"the header has no column {c!r}; it has {header!r}")
                        for c in absent
                    ],
                )
            for row in reader:
                line = reader.line_num
                if None in row:
                    problems.append(RowProblem(line, "more fields than the header has columns"))
                    continue
                rows.append((line, {key: (value or "").strip() for key, value in row.items()}))
    except OSError as exc:
        raise error(source, [_refusal(exc)]) from None
    except UnicodeDecodeError:
        raise error(source, [FileProblem("is not UTF-8 text")]) from None
    except csv.Error as exc:
        raise error(source, [RowProblem(line, f"is not valid CSV: {exc}")]) from None
    return rows, problems


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


def yes_no(cell: str, *, field: str) -> bool:
    """Read a yes/no cell: yes, true or 1; no, false, 0 or empty (any case)."""
    value = cell.lower()
    if value in ("yes", "true", "1"):
        return True
    if value in ("no", "false", "0", ""):
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


def read_toml(path: Source, *, error: type[DataFileError]) -> dict[str, Any]:
    """Return the TOML document in the file at ``path`` (or an open text stream); a
    file that cannot be found or read, is not UTF-8 or is not TOML raises ``error``
    naming it."""
    name = source_name(path)
    try:
        with _opened(path, encoding="utf-8") as handle:
            text = handle.read()
    except OSError as exc:
        raise error(name, [_refusal(exc)]) from None
    except UnicodeDecodeError:
        raise error(name, [FileProblem("is not UTF-8 text")]) from None
    return parse_toml(text, source=name, error=error)


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
