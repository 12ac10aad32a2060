"""Boundary checks shared by every value class and function (private).

Three kinds of helper live here, all raising hubpartner's errors with the name of
the field that was wrong:

- **checks**, ``check(value, field=...)``, for the arguments of functions;
- **validators** for attrs fields (attrs hands them the attribute, so they name it);
- **converters** for attrs fields whose value is normalised on the way in (an amount
  to a ``Decimal``, a list to a tuple …): ``attrs.Converter(..., takes_field=True)``,
  so that they too name the field they convert.

Enums whose members may be given by value derive from :class:`Choice`, so that the
enum itself is the converter and a wrong value is an
:class:`~hubpartner.errors.InvalidValueError` listing the accepted ones.
"""

from __future__ import annotations

import decimal
import enum
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Self, TypeVar

import attrs

if TYPE_CHECKING:
    from babel import Locale

from .errors import (
    AmountTypeError,
    InvalidAmountError,
    InvalidTypeError,
    InvalidValueError,
    MixedTimeZonesError,
    OutOfOrderError,
    UnknownLocaleError,
)
from .messages import Message, message, plural

T = TypeVar("T")
E = TypeVar("E", bound=enum.Enum)
D = TypeVar("D", bound=date)

Validator = Callable[[Any, "attrs.Attribute[Any]", Any], None]


# -- bounds ----------------------------------------------------------------------------------
# How large (and how fine) a number, a count or a span of time may be. They are the
# library's mechanism, not HubSpot's rules: they keep every computation small and every
# date on the calendar, and each is in the "Bounds" table of docs/index.md with its reason.

#: Every amount of money, rate, currency amount, multiplier, number of points, weight
#: and answer is smaller than this in magnitude: ``|x| < 10**15``.
MAX_MAGNITUDE = 10**15
#: The most decimal places of an amount of money, a rate, a currency amount or a share
#: that you give (a quotient hubpartner computes keeps its 40 significant digits).
MAX_AMOUNT_PLACES = 10
#: The most decimal places of a number of points or a weight: room for the 40
#: significant digits of the smallest quotient of bounded amounts, rates and partners.
MAX_POINT_PLACES = 100
#: The most of anything counted: answers, recipients, activities, certifications, stars.
MAX_COUNT = 10**12
#: The most partners that share one client's managed points.
MAX_PARTNERS = 1_000
#: The most months of a period or a range of months (a century).
MAX_MONTHS = 1_200
#: The most days of a period or a window of days (a century).
MAX_DAYS = 36_525
#: The most answers a survey or rating scale has.
MAX_SCALE_SIZE = 1_000
#: The most questions added to a survey, each lowering the response rate.
MAX_EXTRA_QUESTIONS = 100
#: The most degrees of freedom of Student's t distribution function, which sums one
#: term per two of them (its quantile takes any number).
MAX_T_CDF_DEGREES = 10**6
#: The most digits of the exact values the arithmetic helpers of ``decimals`` take.
MAX_EXACT_DIGITS = 1_000
#: The most characters of a text you must give: a name, an id, a review's title and
#: body, a response (comparing two texts word by word takes time that grows with
#: their size). An optional note, such as a survey comment, is bounded by the file or
#: the caller that holds it.
MAX_TEXT_LENGTH = 10_000


#: The digits before the point of a number below :data:`MAX_MAGNITUDE` (15).
_MAGNITUDE_DIGITS = len(str(MAX_MAGNITUDE)) - 1


# -- checks --------------------------------------------------------------------------------


def in_digits(text: str) -> bool:
    """Whether ``text`` writes its number with the digits 0 to 9 alone, as every
    number here is written: ``Decimal`` also reads other scripts' digits (Arabic-Indic
    ones, say) and underscores between digits (``'1_000'``).

        >>> in_digits("1000.5"), in_digits("1_000"), in_digits("\u0661\u0660")
        (True, False, False)
    """
    return text.isascii() and "_" not in text


