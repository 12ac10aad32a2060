"""The client portfolio: records, the client table, renewal alerts, end services, CSV."""

import io
from datetime import date, timedelta
from pathlib import Path

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money, _files, rules
from hubpartner._checks import to_decimal
from hubpartner._files import blank_cell
from hubpartner.clients import (
    _PER_CLIENT,
    _REQUIRED,
    ClientRecord,
    ClientRow,
    Company,
    EndedService,
    Note,
    Portfolio,
    PortfolioFileError,
    ProductLine,
    Relationship,
    Renewal,
    RenewalAlert,
    Task,
    _iso_date,
    _renewal_edition,
    _tools_cell,
    add_note,
    add_task,
    client_table,
    end_services,
    read_portfolio,
    renewal_alerts,
)
from hubpartner.engagement import (
    Band,
    ScoringModel,
    Subscription,
    UnknownTools,
    Usage,
    _chosen_model,
    default_model,
)
from hubpartner.errors import (
    CurrencyMismatchError,
    DuplicateIdError,
    HubPartnerError,
    InvalidTypeError,
    InvalidValueError,
    RowProblem,
    UnknownEntryError,
    UnknownMarketError,
    UnknownToolError,
)
from hubpartner.markets import market_code
from hubpartner.messages import message, plural

EXAMPLE = Path(__file__).parent.parent / "docs" / "examples" / "portfolio.csv"
MARKETING_PRO = Subscription("marketing", "professional")


def record(client_id, amount="100", currency="EUR", relationship="both", renewal=None, tools=()):
    return ClientRecord(
        Company(client_id, f"Company {client_id}"),
        [ProductLine(MARKETING_PRO, Money(amount, currency))],
        relationship,
        Usage(tools),
        renewal=renewal,
    )


def test_a_record_totals_its_mrr_and_knows_its_subscriptions():
    client = ClientRecord(
        Company("c1", "Acme"),
        [
            ProductLine(MARKETING_PRO, Money("890", "EUR")),
            ProductLine(Subscription("sales", "starter"), Money("45.50", "EUR")),
        ],
        Relationship.SOLD,
    )
    assert client.mrr == Money("935.50", "EUR")
    assert client.subscriptions == {MARKETING_PRO, Subscription("sales", "starter")}
    assert not client.relationship.managed
    assert ClientRecord(Company("c2", "Empty"), [], "managed").mrr is None


def test_a_client_pays_in_one_currency():
    with pytest.raises(CurrencyMismatchError):
        ClientRecord(
            Company("c1", "Acme"),
            [
                ProductLine(MARKETING_PRO, Money(1, "EUR")),
                ProductLine(MARKETING_PRO, Money(1, "USD")),
            ],
            "sold",
        )


def test_records_refuse_bad_values():
    with pytest.raises(InvalidValueError):
        record("c1", relationship="friends")
    with pytest.raises(InvalidValueError):
        ProductLine(MARKETING_PRO, Money(-1, "EUR"))
    with pytest.raises(InvalidTypeError):
        ProductLine(MARKETING_PRO, 100)
    with pytest.raises(DuplicateIdError):
        Portfolio([record("c1"), record("c1")])
    with pytest.raises(InvalidTypeError):
        Portfolio(["c1"])
    with pytest.raises(InvalidTypeError):
        ClientRecord(Company("c1", "A"), [], "sold", usage={"email"})


def test_engagement_counts_the_products_as_subscriptions():
    client = record("c1", tools={"email", "social"})
    scored = client.engagement()
    marketing = scored.categories[1]
    assert "social" not in marketing.not_included  # marketing professional includes it


# -- tasks and notes ----------------------------------------------------------------------------


def test_tasks_and_notes_attach_to_the_company_record():
    company = Company("c1", "Acme AB", "acme.example")
    task = Task(
        "Offer Sales Hub Starter", date(2025, 8, 1), due=date(2025, 8, 15), category="sales"
    )
    note = Note("Uses forms but no workflows", date(2025, 8, 1), category="automation")
    updated = add_note(add_task(company, task), note)
    assert updated.tasks == (task,)
    assert updated.notes == (note,)
    assert company.tasks == ()
    with pytest.raises(InvalidTypeError):
        add_task(company, "call them")
    with pytest.raises(InvalidTypeError):
        add_note(company, task)
    with pytest.raises(InvalidTypeError):
        Task("", date(2025, 8, 1))


# -- renewal alerts -------------------------------------------------------------------------------


def renewal(on):
    return Renewal(
        on, "partner", "Jo Park", [MARKETING_PRO], [Subscription("marketing", "enterprise")]
    )


def test_alerts_are_the_renewals_in_the_window_soonest_first():
    as_of = date(2025, 8, 1)
    portfolio = Portfolio(
        [
            record("late", renewal=renewal(date(2025, 9, 1))),
            record("past", renewal=renewal(date(2025, 7, 31))),
            record("today", renewal=renewal(as_of)),
            record("edge", renewal=renewal(date(2025, 8, 31))),
            record("none"),
        ]
    )
    alerts = renewal_alerts(portfolio, as_of=as_of, within_days=30)
    assert [(a.client, a.days_left) for a in alerts] == [("today", 0), ("edge", 30)]
    assert alerts[0].communication_owner == "partner"
    assert alerts[0].hubspot_manager == "Jo Park"
    with pytest.raises(InvalidValueError):
        renewal_alerts(portfolio, as_of=as_of, within_days=-1)


