"""The clients and engagement commands."""

import json
from datetime import date

import pytest

from hubpartner import rules
from hubpartner.engagement import default_catalogue
from hubpartner.messages import Translation

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
    assert data["clients"][0]["mrr"] == {"amount": "1290", "currency": "EUR"}
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
    assert code != 0
    assert out == ""
    assert err.startswith(f"hubpartner: error: {path}: line 2: ")


def test_an_empty_portfolio(cli, tmp_path):
    path = tmp_path / "empty.csv"
    path.write_text("client,company,hub,edition,mrr,currency,relationship\n", encoding="utf-8")
    code, out, _ = cli("engagement", str(path))
    assert code == 0
    assert "Median number of tools used: -" in out


# -- currencies the rules do not list -------------------------------------------------------------

NORDIC = (
    "client,company,hub,edition,mrr,currency,relationship,renewal_date,renewal_owner,"
    "renewal_manager,tools\n"
    "c1,Acme AB,marketing,professional,890,EUR,both,2025-08-10,partner,Jo,"
    "Landing pages;CTAs;Social publishing\n"
    "c2,Nordlys AS,sales,starter,5000,NOK,sold,2025-08-12,partner,Sam,deals\n"
    "c3,Bygg AB,sales,professional,100,EUR,managed,,,,contacts\n"
)


def no_floats(text):
    def refuse(number):
        raise AssertionError(f"a float in the JSON: {number}")

    return json.loads(text, parse_float=refuse)


@pytest.fixture
def nordic(tmp_path):
    path = tmp_path / "nordic.csv"
    path.write_text(NORDIC, encoding="utf-8")
    return str(path)


def test_a_currency_without_a_rate_still_prints_the_alerts_and_a_table_by_name(cli, nordic):
    code, out, err = cli("clients --as-of 2025-08-01", nordic)
    assert code == 0, err
    lines = out.splitlines()
    assert lines[0] == "Alerts: 2 upcoming renewal decisions within 30 days"
    note = next(line for line in lines if line.startswith("Note:"))
    assert "no rate for 'NOK'" in note
    assert "--rate NOK=AMOUNT" in note
    assert "Clients (3), by name:" in lines
    start = lines.index("Clients (3), by name:") + 2
    assert [line.split()[0] for line in lines[start:]] == ["c1", "c3", "c2"]


def test_the_rate_the_note_names_is_an_option_of_the_command(cli, nordic, tmp_path):
    code, out, err = cli("clients --as-of 2025-08-01 --rate NOK=1000", nordic)
    assert code == 0, err
    assert "Note:" not in out
    # EUR 890 is USD 1011 (EUR 88 = USD 100), NOK 5000 is USD 500, EUR 100 is USD 113
    lines = out.splitlines()
    start = lines.index("Clients (3), by MRR:") + 2
    assert [line.split()[0] for line in lines[start:]] == ["c1", "c2", "c3"]
    rules_file = tmp_path / "rules.toml"
    current = rules.for_date(date(2025, 8, 1)).with_currency("NOK", 1000)
    rules_file.write_text(rules.dumps(current), encoding="utf-8")
    code, again, err = cli("clients --as-of 2025-08-01 --rules", str(rules_file), nordic)
    assert (code, again) == (0, out), err
    code, dated, err = cli("clients --as-of 2025-08-01 --date 2024-03-01 --rate NOK=1000", nordic)
    assert code == 0, err
    assert "by MRR" in dated


def test_json_says_how_the_table_is_sorted_and_why(cli, nordic):
    code, out, err = cli("clients --as-of 2025-08-01 --json", nordic)
    assert code == 0, err
    data = no_floats(out)
    assert data["sorted_by"] == "name"
    assert "--rate NOK=AMOUNT" in data["note"]
    assert data["rules"] is None
    assert [a["client"] for a in data["alerts"]] == ["c1", "c2"]
    assert data["clients"][0]["mrr"] == {"amount": "890", "currency": "EUR"}
    code, out, _ = cli("clients --as-of 2025-08-01 --rate NOK=1000 --json", nordic)
    data = no_floats(out)
    assert (data["sorted_by"], data["note"], data["rules"]) == ("mrr", None, "2025-07-15")


def test_a_day_without_published_rules_still_prints_the_alerts(cli, nordic, tmp_path):
    code, out, err = cli("clients --as-of 2020-01-01 --renewals-within 3000", nordic)
    assert code == 0, err
    assert out.startswith("Alerts: 2 upcoming renewal decisions within 3,000 days")
    assert "no published rules were in force on 2020-01-01" in out
    assert "--date" in out
    assert "Clients (3), by name:" in out
    one_currency = tmp_path / "eur.csv"
    one_currency.write_text(
        "\n".join(line for line in NORDIC.splitlines() if ",NOK," not in line) + "\n",
        encoding="utf-8",
    )
    code, out, err = cli("clients --as-of 2020-01-01", str(one_currency))
    assert code == 0, err
    assert "Clients (2), by MRR:" in out
    assert "Note:" not in out


