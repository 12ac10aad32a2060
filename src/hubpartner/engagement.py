"""The Platform Engagement Index: how much of HubSpot each client uses.

A client's engagement score runs from 0 to 10 and grows with the number of HubSpot
tools it actively uses — creating, publishing or editing with them; logging in never
counts. The score breaks down by category, relative to what the client's
subscriptions include, and falls in a band: low 0-3, medium 4-6, high 7-10.

HubSpot has not published its categories or formula, so the scoring model is a value:
the default ships as data (``data/engagement.toml``) and a user can supply their own.
The catalogue of hubs and editions (``data/catalogue.toml``) is data too.

    >>> from hubpartner.engagement import Subscription, Usage, default_model
    >>> usage = Usage(
    ...     tools={"contacts", "deals", "email", "forms", "workflows"},
    ...     subscriptions={Subscription("marketing", "professional")},
    ... )
    >>> result = default_model().score(usage)
    >>> result.exact, result.score, result.band.value
    (Fraction(11, 3), 3, 'low')
"""

from __future__ import annotations

import enum
import functools
import math
import re
import statistics
from collections.abc import Hashable, Iterable, Mapping
from datetime import date
from fractions import Fraction
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

import attrs

from ._cache import remember
from ._checks import (
    Choice,
    calendar_date,
    each,
    each_item,
    instance,
    instance_of,
    is_count,
    is_day,
    is_key,
    is_positive_count,
    is_text,
    member,
    non_empty,
    sequence,
    to_fraction,
    to_key,
    to_tuple,
    whole_number,
)
from ._checks import (
    key as _key,
)
from ._files import Problems, packaged_source, packaged_text, packaged_toml, parse_toml
from ._html import Results
from .errors import (
    DuplicateIdError,
    EmptyTallyError,
    InvalidTypeError,
    InvalidValueError,
    RulesFileError,
    RulesProblem,
    UnknownEntryError,
    UnknownToolError,
    as_written,
    shown,
)
from .messages import Message, message, plural
from .present import Presenter, localized

__all__ = [
    "Action",
    "Activity",
    "Assessment",
    "Band",
    "Bands",
    "Catalogue",
    "Category",
    "CategoryScore",
    "ClientEngagement",
    "EditionHolding",
    "EngagementScore",
    "Hub",
    "HubHoldings",
    "Opportunity",
    "OpportunityKind",
    "ScoringModel",
    "Subscription",
    "UnknownTools",
    "Usage",
    "assess",
    "by_band",
    "default_catalogue",
    "default_model",
    "filter_clients",
    "median_tool_usage",
    "model_from_toml",
    "opportunities",
    "subscriptions_held",
    "tool_key",
    "usage_from_activities",
]


# -- the catalogue ------------------------------------------------------------------------


#: How many written names — of tools, and of hubs and editions in subscriptions — the
#: module remembers the key of (each in a bounded ``functools.lru_cache``): a name read
#: again gives the very same ``str``, so that a portfolio's many usages share their
#: keys, and a model reads them at the speed of an identity.
NAMES_KEPT = 4096


@functools.lru_cache(maxsize=NAMES_KEPT)
def _tool_key_of(written: str) -> str:
    return _SEPARATORS.sub("-", written.strip().lower()).strip("-")


@functools.lru_cache(maxsize=NAMES_KEPT)
def _name_key_of(written: str) -> str:
    return written.strip().lower()


def _name_key(value: Any, attribute: attrs.Attribute[Any]) -> str:
    """:func:`hubpartner._checks.key` of a subscription's hub or edition."""
    return _name_key_of(non_empty(value, field=attribute.name))


if TYPE_CHECKING:  # how attrs' mypy plugin sees the field-aware converter below

    def _to_name_key(value: str) -> str: ...

else:
    _to_name_key = attrs.Converter(_name_key, takes_field=True)


@attrs.frozen(order=True)
class Subscription:
    """A hub at an edition, such as ``Subscription("marketing", "professional")``."""

    hub: str = attrs.field(converter=_to_name_key)
    edition: str = attrs.field(converter=_to_name_key)

    def __str__(self) -> str:
        return f"{self.hub}:{self.edition}"

    @classmethod
    def parse(cls, text: str, *, field: str = "subscription") -> Subscription:
        """Read ``"hub:edition"``; ``field`` names the argument in errors."""
        hub, sep, edition = _key(text, field=field).partition(":")
        if not sep:
            raise InvalidValueError(field, text, message("'hub:edition', such as 'sales:starter'"))
        return cls(hub, edition)

    @classmethod
    def of(cls, value: Subscription | str, *, field: str = "subscription") -> Subscription:
        """``value`` if it is a subscription, or the one its ``"hub:edition"`` text
        names: every argument that takes a subscription accepts either."""
        if isinstance(value, Subscription):
            return value
        if not isinstance(value, str):
            raise InvalidTypeError(
                field,
                value,
                message("a Subscription or 'hub:edition' text, such as 'sales:starter'"),
            )
        return cls.parse(value, field=field)


def _subscription_items(value: Any, *, field: str) -> tuple[Subscription, ...]:
    return each_item(Subscription.of, value, field=field)


def _editions(value: Any) -> tuple[str, ...]:
    editions = each_item(_key, value, field="editions")
    if not editions or len(set(editions)) != len(editions):
        raise InvalidValueError("editions", value, message("one or more different editions"))
    return editions


@attrs.frozen
class Hub:
    """A HubSpot product line and its editions, lowest first."""

    key: str = attrs.field(converter=to_key)
    name: str = attrs.field(validator=is_text)
    editions: tuple[str, ...] = attrs.field(converter=_editions)


def _hubs(value: Any) -> tuple[Hub, ...]:
    hubs = sequence(value, field="hubs")
    for hub in hubs:
        if not isinstance(hub, Hub):
            raise InvalidTypeError("hubs", hub, message("a Hub"))
    keys = [hub.key for hub in hubs]
    if len(set(keys)) != len(keys):
        raise InvalidValueError("hubs", keys, message("hubs with different keys"))
    return hubs


