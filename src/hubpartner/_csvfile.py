"""Reading CSV files with a header row, for the loaders (private)."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from os import PathLike

from .errors import DataFileError, RowProblem

Rows = list[tuple[int, dict[str, str]]]


def read_rows(
    path: str | PathLike[str], *, required: Iterable[str], error: type[DataFileError]
) -> tuple[Rows, list[RowProblem]]:
    """Return the rows of a CSV file, each with its line number and stripped cells,
    and a problem for each row with more fields than the header has columns.

    A file that cannot be read, is not UTF-8, is not valid CSV or lacks a
    ``required`` column raises ``error`` naming the file.
    """
    source = str(path)
    rows: Rows = []
    problems: list[RowProblem] = []
    line = 0
    try:
        with open(path, newline="", encoding="utf-8-sig") as handle:
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
        raise error(source, [RowProblem(0, f"cannot be read: {exc.strerror}")]) from None
    except UnicodeDecodeError:
        raise error(source, [RowProblem(0, "is not UTF-8 text")]) from None
    except csv.Error as exc:
        raise error(source, [RowProblem(line, f"is not valid CSV: {exc}")]) from None
    return rows, problems
