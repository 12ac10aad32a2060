"""The Platform Engagement Index: scores, bands, opportunities and client-base views."""

import statistics
from datetime import date
from fractions import Fraction

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from hubpartner import Money, engagement
from hubpartner.clients import ClientRecord, Company, ProductLine, Relationship
from hubpartner.engagement import (
    Action,
    Activity,
    Band,
    Bands,
    Catalogue,
    Category,
    CategoryScore,
    ClientEngagement,
    EditionHolding,
    EngagementScore,
    Hub,
    HubHoldings,
    Opportunity,
    OpportunityKind,
    ScoringModel,
    Subscription,
    Usage,
    assess,
    by_band,
    default_catalogue,
    default_model,
    filter_clients,
    median_tool_usage,
    model_from_toml,
    opportunities,
    subscriptions_held,
    tool_key,
    usage_from_activities,
)
from hubpartner.errors import (
    DuplicateIdError,
    EmptyTallyError,
    InvalidTypeError,
    InvalidValueError,
    RulesFileError,
    UnknownEntryError,
    UnknownToolError,
)
from hubpartner.messages import LANGUAGES

MODEL = default_model()
ALL_TOOLS = sorted({tool for c in MODEL.categories for tool in c.tools})
SUBSCRIPTIONS = [
    Subscription(hub.key, edition) for hub in default_catalogue().hubs for edition in hub.editions
]
tool_sets = st.frozensets(st.sampled_from([*ALL_TOOLS, "chatbots"]))
subscription_sets = st.frozensets(st.sampled_from(SUBSCRIPTIONS), max_size=4)
usages = st.builds(Usage, tool_sets, subscription_sets)


# -- scores, by hand ----------------------------------------------------------------------------


def test_no_use_scores_zero_and_every_tool_scores_ten():
    assert MODEL.score(Usage()).score == 0
    assert MODEL.score(Usage()).band is Band.LOW
    full = MODEL.score(Usage(ALL_TOOLS))
    assert (full.score, full.exact, full.band) == (10, 10, Band.HIGH)


def test_a_score_by_hand():
    # CRM: 3 of full_at 3 -> 2; Marketing: 1 of 3 -> 2/3; Automation: 2 of 2 -> 2
    usage = Usage({"contacts", "deals", "lists", "email", "workflows", "reports"})
    result = MODEL.score(usage)
    assert result.exact == 2 + Fraction(2, 3) + 2
    assert result.score == 4
    assert result.band is Band.MEDIUM
    crm = result.categories[0]
    assert (crm.key, crm.earned, crm.maximum) == ("crm", 2, 2)
    assert crm.used == ("contacts", "deals", "lists")


def test_the_breakdown_is_relative_to_the_subscription():
    usage = Usage({"email"}, {Subscription("marketing", "professional")})
    marketing = MODEL.score(usage).categories[1]
    assert marketing.used == ("email",)
    # marketing professional includes every marketing tool
    assert marketing.unused == ("forms", "landing-pages", "ctas", "social", "ads")
    assert marketing.not_included == ()
    assert marketing.within_reach == 2
    free = MODEL.score(Usage({"email"})).categories[1]
    assert free.not_included == ("landing-pages", "ctas", "social")
    assert free.within_reach == 2  # email, forms and ads are free: 3 tools reach full points


def test_tools_the_model_does_not_know_are_listed_not_scored_when_asked():
    result = MODEL.score(Usage({"chatbots", "contacts"}), unknown="report")
    assert result.unscored == ("chatbots",)
    assert result.exact == Fraction(2, 3)


def test_usage_counts_creating_publishing_and_editing_never_logging_in():
    activities = [
        Activity("email", Action.PUBLISH, date(2025, 3, 3)),
        Activity("forms", "edit", date(2025, 3, 9)),
        Activity("deals", "create", date(2025, 3, 31)),
        Activity("workflows", "login", date(2025, 3, 10)),
        Activity("reports", "view", date(2025, 3, 10)),
        Activity("blog", "publish", date(2025, 4, 1)),
    ]
    usage = usage_from_activities(activities, start=date(2025, 3, 1), end=date(2025, 3, 31))
    assert usage.tools == {"email", "forms", "deals"}
    with pytest.raises(InvalidValueError):
        usage_from_activities(activities, start=date(2025, 3, 2), end=date(2025, 3, 1))
    with pytest.raises(InvalidTypeError):
        usage_from_activities(["email"], start=date(2025, 3, 1), end=date(2025, 3, 31))


# -- bands ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "band"),
    [
        (0, Band.LOW),
        (3, Band.LOW),
        (4, Band.MEDIUM),
        (6, Band.MEDIUM),
        (7, Band.HIGH),
        (10, Band.HIGH),
    ],
)
def test_published_band_boundaries(score, band):
    # seed 003: low 0-3, medium 4-6, high 7-10
    assert MODEL.bands.band(score) is band


@pytest.mark.parametrize("score", [-1, 11, True, 3.5, "7"])
def test_a_score_outside_0_to_10_is_an_error(score):
    with pytest.raises((InvalidValueError, InvalidTypeError)):
        MODEL.bands.band(score)


@given(st.integers(0, 10))
def test_band_is_a_total_function_over_0_to_10(score):
    band = MODEL.bands.band(score)
    expected = Band.LOW if score <= 3 else Band.MEDIUM if score <= 6 else Band.HIGH
    assert band is expected


