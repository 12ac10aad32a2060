"""Rule sets as data: the published sets, selection by date, loading and dumping."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given

from hubpartner import HubPartnerError, Money, ProgramRules, Track, rules
from hubpartner.errors import (
    AmountTypeError,
    InvalidAmountError,
    InvalidTypeError,
    InvalidValueError,
    MissingRateError,
    NoRulesInForceError,
    RulesFileError,
    UnknownCurrencyError,
    UnknownMarketError,
)
from hubpartner.rules import MonthDay, Reevaluation, ReevaluationDay

from .refusals import refused
from .strategies import dates, rule_sets

R2022, R2024, R2025 = rules.published()


def test_three_rule_sets_ship_oldest_first():
    assert [r.effective for r in rules.published()] == [
        date(2022, 7, 18),
        date(2024, 2, 27),
        date(2025, 7, 15),
    ]


# DOMAIN.md §2, rates table [public, hubspot.com/partners/how-tiers-work]
@pytest.mark.parametrize(
    ("rule_set", "sourced", "assisted", "managed"),
    [(R2022, 3, 3, 1), (R2024, 5, 3, 1), (R2025, 5, 3, 1)],
)
def test_points_per_usd_100(rule_set, sourced, assisted, managed):
    assert rule_set.rate(Track.SOURCED) == sourced
    assert rule_set.rate(Track.ASSISTED) == assisted
    assert rule_set.rate(Track.MANAGED) == managed


# DOMAIN.md §2, currency table [public]
OLD_TABLE = {
    "USD": "100",
    "AUD": "105",
    "CAD": "130",
    "COP": "300300",
    "EUR": "75",
    "GBP": "62.50",
    "JPY": "12000",
    "SGD": "140",
    "ZAR": "1545",
}
NEW_TABLE = {
    "USD": "100",
    "AUD": "154",
    "CAD": "130",
    "COP": "408000",
    "EUR": "88",
    "GBP": "74",
    "JPY": "14400",
    "SGD": "129",
    "ZAR": "1768",
}


@pytest.mark.parametrize(
    ("rule_set", "table"), [(R2022, OLD_TABLE), (R2024, OLD_TABLE), (R2025, NEW_TABLE)]
)
def test_currency_tables(rule_set, table):
    assert dict(rule_set.currencies) == {code: Decimal(v) for code, v in table.items()}
    for code, value in table.items():
        assert rule_set.usd_100_in(code) == Decimal(value)
        assert rule_set.usd_100_in(code.lower()) == Decimal(value)


def test_gbp_keeps_its_written_form():
    assert str(R2024.usd_100_in("GBP")) == "62.50"


# DOMAIN.md §2, growth markets [seed 001; public, 2022 tiers page]
NAMED_GROWTH = [
    "IN",
    "CN",
    "MN",
    "KR",
    "BD",
    "BN",
    "KH",
    "HK",
    "ID",
    "LA",
    "MY",
    "MV",
    "MM",
    "NP",
    "PK",
    "PH",
    "LK",
    "SG",
    "TW",
    "TH",
    "TL",
    "VN",
]
LATIN_AMERICA_SAMPLE = [
    "MX",
    "BR",
    "AR",
    "CO",
    "CL",
    "PE",
    "VE",
    "CR",
    "PA",
    "GT",
    "CU",
    "DO",
    "PR",
]


@pytest.mark.parametrize("rule_set", [R2022, R2024, R2025])
def test_growth_markets_are_the_2022_list_with_latin_america_expanded(rule_set):
    assert rule_set.growth_multiplier == 2
    assert set(NAMED_GROWTH) <= rule_set.growth_markets
    assert set(LATIN_AMERICA_SAMPLE) <= rule_set.growth_markets
    assert not {"US", "CA", "ES", "PT", "DE", "GB", "JP", "AU"} & rule_set.growth_markets
    # 22 named countries and the 52 territories of CLDR/UN M49 region 419
    assert len(rule_set.growth_markets) == 22 + 52


def test_cldr_calls_region_419_latin_america():
    from babel import Locale

    assert Locale("en").territories["419"] == "Latin America"


def test_sold_minimum_counts_sourced_only_from_2025_07_15():
    assert R2022.sold_minimum_tracks == {Track.SOURCED, Track.ASSISTED}
    assert R2024.sold_minimum_tracks == {Track.SOURCED, Track.ASSISTED}
    assert R2025.sold_minimum_tracks == {Track.SOURCED}


@pytest.mark.parametrize("rule_set", [R2022, R2024, R2025])
def test_open_defaults(rule_set):
    assert rule_set.sold_points_lifetime_months == 12
    assert rule_set.rounding.name == "half-up to 2 places"
    assert rule_set.sources


# DOMAIN.md §2: upsells on a product line first sold before 2024-02-27 keep 3
def test_legacy_rate_applies_to_product_lines_first_sold_before_the_cut_off():
    assert R2024.rate(Track.SOURCED, product_line_first_sold=date(2021, 10, 1)) == 3
    assert R2024.rate(Track.SOURCED, product_line_first_sold=date(2024, 2, 26)) == 3
    assert R2024.rate(Track.SOURCED, product_line_first_sold=date(2024, 2, 27)) == 5
    assert R2025.rate(Track.SOURCED, product_line_first_sold=date(2023, 1, 1)) == 3
    assert R2024.rate(Track.MANAGED, product_line_first_sold=date(2021, 10, 1)) == 1
    assert R2022.legacy_sold_rate is None
    assert R2022.rate(Track.SOURCED, product_line_first_sold=date(2021, 10, 1)) == 3


def test_rate_refuses_a_datetime_first_sold():
    with pytest.raises(InvalidTypeError, match="product_line_first_sold"):
        R2024.rate(Track.SOURCED, product_line_first_sold=datetime(2021, 1, 1))


@pytest.mark.parametrize(
    ("on", "effective"),
    [
        (date(2022, 7, 18), date(2022, 7, 18)),
        (date(2024, 2, 26), date(2022, 7, 18)),
        (date(2024, 2, 27), date(2024, 2, 27)),
        (date(2025, 7, 14), date(2024, 2, 27)),
        (date(2025, 7, 15), date(2025, 7, 15)),
        (date(2040, 1, 1), date(2025, 7, 15)),
    ],
)
def test_for_date_returns_the_set_in_force(on, effective):
    assert rules.for_date(on).effective == effective


def test_before_the_first_set_there_is_no_points_model():
    with pytest.raises(NoRulesInForceError):
        rules.for_date(date(2022, 7, 17))
    with pytest.raises(LookupError):
        rules.for_date(date(2021, 10, 1))


def test_for_date_refuses_datetimes_and_strings():
    with pytest.raises(InvalidTypeError, match=r"\.date\(\)"):
        rules.for_date(datetime(2025, 8, 1, 12, 0))
    with pytest.raises(TypeError):
        rules.for_date("2025-08-01")


@given(dates(min_value=date(2022, 7, 18)), dates(min_value=date(2022, 7, 18)))
def test_rule_set_selection_is_monotone_in_the_date(a, b):
    early, late = sorted([a, b])
    assert rules.for_date(early).effective <= rules.for_date(late).effective
    assert rules.for_date(late).effective <= late


@given(dates(min_value=date(2022, 7, 18)))
def test_the_set_in_force_is_the_latest_that_took_effect(on):
    chosen = rules.for_date(on)
    assert all(r.effective <= chosen.effective for r in rules.published() if r.effective <= on)
    later = [r for r in rules.published() if r.effective > chosen.effective]
    assert all(r.effective > on for r in later)
    assert rules.for_date(on + timedelta(days=0)) is chosen


def test_with_currency_derives_a_new_set_without_a_file():
    with_sek = R2025.with_currency("sek", "1000")
    assert with_sek.usd_100_in("SEK") == Decimal(1000)
    assert with_sek.effective == R2025.effective
    assert with_sek.usd_100_in("EUR") == Decimal(88)
    with pytest.raises(MissingRateError):
        R2025.usd_100_in("SEK")


def test_with_currency_replaces_an_existing_rate():
    assert R2025.with_currency("EUR", Decimal(90)).usd_100_in("EUR") == 90


@pytest.mark.parametrize("amount", [0, -1, "0.00"])
def test_with_currency_refuses_non_positive_amounts(amount):
    with pytest.raises(InvalidValueError, match="greater than 0"):
        R2025.with_currency("SEK", amount)


def test_with_currency_refuses_floats_and_unknown_codes():
    with pytest.raises(AmountTypeError):
        R2025.with_currency("SEK", 1000.0)
    with pytest.raises(UnknownCurrencyError):
        R2025.with_currency("SEKK", 1000)


def test_with_growth_markets_replaces_the_list():
    only_brazil = R2025.with_growth_markets(["br"])
    assert only_brazil.growth_markets == {"BR"}
    assert only_brazil.market_multiplier("BR") == 2
    assert only_brazil.market_multiplier("IN") == 1
    with pytest.raises(UnknownMarketError):
        R2025.with_growth_markets(["Brazil"])


def test_unknown_market_is_refused_by_the_multiplier():
    with pytest.raises(UnknownMarketError):
        R2025.market_multiplier("Germany")


@pytest.mark.parametrize(
    ("changes", "error"),
    [
        ({"effective": "2025-07-15"}, InvalidTypeError),
        ({"name": " "}, InvalidTypeError),
        ({"growth_multiplier": 0}, InvalidValueError),
        ({"growth_multiplier": 2.0}, AmountTypeError),
        ({"currencies": {"EUR": -1}}, InvalidValueError),
        ({"currencies": [("EUR", 88)]}, InvalidTypeError),
        ({"sold_minimum_tracks": {"managed"}}, InvalidValueError),
        ({"sold_minimum_tracks": set()}, InvalidValueError),
        ({"sold_minimum_tracks": {"gold"}}, InvalidValueError),
        ({"sold_minimum_tracks": "sourced"}, InvalidTypeError),
        ({"sold_points_lifetime_months": 0}, InvalidValueError),
        ({"sold_points_lifetime_months": True}, InvalidTypeError),
        ({"rounding": "half-up"}, InvalidTypeError),
        ({"legacy_sold_rate": 3}, InvalidTypeError),
        ({"points_per_usd_100": {"sourced": 5}}, InvalidTypeError),
        ({"sources": "https://example.org"}, InvalidTypeError),
        ({"sources": [""]}, InvalidTypeError),
        ({"growth_markets": "IN"}, InvalidTypeError),
    ],
)
def test_invalid_rule_sets_cannot_exist(changes, error):
    with pytest.raises(error):
        attrs.evolve(R2025, **changes)


def test_point_rates_refuse_negative_rates():
    with pytest.raises(InvalidValueError, match="sourced"):
        rules.PointRates(-1, 3, 1)


def test_currencies_are_read_only():
    with pytest.raises(TypeError):
        R2025.currencies["SEK"] = Decimal(1000)  # type: ignore[index]


# -- files ------------------------------------------------------------------------------


@pytest.mark.parametrize("rule_set", [R2022, R2024, R2025])
def test_published_sets_survive_a_dump_load_round_trip(rule_set):
    assert rules.loads(rules.dumps(rule_set)) == rule_set


@given(rule_sets())
def test_any_rule_set_survives_a_dump_load_round_trip(rule_set):
    assert rules.loads(rules.dumps(rule_set)) == rule_set


@pytest.mark.parametrize(
    "name", ["a\nb", "x\n[tiers]\nsold_minimum_tracks = []", "\x00\x1b\x7f\b", "é\u2028"]
)
def test_a_name_of_any_characters_is_dumped_escaped_and_read_back(name):
    rule_set = attrs.evolve(R2025, name=name)
    dumped = rules.dumps(rule_set)
    assert rules.loads(dumped) == rule_set
    assert dumped.splitlines()[0].startswith('# "')  # the comment is one line


def test_load_reads_a_user_file(tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(rules.dumps(R2025.with_currency("NOK", 1100)), encoding="utf-8")
    loaded = rules.load(path)
    assert loaded.usd_100_in("NOK") == 1100
    assert rules.load(str(path)) == loaded


BROKEN = """\
schema = 1
effective = "2025-07-15"
name = "broken"
colour = "blue"

