"""Golden snapshots: one per packaged data file, over a fixed grid of inputs.

Any change to a packaged number shows up as a reviewable diff of
``tests/golden/<data file>.json``. After an intended change to the rule data, rewrite
the snapshots with ``python -m pytest tests/test_golden.py --update-golden`` and
review the diff. A data file without a snapshot fails the test.
"""

import json
from collections.abc import Callable
from datetime import date, timedelta
from fractions import Fraction
from pathlib import Path

import pytest

from hubpartner import Money, Track, engagement, managed, points, reviews, rules, surveys
from hubpartner._files import packaged_names
from hubpartner.engagement import Subscription, Usage
from hubpartner.present import SUPPORTED

GOLDEN = Path(__file__).parent / "golden"
AMOUNTS = ["1", "1000", "12345.67"]
MARKETS = ["US", "IN", "BR"]


def rules_snapshot(name: str) -> dict[str, object]:
    (rule_set,) = [r for r in rules.published() if f"rules-{r.effective}.toml" == name]
    grid: dict[str, str] = {}
    for currency in sorted(rule_set.currencies):
        for amount in AMOUNTS:
            mrr = Money(amount, currency)
            for market in MARKETS:
                for track in Track:
                    value = points.money_to_points(mrr, track=track, market=market, rules=rule_set)
                    grid[f"{currency} {amount} {market} {track.value}"] = f"{value:f}"
    calendar = rule_set.reevaluation
    year = rule_set.effective.year + 1
    windows = {}
    for month in range(1, 13):
        day = date(year, month, calendar.judgement_day)
        found = calendar.on(day)
        windows[day.isoformat()] = None if found is None else found.window_start(day).isoformat()
    return {
        "rules": rules.dumps(rule_set).splitlines(),
        "points": grid,
        "reevaluation windows": windows,
    }


def managed_snapshot(_: str) -> dict[str, object]:
    chosen = managed.default_managed_rules()
    start = date(2025, 1, 6)
    timeline = [
        managed.Event(start, "employee-added", user="kim"),
        managed.Event(start, "client-assigned", user="kim"),
        managed.Event(start, "user-added-to-client", user="kim"),
        managed.Event(start, "activity", user="kim", tool="blog", action="publish"),
    ]
    status = {}
    for days in range(0, 91, 5):
        on = start + timedelta(days=days)
        found = managed.managed_credit_status(timeline, as_of=on)
        status[on.isoformat()] = [found.receiving, *found.reasons]
    qualifies = {
        f"{tool} {action.value}": chosen.qualifies(tool, action)
        for tool in ("blog", "email", "forms", "landing pages", "workflows")
        for action in engagement.Action
    }
    ended = {kind.value: kind in chosen.ends_immediately for kind in managed.EventKind}
    return {
        "lapse_days": chosen.lapse_days,
        "monthly_credit": chosen.monthly_credit,
        "ends immediately": ended,
        "qualifies": qualifies,
        "credit status": status,
    }


def bounds(span: surveys.Range) -> list[str]:
    return [str(span.low), str(span.high)]


def surveys_snapshot(_: str) -> dict[str, object]:
    chosen = surveys.survey_rules()
    rates = {str(extra): bounds(surveys.response_rate(extra)) for extra in range(4)}
    expected = {
        str(extra): bounds(surveys.expected_responses(1000, extra_questions=extra))
        for extra in range(4)
    }
    survey = surveys.Survey(
        surveys.SurveyKind.NPS, surveys.Channel.EMAIL, "en", "Acme", date(2025, 1, 6)
    )
    closed = surveys.unpublish(survey, date(2025, 3, 1))
    answerable = {
        str(days): surveys.accepts_responses(closed, date(2025, 3, 1) + timedelta(days=days))
        for days in range(21)
    }
    return {
        "email grace days": chosen.email_grace.days,
        "response rate by extra questions": rates,
        "expected of 1000 by extra questions": expected,
        "email survey answerable days after unpublishing": answerable,
        "nps question": surveys.nps_question(survey),
        "nps question by language": {
            language: surveys.nps_question(company="Acme", language=language)
            for language in SUPPORTED
        },
    }


