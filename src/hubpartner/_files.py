"""Reading files: CSV rows, TOML documents, and the data files inside the package
(private; the loaders of each module build values from what these return).

Every loader reads through :func:`read_rows` or :func:`read_toml`, which read a file
(or an open text stream such as standard input) as a stream of lines and bound what
they read: a file of more than :data:`MAX_FILE_SIZE`, a line of more than
:data:`MAX_LINE_LENGTH`, and anything but a regular file given by its path (a
directory, a device such as ``/dev/zero``, a named pipe) are refused at once, never
read without end.

A CSV file is read as a :class:`CsvFormat` says: its delimiter (``,`` or ``;``, or
found from the header), its encoding (UTF-8, with or without a byte order mark, or
cp1252 or latin-1 on request) and the locale its numbers are written in (``1 290,50``
in Swedish).
"""

from __future__ import annotations

import io
import itertools
import os
import re
import stat
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from decimal import Decimal
from os import PathLike
from typing import (
    TYPE_CHECKING,
    Any,
    BinaryIO,
    NoReturn,
    Protocol,
    TextIO,
    TypeVar,
    cast,
    runtime_checkable,
)

import attrs

from ._toml import (  # the TOML documents' reading, which the rule sets load alone
    SCHEMA_VERSION as SCHEMA_VERSION,
)
from ._toml import Problems as Problems
from ._toml import number as number
from ._toml import packaged_names as packaged_names
from ._toml import packaged_source as packaged_source
from ._toml import packaged_text as packaged_text
from ._toml import packaged_toml as packaged_toml
from ._toml import parse_toml as parse_toml
from .errors import (
    DataFileError,
    InvalidTypeError,
    InvalidValueError,
    RowProblem,
    UnknownCurrencyError,
    as_written,
    shown,
)
from .messages import Message, message, plural
from .present import decimal_mark, read_number

if TYPE_CHECKING:
    from .errors import FileProblem, Problem

T = TypeVar("T")

Row = tuple[int, dict[str, str]]
Rows = list[Row]


#: Where a loader reads: a file's path, an open text stream, or a buffered binary one
#: (standard input's bytes, read in the chosen encoding as a file is).
Source = str | PathLike[str] | TextIO | BinaryIO

#: The largest file a loader reads: 64 MiB. A regular file larger than this is refused
#: before it is read; a stream (standard input) once it has given this many characters.
MAX_FILE_SIZE = 64 * 1024 * 1024

#: The longest line a loader reads: 64 KiB characters, not counting the line's end. A
#: longer line is refused by its number, before the rest of the file is read.
MAX_LINE_LENGTH = 64 * 1024


def __getattr__(name: str) -> Any:
    # money's currency_code, which this module imported when it loaded, is still found
    # here; it is loaded when a file has a currency column (or it is asked for)
    if name == "currency_code":
        from .money import currency_code

        return currency_code
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def source_name(source: Source) -> str:
    r"""How messages name a file, or a stream such as standard input: as it is written,
    when it is printable and short enough to show; else as a message shows a value,
    quoted, with its control characters escaped and shortened in the middle.

        >>> source_name("ledger.csv"), source_name("a\x1b[2Jb.csv")
        ('ledger.csv', "'a\\x1b[2Jb.csv'")
        >>> len(source_name("x" * 1_000_000)) < 250
        True
    """
    if isinstance(source, str | PathLike):
        name: object = source if isinstance(source, str) else os.fspath(source)
    else:
        name = getattr(source, "name", "<stream>")
    # a stream opened on a file descriptor is named by its number, a path of bytes shown
    return as_written(name) if isinstance(name, str) else shown(name)


def _file_problem(said: Message) -> FileProblem:
    """A problem of a file as a whole, ``said``: its class is made when a file is
    first refused."""
    from .errors import FileProblem

    return FileProblem(said)


def _refusal(exc: OSError) -> FileProblem:
    if isinstance(exc, FileNotFoundError):
        return _file_problem(message("not found"))
    return _unreadable(exc.strerror or str(exc))


def _unreadable(reason: str) -> FileProblem:
    return _file_problem(
        # Translators: {reason} is the operating system's own words, in English
        message("cannot be read: {reason}", reason=reason)
    )


def _open_regular(path: str | PathLike[str], refuse: Callable[[FileProblem], NoReturn]) -> int:
    """A descriptor of the regular file at ``path``, opened without waiting (a named
    pipe would otherwise block until something writes to it); anything else, and a
    file larger than :data:`MAX_FILE_SIZE`, is refused."""
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except ValueError as exc:  # a name with a NUL character
        refuse(_unreadable(str(exc)))
    try:
        info = os.fstat(descriptor)
        if stat.S_ISDIR(info.st_mode):
            refuse(_file_problem(message("is a directory, not a file")))
        if stat.S_ISFIFO(info.st_mode):
            refuse(_file_problem(message("is a named pipe (FIFO), not a regular file")))
        if not stat.S_ISREG(info.st_mode):
            refuse(_file_problem(message("is a device, not a regular file")))
        if info.st_size > MAX_FILE_SIZE:
            refuse(
                _file_problem(
                    message(
                        "is {size} bytes; a file may have at most {most} bytes",
                        size=info.st_size,
                        most=MAX_FILE_SIZE,
                    )
                )
            )
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


