"""Managed relationships from a file: ``managed.read_events`` reads each client's
events from CSV, row by row, as the other CSV loaders read theirs."""

import csv
import io
from datetime import date, timedelta
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import managed
from hubpartner.engagement import Action
from hubpartner.errors import DataFileError, EventsFileError, InvalidValueError
from hubpartner.managed import Condition, Event, EventKind, managed_credit_status, read_events

EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"
HEADER = "date,client,kind,user,tool,action\n"


def read(text, **options):
    return read_events(io.StringIO(text), **options)


def problems(text, **options):
    with pytest.raises(EventsFileError) as caught:
        read(text, **options)
    return [(p.line, p.message) for p in caught.value.problems]


# -- what a file holds ------------------------------------------------------------------------


def test_each_clients_events_in_file_order_the_clients_sorted():
    found = read(
        HEADER + "2025-01-08,c2,activity,kim,blog,publish\n"
        "2025-01-06,c1,employee-added,kim,,\n"
        "2025-01-06,c2,employee-added,kim,,\n"
        "2025-01-05,c1,end-services,,,\n"
    )
    assert list(found) == ["c1", "c2"]
    assert found["c1"] == (
        Event(date(2025, 1, 6), "employee-added", user="kim"),
        Event(date(2025, 1, 5), "end-services"),
    )
    assert found["c2"] == (
        Event(date(2025, 1, 8), "activity", user="kim", tool="blog", action="publish"),
        Event(date(2025, 1, 6), "employee-added", user="kim"),
    )


def test_the_result_is_immutable_and_an_empty_file_holds_no_client():
    found = read(HEADER + "2025-01-06,c1,employee-added,kim,,\n")
    with pytest.raises(TypeError):
        found["c2"] = ()  # type: ignore[index]
    assert isinstance(found["c1"], tuple)
    assert dict(read(HEADER)) == {}


@pytest.mark.parametrize("kind", list(EventKind))
def test_every_kind_is_read_by_its_value_in_any_case(kind):
    cells = ",kim,blog,publish" if kind is EventKind.ACTIVITY else ",kim,,"
    for written in (kind.value, kind.value.upper(), kind.value.title()):
        (event,) = read(HEADER + f"2025-01-06,c1,{written}{cells}\n")["c1"]
        assert event.kind is kind


def test_an_action_is_read_in_any_case_and_a_tool_as_users_write_it():
    (event,) = read(HEADER + "2025-01-06,c1,activity,kim,Landing  Pages,EDIT\n")["c1"]
    assert (event.tool, event.action) == ("landing-pages", Action.EDIT)


def test_optional_columns_may_be_left_out_and_a_blank_cell_is_not_given():
    found = read("date,client,kind\n2025-01-06,c1,end-services\n")
    assert found["c1"] == (Event(date(2025, 1, 6), "end-services"),)
    (event,) = read(HEADER + "2025-01-06,c1,all-employees-removed,,,\n")["c1"]
    assert (event.user, event.tool, event.action) == (None, None, None)


def test_cells_are_read_without_spaces_around_them():
    (event,) = read(HEADER + " 2025-01-06 , c1 , employee-added , kim ,,\n")["c1"]
    assert event == Event(date(2025, 1, 6), "employee-added", user="kim")


# -- refusals, each by line and column ------------------------------------------------------


def test_a_missing_required_column_is_refused_as_a_whole():
    with pytest.raises(EventsFileError) as caught:
        read("date,client,user\n2025-01-06,c1,kim\n")
    assert "'kind'" in str(caught.value)
    assert isinstance(caught.value, DataFileError)
    assert isinstance(caught.value, ValueError)


@pytest.mark.parametrize("column", ["date", "client", "kind"])
def test_a_blank_required_cell_is_refused_by_line(column):
    row = {"date": "2025-01-06", "client": "c1", "kind": "end-services"}
    row[column] = ""
    text = "date,client,kind\n2025-01-06,c1,end-services\n" + ",".join(row.values()) + "\n"
    [(line, said)] = problems(text)
    assert line == 3
    assert said.startswith(f"{column!r} is blank")


