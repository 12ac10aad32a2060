"""The price list: values, the TOML format, and the missing price (issue 15)."""

from __future__ import annotations

from decimal import Decimal
from importlib import resources

import pytest
from hypothesis import given

from hubpartner import Money
from hubpartner._prices import MAX_SEATS, Price, PriceList, load_prices, prices_from_toml
from hubpartner.engagement import Catalogue, Hub, Subscription
from hubpartner.errors import (
    AmountTypeError,
    DataFileError,
    HubPartnerError,
    InvalidTypeError,
    InvalidValueError,
    MissingPriceError,
    PricesFileError,
    UnknownCurrencyError,
    UnknownEntryError,
)

from .helpers import EXAMPLES
from .strategies import price_lists


def problems(text: str, **options) -> list[tuple[str, str]]:
    with pytest.raises(PricesFileError) as caught:
        prices_from_toml(text, **options)
    return [(p.where, p.message) for p in caught.value.problems]


def where(text: str, **options) -> list[str]:
    return [key for key, _ in problems(text, **options)]


# -- Price -------------------------------------------------------------------------------


def test_a_price_per_seat_is_the_price_times_the_seats_exactly():
    assert Price(Decimal("0.1"), seats=3).mrr == Decimal("0.3")
    assert Price(Decimal("99999999.9999999999"), seats=MAX_SEATS).mrr == Decimal(
        "9999999999999.99999"
    )
    assert Price(Decimal("890"), None).mrr == Decimal("890")


def test_a_price_refuses_floats_bools_nan_and_negatives():
    with pytest.raises(AmountTypeError):
        Price(0.1)
    with pytest.raises(AmountTypeError):
        Price(True)
    with pytest.raises(InvalidValueError, match="amount"):
        Price(Decimal("NaN"))
    with pytest.raises(InvalidValueError, match="amount: Decimal\\('-1'\\)"):
        Price(Decimal("-1"))


@pytest.mark.parametrize("seats", [0, -1, MAX_SEATS + 1, True, 2.0, "5"])
def test_seats_are_a_whole_number_from_one_to_the_maximum(seats):
    with pytest.raises((InvalidValueError, InvalidTypeError)) as caught:
        Price(Decimal("10"), seats=seats)
    assert caught.value.field == "seats"


def test_a_price_per_seat_whose_total_reaches_the_limit_is_refused():
    with pytest.raises(InvalidValueError, match=r"seats: 100 .* 10000000000000 \* seats"):
        Price(Decimal("1e13"), seats=100)


# -- PriceList ---------------------------------------------------------------------------


def test_the_price_is_the_offers_mrr_in_the_currency_asked():
    prices = PriceList(
        {"eur": {"Sales:Professional": Price(Decimal("90"), 5), "sales:starter": 15}}
    )
    assert prices.price("sales:professional", "EUR") == Money("450", "EUR")
    assert prices.price(Subscription("sales", "starter"), "eur") == Money("15", "EUR")
    assert prices.currencies == ("EUR",)


def test_the_free_edition_costs_nothing_unless_the_list_prices_it():
    prices = PriceList({"EUR": {"sales:starter": 15}})
    assert prices.price("marketing:free", "EUR") == Money("0", "EUR")
    assert prices.price("marketing:free", "SEK") == Money("0", "SEK")
    priced = PriceList({"EUR": {"marketing:free": 1}})
    assert priced.price("marketing:free", "EUR") == Money("1", "EUR")
    own = Catalogue([Hub("crm", "CRM", ["gratis", "pro"])], free_edition="gratis")
    assert PriceList({"EUR": {"crm:pro": 5}}, own).price("crm:gratis", "EUR") == Money("0", "EUR")


