"""Reading files: CSV rows, TOML documents and the packaged data, with their errors."""

import io
import os
from datetime import date
from decimal import Decimal

import pytest

from hubpartner import HubPartnerError, _checks, _files
from hubpartner.clients import read_portfolio
from hubpartner.errors import (
    InvalidAmountError,
    InvalidValueError,
    LedgerFileError,
    PortfolioFileError,
    ResponsesFileError,
    RowProblem,
    RulesFileError,
    ThresholdsFileError,
)
from hubpartner.ledger import read_ledger
from hubpartner.managed import read_events


def test_rows_come_with_their_line_and_stripped_cells(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("\ufeffa,b\n 1 , x\n\n2,\n", encoding="utf-8")
    rows, problems = _files.read_rows(path, required=["a"], error=ResponsesFileError)
    assert rows == [(2, {"a": "1", "b": "x"}), (4, {"a": "2", "b": ""})]
    assert problems == []


def test_a_row_longer_than_the_header_is_a_problem_of_its_line(tmp_path):
    path = tmp_path / "rows.csv"
    path.write_text("a,b\n1,2\n3,4,5\n", encoding="utf-8")
    rows, problems = _files.read_rows(path, required=["a"], error=ResponsesFileError)
    assert [line for line, _ in rows] == [2]
    assert problems == [RowProblem(3, "more fields than the header has columns")]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("x,y\n1,2\n", "the header has no column 'a'"),
        (b"a\n\xff\n", "is not UTF-8 text"),
        # a quoted cell of many lines, each within the line limit, longer than csv's limit
        ('a\n"' + ("x" * 60_000 + "\n") * 3 + '"\n', "is not valid CSV: field larger than"),
    ],
)
def test_files_that_cannot_be_read_as_csv_raise_the_loaders_error(tmp_path, content, message):
    path = tmp_path / "rows.csv"
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(PortfolioFileError, match=message) as caught:
        _files.read_rows(path, required=["a"], error=PortfolioFileError)
    assert caught.value.source == str(path)


@pytest.mark.parametrize(
    ("content", "line", "said"),
    [
        # a quote never closed: the rest of the file is never read as one cell
        ('a,b\n1,"great\n2,\n3,\n', 2, "a quoted cell opens on this line and is never"),
        ('a,b\n1,2\n3,"7', 3, "a quoted cell opens on this line and is never"),
        ('\n\n"a,b\n1,2\n', 3, "a quoted cell opens on this line and is never"),
        ('a,b\n1,"9"x\n', 2, "text follows the closing quote of a quoted cell"),
        ('a,b\n"1" ,2\n', 2, "text follows the closing quote of a quoted cell"),
        ('a,b\n1,"x\n' + ("y" * 50_000 + "\n") * 3 + '"\n', 2, "field larger than"),
    ],
)
def test_a_record_quoted_wrongly_is_refused_by_the_line_it_starts_on(
    tmp_path, content, line, said
):
    path = tmp_path / "rows.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(PortfolioFileError) as caught:
        _files.read_rows(path, required=["a"], error=PortfolioFileError)
    assert [problem.line for problem in caught.value.problems] == [line]
    assert said in str(caught.value)


def test_a_missing_file_is_not_found_and_a_folder_is_not_a_file(tmp_path):
    missing = tmp_path / "none.csv"
    with pytest.raises(LedgerFileError) as caught:
        _files.read_rows(missing, required=[], error=LedgerFileError)
    assert caught.value.lines == (f"{missing}: not found",)
    with pytest.raises(ThresholdsFileError, match=": not found"):
        _files.read_toml(missing, error=ThresholdsFileError)
    with pytest.raises(ThresholdsFileError, match=": is a directory, not a file"):
        _files.read_toml(tmp_path, error=ThresholdsFileError)
    too_long = tmp_path / ("x" * 300)  # any other refusal of the system says its reason
    with pytest.raises(LedgerFileError, match=": cannot be read: File name too long"):
        _files.read_rows(too_long, required=[], error=LedgerFileError)


def test_a_stream_such_as_standard_input_is_read_too():
    rows, problems = _files.read_rows(
        io.StringIO("a,b\n1,2\n"), required=["a"], error=ResponsesFileError
    )
    assert (rows, problems) == ([(2, {"a": "1", "b": "2"})], [])
    stream = io.StringIO("rate = 0.5\n")
    stream.name = "<stdin>"
    assert _files.read_toml(stream, error=RulesFileError) == {"rate": Decimal("0.5")}
    assert _files.source_name(stream) == "<stdin>"
    assert _files.source_name(io.StringIO()) == "<stream>"
    with pytest.raises(ResponsesFileError, match="<stream>: line 1: the header has no column"):
        _files.read_rows(io.StringIO("x\n"), required=["a"], error=ResponsesFileError)


