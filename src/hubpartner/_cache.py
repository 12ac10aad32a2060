"""Bounded caches owned by values (private).

A value that derives the same thing again and again from its immutable fields (a rule
set's points per amount of each currency and market, a scoring model's tools included
by a set of subscriptions) keeps what it derived in a plain ``dict`` it owns, keyed by
immutable values, through :func:`remember`; a full cache is emptied before the next
entry goes in, so a working set that fits stays cached, and one that does not costs a
recomputation, never memory. The one cache that is not a value's own is the reading of
written codes (:func:`code_reader`), a ``functools.lru_cache`` of fixed size keyed by
the text written.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Hashable
from typing import TypeVar

V = TypeVar("V")


def remember(cache: dict[Hashable, V], key: Hashable, value: V, *, size: int) -> V:
    """Keep ``value`` under ``key`` in ``cache``, which then holds at most ``size``
    entries (a full one is emptied first), and return ``value``."""
    if len(cache) >= size:
        cache.clear()
    cache[key] = value
    return value


def code_reader(known: Callable[[str], bool], *, size: int) -> Callable[[str], str | None]:
    """A reader of written codes (a currency's, a country's): ``code`` stripped and
    upper-cased if it is ASCII and ``known`` says it is a code, else None, each
    spelling read once and the last ``size`` remembered (a bounded
    ``functools.lru_cache``). A letter outside ASCII is no letter of a code, even one
    that upper-cases to one (the dotless i, U+0131, to ``I``)."""

    @functools.lru_cache(maxsize=size)
    def read(code: str) -> str | None:
        written = code.strip()
        if not written.isascii():
            return None
        normal = written.upper()
        return normal if known(normal) else None

    return read
