"""Price lists: the monthly list price of each hub's editions, in each currency.

HubSpot's prices are public, but they change and vary by market, so the library ships
none: a :class:`PriceList` is data the user supplies, usually a TOML file written like
``docs/examples/prices.toml`` (see ``docs/prices.md``). A price is per month; an edition
sold by the seat is priced per seat, with the number of seats of the offer, and the
offer's MRR is their product. Amounts are exact ``Decimal`` values.

    >>> from decimal import Decimal
    >>> prices = PriceList({"EUR": {"sales:professional": Price(Decimal("90"), seats=5)}})
    >>> prices.price("sales:professional", "eur")
    Money(amount=Decimal('450'), currency='EUR')
    >>> prices.price("sales:free", "EUR")
    Money(amount=Decimal('0'), currency='EUR')
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping
from decimal import Decimal
from typing import Any

import attrs

from ._checks import MAX_AMOUNT_PLACES, MAX_MAGNITUDE, at_least_zero, whole_number
from ._files import Problems, Source, number, parse_toml, read_toml, source_name
from ._said import plain
from .decimals import EXACT
from .engagement import Catalogue, Subscription, _chosen_catalogue
from .errors import (
    InvalidTypeError,
    InvalidValueError,
    MissingPriceError,
    PricesFileError,
    as_written,
    shown,
)
from .messages import Message, message
from .money import Money, currency_code

__all__ = ["MAX_SEATS", "Price", "PriceList", "load_prices", "prices_from_toml"]

#: The most seats an offer priced by the seat may have.
MAX_SEATS = 100_000

_PRICE_KEYS = ("price", "seats")


def _amount(value: Any) -> Decimal:
    return at_least_zero(
        value, field="amount", expected=message("an amount of 0 or more"), places=MAX_AMOUNT_PLACES
    )


def _seats(value: Any) -> int | None:
    if value is None:
        return None
    return whole_number(value, field="seats", minimum=1, maximum=MAX_SEATS)


@attrs.frozen
class Price:
    """A monthly list price: ``amount`` (0 or more, exact), per seat when ``seats``
    (a whole number from 1 to :data:`MAX_SEATS`) is given, so that the offer's
    :attr:`mrr` is ``amount * seats``, which must stay below 10^15."""

    amount: Decimal = attrs.field(converter=_amount)
    seats: int | None = attrs.field(default=None, converter=_seats)

    def __attrs_post_init__(self) -> None:
        if self.seats is not None and self.mrr >= MAX_MAGNITUDE:
            raise InvalidValueError(
                "seats",
                self.seats,
                message(
                    "a number of seats whose total, {amount} * seats, is below 10^15",
                    amount=plain(self.amount),
                ),
            )

    @property
    def mrr(self) -> Decimal:
        """The offer's monthly recurring revenue: ``amount * seats``, or ``amount``
        when the price is not per seat; exact."""
        if self.seats is None:
            return self.amount
        return EXACT.multiply(self.amount, Decimal(self.seats))


_EXPECTED_PRICES = message(
    "a mapping of each currency code to a mapping of subscriptions to prices"
)


def _price(value: Any) -> Price:
    return value if isinstance(value, Price) else Price(value)


class _Frozen(Mapping[Any, Any]):
    """A mapping that cannot change, hashable and equal by its items: the inside of
    a :class:`PriceList`."""

    __slots__ = ("_items",)

    def __init__(self, items: dict[Any, Any]) -> None:
        self._items = items

    def __getitem__(self, key: Any) -> Any:
        return self._items[key]

    def __iter__(self) -> Iterator[Any]:
        return iter(self._items)

    def __len__(self) -> int:
        return len(self._items)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, _Frozen):
            return NotImplemented
        return self._items == other._items

    def __hash__(self) -> int:
        return hash(tuple(self._items.items()))

    def __repr__(self) -> str:
        return repr(self._items)


def _priced(value: Any) -> Mapping[str, Mapping[Subscription, Price]]:
    """The prices of a :class:`PriceList`, checked and read into an immutable mapping
    of currency codes to mappings of subscriptions to prices, each sorted."""
    if not isinstance(value, Mapping):
        raise InvalidTypeError("prices", value, _EXPECTED_PRICES)
    if not value:
        raise InvalidValueError("prices", value, _EXPECTED_PRICES)
    found: dict[str, _Frozen] = {}
    for currency, offers in value.items():
        code = currency_code(currency, field="prices")
        if code in found:
            raise InvalidValueError("prices", currency, _twice(code))
        if not isinstance(offers, Mapping):
            raise InvalidTypeError(f"prices[{code!r}]", offers, _EXPECTED_PRICES)
        priced: dict[Subscription, Price] = {}
        for offer, price in offers.items():
            subscription = Subscription.of(offer, field=f"prices[{code!r}]")
            if subscription in priced:
                raise InvalidValueError(f"prices[{code!r}]", offer, _twice(str(subscription)))
            priced[subscription] = _price(price)
        found[code] = _Frozen(dict(sorted(priced.items())))
    return _Frozen(dict(sorted(found.items())))


def _twice(name: str) -> Message:
    # Translators: {name} is a currency code, or a subscription as 'hub:edition'.
    return message(
        "each currency, hub and edition once ({name} is given twice; names are compared "
        "without regard to case)",
        name=repr(name),
    )


@attrs.frozen
class PriceList:
    """Monthly list prices by currency and subscription, for the hubs and editions of
    ``catalogue`` (the packaged one by default).

    ``prices`` maps each currency code to a mapping of subscriptions (a
    :class:`~hubpartner.engagement.Subscription` or ``"hub:edition"``) to a
    :class:`Price` or an amount; it is kept as an immutable mapping, sorted. The
    catalogue's free edition costs 0 in every currency unless the list prices it.
    """

    prices: Mapping[str, Mapping[Subscription, Price]] = attrs.field(converter=_priced)
    catalogue: Catalogue = attrs.field(default=None, converter=_chosen_catalogue, repr=False)

    def __attrs_post_init__(self) -> None:
        for offers in self.prices.values():
            for subscription in offers:
                self.catalogue.rank(subscription)

    @property
    def currencies(self) -> tuple[str, ...]:
        """The currencies the list prices, sorted."""
        return tuple(self.prices)

    def price(self, subscription: Subscription | str, currency: str) -> Money:
        """The MRR of ``subscription`` (price * seats for a price per seat) as
        ``Money`` in ``currency``; a subscription the list does not price raises
        :class:`~hubpartner.errors.MissingPriceError`, saying where to add it —
        except the catalogue's free edition, which costs 0."""
        offer = Subscription.of(subscription)
        code = currency_code(currency)
        self.catalogue.rank(offer)
        found = self.prices.get(code, {}).get(offer)
        if found is not None:
            return Money(found.mrr, code)
        if offer.edition == self.catalogue.free_edition:
            return Money.zero(code)
        raise MissingPriceError(offer.hub, offer.edition, code, self.currencies)