#: A character that stands for a byte the encoding could not read (Python's
#: ``surrogateescape``): U+DC80 to U+DCFF.
_UNREAD = re.compile("[\udc80-\udcff]")

#: How the byte order marks of UTF-16 (FF FE, FE FF) read in the encodings a file may
#: be read in: bytes UTF-8 cannot read, or two letters of cp1252 and latin-1 that no
#: file of ours starts with.
_UTF_16_MARKS = ("\udcff\udcfe", "\udcfe\udcff", "\xff\xfe", "\xfe\xff")
#: How UTF-8's byte order mark (EF BB BF) reads in cp1252 and latin-1, which the
#: header of no file of ours starts with.
_UTF_8_MARK_MISREAD = "\xef\xbb\xbf"


#: How many characters the lines of a file are read in at once: a block's lines are
#: checked together (their lengths, the file's size so far, a byte the encoding could
#: not read), and only a block that fails a check is gone through line by line.
READ_BLOCK = 32 * 1024


def _bounded(
    handle: TextIO,
    refuse: Callable[[Problem], NoReturn],
    encoding: str | None = None,
    *,
    block: int = READ_BLOCK,
) -> Iterator[str]:
    """The lines of ``handle``, read a block of ``block`` characters at a time, so
    that neither a line longer than :data:`MAX_LINE_LENGTH` nor more than
    :data:`MAX_FILE_SIZE` characters in all is ever held; a line with a byte that
    the file's encoding (``encoding``, one the caller chose, or else UTF-8, the only
    one) cannot read is refused by its number.

    The lines are those ``handle.readline()`` gives (ending in ``\\n``, ``\\r\\n`` or
    a lone ``\\r``, or not at all at the end), and a line is refused by the same
    number with the same problem as when it is read alone (:func:`_line_checked`)."""
    return itertools.chain.from_iterable(_blocks(handle, refuse, encoding, block))


def _blocks(
    handle: TextIO, refuse: Callable[[Problem], NoReturn], encoding: str | None, block: int
) -> Iterator[list[str]]:
    """The lines of :func:`_bounded`, a block's at a time (a line at a time where a
    block fails a check, each line checked as it comes)."""
    longest, limit = MAX_LINE_LENGTH, MAX_FILE_SIZE
    total = number = 0
    carry = ""
    first = True  # until the file's first three characters are judged
    while True:
        text = handle.read(block)
        if text and not isinstance(text, str):
            raise InvalidTypeError(
                "path",
                handle,
                message("an open text stream, or a buffered binary one such as sys.stdin.buffer"),
            )
        whole = carry + text if text else carry
        # the file's first characters, enough to hold a byte order mark
        if first and (len(whole) >= len(_UTF_8_MARK_MISREAD) or not text):
            first = False
            if encoding not in (None, "utf-8") and whole.startswith(_UTF_8_MARK_MISREAD):
                refuse(
                    RowProblem(
                        1,
                        message(
                            "is UTF-8 text (it starts with UTF-8's byte order mark), not "
                            "{encoding}; read it as UTF-8, the default encoding",
                            encoding=encoding,
                        ),
                    )
                )
            if whole.startswith(_UTF_16_MARKS):
                refuse(
                    RowProblem(
                        1,
                        message(
                            "is UTF-16 text (it starts with UTF-16's byte order mark), which "
                            "is not read; save it as UTF-8 (from Excel: CSV UTF-8, comma "
                            "delimited)"
                        ),
                    )
                )
        lines = io.StringIO(whole, newline="").readlines() if text else [carry]
        # a line without its end (or with a lone \r, which a \n may follow) is whole
        # only at the end of the stream
        carry = lines.pop() if text and not lines[-1].endswith("\n") else ""
        if lines and lines[-1]:
            size = len(whole) - len(carry)
            if (
                total + size > limit
                or (size > longest and max(map(len, lines)) > longest)
                or not _is_text(whole)
            ):
                for line in lines:  # each checked as it comes, as when read alone
                    number += 1
                    total += len(line)
                    _line_checked(line, number, total, refuse, encoding)
                    yield [line]
            else:
                number += len(lines)
                total += size
                yield lines
        if len(carry) > longest + 1:  # more than a line's most and the start of its end
            _line_checked(carry, number + 1, total + len(carry), refuse, encoding)
        if not text:
            return


