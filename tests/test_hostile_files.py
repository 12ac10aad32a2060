"""Hostile and malformed files: every loader refuses them quickly, by line or key.

A loader never alters a row (no padding, no guessing, no last-column-wins, no blank
read as a default), checks a configuration file whole (schema, types, rising
thresholds, bounded rates, real currencies), refuses a mix of naive and offset-aware
moments, and bounds what it reads: file size, line length, and only regular files
(or an open text stream such as standard input).
"""

import contextlib
import io
import itertools
import os
import signal
import unicodedata
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import _files, clients, engagement, ledger, managed, reviews, rules, surveys, tiers
from hubpartner.errors import (
    DataFileError,
    EventsFileError,
    FileProblem,
    InvalidTypeError,
    InvalidValueError,
    LedgerFileError,
    MixedTimeZonesError,
    NotMoneyError,
    PortfolioFileError,
    ResponsesFileError,
    RowProblem,
    RulesFileError,
    ThresholdsFileError,
    UnknownCurrencyError,
)
from hubpartner.money import NOT_MONEY, Money, currency_code
from hubpartner.surveys import lifecycle

# -- helpers ---------------------------------------------------------------------------------


class TookTooLongError(Exception):  # not an OSError, so no loader can mistake it for one
    pass


@contextlib.contextmanager
def within(seconds):
    """Fail if the block runs longer than ``seconds`` (a hang would stop the suite)."""

    def stop(signum, frame):
        raise TookTooLongError(f"took more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def write(tmp_path, text, name="file.csv"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def refused(error, call, *args, **kwargs):
    """The problems of the ``error`` that ``call`` raises, within a second."""
    with within(2), pytest.raises(error) as caught:
        call(*args, **kwargs)
    return caught.value.problems


# Each CSV loader, its error, a header and a good row.
CSV_LOADERS = {
    "responses": (surveys.read_responses, ResponsesFileError, "at,score", "2025-01-01,9"),
    "portfolio": (
        clients.read_portfolio,
        PortfolioFileError,
        "client,company,hub,edition,mrr,currency,relationship",
        "c1,Acme,marketing,professional,100,EUR,sold",
    ),
    "ledger": (
        ledger.read_ledger,
        LedgerFileError,
        "date,client,track,points",
        "2025-01-01,c1,sourced,5",
    ),
    "history": (
        tiers.read_history,
        LedgerFileError,
        "month,sourced,assisted,managed,certified",
        "2025-01,1,0,0,yes",
    ),
    "events": (
        managed.read_events,
        EventsFileError,
        "date,client,kind",
        "2025-01-01,c1,end-services",
    ),
}

GOOD_THRESHOLDS = "[gold]\ntotal = 100\nsold_minimum = 20\n"
GOOD_RULES = rules.dumps(rules.for_date(date(2025, 8, 1)))

# Every loader, its error, and a good file.
LOADERS = {
    **{
        name: (load, error, f"{header}\n{row}\n")
        for name, (load, error, header, row) in CSV_LOADERS.items()
    },
    "thresholds": (tiers.load_thresholds, ThresholdsFileError, GOOD_THRESHOLDS),
    "rules": (rules.load, RulesFileError, GOOD_RULES),
}


@pytest.mark.parametrize("name", LOADERS)
def test_every_loader_reads_its_good_file_and_the_same_as_a_stream(tmp_path, name):
    load, _, text = LOADERS[name]
    assert load(write(tmp_path, text)) == load(io.StringIO(text))


# -- (b) rows are never altered ----------------------------------------------------------------


@pytest.mark.parametrize("name", CSV_LOADERS)
def test_a_short_row_is_refused_by_line_never_padded(tmp_path, name):
    load, error, header, row = CSV_LOADERS[name]
    short = row.rsplit(",", 1)[0]
    problems = refused(error, load, write(tmp_path, f"{header}\n{row}\n{short}\n"))
    assert [p.line for p in problems] == [3]
    assert problems[0].message.startswith("fewer fields than the header has columns")


@pytest.mark.parametrize("name", CSV_LOADERS)
def test_a_long_row_is_refused_by_line(tmp_path, name):
    load, error, header, row = CSV_LOADERS[name]
    problems = refused(error, load, write(tmp_path, f"{header}\n{row},surplus\n{row}\n"))
    assert problems == (RowProblem(2, "more fields than the header has columns"),)


@pytest.mark.parametrize("name", CSV_LOADERS)
def test_a_column_named_twice_is_refused_never_last_wins(tmp_path, name):
    load, error, header, row = CSV_LOADERS[name]
    second = header.split(",")[1]
    text = f"{header},{second}\n{row},{row.split(',')[1]}\n"
    (problem,) = refused(error, load, write(tmp_path, text))
    assert problem.line == 1
    assert f"names {second!r} twice" in problem.message


def test_the_issues_duplicate_score_column_is_refused(tmp_path):
    # the issue: `at,score,score` silently scored the wrong column
    path = write(tmp_path, "at,score,score\n2025-01-01,3,9\n")
    (problem,) = refused(ResponsesFileError, surveys.read_responses, path)
    assert problem.line == 1
    assert "'score' twice (columns 2 and 3)" in problem.message


@pytest.mark.parametrize("name", CSV_LOADERS)
def test_a_missing_required_column_is_refused(tmp_path, name):
    load, error, header, row = CSV_LOADERS[name]
    columns, cells = header.split(","), row.split(",")
    text = ",".join(columns[1:]) + "\n" + ",".join(cells[1:]) + "\n"
    (problem,) = refused(error, load, write(tmp_path, text))
    assert problem.line == 1
    assert f"no column {columns[0]!r}" in problem.message


@pytest.mark.parametrize("name", CSV_LOADERS)
def test_a_column_without_a_name_is_refused(tmp_path, name):
    load, error, header, row = CSV_LOADERS[name]
    (problem,) = refused(error, load, write(tmp_path, f"{header},\n{row},x\n"))
    assert problem.line == 1
    assert "column" in problem.message
    assert "has no name" in problem.message


def blanked(row, position):
    cells = row.split(",")
    cells[position] = " "
    return ",".join(cells)


REQUIRED_CELLS = [
    (name, column)
    for name, (_, _, header, _) in CSV_LOADERS.items()
    for column in header.split(",")
    if (name, column) != ("responses", "score")  # a missing answer: see the next test
]


@pytest.mark.parametrize(("name", "column"), REQUIRED_CELLS)
def test_a_blank_required_cell_is_refused_by_line(tmp_path, name, column):
    load, error, header, row = CSV_LOADERS[name]
    position = header.split(",").index(column)
    path = write(tmp_path, f"{header}\n{row}\n{blanked(row, position)}\n")
    problems = refused(error, load, path)
    assert [p.line for p in problems] == [3]
    assert problems[0].message.startswith(f"{column!r} is blank")


def test_blank_lines_are_skipped_and_an_empty_file_has_no_header(tmp_path):
    read = surveys.read_responses(write(tmp_path, "\n\nat,score\n\n2025-01-01,9\n"))
    assert len(read.responses) == 1
    problems = refused(ResponsesFileError, surveys.read_responses, write(tmp_path, ""))
    assert [p.message for p in problems] == [
        "the header has no column 'score'; it has []",
        "the header has no column 'at'; it has []",
    ]


def test_a_blank_score_is_a_missing_answer_as_before(tmp_path):
    path = write(tmp_path, "at,score\n2025-01-01,9\n2025-01-02,\n")
    assert surveys.read_responses(path, missing="exclude").excluded_lines == (3,)
    (problem,) = refused(ResponsesFileError, surveys.read_responses, path)
    assert problem.line == 3


def test_the_issues_short_history_row_is_refused(tmp_path):
    # the issue: `2025-02,70` became "no tier, not certified"
    path = write(
        tmp_path, "month,sourced,assisted,managed,certified\n2025-01,1,0,0,yes\n2025-02,70\n"
    )
    (problem,) = refused(LedgerFileError, tiers.read_history, path)
    assert problem.line == 3
    assert "2 of 5" in problem.message


@pytest.mark.parametrize(
    ("row", "column"),
    [
        ("2025-01,1,0,0,", "certified"),
        ("2025-01,,0,0,yes", "sourced"),
        ("2025-01,1,0,,no", "managed"),
    ],
)
def test_history_blanks_are_never_zero_or_no(tmp_path, row, column):
    path = write(tmp_path, f"month,sourced,assisted,managed,certified\n{row}\n")
    (problem,) = refused(LedgerFileError, tiers.read_history, path)
    assert problem.line == 2
    assert problem.message.startswith(f"{column!r} is blank")


def test_a_blank_growth_cell_is_refused_and_an_absent_growth_column_is_no_growth(tmp_path):
    path = write(tmp_path, "date,client,track,points,growth\n2025-01-01,c1,sourced,5,\n")
    (problem,) = refused(LedgerFileError, ledger.read_ledger, path)
    assert problem.line == 2
    assert problem.message.startswith("'growth' is blank")
    plain = ledger.read_ledger(
        write(tmp_path, "date,client,track,points\n2025-01-01,c1,sourced,5\n")
    )
    assert plain.deals[0].growth_market is False


def test_yes_no_cells_are_never_blank():
    with pytest.raises(InvalidValueError) as caught:
        _files.yes_no("", field="certified")
    assert (caught.value.field, caught.value.value) == ("certified", "")


ELITE = (
    "month,sourced,assisted,managed,certified,"
    "invited,customer_retention,dollar_retention,certifications"
)


def test_elites_cells_are_all_given_or_none(tmp_path):
    path = write(
        tmp_path,
        f"{ELITE}\n2025-01,1,0,0,yes,yes,0.9,0.9,120\n2025-02,1,0,0,yes,,,,\n2025-03,1,0,0,yes,yes,,0.9,\n",
    )
    (problem,) = refused(LedgerFileError, tiers.read_history, path)
    assert problem.line == 4
    assert "customer_retention" in problem.message
    assert "certifications" in problem.message
    first, second = tiers.read_history(
        write(tmp_path, "\n".join(path.read_text().splitlines()[:3]))
    )
    assert first.elite == tiers.EliteStatus(True, Decimal("0.9"), Decimal("0.9"), 120)
    assert second.elite is None


def test_elites_columns_the_file_lacks_count_as_not_met(tmp_path):
    path = write(
        tmp_path,
        "month,sourced,assisted,managed,certified,customer_retention\n2025-01,1,0,0,yes,0.9\n",
    )
    (record,) = tiers.read_history(path)
    assert record.elite == tiers.EliteStatus(customer_retention=Decimal("0.9"))


def test_absent_optional_history_columns_are_fine_and_a_blank_activity_count_is_unknown(tmp_path):
    path = write(
        tmp_path,
        "month,sourced,assisted,managed,certified,activities,invited\n2025-01,1,0,0,yes,,yes\n",
    )
    (record,) = tiers.read_history(path)
    assert record.activities is None  # not known: a tier that needs activities is not met
    assert record.elite == tiers.EliteStatus(invited=True)


PORTFOLIO = (
    "client,company,hub,edition,mrr,currency,relationship,"
    "renewal_date,renewal_owner,renewal_manager"
)


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("c1,Acme,marketing,professional,100,EUR,sold,2025-09-01,,Jo", "'renewal_owner' is blank"),
        (
            "c1,Acme,marketing,professional,100,EUR,sold,2025-09-01,partner,",
            "'renewal_manager' is blank",
        ),
        (
            "c1,Acme,marketing,professional,100,EUR,sold,,partner,Jo",
            "renewal_owner, renewal_manager",
        ),
    ],
)
def test_a_renewal_is_given_whole_or_not_at_all(tmp_path, row, message):
    (problem,) = refused(
        PortfolioFileError, clients.read_portfolio, write(tmp_path, f"{PORTFOLIO}\n{row}\n")
    )
    assert problem.line == 2
    assert message in problem.message


