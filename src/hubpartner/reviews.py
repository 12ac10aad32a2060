"""Reviews in HubSpot's Solutions Directory, as values and pure transitions.

A partner's :class:`DirectoryProfile` holds its paid services, its team and the whole
history of reviews, responses and reports. Every action — submitting, responding,
reporting, removing, dismissing, correcting — is a function that takes the profile
and returns the **new profile and the notifications the action implies**; nothing is
sent and nothing is stored, so an application delivers the notifications and keeps
the profile as it likes. Nothing is ever deleted: a removed review stays in the
history with who removed it, when and why.

Reviewer information is private: it is kept on the :class:`Review` for HubSpot, but
never appears in a ``repr``, in :func:`public_view`, or in anything a partner is given.
"""

from __future__ import annotations

import difflib
import enum
import functools
import itertools
import re
import sys
import unicodedata
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping
from datetime import datetime
from decimal import Decimal
from fractions import Fraction
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar, cast

import attrs

from ._checks import (
    MAX_SCALE_SIZE,
    Choice,
    each,
    each_item,
    instance,
    instance_of,
    is_count,
    is_flag,
    is_key,
    is_optional_text,
    is_text,
    key,
    member,
    moment,
    non_empty,
    not_before,
    same_clock,
    sequence,
    to_moment,
    to_optional_moment,
    to_tuple,
    whole_number,
)
from ._files import Problems, packaged_source, packaged_toml
from .decimals import RoundingPolicy
from .errors import (
    AlreadyRespondedError,
    CorrectionRefusedError,
    DuplicateIdError,
    EmptyTallyError,
    InconsistentHistoryError,
    InvalidTypeError,
    InvalidValueError,
    NotActiveError,
    NotPermittedError,
    ReviewRefusedError,
    UnknownEntryError,
    shown,
)
from .messages import Message, message, plural
from .present import SUPPORTED, Presenter, resolve_locale

__all__ = [
    "OVERALL",
    "Affiliation",
    "Authentication",
    "CategorySummary",
    "Client",
    "Correction",
    "CorrectionRules",
    "DirectoryProfile",
    "Event",
    "Notification",
    "PaidService",
    "PartnerMember",
    "Party",
    "Prospect",
    "PublicResponse",
    "PublicReview",
    "RatingCategory",
    "RatingScale",
    "Ratings",
    "Recipient",
    "Refusal",
    "Removal",
    "RemovalGround",
    "Report",
    "ReportStatus",
    "Response",
    "Review",
    "ReviewRules",
    "ReviewText",
    "Reviewer",
    "Role",
    "Staff",
    "Summary",
    "TeamMember",
    "correct_response",
    "correct_review",
    "correction_problem",
    "describe",
    "dismiss_report",
    "eligibility",
    "public_view",
    "remove_response",
    "remove_review",
    "report",
    "respond",
    "review_rules",
    "submit_review",
    "summary",
]


def _a(kind: str) -> Message:
    """What a field of type ``kind`` accepts: "a Reviewer"."""
    # Translators: {type} names a Python type (Reviewer, ReviewText, str …); keep it as it is
    return message("a {type}", type=kind)


def _a_or_none(kind: str) -> Message:
    """What an optional field of type ``kind`` accepts: "a Removal or None"."""
    # Translators: {type} names a Python type (Removal, PublicResponse …); keep it as it is
    return message("a {type} or None", type=kind)


# -- who is who -------------------------------------------------------------------------


class Authentication(Choice):
    """How a reviewer proved who they are."""

    HUBSPOT_LOGIN = "hubspot-login"
    LINKEDIN = "linkedin"
    NONE = "none"


class Affiliation(Choice):
    """Ties that bar a reviewer (HubSpot's review guidelines)."""

    PARTNER_EMPLOYEE_OR_CONTRACTOR = "employee or contractor of the partner"
    EVENT_ATTENDEE = "attendee of an event"
    HUBSPOT_EMPLOYEE = "HubSpot employee"
    OTHER_PARTNER = "another Solutions Partner"


def _affiliations(value: Any) -> frozenset[Affiliation]:
    return frozenset(each_item(Affiliation.parse, value, field="affiliations"))


@attrs.frozen
class Reviewer:
    """The reviewer information section of a review: private to HubSpot.

    Only ``id`` appears in the ``repr``. ``company`` is the name the reviewer gave;
    ``organisation`` is the id of the client company they belong to, the one a
    :class:`PaidService` names (None: the reviewer is the client themself, and a
    service's ``client`` is then their ``id``). ``response_emails`` is False when
    the reviewer opted out of emails about responses. ``affiliation_disclosed`` and
    ``work_contracted`` matter for a reviewer who is another partner.
    """

    id: str = attrs.field(validator=is_key)
    name: str = attrs.field(validator=is_text, repr=False)
    email: str = attrs.field(validator=is_text, repr=False)
    company: str = attrs.field(validator=is_text, repr=False)
    authentication: Authentication = attrs.field(converter=Authentication, repr=False)
    affiliations: frozenset[Affiliation] = attrs.field(
        default=frozenset(), converter=_affiliations, repr=False
    )
    affiliation_disclosed: bool = attrs.field(default=False, validator=is_flag, repr=False)
    work_contracted: bool = attrs.field(default=False, validator=is_flag, repr=False)
    response_emails: bool = attrs.field(default=True, validator=is_flag, repr=False)
    organisation: str | None = attrs.field(default=None, validator=is_optional_text, repr=False)

    @property
    def client(self) -> str:
        """The id of the client the reviewer speaks for: their organisation's, else their own."""
        return self.id if self.organisation is None else self.organisation


@attrs.frozen
class Client:
    """A client acting: the reviewer of a paid service."""

    reviewer: Reviewer = attrs.field(validator=instance_of(Reviewer, _a("Reviewer")))

    def __repr__(self) -> str:
        return f"Client({self.reviewer.id!r})"


@attrs.frozen
class PartnerMember:
    """A user of a partner's account acting for the partner."""

    partner: str = attrs.field(validator=is_text)
    user: str = attrs.field(validator=is_text)


@attrs.frozen
class Staff:
    """A member of HubSpot's team."""

    id: str = attrs.field(validator=is_key)


@attrs.frozen
class Prospect:
    """Anyone else visiting the directory (a prospect, another partner's customer …)."""

    id: str = attrs.field(validator=is_key)


Actor: TypeAlias = Client | PartnerMember | Staff | Prospect


@attrs.frozen
class TeamMember:
    """A user of the partner's account; ``marketplace_notifications`` if subscribed."""

    user: str = attrs.field(validator=is_text)
    marketplace_notifications: bool = attrs.field(default=False, validator=is_flag)


@attrs.frozen
class PaidService:
    """A service a partner delivered to a client company, ``client`` being its id.

    Any eligible person of that company (a :class:`Reviewer` whose ``organisation``
    is ``client``) may review it, one active review at a time. A ``client`` that is
    a reviewer's own id still works for a reviewer without an ``organisation``.
    """

    id: str = attrs.field(validator=is_key)
    partner: str = attrs.field(validator=is_text)
    client: str = attrs.field(validator=is_key)
    paid: bool = attrs.field(validator=is_flag)
    description: str = attrs.field(default="", validator=instance_of(str, _a("str")))


# -- the review form --------------------------------------------------------------------


def _packaged_scale() -> RatingScale:
    return review_rules().scale


@attrs.frozen
class RatingScale:
    """The range of the star ratings, ``low`` to ``high`` stars (the overall rating and
    every rating category share it).

    HubSpot has not published its scale or rating categories, so the scale is
    configuration: its default, ``RatingScale()``, is the packaged review rules' (1 to 5
    stars, :func:`review_rules`).
    """

    low: int = attrs.field(factory=lambda: _packaged_scale().low, validator=is_count)
    high: int = attrs.field(factory=lambda: _packaged_scale().high, validator=is_count)

    def __attrs_post_init__(self) -> None:
        whole_number(
            self.high, field="high", minimum=self.low + 1, maximum=self.low + MAX_SCALE_SIZE - 1
        )

    def check(
        self,
        stars: Any,
        *,
        field: str = "overall",
        error: type[InvalidValueError] = InvalidValueError,
    ) -> int:
        """Return ``stars`` if it is an int on the scale; ``field`` names it otherwise
        (and ``error`` is raised for an int off the scale)."""
        if not isinstance(error, type) or not issubclass(error, InvalidValueError):
            raise InvalidTypeError("error", error, message("a subclass of InvalidValueError"))
        if isinstance(stars, bool) or not isinstance(stars, int):
            raise InvalidTypeError(field, stars, self._expected())
        if not self.low <= stars <= self.high:
            raise error(field, stars, self._expected())
        return stars

    def _expected(self) -> Message:
        """What :meth:`check` accepts (made only when it refuses something)."""
        return message(
            "an int from {low} to {high} (the profile's scale)", low=self.low, high=self.high
        )


#: The name of the rating every review has; other rating categories are configuration.
OVERALL = "overall"


def _category_name(value: Any, *, field: str) -> str:
    """A rating category's name: a non-empty str other than ``"overall"``."""
    if non_empty(value, field=field) == OVERALL:
        raise InvalidValueError(field, value, message("a category other than the overall rating"))
    return str(value)


if TYPE_CHECKING:  # how attrs' mypy plugin sees the field-aware converter below

    def _to_category_name(value: str) -> str: ...

else:
    _to_category_name = attrs.Converter(
        lambda value, attribute: _category_name(value, field=attribute.name), takes_field=True
    )


@attrs.frozen
class RatingCategory:
    """A rating category besides the overall rating ("communication", "expertise" …),
    rated on the same scale; a review must rate it when it is ``required``."""

    name: str = attrs.field(converter=_to_category_name)
    required: bool = attrs.field(default=True, validator=is_flag)


def _categories(value: Any, attribute: attrs.Attribute[Any]) -> tuple[RatingCategory, ...]:
    """Rating categories, each given as a RatingCategory or by name (then required),
    each name once."""
    categories: list[RatingCategory] = []
    for position, item in enumerate(sequence(value, field=attribute.name)):
        field = f"{attribute.name}[{position}]"
        if isinstance(item, str):
            item = RatingCategory(_category_name(item, field=field))
        if not isinstance(item, RatingCategory):
            raise InvalidTypeError(field, item, message("a RatingCategory or a category name"))
        if any(other.name == item.name for other in categories):
            raise InvalidValueError(field, item.name, message("a category name not given before"))
        categories.append(item)
    return tuple(categories)


if TYPE_CHECKING:  # how attrs' mypy plugin sees the field-aware converter below

    def _to_categories(value: Iterable[RatingCategory | str]) -> tuple[RatingCategory, ...]: ...

else:
    _to_categories = attrs.Converter(_categories, takes_field=True)


def _word(value: Any, *, field: str) -> str:
    """A word (or a part of one), lower-cased: a non-empty str without spaces."""
    word = key(value, field=field)
    if any(character.isspace() for character in word):
        raise InvalidValueError(field, value, message("one word, without spaces"))
    return word


def _words(value: Any, attribute: attrs.Attribute[Any]) -> tuple[str, ...]:
    """Words (or parts of words), compared without regard to case: sorted, each once."""
    return tuple(sorted(set(each_item(_word, value, field=attribute.name))))


def _word_pairs(value: Any, attribute: attrs.Attribute[Any]) -> tuple[tuple[str, str], ...]:
    """Pairs of two different words, each pair sorted and listed once."""
    pairs: set[tuple[str, str]] = set()
    for position, pair in enumerate(sequence(value, field=attribute.name)):
        field = f"{attribute.name}[{position}]"
        match pair:
            case (first, second):
                one, other = sorted((_word(first, field=field), _word(second, field=field)))
                if one == other:
                    raise InvalidValueError(field, pair, message("two different words"))
                pairs.add((one, other))
            case _:
                raise InvalidTypeError(field, pair, message("a pair of opposite words"))
    return tuple(sorted(pairs))


def _word_sets(value: Any, attribute: attrs.Attribute[Any]) -> tuple[tuple[str, ...], ...]:
    """Sets of two or more forms of one word, each sorted, the sets sorted."""
    found: set[tuple[str, ...]] = set()
    for position, forms in enumerate(sequence(value, field=attribute.name)):
        field = f"{attribute.name}[{position}]"
        words = tuple(sorted(set(each_item(_word, forms, field=field))))
        if len(words) < 2:
            raise InvalidValueError(field, forms, message("two or more forms of one word"))
        found.add(words)
    return tuple(sorted(found))


if TYPE_CHECKING:  # how attrs' mypy plugin sees the field-aware converters below

    def _to_words(value: Iterable[str]) -> tuple[str, ...]: ...
    def _to_word_pairs(value: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]: ...
    def _to_word_sets(value: Iterable[Iterable[str]]) -> tuple[tuple[str, ...], ...]: ...

else:
    _to_words = attrs.Converter(_words, takes_field=True)
    _to_word_pairs = attrs.Converter(_word_pairs, takes_field=True)
    _to_word_sets = attrs.Converter(_word_sets, takes_field=True)


