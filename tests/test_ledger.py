"""The points ledger: points held over time, expiry, projections and breakdowns."""

import io
from datetime import date
from decimal import Decimal

import attrs
import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money, Track, _files, managed, rules
from hubpartner._checks import member, shift
from hubpartner.errors import (
    HubPartnerError,
    InvalidTypeError,
    InvalidValueError,
    LedgerFileError,
    NoRulesInForceError,
    RowProblem,
)
from hubpartner.ledger import (
    Ledger,
    ManagedMonth,
    PointChange,
    PointsHeld,
    SoldDeal,
    _date_cell,
    managed_months,
    read_ledger,
)
from hubpartner.messages import message

from .helpers import refused

LEDGER = Ledger(
    [
        SoldDeal("c1", date(2024, 9, 10), "sourced", 50),
        SoldDeal("c3", date(2024, 11, 2), "sourced", 120),
        SoldDeal("c6", date(2025, 2, 18), "assisted", 60, growth_market=True),
    ],
    [ManagedMonth("c1", date(2025, 8, 1), "9.35"), ManagedMonth("c5", date(2025, 8, 20), 300)],
)


def test_sold_points_stay_active_for_the_lifetime_then_expire():
    assert LEDGER.active(date(2025, 9, 9)).sourced == 170
    assert LEDGER.active(date(2025, 9, 10)).sourced == 120  # 12 months after 2024-09-10
    (expiry,) = LEDGER.expired(date(2025, 9, 10))
    assert (expiry.deal.client, expiry.on) == ("c1", date(2025, 9, 10))
    six = Ledger(LEDGER.deals, lifetime_months=6)
    assert six.active(date(2025, 3, 10)).sourced == 120  # 2024-09-10 expired that day
    assert six.active(date(2025, 5, 2)).sourced == 0  # 2024-11-02 + 6 months


def test_managed_points_are_active_in_their_month():
    assert LEDGER.active(date(2025, 8, 31)).managed == Decimal("309.35")
    assert LEDGER.active(date(2025, 9, 1)).managed == 0


def test_progress_over_time_by_month_and_a_three_month_projection_of_expiry():
    months = LEDGER.over_time(date(2025, 6, 1), date(2025, 9, 30))
    assert [(d.isoformat(), held.sold) for d, held in months] == [
        ("2025-06-30", 230),
        ("2025-07-31", 230),
        ("2025-08-31", 230),
        ("2025-09-30", 180),
    ]
    assert LEDGER.expiring(date(2025, 8, 15)) == (
        (date(2025, 8, 1), 0),
        (date(2025, 9, 1), 50),
        (date(2025, 10, 1), 0),
    )
    assert LEDGER.expiring(date(2025, 9, 10), months=2) == (
        (date(2025, 9, 1), 0),
        (date(2025, 10, 1), 0),
    )
    assert LEDGER.expiring(date(2025, 10, 1), months=2)[1] == (date(2025, 11, 1), 120)


def test_the_points_breakdown_per_client_filters_by_deal_and_market_type():
    rows = LEDGER.breakdown(date(2025, 8, 31))
    assert [(r.client, r.active_sold, r.active_managed) for r in rows] == [
        ("c1", 50, Decimal("9.35")),
        ("c3", 120, 0),
        ("c5", 0, 300),
        ("c6", 60, 0),
    ]
    assert [r.client for r in LEDGER.breakdown(date(2025, 8, 31), growth_market=True)] == ["c6"]
    assert [r.client for r in LEDGER.breakdown(date(2025, 8, 31), track=Track.MANAGED)] == [
        "c1",
        "c5",
    ]
    assert [r.client for r in LEDGER.breakdown(date(2025, 8, 31), track=Track.SOURCED)] == [
        "c1",
        "c3",
    ]


def test_deals_can_be_priced_from_mrr_under_the_rules_of_their_day():
    deal = SoldDeal.from_mrr(
        "c9", date(2025, 8, 1), Money("1000", "USD"), track=Track.SOURCED, market="IN"
    )
    assert (deal.points, deal.growth_market) == (100, True)
    with pytest.raises(InvalidValueError):
        SoldDeal("c9", date(2025, 8, 1), "managed", 10)


deals = st.lists(
    st.builds(
        SoldDeal,
        st.sampled_from(["a", "b"]),
        st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 1, 1)),
        st.sampled_from(["sourced", "assisted"]),
        st.integers(0, 500),
    ),
    max_size=20,
)