def to_decimal(value: Any, *, field: str, places: int = MAX_AMOUNT_PLACES) -> Decimal:
    """Return ``value`` as a finite ``Decimal``, accepting ``Decimal``, ``int`` or ``str``,
    within the bounds of :func:`bounded` (``places`` decimal places at most).

    ``float`` and ``bool`` raise :class:`~hubpartner.errors.AmountTypeError`; NaN,
    infinities, non-numeric strings and numbers beyond the bounds raise
    :class:`~hubpartner.errors.InvalidAmountError`. ``field`` names the argument in
    the message.

        >>> to_decimal("62.50", field="amount")
        Decimal('62.50')
        >>> to_decimal("NaN", field="amount")
        Traceback (most recent call last):
        ...
        hubpartner.errors.InvalidAmountError: amount: 'NaN' is not accepted; ...
        >>> to_decimal("1e999999999", field="amount")
        Traceback (most recent call last):
        ...
        hubpartner.errors.InvalidAmountError: amount: '1e999999999' is not accepted; expected ...
        >>> to_decimal("1_000", field="amount")
        Traceback (most recent call last):
        ...
        hubpartner.errors.InvalidAmountError: amount: '1_000' is not accepted; expected a ...
    """
    if places is not MAX_AMOUNT_PLACES:  # the default needs no check
        whole_number(places, field="places", minimum=0, maximum=MAX_POINT_PLACES)
    if isinstance(value, Decimal):
        result = value
    elif isinstance(value, bool) or not isinstance(value, int | str):
        raise AmountTypeError(field, value)
    elif isinstance(value, int):
        if abs(value) >= MAX_MAGNITUDE:
            raise InvalidAmountError(field, value, _below_power(_MAGNITUDE_DIGITS))
        return Decimal(value)
    else:
        try:
            if not in_digits(value):
                raise decimal.InvalidOperation
            result = Decimal(value)
        except decimal.InvalidOperation:
            raise InvalidAmountError(
                field, value, message("a number written with digits, such as '1000' or '62.50'")
            ) from None
    if not result.is_finite():
        raise InvalidAmountError(field, value, message("a finite number"))
    return bounded(result, value, field=field, places=places)


def bounded(
    number: Decimal, value: Any, *, field: str, places: int, digits: int = _MAGNITUDE_DIGITS
) -> Decimal:
    """Return the finite ``number`` (``value`` as given) if it is below ``10**digits``
    in magnitude (by default :data:`MAX_MAGNITUDE`) and has at most ``places`` decimal
    places; a negative zero is zero.

    The checks cost no more than reading the number, however many digits or however
    large an exponent it has: ``1e999999999`` and ``1e-999999999`` are refused at once.
    """
    if number.is_zero():
        if number.adjusted() < -places:  # a zero's adjusted exponent is its exponent
            raise InvalidAmountError(field, value, _at_most_places(places))
        return number.copy_abs()
    below_magnitude(number, value, field=field, digits=digits)
    context = places_context(places, digits)
    context.quantize(number, Decimal((0, (1,), -places)))
    if context.flags[decimal.Rounded]:
        raise InvalidAmountError(field, value, _at_most_places(places))
    return number


#: The conditions a context of hubpartner's raises on unless it says otherwise: those
#: Python's own default context raises on.
USUAL_TRAPS = (decimal.InvalidOperation, decimal.DivisionByZero, decimal.Overflow)


def new_context(
    prec: int,
    *,
    rounding: str = decimal.ROUND_HALF_EVEN,
    traps: Iterable[type[decimal.DecimalException]] = USUAL_TRAPS,
) -> decimal.Context:
    """A new decimal context with every setting given: ``prec`` digits, ``rounding``,
    ``traps``, the widest exponents, no flags. A setting left out of
    ``decimal.Context(...)`` is copied from ``decimal.DefaultContext``, which a program
    may have changed; none is left out here.

        >>> context = new_context(5, traps=[])
        >>> context.prec, context.rounding, context.capitals, context.clamp
        (5, 'ROUND_HALF_EVEN', 1, 0)
    """
    return decimal.Context(
        prec=prec,
        rounding=rounding,
        Emin=decimal.MIN_EMIN,
        Emax=decimal.MAX_EMAX,
        capitals=1,
        clamp=0,
        flags=[],
        traps=list(traps),
    )


