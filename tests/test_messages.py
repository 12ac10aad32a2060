"""Messages: English as a str, said again in every language, immutable and picklable."""

import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner.errors import InvalidValueError, UnknownLocaleError
from hubpartner.messages import (
    LANGUAGES,
    Message,
    Translation,
    message,
    plural,
    translate,
    translation,
)

from .helpers import unsaid_texts

SWEDISH = Translation(
    "sv",
    {
        "{count} line": ("{count} rad", "{count} rader"),
        "line {line}": "rad {line}",
        "{field}: expected {expected}": "{field}: väntade {expected}",
        "a date": "ett datum",
    },
    lambda n: int(n != 1),
)


def test_a_message_is_its_english_text():
    said = message("line {line}", line=12)
    assert said == "line 12"
    assert isinstance(said, str)
    assert said.template == "line {line}"
    assert said.params == {"line": 12}
    assert said.plural_template is None


def test_a_message_is_said_in_a_language():
    assert message("line {line}", line=12).say(SWEDISH) == "rad 12"
    assert message("line {line}", line=12).say(None) == "line 12"


def test_a_message_inside_a_message_is_translated_with_it():
    said = message("{field}: expected {expected}", field="on", expected=message("a date"))
    assert said == "on: expected a date"
    assert said.say(SWEDISH) == "on: väntade ett datum"


@pytest.mark.parametrize(
    ("count", "english", "swedish"),
    [(0, "0 lines", "0 rader"), (1, "1 line", "1 rad"), (2, "2 lines", "2 rader")],
)
def test_plural_messages_choose_the_form_of_their_count(count, english, swedish):
    said = plural("{count} line", "{count} lines", count=count)
    assert said == english
    assert said.say(SWEDISH) == swedish


def test_a_message_the_catalog_lacks_stays_english():
    assert message("an unknown sentence").say(SWEDISH) == "an unknown sentence"
    assert plural("{count} box", "{count} boxes", count=2).say(SWEDISH) == "2 boxes"
    assert not SWEDISH.has("an unknown sentence")
    assert SWEDISH.has("line {line}")


def test_a_placeholder_without_a_value_stays_as_written():
    assert message("{missing} and {line}", line=1) == "{missing} and 1"


def test_values_that_are_not_text_are_shown_by_the_show_function():
    said = message("{amount} and {name}", amount=Decimal("1234.5"), name="x")
    assert said.say(None, lambda value: f"<{value}>") == "<1234.5> and x"


def test_messages_are_immutable():
    said = message("line {line}", line=1)
    with pytest.raises(AttributeError, match="immutable"):
        said.template = "other"  # type: ignore[misc]


@given(st.integers(min_value=0, max_value=10**6), st.text(max_size=20))
def test_messages_pickle_to_the_same_message(line, name):
    said = plural("{count} line in {name}", "{count} lines in {name}", count=line, name=name)
    back = pickle.loads(pickle.dumps(said))
    assert back == said
    assert (back.template, back.plural_template, back.params) == (
        said.template,
        said.plural_template,
        said.params,
    )


def test_translate_leaves_plain_text_alone():
    assert translate("plain", "sv") == "plain"


def test_english_needs_no_catalog_and_every_language_has_one():
    assert translation("en") is None
    for language in LANGUAGES:
        found = translation(language)
        assert found is not None
        assert found.language == language
        assert repr(found).startswith(f"<Translation {language}: ")


def test_the_catalogs_plural_rules_are_cldrs():
    italian = translation("it")
    japanese = translation("ja")
    assert italian is not None
    assert japanese is not None
    # Italian: one, many (a million), other; Japanese has one form.
    assert [italian._plural_form(n) for n in (1, 2, 0, 1_000_000)] == [0, 2, 2, 1]
    assert {japanese._plural_form(n) for n in (0, 1, 2, 5)} == {0}


def test_an_unknown_language_is_refused_by_name():
    with pytest.raises(UnknownLocaleError, match="'xx'"):
        translation("xx")


def test_an_error_says_itself_in_a_language():
    error = InvalidValueError("on", "x", message("a date"))
    assert isinstance(error.message, Message)
    assert error.say("en") == str(error)
    assert error.say("sv") != str(error)  # the catalogs translate the frame


def test_an_error_made_from_plain_text_keeps_it():
    from hubpartner.errors import HubPartnerError

    error = HubPartnerError("plain {text}")
    assert str(error) == "plain {text}"
    assert error.say("sv") == "plain {text}"


#: Calls the scan reads as sentences that are not: ``where`` of ``reviews._rated`` is
#: the dotted path of a field (``reviews[0].ratings.``), which errors show as a name.
NOT_SENTENCES = {"hubpartner.reviews": ("_rated(",)}


def test_no_module_says_a_plain_text_where_a_sentence_for_people_goes():
    import importlib
    import pkgutil

    import hubpartner

    found = {}
    for module in pkgutil.walk_packages(hubpartner.__path__, "hubpartner."):
        names = importlib.import_module(module.name)
        skipped = NOT_SENTENCES.get(module.name, ())
        unsaid = [
            call for call in unsaid_texts(names) if not call.split(": ", 1)[1].startswith(skipped)
        ]
        if unsaid:
            found[module.name] = unsaid
    assert found == {}