@attrs.frozen
class CorrectionRules:
    """The words of one ``language`` that a spelling or grammar correction must leave
    as they are, as data (``[corrections.<language>]`` in ``data/reviews.toml``; see
    :func:`correction_problem`):

    - ``negations``: words that negate (not, inte, nicht, ない …); a correction may
      not add or remove one;
    - ``negating_prefixes``: prefixes that turn a word into its opposite (un-, o-,
      epä- …); a correction may not add or remove one;
    - ``antonyms``: pairs of opposite words (slow/fast, bra/dålig …); a correction
      may not put one for the other;
    - ``number_words``: numbers written as words (one, två, zwölf …); with every
      number written in digits, they must stay as they are;
    - ``negating_elisions``: parts joined to a word by an apostrophe that negate it
      (English *n't*, French *n'*);
    - ``forms``: sets of forms of one word that a grammar correction may exchange
      (a/an, en/ett, der/die/das …);
    - ``ambiguous``: words of these lists that are everyday words of another
      language; they are checked only when the review's language is known;
    - ``spaces``: False for a language written without spaces between words
      (Japanese), whose words are then found anywhere inside the text.

    :func:`review_rules` holds the packaged lists of every language hubpartner
    speaks (``languages``); extend them (:meth:`with_antonyms`, or ``attrs.evolve``
    for the others) or add a language of your own.
    """

    negations: tuple[str, ...] = attrs.field(converter=_to_words)
    negating_prefixes: tuple[str, ...] = attrs.field(converter=_to_words)
    antonyms: tuple[tuple[str, str], ...] = attrs.field(converter=_to_word_pairs)
    number_words: tuple[str, ...] = attrs.field(converter=_to_words)
    language: str = attrs.field(default="en", kw_only=True, validator=is_text)
    negating_elisions: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_to_words)
    forms: tuple[tuple[str, ...], ...] = attrs.field(
        default=(), kw_only=True, converter=_to_word_sets
    )
    ambiguous: tuple[str, ...] = attrs.field(default=(), kw_only=True, converter=_to_words)
    spaces: bool = attrs.field(default=True, kw_only=True, validator=is_flag)

    def __attrs_post_init__(self) -> None:
        listed = {
            *self.negations,
            *self.negating_prefixes,
            *(word for pair in self.antonyms for word in pair),
            *self.number_words,
        }
        for word in self.ambiguous:
            if word not in listed:
                raise InvalidValueError(
                    "ambiguous",
                    word,
                    message("a word of the rules' negations, prefixes, antonyms or number words"),
                )

    def with_antonyms(self, *pairs: tuple[str, str]) -> CorrectionRules:
        """Return the rules with more pairs of opposite words.

        >>> extended = review_rules().corrections.with_antonyms(("onshore", "offshore"))
        >>> ("offshore", "onshore") in extended.antonyms
        True
        """
        return attrs.evolve(self, antonyms=(*self.antonyms, *pairs))


def _packaged_corrections() -> CorrectionRules:
    return review_rules().corrections


def _packaged_languages() -> tuple[CorrectionRules, ...]:
    return review_rules().languages


def _languages(value: Any, field: str = "languages") -> tuple[CorrectionRules, ...]:
    """Correction rules, one per language."""
    found = each_item(_one_language, value, field=field)
    seen: set[str] = set()
    for position, rules in enumerate(found):
        if rules.language in seen:
            raise InvalidValueError(
                f"{field}[{position}]", rules.language, message("each language once")
            )
        seen.add(rules.language)
    return found


def _one_language(value: Any, *, field: str) -> CorrectionRules:
    return instance(value, CorrectionRules, field=field, expected=_a("CorrectionRules"))


@attrs.frozen
class ReviewRules:
    """The review numbers HubSpot has not published, as data (``data/reviews.toml``):
    the star ``scale``, the rounding of the ``display`` of an average rating, the
    rating ``categories`` besides the overall rating (none by default), and the
    words a support correction must leave as they are: ``languages`` holds them for
    every language, ``corrections`` the English ones (the rules of earlier versions)."""

    scale: RatingScale = attrs.field(validator=instance_of(RatingScale, _a("RatingScale")))
    display: RoundingPolicy = attrs.field(
        validator=instance_of(RoundingPolicy, _a("RoundingPolicy"))
    )
    categories: tuple[RatingCategory, ...] = attrs.field(default=(), converter=_to_categories)
    corrections: CorrectionRules = attrs.field(
        factory=_packaged_corrections,
        validator=instance_of(CorrectionRules, _a("CorrectionRules")),
    )
    languages: tuple[CorrectionRules, ...] = attrs.field(
        factory=_packaged_languages, converter=_languages
    )


@functools.cache
def review_rules() -> ReviewRules:
    """The packaged review rules (read once, on first use).

    >>> review_rules().scale, review_rules().display.name, review_rules().categories
    (RatingScale(low=1, high=5), 'half-up to 1 place', ())
    >>> [rules.language for rules in review_rules().languages]
    ['en', 'sv', 'nb', 'it', 'de', 'fr', 'es', 'pt_BR', 'nl', 'da', 'fi', 'ja']
    """
    return _review_rules_from(packaged_toml("reviews.toml"), packaged_source("reviews.toml"))


#: The keys of a language's table in ``[corrections]``: required, then optional.
_LANGUAGE_KEYS = (
    "negations",
    "negating_elisions",
    "negating_prefixes",
    "antonyms",
    "number_words",
    "forms",
    "ambiguous",
)
#: The tables of ``data/reviews.toml`` and the keys of each (``corrections`` has a
#: table for each language hubpartner speaks).
_LAYOUT = {
    "rating": ("low", "high", "categories"),
    "summary": ("places", "rounding"),
    "corrections": SUPPORTED,
}


def _review_rules_from(data: dict[str, Any], source: str) -> ReviewRules:
    """The review rules of a document written like ``data/reviews.toml``, checked
    whole: every problem is reported with its key in one
    :class:`~hubpartner.errors.RulesFileError` naming ``source``."""
    problems = Problems()
    tables = problems.tables(data, _LAYOUT)
    problems.raise_found(source)
    rating, shown, words = tables["rating"], tables["summary"], tables["corrections"]
    scale = problems.build(lambda: RatingScale(rating["low"], rating["high"]), within="rating")
    display = problems.build(
        lambda: RoundingPolicy(shown["places"], shown["rounding"]), within="summary"
    )
    categories = problems.build(lambda: _toml_categories(rating["categories"]), within="rating")
    languages = [_toml_corrections(problems, words, language) for language in SUPPORTED]
    problems.raise_found(source)
    assert scale is not None
    assert display is not None
    found = tuple(rules for rules in languages if rules is not None)
    rules = problems.build(
        lambda: ReviewRules(scale, display, categories or (), found[0], found), within="rating"
    )
    problems.raise_found(source)
    assert rules is not None
    return rules


def _toml_corrections(
    problems: Problems, tables: dict[str, Any], language: str
) -> CorrectionRules | None:
    """The correction rules of ``language`` in the ``[corrections]`` table: its lists,
    each word once (noting every problem under ``corrections.<language>``)."""
    within = f"corrections.{language}"
    table = tables[language]  # present: a missing language is refused with the tables
    if not isinstance(table, dict):
        problems.add(
            within, message("expected a table of word lists, got {value}", value=shown(table))
        )
        return None
    problems.keys(table, required=_LANGUAGE_KEYS, optional=("spaces",), within=within)
    for name in _LANGUAGE_KEYS:
        given = table.get(name)
        seen: set[Any] = set()
        for item in given if isinstance(given, list) else ():
            same = _listed_as(item)
            if same in seen:
                problems.add(
                    f"{within}.{name}", message("{item} is listed twice", item=shown(item))
                )
            seen.add(same)
    if any(name not in table for name in _LANGUAGE_KEYS):
        return None
    return problems.build(
        lambda: CorrectionRules(
            table["negations"],
            table["negating_prefixes"],
            table["antonyms"],
            table["number_words"],
            language=language,
            negating_elisions=table["negating_elisions"],
            forms=table["forms"],
            ambiguous=table["ambiguous"],
            spaces=table.get("spaces", True),
        ),
        within=within,
    )


def _listed_as(item: Any) -> Any:
    """How an item of a word list compares with the others: a word without regard to
    case, a list of words (a pair, a set of forms) without regard to order."""
    if isinstance(item, str):
        return item.strip().lower()
    if isinstance(item, list) and all(isinstance(word, str) for word in item):
        return tuple(sorted(word.strip().lower() for word in item))
    return repr(item)


def _toml_categories(value: Any) -> list[RatingCategory]:
    """Rating categories written as tables ``{ name = "…", required = true }``."""
    expected = message('a list of tables such as { name = "communication", required = true }')
    found = []
    for item in sequence(value, field="categories"):
        if not isinstance(item, dict) or set(item) != {"name", "required"}:
            raise InvalidValueError("categories", item, expected)
        found.append(RatingCategory(item["name"], item["required"]))
    return found


def _services(value: Any) -> tuple[str, ...]:
    return each_item(non_empty, value, field="services")


def _category_stars(value: Any, attribute: attrs.Attribute[Any]) -> tuple[tuple[str, int], ...]:
    """(category, stars) pairs, from a mapping or pairs, sorted by category, each once."""
    field = attribute.name
    items = value.items() if isinstance(value, Mapping) else sequence(value, field=field)
    pairs: dict[str, int] = {}
    for item in items:
        match item:
            case (name, stars):
                name = _category_name(name, field=field)
                if name in pairs:
                    raise InvalidValueError(field, name, message("each category rated once"))
                pairs[name] = whole_number(stars, field=f"{field}[{name!r}]", minimum=0)
            case _:
                raise InvalidTypeError(field, item, message("a (category, stars) pair"))
    return tuple(sorted(pairs.items()))


if TYPE_CHECKING:  # how attrs' mypy plugin sees the field-aware converter below

    def _to_category_stars(
        value: Mapping[str, int] | Iterable[tuple[str, int]],
    ) -> tuple[tuple[str, int], ...]: ...

else:
    _to_category_stars = attrs.Converter(_category_stars, takes_field=True)


@attrs.frozen
class Ratings:
    """Section 1 of the form: the overall star rating, the services reviewed, and the
    stars given in rating categories (a mapping of category to stars, kept as sorted
    pairs). Which categories a review must or may rate is the profile's
    configuration, checked when the review is submitted."""

    overall: int = attrs.field(validator=is_count)
    services: tuple[str, ...] = attrs.field(default=(), converter=_services)
    categories: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_to_category_stars)

    def stars(self, category: str) -> int | None:
        """The stars given in ``category`` (``"overall"`` too), or None if not rated."""
        if non_empty(category, field="category") == OVERALL:
            return self.overall
        return dict(self.categories).get(category)


@attrs.frozen
class ReviewText:
    """Section 2 of the form: the review itself."""

    title: str = attrs.field(validator=is_text)
    body: str = attrs.field(validator=is_text)


class RemovalGround(Choice):
    """The only grounds on which HubSpot removes a review or a response."""

    FIELD = enum.nonmember("ground")

    OFFENSIVE = "offensive"
    PROFANITY = "profanity"
    GUIDELINE_VIOLATION = "guideline violation"


@attrs.frozen
class Removal:
    """Who removed an entry, when, on which ground, and after which report (if any).

    ``with_review`` is set on a response removed because its review was: the id of
    that review.
    """

    by: str = attrs.field(validator=is_text)
    at: datetime = attrs.field(converter=to_moment)
    ground: RemovalGround = attrs.field(converter=RemovalGround)
    report: str | None = attrs.field(default=None, validator=is_optional_text)
    with_review: str | None = attrs.field(default=None, validator=is_optional_text)


Text = TypeVar("Text", "ReviewText", str)
#: A moment and what happened then ("review 'r1' was submitted").
Moment: TypeAlias = tuple[datetime, Message]
#: A moment and a function that says what happened then (the message is made only
#: when an action is refused for coming before it).
Later: TypeAlias = tuple[datetime, Callable[[], Message]]


_TEXTS = (ReviewText, str)


@attrs.frozen
class Correction(Generic[Text]):
    """A spelling or grammar correction made by support: the text before and after
    (both a :class:`ReviewText`, or both a non-empty str)."""

    by: str = attrs.field(validator=is_text)
    at: datetime = attrs.field(converter=to_moment)
    before: Text = attrs.field(
        validator=instance_of(
            _TEXTS, message("a {type} or a {other}", type="ReviewText", other="str")
        )
    )
    after: Text = attrs.field(
        validator=instance_of(
            _TEXTS, message("a {type} or a {other}", type="ReviewText", other="str")
        )
    )

    def __attrs_post_init__(self) -> None:
        if type(self.after) is not type(self.before):
            raise InvalidTypeError(
                "after",
                self.after,
                message("a {type}, as before", type=type(self.before).__name__),
            )
        if isinstance(self.before, str):
            non_empty(self.before, field="before")
            non_empty(self.after, field="after")