def test_toml_numbers_are_exact_decimals(tmp_path):
    path = tmp_path / "doc.toml"
    path.write_text("rate = 0.1\ncount = 3\n", encoding="utf-8")
    assert _files.read_toml(path, error=RulesFileError) == {"rate": Decimal("0.1"), "count": 3}


def test_toml_that_does_not_parse_or_is_not_utf8_is_named(tmp_path):
    with pytest.raises(RulesFileError, match=r"mine\.toml: .*not valid TOML"):
        _files.parse_toml("[table", source="mine.toml", error=RulesFileError)
    path = tmp_path / "latin1.toml"
    path.write_bytes("name = 'Malmö'\n".encode("latin-1"))
    with pytest.raises(ThresholdsFileError) as caught:
        _files.read_toml(path, error=ThresholdsFileError)
    # what to do is said: a TOML file is always UTF-8, whatever --encoding says
    assert "byte 0xF6 (character 13) is not UTF-8; save the file as UTF-8 text" in str(
        caught.value
    )


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("yes", True), ("TRUE", True), ("1", True), ("no", False), ("False", False), ("0", False)],
)
def test_yes_no_cells(cell, expected):
    assert _files.yes_no(cell, field="certified") is expected


@pytest.mark.parametrize("cell", ["maybe", ""])  # a blank cell is not "no"
def test_anything_else_is_not_yes_or_no(cell):
    with pytest.raises(InvalidValueError, match=f"certified: {cell!r}"):
        _files.yes_no(cell, field="certified")


def test_the_packaged_data_files():
    names = _files.packaged_names("", ".toml")
    assert "managed.toml" in names
    assert _files.packaged_names("rules-", ".toml") == [
        "rules-2022-07-18.toml",
        "rules-2024-02-27.toml",
        "rules-2025-07-15.toml",
    ]
    assert _files.packaged_toml("managed.toml")["lapse_days"] == 60
    assert _files.packaged_source("managed.toml") == "hubpartner/data/managed.toml"


@pytest.mark.parametrize(
    "written",
    ["20250110", "2025-W02-5", "2025-01-10T10", "2025-1-10", "\u0662\u0660\u0662\u0665-01-10"],
)
def test_a_date_cell_is_written_yyyy_mm_dd_and_no_other_iso_form(written):
    with pytest.raises(InvalidValueError) as caught:
        _files.date_cell(written, field="date")
    assert caught.value.value == written
    assert _files.date_cell("2025-01-10") == date(2025, 1, 10)


@pytest.mark.parametrize(
    ("reader", "text", "column"),
    [
        (read_ledger, "date,client,track,points\n20250110,c-1,sourced,5\n", "date"),
        (
            read_events,
            "date,client,kind,user,tool,action\n2025-W02-5,c-1,employee-added,kim,,\n",
            "date",
        ),
        (
            read_portfolio,
            "client,company,hub,edition,mrr,currency,relationship,renewal_date\n"
            "c-1,Acme,marketing,starter,20,EUR,both,2025-01-10T10\n",
            "renewal_date",
        ),
    ],
)
def test_every_file_refuses_a_date_in_another_iso_form_by_line(reader, text, column):
    with pytest.raises(HubPartnerError) as caught:
        reader(io.StringIO(text))
    assert [problem.line for problem in caught.value.problems] == [2]
    assert column in str(caught.value)


@pytest.mark.parametrize("written", ["1_000", "\u0661\u0660", "\u20035"])
def test_a_number_is_written_with_the_digits_0_to_9(written):
    with pytest.raises(InvalidAmountError) as caught:
        _checks.to_decimal(written, field="points")
    assert caught.value.value == written


@pytest.mark.parametrize("written", ["1_000", "\u0661\u0660"])
def test_a_file_refuses_a_number_in_other_digits_by_line(written):
    with pytest.raises(LedgerFileError, match="line 2"):
        read_ledger(io.StringIO(f"date,client,track,points\n2025-01-10,c-1,sourced,{written}\n"))


def test_a_long_or_unprintable_name_is_shown_shortened_in_a_message(tmp_path):
    with pytest.raises(LedgerFileError) as caught:
        read_ledger("x" * 1_000_000)
    assert len(str(caught.value)) < 1_000
    with pytest.raises(LedgerFileError) as caught:
        read_ledger(str(tmp_path / "a\x1b[2Jb.csv"))
    assert "\x1b" not in str(caught.value)
    assert "\\x1b" in str(caught.value)
    long_name = "X" * 30_000
    with pytest.raises(ResponsesFileError) as caught:
        _files.read_rows(
            io.StringIO(f"at,score,{long_name},{long_name}\n"),
            required=[],
            error=ResponsesFileError,
        )
    assert "twice" in str(caught.value)
    assert len(str(caught.value)) < 1_000


