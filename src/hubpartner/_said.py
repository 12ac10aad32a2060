"""Saying the core's messages in a locale: one helper for every ``describe``-style
method, names CLDR gives in each language, and lists joined with "and".

Values carry no locale; the methods that return text for people take one and say
their message through :class:`~hubpartner.present.Presenter`, which shows numbers,
dates and money the locale's way. English (the default) is the message itself, as
the library has always written it (ISO dates, plain decimals).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from decimal import Decimal
from typing import Any, cast

from .messages import Message, Show, Translation, joined, message

__all__ = ["Named", "a_value", "and_list", "plain", "said_in"]


def said_in(text: Message, locale: str) -> str:
    """``text`` said in ``locale`` (a name :func:`~hubpartner.present.resolve_locale`
    reads); in English, ``text`` itself.

        >>> from hubpartner.messages import message
        >>> said_in(message("no tier"), "sv_SE.UTF-8"), said_in(message("no tier"), "en")
        ('ingen nivå', 'no tier')
    """
    from .present import Presenter

    presenter = Presenter.for_locale(locale)
    return text if presenter.language == "en" else presenter.text(text)


class Named(Message):
    """A name CLDR gives in every language — a day of the year, a month: its English
    text, and ``name(language)`` for the others (``language`` a CLDR identifier such as
    ``'sv'``)."""

    _name: Callable[[str], str]

    def __new__(cls, english: str, name: Callable[[str], str]) -> Named:
        made = cast("Named", super().__new__(cls, "{name}", None, name=english))
        object.__setattr__(made, "_name", name)
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return (Named, (str.__str__(self), self._name))

    def say(self, language: Translation | None, show: Show | None = None) -> str:
        """The name in ``language``'s words (English for None)."""
        return str.__str__(self) if language is None else self._name(language.language)


def and_list(parts: Sequence[Message]) -> Message:
    """``parts`` as a list people read: ``'a'``, ``'a and b'``, ``'a, b and c'``.

    >>> and_list([message("sourced"), message("assisted")])
    'sourced and assisted'
    """
    if len(parts) == 1:
        return parts[0]
    # Translators: the last item of a list ({items} holds the others, joined by commas)
    return message("{items} and {last}", items=joined(parts[:-1], ", "), last=parts[-1])


class _Plain(Decimal):
    """A ``Decimal`` written without an exponent, as English messages show numbers."""

    __slots__ = ()

    def __str__(self) -> str:
        return format(self, "f")


def plain(value: Decimal) -> Decimal:
    """``value``, written without an exponent when a message shows it in English
    (``Decimal('1E+2')`` as ``100``); a presenter shows it the locale's way.

    >>> str(plain(Decimal("1E+2"))), str(plain(Decimal("62.50"))), str(plain(Decimal("1E-7")))
    ('100', '62.50', '0.0000001')
    """
    return _Plain(value)


def a_value(kind: type, *, or_none: bool = False) -> Message:
    """What an argument of type ``kind`` accepts, in words: ``'a SoldDeal'``, ``'an
    EliteStatus or None'`` (the type's name stays as code writes it).

    >>> a_value(Decimal), a_value(Exception, or_none=True)
    ('a Decimal', 'an Exception or None')
    """
    name = kind.__name__
    # Translators: {kind} is the name of a Python class, such as SoldDeal
    if name[0] in "AEIOU":
        return (
            message("an {kind} or None", kind=name) if or_none else message("an {kind}", kind=name)
        )
    return message("a {kind} or None", kind=name) if or_none else message("a {kind}", kind=name)