def _is_text(text: str) -> bool:
    """Whether ``text`` surely has no character that stands for a byte the encoding
    could not read (false also for a lone surrogate a stream gave itself, which only
    the check of each line tells apart)."""
    if text.isascii():
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _line_checked(
    line: str, number: int, total: int, refuse: Callable[[Problem], NoReturn], encoding: str | None
) -> None:
    """Refuse ``line``, the line of ``number``, if it is longer than
    :data:`MAX_LINE_LENGTH`, ends the file past :data:`MAX_FILE_SIZE` characters (in
    all, ``total``) or has a byte the file's encoding could not read."""
    if len(line.rstrip("\r\n")) > MAX_LINE_LENGTH:
        refuse(
            RowProblem(
                number,
                message(
                    "is longer than {most} characters, the most a line may have",
                    most=MAX_LINE_LENGTH,
                ),
            )
        )
    if total > MAX_FILE_SIZE:
        refuse(
            _file_problem(
                message(
                    "has more than {limit} characters; a file may have at most that",
                    limit=MAX_FILE_SIZE,
                )
            )
        )
    unread = _UNREAD.search(line)
    if unread:
        refuse(RowProblem(number, _not_text(encoding, line, unread.start())))


def _not_text(encoding: str | None, line: str, at: int) -> Message:
    """The problem of a line with a byte ``encoding`` cannot read, at ``at``."""
    byte = f"0x{ord(line[at]) - 0xDC00:02X}"
    if encoding is None:
        return message(
            "is not UTF-8 text: byte {byte} (character {column}) is not UTF-8; save the "
            "file as UTF-8 text (a TOML file is always UTF-8)",
            byte=byte,
            column=at + 1,
        )
    if encoding == "utf-8":
        return message(
            "is not UTF-8 text: byte {byte} (character {column}) is not UTF-8; if Excel "
            "saved the file in a Windows encoding, pass --encoding cp1252 (encoding= in "
            "Python)",
            byte=byte,
            column=at + 1,
        )
    return message(
        "is not {encoding} text: byte {byte} (character {column}) is not a character of "
        "{encoding}; pass the file's own encoding with --encoding (encoding= in Python)",
        encoding=encoding,
        byte=byte,
        column=at + 1,
    )


@contextmanager
def _lines(
    source: Source, error: type[DataFileError], encoding: str | None = None, **options: Any
) -> Iterator[Iterator[str]]:
    """The lines of the file at ``source`` (opened in ``encoding``, a UTF-8 byte
    order mark left out, and with ``options``), or of an open text stream, or a
    buffered binary one read in ``encoding`` as a file is (either left open), bounded
    as :func:`_bounded` says; a file that cannot be read, is not a
    regular file or is not text in ``encoding`` raises ``error`` naming it."""
    if not isinstance(source, str | PathLike) and not hasattr(source, "readline"):
        raise InvalidTypeError(
            "path",
            source,
            message("a path to a file (a str or an os.PathLike) or an open text stream"),
        )
    name = source_name(source)

    def refuse(problem: Problem) -> NoReturn:
        raise error(name, [problem])

    try:
        opened = "utf-8-sig" if encoding in (None, "utf-8") else encoding
        if isinstance(source, str | PathLike):
            with open(
                _open_regular(source, refuse),
                encoding=opened,
                errors="surrogateescape",
                **options,
            ) as handle:
                yield _bounded(handle, refuse, encoding)
        elif isinstance(source, io.BufferedIOBase):
            # bytes, such as standard input's: read in ``encoding`` as a file is, and
            # left open (detached from the reader, which would close it)
            reader = io.TextIOWrapper(source, encoding=opened, errors="surrogateescape", **options)
            try:
                yield _bounded(reader, refuse, encoding)
            finally:
                reader.detach()
        else:  # a text stream (an unbuffered binary one is refused by its first read)
            yield _bounded(cast("TextIO", source), refuse, encoding)
    except OSError as exc:
        raise error(name, [_refusal(exc)]) from None


#: The delimiters a CSV file may have, and the word that names each.
DELIMITERS = {",": "comma", ";": "semicolon", "\t": "tab"}

#: The encodings a CSV file may be read in: each name Python's ``codecs`` gives one
#: (whatever alias was written: ``UTF8``, ``windows-1252``, ``latin1``, ``L1``) and
#: the name hubpartner gives it. UTF-8 is read with or without a byte order mark.
ENCODINGS = {"utf-8": "utf-8", "utf-8-sig": "utf-8", "cp1252": "cp1252", "iso8859-1": "latin-1"}

#: The longest encoding name looked up.
_LONGEST_ENCODING = 40


def _delimiter(value: Any) -> str | None:
    """A delimiter given as itself or by its word (any case), or None (also
    ``'auto'``) to find it from the header."""
    expected = message(
        "',' or comma, ';' or semicolon, a tab or tab, or auto (None) to find it from the header"
    )
    if value is None:
        return None
    if not isinstance(value, str):
        raise InvalidTypeError("delimiter", value, expected)
    text = value if value in DELIMITERS else value.strip().casefold()
    if text == "auto":
        return None
    for mark, word in DELIMITERS.items():
        if text in (mark, word):
            return mark
    raise InvalidValueError("delimiter", value, expected)


