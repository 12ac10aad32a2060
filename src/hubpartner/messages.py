"""Messages: what the library says, in English and in every language it speaks.

Every sentence hubpartner writes for people — an error, a reason, a label of the
command line — is a :class:`Message`: a ``str`` holding the English text, which also
keeps the template it was made from and the values filled into it, so that it can be
said again in another language. Values themselves have no language; a message is
translated only when it is shown, by :func:`translate` or a
:class:`~hubpartner.present.Presenter`::

    >>> from hubpartner.messages import message, plural, translate
    >>> found = plural("{count} answer", "{count} answers", count=2)
    >>> found
    '2 answers'
    >>> translate(found, "sv"), translate(found, "it")
    ('2 svar', '2 risposte')
    >>> translate(message("no tier"), "nb")
    'ingen nivå'

The translations are gettext catalogs (``.po`` files) under ``hubpartner/locale/``,
one per language, made and kept up to date with Babel's message tools; the plural
forms of each language come from CLDR. ``docs/locale.md`` says how to add one.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Mapping, Sequence
from types import MappingProxyType
from typing import Any

__all__ = [
    "LANGUAGES",
    "Message",
    "Show",
    "Translation",
    "joined",
    "message",
    "plural",
    "translate",
    "translation",
]

#: The languages the library speaks besides English, by CLDR identifier: the seeds'
#: Swedish, Norwegian Bokmål and Italian, and German, French, Spanish, Brazilian
#: Portuguese, Dutch, Danish, Finnish and Japanese.
LANGUAGES = ("sv", "nb", "it", "de", "fr", "es", "pt_BR", "nl", "da", "fi", "ja")

#: How a value that is not text is shown in a message: a number, a date, money.
Show = Callable[[Any], str]

#: The most digits, and the furthest exponent, of a number a message shows whole;
#: a longer one is shown by its size.
MESSAGE_DIGITS = 60

_PLACEHOLDER = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


class Message(str):
    """A sentence for people: the English text as a ``str``, with the template it was
    made from (``template``, and ``plural_template`` for a count) and the values put
    into it (``params``). A value that is itself a message is translated with it.

    Make one with :func:`message` or :func:`plural`, whose first arguments are the
    English templates that the catalogs translate.
    """

    template: str
    plural_template: str | None
    params: Mapping[str, Any]

    def __new__(
        cls, template: str, plural_template: str | None = None, /, **params: Any
    ) -> Message:
        english = _fill(_choose_english(template, plural_template, params), params, None)
        made = super().__new__(cls, english)
        object.__setattr__(made, "template", template)
        object.__setattr__(made, "plural_template", plural_template)
        object.__setattr__(made, "params", dict(params))
        return made

    def __setattr__(self, name: str, value: Any) -> None:
        raise AttributeError(f"a Message is immutable; {name!r} cannot be set")

    def __reduce__(self) -> tuple[Any, ...]:
        return (_restore, (self.template, self.plural_template, dict(self.params)))

    def say(self, language: Translation | None, show: Show | None = None) -> str:
        """The message in ``language`` (English for None), each value that is not a
        ``str`` shown by ``show`` (a :class:`~hubpartner.present.Presenter` shows
        numbers, dates and money the locale's way) or else by ``str``."""
        if language is None and show is None:
            return str.__str__(self)
        chosen = (
            _choose_english(self.template, self.plural_template, self.params)
            if language is None
            else language.choose(self.template, self.plural_template, _count(self.params))
        )
        return _fill(chosen, self.params, language, show)


def _restore(template: str, plural_template: str | None, params: dict[str, Any]) -> Message:
    return Message(template, plural_template, **params)


def _count(params: Mapping[str, Any]) -> int:
    count = params.get("count", 0)
    return count if isinstance(count, int) and not isinstance(count, bool) else 0


def _choose_english(template: str, plural_template: str | None, params: Mapping[str, Any]) -> str:
    if plural_template is None:
        return template
    return template if _count(params) == 1 else plural_template


def _fill(
    template: str,
    params: Mapping[str, Any],
    language: Translation | None,
    show: Show | None = None,
) -> str:
    def value(found: re.Match[str]) -> str:
        name = found[1]
        if name not in params:
            return found[0]
        given = params[name]
        if isinstance(given, Message):
            return given.say(language, show)
        if show is not None and not isinstance(given, str):
            return show(given)
        if isinstance(given, int) and not isinstance(given, bool):
            if abs(given) < 10**MESSAGE_DIGITS:
                return f"{given:,}"  # English groups digits by threes
            from .errors import shown

            return shown(given)  # an int too long to show whole is told by its size
        return str(given)

    return _PLACEHOLDER.sub(value, template)


def message(template: str, /, **params: Any) -> Message:
    """A message: ``template`` is the English text, with ``{name}`` for each value.

    >>> message("{field}: expected a date", field="on")
    'on: expected a date'
    """
    return Message(template, None, **params)


def joined(parts: Sequence[str], separator: str) -> Message:
    """The ``parts`` (messages or plain text) one after another with ``separator``
    between them, as one message that translates each part.

        >>> joined([message("line {line}", line=2), "x"], "; ")
        'line 2; x'
    """
    template = separator.join(f"{{part{i}}}" for i in range(len(parts)))
    return Message(template, None, **{f"part{i}": part for i, part in enumerate(parts)})


def plural(singular: str, plural_text: str, /, *, count: int, **params: Any) -> Message:
    """A message about ``count`` things: ``singular`` says one, ``plural_text`` the
    others, in English; each language chooses among its own CLDR plural forms.

        >>> plural("{count} line", "{count} lines", count=1)
        '1 line'
    """
    return Message(singular, plural_text, count=count, **params)


class Translation:
    """One language's catalog: each English template's translation and the
    language's plural rule (from CLDR)."""

    def __init__(
        self,
        language: str,
        texts: Mapping[str, str | tuple[str, ...]],
        plural_form: Callable[[int], int],
    ) -> None:
        self.language = language
        self._texts = dict(texts)
        self._plural_form = plural_form

    def __repr__(self) -> str:
        return f"<Translation {self.language}: {len(self._texts)} messages>"

    def choose(self, template: str, plural_template: str | None, count: int) -> str:
        """The translated template for ``count`` (the English one if the catalog
        lacks it; a test keeps every catalog complete)."""
        found = self._texts.get(template)
        if plural_template is None:
            return found if isinstance(found, str) and found else template
        if isinstance(found, tuple) and all(found):
            form = self._plural_form(count)
            return found[min(form, len(found) - 1)]
        return _choose_english(template, plural_template, {"count": count})

    def has(self, template: str) -> bool:
        """Whether the catalog translates ``template``."""
        found = self._texts.get(template)
        return bool(found) and (not isinstance(found, tuple) or all(found))


@functools.cache
def translation(language: str) -> Translation | None:
    """The catalog of ``language`` (one of :data:`LANGUAGES`), read once from the
    package; None for English, which needs none."""
    if language == "en":
        return None
    if language not in LANGUAGES:
        from .errors import UnknownLocaleError

        raise UnknownLocaleError(language, "language")
    from . import _package

    data = _package.read_bytes("locale", language, "LC_MESSAGES", "hubpartner.po")
    texts, rule = read_catalog(data.decode("utf-8"), language)
    return Translation(language, texts, _plural_rule(rule))


#: The escapes a catalog's strings use (those Babel writes and reads).
_PO_ESCAPES = MappingProxyType({"\\": "\\", "t": "\t", "r": "\r", "n": "\n", '"': '"'})
_PO_ESCAPE = re.compile(r"\\([\\trn\"])")


#: A string that a catalog continues on the next line: its closing quote, the line's
#: end and the opening quote of the next line, which go when the lines are joined.
_PO_CONTINUED = '"\n"'
#: An entry of a catalog, its lines joined: the English text, and either the English
#: plural's translations (``msgstr[n]`` lines) or the one translation. A context line
#: above ``msgid`` is passed over, as are obsolete (``#~``) entries and comments.
_PO_ENTRY = (
    r'\nmsgid "(.*)"\n(?:msgid_plural ".*"\n((?:msgstr\[[0-9]+\] ".*"(?:\n|$))+)|msgstr "(.*)")'
)
#: One of the translations of an English plural.
_PO_FORM = r'(msgstr\[[0-9]+\]) "(.*)"'
#: A line of flags and what it says; one that says fuzzy makes the next entry fuzzy.
#: (These patterns are compiled when a catalog is first read, by ``re``'s cache.)
_PO_FLAGS = r"\n#,(.*)"


def read_catalog(text: str, language: str) -> tuple[dict[str, str | tuple[str, ...]], str]:
    r"""The translations of the gettext catalog ``text`` (the ``.po`` form Babel writes)
    by English template, fuzzy and untranslated-header entries left out, and its
    plural expression: what Babel's ``read_po`` finds in it, without loading Babel's
    message tools. The catalogs are read when a run starts, so the work is done by
    string methods and regular expressions rather than line by line in Python: the
    lines that continue a string are joined to it first, then each entry is one match.
    Its lines are as Babel writes them: a keyword or a continuing string at the start
    of each, no space after the closing quote.

        >>> read_catalog(
        ...     'msgid ""\nmsgstr "Plural-Forms: nplurals=2; plural=(n != 1);\\n"\n\n'
        ...     'msgid "no tier"\nmsgstr ""\n"ingen "\n"nivå"\n\n'
        ...     '#, fuzzy\nmsgid "tier"\nmsgstr "nivå"\n',
        ...     "sv",
        ... )
        ({'no tier': 'ingen nivå'}, '(n != 1)')
    """
    joined = "\n" + text.replace(_PO_CONTINUED, "")
    fuzzy = {
        joined.find("\nmsgid ", flags.end())
        for flags in re.finditer(_PO_FLAGS, joined)
        if "fuzzy" in flags[1] and "fuzzy" in {flag.strip() for flag in flags[1].split(",")}
    }
    header: str | None = None
    texts: dict[str, str | tuple[str, ...]] = {}
    plurals: list[tuple[str, str]] = []
    for found in re.finditer(_PO_ENTRY, joined):
        english, forms, said = found.groups()
        if "\\" in english:
            english = _po_unescape(english)
        if not english:
            if header is None and said is not None:
                header = _po_unescape(said)
            continue
        if found.start() in fuzzy:
            continue
        if forms is None:
            texts[english] = _po_unescape(said) if "\\" in said else said
        else:
            plurals.append((english, forms))
    count, expression = _plural_forms(header or "", language)
    for english, forms in plurals:
        said_in = {key: _po_unescape(form) for key, form in re.findall(_PO_FORM, forms)}
        texts[english] = tuple(said_in.get(f"msgstr[{i}]", "") for i in range(count))
    return texts, expression


def _po_unescape(said: str) -> str:
    """The text of a catalog's string (between its quotes), its escapes undone."""
    return _PO_ESCAPE.sub(lambda found: _PO_ESCAPES[found[1]], said)


def _plural_forms(header: str, language: str) -> tuple[int, str]:
    """The number of plural forms and the plural expression a catalog's header gives
    (CLDR's for ``language`` when it gives none)."""
    for line in header.splitlines():
        name, _, value = line.partition(":")
        if name.strip().lower() == "plural-forms":
            params = dict(
                part.strip().partition("=")[::2] for part in value.split(";") if "=" in part
            )
            return int(params.get("nplurals", 2)), params.get("plural", "(n != 1)")
    from babel.messages.plurals import get_plural

    found = get_plural(language)
    return found.num_plurals, found.plural_expr


def _plural_rule(expression: str) -> Callable[[int], int]:
    """The plural form of ``n`` by a gettext plural expression (from CLDR), evaluated
    by Python's gettext, never by ``eval``."""
    import gettext

    return gettext.c2py(expression)


def translate(text: str, language: str) -> str:
    """``text`` in ``language`` (a :data:`LANGUAGES` identifier or ``'en'``): a
    :class:`Message` is translated, any other text is returned as it is."""
    if not isinstance(text, Message):
        return text
    return text.say(translation(language))