def test_bands_must_cover_the_scale_without_gaps():
    with pytest.raises(InvalidValueError):
        Bands(low=(0, 3), medium=(5, 6), high=(7, 10))
    with pytest.raises(InvalidValueError):
        Bands(low=(1, 3), medium=(4, 6), high=(7, 10))


# -- laws -------------------------------------------------------------------------------------


@given(usages)
def test_the_score_is_in_0_to_10_for_any_usage(usage):
    result = MODEL.score(usage, unknown="report")
    assert 0 <= result.score <= 10
    assert result.score == int(result.exact)
    assert result.band is MODEL.bands.band(result.score)
    assert sum((c.earned for c in result.categories), Fraction(0)) == result.exact
    for category in result.categories:
        assert 0 <= category.earned <= category.within_reach <= category.maximum


@given(usages, st.sampled_from(ALL_TOOLS))
def test_using_one_more_tool_never_lowers_the_score(usage, tool):
    more = Usage(usage.tools | {tool}, usage.subscriptions)
    assert MODEL.score(more, unknown="report").exact >= MODEL.score(usage, unknown="report").exact
    assert MODEL.score(more, unknown="report").score >= MODEL.score(usage, unknown="report").score


@given(usages, usages)
def test_the_score_is_monotone_in_tools_used(a, b):
    union = Usage(a.tools | b.tools, a.subscriptions)
    assert (
        MODEL.score(union, unknown="report").score
        >= MODEL.score(Usage(a.tools, a.subscriptions), unknown="report").score
    )


def base(tool_lists):
    return assess(
        ((f"c{i}", f"Client {i}", Usage(tools)) for i, tools in enumerate(tool_lists)),
        unknown="report",
    )


clients_strategy = st.lists(tool_sets, max_size=30).map(base)


@given(clients_strategy)
def test_bands_partition_the_client_base(clients):
    groups = by_band(clients)
    assert set(groups) == set(Band)
    regrouped = [item for band in Band for item in groups[band]]
    assert sorted(i.client for i in regrouped) == sorted(i.client for i in clients)
    for band, items in groups.items():
        assert all(item.band is band for item in items)


@given(clients_strategy, st.integers(0, 10), st.integers(0, 10), st.sampled_from(list(Band)))
def test_filters_never_invent_or_lose_a_client(clients, low, high, band):
    low, high = min(low, high), max(low, high)
    picked = filter_clients(clients, min_score=low, max_score=high, bands=[band])
    assert all(item in clients for item in picked)
    assert {i.client for i in picked} == {
        i.client for i in clients if low <= i.score <= high and i.band is band
    }
    union = [i for b in Band for i in filter_clients(clients, bands=[b])]
    assert sorted(i.client for i in union) == sorted(i.client for i in clients)


@given(st.lists(tool_sets, min_size=1, max_size=40))
def test_median_tool_usage_agrees_with_statistics_median(tool_lists):
    usages_ = [Usage(tools) for tools in tool_lists]
    expected = statistics.median(len(t) for t in tool_lists)
    assert median_tool_usage(usages_, unknown="report") == expected


def test_an_empty_client_base_has_no_median():
    with pytest.raises(EmptyTallyError):
        median_tool_usage([])


def test_filters_by_name_and_opportunity():
    clients = assess(
        [
            ("a", "Acme AB", Usage(["contacts"], [Subscription("sales", "starter")])),
            ("b", "Borealis", Usage([], [Subscription("marketing", "enterprise")])),
        ]
    )
    assert [i.client for i in filter_clients(clients, name="acme")] == ["a"]
    upsell = Subscription("sales", "professional")
    assert [i.client for i in filter_clients(clients, opportunity=upsell)] == ["a"]
    assert [
        i.client for i in filter_clients(clients, opportunity=Subscription("sales", "starter"))
    ] == ["b"]


# -- opportunities ----------------------------------------------------------------------------


def test_opportunities_offer_the_next_edition_and_missing_hubs():
    found = opportunities(
        [Subscription("marketing", "professional"), Subscription("sales", "free")]
    )
    assert found[:2] == (
        Opportunity(OpportunityKind.UPSELL, Subscription("marketing", "enterprise")),
        Opportunity(OpportunityKind.UPSELL, Subscription("sales", "starter")),
    )
    cross = [o.offer for o in found if o.kind is OpportunityKind.CROSS_SELL]
    assert cross == [
        Subscription("service", "starter"),
        Subscription("content", "starter"),
        Subscription("operations", "starter"),
        Subscription("commerce", "professional"),
    ]


def test_the_top_edition_has_no_upsell_and_the_highest_held_edition_counts():
    found = opportunities([Subscription("sales", "enterprise"), Subscription("sales", "starter")])
    assert all(o.offer.hub != "sales" for o in found)


@given(subscription_sets)
def test_opportunities_never_offer_what_a_client_has_or_more_than_one_step_up(held):
    catalogue = default_catalogue()
    best = {}
    for s in held:
        best[s.hub] = max(best.get(s.hub, -1), catalogue.rank(s))
    for found in opportunities(held):
        if found.kind is OpportunityKind.UPSELL:
            assert catalogue.rank(found.offer) == best[found.offer.hub] + 1
        else:
            assert found.offer.hub not in best
            assert found.offer.edition != "free"


