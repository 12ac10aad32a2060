"""The client portfolio behind the partner dashboard's client table and alerts.

A :class:`Portfolio` holds a partner's :class:`ClientRecord` values: the products each
client owns with their MRR, the relationship (sold, managed or both), usage and
engagement, contact and email tiers, and renewal details. Views over it — the client
table, the renewal alerts — are pure functions of the portfolio and of a date the
caller passes; "End services" returns a new portfolio and keeps a record of the end.

    >>> from datetime import date
    >>> from hubpartner import Money
    >>> from hubpartner.clients import (
    ...     ClientRecord, Company, Portfolio, ProductLine, Relationship, Renewal,
    ...     renewal_alerts)
    >>> from hubpartner.engagement import Subscription
    >>> acme = ClientRecord(
    ...     Company("c1", "Acme AB"),
    ...     products=[ProductLine(Subscription("marketing", "professional"), Money("890", "EUR"))],
    ...     relationship=Relationship.BOTH,
    ...     renewal=Renewal(date(2025, 9, 1), "partner", "Jo at HubSpot"),
    ... )
    >>> [alert.client for alert in renewal_alerts(Portfolio([acme]), as_of=date(2025, 8, 1),
    ...                                            within_days=31)]
    ['c1']
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._checks import (
    MAX_DAYS,
    Choice,
    boolean,
    calendar_date,
    each,
    each_item,
    instance,
    instance_of,
    is_count,
    is_day,
    is_flag,
    is_key,
    is_optional_day,
    is_text,
    member,
    non_empty,
    sequence,
    shift,
    to_decimal,
    to_optional_text,
    to_tuple,
    whole_number,
)
from ._files import Columns, Shared, Source, Table, blank_cell, date_cell, table_of
from ._html import Results
from .engagement import (
    Band,
    Catalogue,
    EngagementScore,
    ScoringModel,
    Subscription,
    UnknownTools,
    Usage,
    _chosen_model,
)
from .errors import (
    CurrencyMismatchError,
    DuplicateIdError,
    HubPartnerError,
    InvalidTypeError,
    InvalidValueError,
    PortfolioFileError,
    RowProblem,
    UnknownEntryError,
    UnknownToolError,
)
from .markets import market_code
from .messages import Message, message, plural
from .money import Money
from .rules import ProgramRules

if TYPE_CHECKING:
    from .present import Presenter

__all__ = [
    "ClientRecord",
    "ClientRow",
    "ClientTable",
    "Company",
    "EndedService",
    "Note",
    "Portfolio",
    "PortfolioFileError",
    "ProductLine",
    "Relationship",
    "Renewal",
    "RenewalAlert",
    "Task",
    "add_note",
    "add_task",
    "client_table",
    "end_services",
    "read_portfolio",
    "renewal_alerts",
]


# -- company records, tasks and notes ----------------------------------------------------


@attrs.frozen
class Task:
    """A task created on a client, shown on its company record."""

    title: str = attrs.field(validator=is_text)
    created: date = attrs.field(validator=is_day)
    due: date | None = attrs.field(default=None, validator=is_optional_day)
    category: str | None = attrs.field(default=None, converter=to_optional_text)


@attrs.frozen
class Note:
    """A note left on a client, shown on its company record."""

    text: str = attrs.field(validator=is_text)
    created: date = attrs.field(validator=is_day)
    category: str | None = attrs.field(default=None, converter=to_optional_text)


@attrs.frozen
class Company:
    """A client's company record in the partner's CRM, with its tasks and notes."""

    id: str = attrs.field(validator=is_key)
    name: str = attrs.field(validator=is_text)
    domain: str | None = attrs.field(default=None, converter=to_optional_text)
    tasks: tuple[Task, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(Task, message("a Task"))
    )
    notes: tuple[Note, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(Note, message("a Note"))
    )


def add_task(company: Company, task: Task) -> Company:
    """Return the company record with ``task`` attached."""
    _company(company)
    if not isinstance(task, Task):
        raise InvalidTypeError("task", task, message("a Task"))
    return attrs.evolve(company, tasks=(*company.tasks, task))


def add_note(company: Company, note: Note) -> Company:
    """Return the company record with ``note`` attached."""
    _company(company)
    if not isinstance(note, Note):
        raise InvalidTypeError("note", note, message("a Note"))
    return attrs.evolve(company, notes=(*company.notes, note))


def _company(value: Any) -> Company:
    return instance(value, Company, field="company", expected=message("a Company"))


# -- client records ------------------------------------------------------------------------


class Relationship(Choice):
    """How a partner relates to a client: it sold, it manages, or both."""

    SOLD = "sold"
    MANAGED = "managed"
    BOTH = "both"

    @property
    def managed(self) -> bool:
        """True when the partner manages the client (managed or both)."""
        return self is not Relationship.SOLD

    @property
    def sold(self) -> bool:
        """True when the partner sold to the client (sold or both)."""
        return self is not Relationship.MANAGED

    def covers(self, wanted: Relationship) -> bool:
        """Whether a client with this relationship is one that ``wanted`` asks for:
        ``managed`` asks for every client the partner manages (managed or both),
        ``sold`` for every client it sold to (sold or both), ``both`` for both."""
        wanted = member(Relationship, wanted, field="wanted")
        return (not wanted.sold or self.sold) and (not wanted.managed or self.managed)


def _product_subscription(value: Any) -> Subscription:
    return Subscription.of(value, field="subscription")


@attrs.frozen
class ProductLine:
    """A product a client owns and the MRR it brings; the subscription may be written
    ``"hub:edition"``."""

    subscription: Subscription = attrs.field(converter=_product_subscription)
    mrr: Money = attrs.field(validator=instance_of(Money, message("a Money")))

    def __attrs_post_init__(self) -> None:
        if self.mrr.amount < 0:
            raise InvalidValueError("mrr", self.mrr, message("an amount of 0 or more"))


def _one_per_hub(subscriptions: tuple[Subscription, ...], field: str) -> None:
    hubs = [subscription.hub for subscription in subscriptions]
    twice = sorted({hub for hub in hubs if hubs.count(hub) > 1})
    if twice:
        raise InvalidValueError(
            field,
            [str(subscription) for subscription in subscriptions],
            plural(
                "one subscription per hub (a client holds one edition of each hub); "
                "{hubs} is listed more than once",
                "one subscription per hub (a client holds one edition of each hub); "
                "{hubs} are listed more than once",
                count=len(twice),
                hubs=", ".join(twice),
            ),
        )


def _current(value: Any) -> tuple[Subscription, ...]:
    found = each_item(Subscription.of, value, field="current")
    _one_per_hub(found, "current")
    return found


def _renewal(value: Any) -> tuple[Subscription, ...]:
    found = each_item(Subscription.of, value, field="renewal")
    _one_per_hub(found, "renewal")
    return found


@attrs.frozen
class Renewal:
    """A client's next renewal: the date, who owns the renewal communication, the
    HubSpot renewal manager, and the current and renewal subscriptions (each a
    Subscription or ``"hub:edition"``, one per hub)."""

    on: date = attrs.field(validator=is_day)
    communication_owner: str = attrs.field(validator=is_text)
    hubspot_manager: str = attrs.field(validator=is_text)
    current: tuple[Subscription, ...] = attrs.field(default=(), converter=_current)
    renewal: tuple[Subscription, ...] = attrs.field(default=(), converter=_renewal)


def _products(value: Any) -> tuple[ProductLine, ...]:
    products = sequence(value, field="products")
    for product in products:
        if not isinstance(product, ProductLine):
            raise InvalidTypeError("products", product, message("a ProductLine"))
    currencies = {product.mrr.currency for product in products}
    if len(currencies) > 1:
        first, second = sorted(currencies)[:2]
        raise CurrencyMismatchError(
            # Translators: the operation refused, as in "EUR to add with an amount in USD".
            message("add"),
            first,
            second,
            field="products",
            expected=message(
                "every product in {currency}: a client pays in one currency", currency=first
            ),
        )
    _one_per_hub(tuple(product.subscription for product in products), "products")
    return products


def _optional_market(value: Any) -> str | None:
    """The ISO 3166 code of a client's market, or None when it is not known."""
    return None if value is None else market_code(value, field="market")


