"""Golden snapshot of every packaged rule set over a fixed grid of inputs.

Any change to a packaged number shows up as a reviewable diff of
``tests/golden/points.json``. After an intended change to the rule data, rewrite
the snapshot with ``python -m pytest tests/test_golden.py --update-golden`` and
review the diff.
"""

import json
from pathlib import Path

from hubpartner import Money, Track, points, rules

GOLDEN = Path(__file__).parent / "golden" / "points.json"
AMOUNTS = ["1", "1000", "12345.67"]
MARKETS = ["US", "IN", "BR"]


def snapshot() -> dict[str, object]:
    result: dict[str, object] = {}
    for rule_set in rules.published():
        grid: dict[str, str] = {}
        for currency in sorted(rule_set.currencies):
            for amount in AMOUNTS:
                mrr = Money(amount, currency)
                for market in MARKETS:
                    for track in Track:
                        value = points.money_to_points(
                            mrr, track=track, market=market, rules=rule_set
                        )
                        grid[f"{currency} {amount} {market} {track.value}"] = f"{value:f}"
        result[rule_set.effective.isoformat()] = {
            "rules": rules.dumps(rule_set).splitlines(),
            "points": grid,
        }
    return result


def test_packaged_rules_match_the_golden_snapshot(request):
    current = snapshot()
    if request.config.getoption("--update-golden"):
        GOLDEN.write_text(json.dumps(current, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    recorded = json.loads(GOLDEN.read_text(encoding="utf-8"))
    assert current == recorded