class _Locked(Generic[Text]):
    """What reviews and responses share: they are locked when submitted — only support
    corrects them, keeping each text before — and shown until HubSpot removes them."""

    __slots__ = ()
    id: str
    text: Text
    submitted_at: datetime
    corrections: tuple[Correction[Text], ...]
    removal: Removal | None

    @property
    def active(self) -> bool:
        """True until HubSpot removes the entry."""
        return self.removal is None

    @property
    def original_text(self) -> Text:
        """The text as it was submitted, before any correction."""
        return self.corrections[0].before if self.corrections else self.text

    def __attrs_post_init__(self) -> None:
        """Each correction starts from the text the one before it left, and the last
        leaves the text the entry has; corrections follow the submission and one
        another, and a removal follows them all."""
        if not self.corrections and self.removal is None:
            return  # nothing to check (and no message to make)
        text = self.original_text
        last, after = self.events()[0]
        for position, correction in enumerate(self.corrections):
            field = f"corrections[{position}]"
            if not isinstance(correction.before, type(self.text)):
                kind = type(self.text).__name__
                raise InvalidTypeError(
                    field, correction, message("a Correction of a {type}", type=kind)
                )
            if correction.before != text:
                raise InconsistentHistoryError(
                    f"{field}.before",
                    correction.before,
                    message("the text the correction before left"),
                )
            last = not_before(correction.at, last, field=f"{field}.at", after=after)
            text, after = correction.after, message("the correction before it was made")
        if text != self.text:
            raise InconsistentHistoryError(
                "text", self.text, message("the text the last correction left")
            )
        if self.removal is not None:
            not_before(self.removal.at, last, field="removal.at", after=after)

    def _submitted(self) -> Later:
        """When the entry was submitted (the first of :meth:`events`), and a function
        that says so."""
        return self.submitted_at, lambda: message(
            "{kind} {entry} was submitted", kind=_kind(self), entry=repr(self.id)
        )

    def events(self) -> list[Moment]:
        """When the entry was submitted and each time it was corrected, in order."""
        called: Message = _kind(self)
        entry: str = repr(self.id)
        when, submitted = self._submitted()
        return [
            (when, submitted()),
            *(
                (item.at, message("{kind} {entry} was corrected", kind=called, entry=entry))
                for item in self.corrections
            ),
        ]


_is_removal = instance_of(Removal, _a_or_none("Removal"), optional=True)
_are_corrections = each(Correction, _a("Correction"))


@attrs.frozen
class Review(_Locked[ReviewText]):
    """A submitted review. It is locked: only support corrections change its text,
    and each is kept in ``corrections`` with the text before it."""

    id: str = attrs.field(validator=is_key)
    service: str = attrs.field(validator=is_text)
    partner: str = attrs.field(validator=is_text)
    ratings: Ratings = attrs.field(validator=instance_of(Ratings, _a("Ratings")))
    text: ReviewText = attrs.field(validator=instance_of(ReviewText, _a("ReviewText")))
    reviewer: Reviewer = attrs.field(repr=False, validator=instance_of(Reviewer, _a("Reviewer")))
    submitted_at: datetime = attrs.field(converter=to_moment)
    removal: Removal | None = attrs.field(default=None, validator=_is_removal)
    corrections: tuple[Correction[ReviewText], ...] = attrs.field(
        default=(), converter=to_tuple, validator=_are_corrections
    )


@attrs.frozen
class Response(_Locked[str]):
    """A partner's response to a review, locked like the review."""

    id: str = attrs.field(validator=is_key)
    review: str = attrs.field(validator=is_text)
    author: str = attrs.field(validator=is_text)
    text: str = attrs.field(validator=is_text)
    submitted_at: datetime = attrs.field(converter=to_moment)
    removal: Removal | None = attrs.field(default=None, validator=_is_removal)
    corrections: tuple[Correction[str], ...] = attrs.field(
        default=(), converter=to_tuple, validator=_are_corrections
    )


# -- reports and notifications -----------------------------------------------------------


class Role(Choice):
    """Who a notification is for."""

    PARTNER = "partner"
    TEAM_MEMBER = "team member"
    REVIEWER = "reviewer"
    REPORTER = "reporter"


class Party(Choice):
    """Who someone acting is: what tells apart two people with the same id."""

    CLIENT = "client"
    PARTNER_MEMBER = "partner member"
    STAFF = "HubSpot staff"
    PROSPECT = "prospect"


@attrs.frozen
class Recipient:
    """Someone to notify: a role and an id (the partner's, a user's, a reviewer's …).

    A reporter also carries the ``party`` they acted as and their ``organisation``
    (a client's company, a partner member's partner; None for staff and prospects),
    so that a client ``"u1"`` and a partner member ``"u1"`` are two reporters.
    """

    role: Role = attrs.field(converter=Role)
    id: str = attrs.field(validator=is_key)
    party: Party | None = attrs.field(default=None, converter=attrs.converters.optional(Party))
    organisation: str | None = attrs.field(default=None, validator=is_optional_text)


class ReportStatus(Choice):
    """Where a report stands: open until HubSpot's team decides."""

    FIELD = enum.nonmember("status")

    OPEN = "open"
    UPHELD = "upheld"
    DISMISSED = "dismissed"


@attrs.frozen
class Report:
    """A report of a review or a response, by anyone, with a reason and comments."""

    id: str = attrs.field(validator=is_key)
    reporter: Recipient = attrs.field(validator=instance_of(Recipient, _a("Recipient")))
    review: str = attrs.field(validator=is_text)
    response: str | None = attrs.field(validator=is_optional_text)
    reason: str = attrs.field(validator=is_text)
    comments: str = attrs.field(validator=instance_of(str, _a("str")))
    at: datetime = attrs.field(converter=to_moment)
    status: ReportStatus = attrs.field(default=ReportStatus.OPEN, converter=ReportStatus)
    decided_by: str | None = attrs.field(default=None, validator=is_optional_text)
    decided_at: datetime | None = attrs.field(default=None, converter=to_optional_moment)

    def __attrs_post_init__(self) -> None:
        still_open = self.status is ReportStatus.OPEN
        if (self.decided_by is None) is not still_open or (
            self.decided_at is None
        ) is not still_open:
            raise InconsistentHistoryError(
                "status",
                self.status,
                message("open with neither decided_by nor decided_at, or decided with both"),
            )
        if self.decided_at is not None:
            when, after = self.made
            not_before(self.decided_at, when, field="decided_at", after=after)

    @property
    def made(self) -> Moment:
        """When the report was made."""
        return self.at, message("report {entry} was made", entry=repr(self.id))


class Event(Choice):
    """What a notification is about."""

    NEW_REVIEW = "new review"
    NEW_RESPONSE = "new response"
    REVIEW_REMOVED = "review removed"
    RESPONSE_REMOVED = "response removed"


@attrs.frozen
class Notification:
    """A message an action implies. ``reachable`` is False, with the reason in
    ``note``, when the recipient cannot be emailed (a LinkedIn-authenticated reviewer)."""

    to: Recipient = attrs.field(validator=instance_of(Recipient, _a("Recipient")))
    event: Event = attrs.field(converter=Event)
    review: str = attrs.field(validator=is_text)
    response: str | None = attrs.field(default=None, validator=is_optional_text)
    reachable: bool = attrs.field(default=True, validator=is_flag)
    note: str = attrs.field(default="", validator=instance_of(str, _a("str")))


Outcome: TypeAlias = tuple["DirectoryProfile", tuple[Notification, ...]]


# -- the profile's index ----------------------------------------------------------------

#: The entries a chunk of a :class:`_Vector` holds, and the branches of each of the two
#: levels of a :class:`_Map`: a change copies a few tuples of this many references,
#: and a map of a million keys has small buckets (mechanism, not a programme number).
_WIDTH = 64
#: The branches of each level of a :class:`_Map` (half the width: a copy of a few is
#: cheap), the bits of a hash that choose one, and the keys a leaf holds before it
#: splits (two levels' worth of bits); past ``_DEEPEST`` bits (the width of a hash) the
#: hash is spent and a leaf only grows (keys of one hash). Mechanism, not programme
#: numbers.
_SPAN = _WIDTH // 2
_BITS = _SPAN.bit_length() - 1
_MASK = _SPAN - 1
_LEAF = _BITS * 2
_DEEPEST = sys.hash_info.width
_EMPTY: tuple[None, ...] = (None,) * _SPAN


def _put(items: tuple[Any, ...], position: int, item: Any) -> tuple[Any, ...]:
    """``items`` with ``item`` at ``position``."""
    changed = list(items)
    changed[position] = item
    return tuple(changed)


class _Vector:
    """An immutable sequence that grows and changes without being copied whole: full
    chunks of ``_WIDTH`` entries, then a shorter tail. An append copies the tail (and,
    once every ``_WIDTH`` appends, the tuple of chunks); a replacement copies one chunk
    and the tuple of chunks. (Private, and never changed once made: a plain class with
    slots, made often and quickly.)"""

    __slots__ = ("chunks", "tail")

    def __init__(self, chunks: tuple[tuple[Any, ...], ...] = (), tail: tuple[Any, ...] = ()):
        self.chunks = chunks
        self.tail = tail

    @classmethod
    def of(cls, items: tuple[Any, ...]) -> _Vector:
        """The vector of ``items``."""
        whole = len(items) - len(items) % _WIDTH
        chunks = tuple(items[start : start + _WIDTH] for start in range(0, whole, _WIDTH))
        return cls(chunks, items[whole:])

    def __len__(self) -> int:
        return len(self.chunks) * _WIDTH + len(self.tail)

    def __getitem__(self, position: int) -> Any:
        chunk, offset = divmod(position, _WIDTH)
        return self.chunks[chunk][offset] if chunk < len(self.chunks) else self.tail[offset]

    def items(self) -> tuple[Any, ...]:
        """The entries, in order, as a tuple."""
        return tuple(itertools.chain(*self.chunks, self.tail))

    def appended(self, item: Any) -> _Vector:
        """The vector with ``item`` after the others."""
        tail = (*self.tail, item)
        if len(tail) == _WIDTH:
            return _Vector((*self.chunks, tail))
        return _Vector(self.chunks, tail)

    def replaced(self, position: int, item: Any) -> _Vector:
        """The vector with ``item`` at ``position``."""
        chunk, offset = divmod(position, _WIDTH)
        if chunk == len(self.chunks):
            return _Vector(self.chunks, _put(self.tail, offset, item))
        return _Vector(_put(self.chunks, chunk, _put(self.chunks[chunk], offset, item)), self.tail)


class _Map:
    """An immutable mapping that takes a new key without being copied whole: a tree of
    ``_SPAN``-branch tuples chosen by successive bits of the key's hash, whose ends
    are small dicts (at most ``_LEAF`` keys, unless the hash bits run out) that are
    never changed once made. A new key copies its leaf and the branches above it (a
    leaf that grows past ``_LEAF`` keys splits into a branch), so the cost of a change
    stays flat however many keys the map holds. (Private, and never changed once made,
    as :class:`_Vector`.)"""

    __slots__ = ("root",)

    def __init__(self, root: tuple[Any, ...] = _EMPTY):
        self.root = root

    @classmethod
    def of(cls, pairs: Iterable[tuple[Hashable, Any]]) -> _Map:
        """The mapping of ``pairs`` (a key given twice keeps its last value)."""
        return cls(_branch([(hash(key), key, value) for key, value in pairs], 0))

    def get(self, key: Hashable) -> Any:
        """The value of ``key``, or None."""
        code, node, shift = hash(key), self.root, 0
        while True:
            slot = node[code >> shift & _MASK]
            if type(slot) is not tuple:
                return None if slot is None else slot.get(key)
            node, shift = slot, shift + _BITS

    def with_value(self, key: Hashable, value: Any) -> _Map:
        """The mapping with ``key`` mapped to ``value``."""
        return _Map(_with(self.root, hash(key), 0, key, value))


def _with(
    node: tuple[Any, ...], code: int, shift: int, key: Hashable, value: Any
) -> tuple[Any, ...]:
    """The branch ``node`` (found by the bits of hashes from ``shift`` on) with ``key``
    (whose hash is ``code``) mapped to ``value``."""
    position = code >> shift & _MASK
    slot = node[position]
    if type(slot) is tuple:
        return _put(node, position, _with(slot, code, shift + _BITS, key, value))
    leaf = {} if slot is None else dict(slot)
    leaf[key] = value
    if len(leaf) > _LEAF and shift + _BITS < _DEEPEST:
        return _put(
            node, position, _branch([(hash(k), k, v) for k, v in leaf.items()], shift + _BITS)
        )
    return _put(node, position, leaf)


