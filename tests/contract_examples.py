"""Valid examples for every parameter of hubpartner's public API (no tests here).

The API contract test (``tests/contract.py`` walks the API) takes a valid value for
each parameter from four registries, first match first:

- **overrides** for parameters whose valid value depends on the callable, keyed
  ``"module.qualname:parameter"``;
- a valid **instance** of each public class: its constructor is called with the
  instance's own fields (so they agree with one another), its methods on it;
- valid arguments **by annotation**, then **by parameter name**.

Every example is a zero-argument factory, so that a stream is fresh for each call.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import hubpartner
import hubpartner._prices
import hubpartner.plan
from hubpartner import Money, Rounding, RoundingPolicy, Track, rules
from hubpartner.clients import (
    ClientRecord,
    ClientRow,
    Company,
    EndedService,
    Note,
    Portfolio,
    ProductLine,
    Relationship,
    Renewal,
    RenewalAlert,
    Task,
)
from hubpartner.engagement import (
    Activity,
    Band,
    Bands,
    Category,
    CategoryScore,
    EditionHolding,
    Hub,
    HubHoldings,
    Opportunity,
    Subscription,
    Usage,
    assess,
    default_catalogue,
    default_model,
    subscriptions_held,
)
from hubpartner.ledger import (
    ClientPoints,
    Expiry,
    Ledger,
    ManagedMonth,
    MonthPoints,
    PointChange,
    PointsHeld,
    SoldDeal,
)
from hubpartner.managed import (
    ActivePeriod,
    CreditStatus,
    Event,
    MonthlyCredit,
    UncountedActivity,
    active_periods,
    default_managed_rules,
    managed_credit_status,
)
from hubpartner.points import PointsEstimate
from hubpartner.reviews import (
    CategorySummary,
    Client,
    Correction,
    CorrectionRules,
    DirectoryProfile,
    Notification,
    PaidService,
    PartnerMember,
    Prospect,
    PublicResponse,
    PublicReview,
    RatingCategory,
    Ratings,
    RatingScale,
    Recipient,
    Removal,
    Report,
    Response,
    Review,
    Reviewer,
    ReviewRules,
    ReviewText,
    Staff,
    Summary,
    TeamMember,
    respond,
    review_rules,
    submit_review,
)
from hubpartner.reviews import report as report_entry
from hubpartner.rules import (
    LegacySoldRate,
    MonthDay,
    PointRates,
    ProgramRules,
    Reevaluation,
    ReevaluationDay,
)
from hubpartner.surveys import (
    CES_7,
    CSAT_5,
    NPS,
    Cadence,
    CesTally,
    CsatTally,
    Group,
    Interval,
    LatestNps,
    NpsComparison,
    NpsScale,
    NpsTally,
    Period,
    Range,
    ResponsesFile,
    Scale,
    Send,
    Survey,
    SurveyKind,
    SurveyRules,
    Trailing,
    WeightedNpsTally,
    compare,
    survey_rules,
)
from hubpartner.surveys import Response as SurveyResponse
from hubpartner.surveys.responses import TalliedFile
from hubpartner.surveys.stats import NetScore
from hubpartner.tiers import (
    Decision,
    EliteRequirements,
    EliteStatus,
    Evaluation,
    GoldDeadline,
    MonthRecord,
    Progress,
    Thresholds,
    Tier,
    TierRequirement,
    TrackProgress,
    WhatIf,
    evaluate,
    gold_deadline,
    progress,
    read_history,
    reevaluate,
    what_if,
)

ROOT = Path(__file__).parent.parent
EXAMPLES = ROOT / "docs" / "examples"
RULES_FILE = Path(hubpartner.__file__).parent / "data" / "rules-2025-07-15.toml"

# -- valid values ---------------------------------------------------------------------------

DAY = date(2025, 8, 1)
AT = datetime(2025, 3, 6, 12)
MONEY = Money("1000", "USD")
R2025 = rules.for_date(DAY)
POLICY = RoundingPolicy(2, Rounding.HALF_UP)
MONTH_DAY = MonthDay(1, 15)
REEVALUATION_DAY = ReevaluationDay("01-15", "08-15")

SUBSCRIPTION = Subscription("marketing", "professional")
USAGE = Usage({"contacts", "deals", "email", "forms"}, {SUBSCRIPTION})
MODEL = default_model()
CATALOGUE = default_catalogue()
ENGAGED = assess([("c1", "Acme", USAGE), ("c2", "Beta", Usage([], ["sales:starter"]))])
SCORE = ENGAGED[0].engagement

COMPANY = Company(
    "c1", "Acme AB", "acme.example", [Task("Call", DAY)], [Note("Met", DAY, "meeting")]
)
PRODUCT = ProductLine(SUBSCRIPTION, Money("890", "EUR"))
RENEWAL = Renewal(date(2025, 9, 1), "partner", "Jo", [SUBSCRIPTION], ["marketing:enterprise"])
RECORD = ClientRecord(COMPANY, [PRODUCT], Relationship.BOTH, USAGE, "2000", "10x", RENEWAL)
PORTFOLIO = Portfolio([RECORD])

REVIEWER = Reviewer("c1", "Ann", "ann@example.com", "Acme", "hubspot-login")
CLIENT = Client(REVIEWER)
MEMBER = PartnerMember("p1", "u1")
STAFF = Staff("hs1")
PROSPECT = Prospect("v1")
SERVICE = PaidService("s1", "p1", "c1", True, "Onboarding")
TEXT = ReviewText("Great", "Thier team was grate")


def _profile() -> DirectoryProfile:
    """A profile with two reviews, a response to the first and a report of it."""
    start = DirectoryProfile(
        "p1",
        [TeamMember("u1", True)],
        [SERVICE, PaidService("s2", "p1", "c1", True), PaidService("s3", "p1", "c1", True)],
    )
    two = start
    for review_id, service_id, stars, text in (
        ("r1", "s1", 5, TEXT),
        ("r2", "s2", 4, ReviewText("Good", "Fast work")),
    ):
        two, _ = submit_review(
            two,
            CLIENT,
            review_id=review_id,
            service_id=service_id,
            ratings=Ratings(stars),
            text=text,
            at=datetime(2025, 3, int(review_id[1])),
        )
    three, _ = respond(
        two, MEMBER, response_id="x1", review_id="r1", text="Thanks", at=datetime(2025, 3, 3)
    )
    four, _ = report_entry(
        three, PROSPECT, report_id="k1", review_id="r1", reason="spam", at=datetime(2025, 3, 4)
    )
    return four


PROFILE = _profile()

MANAGED_EVENTS = (
    Event(date(2025, 1, 6), "employee-added", user="kim"),
    Event(date(2025, 1, 6), "client-assigned", user="kim"),
    Event(date(2025, 1, 7), "user-added-to-client", user="kim"),
    Event(date(2025, 1, 8), "activity", user="kim", tool="blog", action="publish"),
    Event(date(2025, 1, 9), "activity", user="kim", tool="blog", action="view"),
)
MANAGED_RULES = default_managed_rules()
CREDIT = MonthlyCredit(date(2025, 1, 1), True, 1, Decimal(10))
DEAL = SoldDeal("c1", date(2025, 2, 18), "sourced", 50)
MANAGED_MONTH = ManagedMonth("c1", date(2025, 2, 1), 10)
LEDGER = Ledger([DEAL, SoldDeal("c2", date(2024, 9, 10), "assisted", 60)], [MANAGED_MONTH])

HELD = PointsHeld(80, 10, 150)
ELITE = EliteStatus(True, "0.9", "0.9", 120)
THRESHOLDS = Thresholds(
    [
        TierRequirement("gold", 100, 20),
        TierRequirement("platinum", 300, 60, 40),
        TierRequirement("diamond", 700, 140, 100, 5),
        TierRequirement("elite", 2000, 400, 300, 30),
    ],
    EliteRequirements(True, "0.85", "0.85", 100),
    60,
)
HISTORY = read_history(EXAMPLES / "tier-history.csv")
DECISIONS = reevaluate(HISTORY, thresholds=THRESHOLDS, partial_windows=True)
EVALUATION = evaluate(HELD, thresholds=THRESHOLDS, certified=True, rules=R2025)

NPS_TALLY = NpsTally(6, 2, 3)
SURVEY = Survey("nps", "email", "en", "Acme", date(2025, 1, 6))
ANSWERS = (
    SurveyResponse(date(2025, 3, 4), 9, "ann", "EMEA", Decimal(1), "Good"),
    SurveyResponse(date(2025, 3, 20), 6, "bob", "AMER", Decimal(2)),
    SurveyResponse(date(2025, 4, 2), 10, "ann", "EMEA", Decimal(1)),
)

PRICES = hubpartner._prices.load_prices(EXAMPLES / "prices.toml")
PLAN_EVENTS = {"c1": MANAGED_EVENTS}
TIER_PLAN = hubpartner.plan.plan(
    LEDGER,
    PORTFOLIO,
    thresholds=THRESHOLDS,
    prices=PRICES,
    as_of=DAY,
    target=Tier.GOLD,
    events=PLAN_EVENTS,
    default_market="DE",
)
PLAN = TIER_PLAN.plan
assert PLAN is not None, "the example plan is a plan"
assert PLAN.actions, "the example plan has actions"
PLAN_BY = TIER_PLAN.by
SALES = TIER_PLAN.opportunities


def _rules_stream() -> io.StringIO:
    stream = io.StringIO(rules.dumps(R2025))
    stream.name = "<rules>"
    return stream


#: A valid instance of every public class, by class: a constructor is called with the
#: instance's own fields, and a method on the instance.
INSTANCES: dict[type, Callable[[], Any]] = {
    Money: lambda: MONEY,
    RoundingPolicy: lambda: POLICY,
    PointsEstimate: lambda: PointsEstimate(Decimal(50), Decimal(5), 2),
    ProgramRules: lambda: R2025,
    PointRates: lambda: R2025.points_per_usd_100,
    LegacySoldRate: lambda: LegacySoldRate(date(2024, 2, 27), 3),
    MonthDay: lambda: MONTH_DAY,
    ReevaluationDay: lambda: REEVALUATION_DAY,
    Reevaluation: lambda: R2025.reevaluation,
    # engagement
    Activity: lambda: Activity("Blog", "publish", DAY),
    Bands: lambda: Bands(),
    hubpartner.engagement.Catalogue: lambda: CATALOGUE,
    Category: lambda: MODEL.categories[0],
    CategoryScore: lambda: SCORE.categories[0],
    hubpartner.engagement.ClientEngagement: lambda: ENGAGED[0],
    hubpartner.engagement.Assessment: lambda: ENGAGED,
    EditionHolding: lambda: subscriptions_held(ENGAGED)[1].editions[1],
    hubpartner.engagement.EngagementScore: lambda: SCORE,
    Hub: lambda: CATALOGUE.hubs[0],
    HubHoldings: lambda: subscriptions_held(ENGAGED)[1],
    Opportunity: lambda: ENGAGED[0].opportunities[0],
    hubpartner.engagement.ScoringModel: lambda: MODEL,
    Subscription: lambda: SUBSCRIPTION,
    Usage: lambda: USAGE,
    # clients
    ClientRecord: lambda: RECORD,
    ClientRow: lambda: hubpartner.clients.client_table(PORTFOLIO)[0],
    hubpartner.clients.ClientTable: lambda: hubpartner.clients.client_table(PORTFOLIO),
    Company: lambda: COMPANY,
    EndedService: lambda: EndedService("c1", "Acme AB", DAY, "both", True),
    Note: lambda: COMPANY.notes[0],
    Portfolio: lambda: PORTFOLIO,
    ProductLine: lambda: PRODUCT,
    Renewal: lambda: RENEWAL,
    RenewalAlert: lambda: RenewalAlert("c1", "Acme AB", DAY, 3, "partner", "Jo"),
    Task: lambda: Task("Call", DAY, date(2025, 8, 8), "sales"),
    # prices
    hubpartner._prices.Price: lambda: hubpartner._prices.Price(Decimal("90"), 5),
    hubpartner._prices.PriceList: lambda: hubpartner._prices.load_prices(EXAMPLES / "prices.toml"),
    # reviews
    CategorySummary: lambda: hubpartner.reviews.summary(PROFILE).categories[0],
    Client: lambda: CLIENT,
    Correction: lambda: Correction("hs1", AT, "Thanks", "Thanks!"),
    CorrectionRules: lambda: review_rules().corrections,
    DirectoryProfile: lambda: PROFILE,
    Notification: lambda: Notification(
        Recipient("reviewer", "c1"), "new response", "r1", "x1", False, "LinkedIn"
    ),
    PaidService: lambda: SERVICE,
    PartnerMember: lambda: MEMBER,
    Prospect: lambda: PROSPECT,
    PublicResponse: lambda: PublicResponse("x1", "Thanks", AT),
    PublicReview: lambda: hubpartner.reviews.public_view(PROFILE)[0],
    RatingCategory: lambda: RatingCategory("communication", False),
    RatingScale: lambda: RatingScale(1, 5),
    Ratings: lambda: Ratings(5, ["Onboarding"]),
    Recipient: lambda: Recipient("reporter", "u1", "partner member", "p1"),
    Removal: lambda: Removal("hs1", AT, "offensive", "k1"),
    Report: lambda: PROFILE.reports[0],
    Response: lambda: PROFILE.responses[0],
    Review: lambda: PROFILE.reviews[0],
    ReviewRules: lambda: review_rules(),
    ReviewText: lambda: TEXT,
    Reviewer: lambda: REVIEWER,
    Staff: lambda: STAFF,
    Summary: lambda: hubpartner.reviews.summary(PROFILE),
    TeamMember: lambda: TeamMember("u1", True),
    # managed
    ActivePeriod: lambda: active_periods(MANAGED_EVENTS, until=DAY)[0],
    CreditStatus: lambda: managed_credit_status(MANAGED_EVENTS, as_of=date(2025, 1, 20)),
    Event: lambda: MANAGED_EVENTS[3],
    hubpartner.managed.ManagedRules: lambda: MANAGED_RULES,
    MonthlyCredit: lambda: CREDIT,
    UncountedActivity: lambda: managed_credit_status(
        MANAGED_EVENTS, as_of=date(2025, 1, 20)
    ).uncounted[0],
    # ledger and tiers
    ClientPoints: lambda: LEDGER.breakdown(DAY)[0],
    Expiry: lambda: Expiry(DEAL, date(2026, 2, 18)),
    Ledger: lambda: LEDGER,
    ManagedMonth: lambda: MANAGED_MONTH,
    MonthPoints: lambda: MonthPoints("p1", "c1", date(2025, 2, 1), HELD),
    PointChange: lambda: PointChange("c1", "sourced", 50, 0),
    PointsHeld: lambda: HELD,
    hubpartner.ledger.PointsOverTime: lambda: LEDGER.over_time(DAY, DAY),
    SoldDeal: lambda: DEAL,
    Decision: lambda: DECISIONS[-1],
    EliteRequirements: lambda: THRESHOLDS.elite,
    EliteStatus: lambda: ELITE,
    Evaluation: lambda: EVALUATION,
    GoldDeadline: lambda: gold_deadline(date(2024, 1, 1), as_of=DAY, history=DECISIONS),
    MonthRecord: lambda: MonthRecord(date(2025, 2, 1), HELD, True, 3, ELITE),
    Progress: lambda: progress(HELD, thresholds=THRESHOLDS, certified=True, rules=R2025),
    Thresholds: lambda: THRESHOLDS,
    TierRequirement: lambda: THRESHOLDS.requirements[2],
    TrackProgress: lambda: progress(
        HELD, thresholds=THRESHOLDS, certified=True, rules=R2025
    ).tracks[0],
    WhatIf: lambda: what_if(
        HELD,
        thresholds=THRESHOLDS,
        certified=True,
        rules=R2025,
        currency="EUR",
        track=Track.SOURCED,
        market="DE",
    ),
    # plan
    hubpartner.plan.Action: lambda: SALES[0],
    hubpartner.plan.ExpiringPoints: lambda: TIER_PLAN.expiring[0],
    hubpartner.plan.ManagedRisk: lambda: TIER_PLAN.managed[0],
    hubpartner.plan.Needed: lambda: PLAN.needed,
    hubpartner.plan.Plan: lambda: PLAN,
    hubpartner.plan.PlannedAction: lambda: PLAN.actions[0],
    hubpartner.plan.Shortfall: lambda: TIER_PLAN.outlook.shortfalls[0],
    hubpartner.plan.TierOutlook: lambda: TIER_PLAN.outlook,
    hubpartner.plan.TierPlan: lambda: TIER_PLAN,
    # surveys
    CesTally: lambda: CesTally.from_scores([7, 6, 5, 2]),
    CsatTally: lambda: CsatTally.from_scores([5, 4, 1]),
    Group: lambda: hubpartner.surveys.group(ANSWERS, kind=SurveyKind.NPS)[0],
    hubpartner.surveys.Groups: lambda: hubpartner.surveys.group(ANSWERS, kind=SurveyKind.NPS),
    Interval: lambda: Interval(0.25, 0.75),
    LatestNps: lambda: LatestNps(9, "Good", AT),
    NetScore: lambda: NPS_TALLY,
    NpsComparison: lambda: compare(NPS_TALLY, NpsTally(1, 2, 3)),
    NpsScale: lambda: NPS,
    NpsTally: lambda: NPS_TALLY,
    Period: lambda: Period.month(DAY),
    Range: lambda: Range(Fraction(1, 20), Fraction(3, 20)),
    SurveyResponse: lambda: ANSWERS[0],
    ResponsesFile: lambda: ResponsesFile(ANSWERS, (4,)),
    TalliedFile: lambda: TalliedFile(
        hubpartner.surveys.group(ANSWERS, kind=SurveyKind.NPS), len(ANSWERS), (4,)
    ),
    Scale: lambda: CES_7,
    Send: lambda: Send(DAY, date(2025, 8, 8)),
    Survey: lambda: Survey(
        "nps", "email", "sv", "Acme", AT, datetime(2025, 4, 1), "Skulle du rekommendera {company}?"
    ),
    SurveyRules: lambda: survey_rules(),
    Trailing: lambda: Trailing(7, [date(2025, 3, 7)]),
    WeightedNpsTally: lambda: WeightedNpsTally.from_scores([10, 9, 3], [1, 2, 1]),
}


#: Valid arguments of functions and methods, by parameter name.
def _frame(name: str) -> Any:
    """The example file ``name`` as a DataFrame (every cell as text, as it is written)."""
    import pandas as pd

    return pd.read_csv(EXAMPLES / name, dtype=str, keep_default_na=False)


def _series(answers: list[Any]) -> Any:
    """A column of answers with a gap, as pandas makes it: floats and NaN."""
    import pandas as pd

    return pd.Series(answers, dtype="float64", name="score")


def _scores_ddf(scores: tuple[Any, ...] = (5.0, 4.0, None, 1.0)) -> Any:
    """A few answers (on any scale) as a Dask DataFrame of two partitions: moments,
    scores (with a gap), segments, respondents and weights."""
    import dask.dataframe as dd
    import pandas as pd

    frame = pd.DataFrame(
        {
            "at": pd.to_datetime(["2025-03-01", "2025-03-09", "2025-04-02", "2025-04-20"]),
            "score": list(scores),
            "segment": ["EMEA", "EMEA", "APAC", None],
            "respondent": ["r1", "r2", "r1", "r1"],
            "weight": ["1", "2", "1", "0.5"],
        }
    )
    return dd.from_pandas(frame, npartitions=2)


def _deals_ddf() -> Any:
    """A few deals as a Dask DataFrame of two partitions."""
    import dask.dataframe as dd
    import pandas as pd

    frame = pd.DataFrame(
        {
            "partner": ["p1", "p1", "p2"],
            "client": ["c1", "c2", "c1"],
            "market": ["US", "IN", "DE"],
            "currency": ["USD", "USD", "EUR"],
            "mrr": ["1000", "300", "88"],
            "track": ["sourced", "managed", "assisted"],
            "date": ["2025-07-14", "2025-07-31", "2025-08-01"],
        }
    )
    return dd.from_pandas(frame, npartitions=2)


BY_NAME: dict[str, Callable[[], Any]] = {
    "a": lambda: NPS_TALLY,
    "action": lambda: hubpartner.engagement.Action.PUBLISH,
    "activities": lambda: [Activity("blog", "publish", DAY), Activity("forms", "view", DAY)],
    "actor": lambda: STAFF,
    "after": lambda: "Their team was great.",
    "amount": lambda: MONEY,
    "answer": lambda: 5,
    "as_of": lambda: DAY,
    "at": lambda: AT,
    "b": lambda: NpsTally(1, 2, 3),
    "before": lambda: "Thier team was grate",
    "by": lambda: "month",
    "by_segment": lambda: True,
    "cadence": lambda: Cadence.QUARTERLY,
    "catalogue": lambda: CATALOGUE,
    "category": lambda: "overall",
    "certified": lambda: True,
    "client": lambda: "c1",
    "client_id": lambda: "c1",
    "clients": lambda: ENGAGED,
    "code": lambda: "SE",
    "comments": lambda: "spam and more spam",
    "company": lambda: COMPANY,
    "confidence": lambda: 0.9,
    "count": lambda: 3,
    "counts": lambda: {5: 2, 7: 1},
    "countries": lambda: ["IN", "BR"],
    "credited": lambda: Tier.GOLD,
    "credits": lambda: [CREDIT, MonthlyCredit(date(2025, 2, 1), False, 1, Decimal(0))],
    "currency": lambda: "EUR",
    "day": lambda: DAY,
    "deal": lambda: DEAL,
    "denominator": lambda: Decimal(88),
    "descending": lambda: False,
    "df": lambda: 10,
    "earned_on": lambda: date(2025, 2, 15),
    "elite": lambda: ELITE,
    "end": lambda: date(2025, 9, 30),
    "error": lambda: hubpartner.errors.InvalidValueError,
    "evaluation": lambda: EVALUATION,
    "events": lambda: MANAGED_EVENTS,
    "exact_relationship": lambda: True,
    "expected": lambda: NPS_TALLY,
    "extra_questions": lambda: 1,
    "field": lambda: "argument",
    "ground": lambda: "offensive",
    "growth_market": lambda: True,
    "held": lambda: "marketing:enterprise",
    "history": lambda: DECISIONS,
    "joined": lambda: date(2024, 1, 1),
    "key": lambda: "sales",
    "kind": lambda: SurveyKind.NPS,
    "known_contact": lambda: True,
    "latest_per_respondent": lambda: True,
    "lifetime_months": lambda: 12,
    "locale": lambda: "sv_SE",
    "manage": lambda: True,
    "margin": lambda: 5.0,
    "market": lambda: "IN",
    "matches_criteria": lambda: True,
    "max_score": lambda: 9,
    "method": lambda: "wald",
    "min_count": lambda: 2,
    "min_score": lambda: 1,
    "missing": lambda: "exclude",
    "mode": lambda: Rounding.HALF_EVEN,
    "model": lambda: MODEL,
    "months": lambda: 3,
    "record": lambda: hubpartner.to_record(NPS_TALLY),
    "mrr": lambda: MONEY,
    "n": lambda: 20,
    "name": lambda: "acme",
    "names": lambda: ["Landing pages", "forms"],
    "needed": lambda: "marketing:starter",
    "note": lambda: Note("Called", DAY),
    "numerator": lambda: Decimal(1000),
    "on": lambda: DAY,
    "opportunity": lambda: "sales:professional",
    "other_partners": lambda: 1,
    "p": lambda: 0.975,
    "partial_windows": lambda: True,
    "partners": lambda: 3,
    "path": lambda: EXAMPLES / "portfolio.csv",
    "places": lambda: 1,
    "points": lambda: HELD,
    "portfolio": lambda: PORTFOLIO,
    "product_line_first_sold": lambda: date(2021, 10, 1),
    "profile": lambda: PROFILE,
    "program": lambda: R2025,
    "reason": lambda: "offensive language",
    "recipients": lambda: 1000,
    "relationship": lambda: "managed",
    "reminder_after": lambda: timedelta(days=7),
    "report_id": lambda: "k1",
    "respondent": lambda: "ann",
    "responses": lambda: ANSWERS,
    "response_id": lambda: "x1",
    "review_id": lambda: "r1",
    "reviewer": lambda: REVIEWER,
    "rounding": lambda: POLICY,
    "rule_set": lambda: R2025,
    "rules": lambda: R2025,
    "rules_for": lambda: rules.for_date,
    "scale": lambda: None,
    "scores": lambda: [10, 9, 7, 3],
    "service": lambda: PaidService("s3", "p1", "c1", True),
    "service_id": lambda: "s3",
    "single_page_app": lambda: False,
    "sort_by": lambda: "name",
    "source": lambda: "<text>",
    "stars": lambda: 4,
    "start": lambda: date(2025, 1, 1),
    "subscription": lambda: "sales:starter",
    "subscriptions": lambda: [SUBSCRIPTION, "sales:starter"],
    "successes": lambda: 7,
    "survey": lambda: SURVEY,
    "t": lambda: 2.228,
    "task": lambda: Task("Call back", DAY),
    "text": lambda: "Thanks!",
    "thresholds": lambda: THRESHOLDS,
    "tier": lambda: Tier.PLATINUM,
    "tool": lambda: "Landing pages",
    "track": lambda: Track.SOURCED,
    "tracks": lambda: frozenset({Track.SOURCED}),
    "unknown": lambda: "report",
    "until": lambda: date(2025, 12, 31),
    "usage": lambda: USAGE,
    "usages": lambda: [USAGE, Usage(["forms"])],
    "usd_100": lambda: Decimal("10.5"),
    "used": lambda: 2,
    "value": lambda: Decimal("2.345"),
    "wanted": lambda: Relationship.MANAGED,
    "weighted": lambda: True,
    "weights": lambda: [1, Decimal("0.5"), Fraction(1, 3), 2],
    "within_days": lambda: 60,
}

#: Valid arguments that depend on the callable: ``"module.qualname:parameter"``.
OVERRIDES: dict[str, Callable[[], Any]] = {
    "decimals.from_fraction:value": lambda: Fraction(2, 3),
    "engagement.Assessment:items": lambda: tuple(ENGAGED),
    "clients.ClientTable:items": lambda: tuple(hubpartner.clients.client_table(PORTFOLIO)),
    "ledger.PointsOverTime:items": lambda: tuple(LEDGER.over_time(DAY, DAY)),
    "responses.Groups:items": lambda: tuple(
        hubpartner.surveys.group(ANSWERS, kind=SurveyKind.NPS)
    ),
    "records.to_record:value": lambda: MONEY,
    "records.to_records:values": lambda: [MONEY, NPS_TALLY],
    "decimals.RoundingPolicy.apply:value": lambda: Fraction(100, 7),
    "decimals.Rounding.from_name:value": lambda: "half-up",
    "money.Money.zero:currency": lambda: "JPY",
    "money.currency_code:code": lambda: "sek",
    "markets.market_name:code": lambda: "in",
    "rules.MonthDay.parse:text": lambda: "07-15",
    "rules.loads:text": lambda: rules.dumps(R2025),
    "rules.load:path": _rules_stream,
    "points.allocate:points": lambda: Decimal(10),
    "points.points_to_money:points": lambda: 50,
    "points.present:value": lambda: Decimal("56.818181"),
    "engagement.Catalogue.rank:subscription": lambda: SUBSCRIPTION,
    "engagement.Catalogue.best_ranks:subscriptions": lambda: ["sales:starter", SUBSCRIPTION],
    "engagement.Subscription.parse:text": lambda: "Sales:Starter",
    "engagement.Subscription.of:value": lambda: "service:professional",
    "engagement.Bands.band:score": lambda: 5,
    "engagement.Category.earned:used": lambda: 1,
    "engagement.ScoringModel.score:unknown": lambda: "error",
    "engagement.tool_key:name": lambda: " Social  Publishing ",
    "engagement.filter_clients:bands": lambda: [Band.LOW, "medium"],
    "engagement.filter_clients:name": lambda: "ac",
    "engagement.assess:clients": lambda: [("c1", "Acme", USAGE), ("c2", "Beta", Usage())],
    "engagement.model_from_toml:text": lambda: (
        ROOT / "src" / "hubpartner" / "data" / "engagement.toml"
    ).read_text("utf-8"),
    "engagement.usage_from_activities:subscriptions": lambda: [SUBSCRIPTION],
    "engagement.usage_from_activities:start": lambda: date(2025, 7, 1),
    "engagement.usage_from_activities:unknown": lambda: "error",
    "engagement.median_tool_usage:unknown": lambda: "error",
    "clients.ClientRecord.engagement:unknown": lambda: "error",
    "clients.Portfolio.client:client_id": lambda: "c1",
    "clients.read_portfolio:unknown": lambda: "error",
    "clients.client_table:unknown": lambda: "error",
    "clients.client_table:band": lambda: "low",
    "clients.end_services:on": lambda: DAY,
    "reviews.submit_review:actor": lambda: CLIENT,
    "reviews.submit_review:review_id": lambda: "r3",
    "reviews.submit_review:ratings": lambda: Ratings(3),
    "reviews.submit_review:text": lambda: ReviewText("Fine", "It went fine"),
    "reviews.respond:actor": lambda: MEMBER,
    "reviews.respond:review_id": lambda: "r2",
    "reviews.respond:response_id": lambda: "x2",
    "reviews.report:actor": lambda: PROSPECT,
    "reviews.report:report_id": lambda: "k2",
    "reviews.report:response_id": lambda: "x1",
    "reviews.eligibility:service": lambda: PaidService("s3", "p1", "c1", True),
    "reviews.correct_review:text": lambda: ReviewText("Great", "Their team was great"),
    "reviews.correct_review:rules": lambda: review_rules().languages,
    "reviews.correct_response:rules": lambda: review_rules().languages,
    "reviews.correction_problem:rules": lambda: review_rules().languages,
    "reviews.DirectoryProfile.active_response:review_id": lambda: "r1",
    "reviews.DirectoryProfile.service:service_id": lambda: "s1",
    "reviews.RatingScale.check:field": lambda: "overall",
    "reviews.Ratings.stars:category": lambda: "overall",
    "reviews.Summary.category:name": lambda: "overall",
    "reviews.summary:rounding": lambda: RoundingPolicy(2, "half-even"),
    "reviews.describe:result": lambda: hubpartner.reviews.summary(PROFILE),
    "managed.monthly_managed_points:mrr": lambda: MONEY,
    "managed.monthly_managed_points:market": lambda: "IN",
    "managed.monthly_managed_points:partners": lambda: {date(2025, 2, 1): 2},
    "managed.monthly_managed_points:rules": lambda: MANAGED_RULES,
    "managed.monthly_managed_points:rules_for": lambda: None,
    "managed.managed_credit_status:rules": lambda: MANAGED_RULES,
    "managed.active_periods:rules": lambda: MANAGED_RULES,
    "managed.qualifying_activities:rules": lambda: MANAGED_RULES,
    "managed.Condition.describe:rules": lambda: MANAGED_RULES,
    "managed.ManagedRules.qualifies:tool": lambda: "Blog",
    "ledger.SoldDeal.from_mrr:client": lambda: "c9",
    "ledger.SoldDeal.from_mrr:on": lambda: date(2024, 3, 1),
    "ledger.SoldDeal.from_mrr:rules": lambda: None,
    "ledger.managed_months:growth_market": lambda: True,
    "ledger.Ledger.breakdown:track": lambda: Track.SOURCED,
    "ledger.Ledger.breakdown:growth_market": lambda: False,
    "ledger.Ledger.expiring:months": lambda: 12,
    "ledger.read_ledger:path": lambda: EXAMPLES / "points-ledger.csv",
    "managed.read_events:path": lambda: EXAMPLES / "managed-events.csv",
    "ledger.read_ledger:lifetime_months": lambda: None,
    "tiers.read_history:path": lambda: EXAMPLES / "tier-history.csv",
    "tiers.load_thresholds:path": lambda: EXAMPLES / "thresholds.toml",
    "_prices.load_prices:path": lambda: EXAMPLES / "prices.toml",
    "_prices.prices_from_toml:text": lambda: (EXAMPLES / "prices.toml").read_text("utf-8"),
    "_prices.PriceList:prices": lambda: {"EUR": {"sales:starter": 15}},
    "_prices.PriceList.price:subscription": lambda: "sales:starter",
    "_prices.PriceList.price:currency": lambda: "EUR",
    "tiers.thresholds_from_toml:text": lambda: (EXAMPLES / "thresholds.toml").read_text("utf-8"),
    "tiers.reevaluate:history": lambda: HISTORY,
    "tiers.reevaluate:credited": lambda: None,
    "tiers.reevaluate:earned_on": lambda: None,
    "tiers.what_if:currency": lambda: "EUR",
    "tiers.what_if:market": lambda: "DE",
    "tiers.what_if:activities": lambda: 40,
    "tiers.evaluate:activities": lambda: 40,
    "tiers.progress:activities": lambda: 40,
    "tiers.Thresholds.activity_period:rules": lambda: R2025,
    "tiers.Evaluation.reasons:tier": lambda: Tier.DIAMOND,
    "tiers.Progress.track:name": lambda: "sold",
    "tiers.MonthRecord.judged_on:rules": lambda: R2025,
    "tiers.tier_name:tier": lambda: Tier.DIAMOND,
    "tally.NpsTally.from_scores:scale": lambda: NpsScale(1, 10, 6, 9),
    "tally.WeightedNpsTally.from_scores:scores": lambda: [10, 9, 7, 3],
    "tally.WeightedNpsTally.from_scores:scale": lambda: NPS,
    "tally.CesTally.from_scores:scale": lambda: CES_7,
    "tally.CesTally.from_scores:scores": lambda: [7, 6, 5, 2],
    "tally.CesTally.from_counts:scale": lambda: CES_7,
    "tally.CsatTally.from_scores:scale": lambda: CSAT_5,
    "tally.CsatTally.from_scores:scores": lambda: [5, 4, 1],
    "tally.CsatTally.from_counts:counts": lambda: {5: 2, 1: 1},
    "tally.CsatTally.from_counts:scale": lambda: CSAT_5,
    "tally.NpsTally.from_counts:promoters": lambda: 3,
    "tally.NpsTally.from_counts:passives": lambda: 2,
    "tally.NpsTally.from_counts:detractors": lambda: 1,
    "tally.CesTally.rounded:rounding": lambda: Rounding.HALF_EVEN,
    "tally.CsatTally.rounded:rounding": lambda: Rounding.HALF_EVEN,
    "stats.NetScore.rounded:rounding": lambda: Rounding.HALF_EVEN,
    "stats.wilson:confidence": lambda: 0.95,
    "stats.t_critical_value:confidence": lambda: 0.95,
    "responses.Period.month:day": lambda: DAY,
    "responses.Period.quarter:day": lambda: DAY,
    "responses.group:scale": lambda: NPS,
    "responses.group:by": lambda: Trailing(30, [date(2025, 3, 31), date(2025, 4, 30)]),
    "responses.latest_per_contact:missing": lambda: "error",
    "responses.read_responses:path": lambda: EXAMPLES / "nps-responses.csv",
    "responses.read_responses:scale": lambda: NPS,
    "responses.read_responses:score_column": lambda: "score",
    "responses.read_responses:at_column": lambda: "at",
    "responses.read_responses:respondent_column": lambda: "respondent",
    "responses.read_responses:segment_column": lambda: "region",
    "responses.read_responses:comment_column": lambda: "comment",
    "responses.read_responses:weight_column": lambda: None,
    # the example's one blank score (row 11) left out: the default refuses it
    "frames.read_responses:frame": lambda: _frame("nps-responses.csv").drop(index=11),
    "frames.read_portfolio:frame": lambda: _frame("portfolio.csv"),
    "dask.nps_by:ddf": _scores_ddf,
    "dask.nps_by:missing": lambda: "exclude",
    "dask.nps_by:weight": lambda: "weight",
    "dask.nps_by:by": lambda: ["segment"],
    "dask.nps_by:scale": lambda: NPS,
    "dask.ces_by:ddf": _scores_ddf,
    "dask.ces_by:missing": lambda: "exclude",
    "dask.ces_by:scale": lambda: CES_7,
    "dask.csat_by:ddf": _scores_ddf,
    "dask.csat_by:missing": lambda: "exclude",
    "dask.csat_by:scale": lambda: CSAT_5,
    "dask.points_by_month:ddf": _deals_ddf,
    "dask.points_by_month:partner": lambda: "partner",
    "frames.read_ledger:frame": lambda: _frame("points-ledger.csv"),
    "frames.read_history:frame": lambda: _frame("tier-history.csv"),
    "frames.read_events:frame": lambda: _frame("managed-events.csv"),
    "frames.to_frame:values": lambda: [NPS_TALLY],
    "frames.to_frame:decimals": lambda: "string",
    "frames.nps_tally:missing": lambda: "exclude",
    "frames.nps_tally:series": lambda: _series([10, 9, None, 3]),
    "frames.nps_tally:scale": lambda: NPS,
    "frames.ces_tally:missing": lambda: "exclude",
    "frames.ces_tally:series": lambda: _series([7, 5, None, 1]),
    "frames.ces_tally:scale": lambda: CES_7,
    "frames.csat_tally:missing": lambda: "exclude",
    "frames.csat_tally:series": lambda: _series([5, 4, None, 1]),
    "frames.csat_tally:scale": lambda: CSAT_5,
    "lifecycle.unpublish:at": lambda: date(2025, 3, 1),
    "lifecycle.accepts_responses:rules": lambda: survey_rules(),
    "lifecycle.response_rate:rules": lambda: survey_rules(),
    "lifecycle.expected_responses:rules": lambda: survey_rules(),
    "lifecycle.nps_question:rules": lambda: survey_rules(),
    "lifecycle.nps_question:survey": lambda: SURVEY,
    "lifecycle.send_schedule:start": lambda: date(2025, 1, 31),
    "lifecycle.send_schedule:until": lambda: None,
    "lifecycle.send_schedule:count": lambda: 3,
    "reviews.DirectoryProfile.with_service:service": lambda: PaidService("s4", "p1", "c1", True),
    "responses.read_responses:missing": lambda: "exclude",
    "responses.tally_responses:path": lambda: EXAMPLES / "nps-responses.csv",
    "responses.tally_responses:scale": lambda: NPS,
    "responses.tally_responses:score_column": lambda: "score",
    "responses.tally_responses:at_column": lambda: "at",
    "responses.tally_responses:respondent_column": lambda: "respondent",
    "responses.tally_responses:segment_column": lambda: "region",
    "responses.tally_responses:missing": lambda: "exclude",
    "responses.tally_responses:by": lambda: "quarter",
    "responses.TalliedFile:groups": lambda: hubpartner.surveys.group(ANSWERS, kind=SurveyKind.NPS),
    "responses.TalliedFile:responses": lambda: 3,
    "responses.TalliedFile:excluded_lines": lambda: (4,),
    "stats.confidence_level:value": lambda: 0.9,
    "engagement.ScoringModel.tool:name": lambda: "Landing pages",
    "lifecycle.shows_web_survey:survey": lambda: Survey("nps", "web", "en", "Acme", DAY),
    "rules.ProgramRules.with_currency:currency": lambda: "SEK",
    "rules.ProgramRules.rate:track": lambda: Track.SOURCED,
    "rules.ProgramRules.is_growth_market:market": lambda: "in",
    "rules.ProgramRules.market_multiplier:market": lambda: "IN",
    "rules.ProgramRules.usd_100_in:currency": lambda: "eur",
    "rules.PointRates.for_track:track": lambda: Track.MANAGED,
    "rules.ReevaluationDay.window_start:day": lambda: date(2026, 1, 15),
    "rules.Reevaluation.on:day": lambda: date(2026, 7, 15),
    "rules.MonthDay.last_on_or_before:day": lambda: date(2026, 1, 10),
    "ledger.PointsHeld.sold_for_minimum:tracks": lambda: frozenset(Track) - {Track.MANAGED},
    "managed.ActivePeriod.covers:day": lambda: date(2025, 2, 1),
    "plan.Needed.between:held": lambda: HELD,
    "plan.Needed.between:requirement": lambda: THRESHOLDS.requirements[0],
    "plan.smallest_set:actions": lambda: SALES,
    "plan.smallest_set:needed": lambda: PLAN.needed,
    "plan.next_reevaluation:rules_for": lambda: rules.for_date,
    "plan.managed_risks:ledger": lambda: LEDGER,
    "plan.managed_risks:by": lambda: PLAN_BY,
    "plan.managed_risks:events": lambda: PLAN_EVENTS,
    "plan.managed_risks:portfolio": lambda: PORTFOLIO,
    "plan.managed_risks:rules": lambda: MANAGED_RULES,
    "plan.expiring_points:ledger": lambda: LEDGER,
    "plan.expiring_points:by": lambda: PLAN_BY,
    "plan.outlook:ledger": lambda: LEDGER,
    "plan.outlook:by": lambda: PLAN_BY,
    "plan.outlook:activities": lambda: 40,
    "plan.outlook:elite": lambda: ELITE,
    "plan.outlook:credited": lambda: Tier.GOLD,
    "plan.outlook:earned_on": lambda: date(2025, 2, 15),
    "plan.outlook:risks": lambda: TIER_PLAN.managed,
    "plan.outlook:rules_for": lambda: rules.for_date,
    "plan.sale_actions:prices": lambda: PRICES,
    "plan.sale_actions:track": lambda: Track.ASSISTED,
    "plan.sale_actions:default_market": lambda: "DE",
    "plan.sale_actions:catalogue": lambda: CATALOGUE,
    "plan.plan_actions:actions": lambda: SALES,
    "plan.plan_actions:held": lambda: HELD,
    "plan.plan_actions:target": lambda: Tier.GOLD,
    "plan.plan_actions:by": lambda: PLAN_BY,
    "plan.plan_actions:activities": lambda: 40,
    "plan.plan_actions:elite": lambda: ELITE,
    "plan.plan:ledger": lambda: LEDGER,
    "plan.plan:prices": lambda: PRICES,
    "plan.plan:target": lambda: Tier.GOLD,
    "plan.plan:by": lambda: PLAN_BY,
    "plan.plan:track": lambda: Track.ASSISTED,
    "plan.plan:activities": lambda: 40,
    "plan.plan:elite": lambda: ELITE,
    "plan.plan:credited": lambda: Tier.GOLD,
    "plan.plan:earned_on": lambda: date(2025, 2, 15),
    "plan.plan:events": lambda: PLAN_EVENTS,
    "plan.plan:managed_rules": lambda: MANAGED_RULES,
    "plan.plan:rules_for": lambda: rules.for_date,
    "plan.plan:default_market": lambda: "DE",
    "plan.plan:catalogue": lambda: CATALOGUE,
    "plots.plot_progress:progress_or_evaluation": lambda: EVALUATION,
    "plots.plot_points_over_time:ledger_or_timeline": lambda: LEDGER,
    "plots.plot_nps_trend:groups": lambda: hubpartner.surveys.group(ANSWERS, kind="nps"),
    "plots.plot_engagement_bands:assessments_or_table": lambda: ENGAGED,
}


#: Valid arguments of functions and methods, by their annotation (before the name).
BY_ANNOTATION: dict[str, Callable[[], Any]] = {
    "Rounding": lambda: Rounding.HALF_EVEN,
    "RoundingPolicy": lambda: POLICY,
    "RoundingPolicy | None": lambda: RoundingPolicy(2, "half-even"),
    "ProgramRules": lambda: R2025,
    "ProgramRules | None": lambda: R2025,
    "ManagedRules | None": lambda: MANAGED_RULES,
    "SurveyRules | None": lambda: survey_rules(),
    "CorrectionRules | None": lambda: review_rules().corrections,
    "PointsHeld": lambda: HELD,
    "Decimal | Fraction": lambda: Decimal(10),
    "Decimal | int | str": lambda: 50,
    "NpsScale": lambda: NpsScale(1, 10, 6, 9),
    "Scale | None": lambda: CES_7,
    "Scale | NpsScale | None": lambda: NPS,
    "Iterable[MonthRecord]": lambda: HISTORY,
    "Tier": lambda: Tier.DIAMOND,
    "Tier | None": lambda: Tier.DIAMOND,
    "Iterable[Response]": lambda: ANSWERS,
    "Iterable[Event]": lambda: MANAGED_EVENTS,
    "Iterable[Activity]": lambda: [Activity("blog", "publish", DAY)],
    "Iterable[ClientEngagement]": lambda: ENGAGED,
    "Mapping[Any, Any]": lambda: {5: 2, 1: 1},
}