@given(
    st.lists(st.integers(-60, 120), max_size=25),
    st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 1, 1)),
    st.integers(0, 90),
)
def test_alerts_are_exactly_the_clients_renewing_in_the_window(offsets, as_of, window):
    portfolio = Portfolio(
        [
            record(f"c{i}", renewal=renewal(as_of + timedelta(days=d)))
            for i, d in enumerate(offsets)
        ]
    )
    alerts = renewal_alerts(portfolio, as_of=as_of, within_days=window)
    expected = {f"c{i}" for i, d in enumerate(offsets) if 0 <= d <= window}
    assert {a.client for a in alerts} == expected
    assert [a.on for a in alerts] == sorted(a.on for a in alerts)


# -- the client table ----------------------------------------------------------------------------


def test_the_table_sorts_by_mrr_and_filters_by_relationship_and_band():
    portfolio = Portfolio(
        [
            record("small", "100", relationship="sold"),
            record("big", "900", relationship="managed", tools={"contacts", "deals", "lists"}),
            record("mid", "500", relationship="both"),
        ]
    )
    assert [r.client for r in client_table(portfolio)] == ["big", "mid", "small"]
    assert [r.client for r in client_table(portfolio, descending=False)] == ["small", "mid", "big"]
    assert [r.client for r in client_table(portfolio, relationship=Relationship.MANAGED)] == [
        "big",
        "mid",
    ]
    assert [r.client for r in client_table(portfolio, band=Band.LOW)] == ["big", "mid", "small"]
    assert client_table(portfolio, band="high") == ()
    assert client_table(portfolio, sort_by="engagement")[0].client == "big"
    assert [r.client for r in client_table(portfolio, sort_by="name")] == [
        "big",
        "mid",
        "small",
    ]
    with pytest.raises(InvalidValueError):
        client_table(portfolio, sort_by="colour")


def test_mrr_in_several_currencies_sorts_by_hubspots_usd_100_amounts():
    portfolio = Portfolio([record("eur", "880", "EUR"), record("gbp", "700", "GBP")])
    with pytest.raises(InvalidValueError, match="rule set"):
        client_table(portfolio)
    # 2025-07-15 rules: EUR 88 and GBP 74 are USD 100: EUR 880 = 1000, GBP 700 = 945.9
    current = rules.for_date(date(2025, 8, 1))
    assert [r.client for r in client_table(portfolio, rules=current)] == ["eur", "gbp"]


def test_the_table_sorts_by_renewal_with_unknown_dates_last():
    portfolio = Portfolio(
        [
            record("none"),
            record("late", renewal=renewal(date(2026, 1, 1))),
            record("soon", renewal=renewal(date(2025, 9, 1))),
        ]
    )
    assert [r.client for r in client_table(portfolio, sort_by="renewal")] == [
        "soon",
        "late",
        "none",
    ]


# -- end services --------------------------------------------------------------------------------


def test_end_services_removes_the_client_and_records_the_end():
    portfolio = Portfolio(
        [record("c1", relationship="managed"), record("c2", relationship="sold")]
    )
    after = end_services(portfolio, "c1", on=date(2025, 8, 1))
    assert [c.id for c in after.clients] == ["c2"]
    (ended,) = after.ended
    assert (ended.client, ended.on, ended.managed_ended) == ("c1", date(2025, 8, 1), True)
    both = end_services(after, "c2", on=date(2025, 8, 2))
    assert both.ended[1].managed_ended is False
    assert portfolio.clients[0].id == "c1"  # unchanged
    with pytest.raises(UnknownEntryError):
        end_services(after, "c1", on=date(2025, 8, 3))


@given(st.lists(st.sampled_from(["sold", "managed", "both"]), min_size=1, max_size=10), st.data())
def test_ending_services_loses_no_other_client(relationships, data):
    portfolio = Portfolio([record(f"c{i}", relationship=r) for i, r in enumerate(relationships)])
    gone = data.draw(st.sampled_from([c.id for c in portfolio.clients]))
    after = end_services(portfolio, gone, on=date(2025, 1, 1))
    assert [c.id for c in after.clients] == [c.id for c in portfolio.clients if c.id != gone]
    assert after.ended[-1].managed_ended is portfolio.client(gone).relationship.managed


# -- loading ---------------------------------------------------------------------------------


def test_read_the_example_portfolio():
    portfolio = read_portfolio(EXAMPLE)
    assert [c.id for c in portfolio.clients] == ["c-001", "c-002", "c-003", "c-004", "c-005"]
    acme = portfolio.client("c-001")
    assert acme.mrr == Money("935", "EUR")
    assert acme.relationship is Relationship.BOTH
    assert acme.renewal.on == date(2025, 9, 1)
    assert acme.renewal.renewal == (Subscription("marketing", "enterprise"),)
    assert "workflows" in acme.usage.tools
    assert portfolio.client("c-004").renewal is None


def write(tmp_path, text):
    path = tmp_path / "portfolio.csv"
    path.write_text(text, encoding="utf-8")
    return path


HEADER = "client,company,hub,edition,mrr,currency,relationship,renewal_date\n"


def refused_rows(path, **options):
    """The problems of a portfolio file that is refused, each as (line, message)."""
    with pytest.raises(PortfolioFileError) as caught:
        read_portfolio(path, **options)
    return [(p.line, p.message) for p in caught.value.problems]


