"""The clients and engagement commands."""

import json

from .helpers import EXAMPLES

EXAMPLE = str(EXAMPLES / "portfolio.csv")


def test_the_client_table_and_alerts(cli):
    code, out, err = cli("clients --as-of 2025-08-01", EXAMPLE)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Alerts: 2 upcoming renewal decisions within 30 days"
    assert "Evergreen GmbH (c-005)" in lines[1]
    assert "in 4 days" in lines[1]
    assert lines[3] == "Clients (5), by MRR:"
    assert lines[4].split() == [
        "client",
        "name",
        "products",
        "relationship",
        "MRR",
        "engagement",
        "renewal",
    ]
    assert lines[5].split()[:2] == ["c-003", "Cascade"]


def test_a_wider_window_and_a_band_filter_as_json(cli):
    code, out, _ = cli(
        "clients --as-of 2025-08-01 --renewals-within 31 --band medium --json", EXAMPLE
    )
    assert code == 0
    data = json.loads(out)
    assert [a["client"] for a in data["alerts"]] == ["c-005", "c-002", "c-001"]
    assert [c["client"] for c in data["clients"]] == ["c-005", "c-001"]
    assert data["clients"][0]["mrr"] == "1290"
    assert data["clients"][0]["band"] == "medium"


def test_engagement_bands_median_and_opportunities(cli):
    code, out, _ = cli("engagement", EXAMPLE)
    assert code == 0
    lines = out.splitlines()
    assert lines[0].startswith("Platform Engagement Index of 5 clients")
    assert lines[1].split()[:3] == ["low", "0-3:", "2"]
    assert lines[3].split()[:3] == ["high", "7-10:", "1"]
    assert "Median tool usage: 8 tools" in out
    assert "upsell marketing:enterprise: 2 (c-001, c-005)" in out


def test_engagement_json(cli):
    code, out, _ = cli("engagement --json", EXAMPLE)
    assert code == 0
    data = json.loads(out)
    assert [c["client"] for c in data["bands"]["high"]] == ["c-003"]
    assert data["median_tool_usage"] == "8"
    assert data["opportunities"]["upsell sales:enterprise"] == ["c-003"]


def test_bad_rows_are_reported_by_line(cli, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(
        "client,company,hub,edition,mrr,currency,relationship\nc1,A,sales,gold,1,EUR,sold\n",
        encoding="utf-8",
    )
    code, out, err = cli("clients", str(path))
    assert code == 2
    assert out == ""
    assert err.startswith(f"hubpartner: error: {path}: line 2: ")


def test_an_empty_portfolio(cli, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("client,company,hub,edition,mrr,currency,relationship\n", encoding="utf-8")
    code, out, _ = cli("engagement", str(path))
    assert code == 0
    assert "Median tool usage: - tools" in out
