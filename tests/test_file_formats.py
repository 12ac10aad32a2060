"""The files Nordic and Italian agencies really have: semicolons, decimal commas,
grouped thousands, a byte order mark, CRLF and cp1252, read to the same values as
the plain ``,``/``.`` file; and countries and currencies given by name."""

import csv
import io
from datetime import date, timedelta
from decimal import Decimal

import pytest
from babel.numbers import format_decimal
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import _files, clients, ledger, surveys, tiers
from hubpartner.errors import (
    InvalidTypeError,
    InvalidValueError,
    LedgerFileError,
    PortfolioFileError,
    ResponsesFileError,
    UnknownLocaleError,
)

from .strategies import amounts

#: The locales whose Excel writes semicolons and decimal commas.
COMMA_LOCALES = ["sv", "nb", "it", "de", "fr"]


def written(number, locale, *, places=2):
    """``number`` as a spreadsheet in ``locale`` shows it: grouped, with its decimals."""
    pattern = "#,##0" + ("." + "0" * places if places else "")
    return format_decimal(number, format=pattern, locale=locale, decimal_quantization=False)


def csv_text(header, rows, delimiter):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def twins(header, rows, numbers, counts, locale):
    """The plain file, and its twin as Excel in ``locale`` writes it."""
    plain = [[f"{cell:f}" if isinstance(cell, Decimal) else str(cell) for cell in r] for r in rows]
    local = [
        [
            written(cell, locale, places=0 if column in counts else 2)
            if column in (*numbers, *counts)
            else str(cell)
            for column, cell in zip(header, row, strict=True)
        ]
        for row in rows
    ]
    return csv_text(header, plain, ","), csv_text(header, local, ";")


def save(tmp_path, text, name, *, encoding="utf-8", newline="\n", mark=False):
    path = tmp_path / name
    data = text.replace("\n", newline).encode(encoding)
    path.write_bytes(("\ufeff".encode() if mark else b"") + data)
    return path


# -- rows of valid values, one strategy per loader ---------------------------------------

#: Decimal amounts of at most 2 places, up to ten million: grouped when written.
big_amounts = amounts(max_value=10**7)


@st.composite
def portfolio_rows(draw):
    mrr = draw(st.lists(big_amounts, min_size=1, max_size=6))
    currencies = draw(st.lists(st.sampled_from(["EUR", "SEK", "NOK"]), min_size=len(mrr)))
    header = ["client", "company", "hub", "edition", "mrr", "currency", "relationship"]
    rows = [
        [f"c-{i}", f"Företag {i}", "marketing", "professional", amount, currency, "sold"]
        for i, (amount, currency) in enumerate(zip(mrr, currencies, strict=False))
    ]
    return header, rows, ("mrr",), ()


@st.composite
def ledger_rows(draw):
    points = draw(st.lists(amounts(max_value=10**6), min_size=1, max_size=8))
    header = ["date", "client", "track", "points", "growth"]
    rows = [
        [date(2025, 1 + i % 12, 1).isoformat(), f"c-{i}", "managed", value, "no"]
        for i, value in enumerate(points[:12])
    ]
    return header, rows, ("points",), ()


@st.composite
def history_rows(draw):
    count = draw(st.integers(min_value=1, max_value=6))
    header = ["month", "sourced", "assisted", "managed", "certified", "activities"]
    rows = [
        [
            f"2025-{month:02d}",
            draw(big_amounts),
            draw(big_amounts),
            draw(big_amounts),
            "yes",
            draw(st.integers(min_value=0, max_value=10**7)),
        ]
        for month in range(1, count + 1)
    ]
    return header, rows, ("sourced", "assisted", "managed"), ("activities",)


@st.composite
def response_rows(draw):
    count = draw(st.integers(min_value=1, max_value=8))
    header = ["at", "score", "weight"]
    rows = [
        [
            (date(2025, 1, 1) + timedelta(days=i)).isoformat(),
            draw(st.integers(min_value=0, max_value=10)),
            draw(amounts(max_value=10**4)),
        ]
        for i in range(count)
    ]
    return header, rows, ("weight",), ("score",)