def test_every_bad_row_is_reported_by_line(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "c1,Acme,marketing,professional,890,EUR,both,2025-09-01\n"
        + "c1,Acme Ltd,sales,starter,45,EUR,both,2025-09-01\n"
        + "c2,Beta,marketing,platinum,10,EUR,sold,\n"
        + "c3,Gamma,sales,starter,1.5e,EUR,sold,\n"
        + ",NoId,sales,starter,10,EUR,sold,\n"
        + "c4,Delta,sales,starter,10,EUR,friends,\n"
        + "c5,Epsilon,sales,starter,10,EUR,sold,01/09/2025\n"
        + "c6,Zeta,sales,starter,10,XXY,sold,\n"
        + "c7,Eta,sales,starter,10,EUR,sold,,extra\n"
        + "c1,Acme,service,starter,10,USD,both,2025-09-01\n",
    )
    lines = refused_rows(path)
    assert [line for line, _ in lines] == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert "company 'Acme Ltd' differs from 'Acme' on line 2" in lines[0][1]
    assert "'platinum'" in lines[1][1]
    assert "'1.5e'" in lines[2][1]
    assert lines[3][1].startswith("'client' is blank")
    assert "'friends'" in lines[4][1]
    assert "'01/09/2025'" in lines[5][1]
    assert "'XXY'" in lines[6][1]
    assert "more fields" in lines[7][1]
    assert "currency 'USD' differs from 'EUR' on line 2 for client 'c1'" in lines[8][1]


def test_file_level_problems(tmp_path):
    with pytest.raises(PortfolioFileError, match="no column 'currency'"):
        read_portfolio(write(tmp_path, "client,company,hub,edition,mrr,relationship\n"))
    with pytest.raises(PortfolioFileError, match=": not found"):
        read_portfolio(tmp_path / "missing.csv")
    latin1 = tmp_path / "latin1.csv"
    latin1.write_bytes((HEADER + "c1,S\xe5ab,sales,starter,1,EUR,sold,\n").encode("latin-1"))
    with pytest.raises(PortfolioFileError, match="not UTF-8"):
        read_portfolio(latin1)


def test_clients_without_an_mrr_or_a_renewal_date_come_last_in_either_direction():
    portfolio = Portfolio(
        [
            ClientRecord(Company("none", "No products"), [], "managed"),
            record("paid", "10", renewal=renewal(date(2026, 1, 1))),
            record("soon", "20", renewal=renewal(date(2025, 9, 1))),
        ]
    )
    assert [r.client for r in client_table(portfolio)] == ["soon", "paid", "none"]
    assert [r.client for r in client_table(portfolio, descending=False)] == [
        "paid",
        "soon",
        "none",
    ]
    assert [r.client for r in client_table(portfolio, sort_by="renewal")] == [
        "soon",
        "paid",
        "none",
    ]
    assert [r.client for r in client_table(portfolio, sort_by="renewal", descending=True)] == [
        "paid",
        "soon",
        "none",
    ]
    # names Z to A: "No products", "Company soon", "Company paid"
    assert [r.client for r in client_table(portfolio, sort_by="name", descending=True)] == [
        "none",
        "soon",
        "paid",
    ]
    with pytest.raises(InvalidTypeError):
        ClientRecord(Company("x", "X"), [], "sold", contact_tier=5)


def test_products_are_product_lines():
    with pytest.raises(InvalidTypeError, match="products"):
        ClientRecord(Company("c1", "Acme"), [(MARKETING_PRO, Money("1", "EUR"))], "sold")
    with pytest.raises(InvalidTypeError, match="products"):
        ClientRecord(Company("c1", "Acme"), "marketing", "sold")


# -- tool names in the tools cell -------------------------------------------------------------

TOOLS_HEADER = "client,company,hub,edition,mrr,currency,relationship,tools\n"


def test_the_tools_cell_is_read_as_the_model_reads_tool_names(tmp_path):
    path = write(
        tmp_path,
        TOOLS_HEADER
        + "c1,Acme,marketing,professional,890,EUR,both,Landing pages; CTAs ;Social publishing\n",
    )
    client = read_portfolio(path).client("c1")
    assert client.usage.tools == {"landing-pages", "ctas", "social"}
    assert client.engagement().exact == 2


def test_an_unknown_tool_in_the_tools_cell_is_refused_by_line_or_reported(tmp_path):
    path = write(
        tmp_path,
        TOOLS_HEADER
        + "c1,Acme,marketing,professional,890,EUR,both,contacts;chatbots\n"
        + "c2,Beta,sales,starter,10,EUR,sold,deals\n",
    )
    with pytest.raises(PortfolioFileError) as caught:
        read_portfolio(path)
    (problem,) = caught.value.problems
    assert problem.line == 2
    assert problem.message.startswith("tools: 'chatbots' is not a tool of the scoring model")
    assert "landing-pages" in problem.message
    portfolio = read_portfolio(path, unknown="report")
    assert portfolio.client("c1").usage.tools == {"contacts", "chatbots"}
    with pytest.raises(UnknownToolError):
        client_table(portfolio)
    rows = client_table(portfolio, unknown="report", sort_by="name")
    assert [(row.client, row.unscored) for row in rows] == [("c1", ("chatbots",)), ("c2", ())]
    assert portfolio.client("c1").engagement(unknown="report").unscored == ("chatbots",)


# -- nothing is counted twice -------------------------------------------------------------------