def test_unknown_hubs_and_editions_are_refused():
    with pytest.raises(UnknownEntryError):
        opportunities([Subscription("crm-suite", "pro")])
    with pytest.raises(InvalidValueError, match="Marketing Hub"):
        opportunities([Subscription("marketing", "platinum")])
    with pytest.raises(InvalidValueError):
        Subscription.parse("marketing")
    assert Subscription.parse("Sales:Starter") == Subscription("sales", "starter")


# -- models are values ------------------------------------------------------------------------


def test_a_user_can_supply_their_own_model():
    model = ScoringModel(
        "two categories",
        [
            Category("crm", "CRM", 5, 1, ["contacts"]),
            Category("mail", "Email", 5, 2, ["email", "forms"]),
        ],
        {"contacts": None, "email": None, "forms": ["marketing:starter"]},
    )
    assert model.score(Usage({"contacts", "email"})).exact == Fraction(15, 2)
    assert model.includes("forms", [Subscription("marketing", "professional")])
    assert not model.includes("forms", [Subscription("sales", "enterprise")])


@pytest.mark.parametrize(
    ("categories", "requirements"),
    [
        ([Category("crm", "CRM", 9, 1, ["contacts"])], {"contacts": None}),
        ([Category("a", "A", 5, 1, ["x"]), Category("b", "B", 5, 1, ["x"])], {"x": None}),
        ([Category("a", "A", 10, 1, ["x"])], {}),
        ([Category("a", "A", 10, 1, ["x"])], {"x": ["marketing:platinum"]}),
    ],
)
def test_inconsistent_models_cannot_exist(categories, requirements):
    with pytest.raises((InvalidValueError, UnknownEntryError)):
        ScoringModel("bad", categories, requirements)


def test_categories_and_catalogues_are_checked():
    with pytest.raises(InvalidValueError):
        Category("a", "A", 2, 3, ["x", "y"])
    with pytest.raises(InvalidValueError):
        Hub("x", "X", [])
    with pytest.raises(InvalidValueError):
        Catalogue([Hub("x", "X", ["free"]), Hub("x", "Y", ["free"])])
    with pytest.raises(InvalidTypeError, match="hubs"):
        Catalogue([("x", "X", ["free"])])
    with pytest.raises(InvalidValueError, match="low"):
        Bands(low=(0, 1, 3), medium=(4, 6), high=(7, 10))


def test_the_packaged_model_reads_back_from_its_toml():
    from importlib import resources

    text = resources.files("hubpartner").joinpath("data/engagement.toml").read_text()
    assert model_from_toml(text) == MODEL
    assert sum(c.points for c in MODEL.categories) == 10


def test_a_model_cannot_be_changed_in_place():
    with pytest.raises(TypeError):
        MODEL.requirements["contacts"] = (Subscription("sales", "enterprise"),)  # type: ignore[index]


@pytest.mark.parametrize(
    "build",
    [
        lambda: Subscription("", "starter"),
        lambda: Hub("x", "X", "free"),
        lambda: Usage("email"),
        lambda: Usage([], "sales:starter"),
        lambda: Usage([], [5]),
        lambda: Category("a", "A", 1, 1, "email"),
        lambda: Category("a", "A", 1, 1, []),
        lambda: ScoringModel("m", [], ["x"]),
        lambda: ScoringModel("m", ["crm"], {}),
        lambda: ScoringModel("m", [Category("a", "A", 10, 1, ["x"])], {"x": None}, bands=(0, 10)),
        lambda: MODEL.score({"email"}),
    ],
)
def test_engagement_values_refuse_what_they_cannot_hold(build):
    with pytest.raises((InvalidTypeError, InvalidValueError)):
        build()


def test_a_catalogue_whose_hubs_are_all_free_offers_no_cross_sell():
    only_free = Catalogue(
        [Hub("crm", "HubSpot CRM", ["free"]), Hub("sales", "Sales Hub", ["free", "starter"])]
    )
    found = opportunities([Subscription("sales", "free")], catalogue=only_free)
    assert found == (Opportunity(OpportunityKind.UPSELL, Subscription("sales", "starter")),)


def test_the_catalogue_says_which_subscription_includes_another():
    catalogue = default_catalogue()
    pro = Subscription("marketing", "professional")
    assert catalogue.includes(pro, Subscription("marketing", "starter"))
    assert not catalogue.includes(pro, Subscription("marketing", "enterprise"))
    assert not catalogue.includes(pro, Subscription("sales", "starter"))


# -- tool names as users write them ----------------------------------------------------------


@pytest.mark.parametrize(
    ("written", "key"),
    [
        ("landing pages", "landing-pages"),
        ("Landing Pages", "landing-pages"),
        ("landing_pages", "landing-pages"),
        ("  LANDING -- pages ", "landing-pages"),
        ("landing-pages", "landing-pages"),
        ("Social publishing", "social"),
        ("CTAs", "ctas"),
        ("cta", "ctas"),
        ("Knowledge base", "knowledge-base"),
        ("Workflow", "workflows"),
    ],
)
def test_tool_names_are_read_as_the_models_keys(written, key):
    assert MODEL.tool(written) == key


def test_usage_written_as_users_write_it_scores_like_the_models_keys():
    written = MODEL.score(Usage({"landing pages", "CTAs", "Social publishing"}))
    keys = MODEL.score(Usage({"landing-pages", "ctas", "social"}))
    assert written == keys
    assert written.exact == 2  # Marketing: 3 of full_at 3
    assert written.categories[1].used == ("landing-pages", "ctas", "social")