def test_a_binary_stream_is_read_in_the_encoding_given_and_left_open():
    written = io.BytesIO("a;b\n1;caf\xe9\n".encode("cp1252"))
    rows, problems = _files.read_rows(
        written,
        required=["a"],
        error=LedgerFileError,
        file_format=_files.CsvFormat(";", "cp1252"),
    )
    assert (rows, problems) == ([(2, {"a": "1", "b": "caf\xe9"})], [])
    assert not written.closed
    with pytest.raises(LedgerFileError, match="is not UTF-8 text: byte 0xE9"):
        _files.read_rows(io.BytesIO(written.getvalue()), required=["a"], error=LedgerFileError)


@pytest.mark.parametrize("encoding", ["utf-8", "cp1252", "latin-1"])
@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_a_utf_16_file_is_refused_by_its_byte_order_mark(tmp_path, encoding, codec):
    path = tmp_path / "ledger.csv"
    mark = {"utf-16": b"", "utf-16-le": b"\xff\xfe", "utf-16-be": b"\xfe\xff"}[codec]
    path.write_bytes(mark + "date,client,track,points\n".encode(codec))
    with pytest.raises(LedgerFileError) as caught:
        read_ledger(path, encoding=encoding)
    assert [problem.line for problem in caught.value.problems] == [1]
    assert "is UTF-16 text" in str(caught.value)
    # a file that merely holds those letters later is read as it is
    path.write_text("date,client,track,points\n2025-01-10,\xff\xfe,sourced,5\n", encoding=encoding)
    assert read_ledger(path, encoding=encoding).deals[0].client == "\xff\xfe"


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_a_utf_8_file_with_its_mark_read_in_another_encoding_is_refused(tmp_path, encoding):
    # read in cp1252, the mark would become the letters "ï»¿" glued to the first
    # column's name, and an optional first column would be lost without a word
    path = tmp_path / "ledger.csv"
    path.write_bytes(b"\xef\xbb\xbfdate;client;track;points\r\n2025-01-10;c-1;sourced;5\r\n")
    with pytest.raises(LedgerFileError) as caught:
        read_ledger(path, encoding=encoding)
    assert [problem.line for problem in caught.value.problems] == [1]
    assert f"is UTF-8 text (it starts with UTF-8's byte order mark), not {encoding}" in str(
        caught.value
    )
    assert read_ledger(path).deals[0].points == 5  # as UTF-8, the default
    # those letters later in a file, or a file of two characters, are read as they are
    path.write_text(
        "date,client,track,points\n2025-01-10,\xef\xbb\xbf,sourced,5\n", encoding=encoding
    )
    assert read_ledger(path, encoding=encoding).deals[0].client == "\xef\xbb\xbf"
    path.write_text("d\n", encoding=encoding)
    with pytest.raises(LedgerFileError, match="header"):
        read_ledger(path, encoding=encoding)


def test_a_stream_opened_on_a_file_descriptor_is_named_by_it(tmp_path):
    path = tmp_path / "ledger.csv"
    path.write_text("date,client,track,points\n2025-01-10,c-1,sourced,x\n", encoding="utf-8")
    with open(os.open(path, os.O_RDONLY), encoding="utf-8") as stream:
        assert isinstance(stream.name, int)
        with pytest.raises(LedgerFileError) as caught:
            read_ledger(stream)
    assert caught.value.source == str(stream.name)


class Dribbling(io.TextIOBase):
    """A text stream that gives one character a read."""

    def __init__(self, text):
        self.text = text

    def readable(self):
        return True

    def read(self, size=-1):
        given, self.text = self.text[:1], self.text[1:]
        return given


@pytest.mark.parametrize("mark", ["\udcff\udcfe", "\xff\xfe"])
def test_a_utf_16_mark_read_a_character_at_a_time_is_found(mark):
    with pytest.raises(LedgerFileError, match="is UTF-16 text"):
        read_ledger(Dribbling(mark + "date,client,track,points\n"))
    for short in ("", "d"):  # no mark: read as any file is (here, with no header)
        with pytest.raises(LedgerFileError, match="header"):
            read_ledger(Dribbling(short))


def test_a_utf_16_toml_file_is_told_to_be_saved_as_utf_8(tmp_path):
    path = tmp_path / "thresholds.toml"
    path.write_bytes("schema = 1\n".encode("utf-16"))
    with pytest.raises(ThresholdsFileError) as caught:
        _files.read_toml(path, error=ThresholdsFileError)
    assert "save it as UTF-8" in str(caught.value)