def _branch(items: list[tuple[int, Hashable, Any]], shift: int) -> tuple[Any, ...]:
    """The branch of ``items`` ((hash, key, value) triples; the last value of a key
    wins) found by the bits of their hashes from ``shift`` on."""
    slots: list[list[tuple[int, Hashable, Any]]] = [[] for _ in range(_SPAN)]
    for item in items:
        slots[item[0] >> shift & _MASK].append(item)
    return tuple(
        None
        if not part
        else {key: value for _, key, value in part}
        if len(part) <= _LEAF or shift + _BITS >= _DEEPEST
        else _branch(part, shift + _BITS)
        for part in slots
    )


#: The fields of a profile's history, each an entry of :class:`_Index`.
_HISTORY = ("services", "reviews", "responses", "reports")


def _group(field: str, entry: Any) -> Hashable:
    """What an entry of ``field`` belongs to: a review to its service, a response to its
    review, a report to what it reports. (Services belong to nothing.)"""
    if field == "reviews":
        return entry.service  # type: ignore[no-any-return]
    if field == "responses":
        return entry.review  # type: ignore[no-any-return]
    return _target(entry)


def _positions(held: int | tuple[int, ...] | None) -> tuple[int, ...]:
    """The positions a group of :class:`_Index` holds: most groups (a service's
    reviews, a review's responses) hold one entry, kept as a bare int (no tuple to
    keep alive, and a leaf of ids and ints the garbage collector skips)."""
    if held is None:
        return ()
    return (held,) if type(held) is int else held  # type: ignore[return-value]


class _Index:
    """A profile's history, found by id (``positions``: for each field, a map of id to
    position) and by what each entry belongs to (``groups``: for each field but
    services, a map of group to the positions of its entries, in order). The maps hold
    ids and positions, values the garbage collector need not walk; the entries are in
    ``vectors``. Built once from a profile's fields; each action hands it on, changed
    only where the action changed the history. (Private, and never changed once made,
    as :class:`_Vector`.)"""

    __slots__ = ("groups", "positions", "vectors", "watchers")

    def __init__(
        self,
        vectors: dict[str, _Vector],
        positions: dict[str, _Map],
        groups: dict[str, _Map],
        watchers: tuple[Recipient, ...] = (),
    ):
        self.vectors = vectors  # the entries of each field of _HISTORY (never changed)
        self.positions = positions  # (never changed, nor are the two below)
        self.groups = groups
        self.watchers = watchers  # who a new review notifies (the partner, its team)

    @classmethod
    def of(cls, profile: DirectoryProfile) -> _Index:
        """The index of ``profile``'s fields (a profile checked whole: each id once)."""
        vectors: dict[str, _Vector] = {}
        positions: dict[str, _Map] = {}
        groups: dict[str, _Map] = {}
        for field in _HISTORY:
            entries = getattr(profile, field)
            vectors[field] = _Vector.of(entries)
            positions[field] = _Map.of((entry.id, at) for at, entry in enumerate(entries))
            if field != "services":
                found: dict[Hashable, list[int]] = {}
                for at, entry in enumerate(entries):
                    found.setdefault(_group(field, entry), []).append(at)
                groups[field] = _Map.of(
                    (name, group[0] if len(group) == 1 else tuple(group))
                    for name, group in found.items()
                )
        watchers = (
            Recipient(Role.PARTNER, profile.partner),
            *(
                Recipient(Role.TEAM_MEMBER, member.user)
                for member in profile.team
                if member.marketplace_notifications
            ),
        )
        return cls(vectors, positions, groups, watchers)

    def vector(self, field: str) -> _Vector:
        """The entries of ``field``."""
        return self.vectors[field]

    def position(self, field: str, entry_id: Any) -> int | None:
        """The position of the entry of ``field`` with ``entry_id``, or None."""
        found: int | None = self.positions[field].get(entry_id)
        return found

    def group(self, field: str, group: Hashable) -> tuple[int, ...]:
        """The positions of the entries of ``field`` that belong to ``group``, in order."""
        return _positions(self.groups[field].get(group))

    def entry(self, field: str, entry_id: Any) -> Any:
        """The entry of ``field`` with ``entry_id``, or None."""
        if not isinstance(entry_id, str):
            return None
        position = self.positions[field].get(entry_id)
        return None if position is None else self.vectors[field][position]

    def under(self, field: str, group: Hashable) -> list[Any]:
        """The entries of ``field`` that belong to ``group``, in order."""
        vector = self.vectors[field]
        return [vector[position] for position in self.group(field, group)]

    def last(self, field: str, group: Hashable) -> Any:
        """The last entry of ``field`` that belongs to ``group``, or None."""
        found = self.group(field, group)
        return self.vectors[field][found[-1]] if found else None

    def added(self, field: str, entry: Any) -> _Index:
        """The index with ``entry`` after the other entries of ``field``."""
        vector, groups = self.vectors[field], self.groups
        at = len(vector)
        if field != "services":
            group = _group(field, entry)
            mapped = groups[field]
            held = mapped.get(group)
            grown = at if held is None else (*_positions(held), at)
            groups = {**groups, field: mapped.with_value(group, grown)}
        positions = {**self.positions, field: self.positions[field].with_value(entry.id, at)}
        vectors = {**self.vectors, field: vector.appended(entry)}
        return _Index(vectors, positions, groups, self.watchers)

    def replaced(self, field: str, entry: Any) -> _Index:
        """The index with ``entry`` in place of the entry of ``field`` with its id."""
        position = self.positions[field].get(entry.id)
        vectors = {**self.vectors, field: self.vectors[field].replaced(position, entry)}
        return _Index(vectors, self.positions, self.groups, self.watchers)


# -- the profile ------------------------------------------------------------------------


def _unique(items: tuple[Any, ...], kind: str, key: str = "id") -> None:
    """Each entry of a history field (``services``, ``reviews`` …) has its own id."""
    seen: set[str] = set()
    for item in items:
        value = getattr(item, key)
        if value in seen:
            raise DuplicateIdError(_noun(kind), value)
        seen.add(value)


@attrs.frozen
class DirectoryProfile:
    """A partner's Solutions Directory profile and the whole history of its reviews.

    ``reviews``, ``responses`` and ``reports`` keep every entry ever made, removed
    or not, in the order they were made. A profile is checked whole when it is made:
    each id once, every reference to an entry the profile holds, ratings on its
    scale, at most one active review per paid service and one active response per
    review (:class:`~hubpartner.errors.InconsistentHistoryError` otherwise), and a
    history that runs forwards (:class:`~hubpartner.errors.OutOfOrderError`).

    Moments are ``datetime`` values compared as Python compares them; a ``date``
    given for one means its midnight. A profile keeps to one kind: naive moments
    (and dates) throughout, or time zone-aware ones throughout; mixing them raises
    :class:`~hubpartner.errors.MixedTimeZonesError`.
    """

    partner: str = attrs.field(validator=is_text)
    team: tuple[TeamMember, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(TeamMember, _a("TeamMember"))
    )
    services: tuple[PaidService, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(PaidService, _a("PaidService"))
    )
    scale: RatingScale = attrs.field(
        factory=lambda: review_rules().scale, validator=instance_of(RatingScale, _a("RatingScale"))
    )
    reviews: tuple[Review, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(Review, _a("Review"))
    )
    responses: tuple[Response, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(Response, _a("Response"))
    )
    reports: tuple[Report, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(Report, _a("Report"))
    )
    categories: tuple[RatingCategory, ...] = attrs.field(
        factory=lambda: review_rules().categories, converter=_to_categories
    )

    def __attrs_post_init__(self) -> None:
        _unique(self.team, "user", key="user")
        for items, kind in (
            (self.services, "service"),
            (self.reviews, "review"),
            (self.responses, "response"),
            (self.reports, "report"),
        ):
            _unique(items, kind)
        moments = _moments(self)
        first = next(moments, None)
        for field, value in moments:
            same_clock(value, first[1], field=field)  # type: ignore[index]
        _check_history(self)

    @functools.cached_property
    def _index(self) -> _Index:
        """The history found by id and by what each entry belongs to: built from the
        fields once, then handed on by each action (see :func:`_next`)."""
        return _Index.of(self)

    if TYPE_CHECKING:  # mypy sees the fields alone, without the function below
        pass
    else:

        def __getattr__(self, name: str) -> Any:
            """A history field of a profile an action made: read from its index the first
            time it is asked for (an action changes only the entries it touches, and the
            tuple of every entry is made only for a caller who wants it)."""
            try:
                index = object.__getattribute__(self, "_index") if name in _HISTORY else None
            except AttributeError:
                index = None
            if index is None:
                raise AttributeError(
                    f"{type(self).__name__!r} object has no attribute {name!r}",
                    name=name,
                    obj=self,
                )
            value = index.vector(name).items()
            object.__setattr__(self, name, value)
            return value

    def review(self, review_id: str) -> Review:
        """The review with ``review_id``, active or removed."""
        found: Review = _find(self, "review", review_id)
        return found

    def response(self, response_id: str) -> Response:
        """The response with ``response_id``, active or removed."""
        found: Response = _find(self, "response", response_id)
        return found

    def service(self, service_id: str) -> PaidService:
        """The paid service with ``service_id``."""
        found: PaidService = _find(self, "service", service_id)
        return found

    def report_entry(self, report_id: str) -> Report:
        """The report with ``report_id``."""
        found: Report = _find(self, "report", report_id)
        return found

    def active_reviews(self) -> tuple[Review, ...]:
        """The reviews shown in the directory."""
        return tuple(item for item in self._index.vector("reviews").items() if item.active)

    def active_response(self, review_id: str) -> Response | None:
        """The response shown under a review, if any."""
        non_empty(review_id, field="review_id")
        for item in self._index.under("responses", review_id):
            if item.active:
                return item  # type: ignore[no-any-return]
        return None

    def with_service(self, service: PaidService) -> DirectoryProfile:
        """Return the profile with one more paid service."""
        _of(service, PaidService, "service")
        index = self._index
        if index.entry("services", service.id) is not None:
            raise DuplicateIdError(_noun("service"), service.id)
        return _next(self, index.added("services", service))


def _find(profile: DirectoryProfile, kind: str, entry_id: Any) -> Any:
    """The entry of ``kind`` ("review" …) with ``entry_id``; the profile must hold it."""
    found = profile._index.entry(f"{kind}s", entry_id)
    if found is None:
        raise UnknownEntryError(_noun(kind), entry_id)
    return found


def _next(profile: DirectoryProfile, index: _Index) -> DirectoryProfile:
    """The profile an action made: ``profile`` with the history of ``index`` (whose
    entries the action checked). The fields an action never changes are carried over,
    and the history fields are read from ``index`` when they are first asked for."""
    new = object.__new__(DirectoryProfile)
    put_partner, put_team, put_scale, put_categories, put_index = _setters(
        DirectoryProfile, "partner", "team", "scale", "categories", "_index"
    )
    put_partner(new, profile.partner)
    put_team(new, profile.team)
    put_scale(new, profile.scale)
    put_categories(new, profile.categories)
    put_index(new, index)
    return new


def _added(profile: DirectoryProfile, field: str, entry: Any) -> DirectoryProfile:
    """The profile with ``entry`` after the other entries of ``field`` ("reviews" …),
    checked as :class:`DirectoryProfile` checks it in a whole profile (its id, its
    clock, its place in the history); the entries before it were checked before."""
    index = profile._index
    if index.entry(field, entry.id) is not None:
        raise DuplicateIdError(_noun(field[:-1]), entry.id)
    where = f"{field}[{len(index.vector(field))}]"
    first = _first(index)
    if first is not None:
        stamp = "at" if field == "reports" else "submitted_at"
        same_clock(getattr(entry, stamp), first, field=f"{where}.{stamp}")
    previous = index.last(field, _group(field, entry))
    _check_entry(profile, field, where, entry, index.entry, previous)
    return _appended(profile, field, entry)


def _appended(profile: DirectoryProfile, field: str, entry: Any) -> DirectoryProfile:
    """The profile with ``entry`` after the other entries of ``field``, for an action
    that checked it already as :func:`_added` would (a new review by
    :func:`submit_review`, a new response by :func:`respond`): its id is new, its
    moment on the history's clock and after what it depends on, and the previous entry
    of its group removed."""
    return _next(profile, profile._index.added(field, entry))


def _changed(profile: DirectoryProfile, changes: list[tuple[str, Any]]) -> DirectoryProfile:
    """The profile with each entry of ``changes`` ((field, entry) pairs) in place of
    the entry of that field with its id, each checked against the rest of the new
    history."""
    index = profile._index
    for field, entry in changes:
        index = index.replaced(field, entry)
    for field, entry in changes:
        position = index.position(field, entry.id)
        before = index.group(field, _group(field, entry))
        earlier = before[: before.index(position)]
        previous = index.vector(field)[earlier[-1]] if earlier else None
        _check_entry(profile, field, f"{field}[{position}]", entry, index.entry, previous)
    return _next(profile, index)


def _profile(value: Any) -> DirectoryProfile:
    """``value`` if it is a profile: the first argument of every action and view."""
    return _of(value, DirectoryProfile, "profile")


Kind = TypeVar("Kind")