def test_a_product_row_listed_twice_is_refused_naming_the_first_line(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "c1,Acme,marketing,professional,890,EUR,both,\n"
        + "c1,Acme,sales,starter,45,EUR,both,\n"
        + "c1,Acme,Marketing,professional,890,EUR,both,\n"
        + "c1,Acme,marketing,starter,20,EUR,both,\n",
    )
    with pytest.raises(PortfolioFileError) as caught:
        read_portfolio(path)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (
            4,
            "client 'c1' has hub 'marketing' on line 2 already; a client holds one edition "
            "of each hub, so list each hub once",
        ),
        (
            5,
            "client 'c1' has hub 'marketing' on line 2 already; a client holds one edition "
            "of each hub, so list each hub once",
        ),
    ]


HUBS = ["marketing", "sales", "service", "content", "operations"]


@given(
    st.lists(
        st.tuples(st.sampled_from(["c1", "c2", "c3"]), st.sampled_from(HUBS), st.integers(0, 999)),
        min_size=1,
        max_size=12,
        unique_by=lambda row: row[:2],
    ),
    st.randoms(use_true_random=False),
    st.data(),
)
def test_a_clients_mrr_is_the_sum_of_its_rows_in_any_order_and_no_row_counts_twice(
    rows, shuffle, data
):
    import tempfile

    def read(listed):
        text = HEADER + "".join(
            f"{client},Company {client},{hub},starter,{mrr},EUR,sold,\n"
            for client, hub, mrr in listed
        )
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "portfolio.csv"
            path.write_text(text, encoding="utf-8")
            return read_portfolio(path)

    portfolio = read(rows)
    for client in portfolio.clients:
        assert client.mrr.amount == sum(mrr for c, _, mrr in rows if c == client.id)
    shuffled = list(rows)
    shuffle.shuffle(shuffled)
    assert {c.id: c.mrr for c in read(shuffled).clients} == {
        c.id: c.mrr for c in portfolio.clients
    }
    again = data.draw(st.integers(0, len(rows) - 1))
    with pytest.raises(PortfolioFileError, match=f"on line {again + 2} already"):
        read([*rows, rows[again]])


def test_a_record_holds_each_hub_once():
    with pytest.raises(InvalidValueError, match="products") as caught:
        ClientRecord(
            Company("c1", "Acme"),
            [
                ProductLine(MARKETING_PRO, Money("890", "EUR")),
                ProductLine(Subscription("marketing", "starter"), Money("20", "EUR")),
            ],
            "sold",
        )
    assert "marketing" in str(caught.value)
    with pytest.raises(InvalidValueError, match="current"):
        Renewal(date(2025, 9, 1), "partner", "Jo", current=[MARKETING_PRO, MARKETING_PRO])
    with pytest.raises(InvalidValueError, match="renewal"):
        Renewal(
            date(2025, 9, 1),
            "partner",
            "Jo",
            renewal=[MARKETING_PRO, Subscription("marketing", "enterprise")],
        )


# -- relationships ------------------------------------------------------------------------


def test_managed_means_the_partner_manages_it_and_sold_that_it_sold_it():
    portfolio = Portfolio(
        [
            record("s", "300", relationship="sold"),
            record("m", "200", relationship="managed"),
            record("b", "100", relationship="both"),
        ]
    )

    def listed(**options):
        return [row.client for row in client_table(portfolio, **options)]

    assert listed(relationship="managed") == ["m", "b"]
    assert listed(relationship="sold") == ["s", "b"]
    assert listed(relationship="both") == ["b"]
    assert listed(relationship="managed", exact_relationship=True) == ["m"]
    assert listed(relationship="sold", exact_relationship=True) == ["s"]
    assert [(r.value, r.sold, r.managed) for r in Relationship] == [
        ("sold", True, False),
        ("managed", False, True),
        ("both", True, True),
    ]
    with pytest.raises(InvalidTypeError, match="exact_relationship"):
        client_table(portfolio, relationship="sold", exact_relationship="yes")


@given(st.lists(st.sampled_from(list(Relationship)), max_size=12))
def test_the_sold_and_managed_tables_overlap_exactly_in_the_clients_with_both(relationships):
    portfolio = Portfolio([record(f"c{i}", relationship=r) for i, r in enumerate(relationships)])

    def ids(relationship, exact=False):
        table = client_table(portfolio, relationship=relationship, exact_relationship=exact)
        return {row.client for row in table}

    everyone = {client.id for client in portfolio.clients}
    both = ids(Relationship.BOTH)
    assert ids(Relationship.SOLD) | ids(Relationship.MANAGED) == everyone
    assert ids(Relationship.SOLD) & ids(Relationship.MANAGED) == both
    assert ids(Relationship.BOTH, exact=True) == both
    exact = [ids(r, exact=True) for r in Relationship]
    assert sum(len(part) for part in exact) == len(everyone)


# -- every argument is checked ----------------------------------------------------------------