def places_context(places: int, digits: int = _MAGNITUDE_DIGITS) -> decimal.Context:
    """A new context, never installed as current, in which quantizing a nonzero number
    below ``10**digits`` to ``places`` places (``Decimal((0, (1,), -places))``) flags
    ``decimal.Rounded`` exactly when the number has more places, even if only zeros go:
    it holds every digit a number within those bounds has."""
    return new_context(digits + places, traps=[])


def below_magnitude(
    number: Decimal, value: Any, *, field: str, digits: int = _MAGNITUDE_DIGITS
) -> Decimal:
    """Return the finite ``number`` (``value`` as given) if it is below ``10**digits``
    in magnitude (by default :data:`MAX_MAGNITUDE`); a negative zero is zero."""
    if number.is_zero():
        return number.copy_abs()
    if number.adjusted() >= digits:
        raise InvalidAmountError(field, value, _below_power(digits))
    return number


def _below_power(digits: int) -> Message:
    return message("a number below 10^{digits} in magnitude", digits=str(digits))


def _at_most_places(places: int) -> Message:
    return plural(
        "a number with at most {count} decimal place",
        "a number with at most {count} decimal places",
        count=places,
    )


def at_least_zero(
    value: Any,
    *,
    field: str,
    expected: Message | None = None,
    places: int = MAX_POINT_PLACES,
) -> Decimal:
    """Return ``value`` as a ``Decimal`` of 0 or more: by default a number of points
    (at most :data:`MAX_POINT_PLACES` places); give ``places`` for a rate or an amount."""
    number = to_decimal(value, field=field, places=places)
    if number < 0:
        raise InvalidAmountError(
            field, value, expected or message("a number of points of 0 or more")
        )
    return number


def above_zero(value: Any, *, field: str) -> Decimal:
    """Return ``value`` as a ``Decimal`` greater than 0 (a currency amount, a
    multiplier), with at most :data:`MAX_AMOUNT_PLACES` places."""
    number = to_decimal(value, field=field)
    if number <= 0:
        raise InvalidAmountError(field, value, message("an amount greater than 0"))
    return number


def share(value: Any, *, field: str) -> Decimal:
    """Return ``value`` as a ``Decimal`` share from 0 to 1, with at most
    :data:`MAX_AMOUNT_PLACES` places."""
    number = to_decimal(value, field=field)
    if not 0 <= number <= 1:
        raise InvalidValueError(field, value, message("a share from 0 to 1, such as 0.85"))
    return number


def calendar_date(value: Any, *, field: str) -> date:
    """Return ``value`` if it is a ``date`` (a ``datetime`` is refused: pass ``.date()``);
    a subclass of ``date`` is returned as a plain ``date`` of the same day, and one that
    is no day is refused."""
    if type(value) is date:
        return value
    if not isinstance(value, date):
        raise InvalidTypeError(field, value, message("a datetime.date"))
    day = _plain(value)
    if day is None:  # pandas' NaT, or a subclass whose fields are no day
        raise InvalidTypeError(
            field, value, message("a datetime.date, not a missing moment such as pandas' NaT")
        )
    if isinstance(day, datetime):
        raise InvalidTypeError(
            field, value, message("a datetime.date; pass value.date() for a datetime")
        )
    return day