LOADERS = {
    "portfolio": (clients.read_portfolio, portfolio_rows()),
    "ledger": (ledger.read_ledger, ledger_rows()),
    "history": (tiers.read_history, history_rows()),
    "responses": (
        lambda path, **given: surveys.read_responses(path, weight_column="weight", **given),
        response_rows(),
    ),
}


def read_alike(tmp_path_factory, name, locale, variants):
    """Every file ``variants(folder, exported)`` gives (each with the keywords it is
    read with) reads to the values of its plain twin, for any rows of ``name``."""
    load, rows = LOADERS[name]

    @given(rows)
    def check(drawn):
        folder = tmp_path_factory.mktemp(name)
        plain, local = twins(*drawn, locale)
        assert ";" in local.splitlines()[0]
        expected = load(save(folder, plain, "plain.csv"))
        for source, given_keywords in variants(folder, local):
            assert load(source, locale=locale, **given_keywords) == expected

    check()


@pytest.mark.parametrize("name", LOADERS)
@pytest.mark.parametrize("locale", COMMA_LOCALES)
def test_a_semicolon_decimal_comma_file_reads_as_its_plain_twin(tmp_path_factory, name, locale):
    def variants(folder, local):
        yield save(folder, local, "local.csv"), {}  # the delimiter found from the header
        yield save(folder, local, "told.csv"), {"delimiter": "semicolon"}  # or by its word
        yield io.StringIO(local), {"delimiter": ";"}

    read_alike(tmp_path_factory, name, locale, variants)


@pytest.mark.parametrize("name", LOADERS)
@pytest.mark.parametrize("locale", ["sv", "nb", "it", "de"])
def test_a_bom_crlf_or_cp1252_twin_reads_the_same(tmp_path_factory, name, locale):
    def variants(folder, local):
        yield save(folder, local, "bom.csv", newline="\r\n", mark=True), {}
        windows = save(folder, local, "cp1252.csv", encoding="cp1252", newline="\r\n")
        yield windows, {"encoding": "cp1252"}
        yield windows, {"encoding": "Windows-1252"}

    read_alike(tmp_path_factory, name, locale, variants)


def test_lf_and_crlf_mixed_and_a_stream_with_a_mark_are_read(tmp_path):
    text = "\ufeffmonth;sourced;assisted;managed;certified\r\n2025-01;1 200,50;0;0;yes\n"
    (record,) = tiers.read_history(io.StringIO(text), locale="sv")
    assert record.points.sourced == Decimal("1200.50")
    (record,) = tiers.read_history(save(tmp_path, text, "h.csv"), locale="sv")
    assert record.points.sourced == Decimal("1200.50")


# -- ambiguity, by line ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("locale", "cell"), [("sv", "1,000"), ("it", "1.000"), ("de", "2.500"), ("fr", "1,000")]
)
def test_a_number_that_reads_two_ways_is_refused_by_its_line(tmp_path, locale, cell):
    text = (
        f"date;client;track;points\n2025-07-01;c-1;managed;9,35\n2025-08-01;c-1;managed;{cell}\n"
    )
    with pytest.raises(LedgerFileError) as caught:
        ledger.read_ledger(save(tmp_path, text, "l.csv"), locale=locale)
    (problem,) = caught.value.problems
    assert problem.line == 3
    assert "points" in problem.message
    assert "reads two ways" in problem.message


def test_grouped_thousands_are_read_in_english_and_whole_counts_in_italian(tmp_path):
    text = 'month,sourced,assisted,managed,certified,activities\n2025-01,"1,200.5",0,0,yes,7\n'
    (record,) = tiers.read_history(io.StringIO(text))
    assert record.points.sourced == Decimal("1200.5")
    text = "month;sourced;assisted;managed;certified;activities\n2025-01;1;0;0;yes;1.200\n"
    (record,) = tiers.read_history(io.StringIO(text), locale="it")
    assert record.activities == 1200