def test_other_sort_keys_and_the_relationship_filter_need_no_rates(cli, nordic):
    code, out, err = cli("clients --as-of 2025-08-01 --sort engagement --json", nordic)
    assert code == 0, err
    data = no_floats(out)
    assert (data["sorted_by"], data["note"]) == ("engagement", None)
    assert [c["client"] for c in data["clients"]] == ["c1", "c2", "c3"]
    code, out, _ = cli("clients --as-of 2025-08-01 --relationship managed --json", nordic)
    assert [c["client"] for c in no_floats(out)["clients"]] == ["c1", "c3"]
    code, out, _ = cli(
        "clients --as-of 2025-08-01 --relationship sold --exact-relationship", nordic
    )
    assert "Clients (1), by MRR:" in out


def test_bad_options_are_refused(cli, nordic, tmp_path):
    code, _, err = cli("clients --rate NOK", nordic)
    assert code == 2
    assert "CODE=AMOUNT" in err
    code, _, err = cli("clients --rate NOK=lots", nordic)
    assert code == 2
    assert "--rate NOK=lots: expected the amount of NOK treated as USD 100" in err
    code, _, err = cli("clients --rules", str(tmp_path / "missing.toml"), nordic)
    assert code != 0
    assert ": not found" in err
    code, _, err = cli("clients --sort colour", nordic)
    assert code == 2


# -- tool names and unknown tools --------------------------------------------------------------


def test_tools_are_read_as_users_write_them(cli, nordic):
    code, out, err = cli("engagement --json", nordic)
    assert code == 0, err
    data = no_floats(out)
    scores = {c["client"]: c["score"] for band in data["bands"].values() for c in band}
    assert scores["c1"] == "2"  # landing pages, CTAs and social publishing: Marketing's 2


def test_an_unknown_tool_is_refused_or_reported_on_request(cli, nordic, tmp_path):
    path = tmp_path / "odd.csv"
    path.write_text(NORDIC.replace("deals\n", "deals;chatbots\n"), encoding="utf-8")
    for command in ("clients", "engagement"):
        code, out, err = cli(command, str(path))
        assert code != 0
        assert out == ""
        assert f"{path}: line 3: tools: 'chatbots' is not a tool of the scoring model" in err
    code, out, err = cli("clients --as-of 2025-08-01 --unknown-tools report", str(path))
    assert code == 0, err
    assert "Tools not scored: Nordlys AS (c2): chatbots" in out
    code, out, err = cli("engagement --unknown-tools report --json", str(path))
    assert code == 0, err
    assert no_floats(out)["unscored"] == {"c2": ["chatbots"]}
    code, out, _ = cli("engagement --unknown-tools report", str(path))
    assert "Tools not scored: Nordlys AS (c2): chatbots" in out
    # a name from the file reaches the terminal with its control characters escaped
    path.write_text(
        NORDIC.replace("deals\n", "deals;chatbots\n").replace("Nordlys AS", "Nord\x1b[31mlys"),
        encoding="utf-8",
    )
    code, out, _ = cli("engagement --unknown-tools report", str(path))
    assert "Tools not scored: Nord\\x1b[31mlys (c2): chatbots" in out
    assert "\x1b" not in out


# -- the subscriptions the client base holds ----------------------------------------------------


def test_engagement_shows_the_subscriptions_held_per_hub_and_edition(cli):
    code, out, err = cli("engagement", EXAMPLE)
    assert code == 0, err
    lines = out.splitlines()
    start = lines.index("Subscriptions in your client base:")
    marketing = lines[start + 1 : start + 6]
    assert [line.split()[-2:] for line in marketing[:1]] == [["free", "0"]]
    assert marketing[0].split()[:2] == ["Marketing", "Hub"]
    assert marketing[2].split() == ["professional", "2", "c-001,", "c-005"]
    assert marketing[4].split() == ["none", "2", "c-002,", "c-003"]


def test_engagement_json_lists_the_subscriptions_held(cli):
    code, out, err = cli("engagement --json", EXAMPLE)
    assert code == 0, err
    data = no_floats(out)
    marketing = data["subscriptions"][0]
    assert (marketing["hub"], marketing["name"]) == ("marketing", "Marketing Hub")
    assert marketing["editions"][2] == {
        "edition": "professional",
        "count": 2,
        "clients": ["c-001", "c-005"],
    }
    assert marketing["none"] == {"count": 2, "clients": ["c-002", "c-003"]}
    catalogue_order = [hub.key for hub in default_catalogue().hubs]
    assert [hub["hub"] for hub in data["subscriptions"]] == catalogue_order


# -- said in the user's language -------------------------------------------------------------


class Marked(Translation):
    """A catalog that says every message as its English template between ⟨ and ⟩, so
    that a test sees which words of the output went through the catalogs."""

    def __init__(self, language):
        super().__init__(language, {}, lambda count: 0)

    def choose(self, template, plural_template, count):
        chosen = template if plural_template is None or count == 1 else plural_template
        return "⟨" + chosen + "⟩"