USAGES = {
    "nothing": Usage(),
    "crm only": Usage({"contacts", "deals"}),
    "marketing pro": Usage(
        {"contacts", "email", "forms", "landing pages", "workflows"},
        {Subscription("marketing", "professional")},
    ),
    "everything": Usage(
        {tool for category in engagement.default_model().categories for tool in category.tools},
        {Subscription(hub.key, hub.editions[-1]) for hub in engagement.default_catalogue().hubs},
    ),
}


def engagement_snapshot(_: str) -> dict[str, object]:
    model = engagement.default_model()
    scores = {}
    for label, usage in USAGES.items():
        result = model.score(usage)
        scores[label] = {
            "score": result.score,
            "exact": str(result.exact),
            "band": result.band.value,
            "categories": {c.key: [str(c.earned), str(c.within_reach)] for c in result.categories},
        }
    return {
        "name": model.name,
        "bands": [model.bands.low, model.bands.medium, model.bands.high],
        "categories": [[c.key, c.points, c.full_at, list(c.tools)] for c in model.categories],
        "aliases": dict(model.aliases),
        "scores": scores,
    }


def catalogue_snapshot(_: str) -> dict[str, object]:
    catalogue = engagement.default_catalogue()
    held = {
        "nothing": [],
        "sales starter": [Subscription("sales", "starter")],
        "marketing pro, service free": [
            Subscription("marketing", "professional"),
            Subscription("service", "free"),
        ],
    }
    return {
        "free edition": catalogue.free_edition,
        "hubs": {hub.key: [hub.name, list(hub.editions)] for hub in catalogue.hubs},
        "opportunities": {
            label: [f"{o.kind.value} {o.offer}" for o in engagement.opportunities(subs)]
            for label, subs in held.items()
        },
    }


def reviews_snapshot(_: str) -> dict[str, object]:
    chosen = reviews.review_rules()
    averages = [(1, 1), (2, 3), (9, 2), (14, 3), (29, 6), (449, 100), (450, 100)]
    return {
        "scale": [chosen.scale.low, chosen.scale.high],
        "categories": {
            c.name: "required" if c.required else "optional" for c in chosen.categories
        },
        "display rounding": chosen.display.name,
        "words a correction keeps": {
            lists.language: {
                "negations": list(lists.negations),
                "negating elisions": list(lists.negating_elisions),
                "negating prefixes": list(lists.negating_prefixes),
                "antonyms": [f"{one}/{other}" for one, other in lists.antonyms],
                "number words": list(lists.number_words),
                "forms": ["/".join(forms) for forms in lists.forms],
                "ambiguous": list(lists.ambiguous),
                "written with spaces": lists.spaces,
            }
            for lists in chosen.languages
        },
        "English words of earlier versions": chosen.corrections == chosen.languages[0],
        "average shown for stars/count": {
            f"{stars}/{count}": f"{chosen.display.apply(Fraction(stars, count)):f}"
            for stars, count in averages
        },
    }


def renderer(name: str) -> Callable[[str], dict[str, object]]:
    if name.startswith("rules-"):
        return rules_snapshot
    return {
        "managed.toml": managed_snapshot,
        "surveys.toml": surveys_snapshot,
        "engagement.toml": engagement_snapshot,
        "catalogue.toml": catalogue_snapshot,
        "reviews.toml": reviews_snapshot,
    }[name]


@pytest.mark.parametrize("name", packaged_names("", ".toml"))
def test_every_packaged_data_file_matches_its_golden_snapshot(request, name):
    current = json.loads(json.dumps(renderer(name)(name)))  # as JSON holds it
    path = GOLDEN / name.replace(".toml", ".json")
    if request.config.getoption("--update-golden"):
        path.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    recorded = json.loads(path.read_text(encoding="utf-8"))
    assert current == recorded