@pytest.mark.parametrize("delimiter", [None, ";"])
@pytest.mark.parametrize("written", ["9,375", "1,200", "-12,000"])
def test_a_comma_in_a_number_of_a_semicolon_file_read_in_english_is_refused(delimiter, written):
    # Excel writes semicolons where the comma is the decimal mark: "9,375" there is
    # nine and a bit, which English would read as nine thousand
    text = f"date;client;track;points\n2025-07-01;c-1;sourced;{written}\n"
    with pytest.raises(LedgerFileError) as caught:
        ledger.read_ledger(io.StringIO(text), delimiter=delimiter)
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert f"{written!r} reads as" in problem.message
    assert "the file is separated by semicolons" in problem.message
    # in the file's own locale, or without a group mark, it reads one way
    (deal,) = ledger.read_ledger(io.StringIO(text.replace(written, "9,5")), locale="sv").deals
    assert deal.points == Decimal("9.5")
    (deal,) = ledger.read_ledger(io.StringIO(text.replace(written, "9375.5"))).deals
    assert deal.points == Decimal("9375.5")
    # a comma that cannot be a decimal mark groups thousands, as English writes them
    for grouped in ("1,234.50", "12,000,000"):
        (deal,) = ledger.read_ledger(io.StringIO(text.replace(written, grouped))).deals
        assert deal.points == Decimal(grouped.replace(",", ""))


def test_a_score_that_is_no_whole_number_is_refused_as_written(tmp_path):
    text = "at;score\n2025-01-01;9,5\n"
    with pytest.raises(ResponsesFileError) as caught:
        surveys.read_responses(io.StringIO(text), locale="sv")
    assert "'9,5' is not an integer" in caught.value.problems[0].message


# -- the delimiter, found from the header ---------------------------------------------------


def test_the_delimiter_is_the_one_that_splits_the_header_into_the_columns():
    text = "at;score;comment\n2025-01-01;9;good, fast\n"
    (response,) = surveys.read_responses(io.StringIO(text)).responses
    assert response.comment == "good, fast"
    text = "at\tscore\n2025-01-01\t9\n"
    assert surveys.read_responses(io.StringIO(text)).responses[0].score == 9


@pytest.mark.parametrize("header", ["at;x,score", "x;y,z"])
def test_a_header_that_reads_two_ways_asks_for_the_delimiter(header):
    text = f"\n{header}\n2025-01-01;9,1\n"
    with pytest.raises(ResponsesFileError) as caught:
        surveys.read_responses(io.StringIO(text))
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert "--delimiter" in problem.message
    assert surveys.read_responses(io.StringIO("at;score\n2025-01-01;9\n"), delimiter=";")


def test_a_given_delimiter_is_used_even_where_the_header_says_otherwise():
    with pytest.raises(ResponsesFileError, match="has no column 'at'"):
        surveys.read_responses(io.StringIO("at;score\n2025-01-01;9\n"), delimiter=",")


# -- encodings --------------------------------------------------------------------------------


def test_a_byte_the_encoding_cannot_read_is_refused_by_line_naming_the_option(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(
        "at;score;comment\n2025-01-01;9;bra\n2025-01-02;8;Göteborg\n".encode("cp1252")
    )
    with pytest.raises(ResponsesFileError) as caught:
        surveys.read_responses(path)
    (problem,) = caught.value.problems
    assert problem.line == 3
    assert "byte 0xF6 (character 15)" in problem.message
    assert "--encoding cp1252" in problem.message
    read = surveys.read_responses(path, encoding="cp1252")
    assert read.responses[1].comment == "Göteborg"
    assert surveys.read_responses(path, encoding="latin-1") == read


def test_a_byte_cp1252_leaves_undefined_is_refused_by_line(tmp_path):
    path = tmp_path / "r.csv"
    path.write_bytes(b"at,score,comment\n2025-01-01,9,\x81\n")
    with pytest.raises(ResponsesFileError, match="is not cp1252 text") as caught:
        surveys.read_responses(path, encoding="cp1252")
    assert caught.value.problems[0].line == 2


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ((), ("utf-8", None, "en")),
        ((",", "UTF8", "sv-SE"), ("utf-8", ",", "sv_SE")),
        (("semicolon", "utf-8-sig", "no"), ("utf-8", ";", "nb")),
        (("TAB", "latin1", "it_IT.UTF-8"), ("latin-1", "\t", "it_IT")),
        (("auto", "cp1252", "C"), ("cp1252", None, "en")),
    ],
)
def test_a_file_format_reads_the_names_people_give(given, expected):
    chosen = _files.CsvFormat(*given)
    assert (chosen.encoding, chosen.delimiter, chosen.locale) == expected


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("delimiter", "|", InvalidValueError),
        ("delimiter", ",;", InvalidValueError),
        ("delimiter", 44, InvalidTypeError),
        ("encoding", "utf-16", InvalidValueError),
        ("encoding", "no such codec", InvalidValueError),
        ("encoding", "utf-8\0", InvalidValueError),
        ("encoding", "u" * 1000, InvalidValueError),
        ("encoding", b"utf-8", InvalidTypeError),
        ("locale", "xx", UnknownLocaleError),
    ],
)
def test_a_file_format_refuses_what_it_cannot_read_by_name(field, value, error):
    with pytest.raises(error) as caught:
        _files.CsvFormat(**{field: value})
    assert caught.value.field == field