@pytest.fixture
def marked(monkeypatch):
    """Every language but English said by :class:`Marked`."""
    monkeypatch.setattr(
        "hubpartner.present.translation",
        lambda language: None if language == "en" else Marked(language),
    )


def test_engagement_says_the_opportunities_and_the_model_in_the_users_language(cli, marked):
    code, out, _ = cli("--locale sv engagement", EXAMPLE)
    assert code == 0
    lines = out.splitlines()
    assert lines[0] == (
        "⟨Platform Engagement Index of 5 clients (⟨hubpartner default engagement model⟩)⟩"
    )
    assert "  ⟨cross-sell commerce:professional⟩: 5 (c-001, c-002, c-003, c-004, c-005)" in lines
    assert "  ⟨upsell sales:enterprise⟩: 1 (c-003)" in lines
    opportunities = lines[lines.index("⟨Opportunities in your client base:⟩") + 1 :]
    assert len(opportunities) == 12
    assert all(line.startswith("  ⟨") for line in opportunities)


def test_engagement_in_swedish_names_its_opportunities_in_swedish(cli):
    code, out, _ = cli("--locale sv engagement", EXAMPLE)
    assert code == 0
    assert "  korsförsäljning commerce:professional: 5 (c-001, c-002, c-003, c-004, c-005)" in out
    assert "cross-sell" not in out
    assert "upsell" not in out


def test_the_json_keeps_the_opportunities_locale_free(cli):
    code, out, _ = cli("--locale sv engagement --json", EXAMPLE)
    assert code == 0
    assert json.loads(out)["opportunities"]["upsell sales:enterprise"] == ["c-003"]


def portfolio_of(tmp_path, *tools):
    """A portfolio file with a client per entry of ``tools`` (its tools, ;-separated)."""
    path = tmp_path / "tools.csv"
    rows = [
        f"c{n},Client {n},marketing,professional,100,EUR,sold,{used}"
        for n, used in enumerate(tools, start=1)
    ]
    path.write_text(
        "client,company,hub,edition,mrr,currency,relationship,tools\n" + "\n".join(rows) + "\n",
        encoding="utf-8",
    )
    return str(path)


@pytest.mark.parametrize(
    ("tools", "said"),
    [
        (["contacts"], "⟨Median tool usage: 1 tool⟩"),  # a count: its plural form
        (["contacts;deals"], "⟨Median tool usage: 2 tools⟩"),
        (["contacts", "contacts;deals"], "⟨Median number of tools used: 1,5⟩"),  # no count
    ],
)
def test_the_median_tool_usage_agrees_with_a_count_and_with_no_decimal(
    cli, marked, tmp_path, tools, said
):
    code, out, _ = cli("--locale sv engagement", portfolio_of(tmp_path, *tools))
    assert code == 0
    assert said in out.splitlines()


def test_a_one_tool_portfolio_uses_1_tool(cli, tmp_path):
    code, out, _ = cli("engagement", portfolio_of(tmp_path, "contacts"))
    assert code == 0
    assert "Median tool usage: 1 tool" in out.splitlines()


# -- a value the library refuses, in the options' words -----------------------------------------


@pytest.mark.parametrize(
    ("options", "said"),
    [
        (
            "--as-of 9999-12-01 --renewals-within 100",
            "--as-of: '9999-12-01' is not accepted; expected a date at least 100 days before "
            "9999-12-31, the calendar's last day",
        ),
        (
            "--as-of 2025-08-01 --renewals-within 1000000000",
            "--renewals-within: '1000000000' is not accepted; expected an int from 0 to 36,525",
        ),
    ],
)
def test_a_day_or_window_the_library_refuses_is_named_by_its_option(cli, options, said):
    code, out, err = cli(f"clients {options}", EXAMPLE)
    assert (code, out) == (2, "")
    assert err == f"hubpartner clients: error: {said}\n"


@pytest.mark.parametrize("second", ["NOK=900", "nok=900", "NOK=1000"])
def test_a_currency_given_two_rates_is_refused_naming_it(cli, nordic, second):
    # refused whether or not the clients are sorted by MRR
    for sort in ("mrr", "name"):
        code, out, err = cli(f"clients --sort {sort} --rate NOK=1000 --rate {second}", nordic)
        assert (code, out) == (2, "")
        assert err == (
            f"hubpartner clients: error: --rate {second}: NOK has a rate already "
            "(--rate NOK=1000); give each currency one rate\n"
        )


def test_a_rate_is_read_as_the_locale_writes_numbers(cli, nordic):
    code, out, err = cli(
        "--locale sv clients --as-of 2025-08-01 --json --rate", "NOK=1 000,5", nordic
    )
    assert code == 0, err
    assert json.loads(out)["sorted_by"] == "mrr"
    code, out, err = cli("--locale sv clients --as-of 2025-08-01 --rate NOK=1,000", nordic)
    assert (code, out) == (2, "")
    assert "--rate NOK: '1,000' godtas inte" in err
