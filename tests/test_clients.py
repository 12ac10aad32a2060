"""The client portfolio: records, the client table, renewal alerts, end services, CSV."""

from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money, rules
from hubpartner.clients import (
    ClientRecord,
    Company,
    Note,
    Portfolio,
    PortfolioFileError,
    ProductLine,
    Relationship,
    Renewal,
    Task,
    add_note,
    add_task,
    client_table,
    end_services,
    read_portfolio,
    renewal_alerts,
)
from hubpartner.engagement import Band, Subscription, Usage
from hubpartner.errors import (
    CurrencyMismatchError,
    DuplicateIdError,
    InvalidTypeError,
    InvalidValueError,
    UnknownEntryError,
)

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
        ProductLine("marketing:professional", Money(1, "EUR"))
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
        "big"
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
    with pytest.raises(PortfolioFileError) as caught:
        read_portfolio(path)
    lines = [(p.line, p.message) for p in caught.value.problems]
    assert [line for line, _ in lines] == [3, 4, 5, 6, 7, 8, 9, 10, 11]
    assert "company 'Acme Ltd' differs from 'Acme' on line 2" in lines[0][1]
    assert "'platinum'" in lines[1][1]
    assert "'1.5e'" in lines[2][1]
    assert "no client id" in lines[3][1]
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