def _encoding(value: Any) -> str:
    """The name of an encoding of :data:`ENCODINGS`, given by any of its aliases."""
    import codecs

    expected = message("utf-8 (the default), cp1252 (Windows) or latin-1")
    if not isinstance(value, str):
        raise InvalidTypeError("encoding", value, expected)
    try:
        found = codecs.lookup(value.strip()).name if len(value) <= _LONGEST_ENCODING else ""
    except (LookupError, ValueError):  # an unknown name, or one with a NUL character
        found = ""
    if found not in ENCODINGS:
        raise InvalidValueError("encoding", value, expected)
    return ENCODINGS[found]


def _locale(value: Any) -> str:
    from .present import resolve_locale

    return resolve_locale(value)


@attrs.frozen
class CsvFormat:
    """How a CSV file is written: its ``delimiter`` (``','``, ``';'`` or a tab, also
    by the words comma, semicolon and tab; None or ``'auto'`` finds it from the
    header), its ``encoding`` (``'utf-8'``, read with or without a byte order mark,
    ``'cp1252'`` or ``'latin-1'``, by any of their names) and the ``locale`` its
    numbers are written in (``'sv'`` reads ``1 290,50``; any locale hubpartner
    speaks, written as :func:`~hubpartner.present.resolve_locale` reads it).

        >>> CsvFormat(";", "Windows-1252", "sv_SE.UTF-8")
        CsvFormat(delimiter=';', encoding='cp1252', locale='sv_SE')
    """

    delimiter: str | None = attrs.field(default=None, converter=_delimiter)
    encoding: str = attrs.field(default="utf-8", converter=_encoding)
    locale: str = attrs.field(default="en", converter=_locale)


def read_rows(
    path: Source,
    *,
    required: Iterable[str],
    error: type[DataFileError],
    filled: Iterable[str] | None = None,
    file_format: CsvFormat | None = None,
    numbers: Iterable[str] = (),
    counts: Iterable[str] = (),
    currencies: Iterable[str] = (),
) -> tuple[Rows, list[RowProblem]]:
    """Return the rows of a CSV file (or an open stream such as standard input, text
    or buffered binary), each with the line it starts on and its stripped cells, and a problem for
    each row that cannot be read as it is written.

    The file is read as ``file_format`` says (by default: UTF-8, with or without a
    byte order mark, the delimiter found from the header, numbers in English). With
    no delimiter given, the header decides: the one of ``,``, ``;`` and a tab that
    splits it into more of the ``required`` columns, or, if they tie, into more
    columns; a header that still reads two ways is refused by its line, asking for
    the delimiter. Lines may end in CRLF or LF, mixed.

    The cells of the columns of ``numbers`` (and of ``counts``, whole numbers) that
    are written with a decimal mark or group marks are read as the file's locale
    writes numbers, and given in the plain form (``'1 290,50'`` is ``'1290.50'``
    in Swedish); a number that reads two ways (``'1,000'`` where the comma is the
    decimal mark) is a problem of its line. The cells of the columns of
    ``currencies`` are given as codes, read as
    :func:`~hubpartner.money.currency_code` reads a code or a currency's name in the
    file's locale (``svenska kronor`` is ``SEK``); a name that names no currency is a
    problem of its line. Every other cell is given as written.

    Rows are never altered otherwise: a row with fewer or more fields than the
    header has columns, and a blank cell in a column of ``filled`` (by default every
    ``required`` column; a ``filled`` column the header lacks is not checked), is a
    problem of its line, and the row is left out. Blank lines are skipped.

    A file that cannot be found or read, is not a regular file, is larger than
    :data:`MAX_FILE_SIZE`, has a line longer than :data:`MAX_LINE_LENGTH`, is not
    text in its encoding or not valid CSV, or whose header names a column twice, has
    a column without a name or lacks a ``required`` column raises ``error`` naming
    the file.
    """
    problems: list[RowProblem] = []
    columns = Columns(required, filled, numbers, counts, currencies)
    rows = list(iter_rows(path, problems, columns=columns, error=error, file_format=file_format))
    return rows, problems


def iter_rows(
    path: Source,
    problems: list[RowProblem],
    *,
    columns: Columns,
    error: type[DataFileError],
    file_format: CsvFormat | None = None,
) -> Iterator[Row]:
    """The rows of :func:`read_rows`, one at a time as the file is read (never the
    whole file, nor all its rows, in memory), each a line and its cells by column;
    the problem of each row left out is appended to ``problems`` as it is met, so
    that once the rows are all read ``problems`` holds every one, by line."""
    records = iter_records(path, problems, columns=columns, error=error, file_format=file_format)
    _, header = next(records)
    for line, cells in records:
        yield line, dict(zip(header, cells, strict=True))


