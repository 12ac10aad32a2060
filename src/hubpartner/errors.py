"""Every error hubpartner raises.

All of them derive from :class:`HubPartnerError`, and each also derives from the
built-in exception a caller would naturally catch, so ``except ValueError`` keeps
working for code that does not know this library::

    >>> from hubpartner import Money
    >>> from hubpartner.errors import AmountTypeError, HubPartnerError
    >>> try:
    ...     Money(0.1, "EUR")
    ... except TypeError as exc:
    ...     print(type(exc).__name__, isinstance(exc, HubPartnerError))
    ...     print(exc)
    AmountTypeError True
    amount: 0.1 is a float, which cannot hold money exactly; pass a Decimal, ...

Each error keeps the offending data as attributes (``field``, ``value`` …) so that
callers can act on it without parsing the message.
"""

from __future__ import annotations

import math
import reprlib
from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from .messages import Message, joined, message, plural

if TYPE_CHECKING:
    from ._problems import FileProblem as FileProblem
    from ._problems import IndexProblem as IndexProblem
    from ._problems import Problem as Problem
    from ._problems import RulesProblem as RulesProblem
    from ._row_problem import RowProblem as RowProblem

__all__ = [
    "AlreadyRespondedError",
    "AmountTypeError",
    "CorrectionRefusedError",
    "CurrencyMismatchError",
    "DataFileError",
    "DuplicateIdError",
    "EmptyTallyError",
    "EventsFileError",
    "FileProblem",
    "HubPartnerError",
    "IncompleteHistoryError",
    "InconsistentHistoryError",
    "IndexProblem",
    "InvalidAmountError",
    "InvalidScoreError",
    "InvalidTypeError",
    "InvalidValueError",
    "LedgerFileError",
    "MissingExtraError",
    "MissingPriceError",
    "MissingRateError",
    "MissingScoreError",
    "MixedTimeZonesError",
    "NoRulesInForceError",
    "NotActiveError",
    "NotMoneyError",
    "NotPermittedError",
    "OutOfOrderError",
    "PortfolioFileError",
    "PricesFileError",
    "RecordError",
    "ResponsesFileError",
    "ReviewRefusedError",
    "RowProblem",
    "RulesFileError",
    "RulesProblem",
    "ScoreTypeError",
    "ThresholdsFileError",
    "TooFewAnswersError",
    "UnknownCountryNameError",
    "UnknownCurrencyError",
    "UnknownCurrencyNameError",
    "UnknownEntryError",
    "UnknownLocaleError",
    "UnknownMarketError",
    "UnknownToolError",
]


#: The most characters of a value that a message shows; a longer one is shortened in
#: the middle.
SHOWN_CHARACTERS = 200
#: The most items of a list that a message names; the rest are counted.
SHOWN_ITEMS = 10