PORTFOLIO = Portfolio([record("c1"), record("c2", "200")])
AUGUST = date(2025, 8, 1)


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: ClientRecord("c9", [], "sold"), InvalidTypeError, "company"),
        (lambda: add_task("c1", Task("Call", AUGUST)), InvalidTypeError, "company"),
        (lambda: add_note(None, Note("Called", AUGUST)), InvalidTypeError, "company"),
        (lambda: renewal_alerts([], as_of=AUGUST, within_days=30), InvalidTypeError, "portfolio"),
        (lambda: end_services("p", "c1", on=AUGUST), InvalidTypeError, "portfolio"),
        (lambda: end_services(PORTFOLIO, 1, on=AUGUST), InvalidTypeError, "client_id"),
        (lambda: PORTFOLIO.client(None), InvalidTypeError, "client_id"),
        (lambda: client_table([record("c1")]), InvalidTypeError, "portfolio"),
        (lambda: client_table(PORTFOLIO, model="default"), InvalidTypeError, "model"),
        (lambda: client_table(PORTFOLIO, rules="2025-07-15"), InvalidTypeError, "rules"),
        (lambda: client_table(PORTFOLIO, descending="yes"), InvalidTypeError, "descending"),
        (lambda: client_table(PORTFOLIO, sort_by=["mrr"]), InvalidTypeError, "sort_by"),
        (lambda: client_table(PORTFOLIO, unknown="skip"), InvalidValueError, "unknown"),
        (lambda: PORTFOLIO.clients[0].engagement("default"), InvalidTypeError, "model"),
        (lambda: read_portfolio(3), InvalidTypeError, "path"),
        (lambda: read_portfolio(EXAMPLE, model="default"), InvalidTypeError, "model"),
        (lambda: read_portfolio(EXAMPLE, unknown="skip"), InvalidValueError, "unknown"),
        (lambda: ProductLine(5, Money(1, "EUR")), InvalidTypeError, "subscription"),
        (lambda: ProductLine("marketing", Money(1, "EUR")), InvalidValueError, "subscription"),
        (lambda: Renewal(AUGUST, "p", "m", current=[5]), InvalidTypeError, "current"),
        (lambda: Renewal(AUGUST, "p", "m", renewal="sales:pro"), InvalidTypeError, "renewal"),
        (lambda: EndedService("c1", "Acme", "2025-08-01", "sold", False), InvalidTypeError, "on"),
        (lambda: EndedService("c1", "Acme", AUGUST, "sold", 0), InvalidTypeError, "managed_ended"),
        (
            lambda: EndedService("c1", "Acme", AUGUST, "lost", False),
            InvalidValueError,
            "relationship",
        ),
        (lambda: RenewalAlert("c1", "Acme", AUGUST, -1, "p", "m"), InvalidValueError, "days_left"),
        (lambda: RenewalAlert("c1", "", AUGUST, 1, "p", "m"), InvalidTypeError, "name"),
        (
            lambda: ClientRow("c1", "Acme", "sales:starter", "sold", None, 0, "low", None),
            InvalidTypeError,
            "products",
        ),
        (
            lambda: ClientRow("c1", "Acme", (), "sold", 100, 0, "low", None),
            InvalidTypeError,
            "mrr",
        ),
        (
            lambda: ClientRow("c1", "Acme", (), "sold", None, 0, "top", None),
            InvalidValueError,
            "band",
        ),
    ],
)
def test_every_argument_is_checked_and_named(call, error, field):
    with pytest.raises(error) as caught:
        call()
    assert caught.value.field == field


def test_hub_edition_text_is_accepted_for_products_and_renewals():
    line = ProductLine("Marketing:Professional", Money("890", "EUR"))
    assert line.subscription == MARKETING_PRO
    renewal = Renewal(AUGUST, "p", "m", current=["marketing:professional"], renewal=[])
    assert renewal.current == (MARKETING_PRO,)


# -- messages speak of the call that was made -----------------------------------------------------


def test_an_unknown_client_is_not_in_the_portfolio_and_the_message_lists_its_clients():
    with pytest.raises(UnknownEntryError) as caught:
        PORTFOLIO.client("c9")
    assert str(caught.value) == "client: 'c9' is not in the portfolio; it has c1, c2"
    with pytest.raises(UnknownEntryError, match="it has none"):
        end_services(Portfolio([]), "c1", on=AUGUST)


def in_two_currencies():
    return ClientRecord(
        Company("c1", "Acme"),
        [
            ProductLine(MARKETING_PRO, Money(1, "EUR")),
            ProductLine(Subscription("sales", "starter"), Money(1, "USD")),
        ],
        "sold",
    )


def test_products_in_two_currencies_speak_of_the_client_not_of_adding():
    with pytest.raises(CurrencyMismatchError) as caught:
        in_two_currencies()
    assert caught.value.field == "products"
    assert str(caught.value) == (
        "products: 'USD' is not accepted; expected every product in EUR: a client pays in "
        "one currency"
    )


def test_file_problems_name_the_column(tmp_path):
    path = write(
        tmp_path,
        "client,company,hub,edition,mrr,currency,relationship,renewal_date,renewal_edition\n"
        "c1,Acme,crm-suite,pro,1,EUR,sold,,\n"
        "c2,Beta,sales,starter,lots,EUR,sold,,\n"
        "c3,Gamma,sales,starter,1,EUR,sold,2025-09-01,gold\n",
    )
    with pytest.raises(PortfolioFileError) as caught:
        read_portfolio(path)
    assert [p.message.split(":")[0] for p in caught.value.problems] == [
        "hub",
        "mrr",
        "renewal_edition",
    ]
    assert "not in the catalogue" in caught.value.problems[0].message
    assert "profile" not in str(caught.value)


# -- in other languages ---------------------------------------------------------------------------