def test_a_missing_price_names_hub_edition_currency_and_where_to_add_it():
    prices = PriceList({"USD": {"sales:starter": 20}, "EUR": {"sales:starter": 15}})
    with pytest.raises(MissingPriceError) as caught:
        prices.price("sales:professional", "sek")
    error = caught.value
    assert isinstance(error, HubPartnerError)
    assert isinstance(error, LookupError)
    assert str(error) == (
        "no price for sales:professional in SEK; add it to the price list as "
        "[SEK.sales] professional = …; the list prices EUR, USD"
    )
    assert (error.hub, error.edition, error.currency, error.listed) == (
        "sales",
        "professional",
        "SEK",
        ("EUR", "USD"),
    )
    with pytest.raises(MissingPriceError, match="in EUR;"):
        prices.price("sales:professional", "EUR")


def test_price_refuses_what_the_catalogue_does_not_sell_and_unknown_currencies():
    prices = PriceList({"EUR": {"sales:starter": 15}})
    with pytest.raises(UnknownEntryError, match="hub: 'crm' is not in the catalogue"):
        prices.price("crm:starter", "EUR")
    with pytest.raises(InvalidValueError, match="edition: 'free'"):
        prices.price("commerce:free", "EUR")
    with pytest.raises(UnknownCurrencyError):
        prices.price("sales:starter", "XYZ")


@pytest.mark.parametrize(
    ("prices", "error"),
    [
        ({}, InvalidValueError),
        ([("EUR", {})], InvalidTypeError),
        ({"XYZ": {}}, UnknownCurrencyError),
        ({"EUR": 5}, InvalidTypeError),
        ({"EUR": {"sales:starter": 1}, "eur": {}}, InvalidValueError),
        ({"EUR": {"sales:starter": 1, "SALES:starter": 2}}, InvalidValueError),
        ({"EUR": {"crm:starter": 1}}, UnknownEntryError),
        ({"EUR": {"sales:gold": 1}}, InvalidValueError),
        ({"EUR": {"sales:starter": 1.5}}, AmountTypeError),
        ({"EUR": {"sales:starter": -1}}, InvalidValueError),
    ],
)
def test_a_price_list_is_validated_at_construction(prices, error):
    with pytest.raises(error):
        PriceList(prices)


def test_a_price_list_is_an_immutable_hashable_value():
    one = PriceList({"EUR": {"sales:starter": 15}, "USD": {"sales:starter": 20}})
    two = PriceList({"USD": {"sales:starter": Price(20)}, "EUR": {"sales:starter": 15}})
    assert one == two
    assert hash(one) == hash(two)
    assert len({one, two}) == 1
    assert one != PriceList({"EUR": {"sales:starter": 16}, "USD": {"sales:starter": 20}})
    assert one.prices != {"EUR": {}}  # a plain dict is another kind of thing
    with pytest.raises(TypeError):
        one.prices["GBP"] = {}  # type: ignore[index]
    with pytest.raises(TypeError):
        one.prices["EUR"][Subscription("sales", "starter")] = Price(1)  # type: ignore[index]
    assert repr(one).startswith("PriceList(prices={'EUR': {Subscription(hub='sales'")
    assert len(one.prices) == 2


# -- the TOML file ------------------------------------------------------------------------


def test_the_example_file_loads_and_the_bundled_copy_is_the_same():
    prices = load_prices(EXAMPLES / "prices.toml")
    assert prices.currencies == ("EUR", "GBP", "USD")
    assert prices.price("marketing:professional", "EUR") == Money("792", "EUR")
    assert prices.price("content:professional", "EUR") == Money("450", "EUR")
    bundled = resources.files("hubpartner") / "data" / "example" / "prices.toml"
    assert bundled.read_bytes() == (EXAMPLES / "prices.toml").read_bytes()
    first = (EXAMPLES / "prices.toml").read_text("utf-8").splitlines()[0]
    assert first.startswith("# ILLUSTRATIVE NUMBERS ONLY")


def test_prices_are_read_exactly_not_through_float():
    prices = prices_from_toml(
        "[EUR.sales]\nstarter = 0.1\nprofessional = { price = 0.1, seats = 3 }"
    )
    assert prices.price("sales:starter", "EUR").amount == Decimal("0.1")
    assert prices.price("sales:professional", "EUR").amount == Decimal("0.3")