def respellings(tool):
    """The tool's key written with any case and any run of spaces, hyphens and underscores."""
    words = tool.split("-")
    separators = st.lists(
        st.sampled_from([" ", "_", "-", " - ", "__", "  "]),
        min_size=len(words) - 1,
        max_size=len(words) - 1,
    )
    cases = st.lists(st.booleans(), min_size=len(tool), max_size=len(tool))

    def build(parts):
        seps, upper = parts
        joined = words[0] + "".join(sep + word for sep, word in zip(seps, words[1:], strict=True))
        letters = iter(upper)
        return "".join(c.upper() if c.isalpha() and next(letters, False) else c for c in joined)

    return st.tuples(separators, cases).map(build)


@given(
    st.lists(st.sampled_from(ALL_TOOLS), unique=True).flatmap(
        lambda tools: st.tuples(st.just(tools), st.tuples(*(respellings(t) for t in tools)))
    ),
    subscription_sets,
)
def test_the_score_does_not_depend_on_how_a_tool_is_spelled(pair, held):
    keys, written = pair
    assert MODEL.score(Usage(written, held)) == MODEL.score(Usage(keys, held))


def test_an_unknown_tool_is_an_error_naming_it_and_the_known_tools():
    with pytest.raises(UnknownToolError) as caught:
        MODEL.score(Usage({"chatbots", "contacts", "CRM"}))
    error = caught.value
    assert isinstance(error, LookupError)
    assert error.tools == ("chatbots", "crm")
    assert error.known == MODEL.tools
    message = str(error)
    assert message.startswith("usage.tools: 'chatbots', 'crm' are not tools of the scoring model")
    assert "landing-pages" in message
    assert "unknown='report'" in message


def test_unknown_tools_are_reported_when_asked():
    result = MODEL.score(Usage({"chatbots", "contacts"}), unknown="report")
    assert result.unscored == ("chatbots",)
    assert result.exact == Fraction(2, 3)
    with pytest.raises(InvalidValueError, match="unknown"):
        MODEL.score(Usage(), unknown="ignore")


def test_usage_from_activities_reads_tools_as_the_model_does():
    activities = [
        Activity("Landing pages", "publish", date(2025, 3, 3)),
        Activity("CTA", "create", date(2025, 3, 4)),
        Activity("chatbots", "login", date(2025, 3, 5)),  # not a use: never checked
    ]
    usage = usage_from_activities(activities, start=date(2025, 3, 1), end=date(2025, 3, 31))
    assert usage.tools == {"landing-pages", "ctas"}
    used = [*activities, Activity("chatbots", "create", date(2025, 3, 6))]
    with pytest.raises(UnknownToolError, match="'chatbots'"):
        usage_from_activities(used, start=date(2025, 3, 1), end=date(2025, 3, 31))
    reported = usage_from_activities(
        used, start=date(2025, 3, 1), end=date(2025, 3, 31), unknown="report"
    )
    assert reported.tools == {"landing-pages", "ctas", "chatbots"}
    assert MODEL.score(reported, unknown="report").unscored == ("chatbots",)


def test_asking_whether_a_subscription_includes_an_unknown_tool_is_an_error():
    assert MODEL.includes("Landing pages", [Subscription("marketing", "starter")])
    with pytest.raises(UnknownToolError):
        MODEL.includes("chatbots", [Subscription("marketing", "enterprise")])


def test_median_tool_usage_counts_each_tool_once_however_it_is_written():
    assert median_tool_usage([Usage({"cta", "CTAs", "ctas", "email"})]) == 2
    with pytest.raises(UnknownToolError):
        median_tool_usage([Usage({"chatbots"})])
    assert median_tool_usage([Usage({"chatbots", "email"})], unknown="report") == 2


def test_aliases_and_requirements_must_name_the_models_tools():
    categories = [Category("a", "A", 10, 1, ["email"])]
    with pytest.raises(InvalidValueError, match="aliases"):
        ScoringModel("m", categories, {"email": None}, aliases={"mail": "post"})
    with pytest.raises(InvalidValueError, match="aliases"):
        ScoringModel("m", categories, {"email": None}, aliases={"email": "email"})
    with pytest.raises(InvalidValueError, match="requirements"):
        ScoringModel("m", categories, {"email": None, "forms": None})
    written = [Category("a", "A", 10, 1, ["E mail"])]
    model = ScoringModel("m", written, {"E-Mail": None}, aliases={"Mail_Outs": "e_mail"})
    assert model.tool("mail outs") == "e-mail"
    assert model.tools == ("e-mail",)


def test_a_category_lists_each_tool_once_however_it_is_written():
    with pytest.raises(InvalidValueError, match="tools"):
        Category("a", "A", 2, 2, ["email", "Email"])


# -- nothing is counted twice -------------------------------------------------------------------


def test_a_client_base_lists_each_client_once():
    twice = [("c1", "Acme", Usage()), ("c1", "Acme again", Usage({"email"}))]
    with pytest.raises(DuplicateIdError, match="'c1'"):
        assess(twice)
    (one,) = assess(twice[:1])
    for view in (by_band, filter_clients):
        with pytest.raises(DuplicateIdError, match="'c1'"):
            view([one, one])


# -- every argument is checked ------------------------------------------------------------------

ONE = assess([("c1", "Acme AB", Usage({"contacts"}, {Subscription("sales", "starter")}))])
CATALOGUE = default_catalogue()
MARCH = {"start": date(2025, 3, 1), "end": date(2025, 3, 31)}