def test_a_refusal_is_said_in_swedish_and_italian():
    with pytest.raises(CurrencyMismatchError) as caught:
        in_two_currencies()
    assert "varje produkt i EUR: en kund betalar i en enda valuta" in caught.value.say("sv")
    assert "ogni prodotto in EUR: un cliente paga in un'unica valuta" in caught.value.say("it")
    with pytest.raises(InvalidValueError) as caught:
        client_table(
            Portfolio([record("c1"), record("c2", currency="USD")]), sort_by="mrr", rules=None
        )
    assert "en regeluppsättning för att jämföra MRR i EUR, USD" in caught.value.say("sv")
    assert "un insieme di regole per confrontare l'MRR in EUR, USD" in caught.value.say("it")


def test_the_problems_of_a_portfolio_file_are_said_in_swedish_and_italian(tmp_path):
    path = write(
        tmp_path,
        "client,company,hub,edition,mrr,currency,relationship,renewal_date\n"
        "c1,Acme,marketing,professional,890,EUR,both,2025-09-01\n"
        "c1,Acme Ltd,sales,starter,45,EUR,both,2025-09-01\n"
        "c2,Beta,marketing,platinum,10,EUR,sold,\n",
    )
    with pytest.raises(PortfolioFileError) as caught:
        read_portfolio(path)
    swedish = caught.value.say("sv")
    assert "company 'Acme Ltd' skiljer sig från 'Acme' på rad 2 för kunden 'c1'" in swedish
    assert "en av free, starter, professional, enterprise för Marketing Hub" in swedish
    italian = caught.value.say("it")
    assert "company 'Acme Ltd' è diverso da 'Acme' alla riga 2 per il cliente 'c1'" in italian


@pytest.mark.parametrize(
    ("columns", "english"),
    [
        ("renewal_owner", "renewal_owner is given without a renewal_date"),
        (
            "renewal_owner,renewal_manager",
            "renewal_owner, renewal_manager are given without a renewal_date",
        ),
    ],
)
def test_cells_given_without_a_renewal_are_counted_in_the_right_plural_form(
    tmp_path, columns, english
):
    stray = ",".join("x" for _ in columns.split(","))
    path = write(
        tmp_path,
        f"client,company,hub,edition,mrr,currency,relationship,{columns}\n"
        f"c1,Acme,sales,starter,1,EUR,sold,{stray}\n",
    )
    with pytest.raises(PortfolioFileError) as caught:
        read_portfolio(path)
    assert english in caught.value.problems[0].message


@pytest.mark.parametrize(
    ("hubs", "english"),
    [
        (["sales"], "sales is listed more than once"),
        (["marketing", "sales"], "marketing, sales are listed more than once"),
    ],
)
def test_hubs_listed_twice_are_counted_in_the_right_plural_form(hubs, english):
    held = [Subscription(hub, edition) for hub in hubs for edition in ("starter", "professional")]
    with pytest.raises(InvalidValueError) as caught:
        Renewal(date(2025, 9, 1), "partner", "Jo", current=held)
    assert english in str(caught.value)


def test_every_sentence_of_the_module_is_a_message():
    from hubpartner import clients

    from .helpers import unsaid_texts

    assert unsaid_texts(clients) == []


# -- reading a portfolio as a stream -----------------------------------------------------
# The reference below is the reader hubpartner had before it streamed, kept whole.


def reference_portfolio(text, model=None, unknown="error"):
    """A portfolio read the straightforward way (as hubpartner read it before it
    streamed): every row in a list first, grouped by client, each client's rows
    checked together; the problems sorted by line, or the portfolio."""
    chosen = _chosen_model(model)
    rows: dict[str, list[tuple[int, dict[str, str]]]] = {}
    lines, problems = _files.read_rows(
        io.StringIO(text),
        required=_REQUIRED,
        error=PortfolioFileError,
        numbers=("mrr",),
        currencies=("currency",),
    )
    for line, cells in lines:
        rows.setdefault(cells["client"], []).append((line, cells))
    clients = []
    for client_id, entries in rows.items():
        record = _client_from_rows(client_id, entries, chosen, unknown, problems)
        if record is not None:
            clients.append(record)
    if problems:
        return sorted(problems, key=lambda problem: problem.line)
    return Portfolio(clients)