@given(deals, st.dates(min_value=date(2022, 6, 1), max_value=date(2027, 6, 1)))
def test_active_points_never_exceed_points_earned_and_never_go_negative(found, day):
    ledger = Ledger(found)
    active, earned = ledger.active(day), ledger.earned_by(day)
    assert 0 <= active.sourced <= earned.sourced
    assert 0 <= active.assisted <= earned.assisted
    expired = sum((e.deal.points for e in ledger.expired(day)), Decimal(0))
    assert active.sold + expired == earned.sold


# -- corners and refusals --------------------------------------------------------------


def test_points_held_add_and_refuse_other_types():
    assert PointsHeld(1, 2, 3) + PointsHeld(1, 1, 1) == PointsHeld(2, 3, 4)
    assert PointsHeld().__add__(5) is NotImplemented
    assert PointsHeld(1, 2, 3).sold_for_minimum(frozenset({Track.ASSISTED})) == 2


def test_ledger_files(tmp_path):
    from hubpartner.tiers import LedgerFileError, read_history, read_ledger

    ledger = tmp_path / "ledger.csv"
    ledger.write_text("date,client,track,points,growth\n2025-01-01,c1,sourced,5,perhaps\n")
    with pytest.raises(LedgerFileError, match="yes or no"):
        read_ledger(ledger)
    ledger.write_text("date,client,track\n")
    with pytest.raises(LedgerFileError, match="no column 'points'"):
        read_ledger(ledger)
    with pytest.raises(LedgerFileError, match=": not found"):
        read_ledger(tmp_path / "missing.csv")
    latin = tmp_path / "latin.csv"
    latin.write_bytes("date,client,track,points\n2025-01-01,S\xe5,sourced,5\n".encode("latin-1"))
    with pytest.raises(LedgerFileError, match="not UTF-8"):
        read_ledger(latin)
    history = tmp_path / "history.csv"
    history.write_text("month,sourced,assisted,managed,certified\n2025-01,1,0,0,yes,extra\n")
    with pytest.raises(LedgerFileError, match="more fields"):
        read_history(history)
    # blank cells were read as 0 points; they are refused now, by line and column
    blanks = tmp_path / "blanks.csv"
    blanks.write_text("month,sourced,assisted,managed,certified\n2025-01,,,,no\n")
    with pytest.raises(LedgerFileError) as caught:
        read_history(blanks)
    assert [(p.line, p.message.split(" ")[0]) for p in caught.value.problems] == [
        (2, "'sourced'"),
        (2, "'assisted'"),
        (2, "'managed'"),
    ]


# -- lifetimes and managed months as rule data ---------------------------------------------


def test_sold_points_expire_by_the_rules_in_force_on_their_day():
    deal = SoldDeal("c1", date(2024, 3, 31), Track.SOURCED, 50)
    lifetime = rules.for_date(deal.on).sold_points_lifetime_months
    assert Ledger([deal]).expires(deal) == deal.on + relativedelta(months=lifetime)
    assert Ledger([deal]).expires(deal) == date(2025, 3, 31)
    assert Ledger([deal], lifetime_months=6).expires(deal) == date(2024, 9, 30)


def test_a_deal_before_any_rules_needs_a_lifetime_or_rules_of_yours(tmp_path):
    old = SoldDeal("c1", date(2021, 10, 1), Track.SOURCED, 30)
    with pytest.raises(NoRulesInForceError):
        Ledger([old])
    assert Ledger([old], lifetime_months=12).active(date(2022, 9, 30)).sourced == 30
    mine = attrs.evolve(rules.for_date(date(2025, 8, 1)), sold_points_lifetime_months=3)
    ledger = Ledger([old], rules_for=lambda _: mine)
    assert ledger.expires(old) == date(2022, 1, 1)
    path = tmp_path / "ledger.csv"
    path.write_text("date,client,track,points\n2021-10-01,c1,sourced,30\n", encoding="utf-8")
    with pytest.raises(LedgerFileError, match="line 2: date: '2021-10-01' is before"):
        read_ledger(path)
    assert read_ledger(path, rules_for=lambda _: mine).expires(old) == date(2022, 1, 1)
    assert read_ledger(path, lifetime_months=12).expires(old) == date(2022, 10, 1)