def test_a_client_without_a_renewal_leaves_its_renewal_cells_blank(tmp_path):
    path = write(tmp_path, f"{PORTFOLIO}\nc1,Acme,marketing,professional,100,EUR,sold,,,\n")
    (client,) = clients.read_portfolio(path).clients
    assert client.renewal is None


def test_a_month_on_two_lines_is_refused(tmp_path):
    text = "month,sourced,assisted,managed,certified\n2025-01,1,0,0,yes\n2025-01,9,0,0,yes\n"
    (problem,) = refused(LedgerFileError, tiers.read_history, write(tmp_path, text))
    assert problem.line == 3
    assert "line 2" in problem.message


def test_cells_of_thousands_of_digits_are_refused_not_crashed(tmp_path):
    digits = "9" * 5000  # more than int() reads from text
    path = write(tmp_path, f"at,score\n2025-01-01,{digits}\n")
    (problem,) = refused(ResponsesFileError, surveys.read_responses, path)
    assert problem.message.endswith("is outside the scale 0..10")
    path = write(
        tmp_path,
        f"month,sourced,assisted,managed,certified,activities\n2025-01,1,0,0,yes,{digits}\n",
    )
    (problem,) = refused(LedgerFileError, tiers.read_history, path)
    assert problem.message.startswith("activities: ")
    assert "at most 18 digits" in problem.message