def iter_records(
    path: Source,
    problems: list[RowProblem],
    *,
    columns: Columns,
    error: type[DataFileError],
    file_format: CsvFormat | None = None,
    checked: bool = True,
) -> Iterator[tuple[int, list[str]]]:
    """The header of a CSV file (with its line), then each row as :func:`iter_rows`
    gives it but with its cells in the header's order: the records a reader that
    wants no dict per row reads. A record is the reader's own, to keep or change.

    With ``checked=False`` the rows of the header's width are given as they are
    written (a row of another width is still a problem of its line), for the reader
    to check with :meth:`CellReader.record` (a reader that has read a row's cells
    before, as written, need not read them again)."""
    import csv

    chosen = CsvFormat() if file_format is None else file_format
    source = source_name(path)
    needed = list(columns.required)
    must_fill = needed if columns.filled is None else list(columns.filled)
    with _lines(path, error, chosen.encoding, newline="") as read:
        lines = _without_mark(read)
        delimiter = chosen.delimiter
        if delimiter is None:
            lines, delimiter = _sniffed(lines, needed, source, error)
        # strict: a quote that is never closed, or a quoted cell with text after its
        # closing quote, is an error, never read as the rest of the file in one cell
        reader = csv.reader(lines, delimiter=delimiter, strict=True)
        start = 1  # the line the record being read starts on
        try:
            header_line, header = 1, []
            for record in reader:
                if record:
                    header_line, header = reader.line_num, [cell.strip() for cell in record]
                    break
                start = reader.line_num + 1
            _check_header(header, header_line, needed, source, error)
            yield header_line, header
            found = attrs.evolve(chosen, delimiter=delimiter)
            cells_of = CellReader(header, must_fill, columns, found)
            width, strip = len(header), str.strip
            start = reader.line_num + 1
            for record in reader:
                line, start = start, reader.line_num + 1
                if len(record) != width:
                    if record:
                        problems.append(RowProblem(line, _row_problem(record, header)))
                    continue
                if not checked:
                    yield line, record
                    continue
                cells = list(map(strip, record))
                if cells_of.read(line, cells, problems):
                    yield line, cells
        except csv.Error as exc:
            raise error(source, [_csv_problem(exc, start)]) from None


def _csv_problem(exc: Exception, start: int) -> RowProblem:
    """The problem of a record the csv module cannot read, named by the line the
    record starts on: a quote opened there and never closed, or the module's own words
    (a cell longer than its field limit, text after a closing quote)."""
    reason = str(exc)
    if reason == "unexpected end of data":
        said = message(
            "a quoted cell opens on this line and is never closed; close its quote, "
            "and write a quote inside a quoted cell twice"
        )
    elif reason.endswith(" expected after '\"'"):  # even a space, never guessed
        said = message(
            "text follows the closing quote of a quoted cell; put the whole cell in "
            "quotes, and write a quote inside it twice"
        )
    else:
        # Translators: {reason} is the csv module's own words, in English
        said = message("is not valid CSV: {reason}", reason=reason)
    return RowProblem(start, said)


class CellReader:
    """How the cells of a table's rows are checked and read, where they stand (an
    index of a record, or a column of a row's dict): the blank cells of the columns
    every row fills, the numbers and counts written with marks, the currencies."""

    def __init__(
        self,
        header: list[str],
        must_fill: Iterable[str],
        columns: Columns,
        chosen: CsvFormat,
        *,
        by_name: bool = False,
    ) -> None:
        def key(column: str) -> Any:
            return column if by_name else header.index(column)

        self.checked = [(key(c), c) for c in must_fill if c in header]
        self.numbers = [
            (key(c), c, c in columns.counts)
            for c in (*columns.numbers, *columns.counts)
            if c in header
        ]
        self.currencies = [(key(c), c) for c in columns.currencies if c in header]
        self.chosen = chosen
        self.filled = [where for where, _ in self.checked]
        self.digits = None if self.currencies else [where for where, _, _ in self.numbers]

    def record(
        self, line: int, written: list[str], problems: list[RowProblem]
    ) -> list[str] | None:
        """The cells of the record of ``line`` as ``written``, stripped and read (as
        :meth:`read` says), or None, its problems appended to ``problems``."""
        cells = [cell.strip() for cell in written]
        return cells if self.read(line, cells, problems) else None

    def read(self, line: int, cells: Any, problems: list[RowProblem]) -> bool:
        """Whether the row of ``line`` (its stripped ``cells``, a record or a dict)
        is read: its numbers and currencies put in their plain form in place, as
        :func:`read_rows` says; else its problems are appended to ``problems`` (a
        blank cell in a column every row fills, or the first cell that cannot be
        read)."""
        # at once: a row that fills its cells, with numbers of plain digits only
        # and no currencies, is read as it is
        if self.digits is not None:
            for where in self.filled:
                if not cells[where]:
                    break
            else:
                for where in self.digits:
                    cell = cells[where]
                    if not (cell.isdigit() and cell.isascii()):
                        break
                else:
                    return True
        blank = [column for key, column in self.checked if not cells[key]]
        if blank:
            problems.extend(RowProblem(line, blank_cell(column)) for column in blank)
            return False
        unread = _read_cells(cells, self.numbers, self.currencies, self.chosen)
        if unread is not None:
            problems.append(RowProblem(line, unread))
            return False
        return True