def test_a_ledger_holds_only_deals_and_managed_months():
    with pytest.raises(InvalidTypeError, match=r"deals\[0\]"):
        Ledger([ManagedMonth("c1", date(2025, 1, 1), 5)])
    with pytest.raises(InvalidTypeError, match="deals"):
        Ledger("c1")
    with pytest.raises(InvalidValueError):
        Ledger(lifetime_months=0)


def test_monthly_managed_credit_becomes_the_ledgers_managed_months():
    events = [
        managed.Event(date(2025, 1, 6), "employee-added", user="kim"),
        managed.Event(date(2025, 1, 6), "client-assigned", user="kim"),
        managed.Event(date(2025, 1, 6), "user-added-to-client", user="kim"),
        managed.Event(date(2025, 1, 8), "activity", user="kim", tool="forms", action="create"),
    ]
    credits = managed.monthly_managed_points(
        events,
        mrr=Money("1000", "USD"),
        market="IN",
        program=rules.for_date(date(2025, 8, 1)),
        start=date(2025, 1, 1),
        end=date(2025, 4, 1),
    )
    months = managed_months("c1", credits, growth_market=True)
    assert [(m.month, m.points, m.growth_market) for m in months] == [
        (date(2025, 1, 1), Decimal(20), True),
        (date(2025, 2, 1), Decimal(20), True),
    ]
    assert Ledger(managed=months).active(date(2025, 2, 14)).managed == 20
    with pytest.raises(InvalidTypeError, match="MonthlyCredit"):
        managed_months("c1", [months[0]])


# -- tier point changes -------------------------------------------------------------------


def test_the_points_each_client_earned_and_lost_between_two_days():
    changes = LEDGER.changes(date(2025, 8, 1), date(2025, 9, 30))
    assert [(c.client, c.track, c.earned, c.expired, c.net) for c in changes] == [
        ("c1", Track.SOURCED, 0, 50, -50),  # sold on 2024-09-10, expired 2025-09-10
        ("c1", Track.MANAGED, Decimal("9.35"), Decimal("9.35"), 0),  # August's credit
        ("c5", Track.MANAGED, 300, 300, 0),
    ]
    # both days are included: a deal of the first day is earned in the range
    (first,) = LEDGER.changes(date(2025, 2, 18), date(2025, 2, 18))
    assert (first.client, first.track, first.earned, first.expired) == (
        "c6",
        Track.ASSISTED,
        60,
        0,
    )
    assert LEDGER.changes(date(2025, 3, 1), date(2025, 7, 31)) == ()
    with pytest.raises(InvalidValueError, match="on or after start"):
        LEDGER.changes(date(2025, 3, 1), date(2025, 2, 1))


managed_entries = st.lists(
    st.builds(
        ManagedMonth,
        st.sampled_from(["a", "b", "c"]),
        st.dates(min_value=date(2023, 1, 1), max_value=date(2026, 1, 1)),
        st.integers(0, 500),
    ),
    max_size=10,
    unique_by=lambda entry: (entry.client, entry.month),
)
days_between = st.dates(min_value=date(2022, 12, 1), max_value=date(2027, 6, 1))


@given(deals, managed_entries, days_between, days_between)
def test_what_was_earned_less_what_expired_is_how_the_points_held_moved(found, months, one, other):
    start, end = min(one, other), max(one, other)
    ledger = Ledger(found, months)
    changes = ledger.changes(start, end)
    before, after = ledger.active(start - relativedelta(days=1)), ledger.active(end)
    for track, held in (
        (Track.SOURCED, "sourced"),
        (Track.ASSISTED, "assisted"),
        (Track.MANAGED, "managed"),
    ):
        moved = sum((c.net for c in changes if c.track is track), Decimal(0))
        assert moved == getattr(after, held) - getattr(before, held)
    assert all(c.earned or c.expired for c in changes)
    # the order the ledger holds its entries in changes nothing
    assert Ledger(found[::-1], months[::-1]).changes(start, end) == changes


def test_a_range_of_points_over_time_that_ends_before_it_starts_is_refused():
    with pytest.raises(InvalidValueError, match="on or after start"):
        LEDGER.over_time(date(2025, 9, 1), date(2025, 6, 1))