@pytest.mark.parametrize(
    ("call", "error", "field"),
    [
        (lambda: median_tool_usage([3, 5, 8]), InvalidTypeError, "usages[0]"),
        (lambda: median_tool_usage(5), InvalidTypeError, "usages"),
        (lambda: median_tool_usage([Usage()], model="m"), InvalidTypeError, "model"),
        (lambda: opportunities([3]), InvalidTypeError, "subscriptions"),
        (lambda: opportunities("sales:starter"), InvalidTypeError, "subscriptions"),
        (lambda: opportunities(["sales"]), InvalidValueError, "subscriptions"),
        (lambda: opportunities([], catalogue=MODEL), InvalidTypeError, "catalogue"),
        (lambda: CATALOGUE.rank(5), InvalidTypeError, "subscription"),
        (lambda: CATALOGUE.includes("sales:starter", None), InvalidTypeError, "needed"),
        (lambda: CATALOGUE.includes(None, "sales:starter"), InvalidTypeError, "held"),
        (lambda: usage_from_activities(None, **MARCH), InvalidTypeError, "activities"),
        (lambda: usage_from_activities([], model={}, **MARCH), InvalidTypeError, "model"),
        (lambda: assess([("c1", "Acme")]), InvalidTypeError, "clients[0]"),
        (lambda: assess([5]), InvalidTypeError, "clients[0]"),
        (lambda: assess(5), InvalidTypeError, "clients"),
        (lambda: assess([(5, "Acme", Usage())]), InvalidTypeError, "client"),
        (lambda: assess([("c1", "Acme", {"email"})]), InvalidTypeError, "usage"),
        (lambda: assess([], model="default"), InvalidTypeError, "model"),
        (lambda: by_band([1]), InvalidTypeError, "clients[0]"),
        (lambda: filter_clients([1]), InvalidTypeError, "clients[0]"),
        (lambda: filter_clients(ONE, min_score="3"), InvalidTypeError, "min_score"),
        (lambda: filter_clients(ONE, max_score=True), InvalidTypeError, "max_score"),
        (lambda: filter_clients(ONE, bands="low"), InvalidTypeError, "bands"),
        (lambda: filter_clients(ONE, opportunity=5), InvalidTypeError, "opportunity"),
        (lambda: filter_clients(ONE, name=3), InvalidTypeError, "name"),
        (lambda: MODEL.included([5]), InvalidTypeError, "subscriptions"),
        (lambda: MODEL.includes(5, []), InvalidTypeError, "tool"),
        (lambda: MODEL.resolve_tools("email"), InvalidTypeError, "names"),
        (
            lambda: ScoringModel("m", [Category("a", "A", 10, 1, ["x"])], {"x": 5}),
            InvalidTypeError,
            "requirements.x",
        ),
        (
            lambda: ScoringModel("m", [Category("a", "A", 10, 1, ["x"])], {"x": "sales:pro"}),
            InvalidTypeError,
            "requirements.x",
        ),
        (lambda: model_from_toml(5), InvalidTypeError, "text"),
        (lambda: model_from_toml("name = 'm'", catalogue="c"), InvalidTypeError, "catalogue"),
        (
            lambda: Opportunity("maybe", Subscription("sales", "starter")),
            InvalidValueError,
            "kind",
        ),
        (lambda: Opportunity("upsell", 5), InvalidTypeError, "offer"),
        (lambda: ClientEngagement("c", "C", Usage(), "high", ()), InvalidTypeError, "engagement"),
        (
            lambda: ClientEngagement("c", "C", 5, MODEL.score(Usage()), ()),
            InvalidTypeError,
            "usage",
        ),
        (
            lambda: ClientEngagement("", "C", Usage(), MODEL.score(Usage()), ()),
            InvalidTypeError,
            "client",
        ),
        (
            lambda: ClientEngagement("c", "C", Usage(), MODEL.score(Usage()), [5]),
            InvalidTypeError,
            "opportunities[0]",
        ),
        (lambda: EngagementScore(1.5, 1, "low", (), ()), InvalidTypeError, "score"),
        (lambda: EngagementScore(1, 1, "lowish", (), ()), InvalidValueError, "band"),
        (lambda: EngagementScore(1, 1, "low", (5,), ()), InvalidTypeError, "categories[0]"),
        (lambda: EngagementScore(1, 1, "low", (), "email"), InvalidTypeError, "unscored"),
        (lambda: CategoryScore("a", "A", 0.5, 1, 1, (), (), ()), InvalidTypeError, "earned"),
        (lambda: CategoryScore("a", "A", 0, 1, 1, "email", (), ()), InvalidTypeError, "used"),
        (lambda: tool_key(5), InvalidTypeError, "tool"),
        (lambda: tool_key("--"), InvalidValueError, "tool"),
        (lambda: Activity(None, "create", date(2025, 3, 1)), InvalidTypeError, "tool"),
    ],
)
def test_every_argument_is_checked_and_named(call, error, field):
    with pytest.raises(error) as caught:
        call()
    assert caught.value.field == field