@attrs.frozen
class ClientRecord:
    """A client as the dashboard shows it.

    ``products`` are in the client's one currency. ``usage`` lists the tools the client
    actively uses; its engagement is scored from it by a model when a view needs it.
    ``market`` is the country the client is in (an ISO 3166 code, any case; None when
    not known): points depend on it, as a growth market doubles them.
    """

    company: Company = attrs.field(validator=instance_of(Company, message("a Company")))
    products: tuple[ProductLine, ...] = attrs.field(converter=_products)
    relationship: Relationship = attrs.field(converter=Relationship)
    usage: Usage = attrs.field(default=Usage(), validator=instance_of(Usage, message("a Usage")))
    contact_tier: str | None = attrs.field(default=None, converter=to_optional_text)
    email_tier: str | None = attrs.field(default=None, converter=to_optional_text)
    renewal: Renewal | None = attrs.field(
        default=None, validator=instance_of(Renewal, message("a Renewal"), optional=True)
    )
    market: str | None = attrs.field(default=None, converter=_optional_market)

    @property
    def id(self) -> str:
        """The client's id: its company record's."""
        return self.company.id

    @property
    def mrr(self) -> Money | None:
        """The client's total MRR, or None when it owns no product."""
        if not self.products:
            return None
        total = Money.zero(self.products[0].mrr.currency)
        for product in self.products:
            total = total + product.mrr
        return total

    @property
    def subscriptions(self) -> frozenset[Subscription]:
        """The subscriptions the client holds."""
        return frozenset([product.subscription for product in self.products])

    @property
    def scored_usage(self) -> Usage:
        """The usage an engagement score is computed from: the tools the client uses,
        and every subscription it holds — its products' and any its usage lists."""
        return Usage._of(self.usage.tools, self.usage.subscriptions | self.subscriptions)

    def engagement(
        self,
        model: ScoringModel | None = None,
        *,
        unknown: UnknownTools | str = UnknownTools.ERROR,
    ) -> EngagementScore:
        """The client's engagement score, from its :attr:`scored_usage`; a tool the
        model does not know is an error unless ``unknown="report"`` (then the score
        lists it as unscored)."""
        chosen = _chosen_model(model)
        policy = member(UnknownTools, unknown, field="unknown")
        usage = self.usage
        held = self.subscriptions
        if usage.subscriptions:
            held = held | usage.subscriptions
        return chosen._score(usage.tools, held, policy)