def test_a_client_id_is_held_to_the_ledgers_bound_and_refused_by_line():
    from hubpartner._checks import MAX_TEXT_LENGTH
    from hubpartner.ledger import read_ledger

    longest, too_long = "c" * MAX_TEXT_LENGTH, "c" * 50_000
    assert list(read(HEADER + f"2025-01-06,{longest},end-services,,,\n")) == [longest]
    found = problems(
        HEADER
        + f"2025-01-06,{too_long},end-services,,,\n"
        + "2025-01-06,c1,end-services,,,\n"
        + f"2025-01-07,{too_long},end-services,,,\n"
    )
    assert [line for line, _ in found] == [2, 4]
    with pytest.raises(DataFileError) as ledger:
        read_ledger(io.StringIO(f"date,client,track,points\n2025-01-06,{too_long},sourced,5\n"))
    # the same words as the ledger's, the id shortened
    assert found[0][1] == ledger.value.problems[0].message
    assert found[0][1].startswith("client: 'ccc")
    assert "at most 10,000 characters" in found[0][1]
    assert len(found[0][1]) < 400


def test_a_bad_date_names_the_date_column_and_the_accepted_form():
    [(line, said)] = problems(HEADER + "06/01/2025,c1,end-services,,,\n")
    assert line == 2
    assert said == (
        "date: '06/01/2025' is not accepted; expected a date written YYYY-MM-DD, such as "
        "2025-03-15"
    )


def test_an_unknown_kind_names_the_kind_column_and_lists_the_kinds():
    [(line, said)] = problems(HEADER + "2025-01-06,c1,end-service,,,\n")
    assert line == 2
    assert said.startswith("kind: 'end-service' is not accepted")
    assert "'end-services'" in said


def test_an_unknown_action_names_the_action_column():
    [(line, said)] = problems(HEADER + "2025-01-06,c1,activity,kim,blog,write\n")
    assert line == 2
    assert said.startswith("action: 'write' is not accepted")


def test_a_tool_without_a_letter_or_digit_names_the_tool_column():
    [(line, said)] = problems(HEADER + "2025-01-06,c1,activity,kim,--,edit\n")
    assert line == 2
    assert said.startswith("tool: '--' is not accepted")


@pytest.mark.parametrize("kind", sorted(managed._USER_EVENTS, key=list(EventKind).index))
def test_a_user_event_without_a_user_names_the_user_column(kind):
    [(line, said)] = problems(HEADER + f"2025-01-06,c1,{kind.value},,blog,publish\n")
    assert line == 2
    assert said.startswith("user: ")
    assert f"the user a {kind.value!r} event is about" in said


def test_an_event_reads_its_tool_as_users_write_it_and_refuses_one_that_names_none():
    # as engagement.Activity reads a tool: a tool never refused later, by a replay
    assert Event(
        date(2025, 1, 6), "activity", user="k", tool="Landing pages", action="edit"
    ).tool == ("landing-pages")
    with pytest.raises(InvalidValueError) as caught:
        Event(date(2025, 1, 6), "activity", user="k", tool=" - ", action="edit")
    assert (caught.value.field, caught.value.value) == ("tool", " - ")


def test_an_activity_names_the_column_it_lacks():
    found = problems(
        HEADER + "2025-01-06,c1,activity,kim,,edit\n"
        "2025-01-06,c1,activity,kim,blog,\n"
        "2025-01-06,c1,activity,kim,,\n"
    )
    assert [(line, said.split(":")[0]) for line, said in found] == [
        (2, "tool"),
        (3, "action"),
        (4, "tool"),
    ]
    assert all("a tool and an action for an activity" in said for _, said in found)


def test_a_file_without_the_user_column_refuses_user_events_by_line():
    assert [line for line, _ in problems("date,client,kind\n2025-01-06,c1,client-assigned\n")] == [
        2
    ]


def test_every_bad_row_is_reported_in_one_error_in_line_order():
    found = problems(
        HEADER + "2025-01-06,c1,employee-added,kim,,\n"
        "2025-13-01,c1,employee-added,kim,,\n"
        "2025-01-06,c1,employee-added,kim\n"
        "2025-01-06,c1,nothing,kim,,\n"
        "2025-01-06,c1,employee-added,kim,,\n"
        "2025-01-07,c2,activity,kim,blog,\n"
    )
    assert [line for line, _ in found] == [3, 4, 5, 6, 7]
    assert found[1][1].startswith("fewer fields than the header has columns")
    assert found[3][1] == "the same event as line 2"


