"""Reading files as a stream: the lines read a block at a time and the rows read one at
a time give exactly what a reader of one line (or one whole row) at a time gives,
refusals included, each by the same line with the same words."""

import csv
import io
import re

import pytest
from babel.numbers import format_decimal
from hypothesis import example, given
from hypothesis import strategies as st

from hubpartner import _files
from hubpartner.errors import (
    FileProblem,
    InvalidTypeError,
    InvalidValueError,
    LedgerFileError,
    RowProblem,
    UnknownCurrencyError,
)
from hubpartner.present import read_number

# -- the lines of a file --------------------------------------------------------------


def reference_lines(handle, limit, longest, encoding=None):
    """The lines of ``handle`` read one at a time with a bound, as hubpartner read them
    before it read blocks: each checked for its length, the size so far, and a byte
    the encoding could not read."""
    total, number = 0, 0
    while True:
        line = handle.readline(longest + 2)
        if not line:
            return
        number += 1
        if len(line.rstrip("\r\n")) > longest:
            raise LedgerFileError("f", [RowProblem(number, f"long {longest}")])
        total += len(line)
        if total > limit:
            raise LedgerFileError("f", [FileProblem(f"big {limit}")])
        unread = re.search("[\udc80-\udcff]", line)
        if unread:
            said = _files._not_text(encoding, line, unread.start())
            raise LedgerFileError("f", [RowProblem(number, said)])
        yield line


def outcome(read):
    """The lines ``read`` gives, up to its refusal (the problems it names)."""
    lines = []
    try:
        lines.extend(read)
    except LedgerFileError as exc:
        return lines, [(getattr(p, "line", None), p.message) for p in exc.problems]
    return lines, None


texts = st.text(
    alphabet=["a", "é", ",", ";", '"', " ", "\r", "\n", "\udc9f", "\ud800"], max_size=80
)


@example(text="ab\r\ncd\re", block=3, longest=10, limit=90, encoding=None)  # \r | \n
@example(text="abcdefgh\n", block=2, longest=3, limit=90, encoding=None)  # carried, long
@given(
    text=texts,
    block=st.integers(1, 12),
    longest=st.integers(1, 10),
    limit=st.integers(0, 90),
    encoding=st.sampled_from([None, "utf-8", "cp1252"]),
)
def test_lines_read_by_block_are_the_lines_read_one_at_a_time(
    text, block, longest, limit, encoding
):

    def refuse(problem):
        message = problem.message
        if "longer than" in message:
            message = f"long {longest}"
        elif "characters; a file" in message:
            message = f"big {limit}"
        raise LedgerFileError("f", [attrs_like(problem, message)])

    expected = outcome(reference_lines(io.StringIO(text, newline=""), limit, longest, encoding))
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_files, "MAX_LINE_LENGTH", longest)
        patch.setattr(_files, "MAX_FILE_SIZE", limit)
        found = outcome(
            _files._bounded(io.StringIO(text, newline=""), refuse, encoding, block=block)
        )
    assert found == expected


def attrs_like(problem, message):
    return (
        RowProblem(problem.line, message)
        if isinstance(problem, RowProblem)
        else FileProblem(message)
    )


def test_a_binary_stream_is_refused_and_an_empty_one_has_no_lines():
    def refuse(problem):  # pragma: no cover - nothing is refused here
        raise AssertionError(problem)

    assert list(_files._bounded(io.BytesIO(b""), refuse)) == []
    with pytest.raises(InvalidTypeError, match="or a buffered binary one"):
        list(_files._bounded(io.BytesIO(b"a\n"), refuse))


# -- the rows of a CSV file -----------------------------------------------------------

PLAIN_WHOLE = re.compile("[+-]?[0-9]+")
WRITTEN_NUMBER = re.compile("[+\\-\u2212]?[0-9][0-9.,'\u2019 \xa0\u202f]*")


def reference_rows(text, columns, file_format):
    """The rows and problems of a CSV text, read the straightforward way: the whole
    text split into lines, csv.reader over them, a dict per row, each cell checked."""
    lines = io.StringIO(text, newline="").readlines()
    if lines and lines[0].startswith("\ufeff"):
        lines[0] = lines[0][1:]
    needed = list(columns.required)
    must_fill = needed if columns.filled is None else list(columns.filled)
    delimiter = file_format.delimiter
    if delimiter is None:
        read, delimiter = _files._sniffed(iter(lines), needed, "f", LedgerFileError)
        lines = list(read)
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    rows, problems = [], []
    header_line, header = 1, []
    start = 1
    try:
        for record in reader:
            if record:
                header_line, header = reader.line_num, [cell.strip() for cell in record]
                break
            start = reader.line_num + 1
        _files._check_header(header, header_line, needed, "f", LedgerFileError)
        checked = [column for column in must_fill if column in header]
        start = reader.line_num + 1
        for record in reader:
            line, start = start, reader.line_num + 1
            if not record:
                continue
            if len(record) != len(header):
                problems.append(RowProblem(line, _files._row_problem(record, header)))
                continue
            cells = {column: cell.strip() for column, cell in zip(header, record, strict=True)}
            blank = [RowProblem(line, _files.blank_cell(c)) for c in checked if not cells[c]]
            problems.extend(blank)
            if blank:
                continue
            unread = reference_cells(cells, columns, file_format, delimiter)
            if unread is not None:
                problems.append(RowProblem(line, unread))
            else:
                rows.append((line, cells))
    except csv.Error as exc:
        said = f"is not valid CSV: {exc}"
        if str(exc) == "unexpected end of data":
            said = (
                "a quoted cell opens on this line and is never closed; close its quote, "
                "and write a quote inside a quoted cell twice"
            )
        elif str(exc).endswith(" expected after '\"'"):
            said = (
                "text follows the closing quote of a quoted cell; put the whole cell in "
                "quotes, and write a quote inside it twice"
            )
        raise LedgerFileError("f", [RowProblem(start, said)]) from None
    return rows, problems