def test_quoted_cells_may_span_lines_and_a_row_is_named_by_its_first_line(tmp_path):
    path = write(tmp_path, 'at,score,comment\n2025-01-01,9,"two\nlines"\n2025-01-02,11,x\n')
    (problem,) = refused(ResponsesFileError, surveys.read_responses, path)
    assert problem.line == 4
    assert (
        surveys.read_responses(write(tmp_path, 'at,score,comment\n2025-01-01,9,"a\nb"\n'))
        .responses[0]
        .comment
        == "a\nb"
    )


# -- (c) configuration files are checked whole ------------------------------------------------


def problem_keys(error, call, *args, **kwargs):
    return {p.key: p.message for p in refused(error, call, *args, **kwargs)}


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('[gold]\ntotal = "100"\nsold_minimum = 20\n', "gold.total"),
        ('[gold]\ntotal = 100\nsold_minimum = "20"\n', "gold.sold_minimum"),
        (
            '[gold]\ntotal = 100\nsold_minimum = 20\nmanaged_minimum = "5"\n',
            "gold.managed_minimum",
        ),
        (
            "[gold]\ntotal = 1\nsold_minimum = 1\n[elite]\ntotal = 9\nsold_minimum = 1\n"
            'customer_retention_min = "0.85"\n',
            "elite.customer_retention_min",
        ),
        ("[gold]\ntotal = true\nsold_minimum = 20\n", "gold.total"),
    ],
)
def test_threshold_numbers_are_toml_numbers_not_strings(text, key):
    found = problem_keys(ThresholdsFileError, tiers.thresholds_from_toml, text)
    assert list(found) == [key]
    assert "a TOML number" in found[key]


