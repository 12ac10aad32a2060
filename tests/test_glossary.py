"""The glossaries: every language's catalog says each term of the partner program the
way that language's ``glossary.md`` says it, and the glossaries ship in the wheel.

A glossary is a markdown table ``English | <language> | forms | source``. Wherever a
message's English text has a term (a whole word, in any case, singular or plural;
``{placeholders}`` are not words of the text), each of its translations must contain
one of the row's ``forms`` (word stems, comma-separated, in any case). A row whose
``forms`` is ``—`` is not checked: its English word has other meanings.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po
from hypothesis import given
from hypothesis import strategies as st

from hubpartner.messages import LANGUAGES

ROOT = Path(__file__).parent.parent
LOCALE = ROOT / "src" / "hubpartner" / "locale"
#: The ``forms`` of a row the test does not check.
UNCHECKED = "—"
PLACEHOLDER = re.compile(r"\{[A-Za-z_][A-Za-z0-9_]*\}")
#: The terms every glossary must have (issue 12).
REQUIRED = (
    "partner",
    "Solutions Partner Program",
    "tier",
    "Gold",
    "Platinum",
    "Diamond",
    "Elite",
    "point",
    "sourced",
    "assisted",
    "managed",
    "sold",
    "MRR",
    "monthly recurring revenue",
    "managed credit",
    "managed points",
    "re-evaluation",
    "review",
    "reviewer",
    "response",
    "Solutions Directory",
    "engagement",
    "Platform Engagement Index",
    "client",
    "customer",
    "portfolio",
    "survey",
    "question",
    "answer",
    "NPS",
    "CES",
    "CSAT",
    "promoter",
    "passive",
    "detractor",
    "score",
    "hub",
    "edition",
    "subscription",
    "renewal",
    "certification",
    "growth market",
    "rate",
    "currency",
    "amount",
    "threshold",
    "ledger",
    "track",
    "activity",
    "month",
    "quarter",
    "file",
    "line",
    "column",
    "row",
    "value",
    "field",
)


class Row:
    """One term of a glossary: its English, its translation and the stems a
    translation that uses it must contain (none: not checked)."""

    def __init__(self, english: str, word: str, forms: tuple[str, ...]) -> None:
        self.english = english
        self.word = word
        self.forms = forms
        *head, last = english.split(" ")
        # The plural of the last word: -ies for a consonant and y, else -s or -es.
        ending = (
            f"{re.escape(last[:-1])}(?:y|ies)"
            if re.search(r"[^aeiou]y$", last)
            else f"{re.escape(last)}(?:s|es)?"
        )
        words = [re.escape(word) for word in head] + [ending]
        self.pattern = re.compile(r"\b" + r"\s+".join(words) + r"\b", re.IGNORECASE)

    def said_in(self, english: str) -> bool:
        """Whether an English message text has this term (its placeholders aside)."""
        return self.pattern.search(PLACEHOLDER.sub(" ", english)) is not None

    def kept_in(self, translated: str) -> bool:
        """Whether a translation has one of this term's forms."""
        folded = translated.casefold()
        return any(form.casefold() in folded for form in self.forms)


def parse(text: str) -> list[Row]:
    """The rows of a glossary's table (the one whose header starts ``| English |``)."""
    rows: list[Row] = []
    in_table = False
    for line in text.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if line.startswith("| English |"):
            in_table = True
            assert len(cells) == 4, line
            continue
        if not in_table or set(line) <= {"|", "-"}:
            continue
        if not line.startswith("|"):
            break
        assert len(cells) == 4, line
        english, word, forms, _source = cells
        assert english, line
        assert word, line
        assert forms, line
        stems = () if forms == UNCHECKED else tuple(f.strip() for f in forms.split(","))
        assert all(stems), line
        rows.append(Row(english, word, stems))
    return rows


@cache
def glossary(language: str) -> tuple[Row, ...]:
    path = LOCALE / language / "glossary.md"
    return tuple(parse(path.read_text(encoding="utf-8")))


@cache
def catalog(language: str) -> Catalog:
    with (LOCALE / language / "LC_MESSAGES" / "hubpartner.po").open("rb") as handle:
        return read_po(handle, locale=language)