#: The most values a :class:`Shared` keeps.
MAX_SHARED = 1 << 16


class Shared:
    """Equal values met while reading a file, each kept once, so that a value read on
    many rows (a client's id, a day, a number of points) is one object: a dict local
    to one read, of at most ``most`` values (past that, values are no longer kept,
    only no longer shared), keyed by what the file writes."""

    __slots__ = ("_kept", "_most")

    def __init__(self, most: int = MAX_SHARED) -> None:
        self._kept: dict[Any, Any] = {}
        self._most = most

    def __len__(self) -> int:
        return len(self._kept)

    def get(self, key: Any) -> Any:
        """The value kept for ``key``, or None."""
        return self._kept.get(key)

    def keep(self, key: Any, value: T) -> T:
        """``value``, kept for ``key`` if there is room (the value kept first for
        ``key`` is given back, so that equal values are one object)."""
        kept = self._kept.get(key)
        if kept is not None:
            return kept  # type: ignore[no-any-return]
        if len(self._kept) < self._most:
            self._kept[key] = value
        return value


def _names(value: Iterable[str]) -> tuple[str, ...]:
    return tuple(value)


def _optional_names(value: Iterable[str] | None) -> tuple[str, ...] | None:
    return None if value is None else tuple(value)


@attrs.frozen
class Columns:
    """What a loader asks of a table's columns, as :func:`read_rows` takes it: the
    ``required`` columns, those every row fills (``filled``; by default the required
    ones), and those of numbers, of counts (whole numbers) and of currencies."""

    required: tuple[str, ...] = attrs.field(converter=_names)
    filled: tuple[str, ...] | None = attrs.field(default=None, converter=_optional_names)
    numbers: tuple[str, ...] = attrs.field(default=(), converter=_names)
    counts: tuple[str, ...] = attrs.field(default=(), converter=_names)
    currencies: tuple[str, ...] = attrs.field(default=(), converter=_names)


@runtime_checkable
class Table(Protocol):
    """Rows to read with a header, by name: a CSV file (:class:`CsvTable`) or a
    DataFrame (``hubpartner.frames``). A loader reads any of them the same way, with
    the same checks of every row (see :func:`table_of`)."""

    @property
    def source(self) -> str:
        """How messages name the table."""

    def rows(
        self, columns: Columns, error: type[DataFileError]
    ) -> tuple[Iterator[Row], list[RowProblem]]:
        """The rows (each with its key: a line, a row), a stream read once, and the
        list the problems of rows are appended to as the stream meets them, as
        :func:`iter_rows` gives them: once the rows are all read, it holds every
        problem."""

    def refuse(self, error: type[DataFileError], problems: list[RowProblem]) -> NoReturn:
        """Raise ``error`` naming the table with ``problems``, each where it is."""

    def excluded(self, keys: Iterable[int]) -> tuple[tuple[int, ...], tuple[Any, ...]]:
        """The rows of ``keys``, left out: as lines of a file, and as rows of a
        table that has no lines."""


@attrs.frozen(eq=False)
class CsvTable:
    """A CSV file (or an open text stream) read as :func:`read_rows` reads it, with
    the delimiter, encoding and locale of a :class:`CsvFormat`."""

    path: Source
    delimiter: Any = None
    encoding: Any = "utf-8"
    locale: Any = "en"

    @property
    def source(self) -> str:
        """How messages name the file."""
        return source_name(self.path)

    def rows(
        self, columns: Columns, error: type[DataFileError]
    ) -> tuple[Iterator[Row], list[RowProblem]]:
        """The rows of the file, streamed, and the problems of its rows, by line."""
        problems: list[RowProblem] = []
        return self.stream(columns, error, problems), problems

    def stream(
        self, columns: Columns, error: type[DataFileError], problems: list[RowProblem]
    ) -> Iterator[Row]:
        """The rows of the file, as :func:`iter_rows` reads them."""
        return iter_rows(
            self.path, problems, columns=columns, error=error, file_format=self.file_format
        )

    def records(
        self,
        columns: Columns,
        error: type[DataFileError],
        problems: list[RowProblem],
        *,
        checked: bool = True,
    ) -> Iterator[tuple[int, list[str]]]:
        """The header and the records of the file, as :func:`iter_records` reads
        them."""
        return iter_records(
            self.path,
            problems,
            columns=columns,
            error=error,
            file_format=self.file_format,
            checked=checked,
        )

    @property
    def file_format(self) -> CsvFormat:
        """How the file is written."""
        return CsvFormat(self.delimiter, self.encoding, self.locale)

    def refuse(self, error: type[DataFileError], problems: list[RowProblem]) -> NoReturn:
        """Raise ``error`` naming the file, with ``problems`` by line."""
        raise error(self.source, problems)

    def excluded(self, keys: Iterable[int]) -> tuple[tuple[int, ...], tuple[Any, ...]]:
        """The lines of ``keys``."""
        return tuple(keys), ()