def test_hub_edition_text_is_accepted_wherever_a_subscription_is():
    text, value = "Marketing:Professional", Subscription("marketing", "professional")
    assert opportunities([text]) == opportunities([value])
    assert CATALOGUE.rank(text) == CATALOGUE.rank(value) == 2
    assert CATALOGUE.includes(text, "marketing:starter")
    assert MODEL.included([text]) == MODEL.included([value])
    assert MODEL.includes("social", [text])
    assert Usage([], [text]) == Usage([], [value])
    assert Opportunity("upsell", "sales:professional").offer == Subscription(
        "sales", "professional"
    )
    assert filter_clients(ONE, opportunity="sales:professional") == ONE
    usage = usage_from_activities([], subscriptions=[text], **MARCH)
    assert usage.subscriptions == {value}


def test_a_model_file_missing_a_key_is_reported_as_such():
    with pytest.raises(RulesFileError) as caught:
        model_from_toml("name = 'm'\n[[categories]]\nkey = 'a'\n", source="mine.toml")
    assert caught.value.source == "mine.toml"
    assert [p.key for p in caught.value.problems] == [
        "categories[0].name",
        "categories[0].points",
        "categories[0].full_at",
        "categories[0].tools",
        "tools",
    ]
    with pytest.raises(RulesFileError, match="name"):
        model_from_toml("[tools]\n")
    with pytest.raises(RulesFileError, match="categories"):
        model_from_toml("name = 'm'\ncategories = 5\n[tools]\n")
    with pytest.raises(RulesFileError, match="bands: expected"):
        model_from_toml("name = 'm'\nbands = [1]\ncategories = []\n[tools]\n")


# -- messages speak of the call that was made ---------------------------------------------------


def test_an_empty_client_base_says_it_has_no_median_in_its_own_words():
    with pytest.raises(EmptyTallyError) as caught:
        median_tool_usage([])
    assert str(caught.value) == (
        "median tool usage: the client base has no clients; there is no median (not 0)"
    )
    # other modules keep their wording
    assert "check tally.n" in str(EmptyTallyError("NPS", "score"))


def test_an_unknown_hub_is_not_in_the_catalogue_and_the_message_lists_its_hubs():
    with pytest.raises(UnknownEntryError) as caught:
        default_catalogue().hub("crm-suite")
    assert str(caught.value) == (
        "hub: 'crm-suite' is not in the catalogue; it has marketing, sales, service, content, "
        "operations, commerce"
    )
    assert caught.value.known == tuple(hub.key for hub in CATALOGUE.hubs)
    with pytest.raises(UnknownEntryError, match="not in the catalogue"):
        opportunities(["crm-suite:pro"])
    assert (
        str(UnknownEntryError("review", "r1")) == "review: no review with id 'r1' in this profile"
    )


# -- which subscriptions the client base holds --------------------------------------------------


def test_the_subscriptions_held_per_hub_and_edition_in_catalogue_order():
    clients = assess(
        [
            ("a", "Acme", Usage([], ["marketing:professional", "sales:starter"])),
            ("b", "Beta", Usage([], ["marketing:starter", "marketing:professional"])),
            ("c", "Gamma", Usage([], ["sales:starter"])),
        ]
    )
    held = subscriptions_held(clients)
    assert [h.hub.key for h in held] == [hub.key for hub in CATALOGUE.hubs]
    marketing, sales = held[0], held[1]
    assert [(e.subscription.edition, e.clients, e.count) for e in marketing.editions] == [
        ("free", (), 0),
        ("starter", (), 0),
        ("professional", ("a", "b"), 2),  # b counts once, at its highest edition
        ("enterprise", (), 0),
    ]
    assert marketing.without == ("c",)
    assert (marketing.holders, marketing.count) == (("a", "b"), 2)
    assert sales.editions[1].clients == ("a", "c")
    assert held[-1].without == ("a", "b", "c")  # nobody has Commerce Hub
    assert [e.subscription.edition for e in held[-1].editions] == ["professional", "enterprise"]


hub_holdings = st.lists(subscription_sets, max_size=12).map(
    lambda sets: assess((f"c{i}", f"Client {i}", Usage([], held)) for i, held in enumerate(sets))
)


@given(hub_holdings, st.randoms(use_true_random=False))
def test_every_client_is_counted_once_per_hub_at_its_highest_edition(clients, shuffle):
    held = subscriptions_held(clients)
    for hub in held:
        counted = [c for edition in hub.editions for c in edition.clients] + list(hub.without)
        assert sorted(counted) == sorted(item.client for item in clients)
        assert hub.count + len(hub.without) == len(clients)
        for edition in hub.editions:
            for item in clients:
                ranks = [
                    CATALOGUE.rank(s) for s in item.usage.subscriptions if s.hub == hub.hub.key
                ]
                at_top = bool(ranks) and max(ranks) == CATALOGUE.rank(edition.subscription)
                assert (item.client in edition.clients) is at_top
    reordered = list(clients)
    shuffle.shuffle(reordered)
    again = subscriptions_held(reordered)
    assert [[set(e.clients) for e in hub.editions] for hub in again] == [
        [set(e.clients) for e in hub.editions] for hub in held
    ]