def prices_from_toml(
    text: str, *, source: str = "<string>", catalogue: Catalogue | None = None
) -> PriceList:
    """Read a price list written like ``docs/examples/prices.toml``: a table per
    currency, hub and edition (``[EUR.marketing]`` with ``starter = 20``), an
    edition's price a TOML number or a table ``{ price = 100, seats = 5 }``. Every
    problem is reported with its dotted key in one
    :class:`~hubpartner.errors.PricesFileError`; hubs and editions are those of
    ``catalogue`` (the packaged one by default)."""
    chosen = _chosen_catalogue(catalogue)
    return _price_list(parse_toml(text, source=source, error=PricesFileError), source, chosen)


def load_prices(path: Source, *, catalogue: Catalogue | None = None) -> PriceList:
    """Read a price list TOML file (see :func:`prices_from_toml`)."""
    chosen = _chosen_catalogue(catalogue)
    return _price_list(read_toml(path, error=PricesFileError), source_name(path), chosen)


def _price_list(data: dict[str, Any], source: str, catalogue: Catalogue) -> PriceList:
    problems = Problems()
    problems.schema(data)
    prices: dict[str, dict[Subscription, Price]] = {}
    for key, table in data.items():
        if key == "schema":
            continue
        where = as_written(key)
        code = problems.check(where, functools.partial(currency_code, field=where), key)
        if code is None or not _is_table(table, where, problems):
            continue
        if code in prices:
            problems.add(where, _expected_once(code, key))
            continue
        prices[code] = _currency(where, table, catalogue, problems)
    if not data.keys() - {"schema"} and not problems.found:
        problems.add(
            "(document)",
            message("no currency; expected a table per currency and hub, such as [EUR.marketing]"),
        )
    if problems.found:
        raise PricesFileError(source, problems.found)
    return PriceList(prices, catalogue)