def test_a_clients_managed_month_given_twice_is_refused_not_counted_twice(tmp_path):
    twice = [ManagedMonth("c1", date(2025, 8, 1), 10), ManagedMonth("c1", date(2025, 8, 20), 10)]
    with pytest.raises(InvalidValueError, match="one managed month per client") as caught:
        Ledger(managed=twice)
    assert caught.value.field == "managed"
    # two clients in one month are two months of credit
    other = [twice[0], ManagedMonth("c2", date(2025, 8, 1), 10)]
    assert Ledger(managed=other).active(date(2025, 8, 1)).managed == 20
    path = tmp_path / "ledger.csv"
    path.write_text(
        "date,client,track,points\n2025-08-01,c1,managed,10\n2025-08-20,c1,managed,10\n",
        encoding="utf-8",
    )
    with pytest.raises(LedgerFileError) as caught:
        read_ledger(path)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (3, "managed: c1's managed month 2025-08 is already on line 2")
    ]


def test_a_point_change_checks_its_values():
    assert PointChange("c1", "managed", 5, "2.5").net == Decimal("2.5")
    with pytest.raises(InvalidTypeError):
        PointChange("", Track.SOURCED, 5, 0)
    with pytest.raises(InvalidValueError):
        PointChange("c1", "gifted", 5, 0)
    with pytest.raises(InvalidValueError):
        PointChange("c1", Track.SOURCED, -5, 0)


# -- said in every language -------------------------------------------------------------


def test_a_bad_date_in_a_ledger_file_is_refused_in_words_of_its_own(tmp_path):
    ledger = tmp_path / "ledger.csv"
    ledger.write_text(
        "date,client,track,points\n2025-13-01,c1,sourced,5\n15/03/2025,c2,sourced,5\n"
    )
    with pytest.raises(LedgerFileError) as caught:
        read_ledger(ledger)
    assert [(p.line, p.message) for p in caught.value.problems] == [
        (
            line,
            f"date: {value!r} is not accepted; expected a date written YYYY-MM-DD, such as "
            "2025-03-15",
        )
        for line, value in ((2, "2025-13-01"), (3, "15/03/2025"))
    ]
    assert "ett datum skrivet YYYY-MM-DD, till exempel 2025-03-15" in caught.value.say("sv")
    assert "una data scritta YYYY-MM-DD, per esempio 2025-03-15" in caught.value.say("it")


def test_the_problems_of_a_ledger_file_are_said_in_swedish_and_italian(tmp_path):
    error = refused(
        read_ledger,
        tmp_path / "ledger.csv",
        "date,client,track,points\n2025-01-01,c1,managed,5\n2025-01-20,c1,managed,6\n"
        "2025-01-01,c2,gifted,5\n",
        LedgerFileError,
    )
    assert error.problems[0].message == "managed: c1's managed month 2025-01 is already on line 2"
    swedish, italian = error.say("sv"), error.say("it")
    assert "managed: c1:s hanterade månad 2025-01 finns redan på rad 2" in swedish
    assert "managed: il mese gestito 2025-01 di c1 è già alla riga 2" in italian
    assert "sourced, assisted eller managed" in swedish
    with pytest.raises(InvalidValueError) as twice:
        Ledger(
            [], [ManagedMonth("c1", date(2025, 1, 1), 1), ManagedMonth("c1", date(2025, 1, 9), 2)]
        )
    assert "en hanterad månad per klient och månad" in twice.value.say("sv")
    assert "un solo mese gestito per cliente e mese" in twice.value.say("it")


# -- reading a ledger as a stream --------------------------------------------------------


def reference_ledger(text, lifetime_months=None):
    """A ledger read the straightforward way: every row in a list first (as
    ``_files.read_rows`` gives them), then each made a value on its own, with the
    checks of each row as ``read_ledger`` states them; the problems sorted by line."""
    required = ("date", "client", "track", "points")
    rows, problems = _files.read_rows(
        io.StringIO(text),
        required=required,
        error=LedgerFileError,
        filled=(*required, "growth"),
        numbers=("points",),
    )
    deals, months, lines = [], [], {}
    for line, cells in rows:
        try:
            on = _date_cell(cells["date"])
            growth = "growth" in cells and _files.yes_no(cells["growth"], field="growth")
            track = member(
                Track,
                cells["track"].lower(),
                field="track",
                expected=message("sourced, assisted or managed"),
            )
            if track is Track.MANAGED:
                entry = ManagedMonth(cells["client"], on, cells["points"], growth)
                earlier = lines.setdefault((entry.client, entry.month), line)
                if earlier != line:
                    problems.append(
                        RowProblem(
                            line,
                            f"managed: {entry.client}'s managed month {entry.month:%Y-%m} "
                            f"is already on line {earlier}",
                        )
                    )
                    continue
                months.append(entry)
            else:
                lifetime = (
                    lifetime_months
                    or rules.rules_in_force(rules.for_date, on).sold_points_lifetime_months
                )
                shift(on, months=lifetime, field="date")
                deals.append(SoldDeal(cells["client"], on, track, cells["points"], growth))
        except HubPartnerError as exc:
            problems.append(RowProblem(line, exc.message))
    if problems:
        return sorted(problems, key=lambda problem: problem.line)
    return Ledger(deals, months, lifetime_months)