class _Shortened(reprlib.Repr):
    """``repr`` for messages: containers, texts and other values cut to a few items or
    :data:`SHOWN_CHARACTERS` characters, and ints too long for ``str`` told by size."""

    def __init__(self) -> None:
        super().__init__()
        self.maxlevel = 3
        self.maxtuple = self.maxlist = self.maxset = self.maxfrozenset = SHOWN_ITEMS
        self.maxdict = SHOWN_ITEMS
        self.maxstring = self.maxlong = self.maxother = SHOWN_CHARACTERS

    def repr_int(self, x: int, level: int) -> str:
        if abs(x) >= 10**SHOWN_CHARACTERS:
            sign = "a negative" if x < 0 else "an"
            digits = int(abs(x).bit_length() * math.log10(2)) + 1
            return f"<{sign} int of about {digits} digits>"
        return super().repr_int(x, level)

    def repr_Fraction(self, x: Any, level: int) -> str:  # noqa: N802 - reprlib's name
        return (
            f"Fraction({self.repr_int(x.numerator, level)}, {self.repr_int(x.denominator, level)})"
        )

    def repr_Decimal(self, x: Any, level: int) -> str:  # noqa: N802 - reprlib's name
        text = _decimal_repr(x)
        if len(text) > self.maxother:  # shortened in the middle, as reprlib does
            head = max(0, (self.maxother - 3) // 2)
            tail = max(0, self.maxother - 3 - head)
            text = text[:head] + self.fillvalue + text[len(text) - tail :]
        return text


def _decimal_repr(value: Any) -> str:
    """``repr`` of a ``Decimal`` as written in a context that writes an exponent's
    ``E`` capital, whatever the current context says (``repr`` reads its
    ``capitals``); of anything else, ``repr`` itself."""
    if type(value).__name__ == "Decimal" and type(value).__module__ == "decimal":
        from decimal import Context  # loaded already: a Decimal exists

        return f"Decimal('{Context(capitals=1).to_sci_string(value)}')"
    return repr(value)


def as_written(text: str) -> str:
    r"""A name as a message gives it — a file's, a column's, a document's key: as it is
    written when it is short, printable and not empty; else as :func:`shown` shows any
    value, quoted, its control characters escaped and shortened in the middle.

        >>> as_written("ledger.csv"), as_written("a\x1b[2J"), len(as_written("k" * 10**6)) < 250
        ('ledger.csv', "'a\\x1b[2J'", True)
    """
    if text and len(text) <= SHOWN_CHARACTERS and text.isprintable():
        return text
    return shown(text)


#: The most characters of a name a message gives (a field, a file, a place in a file)
#: as it is: room for a path of a few names, each already shortened by :func:`shown`.
LONGEST_NAME = 4 * SHOWN_CHARACTERS


def _name(text: str) -> str:
    """A name a message gives: as it is when it is printable and no longer than
    :data:`LONGEST_NAME`, even when empty; else as :func:`as_written` writes it."""
    return text if len(text) <= LONGEST_NAME and text.isprintable() else as_written(text)


#: The values of a message that name where a problem is, shown by :func:`_name`.
_NAMES = frozenset({"field", "source", "where"})


def _names_shortened(said: Message) -> Message:
    """``said`` with every name it gives (and its messages give) shown by
    :func:`_name`: a field or a file named by a million characters is not repeated
    whole. The error keeps the name itself in its attributes."""
    changed: dict[str, Any] = {}
    for key, value in said.params.items():
        if isinstance(value, Message):
            inner = _names_shortened(value)
            if inner is not value:
                changed[key] = inner
        elif key in _NAMES and isinstance(value, str) and _name(value) != value:
            changed[key] = _name(value)
    if not changed:
        return said
    return Message(said.template, said.plural_template, **{**said.params, **changed})


def shown(value: Any) -> str:
    """``repr(value)`` as a message shows it: whole when it is short; else shortened
    (``'aaa...zzz'``, ``[1, 2, ...]``, ``<an int of about 5000 digits>``).

    Building a message never fails: an int too long for ``str`` is told by its size,
    and a value whose ``repr`` raises by its type.

        >>> shown("EUR"), shown(10**5000)
        ("'EUR'", '<an int of about 5001 digits>')
    """
    if isinstance(value, str | bytes) and len(value) > SHOWN_CHARACTERS:
        return _SHORTENED.repr(value)
    if not isinstance(value, int) or abs(value) < 10**SHOWN_CHARACTERS:
        try:
            text = _decimal_repr(value)
        except Exception:  # a broken __repr__, or an int too long for str inside a value
            return _SHORTENED.repr(value)
        if len(text) <= SHOWN_CHARACTERS:
            return text
    return _SHORTENED.repr(value)


_SHORTENED = _Shortened()


def listed(items: Sequence[str]) -> Message:
    """``'a, b, c'``: the first :data:`SHOWN_ITEMS` items, and how many more there are."""
    rest = len(items) - SHOWN_ITEMS
    if rest <= 0:
        return Message("{items}", items=", ".join(items))
    return plural(
        "{items} and {count} more",
        "{items} and {count} more",
        count=rest,
        items=", ".join(items[:SHOWN_ITEMS]),
    )


class HubPartnerError(Exception):
    """The root of every error raised by hubpartner.

    ``message`` is what went wrong, as a :class:`~hubpartner.messages.Message`: its
    ``str`` is English, and :meth:`say` says it in another language.
    """

    def __init__(self, text: Message) -> None:
        said = (
            _names_shortened(text) if isinstance(text, Message) else Message("{text}", text=text)
        )
        super().__init__(str(said))
        self.message = said

    def say(self, language: str) -> str:
        """The message in ``language`` (``'en'`` or one of
        :data:`hubpartner.messages.LANGUAGES`)."""
        from .messages import translate

        return translate(self.message, language)

    def __reduce__(self) -> tuple[Any, ...]:
        # An error raised on another process (a Dask worker) travels pickled: it is
        # rebuilt from its arguments and attributes, not by calling its constructor
        # again (whose parameters differ from class to class).
        state = dict(self.__dict__)
        if isinstance(self, ImportError):  # its name is no attribute of __dict__
            state["name"] = self.name
        return _rebuilt, (type(self), self.args, state)


def _rebuilt(kind: type[HubPartnerError], args: tuple[Any, ...], state: dict[str, Any]) -> Any:
    """An error of ``kind`` with ``args`` and the attributes ``state``, unpickled."""
    error = kind.__new__(kind, *args)
    error.args = args
    for name, value in state.items():
        setattr(error, name, value)
    return error


class InvalidValueError(HubPartnerError, ValueError):
    """A value of the right type that is not accepted (out of range, malformed …).

    ``field`` names the argument or attribute, ``value`` is what was passed and
    ``expected`` says what would be accepted.
    """

    def __init__(self, field: str, value: Any, expected: Message) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(
            message(
                "{field}: {value} is not accepted; expected {expected}",
                field=field,
                value=shown(value),
                expected=expected,
            )
        )


class InvalidTypeError(HubPartnerError, TypeError):
    """A value of a type that is not accepted; ``field``, ``value``, ``expected``."""

    def __init__(self, field: str, value: Any, expected: Message) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        super().__init__(
            message(
                "{field}: {value} of type {type} is not accepted; expected {expected}",
                field=field,
                value=shown(value),
                type=type(value).__name__,
                expected=expected,
            )
        )


class AmountTypeError(InvalidTypeError):
    """An amount (money or points) given as a float, a bool or another non-number."""

    def __init__(self, field: str, value: Any) -> None:
        self.field = field
        self.value = value
        self.expected = message("a Decimal, an int or a numeric str")
        if isinstance(value, float):
            said = message(
                "{field}: {value} is a float, which cannot hold money exactly; "
                "pass a Decimal, an int or a numeric str such as {example}",
                field=field,
                value=shown(value),
                example=repr(str(value)),
            )
        elif isinstance(value, bool):
            said = message(
                "{field}: {value} is a bool, not a number; "
                "pass a Decimal, an int or a numeric str",
                field=field,
                value=shown(value),
            )
        else:
            said = message(
                "{field}: {value} of type {type} is not a number; "
                "pass a Decimal, an int or a numeric str",
                field=field,
                value=shown(value),
                type=type(value).__name__,
            )
        HubPartnerError.__init__(self, said)


class InvalidAmountError(InvalidValueError):
    """An amount that is NaN, infinite, not numeric, or negative where it cannot be."""


class CurrencyMismatchError(InvalidValueError):
    """Two amounts in different currencies were combined; hubpartner never converts."""

    def __init__(
        self,
        operation: Message,
        left: str,
        right: str,
        *,
        field: str = "currency",
        expected: Message | None = None,
    ) -> None:
        self.operation = operation
        self.left = left
        self.right = right
        InvalidValueError.__init__(
            self,
            field,
            right,
            expected
            or message(
                "{left} to {operation} with an amount in {currency}; "
                "amounts in different currencies are never converted implicitly",
                left=shown(left),
                operation=operation,
                currency=left,
            ),
        )


class UnknownCurrencyError(HubPartnerError, LookupError):
    """A currency code that is not an ISO 4217 code known to CLDR."""

    def __init__(self, code: Any, field: str = "currency") -> None:
        self.code = self.value = code
        self.field = field
        self.expected = message(
            "an ISO 4217 currency code known to CLDR, such as 'USD', 'EUR' or 'JPY'"
        )
        super().__init__(
            message(
                "{field}: {value} is not an ISO 4217 currency code known to CLDR; "
                "expected a three-letter code such as 'USD', 'EUR' or 'JPY'",
                field=field,
                value=shown(code),
            )
        )


class NotMoneyError(UnknownCurrencyError):
    """An ISO 4217 code that names no money — a precious metal, a unit of account,
    the testing code, "no currency" — given as a currency; ``what`` says what it
    names."""

    def __init__(self, code: Any, what: str, field: str = "currency") -> None:
        self.code = self.value = code
        self.what = what
        self.field = field
        self.expected = message(
            "the code of a currency, such as 'USD', 'EUR' or 'JPY' ({code} is ISO 4217's "
            "code for {what}, which is not money)",
            code=shown(code),
            what=what,
        )
        HubPartnerError.__init__(
            self,
            message(
                "{field}: {code} is ISO 4217's code for {what}, which is not money; expected "
                "the code of a currency, such as 'USD', 'EUR' or 'JPY'",
                field=field,
                code=shown(code),
                what=what,
            ),
        )


class UnknownMarketError(HubPartnerError, LookupError):
    """A market that is not an ISO 3166-1 alpha-2 country code known to CLDR."""

    def __init__(self, code: Any, field: str = "market") -> None:
        self.code = self.value = code
        self.field = field
        self.expected = message(
            "an ISO 3166-1 alpha-2 country code known to CLDR, such as 'US', 'DE' or 'IN'"
        )
        super().__init__(
            message(
                "{field}: {value} is not an ISO 3166-1 alpha-2 country code known to CLDR; "
                "expected a two-letter code such as 'US', 'DE' or 'IN'",
                field=field,
                value=shown(code),
            )
        )


def _suggested(named: Sequence[tuple[str, str]]) -> str:
    """``'SE (Sverige), SV (El Salvador)'``: codes with their names."""
    return ", ".join(f"{code} ({name})" for code, name in named)


class UnknownCountryNameError(UnknownMarketError):
    """A market given as a name (or a code) that names no country in any language
    hubpartner speaks; ``suggestions`` holds the closest codes, each with its name in
    the language asked for, and ``reason`` says what is wrong without the field."""

    suggestions: tuple[tuple[str, str], ...]
    reason: Message

    def __init__(self, text: Any, field: str, suggestions: Sequence[tuple[str, str]]) -> None:
        UnknownMarketError.__init__(self, text, field)
        _no_such_name(
            self,
            field,
            suggestions,
            message(
                "{value} is neither a country code nor the name of a country known to "
                "CLDR; did you mean {suggestions}?",
                value=shown(text),
                suggestions=_suggested(suggestions),
            )
            if suggestions
            else message(
                "{value} is neither a country code nor the name of a country known to "
                "CLDR; expected a two-letter code such as 'SE' or a name such as 'Sverige'",
                value=shown(text),
            ),
        )


class UnknownCurrencyNameError(UnknownCurrencyError):
    """A currency given as a name (or a code) that names no currency in any language
    hubpartner speaks; ``suggestions`` holds the closest codes, each with its name in
    the language asked for, and ``reason`` says what is wrong without the field."""

    suggestions: tuple[tuple[str, str], ...]
    reason: Message

    def __init__(self, text: Any, field: str, suggestions: Sequence[tuple[str, str]]) -> None:
        UnknownCurrencyError.__init__(self, text, field)
        _no_such_name(
            self,
            field,
            suggestions,
            message(
                "{value} is neither a currency code nor the name of a currency known to "
                "CLDR; did you mean {suggestions}?",
                value=shown(text),
                suggestions=_suggested(suggestions),
            )
            if suggestions
            else message(
                "{value} is neither a currency code nor the name of a currency known to "
                "CLDR; expected a three-letter code such as 'SEK' or a name such as "
                "'svensk krona'",
                value=shown(text),
            ),
        )


def _no_such_name(
    error: UnknownCountryNameError | UnknownCurrencyNameError,
    field: str,
    suggestions: Sequence[tuple[str, str]],
    reason: Message,
) -> None:
    """Give ``error`` its ``suggestions``, its ``reason`` and its message."""
    error.suggestions = tuple(suggestions)
    error.reason = reason
    HubPartnerError.__init__(error, _of_field(field, reason))


def _of_field(field: str, reason: Message) -> Message:
    """``'market: …'``: what is wrong with ``field``."""
    # Translators: a field (an argument, an option or a column) and what is wrong with it
    return message("{field}: {reason}", field=field, reason=reason)


class UnknownLocaleError(InvalidValueError):
    """A locale that is not a CLDR locale identifier Babel knows, such as ``'sv_SE'``,
    or (where ``supported`` is given) not one of a language hubpartner speaks; Babel's
    own errors (``UnknownLocaleError``, ``ValueError``) never reach the caller.

    ``identifier`` is what was given (also ``value``), ``field`` the argument and
    ``supported`` the languages accepted, if only some are."""

    def __init__(
        self, identifier: Any, field: str = "locale", supported: Sequence[str] = ()
    ) -> None:
        self.identifier = identifier
        self.supported = tuple(supported)
        if not self.supported:
            InvalidValueError.__init__(
                self,
                field,
                identifier,
                message("a CLDR locale identifier such as 'en', 'sv_SE' or 'de-DE'"),
            )
            return
        self.field = field
        self.value = identifier
        languages = ", ".join(self.supported)
        self.expected = message(
            "a locale of a language hubpartner speaks: {languages}", languages=languages
        )
        HubPartnerError.__init__(
            self,
            message(
                "{field}: {value} is not a locale hubpartner speaks; choose one of "
                "{languages} (a region may follow, as in sv_SE or pt_BR)",
                field=field,
                value=shown(identifier),
                languages=languages,
            ),
        )


class MissingRateError(HubPartnerError, LookupError):
    """A valid currency for which the rule set lists no rate (no guess is made)."""

    def __init__(self, currency: str, effective: date, listed: Sequence[str]) -> None:
        self.currency = currency
        self.effective = effective
        self.listed = tuple(listed)
        super().__init__(
            message(
                "currency: {currency} has no rate in the rules effective {effective} "
                "(listed: {listed}); supply the local amount HubSpot treats as "
                'USD 100 with rules.with_currency("{code}", Decimal("…"))',
                currency=repr(currency),
                effective=effective.isoformat(),
                listed=", ".join(self.listed),
                code=currency,
            )
        )


class MissingPriceError(HubPartnerError, LookupError):
    """A price list with no price for a subscription in a currency (no guess is
    made); ``subscription``, ``hub``, ``edition``, ``currency`` and the currencies
    the list prices (``listed``) are kept."""

    def __init__(self, hub: str, edition: str, currency: str, listed: Sequence[str]) -> None:
        self.hub = hub
        self.edition = edition
        self.subscription = f"{hub}:{edition}"
        self.currency = currency
        self.listed = tuple(listed)
        super().__init__(
            # Translators: {subscription} is 'hub:edition' as data writes it, such as
            # 'sales:professional'; [{currency}.{hub}] {edition} = … is TOML to add.
            message(
                "no price for {subscription} in {currency}; add it to the price list as "
                "[{currency}.{hub}] {edition} = …; the list prices {listed}",
                subscription=self.subscription,
                currency=currency,
                hub=hub,
                edition=edition,
                listed=", ".join(self.listed),
            )
        )


class NoRulesInForceError(HubPartnerError, LookupError):
    """No published rule set was in force on the date asked about."""

    def __init__(self, on: date, earliest: date) -> None:
        self.on = on
        self.earliest = earliest
        super().__init__(
            message(
                "date: {on} is before {earliest}, when the first "
                "points model took effect; there is no points model for that date. "
                "Pass a date on or after it, or load your own rules with rules.load(path)",
                on=repr(on.isoformat()),
                earliest=earliest.isoformat(),
            )
        )


# The problems of a file, which only a refused file needs, are built (as attrs
# classes, whose making takes time) when first asked for: hubpartner.errors.RowProblem
# loads hubpartner._row_problem, and RulesProblem, FileProblem, IndexProblem and the
# Problem union load hubpartner._problems. They are this module's names all the same.
_LATER = {
    "RowProblem": "_row_problem",
    "RulesProblem": "_problems",
    "FileProblem": "_problems",
    "IndexProblem": "_problems",
    "Problem": "_problems",
}


def __getattr__(name: str) -> Any:
    if name in _LATER:
        from importlib import import_module

        return getattr(import_module(f".{_LATER[name]}", __package__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class DataFileError(InvalidValueError):
    """A file (or text) with one or more problems; all of them are reported.

    ``source`` names the file (or ``"<string>"``); ``problems`` holds every
    problem found, in file order, each with its ``where`` and ``message``.
    """

    kind = message("data")

    def __init__(self, source: str, problems: Sequence[Problem]) -> None:
        self.source = source
        self.problems = tuple(problems)
        self.field = problems[0].where if problems else ""
        self.value = source
        self.expected = message("a {kind} file as documented", kind=self.kind)
        self.head = plural(
            "{source}: {count} problem in {kind}",
            "{source}: {count} problems in {kind}",
            count=len(self.problems),
            source=source,
            kind=self.kind,
        )
        HubPartnerError.__init__(self, joined([self.head, *self.lines], "\n"))

    @property
    def lines(self) -> tuple[Message, ...]:
        """One line per problem: the file, where in it, and what is wrong."""
        return tuple(
            _names_shortened(
                message(
                    "{source}: {where}: {problem}",
                    source=self.source,
                    where=p.where,
                    problem=p.message,
                )
                if p.where
                else message("{source}: {problem}", source=self.source, problem=p.message)
            )
            for p in self.problems
        )


class RulesFileError(DataFileError):
    """A rules file (or TOML text) with one or more problems; all are reported."""

    kind = message("rules")


class ResponsesFileError(DataFileError):
    """A survey responses file with one or more bad rows; every row is reported."""

    kind = message("responses")


class PortfolioFileError(DataFileError):
    """A portfolio CSV with one or more bad rows; every row is reported."""

    kind = message("portfolio")


class ThresholdsFileError(DataFileError):
    """A thresholds file with one or more problems; every problem is reported."""

    kind = message("thresholds")


class PricesFileError(DataFileError):
    """A price list file with one or more problems; every problem is reported."""

    kind = message("price list")


class LedgerFileError(DataFileError):
    """A points ledger or tier history CSV with one or more bad rows; every row is
    reported."""

    kind = message("points file")


class EventsFileError(DataFileError):
    """A managed relationship's events CSV with one or more bad rows; every row is
    reported."""

    # Translators: the file of the dated events of managed relationships.
    kind = message("events file")


class IncompleteHistoryError(InvalidValueError):
    """A monthly history with months missing, or given more than once; ``months``
    holds their first days and ``problem`` says what is wrong with them."""

    def __init__(self, months: Sequence[date], problem: Message, expected: Message) -> None:
        self.months = tuple(months)
        self.problem = problem
        self.field = "history"
        self.value = [month.strftime("%Y-%m") for month in self.months]
        self.expected = expected
        HubPartnerError.__init__(
            self,
            message(
                "history: {problem} {months}; expected {expected}",
                problem=problem,
                months=listed(self.value),
                expected=expected,
            ),
        )


class ScoreTypeError(InvalidTypeError):
    """A survey answer that is not an int: a bool, a float, a str, None …

    ``position`` is its 0-based index in the input; ``field`` names it (by default
    ``scores[position]``; a pandas Series' answer by its index label).
    """

    def __init__(
        self, position: int, value: Any, expected: Message, *, field: str | None = None
    ) -> None:
        self.position = position
        named = f"scores[{position}]" if field is None else field
        InvalidTypeError.__init__(self, named, value, expected)


class InvalidScoreError(InvalidValueError):
    """A survey answer outside its scale; ``position`` is its 0-based index, and
    ``field`` names it (as for :class:`ScoreTypeError`)."""

    def __init__(
        self, position: int, value: Any, expected: Message, *, field: str | None = None
    ) -> None:
        self.position = position
        named = f"scores[{position}]" if field is None else field
        InvalidValueError.__init__(self, named, value, expected)


class MissingScoreError(InvalidScoreError):
    """A missing answer (None or NaN) where the policy says missing is an error."""

    def __init__(self, position: int, value: Any, *, field: str | None = None) -> None:
        InvalidScoreError.__init__(
            self,
            position,
            value,
            message("an answer; missing answers are an error unless you pass missing='exclude'"),
            field=field,
        )


class EmptyTallyError(HubPartnerError, ValueError):
    """A score or statistic asked of a tally with no answers.

    A survey nobody answered has no score: it is undefined, never 0. ``reason``, if
    given, says why in the words of the call that was made (the default speaks of a
    tally).
    """

    def __init__(self, kind: str, statistic: str, *, reason: Message | None = None) -> None:
        self.kind = kind
        self.statistic = statistic
        super().__init__(
            message("{statistic}: {reason}", statistic=statistic, reason=reason)
            if reason
            else message(
                "{statistic}: the {kind} tally has no answers, so its {statistic} is "
                "undefined (not 0); check tally.n before asking",
                statistic=statistic,
                kind=kind,
            )
        )


class TooFewAnswersError(EmptyTallyError):
    """A statistic that needs more answers than the tally has, such as a t-interval
    (at least 2); ``n`` answers were counted, ``needed`` are required."""

    def __init__(self, kind: str, statistic: str, n: int, needed: int) -> None:
        self.kind = kind
        self.statistic = statistic
        self.n = n
        self.needed = needed
        HubPartnerError.__init__(
            self,
            plural(
                "{statistic}: the {kind} tally has {count} answer, so its {statistic} is "
                "undefined; it needs at least {needed}",
                "{statistic}: the {kind} tally has {count} answers, so its {statistic} is "
                "undefined; it needs at least {needed}",
                count=n,
                statistic=statistic,
                kind=kind,
                needed=needed,
            ),
        )


class NotPermittedError(HubPartnerError, PermissionError):
    """An actor tried something its role does not allow (a partner removing a review,
    a reviewer responding, staff submitting a review …); ``actor`` and ``action``."""

    def __init__(self, actor: Any, action: str, allowed: Message) -> None:
        self.actor = actor
        self.action = action
        self.allowed = allowed
        super().__init__(
            message(
                "{action}: not permitted for {actor}; only {allowed} may {action}",
                action=action,
                actor=shown(actor),
                allowed=allowed,
            )
        )


class ReviewRefusedError(HubPartnerError, ValueError):
    """A review that may not be submitted; ``reasons`` lists every reason."""

    def __init__(self, reasons: Sequence[Any]) -> None:
        self.reasons = tuple(reasons)
        said = joined(
            [str(reason) if not isinstance(reason, str) else reason for reason in self.reasons],
            "; ",
        )
        super().__init__(message("review refused: {reasons}", reasons=said))


class UnknownEntryError(HubPartnerError, LookupError):
    """An id that names no review, response, report or service of the profile.

    Elsewhere, ``where`` names what was searched (``"the catalogue"``) and ``known``
    lists what it has, for the message ``"hub: 'x' is not in the catalogue; it has
    marketing, …"``.
    """

    def __init__(
        self,
        kind: str,
        entry: Any,
        *,
        where: Message | None = None,
        known: Sequence[Any] | None = None,
    ) -> None:
        self.kind = kind
        self.entry = entry
        self.where = where
        self.known = None if known is None else tuple(known)
        if where is None:
            said = message(
                "{kind}: no {kind} with id {entry} in this profile", kind=kind, entry=shown(entry)
            )
        else:
            said = message(
                "{kind}: {entry} is not in {where}", kind=kind, entry=shown(entry), where=where
            )
        if self.known is not None:
            said = (
                message("{said}; it has {known}", said=said, known=", ".join(map(str, self.known)))
                if self.known
                else message("{said}; it has none", said=said)
            )
        super().__init__(said)


class UnknownToolError(UnknownEntryError):
    """Tool names a scoring model does not know, even read without regard to case,
    spaces, hyphens and underscores, and through its aliases.

    ``tools`` lists the unknown names (normalised), ``known`` the model's tools,
    ``model`` its name; ``field`` names the argument or column.
    """

    known: tuple[str, ...]

    def __init__(
        self,
        field: str,
        tools: Sequence[str],
        known: Sequence[str],
        *,
        model: str,
        hint: Message | None = None,
    ) -> None:
        self.kind = "tool"
        self.tools = tuple(tools)
        self.entry = self.tools[0] if self.tools else None
        self.known = tuple(known)
        self.model = model
        self.field = field
        self.value = self.tools
        self.expected = message("tools of the scoring model {model}", model=repr(model))
        said = plural(
            "{field}: {names} is not a tool of the scoring model {model}; its tools are "
            "{known} (case, spaces, hyphens and underscores do not matter, and the model's "
            "aliases are accepted too)",
            "{field}: {names} are not tools of the scoring model {model}; its tools are "
            "{known} (case, spaces, hyphens and underscores do not matter, and the model's "
            "aliases are accepted too)",
            count=len(self.tools),
            field=field,
            names=listed([shown(tool) for tool in self.tools]),
            model=repr(model),
            known=", ".join(self.known),
        )
        HubPartnerError.__init__(
            self, message("{said}; {hint}", said=said, hint=hint) if hint else said
        )


class DuplicateIdError(InvalidValueError):
    """An id that is already used by another entry of the same kind."""

    def __init__(self, kind: str, entry: Any) -> None:
        InvalidValueError.__init__(
            self, f"{kind}_id", entry, message("an id no other {kind} has", kind=kind)
        )


class NotActiveError(InvalidValueError):
    """An action on a review or response that was removed, or a report already decided."""


class AlreadyRespondedError(InvalidValueError):
    """A second response to a review that still has an active response."""


class CorrectionRefusedError(InvalidValueError):
    """A "correction" that would change more than spelling and grammar; ``reason``."""

    def __init__(self, before: str, after: str, reason: Message) -> None:
        self.before = before
        self.after = after
        self.reason = reason
        HubPartnerError.__init__(
            self,
            message(
                "text: {after} is not a spelling or grammar correction of {before}: {reason}. "
                "Submitted reviews and responses are locked; support may only fix spelling "
                "and grammar",
                after=shown(after),
                before=shown(before),
                reason=reason,
            ),
        )
        self.field = "text"
        self.value = after
        self.expected = message("a spelling or grammar correction")


class InconsistentHistoryError(InvalidValueError):
    """A history that contradicts itself: an entry that refers to one the profile does
    not hold, two active reviews of one service, an open report of a removed review …"""


class _MomentError(InvalidValueError):
    """A moment that is not accepted, with a message of its own."""

    def __init__(self, field: str, value: Any, expected: Message, said: Message) -> None:
        self.field = field
        self.value = value
        self.expected = expected
        HubPartnerError.__init__(
            self,
            message("{field}: {moment} {said}", field=field, moment=value.isoformat(), said=said),
        )


class OutOfOrderError(_MomentError):
    """An event dated before an event it depends on (a response before its review, a
    removal before the report it upholds …); ``at`` is its moment, ``earlier`` the
    moment it may not precede and ``after`` what happened then."""

    def __init__(self, field: str, at: Any, earlier: Any, after: Message) -> None:
        self.at = at
        self.earlier = earlier
        self.after = after
        expected = message("a moment on or after {earlier}", earlier=earlier.isoformat())
        _MomentError.__init__(
            self,
            field,
            at,
            expected,
            message(
                "is before {earlier}, when {after}; a history cannot run backwards: pass "
                "{expected}",
                earlier=earlier.isoformat(),
                after=after,
                expected=expected,
            ),
        )


class MixedTimeZonesError(_MomentError):
    """A time zone-aware moment compared with a naive one (or a date); ``value`` and
    ``other`` are the two moments."""

    def __init__(self, field: str, value: Any, other: Any) -> None:
        def kind(moment: Any) -> Message:
            return message("naive") if moment.utcoffset() is None else message("time zone-aware")

        self.other = other
        _MomentError.__init__(
            self,
            field,
            value,
            message("a {kind} moment, like {other}", kind=kind(other), other=other.isoformat()),
            message(
                "is {kind}, but {other}, which it is compared with, is {other_kind}; use time "
                "zone-aware datetimes throughout, or naive datetimes and dates throughout",
                kind=kind(value),
                other=other.isoformat(),
                other_kind=kind(other),
            ),
        )


class MissingExtraError(HubPartnerError, ImportError):
    """A feature of an optional extra used without the package it needs installed.

    ``extra`` is the extra to install (``'pandas'``, ``'plot'``), ``package`` the
    missing package (also ``name``, as for any ``ImportError``) and ``feature`` what
    needs it, if given."""

    def __init__(self, extra: str, package: str, feature: str = "") -> None:
        self.extra = extra
        self.package = package
        self.feature = feature
        if feature:
            said = message(
                "{feature} needs {package}, which is not installed: "
                "pip install 'hubpartner[{extra}]'",
                feature=feature,
                package=package,
                extra=extra,
            )
        else:
            said = message(
                "{package} is needed and is not installed: pip install 'hubpartner[{extra}]'",
                package=package,
                extra=extra,
            )
        super().__init__(said)
        self.name = package


class OutputFileError(HubPartnerError, OSError):
    """A file a command was asked to write could not be written: ``path`` names it
    and ``reason`` says why (the operating system's own words)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(
            message(
                # Translators: {reason} is the operating system's own words, in English
                "{path} could not be written: {reason}; choose another file, or free "
                "room on the disk",
                path=path,
                reason=reason,
            )
        )


class RecordError(InvalidValueError):
    """A record :func:`hubpartner.records.from_record` cannot read: ``key`` names the
    key that is missing, not expected, or holds a value that is not accepted, and
    ``value`` is what it holds (the record's keys, for a missing key)."""

    def __init__(self, key: str, value: Any, expected: Message, *, missing: bool = False) -> None:
        self.key = key
        if not missing:
            InvalidValueError.__init__(self, f"record[{key!r}]", value, expected)
            return
        self.field = f"record[{key!r}]"
        self.value = value
        self.expected = expected
        HubPartnerError.__init__(
            self,
            message(
                "{field}: the key is missing; expected {expected}",
                field=self.field,
                expected=expected,
            ),
        )