def day_range(start: Any, end: Any) -> tuple[date, date]:
    """Return ``start`` and ``end`` if both are dates and ``end`` is not before
    ``start`` (a range of days, both included)."""
    first, last = calendar_date(start, field="start"), calendar_date(end, field="end")
    if last < first:
        raise InvalidValueError(
            "end", last, message("a date on or after start ({start})", start=first.isoformat())
        )
    return first, last


def shifted(day: D, *, months: int = 0, days: int = 0) -> D | None:
    """``day`` (a date or a datetime) moved by ``months`` months and then ``days`` days,
    or None if that passes the calendar's ends (0001-01-01 and 9999-12-31)."""
    from dateutil.relativedelta import relativedelta  # loads calendar: on first use

    try:
        return day + relativedelta(months=months, days=days)
    except (OverflowError, ValueError):  # beyond date.min or date.max
        return None


def shift(day: D, *, field: str, months: int = 0, days: int = 0) -> D:
    """``day`` moved as :func:`shifted` moves it; a result beyond the calendar's ends
    raises :class:`~hubpartner.errors.InvalidValueError` naming ``field`` (``day``'s)."""
    moved = shifted(day, months=months, days=days)
    if moved is None:
        parts = []
        if months:
            parts.append(plural("{count} month", "{count} months", count=abs(months)))
        if days:
            parts.append(plural("{count} day", "{count} days", count=abs(days)))
        span = (
            parts[0]
            if len(parts) == 1
            else message("{months} and {days}", months=parts[0], days=parts[1])
        )
        if months > 0 or (months == 0 and days > 0):
            expected = message(
                "a date at least {span} before {last}, the calendar's last day",
                span=span,
                last=date.max.isoformat(),
            )
        else:
            expected = message(
                "a date at least {span} after {first}, the calendar's first day",
                span=span,
                first=date.min.isoformat(),
            )
        raise InvalidValueError(field, day, expected)
    return moved


def months_between(first: date, last: date) -> int:
    """How many months ``last``'s month is after ``first``'s (0 for the same month)."""
    return (last.year - first.year) * _MONTHS_A_YEAR + last.month - first.month


def last_of_month(day: D) -> D:
    """The last day of ``day``'s month (never past the calendar's last day)."""
    from dateutil.relativedelta import relativedelta  # loads calendar: on first use

    return day + relativedelta(day=_LONGEST_MONTH)


_MONTHS_A_YEAR, _LONGEST_MONTH = 12, 31


def month_starts(first: date, last: date, *, field: str) -> list[date]:
    """The first days of the months from ``first``'s to ``last``'s, both included: at
    most :data:`MAX_MONTHS`, else :class:`~hubpartner.errors.InvalidValueError` names
    ``field`` (the end of the range). None lies beyond the calendar."""
    count = months_between(first, last) + 1
    if count > MAX_MONTHS:
        raise InvalidValueError(
            field,
            last,
            message(
                "a date less than {months} months after {first}",
                months=MAX_MONTHS,
                first=first.isoformat(),
            ),
        )
    start = first.replace(day=1)
    from dateutil.relativedelta import relativedelta  # loads calendar: on first use

    return [start + relativedelta(months=index) for index in range(count)]


def moment(value: Any, *, field: str) -> datetime:
    """Return ``value`` as a plain ``datetime``; a ``date`` means its midnight.

    A subclass (pandas' ``Timestamp``) is returned as a plain ``datetime`` with the
    same fields and ``tzinfo``; one with nanoseconds, which a ``datetime`` cannot hold,
    is refused rather than rounded, and so is a value that is no moment (pandas'
    ``NaT``, a missing moment).

        >>> moment(date(2025, 3, 1), field="at")
        datetime.datetime(2025, 3, 1, 0, 0)
    """
    if type(value) is datetime:
        return value
    if not isinstance(value, date):
        raise InvalidTypeError(field, value, message("a datetime or a date"))
    plain = _plain(value)
    if plain is None:
        raise InvalidTypeError(
            field, value, message("a datetime or a date, not a missing moment such as pandas' NaT")
        )
    if not isinstance(plain, datetime):
        return datetime(plain.year, plain.month, plain.day)
    if getattr(value, "nanosecond", 0):
        raise InvalidValueError(
            field,
            value,
            message(
                "a moment in whole microseconds, which a datetime holds; round its "
                "nanoseconds away first, such as with value.floor('us')"
            ),
        )
    return plain


