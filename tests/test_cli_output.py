"""The one table renderer and the one JSON encoder every command uses."""

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest

from hubpartner import Money, Track
from hubpartner.cli._output import json_text, table, text


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