def _expected_once(name: str, key: str) -> Message:
    return message("expected {expected}, got {value}", expected=_twice(name), value=shown(key))


def _is_table(value: Any, key: str, problems: Problems) -> bool:
    """Whether ``value`` (at ``key``) is a table; notes why not."""
    if isinstance(value, dict):
        return True
    problems.add(
        key, message("expected a table [{key}], got {found}", key=key, found=shown(value))
    )
    return False


def _currency(
    code_key: str, table: dict[str, Any], catalogue: Catalogue, problems: Problems
) -> dict[Subscription, Price]:
    """The prices of one currency's table, noting every problem under its key
    (``code_key``, as :func:`~hubpartner.errors.as_written` names it)."""
    priced: dict[Subscription, Price] = {}
    hubs = {hub.key: hub for hub in catalogue.hubs}
    for hub_key, editions in table.items():
        where = f"{code_key}.{as_written(hub_key)}"
        hub = hubs.get(hub_key.strip().lower())
        if hub is None:
            problems.add(where, _unknown(hubs))
            continue
        if not _is_table(editions, where, problems):
            continue
        for edition_key, entry in editions.items():
            at = f"{where}.{as_written(edition_key)}"
            edition = edition_key.strip().lower()
            if edition not in hub.editions:
                problems.add(at, _unknown(hub.editions))
                continue
            price = _entry(at, entry, problems)
            subscription = Subscription(hub.key, edition)
            if subscription in priced:
                problems.add(at, _expected_once(str(subscription), f"{where}.{edition_key}"))
            elif price is not None:
                priced[subscription] = price
    return priced


def _unknown(keys: Iterable[str]) -> Message:
    return message("unknown key; expected one of {keys}", keys=", ".join(keys))


def _entry(at: str, entry: Any, problems: Problems) -> Price | None:
    """The price an edition's entry gives: a number, or a table of a price per seat
    and the seats; None, noting why, if it gives none."""
    if not isinstance(entry, dict):
        amount = problems.check(at, lambda v: _amount_of(v, at), entry)
        return None if amount is None else Price(amount)
    before = len(problems.found)
    problems.keys(entry, required=_PRICE_KEYS, within=at)
    amount = problems.check(
        f"{at}.price", lambda v: _amount_of(v, f"{at}.price"), entry.get("price")
    )
    seats = problems.check(
        f"{at}.seats",
        lambda v: whole_number(v, field=f"{at}.seats", minimum=1, maximum=MAX_SEATS),
        entry.get("seats"),
    )
    if len(problems.found) > before:
        return None
    return problems.build(lambda: Price(amount, seats), within=at)


def _amount_of(value: Any, key: str) -> Decimal:
    return at_least_zero(
        number(value, field=key),
        field=key,
        expected=message("an amount of 0 or more"),
        places=MAX_AMOUNT_PLACES,
    )