def _of(value: Any, kind: type[Kind], field: str) -> Kind:
    """``value`` if it is a ``kind``, else an error naming ``field`` and the type
    expected (made only then)."""
    if isinstance(value, kind):
        return value
    return instance(value, kind, field=field, expected=_a(kind.__name__))


def _made(kind: type[Kind], *values: Any) -> Kind:
    """A ``kind`` (an attrs value of this module without ``__attrs_post_init__`` work to
    do) holding ``values``, one per field in order, made without its field checks: for
    a value an action builds from values it (or their own class) checked already — the
    boundary checks once, inner code trusts it (the checks cost more than the rest of
    an action; see docs/reviews.md "Many reviews")."""
    made = object.__new__(kind)
    for put, value in zip(_setters(cast(type, kind)), values, strict=True):
        put(made, value)
    return made


@functools.cache
def _setters(kind: type, *names: str) -> tuple[Callable[[Any, Any], None], ...]:
    """What sets each of ``names`` (by default the fields of the attrs class ``kind``,
    in order) on an instance of ``kind``: the ``__set__`` of its slot, which a frozen
    class's ``__setattr__`` does not guard (only the code that makes a value uses it)."""
    wanted = names or tuple(field.name for field in attrs.fields(kind))
    return tuple(getattr(kind, name).__set__ for name in wanted)


def _rated(
    profile: DirectoryProfile,
    ratings: Ratings,
    *,
    where: str = "",
    error: type[InvalidValueError] = InvalidValueError,
) -> None:
    """Every rating of ``ratings`` is on the profile's scale and in one of its categories."""
    profile.scale.check(ratings.overall, field=f"{where}{OVERALL}", error=error)
    known = [category.name for category in profile.categories]
    for name, stars in ratings.categories:
        if name not in known:
            listed = (
                message(
                    "one of the profile's categories ({known})", known=", ".join(map(repr, known))
                )
                if known
                else message("none of the profile's categories: it has only the overall rating")
            )
            raise error(f"{where}categories", name, listed)
        profile.scale.check(stars, field=f"{where}{name}", error=error)


#: How a check finds an entry the history refers to: by field ("reviews" …) and id.
Find: TypeAlias = Callable[[str, Any], Any]


def _check_history(profile: DirectoryProfile) -> None:
    """Refuse a history that contradicts itself (see :class:`DirectoryProfile`): each
    entry checked in order against those before it (the references of responses and
    reports against the whole history), then each removal."""
    found: dict[tuple[str, str], Any] = {("services", item.id): item for item in profile.services}
    last: dict[tuple[str, Hashable], Any] = {}

    def find(field: str, entry_id: Any) -> Any:
        return found.get((field, entry_id))

    for field in ("reviews", "responses", "reports"):
        for position, entry in enumerate(getattr(profile, field)):
            group = (field, _group(field, entry))
            _check_one(profile, field, f"{field}[{position}]", entry, find, last.get(group))
            found[field, entry.id] = last[group] = entry
    for field, entries in _locked(profile):
        for position, item in enumerate(entries):
            if item.removal is not None:
                _check_removal(item, item.removal, f"{field}[{position}].removal", find)


def _check_one(
    profile: DirectoryProfile, field: str, where: str, entry: Any, find: Find, previous: Any
) -> None:
    """Check the entry of ``field`` at ``where`` against the history ``find`` reads and
    the ``previous`` entry of its group (see :func:`_check_history`)."""
    if field == "reviews":
        _check_review(profile, where, entry, find, previous)
    elif field == "responses":
        _check_response(where, entry, find, previous)
    else:
        _check_report(where, entry, find)


def _check_entry(
    profile: DirectoryProfile, field: str, where: str, entry: Any, find: Find, previous: Any
) -> None:
    """Check one entry an action added or changed against the rest of the history, and
    its removal, as :func:`_check_history` checks them in a whole profile."""
    _check_one(profile, field, where, entry, find, previous)
    if field != "reports" and entry.removal is not None:
        _check_removal(entry, entry.removal, f"{where}.removal", find)


def _check_review(
    profile: DirectoryProfile, where: str, review: Review, find: Find, previous: Review | None
) -> None:
    """A review is of a paid service of the profile, by its partner, rated on its scale,
    and submitted after the ``previous`` review of its service was removed."""
    if find("services", review.service) is None:
        raise InconsistentHistoryError(
            f"{where}.service",
            review.service,
            message("the id of a paid service of this profile"),
        )
    if review.partner != profile.partner:
        raise InconsistentHistoryError(
            f"{where}.partner",
            review.partner,
            message("{partner}, the profile's partner", partner=repr(profile.partner)),
        )
    _rated(profile, review.ratings, where=f"{where}.ratings.", error=InconsistentHistoryError)
    _after_previous(previous, where, review, lambda: message("one active review per paid service"))


def _check_response(where: str, response: Response, find: Find, previous: Response | None) -> None:
    """A response is to a review of the profile, active only under an active review,
    submitted after it and after the ``previous`` response to it was removed."""
    review: Review = _held(find, "reviews", response.review, f"{where}.review", "review")
    if response.active and not review.active:
        raise InconsistentHistoryError(
            where, response.id, message("no active response under a removed review")
        )
    _after_submission(response.submitted_at, review, f"{where}.submitted_at")
    _after_previous(previous, where, response, lambda: message("one active response per review"))


def _check_report(where: str, entry: Report, find: Find) -> None:
    """A report is of an entry of the profile, open only while the entry is shown, and
    made after the entry was submitted."""
    target: Review | Response = _held(find, "reviews", entry.review, f"{where}.review", "review")
    if entry.response is not None:
        response: Response = _held(
            find, "responses", entry.response, f"{where}.response", "response"
        )
        target = response
        if response.review != entry.review:
            raise InconsistentHistoryError(
                f"{where}.response",
                entry.response,
                message("a response to {review}", review=repr(entry.review)),
            )
    if entry.status is ReportStatus.OPEN and not target.active:
        raise InconsistentHistoryError(
            f"{where}.status", entry.status, message("no open report of a removed entry")
        )
    _after_submission(entry.at, target, f"{where}.at")


def _locked(profile: DirectoryProfile) -> tuple[tuple[str, tuple[Review | Response, ...]], ...]:
    """The profile's locked entries, reviews then responses, under their field names."""
    return ("reviews", profile.reviews), ("responses", profile.responses)


def _check_removal(item: Review | Response, removal: Removal, where: str, find: Find) -> None:
    """A removal upholds a report of the entry removed, and only a response is removed
    with its review (which must be removed)."""
    if removal.report is not None:
        upheld: Report = _held(find, "reports", removal.report, f"{where}.report", "report")
        if _target(upheld) != _target_of(item):
            raise InconsistentHistoryError(
                f"{where}.report",
                upheld.id,
                message("a report of {entry}, the entry removed", entry=repr(item.id)),
            )
        not_before(removal.at, upheld.at, field=f"{where}.at", after=upheld.made[1])
    if removal.with_review is not None and (
        isinstance(item, Review)
        or removal.with_review != item.review
        or find("reviews", item.review).active
    ):
        raise InconsistentHistoryError(
            f"{where}.with_review",
            removal.with_review,
            message(
                "None, or for a response removed with its review the id of that removed review"
            ),
        )


Shown = TypeVar("Shown", Review, Response)


def _held(find: Find, entries: str, entry_id: str, field: str, kind: str) -> Any:
    """The entry of ``entries`` (a field: "reviews" …) that ``entry_id`` refers to; the
    profile must hold it."""
    found = find(entries, entry_id)
    if found is None:
        raise InconsistentHistoryError(
            field, entry_id, message("the id of a {kind} of this profile", kind=_noun(kind))
        )
    return found


def _after_previous(
    previous: Shown | None, where: str, entry: Shown, one: Callable[[], Message]
) -> None:
    """The entry before this one of the same service (or review) was removed, and
    before this one was submitted (``one`` says the rule, when it is broken)."""
    if previous is None:
        return
    if previous.removal is None:
        raise InconsistentHistoryError(
            where,
            entry.id,
            message("{one}; {entry} is still active", one=one(), entry=repr(previous.id)),
        )
    field = f"{where}.submitted_at"
    if same_clock(entry.submitted_at, previous.removal.at, field=field) < previous.removal.at:
        said = message("{kind} {entry} was removed", kind=_kind(previous), entry=repr(previous.id))
        not_before(entry.submitted_at, previous.removal.at, field=field, after=said)


def _after_submission(moment: datetime, entry: Review | Response, field: str) -> None:
    """``moment`` is not before ``entry`` was submitted (the message that says so is
    made only when it is)."""
    if same_clock(moment, entry.submitted_at, field=field) < entry.submitted_at:
        when, after = entry._submitted()
        not_before(moment, when, field=field, after=after())


def _kind(item: object) -> Message:
    """What ``item`` is called in messages: "review", "response" …"""
    return _noun(type(item).__name__.lower())


def _noun(kind: str) -> Message:
    """The word for an entry of ``kind`` in messages: "review", "response" …"""
    match kind:  # only the word asked for is made
        case "review":
            # Translators: a noun, a review in the Solutions Directory
            return message("review")
        case "response":
            # Translators: a noun, a partner's response to a review
            return message("response")
        case "report":
            # Translators: a noun, a report of a review or a response to HubSpot
            return message("report")
        case "service":
            # Translators: a noun, a paid service a partner delivered
            return message("service")
    # Translators: a noun, a user of a partner's account
    return message("user")


def _moments(profile: DirectoryProfile) -> Iterator[tuple[str, datetime]]:
    """Where each submission and report of a profile is, and its moment. (Every other
    moment of an entry is compared with these when the entry is made.)"""
    for field, entries in _locked(profile):
        for position, item in enumerate(entries):
            yield f"{field}[{position}].submitted_at", item.submitted_at
    for position, entry in enumerate(profile.reports):
        yield f"reports[{position}].at", entry.at


def _when(profile: DirectoryProfile, at: Any, earlier: Iterable[Moment | Later] = ()) -> datetime:
    """``at`` as a moment comparable with the profile's (see :class:`DirectoryProfile`),
    not before any of the ``earlier`` moments an action depends on."""
    when = moment(at, field="at")
    first = _first(profile._index)
    if first is not None:
        same_clock(when, first, field="at")
    latest = max(earlier, key=lambda event: event[0], default=None)
    if latest is not None and same_clock(when, latest[0], field="at") < latest[0]:
        said = latest[1]
        not_before(when, latest[0], field="at", after=said if isinstance(said, str) else said())
    return when


def _first(index: _Index) -> datetime | None:
    """The first moment of the history, as :func:`_moments` finds it: the first
    review's (a response or a report is always of a review the profile holds)."""
    reviews = index.vector("reviews")
    return reviews[0].submitted_at if len(reviews) else None


def _target(entry: Report) -> Target:
    """What a report is of: its review, and its response if it is of a response."""
    return entry.review, entry.response


def _target_of(item: Review | Response) -> Target:
    """How a report names ``item``: (review, None) or (review, response)."""
    return (item.id, None) if isinstance(item, Review) else (item.review, item.id)


# -- eligibility ------------------------------------------------------------------------


class Refusal(Choice):
    """A reason a review would be refused (HubSpot's guidelines and directory terms)."""

    NOT_PAID = "the service was not a paid service"
    NOT_THIS_PARTNER = "the service was not delivered by this partner"
    NOT_THIS_CLIENT = "the service was not delivered to this reviewer's organisation"
    NOT_AUTHENTICATED = "the reviewer is not logged in to HubSpot or authenticated with LinkedIn"
    PARTNER_EMPLOYEE_OR_CONTRACTOR = "the reviewer is the partner's employee or contractor"
    EVENT_ATTENDEE = "the reviewer is an event attendee"
    HUBSPOT_EMPLOYEE = "the reviewer is a HubSpot employee"
    UNDISCLOSED_PARTNER = (
        "the reviewer is another partner without a disclosed affiliation and contracted work"
    )
    ALREADY_REVIEWED = "the paid service already has a review"

    @property
    def text(self) -> Message:
        """The reason as people read it: the value in English, a
        :class:`~hubpartner.messages.Message` that says it in any language."""
        said = {
            Refusal.NOT_PAID: message("the service was not a paid service"),
            Refusal.NOT_THIS_PARTNER: message("the service was not delivered by this partner"),
            Refusal.NOT_THIS_CLIENT: message(
                "the service was not delivered to this reviewer's organisation"
            ),
            Refusal.NOT_AUTHENTICATED: message(
                "the reviewer is not logged in to HubSpot or authenticated with LinkedIn"
            ),
            Refusal.PARTNER_EMPLOYEE_OR_CONTRACTOR: message(
                "the reviewer is the partner's employee or contractor"
            ),
            Refusal.EVENT_ATTENDEE: message("the reviewer is an event attendee"),
            Refusal.HUBSPOT_EMPLOYEE: message("the reviewer is a HubSpot employee"),
            Refusal.UNDISCLOSED_PARTNER: message(
                "the reviewer is another partner without a disclosed affiliation and "
                "contracted work"
            ),
            Refusal.ALREADY_REVIEWED: message("the paid service already has a review"),
        }
        return said[self]

    def __str__(self) -> Message:
        return self.text