@attrs.frozen
class Catalogue:
    """The hubs one can subscribe to; ``free_edition`` names the no-cost edition."""

    hubs: tuple[Hub, ...] = attrs.field(converter=_hubs)
    free_edition: str = attrs.field(default="free", converter=to_key)

    def hub(self, key: str) -> Hub:
        """The hub with ``key``."""
        wanted = _key(key, field="key")
        for hub in self.hubs:
            if hub.key == wanted:
                return hub
        raise UnknownEntryError(
            "hub", key, where=message("the catalogue"), known=[hub.key for hub in self.hubs]
        )

    def rank(self, subscription: Subscription | str) -> int:
        """The position of the subscription's edition in its hub, 0 for the lowest."""
        subscription = Subscription.of(subscription)
        hub = self.hub(subscription.hub)
        if subscription.edition not in hub.editions:
            raise InvalidValueError(
                "edition",
                subscription.edition,
                # Translators: {editions} lists the hub's editions as data writes them
                # (free, starter ...); {hub} is the hub's name, such as 'Sales Hub'.
                message(
                    "one of {editions} for {hub}", editions=", ".join(hub.editions), hub=hub.name
                ),
            )
        return hub.editions.index(subscription.edition)

    def best_ranks(self, subscriptions: Iterable[Subscription | str]) -> dict[str, int]:
        """The rank (see :meth:`rank`) of the highest edition held of each hub that
        ``subscriptions`` hold, by hub key."""
        best: dict[str, int] = {}
        for held in _subscription_items(subscriptions, field="subscriptions"):
            rank = self.rank(held)
            best[held.hub] = max(rank, best.get(held.hub, rank))
        return best

    def includes(self, held: Subscription | str, needed: Subscription | str) -> bool:
        """Whether holding ``held`` gives what ``needed`` requires (same hub, as high)."""
        held = Subscription.of(held, field="held")
        needed = Subscription.of(needed, field="needed")
        return held.hub == needed.hub and self.rank(held) >= self.rank(needed)


def _catalogue_from(data: dict[str, Any], source: str) -> Catalogue:
    """The catalogue of a document written like ``data/catalogue.toml``, checked
    whole: every problem is reported with its key in one
    :class:`~hubpartner.errors.RulesFileError` naming ``source``."""
    problems = Problems()
    problems.schema(data)
    problems.keys(data, required=("hubs",), optional=("schema", "free_edition"))
    hubs = []
    for key, entry in problems.table(data, "hubs").items():
        where = f"hubs.{as_written(key)}"
        if not isinstance(entry, dict):
            problems.add(
                where,
                message("expected a table [{key}], got {value}", key=where, value=shown(entry)),
            )
            continue
        problems.keys(entry, required=("name", "editions"), within=where)
        if {"name", "editions"} <= set(entry):
            hubs.append(
                problems.build(
                    functools.partial(Hub, key, entry["name"], entry["editions"]), within=where
                )
            )
    catalogue = None
    if not problems.found:
        free = data.get("free_edition", "free")
        catalogue = problems.build(lambda: Catalogue(hubs, free))
    problems.raise_found(source)
    assert catalogue is not None  # built, or a problem was raised
    return catalogue


@functools.cache
def default_catalogue() -> Catalogue:
    """The packaged catalogue of hubs and editions (read once, on first use)."""
    return _catalogue_from(packaged_toml("catalogue.toml"), packaged_source("catalogue.toml"))


# -- usage -----------------------------------------------------------------------------

_SEPARATORS = re.compile(r"[\s_-]+")


def tool_key(name: Any, *, field: str = "tool") -> str:
    """The key a tool name is compared by: lower case, each run of spaces, hyphens and
    underscores one hyphen (``"Landing pages"`` and ``"landing_pages"`` are
    ``"landing-pages"``). A scoring model then reads the key through its aliases.

        >>> tool_key(" Social  Publishing ")
        'social-publishing'
    """
    found = _tool_key_of(non_empty(name, field=field))
    if not found:
        raise InvalidValueError(
            field, name, message("a tool name with a letter or digit, such as 'forms'")
        )
    return found


def _tool(value: Any) -> str:
    return tool_key(value, field="tool")


class UnknownTools(Choice):
    """What to do with a tool name a scoring model does not know: refuse it with an
    :class:`~hubpartner.errors.UnknownToolError` (``error``, the default everywhere),
    or keep it and list it in :attr:`EngagementScore.unscored` (``report``). A tool is
    never dropped silently."""

    FIELD = enum.nonmember("unknown")

    ERROR = "error"
    REPORT = "report"


class Action(Choice):
    """What a user did with a tool. Only creating, publishing and editing is *using*."""

    CREATE = "create"
    PUBLISH = "publish"
    EDIT = "edit"
    VIEW = "view"
    LOGIN = "login"

    @property
    def counts_as_use(self) -> bool:
        """True for creating, publishing and editing; never for viewing or logging in."""
        return self in (Action.CREATE, Action.PUBLISH, Action.EDIT)


@attrs.frozen
class Activity:
    """One thing done in a client's account: a tool, an action, a day."""

    tool: str = attrs.field(converter=_tool)
    action: Action = attrs.field(converter=Action)
    on: date = attrs.field(validator=is_day)


def _tools(value: Any) -> frozenset[str]:
    return frozenset(each_item(tool_key, value, field="tools"))


def _subscriptions(value: Any) -> frozenset[Subscription]:
    return frozenset(_subscription_items(value, field="subscriptions"))


@attrs.frozen
class Usage:
    """The tools a client actively used in a period, and the subscriptions it holds.

    Tool names are kept as :func:`tool_key` writes them; a scoring model reads them
    through its aliases and refuses (or reports) the ones it does not know.
    Subscriptions may be written ``"hub:edition"``.
    """

    tools: frozenset[str] = attrs.field(default=frozenset(), converter=_tools)
    subscriptions: frozenset[Subscription] = attrs.field(
        default=frozenset(), converter=_subscriptions
    )

    @classmethod
    def _of(cls, tools: frozenset[str], subscriptions: frozenset[Subscription]) -> Usage:
        """The usage of ``tools`` and ``subscriptions`` taken from usages (or a model)
        that checked them: nothing to check again."""
        made = cls.__new__(cls)
        object.__setattr__(made, "tools", tools)
        object.__setattr__(made, "subscriptions", subscriptions)
        return made