def uses(rows: tuple[Row, ...], translated: Catalog) -> Iterator[tuple[Row, str, str]]:
    """Each (row, English, translation) where a translated entry's English has a
    checked term. Untranslated and fuzzy entries are test_catalogs' concern."""
    for entry in translated:
        if not entry.id or entry.fuzzy:
            continue
        english = " ".join(entry.id) if isinstance(entry.id, tuple) else entry.id
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for row in rows:
            if row.forms and row.said_in(english):
                yield from ((row, english, form) for form in forms if form)


def misses(rows: tuple[Row, ...], translated: Catalog) -> list[tuple[str, str, str]]:
    """Each (term, English, translation) where a translation lacks the term's forms."""
    return [
        (row.english, english, form)
        for row, english, form in uses(rows, translated)
        if not row.kept_in(form)
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_has_a_glossary_of_every_term(language):
    terms = [row.english for row in glossary(language)]
    assert sorted(set(REQUIRED) - set(terms)) == []
    assert len(terms) == len(set(terms)), "a term is listed twice"


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_glossary_checks_all_but_the_ambiguous_terms(language):
    unchecked = {row.english for row in glossary(language) if not row.forms}
    assert unchecked == {"rate", "track", "value"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_translation_says_the_terms_as_the_glossary_does(language):
    assert misses(glossary(language), catalog(language)) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_glossary_check_reads_the_catalogs_terms(language):
    # the catalogs' own messages say points, amounts, currencies, answers, reviews,
    # files, months and tools: the check above is not vacuous
    checked = {row.english for row, _english, _form in uses(glossary(language), catalog(language))}
    assert checked >= {"point", "amount", "currency", "answer", "review", "file", "month", "tool"}


def test_a_translation_that_strays_from_the_glossary_is_reported():
    rows = tuple(
        parse(
            "| English | Swedish | forms | source |\n|---|---|---|---|\n"
            "| point | poäng | poäng | seed 001 |\n"
            "| value | värde | — | not checked |\n"
            "| currency | valuta | valut | seed 001 |\n"
        )
    )
    translated = Catalog(locale="sv")
    translated.add("a number of points of 0 or more", "ett antal punkter, 0 eller fler")
    translated.add("{count} point", "{count} poäng")
    translated.add("a value", "en siffra")
    translated.add("the currencies {point}", "valutorna {point}")
    translated.add(("{count} currency", "{count} currencies"), ("{count} mynt", "{count} valutor"))
    translated.add("an untranslated point", "")
    translated.add("a fuzzy point", "en punkt", flags=["fuzzy"])
    assert misses(rows, translated) == [
        ("point", "a number of points of 0 or more", "ett antal punkter, 0 eller fler"),
        ("currency", "{count} currency {count} currencies", "{count} mynt"),
    ]


@pytest.mark.parametrize(
    ("term", "english", "said"),
    [
        ("point", "points file", True),
        ("point", "a POINT", True),
        ("point", "checkpoint", False),
        ("point", "{point} and {points}", False),
        ("currency", "two currencies", True),
        ("currency", "rules.with_currency", False),
        ("survey", "surveys", True),
        ("growth market", "growth markets", True),
        ("growth market", "growth", False),
        ("re-evaluation", "re-evaluations", True),
        ("re-evaluation", "evaluation", False),
        ("hub", "hubpartner", False),
    ],
)
def test_a_term_is_found_as_a_whole_word_in_either_number(term, english, said):
    assert Row(term, "", ("x",)).said_in(english) is said


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=12)


@given(words, words)
def test_a_term_is_found_in_any_case_but_never_inside_a_longer_word(term, before):
    row = Row(term, "", ("x",))
    assert row.said_in(f"a {term.upper()} here")
    assert not row.said_in(f"{before}{term}{before}")


def test_the_wheel_ships_every_glossary(tmp_path):
    from hatchling.builders.wheel import WheelBuilder

    wheel = next(WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"]))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for language in LANGUAGES:
        assert f"hubpartner/locale/{language}/glossary.md" in names