#: The ties that bar a reviewer outright, and the refusal each gives.
_BARRED = (
    (Affiliation.PARTNER_EMPLOYEE_OR_CONTRACTOR, Refusal.PARTNER_EMPLOYEE_OR_CONTRACTOR),
    (Affiliation.EVENT_ATTENDEE, Refusal.EVENT_ATTENDEE),
    (Affiliation.HUBSPOT_EMPLOYEE, Refusal.HUBSPOT_EMPLOYEE),
)


def eligibility(
    profile: DirectoryProfile, reviewer: Reviewer, service: PaidService
) -> tuple[Refusal, ...]:
    """Return every reason a review of ``service`` by ``reviewer`` would be refused.

    An empty tuple means the review may be submitted. A removed review frees its
    paid service for a new review.
    """
    _profile(profile)
    _of(reviewer, Reviewer, "reviewer")
    _of(service, PaidService, "service")
    reasons = []
    if not service.paid:
        reasons.append(Refusal.NOT_PAID)
    if service.partner != profile.partner:
        reasons.append(Refusal.NOT_THIS_PARTNER)
    if service.client != reviewer.client:
        reasons.append(Refusal.NOT_THIS_CLIENT)
    if reviewer.authentication is Authentication.NONE:
        reasons.append(Refusal.NOT_AUTHENTICATED)
    reasons += [refusal for tie, refusal in _BARRED if tie in reviewer.affiliations]
    if Affiliation.OTHER_PARTNER in reviewer.affiliations and not (
        reviewer.affiliation_disclosed and reviewer.work_contracted
    ):
        reasons.append(Refusal.UNDISCLOSED_PARTNER)
    if any(item.active for item in profile._index.under("reviews", service.id)):
        reasons.append(Refusal.ALREADY_REVIEWED)
    return tuple(reasons)


# -- transitions ------------------------------------------------------------------------


A = TypeVar("A", Client, PartnerMember, Staff)


def _require(
    actor: Any, kind: type[A], action: Callable[[], Message], allowed: Callable[[], Message]
) -> A:
    """``actor`` if it is a ``kind``; otherwise the ``action`` is not permitted (only
    to those ``allowed``)."""
    if not isinstance(actor, kind):
        raise NotPermittedError(actor, action(), allowed())
    return actor


def _fresh(profile: DirectoryProfile, kind: str, new_id: Any) -> str:
    """``new_id`` if it is the id of no entry of ``kind`` ("review" …) of the profile."""
    checked = non_empty(new_id, field=f"{kind}_id")
    if profile._index.entry(f"{kind}s", checked) is not None:
        raise DuplicateIdError(_noun(kind), checked)
    return checked


def _reviewer_notice(review: Review, event: Event, response: str | None = None) -> Notification:
    """What ``event`` tells the reviewer of ``review`` (made from checked values)."""
    recipient = _made(Recipient, Role.REVIEWER, review.reviewer.id, None, None)
    if review.reviewer.authentication is Authentication.LINKEDIN:
        note = message("authenticated with LinkedIn: HubSpot cannot email them")
        return _made(Notification, recipient, event, review.id, response, False, note)
    return _made(Notification, recipient, event, review.id, response, True, "")


def submit_review(
    profile: DirectoryProfile,
    actor: Actor,
    *,
    review_id: str,
    service_id: str,
    ratings: Ratings,
    text: ReviewText,
    at: datetime,
) -> Outcome:
    """A person of the client company that received a paid service reviews it.

    Ratings must rate every required category of the profile and no other, on its
    scale. Refused with every reason at once (:class:`~hubpartner.errors.ReviewRefusedError`)
    when :func:`eligibility` finds any. Notifies the partner and every team member
    subscribed to marketplace notifications.
    """
    _profile(profile)
    actor = _require(
        actor,
        Client,
        lambda: message("submit a review"),
        lambda: message("a person of the client company that received the service"),
    )
    review_id = _fresh(profile, "review", review_id)
    service = profile.service(service_id)
    _of(ratings, Ratings, "ratings")
    _of(text, ReviewText, "text")
    _rated(profile, ratings)
    missing = [c.name for c in profile.categories if c.required and ratings.stars(c.name) is None]
    if missing:
        raise InvalidValueError(
            "ratings",
            ratings,
            message(
                "a rating in every required category; missing: {missing}",
                missing=", ".join(missing),
            ),
        )
    reasons = eligibility(profile, actor.reviewer, service)
    if reasons:
        raise ReviewRefusedError(reasons)
    freed = [
        (
            item.removal.at,
            message(
                "review {review} of {service} was removed",
                review=repr(item.id),
                service=repr(service.id),
            ),
        )
        for item in profile._index.under("reviews", service.id)
        if item.removal is not None
    ]
    when = _when(profile, at, freed)
    # Every field was checked above (or by its own class): made without the checks.
    review = _made(
        Review,
        review_id,
        service.id,
        profile.partner,
        ratings,
        text,
        actor.reviewer,
        when,
        None,
        (),
    )
    notices = tuple(
        _made(Notification, to, Event.NEW_REVIEW, review_id, None, True, "")
        for to in profile._index.watchers
    )
    return _appended(profile, "reviews", review), notices


def respond(
    profile: DirectoryProfile,
    actor: Actor,
    *,
    response_id: str,
    review_id: str,
    text: str,
    at: datetime,
) -> Outcome:
    """The partner responds to a review, once; the reviewer cannot reply.

    The reviewer is notified unless they opted out of response emails (or, when
    they authenticated with LinkedIn, the notification says they cannot be reached).
    """
    _profile(profile)
    actor = _require(
        actor,
        PartnerMember,
        lambda: message("respond to a review"),
        lambda: message("the reviewed partner's users"),
    )
    if actor.partner != profile.partner:
        raise NotPermittedError(
            actor, message("respond to a review"), message("the reviewed partner's users")
        )
    response_id = _fresh(profile, "response", response_id)
    review = _shown(profile.review(review_id), "review_id")
    existing = profile.active_response(review_id)
    if existing is not None:
        raise AlreadyRespondedError(
            "review_id",
            review_id,
            message(
                "a review without a response (it has {response}); a partner responds once",
                response=repr(existing.id),
            ),
        )
    earlier = [review._submitted()] + [
        (item.removal.at, message("response {response} to it was removed", response=repr(item.id)))
        for item in profile._index.under("responses", review.id)
        if item.removal is not None
    ]
    text = non_empty(text, field="text")
    when = _when(profile, at, earlier)
    # Every field was checked above (or by its own class): made without the checks.
    response = _made(Response, response_id, review.id, actor.user, text, when, None, ())
    notices: tuple[Notification, ...] = ()
    if review.reviewer.response_emails:
        notices = (_reviewer_notice(review, Event.NEW_RESPONSE, response_id),)
    return _appended(profile, "responses", response), notices


def report(
    profile: DirectoryProfile,
    actor: Actor,
    *,
    report_id: str,
    review_id: str | None = None,
    response_id: str | None = None,
    reason: str,
    comments: str = "",
    at: datetime,
) -> Outcome:
    """Anyone reports a review (``review_id``) or a response (``response_id``; its
    review is implied, and a ``review_id`` given too must be that review).

    Nothing visible changes until HubSpot's team decides; no one is notified.
    """
    report_id = _fresh(_profile(profile), "report", report_id)
    target: Review | Response
    if response_id is not None:
        target = profile.response(response_id)
        review = profile.review(target.review if review_id is None else review_id)
        if target.review != review.id:
            raise InvalidValueError(
                "response_id",
                response_id,
                message("a response to {review}", review=repr(review.id)),
            )
        _shown(target, "response_id")
    elif review_id is not None:
        review = target = _shown(profile.review(review_id), "review_id")
    else:
        raise InvalidTypeError(
            "review_id",
            None,
            message("the id of the review reported, or response_id alone for a response"),
        )
    if not isinstance(comments, str):
        raise InvalidTypeError("comments", comments, message("a str"))
    entry = Report(
        report_id,
        _reporter(actor),
        review.id,
        response_id,
        non_empty(reason, field="reason"),
        comments,
        _when(profile, at, [target._submitted()]),
    )
    return _added(profile, "reports", entry), ()


def _reporter(actor: Actor) -> Recipient:
    """The reporter ``actor`` is: who they are, as which party, of which organisation."""
    if isinstance(actor, Client):
        reviewer = actor.reviewer
        return Recipient(Role.REPORTER, reviewer.id, Party.CLIENT, reviewer.organisation)
    if isinstance(actor, PartnerMember):
        return Recipient(Role.REPORTER, actor.user, Party.PARTNER_MEMBER, actor.partner)
    if isinstance(actor, Staff):
        return Recipient(Role.REPORTER, actor.id, Party.STAFF)
    if isinstance(actor, Prospect):
        return Recipient(Role.REPORTER, actor.id, Party.PROSPECT)
    raise InvalidTypeError("actor", actor, message("a Client, PartnerMember, Staff or Prospect"))


def _ground(value: Any) -> RemovalGround:
    expected = message("offensive, profanity or guideline violation")
    return member(RemovalGround, value, field="ground", expected=expected)


Target: TypeAlias = tuple[str, str | None]


def _open_reports(profile: DirectoryProfile, targets: list[Target]) -> list[Report]:
    """The open reports of the entries ``targets`` names, in the order they were made."""
    index = profile._index
    found = sorted({at for target in targets for at in index.group("reports", target)})
    return [
        entry for at in found if (entry := index.vector("reports")[at]).status is ReportStatus.OPEN
    ]


def _decide(
    profile: DirectoryProfile, staff: Staff, at: datetime, targets: list[Target]
) -> tuple[list[Report], list[Recipient]]:
    """Uphold the open reports of the entries ``targets`` names; return those reports,
    upheld, and their reporters, each once."""
    reports = []
    reporters: list[Recipient] = []
    for entry in _open_reports(profile, targets):
        reports.append(
            attrs.evolve(entry, status=ReportStatus.UPHELD, decided_by=staff.id, decided_at=at)
        )
        if entry.reporter not in reporters:
            reporters.append(entry.reporter)
    return reports, reporters


def remove_review(
    profile: DirectoryProfile,
    actor: Actor,
    *,
    review_id: str,
    ground: RemovalGround,
    at: datetime,
) -> Outcome:
    """HubSpot's team removes a review on one of the allowed grounds.

    The review leaves the count and the rating and frees its paid service; it stays
    in the history. Its active response, if any, is removed with it (its removal
    says ``with_review``), and the open reports of both are upheld. Notifies each
    reporter once and the partner, and the reviewer: by email after a HubSpot login,
    while a LinkedIn-authenticated reviewer cannot be reached (the notification says
    so). Each notification names the response removed with the review, if any.
    """
    _profile(profile)
    actor = _require(
        actor, Staff, lambda: message("remove a review"), lambda: message("HubSpot staff")
    )
    review = _shown(profile.review(review_id), "review_id")
    response = profile.active_response(review.id)
    entries: list[Review | Response] = [review] if response is None else [review, response]
    removal, reports, notices = _removal(profile, actor, at, ground, entries)
    changes: list[tuple[str, Any]] = [("reviews", attrs.evolve(review, removal=removal))]
    response_id = None
    if response is not None:
        response_id = response.id
        cascade = attrs.evolve(
            removal, report=_open_report(profile, _target_of(response)), with_review=review.id
        )
        changes.append(("responses", attrs.evolve(response, removal=cascade)))
    notices.append(_reviewer_notice(review, Event.REVIEW_REMOVED))
    notices = [attrs.evolve(notice, response=response_id) for notice in notices]
    new = _changed(profile, [*changes, *(("reports", entry) for entry in reports)])
    return new, tuple(notices)


def _shown(entry: Shown, field: str) -> Shown:
    """``entry`` if HubSpot has not removed it."""
    if not entry.active:
        raise NotActiveError(
            field, entry.id, message("a {kind} that is still shown", kind=_kind(entry))
        )
    return entry


def _removal(
    profile: DirectoryProfile,
    staff: Staff,
    at: datetime,
    ground: RemovalGround,
    entries: list[Review | Response],
) -> tuple[Removal, list[Report], list[Notification]]:
    """The removal of ``entries`` (a review and its response, or a response): the
    removal of the first, the reports with the open ones of every entry upheld, and
    the notices to each reporter and the partner."""
    targets = [_target_of(item) for item in entries]
    earlier = [event for item in entries for event in item.events()]
    earlier += [entry.made for entry in _open_reports(profile, targets)]
    when = _when(profile, at, earlier)
    first = targets[0]
    removal = Removal(staff.id, when, _ground(ground), _open_report(profile, first))
    reports, reporters = _decide(profile, staff, when, targets)
    review, response = first
    event = Event.REVIEW_REMOVED if response is None else Event.RESPONSE_REMOVED
    partner = profile._index.watchers[0]  # the partner's recipient, found once per profile
    notices = [  # made from checked values, without the checks
        _made(Notification, who, event, review, response, True, "")
        for who in (*reporters, partner)
    ]
    return removal, reports, notices


