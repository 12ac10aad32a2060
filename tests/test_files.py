"""Reading files: CSV rows, TOML documents and the packaged data, with their errors."""

import io
from decimal import Decimal

import pytest

from hubpartner import _files
from hubpartner.errors import (
    InvalidValueError,
    LedgerFileError,
    PortfolioFileError,
    ResponsesFileError,
    RowProblem,
    RulesFileError,
    ThresholdsFileError,
)


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
    with pytest.raises(ThresholdsFileError, match="is not UTF-8 text"):
        _files.read_toml(path, error=ThresholdsFileError)


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
