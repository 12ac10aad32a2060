"""Saying the core's messages in a locale: names CLDR gives, lists, types, decimals."""

import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner._said import Named, a_value, and_list, plain, said_in
from hubpartner.errors import UnknownLocaleError
from hubpartner.messages import message, translate
from hubpartner.present import Presenter
from hubpartner.rules import MonthDay


def test_a_name_is_english_as_text_and_cldr_in_other_languages():
    day = MonthDay(1, 15)
    named = Named(day.name(), day.name)
    assert named == "January 15"
    assert translate(named, "sv") == "15 januari"
    assert translate(named, "ja") == "1月15日"
    # inside a message, and through a pickle
    said = message("downgrades happen only on {days}", days=named)
    assert Presenter.for_locale("it").text(pickle.loads(pickle.dumps(said))).endswith("15 gennaio")


def test_lists_are_joined_with_and_in_every_language():
    one, two, three = message("sourced"), message("assisted"), message("managed")
    assert and_list([one]) == "sourced"
    assert and_list([one, two]) == "sourced and assisted"
    assert and_list([one, two, three]) == "sourced, assisted and managed"
    assert translate(and_list([one, two, three]), "sv") == (
        "partnerinitierad, partnerassisterad och hanterad"
    )
    assert translate(and_list([one, two]), "it") == "generato dal partner e assistito dal partner"


def test_a_value_of_a_type_takes_its_article():
    assert a_value(Decimal) == "a Decimal"
    assert a_value(Decimal, or_none=True) == "a Decimal or None"
    assert a_value(UnknownLocaleError) == "an UnknownLocaleError"
    assert translate(a_value(Decimal), "sv") == "ett värde av typen Decimal"
    assert translate(a_value(Decimal, or_none=True), "it") == "un valore di tipo Decimal o None"


@given(
    st.decimals(allow_nan=False, allow_infinity=False, places=None).filter(
        lambda d: abs(d.adjusted()) < 30
    )
)
def test_plain_keeps_the_value_and_writes_no_exponent(value):
    shown = plain(value)
    assert shown == value
    assert "E" not in str(shown)


def test_english_is_the_message_itself_and_an_unknown_locale_is_refused():
    said = message("no tier")
    assert said_in(said, "en") is said
    assert said_in(said, "C") is said
    assert said_in(said, "nb_NO") == "ingen nivå"
    assert said_in(said, "pt") == said_in(said, "pt_BR") == "sem nível"  # Brazilian
    with pytest.raises(UnknownLocaleError):
        said_in(said, "xx")
