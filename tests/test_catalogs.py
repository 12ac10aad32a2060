"""The translation catalogs: complete, current, with the source's placeholders, and
shipped in the wheel.

The messages are found in the source as Babel's extractor finds them (the calls of
``message`` and ``plural``); the template ``hubpartner.pot`` and every language's
``.po`` must list exactly those, each translated, with every plural form CLDR gives
the language and the same ``{placeholders}`` as the English text.
"""

from __future__ import annotations

import ast
import os
import re
import subprocess
import sys
import zipfile
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from hubpartner.messages import LANGUAGES

ROOT = Path(__file__).parent.parent
PACKAGE = ROOT / "src" / "hubpartner"
LOCALE = PACKAGE / "locale"
#: The keywords of the extraction command in docs/locale.md.
KEYWORDS = {"message": None, "plural": (1, 2)}
PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


@cache
def source_messages() -> dict[str, tuple[str, ...]]:
    """Every message in the source: its English text(s), by msgid."""
    found: dict[str, tuple[str, ...]] = {}
    for _file, _line, text, _comments, _context in extract_from_dir(
        str(PACKAGE), method_map=[("**.py", "python")], keywords=KEYWORDS
    ):
        texts = text if isinstance(text, tuple) else (text,)
        found[texts[0]] = texts
    return found


@cache
def catalog(language: str | None) -> Catalog:
    path = (
        LOCALE / "hubpartner.pot"
        if language is None
        else LOCALE / language / "LC_MESSAGES" / "hubpartner.po"
    )
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def ids(of: Catalog) -> dict[str, tuple[str, ...]]:
    return {
        (entry.id[0] if isinstance(entry.id, tuple) else entry.id): (
            entry.id if isinstance(entry.id, tuple) else (entry.id,)
        )
        for entry in of
        if entry.id
    }


def test_the_source_has_messages():
    assert len(source_messages()) > 10


def test_the_template_lists_exactly_the_messages_of_the_source():
    template = ids(catalog(None))
    assert sorted(set(source_messages()) - set(template)) == [], "run pybabel extract"
    assert sorted(set(template) - set(source_messages())) == [], "run pybabel extract"
    assert template == source_messages()


def test_every_language_has_a_catalog_and_no_other_is_shipped():
    shipped = sorted(path.name for path in LOCALE.iterdir() if path.is_dir())
    assert shipped == sorted(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_of_the_source_is_translated(language):
    translated = catalog(language)
    missing = []
    for msgid, texts in source_messages().items():
        entry = translated.get(msgid)
        if entry is None or entry.fuzzy:
            missing.append(msgid)
            continue
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        if (len(texts) > 1) != isinstance(entry.id, tuple) or not all(forms):
            missing.append(msgid)
    assert missing == [], f"{language}: {len(missing)} untranslated, e.g. {missing[:3]}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_catalog_keeps_a_message_the_source_no_longer_has(language):
    kept = set(ids(catalog(language)))
    assert sorted(kept - set(source_messages())) == [], "run pybabel update"


@pytest.mark.parametrize("language", LANGUAGES)
def test_plural_messages_have_every_form_of_the_language(language):
    translated = catalog(language)
    for entry in translated:
        if isinstance(entry.id, tuple):
            assert len(entry.string) == translated.num_plurals, (language, entry.id[0])


@pytest.mark.parametrize("language", LANGUAGES)
def test_translations_have_the_placeholders_of_the_source(language):
    wrong = []
    for entry in catalog(language):
        if not entry.id:
            continue
        english = entry.id if isinstance(entry.id, tuple) else (entry.id,)
        wanted = set(PLACEHOLDER.findall(english[-1]))
        forms = entry.string if isinstance(entry.string, tuple) else (entry.string,)
        for form in forms:
            if form and set(PLACEHOLDER.findall(form)) != wanted:
                wrong.append((english[0], form))
    assert wrong == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalog_names_its_language_and_its_plural_rule_from_cldr(language):
    from babel.messages.plurals import get_plural

    translated = catalog(language)
    cldr = get_plural(language)
    assert str(translated.locale) == language
    assert (translated.num_plurals, translated.plural_expr) == (cldr.num_plurals, cldr.plural_expr)


def _calls(tree: ast.AST):
    for node in ast.walk(tree):
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in KEYWORDS
        ):
            yield node


def test_every_message_is_written_as_a_literal_the_extractor_can_read():
    for path in PACKAGE.rglob("*.py"):
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            wanted = 2 if call.func.id == "plural" else 1  # type: ignore[attr-defined]
            literal = [
                isinstance(arg, ast.Constant) and isinstance(arg.value, str)
                for arg in call.args[:wanted]
            ]
            assert len(literal) == wanted, f"{path}:{call.lineno}"
            assert all(literal), f"{path}:{call.lineno}"


def test_plural_messages_count_with_count():
    for path in PACKAGE.rglob("*.py"):
        for call in _calls(ast.parse(path.read_text(encoding="utf-8"))):
            if call.func.id == "plural":  # type: ignore[attr-defined]
                assert "count" in {keyword.arg for keyword in call.keywords}, path


def test_an_installed_wheel_speaks_every_language(tmp_path):
    """A wheel built from the project holds every catalog, and a fresh interpreter
    that imports hubpartner from the wheel itself (a zip, first on its path) says a
    message in each language as the source tree does."""
    from hatchling.builders.wheel import WheelBuilder

    from hubpartner.messages import translation

    wheel = next(WheelBuilder(str(ROOT)).build(directory=str(tmp_path), versions=["standard"]))
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
    for language in LANGUAGES:
        assert f"hubpartner/locale/{language}/LC_MESSAGES/hubpartner.po" in names
    code = """
import sys
sys.path.insert(0, sys.argv[1])
import hubpartner
from hubpartner.errors import RowProblem
from hubpartner.messages import LANGUAGES, translation
assert hubpartner.__file__.startswith(sys.argv[1]), hubpartner.__file__
for language in LANGUAGES:
    print(RowProblem(12, "").where.say(translation(language)))
"""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("COVERAGE")}
    done = subprocess.run(
        [sys.executable, "-I", "-c", code, wheel],
        capture_output=True,
        text=True,
        env=environment,
        check=True,
    )
    from hubpartner.errors import RowProblem

    where = RowProblem(12, "").where
    expected = [where.say(translation(language)) for language in LANGUAGES]
    assert done.stdout.splitlines() == expected
    assert str(where) not in expected[:3]  # sv, nb and it do not say "line 12"
