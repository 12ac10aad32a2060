"""Codes found by their names in people's languages (private): the one lookup behind
the country names of :func:`hubpartner.markets.market_code` and the currency names of
:func:`hubpartner.money.currency_code`.

A name is read without regard to case, accents, spaces or the kind of apostrophe
(``'osterreich'`` is ``Österreich``), first among CLDR's names in the language of
the locale given, then among those of every language hubpartner speaks (a name means
one thing whatever its language). Each language's names are read from CLDR once,
when first asked for.
"""

from __future__ import annotations

import functools
import unicodedata
from collections.abc import Callable, Iterable, Mapping

from ._checks import cldr_locale
from .messages import LANGUAGES

#: The longest text looked up as a name; a longer one names nothing.
MAX_NAME_LENGTH = 100

#: How many codes an unknown name suggests at most.
SUGGESTIONS = 3

#: The names of one language: each code of the kind and its CLDR names.
Names = Callable[[str], Mapping[str, Iterable[str]]]


def folded(text: str) -> str:
    """``text`` as names are compared: case folded, accents dropped, apostrophes and
    runs of spaces made one.

        >>> folded("  Côte d\u2019Ivoire "), folded("ÖSTERREICH")
        ("cote d'ivoire", 'osterreich')
    """
    plain = unicodedata.normalize("NFKD", text.casefold().replace("\u2019", "'"))
    return " ".join("".join(c for c in plain if not unicodedata.combining(c)).split())


@functools.cache
def _table(names: Names, locale: str) -> Mapping[str, frozenset[str]]:
    """Each folded name of ``locale``'s language (and each code, as a name of
    itself) and the codes it names."""
    found: dict[str, set[str]] = {}
    for code, said in names(locale).items():
        for name in (code, *said):
            found.setdefault(folded(name), set()).add(code)
    return {name: frozenset(codes) for name, codes in found.items()}


@functools.cache
def _every_language(names: Names) -> Mapping[str, frozenset[str]]:
    """The names of every language hubpartner speaks, merged."""
    found: dict[str, set[str]] = {}
    for language in ("en", *LANGUAGES):
        for name, codes in _table(names, language).items():
            found.setdefault(name, set()).update(codes)
    return {name: frozenset(codes) for name, codes in found.items()}


def find(text: str, *, locale: str, names: Names) -> tuple[str | None, tuple[str, ...]]:
    """The code that ``text`` names in ``locale``'s language or, failing that, in any
    language hubpartner speaks, with no suggestions; or None and the codes of the
    closest names (every code, when the name is given to more than one)."""
    import difflib

    where = str(cldr_locale(locale))
    wanted = folded(text)[:MAX_NAME_LENGTH]
    own, every = _table(names, where), _every_language(names)
    codes = own.get(wanted) or every.get(wanted) or frozenset()
    if len(codes) == 1:
        return next(iter(codes)), ()
    if codes:
        return None, tuple(sorted(codes))
    close = difflib.get_close_matches(wanted, [*own, *every], n=SUGGESTIONS * 2, cutoff=0.6)
    suggested: list[str] = []
    for name in close:
        for code in sorted(own.get(name) or every[name]):
            if code not in suggested:
                suggested.append(code)
    return None, tuple(suggested[:SUGGESTIONS])


def name_of(code: str, *, locale: str, names: Names) -> str:
    """The first CLDR name of ``code`` in ``locale``'s language (the code itself when
    CLDR names it nothing there)."""
    said = list(names(str(cldr_locale(locale))).get(code, ()))
    return said[0] if said else code