def usage_from_activities(
    activities: Iterable[Activity],
    *,
    start: date,
    end: date,
    subscriptions: Iterable[Subscription] = (),
    model: ScoringModel | None = None,
    unknown: UnknownTools | str = UnknownTools.ERROR,
) -> Usage:
    """The tools used from ``start`` to ``end`` (both included): created, published or
    edited with. A login or a view never makes a tool used.

    Tools are read as ``model`` (the packaged one by default) reads them; a tool used
    in the period that it does not know raises
    :class:`~hubpartner.errors.UnknownToolError`, or with ``unknown="report"`` stays
    in the usage so that its score lists it.
    """
    first, last = calendar_date(start, field="start"), calendar_date(end, field="end")
    if last < first:
        raise InvalidValueError(
            "end", last, message("a date on or after start ({start})", start=first.isoformat())
        )
    used = []
    for activity in sequence(activities, field="activities"):
        if not isinstance(activity, Activity):
            raise InvalidTypeError("activities", activity, message("an Activity"))
        if activity.action.counts_as_use and first <= activity.on <= last:
            used.append(activity.tool)
    tools, strange = _chosen_model(model)._checked_tools(used, unknown=unknown, field="activities")
    return Usage(tools | frozenset(strange), subscriptions)


# -- the scoring model --------------------------------------------------------------------


class Band(Choice):
    """The engagement bands of the Platform Engagement Index."""

    LOW = "low"
    MEDIUM = "medium"
    HIGH = "high"

    @property
    def label(self) -> Message:
        """The band's name for people, a message said in every language (its
        ``value`` is the name files and JSON use)."""
        # Translators: an engagement band (of the Platform Engagement Index)
        low = message("low")
        # Translators: an engagement band (of the Platform Engagement Index)
        medium = message("medium")
        # Translators: an engagement band (of the Platform Engagement Index)
        high = message("high")
        return {Band.LOW: low, Band.MEDIUM: medium, Band.HIGH: high}[self]


def _span(_: Any, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
    if len(value) != 2:
        raise InvalidValueError(attribute.name, value, message("a (first, last) pair of scores"))
    for score in value:
        whole_number(score, field=attribute.name, minimum=0)


@functools.cache
def _packaged_bands() -> Bands:
    data = packaged_toml("engagement.toml")["bands"]
    return Bands(data["low"], data["medium"], data["high"])


@attrs.frozen
class Bands:
    """The score ranges of the bands, inclusive: published as 0-3, 4-6 and 7-10, which
    are the packaged model's bands (rule data) and the default of each range."""

    low: tuple[int, int] = attrs.field(
        factory=lambda: _packaged_bands().low, converter=to_tuple, validator=_span
    )
    medium: tuple[int, int] = attrs.field(
        factory=lambda: _packaged_bands().medium, converter=to_tuple, validator=_span
    )
    high: tuple[int, int] = attrs.field(
        factory=lambda: _packaged_bands().high, converter=to_tuple, validator=_span
    )

    def __attrs_post_init__(self) -> None:
        spans = [self.low, self.medium, self.high]
        expected = 0
        for first, last in spans:
            if first != expected or last < first:
                raise InvalidValueError(
                    "bands", spans, message("ranges that follow each other from 0 without gaps")
                )
            expected = last + 1

    @property
    def top(self) -> int:
        """The highest score."""
        return self.high[1]

    def band(self, score: int) -> Band:
        """The band of ``score``; a score outside the scale is an error."""
        if isinstance(score, bool) or not isinstance(score, int):
            raise InvalidTypeError("score", score, self._scale())
        for band, (first, last) in zip(Band, (self.low, self.medium, self.high), strict=True):
            if first <= score <= last:
                return band
        raise InvalidValueError("score", score, self._scale())

    def _scale(self) -> Message:
        return message("an int from {minimum} to {maximum}", minimum=0, maximum=self.top)


def _category_tools(value: Any) -> tuple[str, ...]:
    tools = each_item(tool_key, value, field="tools")
    if not tools or len(set(tools)) != len(tools):
        raise InvalidValueError(
            "tools",
            value,
            message("one or more different tools (case, spaces, '-' and '_' aside)"),
        )
    return tools


@attrs.frozen
class Category:
    """An engagement category: its tools, its maximum ``points``, and how many tools
    earn them all (``full_at``)."""

    key: str = attrs.field(converter=to_key)
    name: str = attrs.field(validator=is_text)
    points: int = attrs.field(validator=is_count)
    full_at: int = attrs.field(validator=is_positive_count)
    tools: tuple[str, ...] = attrs.field(converter=_category_tools)

    def __attrs_post_init__(self) -> None:
        if self.full_at > len(self.tools):
            raise InvalidValueError(
                "full_at",
                self.full_at,
                plural(
                    "at most the category's {count} tool",
                    "at most the category's {count} tools",
                    count=len(self.tools),
                ),
            )

    def earned(self, used: int) -> Fraction:
        """The points for ``used`` of the category's tools."""
        used = whole_number(used, field="used", minimum=0)
        return Fraction(self.points * min(used, self.full_at), self.full_at)


@attrs.frozen
class CategoryScore:
    """One category of a client's score, relative to its subscriptions.

    ``earned`` is what the client's use earned; ``within_reach`` what its current
    subscriptions would allow; ``unused`` the tools it has but does not use.
    """

    key: str = attrs.field(validator=is_text)
    name: str = attrs.field(validator=is_text)
    earned: Fraction = attrs.field(converter=to_fraction)
    within_reach: Fraction = attrs.field(converter=to_fraction)
    maximum: int = attrs.field(validator=is_count)
    used: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=each(str, message("a tool name"))
    )
    unused: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=each(str, message("a tool name"))
    )
    not_included: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=each(str, message("a tool name"))
    )