def _clients(value: Any) -> tuple[ClientRecord, ...]:
    clients = sequence(value, field="clients")
    seen: set[str] = set()
    for client in clients:
        if not isinstance(client, ClientRecord):
            raise InvalidTypeError("clients", client, message("a ClientRecord"))
        if client.id in seen:
            raise DuplicateIdError("client", client.id)
        seen.add(client.id)
    return clients


@attrs.frozen
class EndedService:
    """The record left when a partner ends services for a client.

    ``managed_ended`` is True when a managed relationship ended with it — at once,
    as "End services" ends it.
    """

    client: str = attrs.field(validator=is_key)
    name: str = attrs.field(validator=is_text)
    on: date = attrs.field(validator=is_day)
    relationship: Relationship = attrs.field(converter=Relationship)
    managed_ended: bool = attrs.field(validator=is_flag)


@attrs.frozen
class Portfolio:
    """A partner's clients, and the services it has ended."""

    clients: tuple[ClientRecord, ...] = attrs.field(converter=_clients)
    ended: tuple[EndedService, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(EndedService, message("an EndedService"))
    )

    def client(self, client_id: str) -> ClientRecord:
        """The client with ``client_id``."""
        non_empty(client_id, field="client_id")
        for client in self.clients:
            if client.id == client_id:
                return client
        known = [client.id for client in self.clients]
        raise UnknownEntryError("client", client_id, where=message("the portfolio"), known=known)