def reference_cells(cells, columns, file_format, delimiter):
    try:
        for column in (*columns.numbers, *columns.counts):
            cell = cells.get(column, "")
            if PLAIN_WHOLE.fullmatch(cell) or not WRITTEN_NUMBER.fullmatch(cell):
                continue
            whole = column in columns.counts
            try:
                number = read_number(
                    cell, locale=file_format.locale, field=column, places=0 if whole else None
                )
            except InvalidValueError:
                if whole:
                    continue
                raise
            # a semicolon file is one with decimal commas: a lone comma that may be one
            # is no group mark there, in a locale whose decimal mark is a point
            if (
                delimiter == ";"
                and cell.count(",") == 1
                and "." not in cell
                and " " not in cell
                and format_decimal(0.5, locale=file_format.locale)[1] == "."
            ):
                return _files._comma_in_semicolons(cell, number, file_format.locale)
            cells[column] = f"{number:f}"
        for column in columns.currencies:
            if cells.get(column):
                cells[column] = _files.currency_code(
                    cells[column], field=column, locale=file_format.locale
                )
    except (InvalidValueError, UnknownCurrencyError) as exc:
        return exc.message
    return None


def reference_outcome(text, columns, file_format):
    try:
        return reference_rows(text, columns, file_format)
    except LedgerFileError as exc:
        return exc.problems


def streamed_outcome(text, columns, file_format):
    problems = []
    try:
        rows = list(
            _files.iter_rows(
                io.StringIO(text, newline=""),
                problems,
                columns=columns,
                error=LedgerFileError,
                file_format=file_format,
            )
        )
    except LedgerFileError as exc:
        return exc.problems
    return rows, problems


cells = st.sampled_from(
    [
        "",
        " ",
        "1",
        "12",
        " 7 ",
        "1,5",
        "1.000,50",
        "1 290,50",
        "x",
        "-3",
        "EUR",
        "euro",
        "kr",
        '"a,b"',
        '"q;\n r"',
        "9.0",
        "2,000",
        '"never closed',
        '"closed"then',
    ]
)


@st.composite
def csv_texts(draw):
    """A CSV text of columns a, n, c (and sometimes x), with bad rows mixed in:
    short and long rows, blank cells, numbers and currencies that do not read,
    blank lines, a byte order mark, CRLF line ends."""
    delimiter = draw(st.sampled_from([",", ";", "\t"]))
    header = ["a", "n", "c", *draw(st.sampled_from([[], ["x"]]))]
    lines = [delimiter.join(header)]
    for _ in range(draw(st.integers(0, 8))):
        width = draw(st.sampled_from([len(header)] * 4 + [len(header) - 1, len(header) + 1, 0]))
        lines.append(delimiter.join(draw(cells) for _ in range(width)))
    end = draw(st.sampled_from(["\n", "\r\n"]))
    mark = draw(st.sampled_from(["", "\ufeff"]))
    return mark + end.join(lines) + draw(st.sampled_from(["", end])), delimiter


@given(
    written=csv_texts(),
    given_delimiter=st.booleans(),
    locale=st.sampled_from(["en", "sv", "de"]),
    filled=st.sampled_from([None, ("a", "x"), ()]),
)
def test_streamed_rows_are_the_rows_and_problems_of_the_straightforward_reader(
    written, given_delimiter, locale, filled
):
    text, delimiter = written
    file_format = _files.CsvFormat(delimiter if given_delimiter else None, "utf-8", locale)
    columns = _files.Columns(["a", "n"], filled, numbers=["n"], counts=["a"], currencies=["c"])
    assert streamed_outcome(text, columns, file_format) == reference_outcome(
        text, columns, file_format
    )


def test_read_rows_reads_the_stream_whole():
    text = "a,n\n1,2\n3\n"
    rows, problems = _files.read_rows(io.StringIO(text), required=["a"], error=LedgerFileError)
    assert (rows, problems) == reference_rows(text, _files.Columns(["a"]), _files.CsvFormat())


def test_a_csv_table_streams_its_rows_and_gives_its_records():
    table = _files.CsvTable(io.StringIO("a;b\n1;2\n;3\n4;5;6\n"))
    rows, problems = table.rows(_files.Columns(["a"]), LedgerFileError)
    assert problems == []  # nothing is read before the rows are
    assert list(rows) == [(2, {"a": "1", "b": "2"})]
    assert [p.line for p in problems] == [3, 4]
    records = _files.CsvTable(io.StringIO("a,b\n 1 ,2\n")).records(
        _files.Columns(["a"]), LedgerFileError, []
    )
    assert list(records) == [(1, ["a", "b"]), (2, ["1", "2"])]


# -- values shared while reading ---------------------------------------------------------


def test_shared_values_are_kept_once_by_what_is_written_and_bounded():
    shared = _files.Shared(most=2)
    one = "".join(["c", "1"])
    assert shared.keep("c1", one) is one
    assert shared.keep("c1", "".join(["c", "1"])) is one  # the first kept is given back
    assert shared.get("c1") is one
    shared.keep("c2", "c2")
    late = "".join(["c", "3"])
    assert shared.keep("c3", late) is late
    assert len(shared) == 2  # past its bound a Shared keeps nothing more
    assert shared.get("c3") is None