@attrs.frozen
class EngagementScore:
    """A client's engagement: the score (0-10), its exact sum, band and breakdown.

    ``unscored`` lists the tools the client used that the model does not know.
    """

    score: int = attrs.field(validator=is_count)
    exact: Fraction = attrs.field(converter=to_fraction)
    band: Band = attrs.field(converter=Band)
    categories: tuple[CategoryScore, ...] = attrs.field(
        converter=to_tuple, validator=each(CategoryScore, message("a CategoryScore"))
    )
    unscored: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=each(str, message("a tool name"))
    )

    @classmethod
    def _computed(
        cls,
        score: int,
        exact: Fraction,
        band: Band,
        categories: tuple[CategoryScore, ...],
        unscored: tuple[str, ...],
    ) -> EngagementScore:
        """The score a model computed from a checked usage, of parts it built (and
        checked) itself: what the constructor would check holds already."""
        made = cls.__new__(cls)
        object.__setattr__(made, "score", score)
        object.__setattr__(made, "exact", exact)
        object.__setattr__(made, "band", band)
        object.__setattr__(made, "categories", categories)
        object.__setattr__(made, "unscored", unscored)
        return made

    def to_html(self, locale: str | Presenter = "en") -> str:
        """The score, the band and a row per category with a bar of the points it
        earned, as an HTML table for people of ``locale`` (a notebook shows it)."""
        from ._views import engagement

        return engagement(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()


Requirement = tuple[Subscription, ...] | None

#: How many entries a scoring model keeps of what it derived for scoring — the tools
#: each set of subscriptions includes, and each category's part by the tools used and
#: included — before it empties its cache (see :func:`hubpartner._cache.remember`).
DERIVED_KEPT = 4096


def _by_tool(value: Any, *, field: str, expected: Message) -> dict[str, Any]:
    """The entries of the mapping ``value`` by the :func:`tool_key` of their keys; a key
    written twice (in any spelling) is an error."""
    if not isinstance(value, Mapping):
        raise InvalidTypeError(field, value, expected)
    table: dict[str, Any] = {}
    for key, entry in value.items():
        name = tool_key(key, field=field)
        if name in table:
            raise InvalidValueError(
                field, key, message("each name once (case, spaces, '-' and '_' aside)")
            )
        table[name] = entry
    return table


def _requirements(value: Any) -> Mapping[str, Requirement]:
    table: dict[str, Requirement] = {}
    expected = message("a mapping of tool to subscriptions")
    for name, needs in _by_tool(value, field="requirements", expected=expected).items():
        if needs is None or needs == "any":
            table[name] = None
        elif isinstance(needs, str) or not isinstance(needs, Iterable):
            raise InvalidTypeError(
                f"requirements.{name}",
                needs,
                message("'any', None or a list of subscriptions such as ['marketing:starter']"),
            )
        else:
            table[name] = _subscription_items(needs, field=f"requirements.{name}")
    return MappingProxyType(table)


def _aliases(value: Any) -> Mapping[str, str]:
    found = _by_tool(value, field="aliases", expected=message("a mapping of alias to tool"))
    return MappingProxyType(
        {name: tool_key(tool, field=f"aliases.{name}") for name, tool in found.items()}
    )


@attrs.frozen
class ScoringModel:
    """How usage becomes an engagement score.

    Each category earns ``points * min(tools used, full_at) / full_at``; the score is
    the whole part of the sum, so it runs from 0 to the top of the bands and using one
    more tool never lowers it. ``requirements`` says which subscriptions include each
    tool (``None``: every account has it). ``bands`` and ``catalogue`` default to the
    packaged model's. ``aliases`` maps other names of a tool to its key (``"cta"`` to
    ``"ctas"``); every name is read with :func:`tool_key`, so case, spaces, hyphens and
    underscores never matter.
    """

    name: str = attrs.field(validator=is_text)
    categories: tuple[Category, ...] = attrs.field(
        converter=to_tuple, validator=each(Category, message("a Category"))
    )
    requirements: Mapping[str, Requirement] = attrs.field(converter=_requirements, hash=False)
    bands: Bands = attrs.field(
        factory=lambda: _packaged_bands(), validator=instance_of(Bands, message("a Bands value"))
    )
    catalogue: Catalogue = attrs.field(
        factory=lambda: default_catalogue(),
        validator=instance_of(Catalogue, message("a Catalogue")),
    )
    aliases: Mapping[str, str] = attrs.field(
        factory=lambda: MappingProxyType({}), converter=_aliases, hash=False
    )
    # Each tool's requirements as (hub, lowest edition's rank) pairs, resolved once.
    _needs: Mapping[str, tuple[tuple[str, int], ...] | None] = attrs.field(
        init=False, eq=False, hash=False, repr=False
    )
    # Every name the model reads (its tools and their aliases) to the tool's key.
    _lookup: Mapping[str, str] = attrs.field(init=False, eq=False, hash=False, repr=False)

    def __attrs_post_init__(self) -> None:
        total = sum(category.points for category in self.categories)
        if total != self.bands.top:
            raise InvalidValueError(
                "categories",
                total,
                message("points that add up to the top score, {top}", top=self.bands.top),
            )
        seen: set[str] = set()
        for category in self.categories:
            for tool in category.tools:
                if tool in seen:
                    raise InvalidValueError(
                        "tools", tool, message("each tool in one category only")
                    )
                if tool not in self.requirements:
                    raise InvalidValueError(
                        "requirements",
                        tool,
                        message("a requirement for every tool of the categories"),
                    )
                seen.add(tool)
        for tool in self.requirements:
            if tool not in seen:
                raise InvalidValueError(
                    "requirements",
                    tool,
                    message("requirements only for the tools of the categories"),
                )
        for alias, tool in self.aliases.items():
            if alias in seen or tool not in seen:
                raise InvalidValueError(
                    "aliases",
                    {alias: tool},
                    message(
                        "another name for one of the model's tools, that is not itself a tool"
                    ),
                )
        lookup = {tool: tool for tool in seen} | dict(self.aliases)
        object.__setattr__(self, "_lookup", MappingProxyType(lookup))
        resolved = {
            tool: None
            if needs is None
            else tuple((need.hub, self.catalogue.rank(need)) for need in needs)
            for tool, needs in self.requirements.items()
        }
        object.__setattr__(self, "_needs", MappingProxyType(resolved))

    @property
    def tools(self) -> tuple[str, ...]:
        """The model's tools, category by category."""
        return tuple(tool for category in self.categories for tool in category.tools)

    def tool(self, name: str) -> str:
        """The model's key for the tool ``name``, written in any case, with spaces,
        hyphens or underscores, or as one of its aliases; a name it does not know
        raises :class:`~hubpartner.errors.UnknownToolError`."""
        return self._tool(name, field="name")

    def _tool(self, name: str, *, field: str) -> str:
        (found,) = self._checked_tools([name], unknown=UnknownTools.ERROR, field=field)[0]
        return found

    def resolve_tools(
        self, names: Iterable[str], *, unknown: UnknownTools | str = UnknownTools.ERROR
    ) -> frozenset[str]:
        """The model's keys for the tool ``names`` (see :meth:`tool`). Names it does not
        know raise :class:`~hubpartner.errors.UnknownToolError`, or with
        ``unknown="report"`` are kept as :func:`tool_key` writes them."""
        known, strange = self._checked_tools(names, unknown=unknown, field="names")
        return known | frozenset(strange)

    def _checked_tools(
        self, names: Iterable[str], *, unknown: UnknownTools | str, field: str
    ) -> tuple[frozenset[str], tuple[str, ...]]:
        """The model's keys for the ``names`` it knows, and the others (sorted), which
        raise :class:`~hubpartner.errors.UnknownToolError` naming ``field`` unless
        ``unknown`` is ``"report"``."""
        policy = member(UnknownTools, unknown, field="unknown")
        return self._known_tools(each_item(tool_key, names, field=field), policy, field)

    def _known_tools(
        self, keys: Iterable[str], policy: UnknownTools, field: str
    ) -> tuple[frozenset[str], tuple[str, ...]]:
        """:meth:`_checked_tools` of names already written as :func:`tool_key` writes
        them (a :class:`Usage`'s tools are)."""
        if isinstance(keys, frozenset) and keys <= self._tool_set:
            return keys, ()
        lookup = self._lookup
        known: set[str] = set()
        strange: set[str] = set()
        for name in keys:
            found = lookup.get(name)
            if found is None:
                strange.add(name)
            else:
                known.add(found)
        if strange and policy is UnknownTools.ERROR:
            raise UnknownToolError(
                field,
                sorted(strange),
                self.tools,
                model=self.name,
                hint=message(
                    "pass unknown='report' to score the tools it knows and list the others"
                ),
            )
        return frozenset(known), tuple(sorted(strange))

    def included(self, subscriptions: Iterable[Subscription | str]) -> frozenset[str]:
        """The tools that ``subscriptions`` include."""
        best = self.catalogue.best_ranks(subscriptions)
        return frozenset(
            tool
            for tool, needs in self._needs.items()
            if needs is None or any(best.get(hub, -1) >= rank for hub, rank in needs)
        )

    def includes(self, tool: str, subscriptions: Iterable[Subscription | str]) -> bool:
        """Whether ``subscriptions`` include ``tool`` (read as :meth:`tool` reads it)."""
        return self._tool(tool, field="tool") in self.included(subscriptions)

    def score(
        self, usage: Usage, *, unknown: UnknownTools | str = UnknownTools.ERROR
    ) -> EngagementScore:
        """Score a client's usage, with the breakdown by category.

        Tools are read as :meth:`tool` reads them. A tool the model does not know
        raises :class:`~hubpartner.errors.UnknownToolError`; with ``unknown="report"``
        it is listed in :attr:`EngagementScore.unscored` instead.
        """
        if not isinstance(usage, Usage):
            raise InvalidTypeError("usage", usage, message("a Usage"))
        policy = member(UnknownTools, unknown, field="unknown")
        return self._score(usage.tools, usage.subscriptions, policy)

    def _score(
        self, tools: frozenset[str], subscriptions: frozenset[Subscription], policy: UnknownTools
    ) -> EngagementScore:
        """:meth:`score` of a usage's ``tools`` (written as :func:`tool_key` writes them)
        and ``subscriptions``. What the subscriptions include is derived once per set
        of subscriptions, and each category's part once per tools used and included;
        the model keeps both (at most :data:`DERIVED_KEPT` entries)."""
        known, strange = self._known_tools(tools, policy, "usage.tools")
        included = self._reach(subscriptions)
        bits, masks, count = self._bits
        used = sum(map(bits.__getitem__, known))  # one bit per tool: the sum is the union
        derived = self._derived
        parts = []
        scaled = 0
        for index, mask, marker in masks:
            # the category's tools used and included, and the category, as one int
            key = (used & mask) | (included & mask) << count | marker
            found: tuple[CategoryScore, int] | None = derived.get(key)
            if found is None:
                found = self._part(index, used & mask, included & mask)
                remember(derived, key, found, size=DERIVED_KEPT)
            parts.append(found[0])
            scaled += found[1]
        total: tuple[int, Fraction, Band] | None = derived.get(("total", scaled))
        if total is None:
            whole = scaled // self._denominator
            total = (whole, Fraction(scaled, self._denominator), self.bands.band(whole))
            remember(derived, ("total", scaled), total, size=DERIVED_KEPT)
        return EngagementScore._computed(total[0], total[1], total[2], tuple(parts), strange)

    @functools.cached_property
    def _derived(self) -> dict[Hashable, Any]:
        """What :meth:`_score` derived (its own bounded cache, see
        :func:`hubpartner._cache.remember`): not a field, so never compared, hashed or
        shown."""
        return {}

    @functools.cached_property
    def _denominator(self) -> int:
        """A common denominator of every category's points: the least common multiple
        of their ``full_at``."""
        return math.lcm(*(category.full_at for category in self.categories))

    def _offers(self, subscriptions: frozenset[Subscription]) -> tuple[Opportunity, ...]:
        """:func:`opportunities` of ``subscriptions`` in the model's catalogue, found
        once per set of subscriptions."""
        key = ("offers", subscriptions)
        found: tuple[Opportunity, ...] | None = self._derived.get(key)
        if found is None:
            found = opportunities(subscriptions, catalogue=self.catalogue)
            remember(self._derived, key, found, size=DERIVED_KEPT)
        return found

    @functools.cached_property
    def _tool_set(self) -> frozenset[str]:
        """The model's tools (not their aliases), as a set."""
        return frozenset(self.tools)

    @functools.cached_property
    def _bits(self) -> tuple[dict[str, int], tuple[tuple[int, int, int], ...], int]:
        """A set of the model's tools as an int: each tool's bit; for each category its
        index, the bits of its tools and a bit of its own above twice the tools' (which
        tells apart the keys of categories' parts); and how many tools there are."""
        bits: dict[str, int] = {}
        masks = []
        for category in self.categories:
            mask = 0
            for tool in category.tools:
                bits[tool] = 1 << len(bits)
                mask |= bits[tool]
            masks.append(mask)
        count = len(bits)
        marked = tuple((index, mask, 1 << (2 * count + index)) for index, mask in enumerate(masks))
        return bits, marked, count  # a private dict, read faster than a mapping proxy

    def _reach(self, subscriptions: frozenset[Subscription]) -> int:
        """The tools that ``subscriptions`` include, as bits (see :attr:`_bits`)."""
        key = ("reach", subscriptions)
        found: int | None = self._derived.get(key)
        if found is None:
            bits = self._bits[0]
            found = sum(bits[tool] for tool in self.included(subscriptions))
            remember(self._derived, key, found, size=DERIVED_KEPT)
        return found

    def _part(self, index: int, used: int, included: int) -> tuple[CategoryScore, int]:
        """The score of the category at ``index`` when the tools of ``used`` are used
        and those of ``included`` included (bits, see :attr:`_bits`), and its points
        times :attr:`_denominator`."""
        category, bits = self.categories[index], self._bits[0]
        in_use = tuple(tool for tool in category.tools if used & bits[tool])
        within = tuple(tool for tool in category.tools if included & bits[tool])
        part = CategoryScore(
            category.key,
            category.name,
            category.earned(len(in_use)),
            category.earned(bin(used | included).count("1")),
            category.points,
            in_use,
            tuple(tool for tool in within if tool not in in_use),
            tuple(tool for tool in category.tools if tool not in within),
        )
        return part, int(part.earned * self._denominator)


def model_from_toml(
    text: str, *, catalogue: Catalogue | None = None, source: str = "<string>"
) -> ScoringModel:
    """Read a scoring model written like ``data/engagement.toml``.

    A document that is not TOML, lacks a key or holds a model that cannot exist
    raises :class:`~hubpartner.errors.RulesFileError` naming ``source`` and every
    problem found.
    """
    if not isinstance(text, str):
        raise InvalidTypeError("text", text, message("the TOML text of a scoring model (a str)"))
    chosen = _chosen_catalogue(catalogue)
    data = parse_toml(text, source=source, error=RulesFileError)
    found = Problems()
    found.schema(data)
    found.keys(data, required=(), optional=_MODEL_KEYS)
    name = _needed(data, "name", "name", found)
    categories = []
    listed = _needed(data, "categories", "categories", found)
    if listed is not None and not isinstance(listed, list):
        found.add(
            "categories",
            message("expected a list of [[categories]] tables, got {value}", value=shown(listed)),
        )
        listed = None
    for position, entry in enumerate(listed or ()):
        where = f"categories[{position}]"
        if not isinstance(entry, dict):
            found.add(
                where, message("expected a [[categories]] table, got {value}", value=shown(entry))
            )
            continue
        found.keys(entry, required=(), optional=_CATEGORY_KEYS, within=where)
        parts = [_needed(entry, part, f"{where}.{part}", found) for part in _CATEGORY_KEYS]
        if None not in parts:
            categories.append(found.check(where, lambda parts: Category(*parts), parts))
    requirements = _needed(data, "tools", "tools", found)
    bands = data.get("bands", {})
    if not isinstance(bands, dict) or not set(bands) <= {"low", "medium", "high"}:
        found.add(
            "bands",
            message("expected a table with low, medium and high, got {value}", value=shown(bands)),
        )
    if found.found:
        raise RulesFileError(source, found.found)
    try:
        return ScoringModel(
            name=name,
            categories=categories,
            requirements=requirements,
            bands=Bands(**bands),
            catalogue=chosen,
            aliases=data.get("aliases", {}),
        )
    except (InvalidValueError, InvalidTypeError, UnknownEntryError) as exc:
        raise RulesFileError(source, [RulesProblem(_field(exc), exc.message)]) from None


_CATEGORY_KEYS = ("key", "name", "points", "full_at", "tools")
_MODEL_KEYS = ("schema", "name", "bands", "categories", "tools", "aliases")


def _needed(table: dict[str, Any], key: str, where: str, found: Problems) -> Any:
    if key not in table:
        found.add(where, message("is missing"))
        return None
    return table[key]


def _field(error: InvalidValueError | InvalidTypeError | UnknownEntryError) -> str:
    return error.kind if isinstance(error, UnknownEntryError) else error.field


@functools.cache
def default_model() -> ScoringModel:
    """hubpartner's packaged default model (see ``docs/engagement.md``)."""
    return model_from_toml(
        packaged_text("engagement.toml"), source=packaged_source("engagement.toml")
    )


# -- opportunities ----------------------------------------------------------------------


class OpportunityKind(Choice):
    """A hub a client lacks (cross-sell) or a higher edition of one it has (upsell)."""

    FIELD = enum.nonmember("kind")

    CROSS_SELL = "cross-sell"
    UPSELL = "upsell"


def _offer(value: Any) -> Subscription:
    return Subscription.of(value, field="offer")


@attrs.frozen(order=True)
class Opportunity:
    """Something that could be offered to a client next."""

    kind: OpportunityKind = attrs.field(converter=OpportunityKind, order=lambda kind: kind.value)
    offer: Subscription = attrs.field(converter=_offer)

    def describe(self, *, locale: str | Presenter = "en") -> str:
        """The opportunity in words, for people of ``locale`` (see
        :func:`~hubpartner.present.localized`); the offer keeps its written form.

            >>> Opportunity("upsell", "sales:professional").describe(locale="sv")
            'merförsäljning sales:professional'
        """
        offer = str(self.offer)
        said = (
            # Translators: {offer} is a subscription as data writes it, such as
            # 'sales:professional' (the hub, then the edition).
            message("upsell {offer}", offer=offer)
            if self.kind is OpportunityKind.UPSELL
            else message("cross-sell {offer}", offer=offer)
        )
        return localized(said, locale)


def opportunities(
    subscriptions: Iterable[Subscription | str], *, catalogue: Catalogue | None = None
) -> tuple[Opportunity, ...]:
    """What could be offered next: the next edition of each hub held (upsell) and the
    first paid edition of each hub not held (cross-sell), in catalogue order.
    Subscriptions may be written ``"hub:edition"``.

        >>> [str(o.offer) for o in opportunities(["sales:starter"])][:3]
        ['sales:professional', 'marketing:starter', 'service:starter']
    """
    chosen = _chosen_catalogue(catalogue)
    best = chosen.best_ranks(subscriptions)
    upsells, cross_sells = [], []
    for hub in chosen.hubs:
        if hub.key in best:
            if best[hub.key] + 1 < len(hub.editions):
                offer = Subscription(hub.key, hub.editions[best[hub.key] + 1])
                upsells.append(Opportunity(OpportunityKind.UPSELL, offer))
        else:
            paid = [e for e in hub.editions if e != chosen.free_edition]
            if paid:
                cross_sells.append(
                    Opportunity(OpportunityKind.CROSS_SELL, Subscription(hub.key, paid[0]))
                )
    return (*upsells, *cross_sells)


# -- the client base ---------------------------------------------------------------------


@attrs.frozen
class ClientEngagement:
    """One client's place in the engagement views."""

    client: str = attrs.field(validator=is_key)
    name: str = attrs.field(validator=is_text)
    usage: Usage = attrs.field(validator=instance_of(Usage, message("a Usage")))
    engagement: EngagementScore = attrs.field(
        validator=instance_of(EngagementScore, message("an EngagementScore"))
    )
    opportunities: tuple[Opportunity, ...] = attrs.field(
        converter=to_tuple, validator=each(Opportunity, message("an Opportunity"))
    )

    @property
    def score(self) -> int:
        """The engagement score, 0-10."""
        return self.engagement.score

    @property
    def band(self) -> Band:
        """The engagement band."""
        return self.engagement.band

    def to_html(self, locale: str | Presenter = "en") -> str:
        """The client's engagement breakdown (see :meth:`EngagementScore.to_html`),
        captioned with its name and id."""
        from ._views import engagement

        return engagement(self.engagement, locale, client=self)

    def _repr_html_(self) -> str:
        return self.to_html()


def assess(
    clients: Iterable[tuple[str, str, Usage]],
    *,
    model: ScoringModel | None = None,
    unknown: UnknownTools | str = UnknownTools.ERROR,
) -> Assessment:
    """Score ``(client id, name, usage)`` triples and find their opportunities: an
    :class:`Assessment`, which a notebook shows as a table and a chart of the bands.

    Each client's usage is kept with its tools as the model reads them; a tool the
    model does not know is an error unless ``unknown="report"``.
    """
    chosen = _chosen_model(model)
    found: list[ClientEngagement] = []
    seen: set[str] = set()
    for position, triple in enumerate(sequence(clients, field="clients")):
        match triple:
            case (client, name, usage):
                non_empty(client, field="client")
            case _:
                raise InvalidTypeError(
                    f"clients[{position}]", triple, message("a (client id, name, Usage) triple")
                )
        if client in seen:
            raise DuplicateIdError("client", client)
        seen.add(client)
        scored = chosen.score(usage, unknown=unknown)
        known, strange = chosen._known_tools(usage.tools, UnknownTools.REPORT, "names")
        found.append(
            ClientEngagement(
                client,
                name,
                Usage._of(known | frozenset(strange), usage.subscriptions),
                scored,
                chosen._offers(usage.subscriptions),
            )
        )
    return Assessment(found)


class Assessment(Results[ClientEngagement]):
    """The clients :func:`assess` scored: a tuple of :class:`ClientEngagement` (equal
    to the plain tuple) that shows itself in a notebook as a table of the clients and
    a chart of how many are in each band."""

    __slots__ = ()

    ITEM = ClientEngagement
    EXPECTED = message("a ClientEngagement")

    def to_html(self, locale: str | Presenter = "en") -> str:
        """A row per client — score and band, opportunities — and a bar chart of the
        clients per band, for people of ``locale``."""
        from ._views import assessment

        return assessment(self, locale)

    def _repr_html_(self) -> str:
        return self.to_html()


def by_band(clients: Iterable[ClientEngagement]) -> dict[Band, tuple[ClientEngagement, ...]]:
    """The clients grouped by band (every band present, perhaps empty), in input order."""
    groups: dict[Band, list[ClientEngagement]] = {band: [] for band in Band}
    for item in _client_base(clients):
        groups[item.band].append(item)
    return {band: tuple(items) for band, items in groups.items()}


def filter_clients(
    clients: Iterable[ClientEngagement],
    *,
    min_score: int | None = None,
    max_score: int | None = None,
    bands: Iterable[Band] | None = None,
    opportunity: Subscription | str | None = None,
    name: str | None = None,
) -> tuple[ClientEngagement, ...]:
    """The clients matching every filter given: score range, bands, an opportunity
    (the offer, a Subscription or ``"hub:edition"``), and a name fragment
    (case-insensitive)."""
    low = None if min_score is None else whole_number(min_score, field="min_score", minimum=0)
    high = None if max_score is None else whole_number(max_score, field="max_score", minimum=0)
    wanted = (
        None
        if bands is None
        else frozenset(member(Band, b, field="bands") for b in sequence(bands, field="bands"))
    )
    offer = None if opportunity is None else Subscription.of(opportunity, field="opportunity")
    if name is not None and not isinstance(name, str):
        raise InvalidTypeError("name", name, message("a str: part of a client's name"))
    fragment = None if name is None else name.casefold()
    return tuple(
        item
        for item in _client_base(clients)
        if (low is None or item.score >= low)
        and (high is None or item.score <= high)
        and (wanted is None or item.band in wanted)
        and (offer is None or any(o.offer == offer for o in item.opportunities))
        and (fragment is None or fragment in item.name.casefold())
    )


@attrs.frozen
class EditionHolding:
    """The clients whose highest edition of a hub is ``subscription``'s."""

    subscription: Subscription = attrs.field(
        validator=instance_of(Subscription, message("a Subscription"))
    )
    clients: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=each(str, message("a client id"))
    )

    @property
    def count(self) -> int:
        """How many clients hold the edition."""
        return len(self.clients)