def rules_with(old, new):
    assert old in GOOD_RULES
    return GOOD_RULES.replace(old, new, 1)


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("sourced = 5", 'sourced = "5"', "points_per_usd_100.sourced"),
        ("EUR = 88", 'EUR = "88"', "currencies.EUR"),
        ("multiplier = 2", 'multiplier = "2"', "growth_markets.multiplier"),
        (
            "points_per_usd_100 = 3",
            'points_per_usd_100 = "3"',
            "legacy_sold_rate.points_per_usd_100",
        ),
    ],
)
def test_rule_numbers_are_toml_numbers_not_strings(old, new, key):
    found = problem_keys(RulesFileError, rules.loads, rules_with(old, new))
    assert list(found) == [key]
    assert "a TOML number" in found[key]


@pytest.mark.parametrize("schema", ["2", '"1"', "true", "1.0", "0"])
def test_an_unknown_schema_is_refused_in_rules(schema):
    found = problem_keys(
        RulesFileError, rules.loads, rules_with("schema = 1", f"schema = {schema}")
    )
    assert list(found) == ["schema"]


@pytest.mark.parametrize("schema", ["2", '"1"', "true"])
def test_an_unknown_schema_is_refused_in_thresholds(schema):
    found = problem_keys(
        ThresholdsFileError, tiers.thresholds_from_toml, f"schema = {schema}\n{GOOD_THRESHOLDS}"
    )
    assert list(found) == ["schema"]
    assert tiers.thresholds_from_toml(f"schema = 1\n{GOOD_THRESHOLDS}").top is tiers.Tier.GOLD


ENGAGEMENT = _files.packaged_text("engagement.toml")


def test_an_unknown_schema_or_key_is_refused_in_a_scoring_model():
    assert "schema = 1" in ENGAGEMENT
    found = problem_keys(
        RulesFileError, engagement.model_from_toml, ENGAGEMENT.replace("schema = 1", "schema = 7")
    )
    assert list(found) == ["schema"]
    found = problem_keys(
        RulesFileError, engagement.model_from_toml, "colour = 'red'\n" + ENGAGEMENT
    )
    assert list(found) == ["colour"]


@pytest.mark.parametrize(
    ("read", "name", "needed"),
    [
        (managed._managed_rules_from, "managed.toml", "lapse_days"),
        (lifecycle._survey_rules_from, "surveys.toml", "email"),
        (reviews._review_rules_from, "reviews.toml", "rating"),
        (engagement._catalogue_from, "catalogue.toml", "hubs"),
    ],
)
def test_the_packaged_data_readers_check_their_documents_whole(read, name, needed):
    data = _files.packaged_toml(name)
    source = _files.packaged_source(name)
    assert read(data, source) is not None
    found = problem_keys(RulesFileError, read, {**data, "schema": 2, "surplus": 1}, source)
    assert set(found) == {"schema", "surplus"}
    without = {key: value for key, value in data.items() if key != needed}
    assert problem_keys(RulesFileError, read, without, source) == {needed: "missing"}


@pytest.mark.parametrize(
    ("read", "name", "table", "key", "bad"),
    [
        (managed._managed_rules_from, "managed.toml", None, "lapse_days", "60"),
        (lifecycle._survey_rules_from, "surveys.toml", "response_rate", "low", "0.05"),
        (
            lifecycle._survey_rules_from,
            "surveys.toml",
            "email",
            "answerable_days_after_unpublishing",
            "14",
        ),
        (reviews._review_rules_from, "reviews.toml", "rating", "high", "5"),
        (reviews._review_rules_from, "reviews.toml", "summary", "places", "1"),
    ],
)
def test_packaged_numbers_are_toml_numbers(read, name, table, key, bad):
    data = _files.packaged_toml(name)
    data = {**data, key: bad} if table is None else {**data, table: {**data[table], key: bad}}
    where = key if table is None else f"{table}.{key}"
    assert where in problem_keys(RulesFileError, read, data, _files.packaged_source(name))