def _plain(value: date) -> date | None:
    """``value`` as a plain ``date``, or a plain ``datetime`` with the same fields,
    ``tzinfo`` and ``fold``; None if it is no day. pandas' ``NaT`` is a ``datetime``
    that is none: it is not equal to itself, and its fields are NaN."""
    if type(value) is date or type(value) is datetime:
        return value
    try:
        if value != value:
            return None
        if isinstance(value, datetime):
            return datetime(
                value.year,
                value.month,
                value.day,
                value.hour,
                value.minute,
                value.second,
                value.microsecond,
                value.tzinfo,
                fold=value.fold,
            )
        return date(value.year, value.month, value.day)
    except (TypeError, ValueError):  # a field that is no number, or out of its range
        return None


def same_clock(value: datetime, other: datetime, *, field: str) -> datetime:
    """Return ``value`` if it can be compared with ``other``: both naive (a date made a
    moment by :func:`moment` is naive) or both time zone-aware."""
    if (value.utcoffset() is None) != (other.utcoffset() is None):
        raise MixedTimeZonesError(field, value, other)
    return value


def not_before(value: datetime, earlier: datetime, *, field: str, after: Message) -> datetime:
    """Return ``value`` if it is not before ``earlier``, the moment when ``after``
    happened (both naive or both aware, see :func:`same_clock`)."""
    if same_clock(value, earlier, field=field) < earlier:
        raise OutOfOrderError(field, value, earlier, after)
    return value


def boolean(value: Any, *, field: str) -> bool:
    """Return ``value`` if it is ``True`` or ``False`` (not 1, 0 or "yes")."""
    if not isinstance(value, bool):
        raise InvalidTypeError(field, value, message("True or False"))
    return value