def test_strings_negatives_and_too_large_prices_are_problems_of_their_keys():
    found = problems(
        '[EUR.sales]\nstarter = "20"\nprofessional = -1\nenterprise = 1e15\n'
        '[EUR.service]\nstarter = { price = "1", seats = 2 }'
    )
    assert [key for key, _ in found] == [
        "EUR.sales.starter",
        "EUR.sales.professional",
        "EUR.sales.enterprise",
        "EUR.service.starter.price",
    ]
    assert "a TOML number such as 100 or 62.50, not a string, got '20'" in found[0][1]
    assert "an amount of 0 or more, got -1" in found[1][1]


def test_unknown_currencies_hubs_and_editions_name_their_key_and_what_is_accepted():
    found = dict(
        problems("[XYZ.sales]\nstarter = 1\n[EUR.crm]\nstarter = 1\n[EUR.sales]\ngold = 1")
    )
    assert "ISO 4217" in found["XYZ"]
    assert found["EUR.crm"] == (
        "unknown key; expected one of marketing, sales, service, content, operations, commerce"
    )
    assert found["EUR.sales.gold"] == (
        "unknown key; expected one of free, starter, professional, enterprise"
    )


def test_a_users_catalogue_decides_the_hubs_and_editions():
    own = Catalogue([Hub("crm", "CRM", ["free", "pro"])])
    prices = prices_from_toml("[EUR.crm]\npro = 9", catalogue=own)
    assert prices.price("crm:pro", "EUR") == Money("9", "EUR")
    assert where("[EUR.sales]\nstarter = 1", catalogue=own) == ["EUR.sales"]
    with pytest.raises(InvalidTypeError, match="catalogue"):
        prices_from_toml("[EUR.crm]\npro = 9", catalogue="crm")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("seats", "key"),
    [
        ("0", "EUR.sales.professional.seats"),
        ("100001", "EUR.sales.professional.seats"),
        ("true", "EUR.sales.professional.seats"),
        ("2.5", "EUR.sales.professional.seats"),
        ('"5"', "EUR.sales.professional.seats"),
    ],
)
def test_seats_are_bounded_whole_numbers(seats, key):
    text = f"[EUR.sales]\nprofessional = {{ price = 90, seats = {seats} }}"
    assert where(text) == [key]


def test_a_price_per_seat_needs_both_keys_and_no_others():
    found = where("[EUR.sales]\nprofessional = { price = 90 }\nenterprise = { seats = 2, x = 1 }")
    assert found == [
        "EUR.sales.professional.seats",
        "EUR.sales.enterprise.x",
        "EUR.sales.enterprise.price",
    ]


def test_a_seat_total_beyond_the_limit_is_a_problem_of_the_seats():
    found = problems("[EUR.sales]\nenterprise = { price = 1e13, seats = 100 }")
    assert found[0][0] == "EUR.sales.enterprise.seats"


def test_the_schema_is_checked_and_every_problem_is_reported_at_once():
    found = where('schema = 2\nEUR = 5\n[USD.sales]\nstarter = "1"\n[USD.nope]\nx = 1')
    assert found == ["schema", "EUR", "USD.sales.starter", "USD.nope"]
    assert where("schema = true\n[EUR.sales]\nstarter = 1") == ["schema"]
    assert prices_from_toml("schema = 1\n[EUR.sales]\nstarter = 1").currencies == ("EUR",)


def test_a_hub_that_is_not_a_table_is_a_problem():
    assert where("[EUR]\nsales = 5") == ["EUR.sales"]


def test_a_currency_hub_or_edition_written_twice_in_another_case_is_a_problem():
    assert where("[EUR.sales]\nstarter = 1\n[eur.sales]\nstarter = 1") == ["eur"]
    found = problems("[EUR.sales]\nstarter = 1\nStarter = 2\n[EUR.Sales]\nstarter = 3\npro = 1")
    assert [key for key, _ in found] == [
        "EUR.sales.Starter",
        "EUR.Sales.starter",
        "EUR.Sales.pro",
    ]
    assert "'sales:starter' is given twice" in found[0][1]