def test_the_same_event_twice_is_a_problem_of_the_second_line_naming_the_first():
    row = "2025-01-08,c1,activity,kim,blog,publish\n"
    found = problems(HEADER + row + "2025-01-08,c2,activity,kim,blog,publish\n" + row + row)
    assert found == [(4, "the same event as line 2"), (5, "the same event as line 2")]


def test_events_that_read_the_same_are_the_same_event():
    # the same kind, tool and action however their case and spacing are written
    found = problems(
        HEADER + "2025-01-08,c1,activity,kim,Landing pages,edit\n"
        "2025-01-08,c1,ACTIVITY,kim,landing_pages,Edit\n"
    )
    assert found == [(3, "the same event as line 2")]


def test_events_that_differ_in_one_cell_are_two_events():
    rows = [
        "2025-01-08,c1,activity,kim,blog,publish",
        "2025-01-09,c1,activity,kim,blog,publish",
        "2025-01-08,c2,activity,kim,blog,publish",
        "2025-01-08,c1,activity,ana,blog,publish",
        "2025-01-08,c1,activity,kim,email,publish",
        "2025-01-08,c1,activity,kim,blog,edit",
    ]
    found = read(HEADER + "\n".join(rows) + "\n")
    assert sum(len(events) for events in found.values()) == len(rows)


def test_a_duplicate_is_never_counted_twice():
    # read alone, the row is one event; a second copy is refused, never counted
    assert len(read(HEADER + "2025-01-08,c1,activity,kim,blog,publish\n")["c1"]) == 1


def test_the_problems_are_said_in_other_languages():
    with pytest.raises(EventsFileError) as caught:
        read(HEADER + "2025-01-06,c1,end-services,,,\n2025-01-06,c1,end-services,,,\n")
    said = caught.value.say("sv")
    assert "händelsefil" in said
    assert "samma händelse som rad 2" in said


# -- the shared machinery: delimiters, byte order mark, encodings, locale ---------------------


GOOD = [
    "2025-01-06,c1,employee-added,Åsa,,",
    "2025-01-08,c1,activity,Åsa,blog,publish",
]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_any_delimiter_is_read_and_found_from_the_header(delimiter):
    text = "\n".join(line.replace(",", delimiter) for line in [HEADER.strip(), *GOOD]) + "\n"
    expected = read(HEADER + "\n".join(GOOD) + "\n")
    assert read(text) == expected
    assert read(text, delimiter=delimiter) == expected


def test_a_byte_order_mark_and_another_encoding_are_read(tmp_path):
    text = HEADER + "\n".join(GOOD) + "\n"
    expected = read(text)
    marked = tmp_path / "marked.csv"
    marked.write_text(text, encoding="utf-8-sig")
    assert read_events(marked) == expected
    latin = tmp_path / "latin.csv"
    latin.write_text(text, encoding="cp1252")
    assert read_events(latin, encoding="cp1252") == expected
    with pytest.raises(EventsFileError) as caught:
        read_events(latin)
    assert "is not UTF-8 text" in str(caught.value)


def test_the_locale_is_checked_as_every_loader_checks_it():
    with pytest.raises(InvalidValueError):
        read(HEADER, locale="xx-nowhere")
    assert read(HEADER + GOOD[0] + "\n", locale="sv") == read(HEADER + GOOD[0] + "\n")


def test_a_missing_file_is_refused_naming_it(tmp_path):
    with pytest.raises(EventsFileError) as caught:
        read_events(tmp_path / "missing.csv")
    assert "missing.csv" in str(caught.value)


# -- a round trip --------------------------------------------------------------------------