def test_the_overview_checks_its_arguments():
    with pytest.raises(InvalidTypeError, match=r"clients\[0\]"):
        subscriptions_held([("c1", "Acme", Usage())])
    with pytest.raises(InvalidTypeError, match="catalogue"):
        subscriptions_held([], catalogue=MODEL)
    with pytest.raises(DuplicateIdError):
        subscriptions_held([*ONE, *ONE])
    with pytest.raises(InvalidTypeError, match="clients"):
        EditionHolding(Subscription("sales", "starter"), "c1")
    with pytest.raises(InvalidTypeError, match="hub"):
        HubHoldings("sales", (), ())


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("name = 'm'\ncategories = [5]\n[tools]\n", "categories[0]"),
        (
            "name = 'm'\n[[categories]]\nkey = 'a'\nname = 'A'\npoints = 10\nfull_at = 1\n"
            "tools = ['x']\n[tools]\nx = ['crm-suite:pro']\n",
            "hub",
        ),
        (
            "name = 'm'\n[[categories]]\nkey = 'a'\nname = 'A'\npoints = 9\nfull_at = 1\n"
            "tools = ['x']\n[tools]\nx = 'any'\n",
            "categories",
        ),
        (
            "name = 'm'\n[[categories]]\nkey = 'a'\nname = 'A'\npoints = 10\nfull_at = 1\n"
            "tools = ['x']\n[tools]\nx = 'any'\n[aliases]\ny = 'z'\n",
            "aliases",
        ),
    ],
)
def test_a_model_file_that_holds_no_model_is_reported_where_it_is_wrong(text, where):
    with pytest.raises(RulesFileError) as caught:
        model_from_toml(text, source="mine.toml")
    assert [p.key for p in caught.value.problems] == [where]


@pytest.mark.parametrize(
    ("requirements", "aliases", "field"),
    [
        ({"x": None, "X": None}, {}, "requirements"),
        ({"x": None}, ["y"], "aliases"),
        ({"x": None}, {"y": "x", "Y": "x"}, "aliases"),
    ],
)
def test_each_tool_and_alias_is_named_once(requirements, aliases, field):
    with pytest.raises((InvalidValueError, InvalidTypeError)) as caught:
        ScoringModel("m", [Category("a", "A", 10, 1, ["x"])], requirements, aliases=aliases)
    assert caught.value.field == field


# -- in other languages -------------------------------------------------------------------------


def test_a_refusal_is_said_in_swedish_and_italian():
    with pytest.raises(InvalidValueError) as caught:
        default_catalogue().rank("sales:gold")
    english = "one of free, starter, professional, enterprise for Sales Hub"
    assert english in str(caught.value)
    assert "en av free, starter, professional, enterprise för Sales Hub" in caught.value.say("sv")
    assert "una tra free, starter, professional, enterprise per Sales Hub" in (
        caught.value.say("it")
    )
    with pytest.raises(EmptyTallyError) as caught:
        median_tool_usage([])
    assert "kundbasen har inga kunder; det finns ingen median (inte 0)" in caught.value.say("sv")
    assert "la base clienti non ha clienti; non c'è una mediana (non 0)" in caught.value.say("it")


def test_a_file_of_a_model_keeps_the_messages_of_its_problems_translatable():
    with pytest.raises(RulesFileError) as caught:
        model_from_toml("name = 'm'\ncategories = [5]\n[tools]\n", source="mine.toml")
    assert "förväntade en tabell [[categories]], fick 5" in caught.value.say("sv")
    with pytest.raises(RulesFileError) as caught:
        model_from_toml(
            "name = 'm'\n[[categories]]\nkey = 'a'\nname = 'A'\npoints = 9\nfull_at = 1\n"
            "tools = ['x']\n[tools]\nx = 'any'\n"
        )
    assert "poäng som summeras till toppbetyget, 10" in caught.value.say("sv")


def test_an_opportunity_is_described_in_the_language_asked_for():
    upsell, cross_sell = opportunities(["sales:starter"])[:2]
    assert upsell.describe() == "upsell sales:professional"
    assert cross_sell.describe() == "cross-sell marketing:starter"
    assert upsell.describe(locale="sv") == "merförsäljning sales:professional"
    assert cross_sell.describe(locale="it") == "cross-selling marketing:starter"
    assert str(upsell.offer) == "sales:professional"  # the written form stays as it is


@pytest.mark.parametrize(
    ("tools", "english"),
    [(1, "at most the category's 1 tool"), (2, "at most the category's 2 tools")],
)
def test_the_tools_of_a_category_are_counted_in_the_right_plural_form(tools, english):
    with pytest.raises(InvalidValueError) as caught:
        Category("a", "A", 10, 3, [f"t{i}" for i in range(tools)])
    assert str(caught.value.expected) == english


def test_a_subscription_of_the_wrong_type_is_refused_in_the_language_asked_for():
    with pytest.raises(InvalidTypeError) as caught:
        Subscription.of(5)
    assert "a Subscription or 'hub:edition' text" in str(caught.value)
    assert "en Subscription (prenumeration) eller texten 'hub:edition'" in caught.value.say("sv")


@given(subscription_sets, st.sampled_from(LANGUAGES))
def test_every_opportunity_is_said_in_every_language_with_its_offer_as_written(held, language):
    for found in opportunities(held):
        said = found.describe(locale=language)
        assert str(found.offer) in said  # the offer is a machine value, never translated
        assert said != found.describe()
        assert found.describe(locale="en") == found.describe()


def test_every_sentence_of_the_module_is_a_message():
    from hubpartner import engagement

    from .helpers import unsaid_texts

    assert unsaid_texts(engagement) == []


def test_each_band_has_a_name_for_people_in_every_language():
    from hubpartner.engagement import Band
    from hubpartner.present import Presenter

    assert [band.label for band in Band] == ["low", "medium", "high"]
    assert [Presenter("sv").text(band.label) for band in Band] == ["låg", "medel", "hög"]


