"""The one table renderer and the one JSON encoder every command uses."""

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from hubpartner import Money, Track
from hubpartner.cli._output import escaped, json_text, table, text


def test_json_has_one_form_for_every_value():
    data = {
        "points": Decimal("1E+2"),
        "money": Money("12.50", "EUR"),
        "on": date(2025, 7, 15),
        "track": Track.SOURCED,
        "score": Fraction(100, 7),
        "markets": frozenset({"SE", "NO"}),
        "count": 3,
        "interval": [-31.11, 51.1],
        "nested": {"z": 1.96, "shares": (0.5,)},
    }
    assert json.loads(json_text(data)) == {
        "points": "100",
        "money": {"amount": "12.50", "currency": "EUR"},
        "on": "2025-07-15",
        "track": "sourced",
        "score": "100/7",
        "markets": ["NO", "SE"],
        "count": 3,
        "interval": ["-31.11", "51.1"],
        "nested": {"z": "1.96", "shares": ["0.5"]},
    }


def test_json_refuses_what_it_has_no_form_for():
    with pytest.raises(
        TypeError, match=r"JSON\[.thing.\]: <object object at .*> of type object is not accepted"
    ):
        json_text({"thing": object()})


def test_tables_align_columns_and_keep_notes_after_them():
    lines = table([["a", "10"], ["bbb", "2", "note"]], header=["name", "n"], right={1})
    assert lines == ["  name   n", "  a     10", "  bbb    2  note"]
    assert table([["a", "10"], ["bbb", "2", "note"]], right={1}) == [
        "  a    10",
        "  bbb   2  note",
    ]
    assert table([]) == []


def test_decimals_are_shown_exactly_and_nothing_as_a_dash():
    assert text(Decimal("1E+2")) == "100"
    assert text(Decimal("0.10")) == "0.10"
    assert text(None) == "-"


def test_a_cell_s_control_characters_are_shown_escaped():
    evil = "\x1b[31mRED\x1b[0m Evil\x07"
    lines = table(
        [[evil, "1"], ["line\nbreak\r", "2"], ["abc\u202edef\u2066", "3", "\x9b2J\t"]],
        header=["name", "n"],
    )
    assert lines == [
        "  name                         n",
        "  \\x1b[31mRED\\x1b[0m Evil\\x07  1",
        "  line\\nbreak\\r                2",
        "  abc\\u202edef\\u2066           3  \\x9b2J\\t",
    ]
    assert not any((c.isspace() and c != " ") or not c.isprintable() for c in "".join(lines))


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        ("\x00\x1f\x7f\x85\x9f", "\\x00\\x1f\\x7f\\x85\\x9f"),
        (
            "\u061c\u200e\u200f\u202a\u202d\u2067\u2069",
            "\\u061c\\u200e\\u200f\\u202a\\u202d\\u2067\\u2069",
        ),
        ("\u2028\u2029", "\\u2028\\u2029"),
        ("Malmö \u00e9 \u200d \\x1b 東京", "Malmö \u00e9 \u200d \\x1b 東京"),  # left as they are
    ],
)
def test_escaped_writes_only_control_characters_as_escapes(said, shown):
    assert escaped(said) == shown