@pytest.mark.parametrize(
    ("read", "name", "change", "key"),
    [
        (lifecycle._survey_rules_from, "surveys.toml", {"email": 14}, "email"),
        (reviews._review_rules_from, "reviews.toml", {"summary": [1]}, "summary"),
        (engagement._catalogue_from, "catalogue.toml", {"hubs": {"cms": "CMS Hub"}}, "hubs.cms"),
        (
            engagement._catalogue_from,
            "catalogue.toml",
            {"hubs": {"cms": {"name": "CMS Hub"}}},
            "hubs.cms.editions",
        ),
        (
            engagement._catalogue_from,
            "catalogue.toml",
            {"hubs": {"cms": {"name": "", "editions": ["free"]}}},
            "hubs.cms.name",
        ),
    ],
)
def test_packaged_tables_are_tables(read, name, change, key):
    data = {**_files.packaged_toml(name), **change}
    assert key in problem_keys(RulesFileError, read, data, _files.packaged_source(name))


@pytest.mark.parametrize(
    "categories",
    [["communication"], [{"name": "communication"}], [{"name": "x", "required": True}] * 2],
)
def test_review_categories_are_tables_each_once(categories):
    data = _files.packaged_toml("reviews.toml")
    data = {**data, "rating": {**data["rating"], "categories": categories}}
    found = problem_keys(RulesFileError, reviews._review_rules_from, data, "reviews.toml")
    (key,) = found
    assert key.startswith("rating.categories")
    data["rating"]["categories"] = [{"name": "communication", "required": False}]
    assert reviews._review_rules_from(data, "reviews.toml").categories == (
        reviews.RatingCategory("communication", required=False),
    )


def test_a_currency_given_twice_in_any_case_is_refused():
    # the issue: `USD = 100` and `usd = 50` silently doubled points
    found = problem_keys(
        RulesFileError, rules.loads, rules_with("USD = 100", "USD = 100\nusd = 50")
    )
    assert list(found) == ["currencies.usd"]
    assert "USD" in found["currencies.usd"]
    assert "twice" in found["currencies.usd"]
    current = rules.for_date(date(2025, 8, 1))
    with pytest.raises(InvalidValueError) as caught:
        current.__class__(**{**_fields(current), "currencies": {"USD": 100, "usd": 50}})
    assert caught.value.field == "currencies"


def _fields(rule_set):
    import attrs

    return {f.name: getattr(rule_set, f.name) for f in attrs.fields(type(rule_set))}


@pytest.mark.parametrize(
    ("old", "new", "key"),
    [
        ("sourced = 5", "sourced = 0.00000000001", "points_per_usd_100.sourced"),
        ("managed = 1", "managed = -1", "points_per_usd_100.managed"),
        ("assisted = 3", "assisted = 1e999999999", "points_per_usd_100.assisted"),
        (
            "points_per_usd_100 = 3",
            "points_per_usd_100 = 1e15",
            "legacy_sold_rate.points_per_usd_100",
        ),
        ("multiplier = 2", "multiplier = 0", "growth_markets.multiplier"),
        ("multiplier = 2", "multiplier = 1e999999999", "growth_markets.multiplier"),
        ("EUR = 88", "EUR = 0", "currencies.EUR"),
        ("EUR = 88", "EUR = 1e-999999999", "currencies.EUR"),
        ("EUR = 88", "EUR = 1e999999999", "currencies.EUR"),
    ],
)
def test_rates_are_positive_and_bounded(old, new, key):
    with within(1):
        found = problem_keys(RulesFileError, rules.loads, rules_with(old, new))
    assert list(found) == [key]


def test_a_track_may_earn_nothing_but_no_other_rate_may_be_zero():
    # a decision: points per USD 100 of 0 is a track that earns nothing (points_to_money
    # and the command line say so); every other rate divides, so it is above 0
    low, high = rules.RATE_BOUNDS
    assert rules.loads(rules_with("managed = 1", "managed = 0")).points_per_usd_100.managed == 0
    assert rules.PointRates(0, low, high - low).sourced == 0
    for value in (-1, low / 10, high):
        with pytest.raises(InvalidValueError) as caught:
            rules.PointRates(value, 3, 1)
        assert (caught.value.field, caught.value.value) == ("sourced", value)
    with pytest.raises(InvalidValueError) as caught:
        rules.LegacySoldRate(date(2024, 2, 27), high)
    assert caught.value.field == "points_per_usd_100"
    current = rules.for_date(date(2025, 8, 1))
    for value in (0, low / 10, high):
        with pytest.raises(InvalidValueError) as caught:
            current.with_currency("SEK", value)
        assert (caught.value.field, caught.value.value) == ("usd_100", value)
    assert current.with_currency("SEK", low).usd_100_in("SEK") == low