def end_services(portfolio: Portfolio, client_id: str, *, on: date) -> Portfolio:
    """Return the portfolio without the client, and a record of when services ended.

    A managed relationship ends immediately (``EndedService.managed_ended``).
    """
    client = _portfolio(portfolio).client(client_id)
    ended = EndedService(
        client.id,
        client.company.name,
        calendar_date(on, field="on"),
        client.relationship,
        client.relationship.managed,
    )
    return Portfolio(
        tuple(c for c in portfolio.clients if c.id != client_id), (*portfolio.ended, ended)
    )


# -- alerts and the client table ---------------------------------------------------------


@attrs.frozen
class RenewalAlert:
    """An upcoming renewal decision."""

    client: str = attrs.field(validator=is_key)
    name: str = attrs.field(validator=is_text)
    on: date = attrs.field(validator=is_day)
    days_left: int = attrs.field(validator=is_count)
    communication_owner: str = attrs.field(validator=is_text)
    hubspot_manager: str = attrs.field(validator=is_text)


def renewal_alerts(
    portfolio: Portfolio, *, as_of: date, within_days: int
) -> tuple[RenewalAlert, ...]:
    """The renewals due from ``as_of`` to ``within_days`` days later (both included),
    soonest first.

    ``within_days`` is at most a century's (36,525), and the window ends on the
    calendar (by 9999-12-31), or an error names ``as_of``.
    """
    _portfolio(portfolio)
    today = calendar_date(as_of, field="as_of")
    window = whole_number(within_days, field="within_days", minimum=0, maximum=MAX_DAYS)
    last = shift(today, days=window, field="as_of")
    alerts = [
        RenewalAlert(
            client.id,
            client.company.name,
            client.renewal.on,
            (client.renewal.on - today).days,
            client.renewal.communication_owner,
            client.renewal.hubspot_manager,
        )
        for client in portfolio.clients
        if client.renewal is not None and today <= client.renewal.on <= last
    ]
    return tuple(sorted(alerts, key=lambda alert: (alert.on, alert.client)))


@attrs.frozen
class ClientRow:
    """One row of the client table."""

    client: str = attrs.field(validator=is_key)
    name: str = attrs.field(validator=is_text)
    products: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=each(str, message("a subscription as text"))
    )
    relationship: Relationship = attrs.field(converter=Relationship)
    mrr: Money | None = attrs.field(
        validator=instance_of(Money, message("a Money or None"), optional=True)
    )
    engagement: int = attrs.field(validator=is_count)
    band: Band = attrs.field(converter=Band)
    renewal: date | None = attrs.field(validator=is_optional_day)
    unscored: tuple[str, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(str, message("a tool name"))
    )

    @classmethod
    def _computed(
        cls,
        client: str,
        name: str,
        products: tuple[str, ...],
        relationship: Relationship,
        mrr: Money | None,
        engagement: int,
        band: Band,
        renewal: date | None,
        unscored: tuple[str, ...],
    ) -> ClientRow:
        """A row of values taken from a checked client and its score: nothing to check
        again, so a large portfolio's table is made at the speed of its scoring."""
        row = cls.__new__(cls)
        for field, value in (
            ("client", client),
            ("name", name),
            ("products", products),
            ("relationship", relationship),
            ("mrr", mrr),
            ("engagement", engagement),
            ("band", band),
            ("renewal", renewal),
            ("unscored", unscored),
        ):
            object.__setattr__(row, field, value)
        return row