[points_per_usd_100]
sourced = -5
assisted = 3.0.0
managed = 1.5

[growth_markets]
multiplier = 0
countries = ["IN", "Atlantis"]

[currencies]
USD = 100
SEK = "lots"
XYZ = 5

[tiers]
sold_minimum_tracks = ["managed"]

[sold_points]
lifetime_months = 0
extra = 1

[presentation]
places = 2
rounding = "bankers"
"""


def test_every_problem_in_a_file_is_reported_with_file_and_key(tmp_path):
    path = tmp_path / "broken.toml"
    path.write_text(BROKEN.replace("assisted = 3.0.0", "assisted = 3"), encoding="utf-8")
    with pytest.raises(RulesFileError) as caught:
        rules.load(path)
    error = caught.value
    assert error.source == str(path)
    keys = [p.key for p in error.problems]
    assert keys == [  # every problem, in the order the file has them
        "effective",
        "colour",
        "points_per_usd_100.sourced",
        "growth_markets.multiplier",
        "growth_markets.countries",
        "currencies.SEK",
        "currencies.XYZ",
        "tiers.sold_minimum_tracks",
        "sold_points.lifetime_months",
        "sold_points.extra",
        "presentation.rounding",
    ]
    message = str(error)
    assert message.startswith(f"{path}: 11 problems in rules")
    for line in message.splitlines()[1:]:
        assert line.startswith(f"{path}: ")
    by_key = {p.key: p.message for p in error.problems}
    assert "TOML local date" in by_key["effective"]
    assert "'Atlantis'" in by_key["growth_markets.countries"]
    assert "unknown key" in by_key["colour"]
    assert "'half-up'" in by_key["presentation.rounding"]
    assert "0 or more" in by_key["points_per_usd_100.sourced"]
    assert "greater than 0" in by_key["growth_markets.multiplier"]


def test_missing_keys_and_tables_are_each_reported():
    with pytest.raises(RulesFileError) as caught:
        rules.loads('schema = 2\nname = "x"\n[points_per_usd_100]\nsourced = 5\n')
    keys = {p.key for p in caught.value.problems}
    assert {
        "schema",
        "effective",
        "points_per_usd_100.assisted",
        "points_per_usd_100.managed",
        "growth_markets",
        "currencies",
        "tiers",
        "sold_points",
        "presentation",
    } <= keys
    assert caught.value.source == "<string>"


def test_a_partial_legacy_table_is_reported():
    text = rules.dumps(R2025).replace("first_sold_before = 2024-02-27\n", "")
    with pytest.raises(RulesFileError) as caught:
        rules.loads(text, source="mine.toml")
    assert [p.key for p in caught.value.problems] == ["legacy_sold_rate.first_sold_before"]


def test_a_table_given_as_a_value_is_reported():
    text = rules.dumps(R2025).replace("[sold_points]\nlifetime_months = 12\n", "")
    text = "sold_points = 12\n" + text
    with pytest.raises(RulesFileError) as caught:
        rules.loads(text)
    assert "sold_points" in {p.key for p in caught.value.problems}


def test_invalid_toml_is_reported_with_its_position():
    with pytest.raises(RulesFileError, match=r"<string>: is not valid TOML"):
        rules.loads("effective = = 2025")


def test_unreadable_files_are_reported(tmp_path):
    with pytest.raises(RulesFileError, match=": not found"):
        rules.load(tmp_path / "missing.toml")
    latin1 = tmp_path / "latin1.toml"
    latin1.write_bytes('name = "Sao Paulo \xe9"'.encode("latin-1"))
    with pytest.raises(RulesFileError, match="not UTF-8"):
        rules.load(latin1)


def test_a_datetime_for_a_date_is_reported():
    text = rules.dumps(R2025).replace("effective = 2025-07-15", "effective = 2025-07-15T00:00:00")
    with pytest.raises(RulesFileError, match="effective: expected a TOML local date"):
        rules.loads(text)


def test_the_packaged_files_explain_latin_america():
    from importlib import resources

    text = resources.files("hubpartner").joinpath("data/rules-2025-07-15.toml").read_text()
    assert "Latin America" in text
    assert "419" in text


def test_repr_names_the_effective_date():
    assert repr(R2025) == (
        "<ProgramRules effective 2025-07-15: 'Solutions Partner Program points, 2025-07-15'>"
    )


def test_rule_sets_are_hashable_and_compare_by_value():
    copy = rules.loads(rules.dumps(R2025))
    assert copy == R2025
    assert hash(copy) == hash(R2025)
    assert R2025 != R2024
    assert isinstance(copy, ProgramRules)


# -- the tier calendar ---------------------------------------------------------------------


def test_days_of_the_year_are_written_mm_dd():
    day = MonthDay.parse("07-15")
    assert (day.month, day.day, str(day)) == (7, 15, "07-15")
    assert day.name() == "July 15"
    assert day.name("it") == "15 luglio"
    assert day.last_on_or_before(date(2026, 7, 15)) == date(2026, 7, 15)
    assert day.last_on_or_before(date(2026, 7, 14)) == date(2025, 7, 15)


@pytest.mark.parametrize("text", ["7-15", "07/15", "13-01", "02-30", "02-29", 715, None])
def test_a_day_that_is_not_in_every_year_is_refused(text):
    with pytest.raises(InvalidValueError):
        MonthDay.parse(text, field="on")


def test_each_re_evaluation_looks_back_to_its_window():
    january = ReevaluationDay("01-15", "08-15")
    assert january.window_start(date(2026, 1, 15)) == date(2025, 8, 15)
    july = ReevaluationDay(MonthDay(7, 15), MonthDay(2, 15))
    assert july.window_start(date(2026, 7, 15)) == date(2026, 2, 15)
    calendar = Reevaluation([july, january], retention_months=6)
    assert calendar.days == (january, july)
    assert calendar.judgement_day == 15
    assert calendar.on(date(2026, 7, 15)) is july
    assert calendar.on(date(2026, 6, 15)) is None


@pytest.mark.parametrize(
    ("days", "error"),
    [
        ([], InvalidValueError),
        ([("01-15", "08-15"), ("07-01", "02-01")], InvalidValueError),
        ([("01-31", "08-31"), ("07-31", "02-28")], InvalidValueError),
        (["01-15"], InvalidTypeError),
        ("01-15", InvalidTypeError),
    ],
)
def test_a_calendar_needs_days_on_one_day_of_the_month(days, error):
    items = [ReevaluationDay(*d) if isinstance(d, tuple) else d for d in days]
    with pytest.raises(error):
        Reevaluation(items if not isinstance(days, str) else days, retention_months=6)


def test_the_published_calendar_and_activity_period():
    for rule_set in rules.published():
        calendar = rule_set.reevaluation
        assert [(str(d.on), str(d.window_from)) for d in calendar.days] == [
            ("01-15", "08-15"),
            ("07-15", "02-15"),
        ]
        assert calendar.retention_months == 6
        assert rule_set.activity_period_days == 90


@pytest.mark.parametrize(
    "days",
    [
        '["01-15"]',
        '[{ on = "01-15" }]',
        '[{ on = "1-15", window_from = "08-15" }]',
        '[{ on = "01-15", window_from = "08-15" }, { on = "07-01", window_from = "02-01" }]',
    ],
)
def test_a_calendar_in_a_rules_file_is_checked(days):
    published = next(line for line in rules.dumps(R2025).splitlines() if line.startswith("days"))
    text = rules.dumps(R2025).replace(published, f"days = {days}")
    with pytest.raises(RulesFileError) as caught:
        rules.loads(text)
    assert [p.key for p in caught.value.problems] == ["reevaluation.days"]


def test_a_file_without_the_tier_calendar_takes_the_published_one():
    lines = rules.dumps(R2025).splitlines()
    start = lines.index("[reevaluation]")
    kept = lines[:start] + lines[start + 4 :]
    kept = [line for line in kept if not line.startswith("activity_period_days")]
    mine = rules.loads("\n".join(kept).replace("2025-07-15", "2026-01-01"))
    assert mine.reevaluation == R2025.reevaluation
    assert mine.activity_period_days == R2025.activity_period_days
    early = "\n".join(kept).replace("effective = 2025-07-15", "effective = 2021-01-01")
    with pytest.raises(RulesFileError) as caught:
        rules.loads(early)
    assert [p.key for p in caught.value.problems] == [
        "tiers.activity_period_days",
        "reevaluation",
    ]
    assert "no published rule set was in force on 2021-01-01" in str(caught.value)


def test_rule_sets_made_in_code_take_the_published_calendar_by_default():
    mine = ProgramRules(
        R2025.effective,
        "mine",
        R2025.points_per_usd_100,
        R2025.growth_multiplier,
        R2025.growth_markets,
        R2025.currencies,
        R2025.sold_minimum_tracks,
        R2025.sold_points_lifetime_months,
        R2025.rounding,
    )
    assert mine.reevaluation == R2025.reevaluation
    assert mine.activity_period_days == 90


def test_a_published_rule_set_must_hold_its_whole_calendar():
    # The published sets take nothing from one another: leaving the calendar out of
    # one of them is a problem, not an inheritance.
    lines = rules.dumps(R2025).splitlines()
    start = lines.index("[reevaluation]")
    text = "\n".join(lines[:start] + lines[start + 4 :])
    data = rules.parse_toml(text, source="rules-x.toml", error=RulesFileError)
    with pytest.raises(RulesFileError) as caught:
        rules._from_document(data, "rules-x.toml", inherit=False)
    assert [(p.key, p.message) for p in caught.value.problems] == [("reevaluation", "missing")]


# -- what mutation testing asked for (docs/testing.md) ----------------------------------

DAY_OF_THE_YEAR = "a day of the year written MM-DD, such as 01-15"


def test_a_refused_day_of_the_year_is_named():
    with refused(InvalidValueError, "month_day", "02-30", DAY_OF_THE_YEAR):
        MonthDay(2, 30)
    with refused(InvalidValueError, "month_day", "7-15", DAY_OF_THE_YEAR):
        MonthDay.parse("7-15")
    with refused(InvalidValueError, "on", "7-15", DAY_OF_THE_YEAR):
        ReevaluationDay("7-15", "02-15")
    with refused(InvalidValueError, "window_from", "2-15", DAY_OF_THE_YEAR):
        ReevaluationDay("07-15", "2-15")


def test_a_day_of_the_year_is_named_in_english_by_default():
    assert MonthDay(1, 15).name() == MonthDay(1, 15).name("en") == "January 15"


@pytest.mark.parametrize(
    ("days", "error", "value", "expected"),
    [
        ("01-15", InvalidTypeError, "01-15", "a list or tuple of values"),
        (["01-15"], InvalidTypeError, "01-15", "a ReevaluationDay"),
        (
            [],
            InvalidValueError,
            [],
            "one or more re-evaluation days, all on the same day of the month",
        ),
        (
            [ReevaluationDay("01-15", "08-15"), ReevaluationDay("07-01", "02-01")],
            InvalidValueError,
            ["01-15", "07-01"],
            "one or more re-evaluation days, all on the same day of the month",
        ),
        (
            [ReevaluationDay("01-31", "08-31"), ReevaluationDay("07-31", "02-28")],
            InvalidValueError,
            ["01-31", "07-31"],
            "re-evaluation days on a day every month has (the 1st to the 28th)",
        ),
    ],
)
def test_a_refused_calendar_names_its_days(days, error, value, expected):
    with refused(error, "days", value, expected):
        Reevaluation(days, retention_months=6)


@pytest.mark.parametrize(
    ("changes", "error", "field", "value", "expected"),
    [
        (
            {"currencies": [("EUR", 88)]},
            InvalidTypeError,
            "currencies",
            [("EUR", 88)],
            "a mapping of currency code to amount",
        ),
        ({"currencies": {"XYZ": 5}}, UnknownCurrencyError, "currencies", "XYZ", None),
        (
            {"currencies": {"EUR": -1}},
            InvalidAmountError,
            "currencies.EUR",
            -1,
            "an amount greater than 0, from 1E-10 to below 1E+15",
        ),
        (
            {"growth_markets": "IN"},
            InvalidTypeError,
            "growth_markets",
            "IN",
            "a list or tuple of values",
        ),
        ({"growth_markets": ["Atlantis"]}, UnknownMarketError, "growth_markets", "Atlantis", None),
        (
            {"sold_minimum_tracks": "sourced"},
            InvalidTypeError,
            "sold_minimum_tracks",
            "sourced",
            None,
        ),
        (
            {"sold_minimum_tracks": ["gold"]},
            InvalidValueError,
            "sold_minimum_tracks",
            "gold",
            None,
        ),
        (
            {"sold_minimum_tracks": ["managed"]},
            InvalidValueError,
            "sold_minimum_tracks",
            ["managed"],
            "one or both of 'sourced' and 'assisted'",
        ),
        (
            {"sources": "https://example.org"},
            InvalidTypeError,
            "sources",
            "https://example.org",
            None,
        ),
        (
            {"sources": ["https://example.org", " "]},
            InvalidTypeError,
            "sources",
            " ",
            "a non-empty str",
        ),
    ],
)
def test_a_refused_part_of_a_rule_set_is_named(changes, error, field, value, expected):
    with refused(error, field, value, expected):
        attrs.evolve(R2025, **changes)


@pytest.mark.parametrize(
    ("call", "error", "field", "value"),
    [
        (lambda: R2025.rate("gold"), InvalidValueError, "track", "gold"),
        (
            lambda: R2025.rate(Track.SOURCED, product_line_first_sold="2021-01-01"),
            InvalidTypeError,
            "product_line_first_sold",
            "2021-01-01",
        ),
        (lambda: rules.for_date("2025-08-01"), InvalidTypeError, "on", "2025-08-01"),
    ],
)
def test_a_refused_rate_or_date_is_named(call, error, field, value):
    with refused(error, field, value):
        call()


def published_text(replace=None, by=""):
    text = rules.dumps(R2025)
    if replace is not None:
        assert replace in text
        text = text.replace(replace, by)
    return text


def problems_of(text):
    with pytest.raises(RulesFileError) as caught:
        rules.loads(text)
    return [(p.key, p.message) for p in caught.value.problems]


TOP_KEYS = (
    "currencies, effective, growth_markets, legacy_sold_rate, name, points_per_usd_100, "
    "presentation, reevaluation, schema, sold_points, sources, tiers"
)


@pytest.mark.parametrize(
    ("replace", "by", "problems"),
    [
        (
            "schema = 1\n",
            "schema = 1\ncolour = 1\n",
            [("colour", f"unknown key; expected one of {TOP_KEYS}")],
        ),
        (
            "[sold_points]\n",
            "[sold_points]\nextra = 1\n",
            [("sold_points.extra", "unknown key; expected one of lifetime_months")],
        ),
        ("schema = 1\n", "", [("schema", "missing")]),
        ("lifetime_months = 12\n", "", [("sold_points.lifetime_months", "missing")]),
        (
            "schema = 1\n",
            "schema = 2\n",
            [("schema", "expected 1, the version of the format this hubpartner reads, got 2")],
        ),
        (
            "effective = 2025-07-15",
            'effective = "2025-07-15"',
            [("effective", "expected a TOML local date such as 2025-07-15, got '2025-07-15'")],
        ),
        ('name = "', 'name = " "\n# name = "', [("name", "expected a non-empty str, got ' '")]),
        (
            "first_sold_before = 2024-02-27",
            'first_sold_before = "2024"',
            [
                (
                    "legacy_sold_rate.first_sold_before",
                    "expected a TOML local date such as 2025-07-15, got '2024'",
                )
            ],
        ),
        (
            "points_per_usd_100 = 3\n",
            "points_per_usd_100 = -3\n",
            [
                (
                    "legacy_sold_rate.points_per_usd_100",
                    "expected a number of points of 0 or more, below 1E+15 "
                    "(at least 1E-10 unless 0), got -3",
                )
            ],
        ),
        (
            "places = 2",
            "places = -1",
            [("presentation.places", "expected an int of at least 0, got -1")],
        ),
        (
            "places = 2",
            "places = 19",
            [("presentation.places", "expected an int from 0 to 18, got 19")],
        ),
        (
            "retention_months = 6",
            "retention_months = 0",
            [("reevaluation.retention_months", "expected an int of at least 1, got 0")],
        ),
        (
            "activity_period_days = 90",
            "activity_period_days = 0",
            [("tiers.activity_period_days", "expected an int of at least 1, got 0")],
        ),
        (
            "reach_gold_within_months = ",
            "reach_gold_within_months = -",
            [("tiers.reach_gold_within_months", "expected an int of at least 1, got -24")],
        ),
        (
            "sources = [",
            'sources = "one"\n# sources = [',
            [("sources", "expected a list or tuple of values, got 'one'")],
        ),
    ],
)
def test_every_problem_of_a_rules_file_is_named_by_its_key(replace, by, problems):
    assert problems_of(published_text(replace, by)) == problems


def test_a_table_given_as_a_value_is_reported_as_such():
    text = "sold_points = 12\n" + published_text("[sold_points]\nlifetime_months = 12\n")
    assert ("sold_points", "expected a table [sold_points], got 12") in problems_of(text)


def test_a_calendar_in_a_file_that_is_not_a_list_of_tables_is_reported_with_its_item():
    published = next(line for line in published_text().splitlines() if line.startswith("days"))
    text = published_text(published, 'days = [{ on = "01-15" }]')
    expected = 'a list of tables such as { on = "01-15", window_from = "08-15" }'
    assert problems_of(text) == [
        ("reevaluation.days", f"expected {expected}, got {{'on': '01-15'}}")
    ]


def test_a_rules_file_without_sources_has_none():
    text = "\n".join(
        line for line in published_text().splitlines() if not line.startswith("sources")
    )
    assert rules.loads(text).sources == ()


def test_an_unknown_key_of_a_table_is_reported_with_the_keys_the_table_takes():
    text = published_text("[points_per_usd_100]\n", "[points_per_usd_100]\nbonus = 1\n")
    assert problems_of(text) == [
        ("points_per_usd_100.bonus", "unknown key; expected one of assisted, managed, sourced")
    ]


def test_a_file_before_any_published_set_must_give_the_months_to_reach_gold():
    text = published_text("effective = 2025-07-15", "effective = 2021-01-01")
    text = "\n".join(line for line in text.splitlines() if "reach_gold" not in line)
    assert problems_of(text) == [
        (
            "tiers.reach_gold_within_months",
            "missing, and no published rule set was in force on 2021-01-01 to take it from",
        )
    ]


def test_growth_markets_given_as_one_str_are_named_countries():
    with refused(InvalidTypeError, "countries", "IN", "a list or tuple of values"):
        R2025.with_growth_markets("IN")
    with refused(UnknownMarketError, "countries", "Atlantis"):
        R2025.with_growth_markets(["IN", "Atlantis"])


def test_a_rule_set_made_in_code_with_an_effective_date_that_is_no_date_names_it():
    parts = attrs.asdict(R2025, recurse=False)
    for taken in ("reevaluation", "activity_period_days", "reach_gold_within_months"):
        del parts[taken]
    with refused(InvalidTypeError, "effective", "2025-07-15"):
        ProgramRules(**{**parts, "effective": "2025-07-15"})


def test_dumping_names_what_is_no_rule_set():
    with refused(InvalidTypeError, "rule_set", "R2025", "a ProgramRules"):
        rules.dumps("R2025")


RULES_FOR = "a function from a date to its ProgramRules, such as rules.for_date"


@pytest.mark.parametrize(
    ("call", "error", "field", "value", "expected"),
    [
        (
            lambda: R2025.points_per_usd_100.for_track("gold"),
            InvalidValueError,
            "track",
            "gold",
            None,
        ),
        (
            lambda: R2025.reevaluation.on("2026-01-15"),
            InvalidTypeError,
            "day",
            "2026-01-15",
            "a datetime.date",
        ),
        (
            lambda: R2025.reevaluation.days[0].window_start("2026-01-15"),
            InvalidTypeError,
            "day",
            "2026-01-15",
            "a datetime.date",
        ),
        (
            lambda: MonthDay(12, 31).last_on_or_before(date(1, 1, 1)),
            InvalidValueError,
            "day",
            date(1, 1, 1),
            "a date on or after 0001-12-31, the calendar's first 12-31",
        ),
        (lambda: rules.rules_function("R2025"), InvalidTypeError, "rules_for", "R2025", RULES_FOR),
        (
            lambda: rules.rules_in_force(lambda day: "R2025", date(2025, 8, 1)),
            InvalidTypeError,
            "rules_for",
            "R2025",
            RULES_FOR,
        ),
        (
            lambda: attrs.evolve(R2025, currencies={"USD": 100, "usd": 50}),
            InvalidValueError,
            "currencies",
            "usd",
            "each currency once, in any case; USD is given twice",
        ),
    ],
)
def test_a_refused_track_day_rule_function_or_currency_is_named(
    call, error, field, value, expected
):
    with refused(error, field, value, expected):
        call()


# -- said in every language -------------------------------------------------------------


def test_tracks_are_named_in_every_language_and_keep_their_values():
    from hubpartner.messages import translate

    assert [track.label for track in Track] == ["sourced", "assisted", "managed"]
    assert [translate(t.label, "sv") for t in Track] == [
        "partnerinitierad",
        "partnerassisterad",
        "hanterad",
    ]
    assert [translate(t.label, "it") for t in Track] == [
        "generato dal partner",
        "assistito dal partner",
        "gestito",
    ]
    assert [track.value for track in Track] == ["sourced", "assisted", "managed"]


def test_problems_of_a_rules_file_are_said_in_swedish_and_italian():
    with pytest.raises(RulesFileError) as caught:
        rules.loads('name = "x"\nbogus = 1\n[points_per_usd_100]\nsourced = 5\n')
    by_key = {p.key: p.message for p in caught.value.problems}
    assert by_key["effective"] == "missing"
    assert by_key["bogus"].startswith("unknown key; expected one of ")
    swedish, italian = caught.value.say("sv"), caught.value.say("it")
    assert "effective: saknas" in swedish
    assert "effective: mancante" in italian
    assert "bogus: okänd nyckel; förväntade en av " in swedish
    assert "bogus: chiave sconosciuta; previsto uno tra " in italian


def test_a_refusal_of_a_day_of_the_year_is_said_in_swedish_and_italian():
    with pytest.raises(InvalidValueError) as caught:
        MonthDay.parse("7/15")
    assert "en dag på året skriven MM-DD, till exempel 01-15" in caught.value.say("sv")
    assert "un giorno dell'anno scritto MM-DD, per esempio 01-15" in caught.value.say("it")
    with pytest.raises(RulesFileError) as twice:
        rules.loads(
            rules.dumps(rules.for_date(date(2025, 8, 1))).replace(
                "[currencies]\n", "[currencies]\neur = 88\n"
            )
        )
    assert twice.value.problems[0].message == (
        "EUR is given twice (also as currencies.eur); give each currency once, in any case"
    )
    assert "EUR anges två gånger (även som currencies.eur)" in twice.value.say("sv")


def test_in_usd_converts_through_the_local_amount_exactly_and_refuses_anything_but_money():
    current = rules.for_date(date(2025, 8, 1))
    assert current.in_usd(Money("1000", "EUR")) == Fraction(100_000, 88)
    with pytest.raises(HubPartnerError, match=r"^amount: "):
        current.in_usd(1000)


# -- a huge key is named shortened, never whole --------------------------------------------

HUGE_KEY = "k" * 60_000


@pytest.mark.parametrize(
    ("replace", "by", "key"),
    [
        ("schema = 1\n", f'schema = 1\n"{HUGE_KEY}" = 1\n', "'kkk"),
        ("[sold_points]\n", f'[sold_points]\n"{HUGE_KEY}" = 1\n', "sold_points.'kkk"),
        ("[currencies]\n", f'[currencies]\n"{HUGE_KEY}" = 1\n', "currencies.'kkk"),
    ],
)
def test_a_huge_unknown_key_is_named_shortened(replace, by, key):
    with pytest.raises(RulesFileError) as caught:
        rules.loads(published_text(replace, by))
    [problem] = caught.value.problems
    assert problem.key.startswith(key)
    assert problem.key.endswith("kkk'")
    assert len(problem.key) < 300
    assert len(str(caught.value)) < 1_000


def test_a_currency_given_twice_with_a_huge_key_is_named_shortened():
    spaced = "eur" + " " * 60_000  # read as EUR, which the published table gives after it
    text = published_text("[currencies]\n", f'[currencies]\n"{spaced}" = 1\n')
    with pytest.raises(RulesFileError) as caught:
        rules.loads(text)
    [problem] = caught.value.problems
    assert problem.key == "currencies.EUR"
    assert problem.message.startswith("EUR is given twice (also as currencies.'eur ")
    assert len(str(caught.value)) < 1_000