@pytest.mark.parametrize(
    "code", ["XXX", "XTS", "XAU", "XAG", "XPD", "XPT", "XDR", "xsu", "XUA", "XBA"]
)
def test_iso_codes_that_are_not_money_are_not_currencies(code):
    with pytest.raises(NotMoneyError) as caught:
        currency_code(code)
    assert isinstance(caught.value, UnknownCurrencyError)
    assert isinstance(caught.value, LookupError)
    assert (caught.value.field, caught.value.value) == ("currency", code)
    with pytest.raises(UnknownCurrencyError):
        Money("1", code)
    found = problem_keys(
        RulesFileError, rules.loads, rules_with("USD = 100", f"USD = 100\n{code} = 1")
    )
    assert list(found) == [f"currencies.{code}"]


@pytest.mark.parametrize("code", ["XOF", "XAF", "XCD", "XPF"])
def test_x_codes_that_are_money_stay_currencies(code):
    assert currency_code(code.lower()) == code


def test_every_code_named_not_money_is_one_cldr_knows():
    from babel.core import get_global

    assert set(NOT_MONEY) <= set(get_global("all_currencies"))


THRESHOLDS_TEXT = (
    "[gold]\ntotal = 100\nsold_minimum = 20\nmanaged_minimum = 10\n"
    "[platinum]\ntotal = {total}\nsold_minimum = {sold}\n{managed}"
)


@pytest.mark.parametrize(
    ("total", "sold", "managed", "key"),
    [
        (100, 20, "managed_minimum = 10\n", "platinum.total"),
        (90, 20, "managed_minimum = 10\n", "platinum.total"),
        (300, 19, "managed_minimum = 10\n", "platinum.sold_minimum"),
        (300, 20, "managed_minimum = 9\n", "platinum.managed_minimum"),
        (300, 20, "", "platinum.managed_minimum"),
    ],
)
def test_thresholds_must_rise_tier_to_tier(total, sold, managed, key):
    text = THRESHOLDS_TEXT.format(total=total, sold=sold, managed=managed)
    found = problem_keys(ThresholdsFileError, tiers.thresholds_from_toml, text)
    assert list(found) == [key]
    assert "gold" in found[key]


def test_equal_minimums_are_a_rise():
    text = THRESHOLDS_TEXT.format(total=101, sold=20, managed="managed_minimum = 10\n")
    assert tiers.thresholds_from_toml(text).top is tiers.Tier.PLATINUM


requirement_numbers = st.tuples(
    st.integers(0, 50),
    st.integers(0, 50),
    st.none() | st.integers(0, 50),
    st.none() | st.integers(0, 50),
)


@given(st.lists(requirement_numbers, min_size=1, max_size=4))
def test_thresholds_are_accepted_exactly_when_they_rise(numbers):
    tiers_in_order = list(tiers.Tier)[: len(numbers)]
    requirements = [
        tiers.TierRequirement(tier, total, sold, managed, activities)
        for tier, (total, sold, managed, activities) in zip(tiers_in_order, numbers, strict=True)
    ]

    def rises(lower, higher):
        def level(value):
            return 0 if value is None else value

        return (
            higher[0] > lower[0]
            and higher[1] >= lower[1]
            and level(higher[2]) >= level(lower[2])
            and level(higher[3]) >= level(lower[3])
        )

    expected = all(rises(a, b) for a, b in itertools.pairwise(numbers))
    if expected:
        assert tiers.Thresholds(requirements).requirements == tuple(requirements)
    else:
        with pytest.raises(InvalidValueError) as caught:
            tiers.Thresholds(requirements)
        assert caught.value.field.startswith("requirements[")


def test_deeply_nested_toml_and_huge_integers_are_refused_not_crashed():
    for text in ["a = " + "[" * 5000 + "]" * 5000, "a = 1" + "0" * 5000]:
        with pytest.raises(RulesFileError) as caught:
            rules.loads(text)
        assert isinstance(caught.value.problems[0], FileProblem)


# -- (d) naive and offset-aware moments do not mix in one file --------------------------------


@pytest.mark.parametrize(
    "second",
    ["2025-03-02T10:00:00", "2025-03-02"],
)
def test_a_file_mixing_naive_and_aware_moments_is_refused_by_line(tmp_path, second):
    path = write(tmp_path, f"at,score,respondent\n2025-03-01T10:00:00+01:00,9,a\n{second},8,a\n")
    (problem,) = refused(ResponsesFileError, surveys.read_responses, path)
    assert problem.line == 3
    assert "line 2" in problem.message
    assert "offset" in problem.message


def test_a_file_of_aware_moments_or_of_naive_ones_is_read(tmp_path):
    aware = write(
        tmp_path, "at,score,respondent\n2025-03-01T10:00:00+01:00,9,a\n2025-03-02T10:00:00Z,6,a\n"
    )
    read = surveys.read_responses(aware)
    (group,) = surveys.group(read.responses, kind="nps", latest_per_respondent=True)
    assert group.tally.n == 1
    naive = write(tmp_path, "at,score\n2025-03-01,9\n2025-03-02T10:00:00,6\n", "naive.csv")
    assert len(surveys.read_responses(naive).responses) == 2