def whole_number(value: Any, *, field: str, minimum: int, maximum: int = MAX_COUNT) -> int:
    """Return ``value`` if it is an ``int`` (not a ``bool``) from ``minimum`` to
    ``maximum`` (by default :data:`MAX_COUNT`)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidTypeError(
            field, value, message("an int of at least {minimum}", minimum=minimum)
        )
    if value < minimum:
        raise InvalidValueError(
            field, value, message("an int of at least {minimum}", minimum=minimum)
        )
    if value > maximum:
        raise InvalidValueError(
            field,
            value,
            message("an int from {minimum} to {maximum}", minimum=minimum, maximum=maximum),
        )
    return value


def non_negative_int(value: Any, *, field: str) -> int:
    """Return ``value`` if it is an ``int`` (not a ``bool``) of 0 or more: a count."""
    return whole_number(value, field=field, minimum=0)


def non_empty(value: Any, *, field: str) -> str:
    """Return ``value`` if it is a ``str`` with something other than spaces, of at
    most :data:`MAX_TEXT_LENGTH` characters."""
    if not isinstance(value, str) or not value.strip():
        raise InvalidTypeError(field, value, message("a non-empty str"))
    return bounded_text(value, field=field)


def bounded_text(value: str, *, field: str) -> str:
    """Return ``value`` if it has at most :data:`MAX_TEXT_LENGTH` characters."""
    if len(value) > MAX_TEXT_LENGTH:
        raise InvalidValueError(
            field,
            value,
            message("a text of at most {length} characters", length=MAX_TEXT_LENGTH),
        )
    return value


def key(value: Any, *, field: str) -> str:
    """Return ``value`` stripped and lower-cased, if it is a non-empty ``str`` (a name
    that is compared without regard to case, such as a hub or a tool)."""
    return non_empty(value, field=field).strip().lower()


def sequence(value: Any, *, field: str) -> tuple[Any, ...]:
    """Return the items of ``value`` as a tuple; a ``str`` is refused, not split."""
    if isinstance(value, str | bytes) or not isinstance(value, Iterable):
        raise InvalidTypeError(field, value, message("a list or tuple of values"))
    return tuple(value)


def each_item(check: Callable[..., T], value: Any, *, field: str) -> tuple[T, ...]:
    """The items of ``value`` (a list or another iterable, not a bare ``str``), each
    passed through ``check(item, field=field)``."""
    return tuple(check(item, field=field) for item in sequence(value, field=field))


def instance(value: Any, kind: type[T], *, field: str, expected: Message) -> T:
    """Return ``value`` if it is a ``kind``; ``expected`` says what is accepted."""
    if not isinstance(value, kind):
        raise InvalidTypeError(field, value, expected)
    return value


def function(value: Any, *, field: str, expected: Message) -> Any:
    """Return ``value`` if it can be called (a function such as ``rules.for_date``)."""
    if not callable(value):
        raise InvalidTypeError(field, value, expected)
    return value


def cldr_locale(value: Any, *, field: str = "locale") -> Locale:
    """Return the Babel ``Locale`` of the identifier ``value`` (``'sv_SE'``, or
    ``'sv-SE'`` with a hyphen); anything else raises
    :class:`~hubpartner.errors.UnknownLocaleError`, never one of Babel's errors, and
    None is refused rather than read from the environment."""
    if not isinstance(value, str):
        raise InvalidTypeError(
            field, value, message("a CLDR locale identifier such as 'sv_SE' (a str)")
        )
    from babel import Locale
    from babel import UnknownLocaleError as BabelUnknownLocaleError

    try:
        return Locale.parse(value.replace("-", "_"))
    except (BabelUnknownLocaleError, ValueError, TypeError):
        raise UnknownLocaleError(value, field) from None


def _signals(value: Any) -> bool:
    """Whether comparing ``value`` raises: a signaling NaN does, even for ``==``."""
    return isinstance(value, Decimal) and value.is_snan()


def member(kind: type[E], value: Any, *, field: str, expected: Message | None = None) -> E:
    """Return the member of ``kind`` that is ``value`` or has ``value`` as its value."""
    if isinstance(value, kind):
        return value
    if _signals(value):
        raise InvalidValueError(field, value, expected or choices(kind))
    for candidate in kind:
        if candidate.value == value and not isinstance(value, bool):
            return candidate
    raise InvalidValueError(field, value, expected or choices(kind))


def choices(kind: type[enum.Enum]) -> Message:
    """``"one of 'a', 'b', 'c'"`` for the values of ``kind``."""
    return message("one of {values}", values=", ".join(repr(item.value) for item in kind))


_CAMEL = re.compile(r"(?<!^)(?=[A-Z])")


class _ChoiceType(enum.EnumType):
    """Looks a member up by its value, and else lets :meth:`Choice._missing_` refuse
    the value — never :class:`enum.Enum`'s own lookup, which compares a signaling NaN
    (raising ``decimal.InvalidOperation``) and shows the value in a ``ValueError``
    even when it cannot be shown (an int of thousands of digits)."""

    def __call__(cls, value: Any, *args: Any, **kwargs: Any) -> Any:
        if args or kwargs:  # the functional API: Enum("Name", "A B")
            return super().__call__(value, *args, **kwargs)
        kind: Any = cls
        if isinstance(value, kind):
            return value
        if not _signals(value) and not isinstance(value, bool):
            try:
                return cls._value2member_map_[value]
            except (KeyError, TypeError):  # not a value, or not hashable
                pass
        return cls._missing_(value)  # type: ignore[attr-defined]  # Choice has it


class Choice(enum.Enum, metaclass=_ChoiceType):
    """An enum whose members may be given by their value (``Tier("gold")``).

    A value that names no member raises
    :class:`~hubpartner.errors.InvalidValueError` listing the accepted values, so the
    enum itself can be a field's converter. The error names the field the enum is
    given for: ``FIELD`` when the enum sets it (``FIELD = enum.nonmember("kind")``),
    else the enum's name (``Tier`` -> ``tier``).
    """

    @classmethod
    def parse(cls, value: Any, *, field: str) -> Self:
        """The member that is ``value`` or has it as its value; ``field`` names it in
        the error otherwise."""
        return member(cls, value, field=field)

    @classmethod
    def _missing_(cls, value: object) -> Any:
        field = getattr(cls, "FIELD", None) or _CAMEL.sub("_", cls.__name__).lower()
        raise InvalidValueError(str(field), value, choices(cls))


class NamedChoice(Choice):
    """A :class:`Choice` whose ``repr`` is the member as code: ``Track.SOURCED``."""

    def __repr__(self) -> str:
        return f"{type(self).__name__}.{self.name}"


# -- validators ----------------------------------------------------------------------------


def is_text(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The field holds a non-empty ``str``."""
    non_empty(value, field=attribute.name)