def streamed_ledger(text, lifetime_months=None):
    try:
        return read_ledger(io.StringIO(text), lifetime_months=lifetime_months)
    except LedgerFileError as exc:
        return list(exc.problems)


ledger_cells = {
    "date": st.sampled_from(
        ["2024-09-10", "2025-02-18", "2025-02-01", "2022-07-17", "9999-11-30", "2025-13-01", ""]
    ),
    "client": st.sampled_from(["c1", "c2", " c3 ", ""]),
    "track": st.sampled_from(["sourced", "Assisted", "managed", "MANAGED", "sold", ""]),
    "points": st.sampled_from(["50", "0", "12.5", "1,290.50", "-3", "x", "1e999", ""]),
    "growth": st.sampled_from(["yes", "no", "maybe", ""]),
}


@st.composite
def ledger_texts(draw):
    """A ledger CSV with bad rows mixed in (cells that do not read, short rows, a
    managed month twice, days with no rules in force or past the calendar)."""
    header = ["date", "client", "track", "points", *draw(st.sampled_from([[], ["growth"]]))]
    lines = [",".join(header)]
    for _ in range(draw(st.integers(0, 10))):
        row = [draw(ledger_cells[column]) for column in header]
        lines.append(",".join(row if draw(st.integers(0, 9)) else row[:-1]))
    return "\n".join(lines) + "\n"


@given(text=ledger_texts(), lifetime_months=st.sampled_from([None, 12, 1200]))
def test_a_streamed_ledger_is_the_straightforward_readers(text, lifetime_months):
    assert streamed_ledger(text, lifetime_months) == reference_ledger(text, lifetime_months)


def test_a_ledger_read_keeps_equal_cells_once_and_one_expiry_per_day():
    text = (
        "date,client,track,points\n"
        "2024-09-10,c1,sourced,50\n2024-09-10,c1,assisted,50\n"
        "2024-10-05,c1,managed,50\n2024-10-05,c2,managed,50\n"
    )
    ledger = read_ledger(io.StringIO(text))
    first, second = ledger.deals
    assert first.client is second.client
    assert first.on is second.on
    assert first.points is second.points is ledger.managed[0].points
    assert ledger.managed[0].month is ledger.managed[1].month
    assert ledger._expiries == ((date(2024, 9, 10), date(2025, 9, 10)),)


@given(
    days=st.lists(st.dates(date(2022, 7, 18), date(2030, 1, 1)), max_size=8),
    lifetime_months=st.sampled_from([None, 1, 12]),
    on=st.dates(date(2022, 7, 18), date(2031, 1, 1)),
)
def test_expiries_kept_by_day_are_each_deals_own(days, lifetime_months, on):
    deals = [SoldDeal(f"c{i % 3}", day, "sourced", 10) for i, day in enumerate(days)]
    ledger = Ledger(deals, lifetime_months=lifetime_months)

    def ends(deal):  # brute force: the lifetime of the rules in force on the deal's day
        months = lifetime_months or rules.for_date(deal.on).sold_points_lifetime_months
        return deal.on + relativedelta(months=months)

    assert [(e.deal, e.on) for e in ledger.expired(on)] == [
        (d, ends(d)) for d in deals if ends(d) <= on
    ]
    assert ledger.active(on).sourced == sum(
        (d.points for d in deals if d.on <= on < ends(d)), Decimal(0)
    )
    same = Ledger(list(deals), lifetime_months=lifetime_months)
    assert same == ledger
    assert hash(same) == hash(ledger)