def table_of(path: Source | Table, delimiter: Any, encoding: Any, locale: Any) -> Table:
    """The table a loader reads: ``path`` if it is one (a DataFrame's, from
    ``hubpartner.frames``; its cells are read as they are, so the file's
    ``delimiter``, ``encoding`` and ``locale`` play no part), else the CSV file at
    ``path`` read with them."""
    if isinstance(path, Table):
        return path
    return CsvTable(path, delimiter, encoding, locale)


def _without_mark(lines: Iterator[str]) -> Iterator[str]:
    """``lines``, without the byte order mark a stream's first line may begin with."""
    first = next(lines, None)
    if first is None:
        return iter(())
    return itertools.chain((first[1:] if first.startswith("\ufeff") else first,), lines)


def _sniffed(
    lines: Iterator[str], required: list[str], source: str, error: type[DataFileError]
) -> tuple[Iterator[str], str]:
    """``lines`` whole again, and the delimiter their header (their first line that
    is more than its end) is written with."""
    import csv

    skipped, header = 0, ""
    for line in lines:  # lines that end as soon as they start are no header, for csv too
        if line.strip("\r\n"):
            header = line
            break
        skipped += 1
    distinct: dict[tuple[str, ...], str] = {}
    for mark in DELIMITERS:  # the first mark names a split that others share
        # one line, shorter than csv's field limit, is split without error
        cells = next(csv.reader([header], delimiter=mark))
        distinct.setdefault(tuple(cell.strip() for cell in cells), mark)

    def fit(cells: tuple[str, ...]) -> tuple[int, int]:
        return sum(column in cells for column in required), len(cells)

    best = max(fit(cells) for cells in distinct)
    marks = [mark for cells, mark in distinct.items() if fit(cells) == best]
    if len(marks) > 1:
        raise error(
            source,
            [
                RowProblem(
                    skipped + 1,
                    message(
                        "the header reads as well split at {marks}, so the delimiter "
                        "cannot be told; pass it with --delimiter (delimiter= in Python)",
                        marks=" / ".join(repr(mark) for mark in marks),
                    ),
                )
            ],
        )
    # the skipped lines are given again as line ends, so that rows keep their numbers
    # and a file of blank lines is never held whole
    read = [header] if header else []
    return itertools.chain(itertools.repeat("\n", skipped), read, lines), marks[0]


#: A number written with marks: digits, decimal and group marks, spaces and a sign.
_WRITTEN_NUMBER = re.compile("[+\\-\u2212]?[0-9][0-9.,'\u2019 \xa0\u202f]*")
#: A whole number without marks, which reads alike in every locale.
_PLAIN_WHOLE = re.compile("[+-]?[0-9]+")


def _read_cells(
    cells: Any,
    numbers: list[tuple[Any, str, bool]],
    currencies: list[tuple[Any, str]],
    chosen: CsvFormat,
) -> Message | None:
    """Put the plain form of each number that ``cells`` (a record or a dict) write
    with marks at the ``numbers`` (each where it stands, its column, and whether it
    is a count: a whole number, and a cell that does not read as one is left as
    written, for the column's own check), and the code of each currency at the
    ``currencies``, in place of what was written; the problem of the first that
    cannot be read, if any."""
    try:
        for key, column, whole in numbers:
            cell = cells[key]
            if cell.isdigit() and cell.isascii():
                continue  # plain digits read alike in every locale
            if _PLAIN_WHOLE.fullmatch(cell) or not _WRITTEN_NUMBER.fullmatch(cell):
                continue  # read by the column's own check
            try:
                number = read_number(
                    cell, locale=chosen.locale, field=column, places=0 if whole else None
                )
            except InvalidValueError:
                if whole:
                    continue
                raise
            if (
                chosen.delimiter == ";"
                and _DECIMAL_COMMA.fullmatch(cell)
                and decimal_mark(chosen.locale) == "."
            ):
                return _comma_in_semicolons(cell, number, chosen.locale)
            cells[key] = f"{number:f}"
        if currencies:  # hubpartner.money (and its Money class) loaded for them only
            from .money import currency_code

        for key, column in currencies:
            if cells[key]:
                cells[key] = currency_code(cells[key], field=column, locale=chosen.locale)
    except (InvalidValueError, UnknownCurrencyError) as exc:
        return exc.message
    return None