# -- the cache: scores with it are the scores without it ---------------------------------


ALIASES = sorted(MODEL.aliases)
written_tools = st.frozensets(st.sampled_from([*ALL_TOOLS, *ALIASES, "chatbots", "fax"]))
written_usages = st.builds(Usage, written_tools, subscription_sets)


def reference_score(model, usage, unknown):
    """The model's formula, by hand and without any cache: each category earns
    ``points * min(tools used, full_at) / full_at``, the score is the whole part of the
    sum, and each category is broken down against what the subscriptions include."""
    known, strange = set(), []
    for name in usage.tools:
        try:
            known.add(model.tool(name))
        except UnknownToolError:
            strange.append(name)
    if strange and unknown == "error":
        return ("refused", sorted(strange))
    available = model.included(usage.subscriptions)
    parts = []
    for category in model.categories:
        used = [tool for tool in category.tools if tool in known]
        included = [tool for tool in category.tools if tool in available]
        reachable = len(set(used) | set(included))
        parts.append(
            CategoryScore(
                category.key,
                category.name,
                Fraction(category.points * min(len(used), category.full_at), category.full_at),
                Fraction(category.points * min(reachable, category.full_at), category.full_at),
                category.points,
                used,
                [tool for tool in included if tool not in used],
                [tool for tool in category.tools if tool not in included],
            )
        )
    exact = sum((part.earned for part in parts), Fraction(0))
    return EngagementScore(int(exact), exact, model.bands.band(int(exact)), parts, sorted(strange))


def scored(model, usage, unknown):
    try:
        return model.score(usage, unknown=unknown)
    except UnknownToolError as error:
        return ("refused", list(error.tools)) if error.field == "usage.tools" else error


@given(st.lists(written_usages, min_size=1, max_size=8), st.sampled_from(["error", "report"]))
def test_scores_are_the_models_formula_written_here_cold_and_warm(usages, unknown):
    model = attrs.evolve(MODEL)  # the same model, with nothing derived yet
    for usage in [*usages, *usages]:
        assert scored(model, usage, unknown) == reference_score(model, usage, unknown)


@given(st.lists(st.tuples(tool_sets, subscription_sets), min_size=1, max_size=6))
def test_a_clients_engagement_is_its_usage_scored_by_the_formula(holdings):
    model = attrs.evolve(MODEL)
    for index, (tools, held) in enumerate([*holdings, *holdings]):
        products = [ProductLine(s, Money("100", "EUR")) for s in _one_per_hub(held)]
        client = ClientRecord(
            Company(f"c{index}", f"Client {index}"),
            products=products,
            relationship=Relationship.BOTH,
            usage=Usage(tools, held),
        )
        expected = reference_score(model, client.scored_usage, "report")
        assert client.engagement(model, unknown="report") == expected
        assert client.scored_usage == Usage(tools, held | client.subscriptions)


def _one_per_hub(held):
    return list({s.hub: s for s in sorted(held)}.values())


def test_a_model_keeps_a_bounded_number_of_derived_parts(monkeypatch):
    monkeypatch.setattr(engagement, "DERIVED_KEPT", 4)
    model = attrs.evolve(MODEL)
    for size in range(len(ALL_TOOLS) + 1):
        usage = Usage(ALL_TOOLS[:size], SUBSCRIPTIONS[size % len(SUBSCRIPTIONS) :][:2])
        assert model.score(usage) == reference_score(model, usage, "error")
        assert 1 <= len(model._derived) <= 4
    for key in model._derived:  # immutable values: ints, and tuples of ints and sets
        assert isinstance(key, int | tuple)
        assert hash(key) == hash(key)
    assert attrs.evolve(MODEL)._derived == {}
    assert attrs.evolve(MODEL) == MODEL


@given(st.lists(written_usages, min_size=1, max_size=6))
def test_an_assessment_is_each_clients_formula_and_opportunities_cold_and_warm(usages):
    model = attrs.evolve(MODEL)
    triples = [(f"c{i}", f"Client {i}", usage) for i, usage in enumerate(usages)]
    expected = [
        ClientEngagement(
            client,
            name,
            Usage(model.resolve_tools(usage.tools, unknown="report"), usage.subscriptions),
            reference_score(model, usage, "report"),
            opportunities(usage.subscriptions, catalogue=model.catalogue),
        )
        for client, name, usage in triples
    ]
    for _ in ("cold", "warm"):
        assert list(assess(triples, model=model, unknown="report")) == expected


@given(st.sampled_from([*ALL_TOOLS, *ALIASES, " Landing  Pages ", "CTA", "x_y-z"]))
def test_a_name_read_again_is_the_same_key_from_a_bounded_cache(name):
    first, again = tool_key(name), tool_key(str(name))
    assert first == again == "-".join(name.replace("_", " ").replace("-", " ").lower().split())
    assert first is again  # many usages share one str per spelling
    held = Subscription(f" {name.upper()} ", "Starter")
    assert held.hub is Subscription(f" {name.upper()} ", "Starter").hub
    assert held == Subscription(name.strip().lower(), "starter")
    assert engagement._tool_key_of.cache_info().maxsize == engagement.NAMES_KEPT == 4096
    assert engagement._name_key_of.cache_info().maxsize == engagement.NAMES_KEPT
    with pytest.raises(InvalidValueError):
        tool_key("-_-")
    with pytest.raises(InvalidTypeError):
        Subscription(" ", "starter")