def test_an_empty_document_is_a_problem():
    assert problems("schema = 1") == [
        (
            "(document)",
            "no currency; expected a table per currency and hub, such as [EUR.marketing]",
        )
    ]


def test_toml_that_does_not_parse_and_missing_files_are_refused_by_source(tmp_path):
    with pytest.raises(PricesFileError, match=r"prices\.toml: .*not valid TOML"):
        prices_from_toml("[EUR", source="prices.toml")
    with pytest.raises(PricesFileError, match="not found"):
        load_prices(tmp_path / "none.toml")
    assert issubclass(PricesFileError, DataFileError)
    with pytest.raises(PricesFileError) as caught:
        prices_from_toml("EUR = 1", source="mine.toml")
    assert caught.value.source == "mine.toml"
    assert "price list" in str(caught.value)


def test_load_prices_reads_a_file_with_a_users_catalogue(tmp_path):
    path = tmp_path / "prices.toml"
    path.write_text("[SEK.crm]\npro = { price = 100, seats = 2 }\n", "utf-8")
    own = Catalogue([Hub("crm", "CRM", ["free", "pro"])])
    assert load_prices(path, catalogue=own).price("crm:pro", "SEK") == Money("200", "SEK")


# -- laws --------------------------------------------------------------------------------


def to_toml(prices: PriceList) -> str:
    """The price list written as TOML, by a writer of its own."""
    lines = ["schema = 1"]
    for code, offers in prices.prices.items():
        lines.append(f"[{code}]")
        for subscription, price in offers.items():
            value = (
                str(price.amount)
                if price.seats is None
                else f"{{ price = {price.amount}, seats = {price.seats} }}"
            )
            lines.append(f'"{subscription.hub}".{subscription.edition} = {value}')
    return "\n".join(lines) + "\n"


@given(price_lists())
def test_a_price_list_written_as_toml_reads_back_equal(prices):
    assert prices_from_toml(to_toml(prices)) == prices


@given(price_lists())
def test_the_price_of_what_the_list_prices_is_its_price_times_seats(prices):
    for code, offers in prices.prices.items():
        for subscription, price in offers.items():
            expected = price.amount * (price.seats or 1)
            assert prices.price(subscription, code) == Money(expected, code)


# -- a huge key is named shortened, never whole --------------------------------------------

HUGE_KEY = "k" * 60_000
SPACES = " " * 60_000


@pytest.mark.parametrize(
    ("text", "key"),
    [
        (f'["{HUGE_KEY}"]\nx = 1\n', "'kkk"),
        (f'"EUR{SPACES}" = 1\n', "'EUR "),
        (f'[EUR."{HUGE_KEY}"]\nstarter = 1\n', "EUR.'kkk"),
        (f'[EUR.marketing]\n"{HUGE_KEY}" = 1\n', "EUR.marketing.'kkk"),
        (
            f'[EUR.marketing]\nstarter = {{ price = 1, seats = 2, "{HUGE_KEY}" = 3 }}\n',
            "EUR.marketing.starter.'kkk",
        ),
        (f'[EUR.marketing]\nstarter = 1\n["EUR{SPACES}".marketing]\nstarter = 1\n', "'EUR "),
        (f'[EUR.marketing]\nstarter = 1\n"starter{SPACES}" = 1\n', "EUR.marketing.'starter "),
    ],
)
def test_a_huge_key_is_named_shortened(text, key):
    with pytest.raises(PricesFileError) as caught:
        prices_from_toml(text)
    [problem] = caught.value.problems
    assert problem.where.startswith(key)
    assert problem.where.endswith("'")
    assert len(problem.where) < 300
    assert len(str(caught.value)) < 1_000


def test_a_currency_given_twice_names_the_second_as_written():
    [(key, said)] = problems("[EUR.sales]\nstarter = 1\n[eur.sales]\nstarter = 1\n")
    assert key == "eur"
    assert said.endswith("got 'eur'")
