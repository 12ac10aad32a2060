"""The TOML documents' problems: each names its key, a huge or unprintable key
shortened as any value in a message is (never repeated whole)."""

import pytest

from hubpartner import HubPartnerError, engagement
from hubpartner._toml import Problems
from hubpartner.errors import SHOWN_CHARACTERS, RulesFileError, ThresholdsFileError
from hubpartner.errors import as_written as shown_key
from hubpartner.tiers import thresholds_from_toml

HUGE = "k" * 60_000


@pytest.mark.parametrize("key", ["colour", "Marketing Hub", "k" * SHOWN_CHARACTERS, "é"])
def test_a_short_printable_key_is_named_as_written(key):
    assert shown_key(key) == key


@pytest.mark.parametrize("key", [HUGE, "k" * (SHOWN_CHARACTERS + 1)])
def test_a_long_key_is_quoted_and_shortened_in_the_middle(key):
    said = shown_key(key)
    assert said.startswith("'kkk")
    assert said.endswith("kkk'")
    assert "..." in said
    assert len(said) <= SHOWN_CHARACTERS


@pytest.mark.parametrize("key", ["a\nb", "\x00c-1", "tab\there", ""])
def test_a_key_that_is_not_printable_is_quoted_with_its_characters_escaped(key):
    assert shown_key(key) == repr(key)


def test_an_unknown_key_is_named_shortened_within_its_table():
    problems = Problems()
    problems.keys({HUGE: 1, "name": 2}, required=["name"], within="hub")
    [problem] = problems.found
    assert problem.key == f"hub.{shown_key(HUGE)}"
    assert problem.message == "unknown key; expected one of name"
    with pytest.raises(RulesFileError) as caught:
        problems.raise_found("<string>")
    assert len(str(caught.value)) < 2 * SHOWN_CHARACTERS + 100


def test_a_shortened_key_is_put_last_in_file_order():
    problems = Problems()
    data = {HUGE: 1, "name": 2, "x": 3}
    problems.keys(data, required=["name"])
    assert [p.key for p in problems.in_file_order(data)] == ["x", shown_key(HUGE)]


@pytest.mark.parametrize(
    "text",
    [
        f"schema = 1\n{HUGE} = 1\n",
        f"schema = 1\n[gold]\ntotal = 1\n{HUGE} = 2\n",
    ],
)
def test_a_thresholds_file_names_a_huge_key_shortened(text):
    with pytest.raises(ThresholdsFileError) as caught:
        thresholds_from_toml(text)
    assert shown_key(HUGE) in str(caught.value)
    assert len(str(caught.value)) < 4 * SHOWN_CHARACTERS


def test_a_catalogue_names_a_huge_hub_shortened():
    with pytest.raises(HubPartnerError) as caught:
        engagement._catalogue_from({"schema": 1, "hubs": {HUGE: "starter"}}, "<string>")
    assert f"hubs.{shown_key(HUGE)}" in str(caught.value)
    assert len(str(caught.value)) < 4 * SHOWN_CHARACTERS