def _client_from_rows(
    client_id: str,
    entries: list[tuple[int, dict[str, str]]],
    model: ScoringModel,
    unknown: UnknownTools | str,
    problems: list[RowProblem],
) -> ClientRecord | None:
    catalogue = model.catalogue
    first_line, first = entries[0]
    ok = True
    for line, cells in entries[1:]:
        for column in _PER_CLIENT:
            if cells.get(column, "") != first.get(column, ""):
                problems.append(
                    RowProblem(
                        line,
                        # Translators: {column} is the name of a column of the file, such
                        # as 'company'; {value} and {first} are its cells on two lines.
                        message(
                            "{column} {value} differs from {first} on line {line} "
                            "for client {client}",
                            column=column,
                            value=repr(cells.get(column, "")),
                            first=repr(first.get(column, "")),
                            line=first_line,
                            client=repr(client_id),
                        ),
                    )
                )
                ok = False
    if not ok:
        return None
    renewal_problems = _renewal_problems(first_line, entries)
    if renewal_problems:
        problems.extend(renewal_problems)
        return None
    products, current, renewing = [], [], []
    hub_lines: dict[str, int] = {}
    for line, cells in entries:
        try:
            subscription = Subscription(cells["hub"], cells["edition"])
            if subscription.hub in hub_lines:
                problems.append(
                    RowProblem(
                        line,
                        message(
                            "client {client} has hub {hub} on line {line} already; a client "
                            "holds one edition of each hub, so list each hub once",
                            client=repr(client_id),
                            hub=repr(subscription.hub),
                            line=hub_lines[subscription.hub],
                        ),
                    )
                )
                ok = False
                continue
            hub_lines[subscription.hub] = line
            catalogue.rank(subscription)
            mrr = Money(to_decimal(cells["mrr"], field="mrr"), cells["currency"])
            products.append(ProductLine(subscription, mrr))
            current.append(subscription)
            if cells.get("renewal_edition"):
                renewing.append(
                    _renewal_edition(catalogue, subscription, cells["renewal_edition"])
                )
        except HubPartnerError as exc:
            problems.append(RowProblem(line, exc.message))
            ok = False
    try:
        renewal = None
        if first.get("renewal_date"):
            renewal = Renewal(
                _iso_date(first["renewal_date"]),
                first.get("renewal_owner") or "unassigned",
                first.get("renewal_manager") or "unassigned",
                current,
                renewing,
            )
        record = ClientRecord(
            Company(client_id, first["company"]),
            products,
            first["relationship"].lower(),
            Usage(_tools_cell(first.get("tools", ""), model, unknown)),
            first.get("contact_tier") or None,
            first.get("email_tier") or None,
            renewal,
            market_code(first["market"], field="market", locale="en")
            if first.get("market")
            else None,
        )
    except HubPartnerError as exc:
        problems.append(RowProblem(first_line, exc.message))
        return None
    return record if ok else None


_RENEWAL_PEOPLE = ("renewal_owner", "renewal_manager")


def _renewal_problems(
    first_line: int, entries: list[tuple[int, dict[str, str]]]
) -> list[RowProblem]:
    """The problems of a client's renewal cells: a renewal is given whole (a date,
    and its owner and manager when the file has those columns) or not at all."""
    first = entries[0][1]
    if first.get("renewal_date"):
        return [
            RowProblem(first_line, blank_cell(column))
            for column in _RENEWAL_PEOPLE
            if column in first and not first[column]
        ]
    found = []
    for line, cells in entries:
        stray = [c for c in (*_RENEWAL_PEOPLE, "renewal_edition") if cells.get(c)]
        if stray:
            found.append(
                RowProblem(
                    line,
                    # Translators: {columns} names columns of the file, such as
                    # 'renewal_owner'; renewal_date is a column too.
                    plural(
                        "{columns} is given without a renewal_date; a renewal is given "
                        "whole (its date, owner and manager) or not at all",
                        "{columns} are given without a renewal_date; a renewal is given "
                        "whole (its date, owner and manager) or not at all",
                        count=len(stray),
                        columns=", ".join(stray),
                    ),
                )
            )
    return found


def streamed_portfolio(text, unknown="error"):
    try:
        return read_portfolio(io.StringIO(text), unknown=unknown)
    except PortfolioFileError as exc:
        return list(exc.problems)


portfolio_cells = {
    "client": st.sampled_from(["c1", "c2", "c3"]),
    "company": st.sampled_from(["Acme", "Beta", ""]),
    "hub": st.sampled_from(["marketing", "sales", "Sales", "nohub"]),
    "edition": st.sampled_from(["professional", "starter", "gold"]),
    "mrr": st.sampled_from(["890", "1,290.50", "-5", "x", "0"]),
    "currency": st.sampled_from(["EUR", "usd", "euro", "zzz"]),
    "relationship": st.sampled_from(["sold", "Managed", "both", "neither"]),
    "renewal_date": st.sampled_from(["", "2025-09-01", "2025-02-30"]),
    "renewal_owner": st.sampled_from(["", "partner"]),
    "renewal_manager": st.sampled_from(["", "Jo"]),
    "renewal_edition": st.sampled_from(["", "enterprise", "gold"]),
    "tools": st.sampled_from(["", "workflows;forms", "Landing pages", "telepathy"]),
    "contact_tier": st.sampled_from(["", "10k"]),
    "market": st.sampled_from(["", "SE", "fi", "XX"]),
}


@st.composite
def portfolio_texts(draw):
    """A portfolio CSV with bad rows mixed in: a client's rows that disagree, a hub
    twice, renewals given in part, cells that do not read, short rows."""
    optional = draw(
        st.lists(st.sampled_from(sorted(set(portfolio_cells) - set(_REQUIRED))), unique=True)
    )
    header = [*_REQUIRED, *optional]
    lines = [",".join(header)]
    for _ in range(draw(st.integers(0, 10))):
        row = [draw(portfolio_cells[column]) for column in header]
        lines.append(",".join(row if draw(st.integers(0, 12)) else row[:-1]))
    return "\n".join(lines) + "\n"


@given(text=portfolio_texts(), unknown=st.sampled_from(["error", "report"]))
def test_a_streamed_portfolio_is_the_straightforward_readers(text, unknown):
    assert streamed_portfolio(text, unknown) == reference_portfolio(text, unknown=unknown)


def test_a_portfolio_read_keeps_equal_products_and_usages_once():
    text = (
        "client,company,hub,edition,mrr,currency,relationship,tools\n"
        "c1,Acme,marketing,professional,890,EUR,both,forms\n"
        "c2,Beta,marketing,professional,890,EUR,sold,forms\n"
    )
    first, second = read_portfolio(io.StringIO(text)).clients
    assert first.products[0] is second.products[0]
    assert first.usage is second.usage