@attrs.frozen
class HubHoldings:
    """A hub's line in the overview of a client base: who holds each of its editions
    (lowest first, every edition present) and who holds none (``without``)."""

    hub: Hub = attrs.field(validator=instance_of(Hub, message("a Hub")))
    editions: tuple[EditionHolding, ...] = attrs.field(
        converter=to_tuple, validator=each(EditionHolding, message("an EditionHolding"))
    )
    without: tuple[str, ...] = attrs.field(
        converter=to_tuple, validator=each(str, message("a client id"))
    )

    @property
    def holders(self) -> tuple[str, ...]:
        """The clients that hold an edition of the hub, edition by edition."""
        return tuple(client for edition in self.editions for client in edition.clients)

    @property
    def count(self) -> int:
        """How many clients hold an edition of the hub."""
        return len(self.holders)


def subscriptions_held(
    clients: Iterable[ClientEngagement], *, catalogue: Catalogue | None = None
) -> tuple[HubHoldings, ...]:
    """Which subscriptions a client base holds: for each hub of the catalogue, in its
    order, the clients holding each edition (lowest first) and the clients holding
    none — the dashboard's "opportunities in your client base".

    A client holding two editions of a hub counts once, at the higher. Clients keep
    the order they are given in; each client is listed once per hub.

        >>> base = assess([("c1", "Acme", Usage([], ["sales:starter"])),
        ...                ("c2", "Beta", Usage([], ["sales:professional"]))])
        >>> sales = subscriptions_held(base)[1]
        >>> [(e.subscription.edition, e.clients) for e in sales.editions]
        [('free', ()), ('starter', ('c1',)), ('professional', ('c2',)), ('enterprise', ())]
        >>> subscriptions_held(base)[0].without
        ('c1', 'c2')
    """
    chosen = _chosen_catalogue(catalogue)
    base = _client_base(clients)
    best = [chosen.best_ranks(item.usage.subscriptions) for item in base]
    return tuple(
        HubHoldings(
            hub,
            [
                EditionHolding(
                    Subscription(hub.key, edition),
                    [
                        item.client
                        for item, ranks in zip(base, best, strict=True)
                        if ranks.get(hub.key) == rank
                    ],
                )
                for rank, edition in enumerate(hub.editions)
            ],
            [item.client for item, ranks in zip(base, best, strict=True) if hub.key not in ranks],
        )
        for hub in chosen.hubs
    )