#: The kinds of character no key may hold (Unicode's general categories): control
#: characters, the invisible ones that format text (a zero-width space, a direction
#: mark, a soft hyphen), lone surrogates, and line and paragraph separators.
_UNSEEN = frozenset({"Cc", "Cf", "Cs", "Zl", "Zp"})


def key_text(value: Any, *, field: str) -> str:
    r"""Return ``value`` if it is a non-empty ``str`` (as :func:`non_empty` says)
    without a control or invisible character (:data:`_UNSEEN`): a key that names a
    client. Two keys that differ only by one look alike and would name two clients.
    Every space is a character of a key (a no-break space, Japanese's ideographic
    space).

        >>> key_text("c-001", field="client"), key_text("株式会社　山田", field="client")
        ('c-001', '株式会社　山田')
        >>> key_text("​c-001", field="client")
        Traceback (most recent call last):
        ...
        hubpartner.errors.InvalidValueError: client: '​c-001' is not accepted; ...
    """
    text = non_empty(value, field=field)
    if not text.isprintable():  # a space other than U+0020, or a character unseen
        import unicodedata

        if any(unicodedata.category(character) in _UNSEEN for character in text):
            raise InvalidValueError(
                field,
                value,
                message(
                    "a key without control or invisible characters (such as a zero-width space)"
                ),
            )
    return text