#: A number whose one comma may be a decimal mark: no point, no other comma.
_DECIMAL_COMMA = re.compile("[+\\-\u2212]?[0-9]+,[0-9]+")


def _comma_in_semicolons(cell: str, number: Decimal, locale: str) -> Message:
    """Why a number whose one comma may be a decimal mark is not read in a file
    separated by semicolons when the locale's decimal mark is a point: such files are
    written where the comma is the decimal mark, so ``9,375`` there is most likely
    9.375 (``1,234.50`` and ``12,000,000`` read one way only, and are read)."""
    return message(
        "a number that reads one way only; {value} reads as {number} in {locale}, but "
        "the file is separated by semicolons, as files with a decimal comma are: give "
        "the file's locale with --locale (locale= in Python), or write it without a "
        "group mark",
        value=repr(cell),
        number=f"{number:f}",
        locale=locale,
    )


def _check_header(
    header: list[str], line: int, required: list[str], source: str, error: type[DataFileError]
) -> None:
    """Refuse a header that names a column twice, has a column without a name, or
    lacks a ``required`` column."""
    problems = [RowProblem(line, said) for said in header_problems(header, required)]
    if problems:
        raise error(source, problems)


def header_problems(header: list[str], required: Iterable[str]) -> list[Message]:
    """What is wrong with a table's ``header`` (its column names): a column named
    twice, a column without a name, a ``required`` column it lacks."""
    problems = []
    first: dict[str, int] = {}
    for position, column in enumerate(header, start=1):
        if not column:
            problems.append(
                message(
                    "column {position} of the header has no name; name every column",
                    position=position,
                )
            )
        elif column in first:
            problems.append(
                message(
                    "the header names {column} twice (columns {first} and {second}); "
                    "name each column once",
                    column=shown(column),
                    first=first[column],
                    second=position,
                )
            )
        else:
            first[column] = position
    problems += [
        message(
            "the header has no column {column}; it has {header}",
            column=shown(column),
            header=shown(header),
        )
        for column in required
        if column not in header
    ]
    return problems


def _row_problem(record: list[str], header: list[str]) -> Message:
    """Why a row of another width than the header cannot be read as it is written
    (too few or too many fields)."""
    if len(record) > len(header):
        return message("more fields than the header has columns")
    return plural(
        "fewer fields than the header has columns ({count} of {columns}); a short row "
        "is never padded with blank cells",
        "fewer fields than the header has columns ({count} of {columns}); a short row "
        "is never padded with blank cells",
        count=len(record),
        columns=len(header),
    )


def blank_cell(column: str) -> Message:
    """The problem of a blank cell in a column every row must fill."""
    return message(
        "{column} is blank; every row must fill it "
        "(a blank cell is never read as 0, no or any other default)",
        column=shown(column),
    )


def yes_no(cell: str, *, field: str) -> bool:
    """Read a yes/no cell: yes, true or 1; no, false or 0 (any case). A blank cell is
    neither: it is refused, never read as no."""
    value = cell.lower()
    if value in ("yes", "true", "1"):
        return True
    if value in ("no", "false", "0"):
        return False
    raise InvalidValueError(field, cell, message("yes or no"))


#: A date written YYYY-MM-DD, digit by digit (``date.fromisoformat`` reads the other
#: forms ISO 8601 allows too, such as ``20250110`` or ``2025-W05-1``). Compiled on
#: first use, by ``re``'s cache.
ISO_DATE = "[0-9]{4}-[0-9]{2}-[0-9]{2}"


def date_cell(text: str, *, field: str = "date") -> date:
    """The date of a cell written YYYY-MM-DD (exactly: no other form is guessed).

    >>> date_cell("2025-01-10")
    datetime.date(2025, 1, 10)
    >>> date_cell("20250110")
    Traceback (most recent call last):
    ...
    hubpartner.errors.InvalidValueError: date: '20250110' is not accepted; expected a date ...
    """
    if re.fullmatch(ISO_DATE, text):
        try:
            return date.fromisoformat(text)
        except ValueError:  # no such day, such as 2025-02-30
            pass
    raise InvalidValueError(field, text, message("a date written YYYY-MM-DD, such as 2025-03-15"))


def read_toml(path: Source, *, error: type[DataFileError]) -> dict[str, Any]:
    """Return the TOML document in the file at ``path`` (or an open text stream); a
    file that cannot be found or read, is not a regular file, is too large or has a
    line too long (as :func:`read_rows` says), is not UTF-8 or is not TOML raises
    ``error`` naming it."""
    with _lines(path, error) as lines:
        text = "".join(lines)
    return parse_toml(text, source=source_name(path), error=error)