users = st.sampled_from(["kim", "ana", "Åsa Berg", "ola@partner.example"])
tools = st.sampled_from(["blog", "email", "landing-pages", "knowledge-base", "forms"])
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@st.composite
def events(draw):
    kind = draw(st.sampled_from(list(EventKind)))
    on = draw(days)
    if kind is EventKind.ACTIVITY:
        return Event(
            on, kind, user=draw(users), tool=draw(tools), action=draw(st.sampled_from(Action))
        )
    if kind in managed._USER_EVENTS:
        return Event(on, kind, user=draw(users))
    return Event(on, kind, user=draw(st.none() | users))


timelines = st.dictionaries(
    st.sampled_from(["c-001", "c-002", "client, with a comma", "c\u00e9"]),
    st.lists(events(), min_size=1, max_size=8, unique=True),
    max_size=4,
)


def written(timeline, delimiter=","):
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\n")
    writer.writerow(["date", "client", "kind", "user", "tool", "action"])
    for client, items in timeline.items():
        for event in items:
            writer.writerow(
                [
                    event.on.isoformat(),
                    client,
                    event.kind.value,
                    event.user or "",
                    event.tool or "",
                    "" if event.action is None else event.action.value,
                ]
            )
    return out.getvalue()


@given(timelines, st.sampled_from([",", ";", "\t"]))
def test_events_written_to_csv_read_back_the_same_per_client(timeline, delimiter):
    found = read(written(timeline, delimiter), delimiter=delimiter)
    assert dict(found) == {client: tuple(items) for client, items in timeline.items()}
    assert list(found) == sorted(timeline)


@given(timelines, st.randoms(use_true_random=False))
def test_the_order_of_the_clients_rows_never_changes_what_each_client_holds(timeline, random):
    rows = [(client, event) for client, items in timeline.items() for event in items]
    random.shuffle(rows)
    shuffled: dict[str, list[Event]] = {}
    for client, event in rows:
        shuffled.setdefault(client, []).append(event)
    found = read(written(shuffled))
    assert {client: set(items) for client, items in found.items()} == {
        client: set(items) for client, items in timeline.items()
    }
    assert list(found) == sorted(timeline)


# -- the example file ---------------------------------------------------------------------


EXAMPLE_DAY = date(2025, 8, 1)  # the example portfolio's day


def example_status(client):
    return managed_credit_status(
        read_events(EXAMPLES / "managed-events.csv")[client], as_of=EXAMPLE_DAY
    )


def test_the_example_holds_the_example_portfolios_managed_clients():
    found = read_events(EXAMPLES / "managed-events.csv")
    assert list(found) == ["c-001", "c-002", "c-004", "c-005"]
    for client, items in found.items():
        setup = {e.kind for e in items if e.on.year == 2024}
        assert {
            EventKind.EMPLOYEE_ADDED,
            EventKind.CLIENT_ASSIGNED,
            EventKind.USER_ADDED_TO_CLIENT,
        } <= setup, client
        # set up in 2024: at the end of it only a recent activity may be missing, and
        # each relationship had been active
        end_of_2024 = date(2024, 12, 31)
        status = managed_credit_status(items, as_of=end_of_2024)
        assert set(status.missing) <= {Condition.QUALIFYING_ACTIVITY}, client
        assert managed.active_periods(items, until=end_of_2024), client


def test_the_example_acme_receives_credit_that_lapses_in_september():
    status = example_status("c-001")
    assert status.receiving
    assert status.lapses_on == date(2025, 7, 3) + timedelta(days=60) == date(2025, 9, 1)


def test_the_example_borealis_receives_credit_from_a_late_july_activity():
    status = example_status("c-002")
    assert status.receiving
    assert status.lapses_on == date(2025, 7, 25) + timedelta(days=60) == date(2025, 9, 23)


def test_the_example_evergreen_receives_credit_from_its_activity_of_july_30():
    status = example_status("c-005")
    assert status.receiving
    assert status.lapses_on == date(2025, 7, 30) + timedelta(days=60)


def test_the_example_delta_receives_no_credit_as_a_login_never_qualifies():
    status = example_status("c-004")
    assert not status.receiving
    assert status.missing == (Condition.QUALIFYING_ACTIVITY,)
    (uncounted,) = status.uncounted
    assert (uncounted.event.on, uncounted.event.action) == (date(2025, 7, 21), Action.LOGIN)
    assert not uncounted.qualifying