def is_key(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The field holds a key: a non-empty ``str`` without a control or invisible
    character (see :func:`key_text`)."""
    key_text(value, field=attribute.name)


def is_flag(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The field holds ``True`` or ``False``."""
    boolean(value, field=attribute.name)


def is_day(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The field holds a ``date`` (not a ``datetime``)."""
    calendar_date(value, field=attribute.name)


def is_count(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The field holds an ``int`` of 0 or more (at most :data:`MAX_COUNT`)."""
    whole_number(value, field=attribute.name, minimum=0)


def is_positive_count(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The field holds an ``int`` of 1 or more (at most :data:`MAX_COUNT`)."""
    whole_number(value, field=attribute.name, minimum=1)


def is_months(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The field holds a number of months, an ``int`` from 1 to :data:`MAX_MONTHS`."""
    whole_number(value, field=attribute.name, minimum=1, maximum=MAX_MONTHS)


def is_days(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    """The field holds a number of days, an ``int`` from 1 to :data:`MAX_DAYS`."""
    whole_number(value, field=attribute.name, minimum=1, maximum=MAX_DAYS)


def instance_of(
    kind: type | tuple[type, ...], expected: Message, *, optional: bool = False
) -> Validator:
    """A validator: the field holds an instance of ``kind`` (or None, if ``optional``)."""

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        if not isinstance(value, kind) and not (optional and value is None):
            raise InvalidTypeError(attribute.name, value, expected)

    return check


#: The same validators for fields that may also be None.
is_optional_text = attrs.validators.optional(is_text)
is_optional_day = attrs.validators.optional(is_day)
is_optional_count = attrs.validators.optional(is_count)
is_optional_positive_count = attrs.validators.optional(is_positive_count)
is_optional_months = attrs.validators.optional(is_months)
is_optional_days = attrs.validators.optional(is_days)


def each(kind: type | tuple[type, ...], expected: Message) -> Validator:
    """A validator: every item of the (tuple or frozenset) field is a ``kind``."""

    def check(_: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
        for position, item in enumerate(value):
            if not isinstance(item, kind):
                raise InvalidTypeError(f"{attribute.name}[{position}]", item, expected)

    return check


# -- converters ----------------------------------------------------------------------------


def _field_aware(check: Callable[..., T]) -> attrs.Converter[Any, T]:
    def convert(value: Any, attribute: attrs.Attribute[Any]) -> T:
        return check(value, field=attribute.name)

    return attrs.Converter(convert, takes_field=True)


def _optional_text(value: Any, *, field: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise InvalidTypeError(field, value, message("a str or None"))
    return value if value and value.strip() else None


def _month(value: Any, *, field: str) -> date:
    day = calendar_date(value, field=field)
    return day if day.day == 1 else day.replace(day=1)  # a first day is kept, not copied


def _frozenset(value: Any, *, field: str) -> frozenset[Any]:
    return frozenset(sequence(value, field=field))


def _fraction(value: Any, *, field: str) -> Fraction:
    if isinstance(value, bool) or not isinstance(value, int | Fraction):
        raise InvalidTypeError(field, value, message("an int or a Fraction of 0 or more"))
    if value < 0:
        raise InvalidValueError(field, value, message("an int or a Fraction of 0 or more"))
    limit = 10**MAX_EXACT_DIGITS
    if value.numerator >= limit or value.denominator >= limit:
        raise InvalidValueError(
            field,
            value,
            message(
                "a Fraction whose terms have at most {digits} digits", digits=MAX_EXACT_DIGITS
            ),
        )
    return Fraction(value)


if TYPE_CHECKING:
    # attrs' mypy plugin reads a field's type from a converter that is a named
    # function; these signatures tell it what the converters below accept.

    def to_number(value: Decimal | int | str) -> Decimal: ...
    def to_points(value: Decimal | int | str) -> Decimal: ...
    def to_positive(value: Decimal | int | str) -> Decimal: ...
    def to_share(value: Decimal | int | str) -> Decimal: ...
    def to_optional_points(value: Decimal | int | str | None) -> Decimal | None: ...
    def to_optional_share(value: Decimal | int | str | None) -> Decimal | None: ...
    def to_optional_moment(value: datetime | date | None) -> datetime | None: ...
    def to_moment(value: datetime | date) -> datetime: ...
    def to_month(value: date) -> date: ...
    def to_tuple(value: Iterable[Any]) -> tuple[Any, ...]: ...
    def to_frozenset(value: Iterable[Any]) -> frozenset[Any]: ...
    def to_key(value: str) -> str: ...
    def to_optional_text(value: str | None) -> str | None: ...
    def to_fraction(value: int | Fraction) -> Fraction: ...

else:
    to_number = _field_aware(to_decimal)
    to_points = _field_aware(at_least_zero)
    to_positive = _field_aware(above_zero)
    to_share = _field_aware(share)
    to_moment = _field_aware(moment)
    to_month = _field_aware(_month)
    to_tuple = _field_aware(sequence)
    to_frozenset = _field_aware(_frozenset)
    to_key = _field_aware(key)
    to_optional_text = _field_aware(_optional_text)
    to_fraction = _field_aware(_fraction)
    to_optional_points = attrs.converters.optional(to_points)
    to_optional_share = attrs.converters.optional(to_share)
    to_optional_moment = attrs.converters.optional(to_moment)