class ClientTable(Results[ClientRow]):
    """The client table, as :func:`client_table` gives it: a tuple of
    :class:`ClientRow` (equal to the plain tuple) that shows itself in a notebook as
    an HTML table."""

    __slots__ = ()

    ITEM = ClientRow
    EXPECTED = message("a ClientRow")

    def to_html(self, locale: str | Presenter = "en") -> str:
        """The client table as HTML for people of ``locale``."""
        from ._views import client_table

        return client_table(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()


SortKey = Literal["mrr", "name", "engagement", "renewal"]


def _comparable_mrr(row: ClientRow, rules: ProgramRules | None, mixed: bool) -> Decimal | Fraction:
    assert row.mrr is not None
    if not mixed:
        return row.mrr.amount
    assert rules is not None
    return rules.in_usd(row.mrr)


def client_table(
    portfolio: Portfolio,
    *,
    model: ScoringModel | None = None,
    sort_by: SortKey = "mrr",
    descending: bool | None = None,
    relationship: Relationship | None = None,
    band: Band | None = None,
    rules: ProgramRules | None = None,
    unknown: UnknownTools | str = UnknownTools.ERROR,
    exact_relationship: bool = False,
) -> ClientTable:
    """The client table, filtered by relationship and engagement band and sorted: a
    :class:`ClientTable`, which a notebook shows as an HTML table.

    ``relationship="managed"`` keeps every client the partner manages (managed or
    both), ``"sold"`` every client it sold to (sold or both), ``"both"`` the clients
    with both; with ``exact_relationship=True`` only clients whose relationship is
    exactly the one named.

    Sorting by MRR compares amounts directly when every client pays in one currency.
    With several currencies it compares them as HubSpot's points do — in the local
    amounts a rule set treats as USD 100 — so pass ``rules``; nothing is converted
    at market rates. Each key sorts in its natural order unless ``descending`` says
    otherwise: MRR and engagement highest first, names A to Z, renewals soonest
    first. Clients without an MRR or a renewal date come last; ties keep the
    portfolio's order. A tool the model does not know is an error unless
    ``unknown="report"``; each row lists such tools in ``unscored``.
    """
    _portfolio(portfolio)
    keys = message("'mrr', 'name', 'engagement' or 'renewal'")
    if not isinstance(sort_by, str):
        raise InvalidTypeError("sort_by", sort_by, keys)
    if sort_by not in _NATURAL_ORDER:
        raise InvalidValueError("sort_by", sort_by, keys)
    reverse = (
        _NATURAL_ORDER[sort_by] if descending is None else boolean(descending, field="descending")
    )
    chosen = _chosen_model(model)
    if rules is not None:
        instance(rules, ProgramRules, field="rules", expected=message("a ProgramRules, or None"))
    member(UnknownTools, unknown, field="unknown")
    wanted_relationship = (
        None if relationship is None else member(Relationship, relationship, field="relationship")
    )
    exact = boolean(exact_relationship, field="exact_relationship")
    wanted_band = None if band is None else member(Band, band, field="band")
    rows = []
    for client in portfolio.clients:
        if wanted_relationship is not None and not (
            client.relationship is wanted_relationship
            if exact
            else client.relationship.covers(wanted_relationship)
        ):
            continue
        scored = client.engagement(chosen, unknown=unknown)
        if wanted_band is not None and scored.band is not wanted_band:
            continue
        rows.append(
            ClientRow._computed(
                client.id,
                client.company.name,
                tuple(str(p.subscription) for p in client.products),
                client.relationship,
                client.mrr,
                scored.score,
                scored.band,
                None if client.renewal is None else client.renewal.on,
                scored.unscored,
            )
        )
    if sort_by == "mrr":
        currencies = {row.mrr.currency for row in rows if row.mrr is not None}
        mixed = len(currencies) > 1
        if mixed and rules is None:
            raise InvalidValueError(
                "rules",
                None,
                message(
                    "a rule set to compare MRR in {currencies} "
                    "(sorting by MRR across currencies uses its USD 100 amounts)",
                    currencies=", ".join(sorted(currencies)),
                ),
            )
        known = [row for row in rows if row.mrr is not None]
        known.sort(key=lambda row: _comparable_mrr(row, rules, mixed), reverse=reverse)
        return ClientTable((*known, *(row for row in rows if row.mrr is None)))
    if sort_by == "renewal":
        dated = [row for row in rows if row.renewal is not None]
        dated.sort(key=lambda row: row.renewal or date.max, reverse=reverse)
        return ClientTable((*dated, *(row for row in rows if row.renewal is None)))
    if sort_by == "name":
        rows.sort(key=lambda row: row.name.casefold(), reverse=reverse)
    else:
        rows.sort(key=lambda row: row.engagement, reverse=reverse)
    return ClientTable(rows)


_NATURAL_ORDER: dict[str, bool] = {
    "mrr": True,
    "engagement": True,
    "name": False,
    "renewal": False,
}


# -- loading ------------------------------------------------------------------------------

_REQUIRED = ("client", "company", "hub", "edition", "mrr", "currency", "relationship")
_PER_CLIENT = (
    "company",
    "currency",
    "relationship",
    "contact_tier",
    "email_tier",
    "renewal_date",
    "renewal_owner",
    "renewal_manager",
    "tools",
    "market",
)


def _tools_cell(text: str, model: ScoringModel, unknown: UnknownTools | str) -> frozenset[str]:
    names = [part for part in text.split(";") if part.strip()]
    try:
        return model.resolve_tools(names, unknown=unknown)
    except UnknownToolError as exc:  # the same message, without the hint for callers
        raise UnknownToolError("tools", exc.tools, exc.known, model=exc.model) from None


def read_portfolio(
    path: Source | Table,
    *,
    model: ScoringModel | None = None,
    unknown: UnknownTools | str = UnknownTools.ERROR,
    delimiter: str | None = None,
    encoding: str = "utf-8",
    locale: str = "en",
) -> Portfolio:
    """Read a portfolio from a CSV file with one row per client product.

    The file is read with ``delimiter``, in ``encoding``, and its ``mrr`` numbers
    and ``currency`` names as ``locale`` writes them (see ``docs/files.md``).

    Required columns: ``client``, ``company``, ``hub``, ``edition``, ``mrr``,
    ``currency``, ``relationship``. Optional: ``contact_tier``, ``email_tier``,
    ``renewal_date``, ``renewal_owner``, ``renewal_manager``, ``renewal_edition``
    (the edition the product renews at), ``market`` (the country the client is in:
    an ISO 3166 code, or a country's name as ``locale`` writes it) and ``tools``
    (the tools the client used, separated by ``;``, read as ``model`` reads tool
    names: any case, spaces, hyphens or underscores, or an alias; a tool it does not
    know is a problem of the row unless ``unknown="report"`` keeps it, to be listed
    as unscored). Columns that describe the client (all but ``hub``, ``edition``,
    ``mrr`` and ``renewal_edition``) must agree on all its rows.

    Every row fills the required columns. A blank ``contact_tier``, ``email_tier`` or
    ``tools`` cell means none, a blank ``market`` that the market is not known, and a
    blank ``renewal_edition`` that the product's renewal edition is not given. A
    renewal is given whole or not at all: with a ``renewal_date``, the
    ``renewal_owner`` and ``renewal_manager`` cells (when the file has those columns;
    without them, both are ``"unassigned"``) are filled; without one, they and
    ``renewal_edition`` are blank.
    Every bad row is reported with its line number and the reason, in one
    :class:`PortfolioFileError`; nothing is dropped.
    """
    table = table_of(path, delimiter, encoding, locale)
    chosen = _chosen_model(model)
    member(UnknownTools, unknown, field="unknown")
    columns = Columns(_REQUIRED, numbers=("mrr",), currencies=("currency",))
    rows, problems = table.rows(columns, PortfolioFileError)
    reading = _Reading(chosen.catalogue)
    clients: dict[str, _ClientRows] = {}
    for line, cells in rows:
        client_id = cells["client"]
        found = clients.get(client_id)
        if found is None:
            clients[reading.text(client_id)] = _ClientRows(line, cells, reading)
        else:
            found.add(line, cells, reading)
    records = []
    usages = Shared()
    for client_id, found in clients.items():
        record = found.record(client_id, chosen, unknown, problems, usages, locale)
        if record is not None:
            records.append(record)
    del clients, reading, usages
    if problems:
        ordered: list[RowProblem] = sorted(problems, key=_line)
        table.refuse(PortfolioFileError, ordered)
    return Portfolio(records)


class _Reading:
    """What one read of a portfolio shares between its rows: equal texts, and the
    products (subscriptions, amounts, product lines) read from equal cells, each
    kept once (:class:`~hubpartner._files.Shared`)."""

    def __init__(self, catalogue: Catalogue) -> None:
        self.catalogue = catalogue
        self.texts, self.subscriptions, self.ranked = Shared(), Shared(), Shared()
        self.products, self.renewals, self.amounts = Shared(), Shared(), Shared()

    def text(self, cell: str) -> str:
        """``cell``, or an equal text read before."""
        return self.texts.keep(cell, cell)

    def subscription(self, hub: str, edition: str) -> Subscription:
        """The subscription of a row's ``hub`` and ``edition`` cells."""
        found: Subscription | None = self.subscriptions.get((hub, edition))
        return found or self.subscriptions.keep((hub, edition), Subscription(hub, edition))

    def rank(self, subscription: Subscription) -> None:
        """Refuse a subscription the catalogue does not sell."""
        if self.ranked.get(subscription) is None:
            self.catalogue.rank(subscription)
            self.ranked.keep(subscription, True)

    def product(self, subscription: Subscription, mrr: str, currency: str) -> ProductLine:
        """The product line of a subscription and a row's ``mrr`` and ``currency``."""
        key = (subscription, mrr, currency)
        found: ProductLine | None = self.products.get(key)
        if found is None:
            amount = self.amounts.get(mrr)
            if amount is None:
                amount = self.amounts.keep(mrr, to_decimal(mrr, field="mrr"))
            made = Money(amount, currency)
            found = self.products.keep(key, ProductLine(subscription, made))
        return found

    def renewal_edition(self, current: Subscription, edition: str) -> Subscription:
        """The subscription ``current`` renews at, from a row's ``renewal_edition``."""
        key = (current, edition)
        found: Subscription | None = self.renewals.get(key)
        return found or self.renewals.keep(key, _renewal_edition(self.catalogue, current, edition))


class _ClientRows:
    """One client's rows as they are read: its first row's cells that describe the
    client, and, row by row, its products and the problems of its rows, which are
    reported in the order of the rows once the file is read (see :meth:`record`)."""

    __slots__ = ("first", "first_line", "hubs", "products", "renewing", "said")

    def __init__(self, line: int, cells: dict[str, str], reading: _Reading) -> None:
        self.first_line = line
        # the cells that describe the client (None where the file lacks the column)
        self.first = tuple(
            reading.text(cells[column]) if column in cells else None for column in _PER_CLIENT
        )
        self.products: list[ProductLine] = []
        self.renewing: list[Subscription] | None = None
        # each hub and the line it is first on, one after the other; the problems of
        # the rows, by stage
        self.hubs: list[str | int] = []
        self.said: tuple[list[RowProblem], list[RowProblem], list[RowProblem]] | None = None
        self._product(line, cells, reading)

    def described(self) -> dict[str, str]:
        """The first row's cells that describe the client, by column."""
        return {
            c: cell for c, cell in zip(_PER_CLIENT, self.first, strict=True) if cell is not None
        }

    def _problems(self) -> tuple[list[RowProblem], list[RowProblem], list[RowProblem]]:
        """The problems of the rows: those of cells that differ from the first row's,
        of the renewal, and of the products."""
        if self.said is None:
            self.said = ([], [], [])
        return self.said

    def add(self, line: int, cells: dict[str, str], reading: _Reading) -> None:
        """Read a row after the first: its cells that describe the client must agree
        with the first row's."""
        for column, kept in zip(_PER_CLIENT, self.first, strict=True):
            if cells.get(column, "") != (kept or ""):
                self._problems()[0].append(
                    RowProblem(
                        line,
                        # Translators: {column} is the name of a column of the file, such
                        # as 'company'; {value} and {first} are its cells on two lines.
                        message(
                            "{column} {value} differs from {first} on line {line} "
                            "for client {client}",
                            column=column,
                            value=repr(cells.get(column, "")),
                            first=repr(kept or ""),
                            line=self.first_line,
                            client=repr(cells["client"]),
                        ),
                    )
                )
        self._product(line, cells, reading)

    def _product(self, line: int, cells: dict[str, str], reading: _Reading) -> None:
        """Read a row's product, or note its problem."""
        if not self.first[_RENEWAL_DATE]:
            stray = [c for c in (*_RENEWAL_PEOPLE, "renewal_edition") if cells.get(c)]
            if stray:
                self._problems()[1].append(RowProblem(line, _stray(stray)))
        try:
            subscription = reading.subscription(cells["hub"], cells["edition"])
            hubs = self.hubs
            earlier = hubs[hubs.index(subscription.hub) + 1] if subscription.hub in hubs else None
            if earlier is not None:
                self._problems()[2].append(
                    RowProblem(
                        line,
                        message(
                            "client {client} has hub {hub} on line {line} already; a client "
                            "holds one edition of each hub, so list each hub once",
                            client=repr(cells["client"]),
                            hub=repr(subscription.hub),
                            line=earlier,
                        ),
                    )
                )
                return
            hubs += (subscription.hub, line)
            reading.rank(subscription)
            self.products.append(reading.product(subscription, cells["mrr"], cells["currency"]))
            if cells.get("renewal_edition"):
                renewed = reading.renewal_edition(subscription, cells["renewal_edition"])
                self.renewing = [*(self.renewing or ()), renewed]
        except HubPartnerError as exc:
            self._problems()[2].append(RowProblem(line, exc.message))

    def record(
        self,
        client_id: str,
        model: ScoringModel,
        unknown: UnknownTools | str,
        problems: list[RowProblem],
        usages: Shared,
        locale: str,
    ) -> ClientRecord | None:
        """The client's record, or None, its problems added to ``problems``: those of
        cells that differ from the first row's (then no more), else those of the
        renewal (then no more), else those of its products and of the record."""
        differ, renewal_problems, product_problems = self.said or ([], [], [])
        if differ:
            problems.extend(differ)
            return None
        first = self.described()
        if first.get("renewal_date"):
            renewal_problems = [
                RowProblem(self.first_line, blank_cell(column))
                for column in _RENEWAL_PEOPLE
                if column in first and not first[column]
            ]
        if renewal_problems:
            problems.extend(renewal_problems)
            return None
        problems.extend(product_problems)
        try:
            renewal = None
            if first.get("renewal_date"):
                renewal = Renewal(
                    _iso_date(first["renewal_date"]),
                    first.get("renewal_owner") or "unassigned",
                    first.get("renewal_manager") or "unassigned",
                    [product.subscription for product in self.products],
                    self.renewing or (),
                )
            company = Company(client_id, first["company"])
            tools = first.get("tools", "")
            usage = usages.get(tools) or usages.keep(
                tools, Usage(_tools_cell(tools, model, unknown))
            )
            record = ClientRecord(
                company,
                self.products,
                first["relationship"].lower(),
                usage,
                first.get("contact_tier") or None,
                first.get("email_tier") or None,
                renewal,
                _market_cell(first.get("market", ""), locale),
            )
        except HubPartnerError as exc:
            problems.append(RowProblem(self.first_line, exc.message))
            return None
        return None if product_problems else record


def _stray(columns: list[str]) -> Message:
    """The problem of renewal cells given without a renewal date."""
    # Translators: {columns} names columns of the file, such as
    # 'renewal_owner'; renewal_date is a column too.
    return plural(
        "{columns} is given without a renewal_date; a renewal is given "
        "whole (its date, owner and manager) or not at all",
        "{columns} are given without a renewal_date; a renewal is given "
        "whole (its date, owner and manager) or not at all",
        count=len(columns),
        columns=", ".join(columns),
    )


_RENEWAL_PEOPLE = ("renewal_owner", "renewal_manager")
#: Where the renewal date stands among the cells that describe a client.
_RENEWAL_DATE = _PER_CLIENT.index("renewal_date")


def _renewal_edition(catalogue: Catalogue, current: Subscription, edition: str) -> Subscription:
    renewed = Subscription(current.hub, edition)
    try:
        catalogue.rank(renewed)
    except InvalidValueError as exc:
        raise InvalidValueError("renewal_edition", edition, exc.expected) from None
    return renewed


def _market_cell(text: str, locale: str) -> str | None:
    """The market of a ``market`` cell, a code or a country's name as ``locale``
    writes it; None for a blank cell (the market is not known)."""
    return market_code(text, field="market", locale=locale) if text else None


def _line(problem: RowProblem) -> int:
    return problem.line


def _iso_date(text: str) -> date:
    return date_cell(text, field="renewal_date")


def _portfolio(value: Any) -> Portfolio:
    return instance(value, Portfolio, field="portfolio", expected=message("a Portfolio"))