def median_tool_usage(
    usages: Iterable[Usage],
    *,
    model: ScoringModel | None = None,
    unknown: UnknownTools | str = UnknownTools.ERROR,
) -> Fraction:
    """The median number of tools used across a client base, exactly.

    Tools are counted as ``model`` (the packaged one by default) reads them, so a tool
    written two ways counts once. A tool it does not know is an error, or with
    ``unknown="report"`` counts as a tool used. A client base with no clients has no
    median (an error, not 0).
    """
    chosen = _chosen_model(model)
    counts = []
    for position, usage in enumerate(sequence(usages, field="usages")):
        if not isinstance(usage, Usage):
            raise InvalidTypeError(f"usages[{position}]", usage, message("a Usage"))
        policy = member(UnknownTools, unknown, field="unknown")
        known, strange = chosen._known_tools(usage.tools, policy, f"usages[{position}].tools")
        counts.append(len(known) + len(strange))
    if not counts:
        raise EmptyTallyError(
            "client base",
            message("median tool usage"),
            reason=message("the client base has no clients; there is no median (not 0)"),
        )
    return Fraction(statistics.median_low(counts) + statistics.median_high(counts), 2)


def _chosen_model(model: Any) -> ScoringModel:
    if model is None:
        return default_model()
    if isinstance(model, ScoringModel):
        return model
    return instance(
        model,
        ScoringModel,
        field="model",
        expected=message("a ScoringModel, or None for the packaged one"),
    )


def _chosen_catalogue(catalogue: Any) -> Catalogue:
    if catalogue is None:
        return default_catalogue()
    if isinstance(catalogue, Catalogue):
        return catalogue
    expected = message("a Catalogue, or None for the packaged one")
    return instance(catalogue, Catalogue, field="catalogue", expected=expected)


def _client_base(clients: Any) -> tuple[ClientEngagement, ...]:
    """The clients of a view, checked: each a ClientEngagement, each client once."""
    found = sequence(clients, field="clients")
    seen: set[str] = set()
    for position, item in enumerate(found):
        if not isinstance(item, ClientEngagement):
            raise InvalidTypeError(f"clients[{position}]", item, message("a ClientEngagement"))
        if item.client in seen:
            raise DuplicateIdError("client", item.client)
        seen.add(item.client)
    return found