TABLE_TOOLS = sorted({tool for c in default_model().categories for tool in c.tools})
TABLE_SUBSCRIPTIONS = [Subscription("marketing", "starter"), Subscription("sales", "enterprise")]


@st.composite
def table_clients(draw):
    count = draw(st.integers(1, 8))
    return Portfolio(
        [
            ClientRecord(
                Company(f"c{i}", draw(st.sampled_from(["Acme", "Borealis", "Cascade"]))),
                products=[
                    ProductLine(s, Money(draw(st.integers(0, 5000)), "EUR"))
                    for s in draw(st.lists(st.sampled_from(TABLE_SUBSCRIPTIONS), unique=True))
                ],
                relationship=draw(st.sampled_from(list(Relationship))),
                usage=Usage(draw(st.frozensets(st.sampled_from([*TABLE_TOOLS, "chatbots"])))),
                renewal=draw(st.none() | st.just(Renewal(date(2025, 9, 1), "partner", "Jo"))),
            )
            for i in range(count)
        ]
    )


@given(table_clients(), st.sampled_from(["mrr", "name", "engagement", "renewal"]))
def test_each_row_of_the_client_table_is_the_row_its_constructor_checks(portfolio, sort_by):
    for row in client_table(portfolio, sort_by=sort_by, unknown="report"):
        client = portfolio.client(row.client)
        scored = client.engagement(unknown="report")
        assert row == ClientRow(
            client.id,
            client.company.name,
            [str(p.subscription) for p in client.products],
            client.relationship,
            client.mrr,
            scored.score,
            scored.band,
            None if client.renewal is None else client.renewal.on,
            scored.unscored,
        )
        assert repr(row) == repr(attrs.evolve(row))


def test_money_zero_still_checks_its_currency():
    assert Money.zero(" eur ") == Money(0, "EUR")
    with pytest.raises(LookupError):
        Money.zero("EURO")


# -- the client's market (issue 15) ----------------------------------------------------------


def test_a_record_knows_its_market_as_an_iso_code_and_keeps_positional_calls():
    company, products = Company("c1", "Acme AB"), [ProductLine(MARKETING_PRO, Money(1, "EUR"))]
    assert ClientRecord(company, products, "both").market is None
    assert ClientRecord(company, products, "both", market="se").market == "SE"
    positional = ClientRecord(company, products, "both", Usage(), "2k", "10x", None, "FI")
    assert (positional.contact_tier, positional.email_tier, positional.market) == (
        "2k",
        "10x",
        "FI",
    )


@pytest.mark.parametrize(
    ("market", "error"),
    [("XX", UnknownMarketError), ("", UnknownMarketError), (46, InvalidTypeError)],
)
def test_a_record_refuses_a_market_that_is_not_a_country(market, error):
    with pytest.raises(error) as caught:
        ClientRecord(Company("c1", "Acme"), [], "sold", market=market)
    assert caught.value.field == "market"


MARKET_HEADER = "client,company,hub,edition,mrr,currency,relationship,market\n"


def test_the_example_portfolio_says_where_each_client_is():
    portfolio = read_portfolio(EXAMPLE)
    assert [(c.id, c.market) for c in portfolio.clients] == [
        ("c-001", "SE"),
        ("c-002", "FI"),
        ("c-003", "GB"),
        ("c-004", "US"),
        ("c-005", "DE"),
    ]


def test_the_market_column_is_optional_and_a_blank_cell_means_not_known(tmp_path):
    without = read_portfolio(write(tmp_path, HEADER + "c1,Acme,sales,starter,1,EUR,sold,\n"))
    assert without.client("c1").market is None
    found = read_portfolio(
        write(
            tmp_path,
            MARKET_HEADER
            + "c1,Acme,sales,starter,1,EUR,sold,se\n"
            + "c1,Acme,marketing,starter,1,EUR,sold,se\n"
            + "c2,Beta,sales,starter,1,EUR,sold,\n",
        )
    )
    assert [(c.id, c.market) for c in found.clients] == [("c1", "SE"), ("c2", None)]


def test_a_market_must_agree_on_all_of_a_clients_rows_and_be_a_country(tmp_path):
    path = write(
        tmp_path,
        MARKET_HEADER
        + "c1,Acme,sales,starter,1,EUR,sold,SE\n"
        + "c1,Acme,marketing,starter,1,EUR,sold,FI\n"
        + "c2,Beta,sales,starter,1,EUR,sold,XX\n"
        + "c3,Gamma,sales,starter,1,EUR,sold,\n"
        + "c3,Gamma,marketing,starter,1,EUR,sold,DE\n",
    )
    lines = refused_rows(path)
    assert [line for line, _ in lines] == [3, 4, 6]
    assert "market 'FI' differs from 'SE' on line 2 for client 'c1'" in lines[0][1]
    assert "market: 'XX'" in lines[1][1]
    assert "market 'DE' differs from '' on line 5 for client 'c3'" in lines[2][1]


def test_a_market_cell_is_read_as_the_files_locale_names_countries(tmp_path):
    path = write(tmp_path, MARKET_HEADER + "c1,Acme,sales,starter,1,EUR,sold,Sverige\n")
    assert read_portfolio(path, locale="sv").client("c1").market == "SE"