def _open_report(profile: DirectoryProfile, target: Target) -> str | None:
    """The first open report of the entry ``target`` names, if any."""
    found = _open_reports(profile, [target])
    return found[0].id if found else None


def remove_response(
    profile: DirectoryProfile,
    actor: Actor,
    *,
    response_id: str,
    ground: RemovalGround,
    at: datetime,
) -> Outcome:
    """HubSpot's team removes a response; the partner may then respond again.

    Notifies each reporter and the partner who wrote the response.
    """
    _profile(profile)
    actor = _require(
        actor, Staff, lambda: message("remove a response"), lambda: message("HubSpot staff")
    )
    response = _shown(profile.response(response_id), "response_id")
    removal, reports, notices = _removal(profile, actor, at, ground, [response])
    removed = attrs.evolve(response, removal=removal)
    new = _changed(profile, [("responses", removed), *(("reports", entry) for entry in reports)])
    return new, tuple(notices)


def dismiss_report(
    profile: DirectoryProfile, actor: Actor, *, report_id: str, at: datetime
) -> Outcome:
    """HubSpot's team dismisses a report: the entry stays; no one is notified."""
    _profile(profile)
    actor = _require(
        actor, Staff, lambda: message("dismiss a report"), lambda: message("HubSpot staff")
    )
    entry = profile.report_entry(report_id)
    if entry.status is not ReportStatus.OPEN:
        raise NotActiveError("report_id", report_id, message("an open report"))
    decided = attrs.evolve(
        entry,
        status=ReportStatus.DISMISSED,
        decided_by=actor.id,
        decided_at=_when(profile, at, [entry.made]),
    )
    return _changed(profile, [("reports", decided)]), ()


# -- corrections ------------------------------------------------------------------------

_WORD = re.compile(r"[^\W_]+(?:'[^\W_]+)*")
#: Runs of one script of Japanese (hiragana, katakana, kanji) or of any other letters:
#: a text written without spaces is cut into words where its script changes.
_SCRIPT_RUN = re.compile(
    r"[\u3040-\u309f]+|[\u30a0-\u30ff]+|[\u3400-\u4dbf\u4e00-\u9fff\u3005]+"
    r"|[^\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\u3005]+"
)
#: Numbers written in digits, and words (among which number words are picked out).
_NUMBER_OR_WORD = re.compile(r"\d+|[^\W\d_]+")
_SHORT = 3
#: Words longer than this are no misspelling of another word (and their edit distance,
#: which grows with the product of their lengths, is not computed).
_LONGEST_WORD = 40
_MAX_SHORT_CHANGES = 3
#: The fewest letters a word keeps without a negating prefix for the prefix to count:
#: *ur* -> *our* is a typo, not the prefix *o*.
_SHORTEST_STEM = 3


@attrs.frozen
class _Lists:
    """The word lists a correction is judged by, merged from the rules of every
    language chosen: those of languages written with spaces are matched word by word
    (``words``), those of languages written without them inside the text
    (``inside``)."""

    negations: frozenset[str]
    elisions: tuple[str, ...]
    prefixes: tuple[str, ...]
    antonyms: frozenset[tuple[str, str]]
    number_words: frozenset[str]
    forms: tuple[frozenset[str], ...]
    inside_negations: tuple[str, ...]
    inside_prefixes: tuple[str, ...]
    inside_antonyms: tuple[tuple[str, str], ...]
    inside_numbers: tuple[str, ...]


def _merged(chosen: tuple[CorrectionRules, ...], *, known: bool) -> _Lists:
    """The lists of the ``chosen`` rules together; each language's ambiguous words are
    left out unless the language is ``known``."""

    def kept(rules: CorrectionRules, words: Iterable[str]) -> list[str]:
        return [word for word in words if known or word not in rules.ambiguous]

    def pairs(rules: CorrectionRules) -> list[tuple[str, str]]:
        return [pair for pair in rules.antonyms if len(kept(rules, pair)) == 2]

    spaced = [rules for rules in chosen if rules.spaces]
    inside = [rules for rules in chosen if not rules.spaces]
    return _Lists(
        negations=frozenset(w for r in spaced for w in kept(r, r.negations)),
        elisions=tuple(sorted({w for r in chosen for w in r.negating_elisions})),
        prefixes=tuple(sorted({w for r in spaced for w in kept(r, r.negating_prefixes)})),
        antonyms=frozenset(pair for r in spaced for pair in pairs(r)),
        number_words=frozenset(w for r in spaced for w in kept(r, r.number_words)),
        forms=tuple(frozenset(forms) for r in chosen for forms in r.forms),
        inside_negations=tuple(sorted({w for r in inside for w in kept(r, r.negations)})),
        inside_prefixes=tuple(sorted({w for r in inside for w in kept(r, r.negating_prefixes)})),
        inside_antonyms=tuple(sorted({pair for r in inside for pair in pairs(r)})),
        inside_numbers=tuple(sorted({w for r in inside for w in kept(r, r.number_words)})),
    )


def _chosen_lists(rules: Any, language: Any) -> _Lists:
    """The lists of ``rules`` (a CorrectionRules, several, or None for the packaged
    ones of every language) for ``language`` (None: every language of ``rules``)."""
    if rules is None:
        every = review_rules().languages
    elif isinstance(rules, CorrectionRules):
        every = (rules,)
    else:
        expected = message(
            "a CorrectionRules, a list of them (one per language), or None for the packaged ones"
        )
        if isinstance(rules, str | bytes) or not isinstance(rules, Iterable):
            raise InvalidTypeError("rules", rules, expected)
        every = _languages(rules, "rules")
    if language is None:
        return _merged(every, known=False)
    wanted = _language(language, every)
    return _merged(tuple(item for item in every if item.language == wanted), known=True)


def _language(language: Any, every: tuple[CorrectionRules, ...]) -> str:
    """The language of ``every`` that ``language`` names: one of their ``language``
    codes, or a locale of it (``sv_SE``, ``pt-BR``, ``no``)."""
    if isinstance(language, str) and any(item.language == language for item in every):
        return language
    wanted = Presenter(resolve_locale(language, field="language")).language
    if not any(item.language == wanted for item in every):
        raise UnknownEntryError(
            "language",
            language,
            where=message("the correction rules"),
            known=[item.language for item in every],
        )
    return wanted