MIXED = [
    surveys.Response(datetime(2025, 3, 1, 10, tzinfo=UTC), 9, "a"),
    surveys.Response(datetime(2025, 3, 2, 10), 6, "a"),
]


def test_grouping_or_keeping_the_latest_of_mixed_moments_says_so():
    with pytest.raises(MixedTimeZonesError) as caught:
        surveys.group(MIXED, kind="nps", latest_per_respondent=True)
    assert caught.value.field == "responses[1].at"
    with pytest.raises(MixedTimeZonesError) as caught:
        surveys.latest_per_contact(MIXED)
    assert caught.value.field == "responses[1].at"
    assert surveys.latest_per_contact(MIXED[:1])["a"].rating == 9
    shifted = [MIXED[0], surveys.Response(MIXED[0].at + timedelta(hours=1), 6, "a")]
    assert surveys.latest_per_contact(shifted)["a"].rating == 6


def test_a_ledger_row_whose_points_outlive_the_calendar_is_refused_by_line(tmp_path):
    path = write(
        tmp_path, "date,client,track,points\n2025-01-01,c1,sourced,5\n9999-12-31,c1,sourced,5\n"
    )
    (problem,) = refused(LedgerFileError, ledger.read_ledger, path)
    assert problem.line == 3
    assert problem.message.startswith("date: datetime.date(9999, 12, 31) is not accepted")
    with pytest.raises(InvalidValueError) as caught:
        ledger.Ledger([ledger.SoldDeal("c1", date(9999, 12, 31), "sourced", 5)], lifetime_months=1)
    assert caught.value.field == "deals[0].on"


@pytest.mark.parametrize("months", ["12", 1.5, 0])
def test_a_ledgers_lifetime_is_checked_before_its_rows(months):
    with pytest.raises((InvalidTypeError, InvalidValueError)) as caught:
        ledger.read_ledger(
            io.StringIO("date,client,track,points\n2025-01-01,c1,sourced,5\n"),
            lifetime_months=months,
        )
    assert (caught.value.field, caught.value.value) == ("lifetime_months", months)


def test_a_history_may_reach_the_calendars_last_month(tmp_path):
    path = write(
        tmp_path,
        "month,sourced,assisted,managed,certified\n9999-11,1,0,0,yes\n9999-12,1,0,0,yes\n",
    )
    history = tiers.read_history(path)
    thresholds = tiers.thresholds_from_toml(GOOD_THRESHOLDS)
    decisions = tiers.reevaluate(
        history, thresholds=thresholds, rules_for=lambda _: rules.published()[-1]
    )
    assert [d.on for d in decisions] == [date(9999, 11, 15), date(9999, 12, 15)]


# -- (e) size, line length and the kind of file ------------------------------------------------


@pytest.mark.parametrize("name", LOADERS)
def test_a_line_longer_than_the_limit_is_refused_by_line(tmp_path, name):
    load, error, text = LOADERS[name]
    long = "x" * (_files.MAX_LINE_LENGTH + 1)
    problems = refused(error, load, write(tmp_path, text + long + "\n"))
    (line,) = [p.line for p in problems]
    assert line == text.count("\n") + 1
    assert f"longer than {_files.MAX_LINE_LENGTH:,} characters" in problems[0].message


def test_a_line_at_the_limit_is_read(tmp_path):
    comment = "x" * (_files.MAX_LINE_LENGTH - len("2025-01-01,9,"))
    path = write(tmp_path, f"at,score,comment\r\n2025-01-01,9,{comment}\r\n")
    assert surveys.read_responses(path).responses[0].comment == comment


@pytest.mark.parametrize("name", LOADERS)
def test_a_file_larger_than_the_limit_is_refused_before_it_is_read(tmp_path, name):
    load, error, _ = LOADERS[name]
    path = tmp_path / "huge"
    with open(path, "wb") as handle:
        handle.truncate(_files.MAX_FILE_SIZE + 1)  # sparse: nothing is written
    (problem,) = refused(error, load, path)
    assert isinstance(problem, FileProblem)
    assert f"{_files.MAX_FILE_SIZE:,} bytes" in problem.message


@pytest.mark.parametrize("name", LOADERS)
def test_a_stream_longer_than_the_limit_is_refused(monkeypatch, name):
    load, error, text = LOADERS[name]
    monkeypatch.setattr(_files, "MAX_FILE_SIZE", len(text) + 10)
    assert load(io.StringIO(text)) is not None
    padded = (
        text + "#" * 20 + "\n"
        if name in ("thresholds", "rules")
        else text + text.splitlines()[1] + "\n"
    )
    (problem,) = refused(error, load, io.StringIO(padded))
    assert isinstance(problem, FileProblem)
    assert "characters" in problem.message