@pytest.mark.parametrize(
    "load",
    [clients.read_portfolio, ledger.read_ledger, tiers.read_history, surveys.read_responses],
)
def test_every_loader_checks_its_format_before_reading(load):
    with pytest.raises(InvalidValueError) as caught:
        load("no such file.csv", encoding="utf-16")
    assert caught.value.field == "encoding"


# -- currencies by name in a file -----------------------------------------------------------


def test_a_portfolio_may_name_its_currencies_in_the_files_language():
    header = "client;company;hub;edition;mrr;currency;relationship\n"
    text = header + "c-1;Acme AB;marketing;professional;1 290,50;svenska kronor;sold\n"
    (client,) = clients.read_portfolio(io.StringIO(text), locale="sv").clients
    assert client.products[0].mrr.amount == Decimal("1290.50")
    assert client.products[0].mrr.currency == "SEK"
    with pytest.raises(PortfolioFileError) as caught:
        clients.read_portfolio(
            io.StringIO(text.replace("svenska kronor", "svenska kronr")), locale="sv"
        )
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert "did you mean" in problem.message
    assert "SEK (svensk krona)" in problem.message


def test_an_empty_file_or_one_of_blank_lines_has_no_header_whatever_its_delimiter():
    for text in ("", "\n\r\n  \n"):
        with pytest.raises(ResponsesFileError, match="the header has no column 'at'"):
            surveys.read_responses(io.StringIO(text))


def test_a_currency_column_that_may_be_blank_stays_blank(tmp_path):
    text = "name;currency\na;euro\nb;\n"
    rows, problems = _files.read_rows(
        io.StringIO(text),
        required=["name"],
        error=PortfolioFileError,
        file_format=_files.CsvFormat(locale="it"),
        currencies=["currency"],
    )
    assert [cells["currency"] for _, cells in rows] == ["EUR", ""]
    assert problems == []


def test_a_presenter_reads_numbers_as_its_locale_writes_them():
    from hubpartner.present import Presenter, resolve_locale

    assert Presenter("sv").read_number("1 290,50") == Decimal("1290.50")
    assert resolve_locale("pt") == "pt_BR"


def test_a_files_problems_and_an_unknown_name_are_said_in_the_users_language():
    with pytest.raises(ResponsesFileError) as caught:
        surveys.read_responses(io.StringIO("at;x,score\n"))
    assert "avgränsaren går inte att avgöra" in caught.value.say("sv")
    assert "il delimitatore non si può stabilire" in caught.value.say("it")
    assert "skilletegnet kan ikke avgjøres" in caught.value.say("nb")
    from hubpartner.errors import UnknownCountryNameError
    from hubpartner.markets import market_code

    with pytest.raises(UnknownCountryNameError) as unknown:
        market_code("Sverje", locale="ja")
    assert unknown.value.say("ja").startswith("market: 'Sverje' は国コードでも")
    assert "SE (スウェーデン)" in unknown.value.say("ja")


def test_blank_lines_before_the_header_keep_the_rows_numbers_and_are_not_held():
    import tracemalloc

    text = "\r\n" * 300_000 + "at;score\r\n2025-01-01;9\r\n\r\n2025-01-02;x\n"
    stream = io.StringIO(text)
    tracemalloc.start()
    try:
        with pytest.raises(ResponsesFileError) as caught:
            surveys.read_responses(stream)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    (problem,) = caught.value.problems
    assert problem.line == 300_004
    assert "'x' is not an integer" in problem.message
    assert peak < 4_000_000  # bytes: the 300,000 blank lines were never held at once