def _distance(a: str, b: str) -> int:
    """Edits (insert, delete, substitute, swap neighbours) between two words."""
    rows = [list(range(len(b) + 1))]
    for i in range(1, len(a) + 1):
        row = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            row[j] = min(
                rows[i - 1][j] + 1,
                row[j - 1] + 1,
                rows[i - 1][j - 1] + (a[i - 1] != b[j - 1]),
            )
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                row[j] = min(row[j], rows[i - 2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _plain_text(text: str) -> str:
    """``text`` lower-cased, with typographic apostrophes (U+2019) made plain."""
    return text.lower().replace("\u2019", "'")


def _words_of(text: str) -> list[str]:
    """The words of ``text`` (lower-cased), a run of Japanese cut where its script
    changes."""
    return [part for word in _WORD.findall(text) for part in _SCRIPT_RUN.findall(word)]


def _negations(text: str, words: list[str], lists: _Lists) -> tuple[int, ...]:
    """How many negations ``text`` has: words, words with a negating elision, and
    each negation of a language without spaces, inside the text."""
    elided = sum(
        any(word.startswith(part) or word.endswith(part) for part in lists.elisions)
        for word in words
    )
    return (
        sum(word in lists.negations for word in words),
        elided,
        *(text.count(negation) for negation in lists.inside_negations),
    )


def _numbers(text: str, lists: _Lists) -> tuple[Any, ...]:
    """The numbers of ``text`` in order — each run of digits (in any script) and each
    number word — and how often each number word of a language without spaces occurs."""
    tokens = _NUMBER_OR_WORD.findall(text)
    found = [
        "".join(str(unicodedata.digit(digit)) for digit in token) if token.isdigit() else token
        for token in tokens
        if token.isdigit() or token in lists.number_words
    ]
    return (*found, *(text.count(word) for word in lists.inside_numbers))


def _prefix_negated(a: str, b: str, prefixes: tuple[str, ...]) -> bool:
    """Whether one of ``a`` and ``b`` is the other with a negating prefix (give or
    take a misspelling): taking the prefix off brings them closer."""
    gap = _distance(a, b)
    return any(
        word.startswith(prefix)
        and len(word) - len(prefix) >= _SHORTEST_STEM
        and _distance(word.removeprefix(prefix), other) < gap
        for word, other in ((a, b), (b, a))
        for prefix in prefixes
    )


def _inside_problem(before: str, after: str, lists: _Lists) -> Message | None:
    """What a correction changes of the words of a language without spaces (found
    inside the texts): an antonym for its opposite, or a negating prefix."""
    for one, other in lists.inside_antonyms:
        ones = after.count(one) - before.count(one)
        others = after.count(other) - before.count(other)
        if ones * others < 0:
            old, new = (one, other) if ones < 0 else (other, one)
            return message(
                "{before} became its opposite {after}", before=repr(old), after=repr(new)
            )
    for prefix in lists.inside_prefixes:
        if before.count(prefix) != after.count(prefix):
            return message(
                "the negating prefix {prefix} was added or removed", prefix=repr(prefix)
            )
    return None


def correction_problem(
    before: str,
    after: str,
    *,
    rules: CorrectionRules | Iterable[CorrectionRules] | None = None,
    language: str | None = None,
) -> Message | None:
    """Return why ``after`` is not a spelling or grammar correction of ``before``,
    or None when it is one.

    A typo fix changes spelling, never meaning. The rule, on words compared without
    regard to case (punctuation, spacing and capitals may change freely), with the
    word lists of ``rules`` (by default the packaged :class:`CorrectionRules` of every
    language, :func:`review_rules`), in ``language`` (a language or locale such as
    ``"sv"`` or ``"pt-BR"``; None, the default, when it is not known):

    1. the text must change, and every number must stay as it is — each run of
       digits (``10x`` is 10) and each number word (one, två, zwei …);
    2. no negation (not, inte, ikke, nicht, pas, no, niet, ei, ない …, a word with
       *n't* or *n'*) may be added or removed;
    3. no word may become its opposite: neither one of a pair of antonyms for the
       other (slow/fast, bra/dålig, gut/schlecht …), nor a word for itself with a
       negating prefix added or removed (helpful/unhelpful, säker/osäker,
       zuverlässig/unzuverlässig …), even misspelt (unhelpfull/helpful);
    4. each word replaced by another must be a misspelling of it — at most one edit
       (a letter inserted, deleted or replaced, or two neighbours swapped) per three
       letters of the original word, rounded up — or another form of the same word
       its language lists (is/was, en/ett, der/die …);
    5. at most three short words (three letters or fewer: articles, prepositions,
       auxiliaries) may be added or removed in all; no longer word may be.

    When the language is not known, the lists of every language are checked at once,
    except each language's *ambiguous* words, which are everyday words of another
    (Finnish *en*, "I do not", is Swedish "a"): pass ``language`` to check those too,
    and only that language's lists. Japanese, written without spaces, has its words
    found inside the text, and is cut into words where its script changes.

    Support corrects a review or a response against the text as it was
    **submitted**, so a chain of small fixes cannot add up to a rewrite.

    The rule is conservative, and has limits. It knows only the words in its lists:
    an antonym or a number word that is not listed is caught only if the edit
    rule (4) catches it, so extend the lists (:meth:`CorrectionRules.with_antonyms`).
    It refuses some genuine fixes: a misspelt number word (thre → three), a word whose
    misspelling looks like a negating prefix (form → inform), non-profit → nonprofit.
    It cannot tell a change of meaning that keeps every word close to its spelling
    (was → is).

        >>> correction_problem("Thier team was grate", "Their team was great.") is None
        True
        >>> correction_problem("The team was great", "The team was not great")
        'a negation was added or removed'
        >>> correction_problem("Poor service", "Good service")
        "'poor' became its opposite 'good'"
        >>> correction_problem("Unhelpful staff", "Helpful staff")
        "'unhelpful' became 'helpful': a negating prefix was added or removed"
        >>> correction_problem("Tjänsten var bra", "Tjänsten var inte bra")
        'a negation was added or removed'
    """
    lists = _chosen_lists(rules, language)
    if non_empty(before, field="before") == non_empty(after, field="after"):
        return message("nothing changed")
    before, after = _plain_text(before), _plain_text(after)
    old, new = _words_of(before), _words_of(after)
    if _numbers(before, lists) != _numbers(after, lists):
        return message("a number changed")
    if _negations(before, old, lists) != _negations(after, new, lists):
        return message("a negation was added or removed")
    inside = _inside_problem(before, after, lists)
    if inside is not None:
        return inside
    return _edit_problem(old, new, lists)


def _edit_problem(old: list[str], new: list[str], lists: _Lists) -> Message | None:
    """What makes the words ``new`` more than a spelling or grammar correction of
    ``old`` (rules 3 to 5 of :func:`correction_problem`), if anything."""
    short_changes = 0
    # A correction changes a few words: what the two texts share at both ends is left
    # out before they are aligned, which keeps the alignment small.
    start = 0
    while start < min(len(old), len(new)) and old[start] == new[start]:
        start += 1
    end = 0
    while end < min(len(old), len(new)) - start and old[-1 - end] == new[-1 - end]:
        end += 1
    old, new = old[start : len(old) - end], new[start : len(new) - end]
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        removed, added = old[i1:i2], new[j1:j2]
        paired = min(len(removed), len(added)) if tag == "replace" else 0
        for a, b in zip(removed[:paired], added[:paired], strict=True):
            if (min(a, b), max(a, b)) in lists.antonyms:
                return message(
                    "{before} became its opposite {after}", before=repr(a), after=repr(b)
                )
            if any(a in forms and b in forms for forms in lists.forms):
                continue
            if max(len(a), len(b)) > _LONGEST_WORD:
                return message(
                    "{before} became {after}, which is more than a spelling fix",
                    before=shown(a),
                    after=shown(b),
                )
            if _prefix_negated(a, b, lists.prefixes):
                return message(
                    "{before} became {after}: a negating prefix was added or removed",
                    before=repr(a),
                    after=repr(b),
                )
            if _distance(a, b) > -(-len(a) // 3):
                return message(
                    "{before} became {after}, which is more than a spelling fix",
                    before=repr(a),
                    after=repr(b),
                )
        for word in removed[paired:] + added[paired:]:
            if len(word) > _SHORT:
                return message("the word {word} was added or removed", word=repr(word))
            short_changes += 1
    if short_changes > _MAX_SHORT_CHANGES:
        return plural(
            "{count} short word was added or removed (at most {most})",
            "{count} short words were added or removed (at most {most})",
            count=short_changes,
            most=_MAX_SHORT_CHANGES,
        )
    return None


def _corrected(
    original: Text,
    current: Text,
    after: Text,
    rules: CorrectionRules | Iterable[CorrectionRules] | None,
    language: str | None,
) -> None:
    """Refuse ``after`` unless it changes ``current`` and is a spelling or grammar
    correction of the ``original`` text (going back to the original is one)."""
    problem = message("nothing changed") if after == current else None
    if problem is None and after != original:
        problem = correction_problem(
            _plain(original), _plain(after), rules=rules, language=language
        )
    if problem is not None:
        raise CorrectionRefusedError(_plain(original), _plain(after), problem)


def _plain(text: ReviewText | str) -> str:
    """A review's title and body as one text (a response's text as it is)."""
    return f"{text.title}\n{text.body}" if isinstance(text, ReviewText) else text


def correct_review(
    profile: DirectoryProfile,
    actor: Actor,
    *,
    review_id: str,
    text: ReviewText,
    at: datetime,
    rules: CorrectionRules | Iterable[CorrectionRules] | None = None,
    language: str | None = None,
) -> Outcome:
    """Support corrects the spelling or grammar of a shown review: ``text`` is judged
    against the text as it was submitted (see :func:`correction_problem` for the
    rule, ``rules`` for its word lists and ``language`` for the review's language,
    when it is known). The rating cannot change; the text before the correction is
    kept."""
    _profile(profile)
    actor = _require(
        actor, Staff, lambda: message("correct a review"), lambda: message("HubSpot support staff")
    )
    _chosen_lists(rules, language)
    review = _shown(profile.review(review_id), "review_id")
    if not isinstance(text, ReviewText):
        raise InvalidTypeError("text", text, _a("ReviewText"))
    when = _when(profile, at, review.events())
    _corrected(review.original_text, review.text, text, rules, language)
    correction = Correction(actor.id, when, review.text, text)
    corrected = attrs.evolve(review, text=text, corrections=(*review.corrections, correction))
    return _changed(profile, [("reviews", corrected)]), ()


def correct_response(
    profile: DirectoryProfile,
    actor: Actor,
    *,
    response_id: str,
    text: str,
    at: datetime,
    rules: CorrectionRules | Iterable[CorrectionRules] | None = None,
    language: str | None = None,
) -> Outcome:
    """Support corrects the spelling or grammar of a shown response, judged against
    the text as it was submitted, as for a review (:func:`correct_review`); the text
    before the correction is kept."""
    _profile(profile)
    actor = _require(
        actor,
        Staff,
        lambda: message("correct a response"),
        lambda: message("HubSpot support staff"),
    )
    _chosen_lists(rules, language)
    response = _shown(profile.response(response_id), "response_id")
    when = _when(profile, at, response.events())
    _corrected(
        response.original_text, response.text, non_empty(text, field="text"), rules, language
    )
    correction = Correction(actor.id, when, response.text, text)
    corrected = attrs.evolve(response, text=text, corrections=(*response.corrections, correction))
    return _changed(profile, [("responses", corrected)]), ()


# -- what people see --------------------------------------------------------------------


@attrs.frozen
class PublicResponse:
    """A response as shown in the directory."""

    id: str = attrs.field(validator=is_key)
    text: str = attrs.field(validator=is_text)
    submitted_at: datetime = attrs.field(converter=to_moment)


@attrs.frozen
class PublicReview:
    """A review as shown in the directory and to the partner: no reviewer information."""

    id: str = attrs.field(validator=is_key)
    overall: int = attrs.field(validator=is_count)
    services: tuple[str, ...] = attrs.field(converter=_services)
    title: str = attrs.field(validator=is_text)
    body: str = attrs.field(validator=is_text)
    submitted_at: datetime = attrs.field(converter=to_moment)
    response: PublicResponse | None = attrs.field(
        validator=instance_of(PublicResponse, _a_or_none("PublicResponse"), optional=True)
    )
    categories: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_to_category_stars)


def public_view(profile: DirectoryProfile) -> tuple[PublicReview, ...]:
    """The active reviews with their active responses, as anyone (and the partner) sees them."""
    index = _profile(profile)._index
    answers: dict[str, Response] = {}
    for item in index.vector("responses").items():
        if item.active:
            answers.setdefault(item.review, item)
    shown = []
    for review in profile.active_reviews():
        response = answers.get(review.id)
        ratings, text = review.ratings, review.text
        shown.append(  # made from checked values, without the checks
            _made(
                PublicReview,
                review.id,
                ratings.overall,
                ratings.services,
                text.title,
                text.body,
                review.submitted_at,
                None
                if response is None
                else _made(PublicResponse, response.id, response.text, response.submitted_at),
                ratings.categories,
            )
        )
    return tuple(shown)


def _distribution(value: Any, attribute: attrs.Attribute[Any]) -> tuple[tuple[int, int], ...]:
    """(stars, count) pairs of ints of 0 or more."""
    pairs = []
    for position, pair in enumerate(sequence(value, field=attribute.name)):
        field = f"{attribute.name}[{position}]"
        match pair:
            case (stars, count):
                pairs.append(
                    (
                        whole_number(stars, field=field, minimum=0),
                        whole_number(count, field=field, minimum=0),
                    )
                )
            case _:
                raise InvalidTypeError(field, pair, message("a (stars, count) pair"))
    return tuple(pairs)


if TYPE_CHECKING:  # how attrs' mypy plugin sees the field-aware converter below

    def _to_distribution(value: Iterable[tuple[int, int]]) -> tuple[tuple[int, int], ...]: ...

else:
    _to_distribution = attrs.Converter(_distribution, takes_field=True)


class _Stars:
    """What the summary of a rating shares: a count, the stars given in all, how many
    reviews gave each star, and the rounding of the average shown."""

    __slots__ = ()
    count: int
    total_stars: int
    distribution: tuple[tuple[int, int], ...]
    rounding: RoundingPolicy

    def __attrs_post_init__(self) -> None:
        counted = sum(count for _, count in self.distribution)
        stars = sum(star * count for star, count in self.distribution)
        if (counted, stars) != (self.count, self.total_stars):
            raise InvalidValueError(
                "distribution",
                self.distribution,
                message(
                    "counts adding up to count ({count}) and stars adding up to total_stars "
                    "({stars})",
                    count=self.count,
                    stars=self.total_stars,
                ),
            )

    def _none(self) -> EmptyTallyError:
        return EmptyTallyError(_noun("review"), message("average rating"))

    @property
    def average(self) -> Fraction:
        """The average star rating, exactly; undefined (an error) with no reviews."""
        if self.count == 0:
            raise self._none()
        return Fraction(self.total_stars, self.count)

    @property
    def average_display(self) -> Decimal:
        """The average rounded for display by the summary's rounding policy."""
        return self.rounding.apply(self.average)

    def to_html(self, locale: str | Presenter = "en") -> str:
        """How many reviews and their average, a bar per star and (for a
        :class:`Summary`) each rating category's average, as HTML for people of
        ``locale`` (a notebook shows it)."""
        from ._views import review_summary

        assert isinstance(self, Summary | CategorySummary)  # the two kinds of summary
        return review_summary(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()


_is_rounding = instance_of(RoundingPolicy, _a("RoundingPolicy"))


@attrs.frozen
class CategorySummary(_Stars):
    """One rating category (the overall rating too) summarised over the active reviews
    that rated it: ``count`` of them, the stars in all, and the reviews per star."""

    category: str = attrs.field(validator=is_text)
    count: int = attrs.field(validator=is_count)
    total_stars: int = attrs.field(validator=is_count)
    distribution: tuple[tuple[int, int], ...] = attrs.field(converter=_to_distribution)
    rounding: RoundingPolicy = attrs.field(validator=_is_rounding)

    def _none(self) -> EmptyTallyError:
        return EmptyTallyError(
            message("{category} rating", category=self.category), message("average rating")
        )


@attrs.frozen
class Summary(_Stars):
    """The review count, the overall star ratings and their distribution, from active
    reviews, and the same for every rating category in ``categories`` (the overall
    rating first, then the profile's categories in order).

    ``distribution`` maps each star of the scale to its number of reviews.
    """

    count: int = attrs.field(validator=is_count)
    total_stars: int = attrs.field(validator=is_count)
    distribution: tuple[tuple[int, int], ...] = attrs.field(converter=_to_distribution)
    rounding: RoundingPolicy = attrs.field(validator=_is_rounding)
    categories: tuple[CategorySummary, ...] = attrs.field(
        default=(), converter=to_tuple, validator=each(CategorySummary, _a("CategorySummary"))
    )

    def category(self, name: str) -> CategorySummary:
        """The summary of the rating category ``name`` (``"overall"`` too)."""
        found = {item.category: item for item in self.categories}.get(
            non_empty(name, field="name")
        )
        if found is None:
            raise UnknownEntryError(message("rating category"), name)
        return found


def summary(profile: DirectoryProfile, *, rounding: RoundingPolicy | None = None) -> Summary:
    """Summarise the active reviews: count, exact and displayed average, per-star counts,
    for the overall rating and for each of the profile's rating categories.

    The displayed average is rounded by ``rounding``, by default the review rules'
    (half-up to 1 place). A category counts the reviews that rated it.
    """
    if rounding is None:
        rounding = review_rules().display
    instance(rounding, RoundingPolicy, field="rounding", expected=_a_or_none("RoundingPolicy"))
    active = _profile(profile).active_reviews()
    scale = profile.scale
    each_category = []
    for name in (OVERALL, *(category.name for category in profile.categories)):
        given = [stars for review in active if (stars := review.ratings.stars(name)) is not None]
        distribution = [(star, given.count(star)) for star in range(scale.low, scale.high + 1)]
        each_category.append(CategorySummary(name, len(given), sum(given), distribution, rounding))
    overall = each_category[0]
    return Summary(
        overall.count, overall.total_stars, overall.distribution, rounding, each_category
    )


def describe(result: Summary | CategorySummary, *, locale: str = "en") -> str:
    """The summary as people read it in ``locale`` (a locale such as ``"sv_SE"``; see
    :func:`~hubpartner.present.resolve_locale`): how many active reviews there are
    and their average rating, rounded by the summary's rounding and written the
    locale's way.

        >>> from hubpartner.reviews import Summary
        >>> shown = Summary(2, 9, [(4, 1), (5, 1)], review_rules().display)
        >>> describe(shown), describe(shown, locale="sv_SE")
        ('2 reviews, 4.5 stars on average', '2 recensioner, i genomsnitt 4,5 stjärnor')
    """
    instance(
        result,
        _Stars,
        field="result",
        expected=message("a {type} or a {other}", type="Summary", other="CategorySummary"),
    )
    shown = Presenter.for_locale(locale)
    if result.count == 0:
        return shown.text(message("no reviews yet"))
    average = shown.number(result.average_display, places=result.rounding.places)
    return shown.text(
        plural(
            "{count} review, {average} stars on average",
            "{count} reviews, {average} stars on average",
            count=result.count,
            average=average,
        )
    )