@pytest.mark.parametrize("name", LOADERS)
def test_a_device_is_not_a_file(name):
    load, error, _ = LOADERS[name]
    (problem,) = refused(error, load, "/dev/zero")
    assert problem == FileProblem("is a device, not a regular file")


@pytest.mark.parametrize("name", LOADERS)
def test_a_stream_of_zeros_is_refused_by_its_first_line(name):
    load, error, _ = LOADERS[name]
    with open("/dev/zero", encoding="utf-8") as zeros:
        (problem,) = refused(error, load, zeros)
    assert problem.line == 1
    assert "longer than" in problem.message


@pytest.mark.parametrize("name", LOADERS)
def test_a_named_pipe_is_not_a_file_and_is_not_waited_on(tmp_path, name):
    load, error, _ = LOADERS[name]
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    (problem,) = refused(error, load, fifo)
    assert problem == FileProblem("is a named pipe (FIFO), not a regular file")


@pytest.mark.parametrize("name", LOADERS)
def test_a_directory_is_not_a_file(tmp_path, name):
    load, error, _ = LOADERS[name]
    assert refused(error, load, tmp_path) == (FileProblem("is a directory, not a file"),)


@pytest.mark.parametrize("name", LOADERS)
def test_a_name_with_a_nul_character_is_refused(name):
    load, error, _ = LOADERS[name]
    (problem,) = refused(error, load, "bad\0name.csv")
    assert problem.message.startswith("cannot be read")


class BytesStream:
    """A stream of bytes that is not one of io's buffered binary streams."""

    def readline(self):  # pragma: no cover - never called
        return b"at,score\n"

    def read(self, size=-1):
        return b"at,score\n"


@pytest.mark.parametrize("value", [42, None, b"file.csv", BytesStream()])
def test_something_that_is_neither_a_path_nor_a_stream_it_reads_is_a_type_error(value):
    with pytest.raises(InvalidTypeError) as caught:
        surveys.read_responses(value)
    assert caught.value.field == "path"


@pytest.mark.parametrize(
    "command",
    ["surveys nps", "rules check", "tiers check", "tiers history", "clients", "engagement"],
)
def test_the_command_line_refuses_dev_zero_at_once(cli, command):
    extra = ["--thresholds", "docs/examples/thresholds.toml"] if command == "tiers history" else []
    with within(5):
        code, _out, err = cli(command, "/dev/zero", *extra)
    assert code == 1
    assert "/dev/zero: is a device, not a regular file" in err


def test_problems_of_a_whole_file_are_data_file_errors():
    assert issubclass(NotMoneyError, UnknownCurrencyError)
    assert issubclass(ThresholdsFileError, DataFileError)


# -- keys that look alike ------------------------------------------------------------------


UNSEEN = ["\u200bc-1", "c-1\u200d", "\u202ec-1", "c\x00-1", "c-1\x1b[0m", "c\xad-1", "c\u2028-1"]


@pytest.mark.parametrize("client", UNSEEN)
def test_a_client_key_with_an_invisible_or_control_character_is_refused_by_its_line(client):
    # two keys that look alike would name two clients
    text = f"date,client,track,points\n2025-01-10,c-1,sourced,5\n2025-01-11,{client},sourced,5\n"
    with pytest.raises(LedgerFileError) as caught:
        ledger.read_ledger(io.StringIO(text))
    (problem,) = caught.value.problems
    assert problem.line == 3
    assert "a key without control or invisible characters" in problem.message
    events = f"date,client,kind\n2025-01-10,{client},client-assigned\n"
    with pytest.raises(EventsFileError) as caught:
        managed.read_events(io.StringIO(events))
    assert caught.value.problems[0].line == 2
    with pytest.raises(InvalidValueError, match="client"):
        ledger.SoldDeal(client, date(2025, 1, 10), "sourced", 5)


@given(st.text(min_size=1).filter(str.strip))
def test_a_client_key_is_taken_exactly_when_no_character_of_it_is_unseen(client):
    unseen = {"Cc", "Cf", "Cs", "Zl", "Zp"}
    try:
        deal = ledger.SoldDeal(client, date(2025, 1, 10), "sourced", 5)
    except InvalidValueError:
        assert any(unicodedata.category(character) in unseen for character in client)
    else:
        assert not any(unicodedata.category(character) in unseen for character in client)
        assert deal.client == client


@pytest.mark.parametrize("client", ["株式会社\u3000山田", "Acme\xa0AB", "Caf\xe9 Bar", "c-1"])
def test_a_client_key_may_hold_any_space_and_letter(client):
    # a Japanese name with its ideographic space, a name pasted with a no-break space
    text = f"date,client,track,points\n2025-01-10,{client},sourced,5\n"
    assert ledger.read_ledger(io.StringIO(text)).deals[0].client == client
