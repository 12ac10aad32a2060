"""``hubpartner report``: the terminal, the HTML file, the JSON, the bundled example."""

import argparse
import json
import os
import re
from datetime import date
from decimal import Decimal
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path

import pytest

from hubpartner.cli import EXIT_OUTPUT, EXIT_USAGE, main
from hubpartner.cli import report as command
from hubpartner.cli._output import text
from hubpartner.errors import InvalidValueError
from hubpartner.messages import message
from hubpartner.present import Presenter

from .helpers import EXAMPLES
from .test_golden_cli import assert_golden

FILES = {
    "--ledger": "points-ledger.csv",
    "--portfolio": "portfolio.csv",
    "--responses": "nps-responses.csv",
    "--thresholds": "thresholds.toml",
}
#: The options of ``hubpartner report`` without any: the bundled example.
EXAMPLE_OPTIONS = argparse.Namespace(
    as_of=None,
    delimiter=None,
    encoding="utf-8",
    locale="en",
    **dict.fromkeys(command.EXAMPLE_FILES),
)
ALL_FILES = " ".join(f"{option} {EXAMPLES / name}" for option, name in FILES.items())


@pytest.mark.parametrize("name", sorted(FILES.values()))
def test_the_bundled_example_is_the_documented_one(name):
    bundled = resources.files("hubpartner") / "data" / "example" / name
    assert bundled.read_bytes() == (EXAMPLES / name).read_bytes()


def test_without_files_the_example_is_shown_and_said_first(cli):
    code, out, err = cli("report")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0] == (
        "Example data (hubpartner's bundled example): pass --ledger, --portfolio, "
        "--responses and --thresholds for your own"
    )
    assert "Tier on August 1, 2025: Platinum" in lines
    for heading in ("Tier and progress", "Points and expirations", "NPS trend"):
        assert heading in lines


def test_the_example_is_the_same_as_its_files_on_its_own_day(cli):
    _, example, _ = cli("report")
    code, given, _ = cli(f"report {ALL_FILES} --as-of 2025-08-01")
    assert code == 0
    assert example.splitlines()[1:] == given.splitlines()[1:]
    assert given.splitlines()[0].startswith("Standing on August 1, 2025 from --ledger ")


def today_is(monkeypatch, day):
    """Make the report command's today ``day``."""

    class Today(date):
        @classmethod
        def today(cls):
            return cls(day.year, day.month, day.day)

    monkeypatch.setattr(command, "date", Today)


def test_with_files_the_day_is_today(cli, monkeypatch):
    today_is(monkeypatch, date(2025, 8, 20))
    _, out, _ = cli(f"report --ledger {EXAMPLES / 'points-ledger.csv'}")
    assert out.startswith("Standing on August 20, 2025 from --ledger")


def test_a_missing_input_is_said_in_its_section(cli):
    code, out, _ = cli(f"report --ledger {EXAMPLES / 'points-ledger.csv'} --as-of 2025-08-01")
    assert code == 0
    assert "not shown: give --thresholds" in out
    assert "not shown: give --portfolio" in out
    assert "not shown: give --responses" in out
    assert "Points: sourced 300, assisted 60, managed 313.85, total 673.85" in out


def test_the_terminal_reuses_the_commands_tables(cli):
    _, report, _ = cli("report")
    _, tiers, _ = cli(
        f"tiers evaluate --thresholds {EXAMPLES / 'thresholds.toml'} "
        f"--points-file {EXAMPLES / 'points-ledger.csv'} --as-of 2025-08-01"
    )
    _, bands, _ = cli(f"engagement {EXAMPLES / 'portfolio.csv'}")
    assert tiers in report
    band_rows = [line for line in bands.splitlines() if re.match(r"  (low|medium|high) ", line)]
    assert len(band_rows) == 3
    for line in band_rows:
        assert line in report.splitlines()


def test_the_readme_s_first_set_up_command_is_the_report():
    readme = (EXAMPLES.parent.parent / "README.md").read_text(encoding="utf-8")
    setup = readme.split("## Set up", 1)[1].split("```sh\n", 1)[1]
    assert setup.splitlines()[0] == "pip install . && hubpartner report"
    assert main(["report"], environ={}) == 0


@pytest.mark.parametrize("locale", ["en", "sv"])
def test_the_report_matches_its_golden_output(request, capsys, locale):
    code = main(["report", "--locale", locale], environ={})
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert_golden(request, out, f"report.{locale}.txt")


# -- the HTML file -------------------------------------------------------------------------


class Page(HTMLParser):
    """What a test reads back from the page: the tags, the sections, the figures,
    every data-value by element, the table cells per section."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags = []
        self.attributes = []
        self.section = None
        self.sections = []
        self.figures = []
        self.values = {}
        self.cells = {}
        self.cell = None
        self.titles = []
        self.in_title = False

    def handle_starttag(self, tag, attrs):
        found = dict(attrs)
        self.tags.append(tag)
        self.attributes.append((tag, found))
        if tag == "section":
            self.section = found["id"]
            self.sections.append(self.section)
        if tag == "figure":
            self.figures.append(found["data-figure"])
        if "data-value" in found:
            self.values.setdefault((self.section, tag), []).append(found)
        if tag in ("td", "th"):
            self.cell = []
        if tag == "title":
            self.in_title = True
            self.titles.append("")

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.cells.setdefault(self.section, []).append("".join(self.cell).strip())
            self.cell = None
        if tag == "title":
            self.in_title = False

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        if self.in_title:
            self.titles[-1] += data


def _page(cli, tmp_path, *options):
    target = tmp_path / "report.html"
    code, out, err = cli(f"report --html {target}", *options)
    assert (code, err) == (0, "")
    said = "rapporten skrevs till" if "sv" in options else "the report was written to"
    assert out == f"hubpartner: {said} {target}\n"
    page = Page()
    written = target.read_text(encoding="utf-8")
    page.feed(written)
    page.close()
    return page, written


def test_the_html_is_one_self_contained_page_with_every_section(cli, tmp_path):
    page, written = _page(cli, tmp_path)
    assert written.startswith('<!DOCTYPE html>\n<html lang="en">')
    assert page.titles[0] == "Partner standing on August 1, 2025"
    assert page.sections == ["tier", "points", "clients", "nps"]
    assert page.figures == ["points-over-time", "expiring", "bands", "nps-trend"]
    assert "script" not in page.tags
    assert not [a for _, a in page.attributes if "src" in a or "href" in a]
    assert not re.search(r"(src|href)\s*=|@import|url\(", written)
    assert "@media print" in written
    assert page.tags.count("svg") == 4


def test_html_to_a_dash_prints_the_page(cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    _, written = _page(cli, tmp_path)
    code, out, err = cli("report --html -")
    assert (code, err) == (0, "")
    assert out == written  # the page ends its last line itself
    assert list(tmp_path.iterdir()) == [tmp_path / "report.html"]  # no file named -


def test_the_html_says_the_locale(cli, tmp_path):
    page, written = _page(cli, tmp_path, "--locale", "sv")
    assert '<html lang="sv">' in written
    assert page.titles[0] == "Partnerställning den 1 augusti 2025"


def test_the_charts_and_tables_show_the_standing_s_numbers(cli, tmp_path):
    page, _ = _page(cli, tmp_path)
    result, _, example = command.build(EXAMPLE_OPTIONS)
    assert example
    points = result.points
    circles = page.values[("points", "circle")]
    totals = [Decimal(c["data-value"]) for c in circles if c["data-series"] == "total"]
    assert totals == [held.total for _, held in points.over_time]
    lines = page.values[("points", "line")]
    assert {(c["data-threshold"], Decimal(c["data-value"])) for c in lines} == {
        (r.tier.value.capitalize(), r.total) for r in result.tier.thresholds.requirements
    }
    expiring = [Decimal(r["data-value"]) for r in page.values[("points", "rect")]]
    assert expiring == [value for _, value in points.expiring]
    bands = [int(r["data-value"]) for r in page.values[("clients", "rect")]]
    assert bands == list(result.clients.band_counts().values())
    trend = page.values[("nps", "circle")]
    say = Presenter("en")
    shown = [
        command.shown_nps(g.tally, command._nps_options(result.nps)) for g in result.nps.groups
    ]
    assert [
        (Decimal(c["data-value"]), Decimal(c["data-low"]), Decimal(c["data-high"])) for c in trend
    ] == shown
    assert [c.get("data-marked") for c in trend] == [None, "true"]
    # the same numbers as the terminal's
    _, out, _ = cli("report")
    for score, low, high in shown:
        row = f"{text(score, say, signed=True)}  {text(low, say, signed=True)} to "
        assert row in out
        assert f"{text(low, say, signed=True)} to {text(high, say, signed=True)}" in " ".join(
            page.cells["nps"]
        )
    for _, held in points.expiring:
        assert text(held, say) in page.cells["points"]
    progress_cells = page.cells["tier"]
    for track in result.tier.progress.tracks:
        assert text(track.held, say) in progress_cells
        assert text(track.held, say) in out


def test_text_from_a_file_is_escaped(cli, tmp_path):
    portfolio = (EXAMPLES / "portfolio.csv").read_text(encoding="utf-8")
    hostile = tmp_path / "portfolio.csv"
    hostile.write_text(portfolio.replace("Acme AB", "<script>alert(1)</script>"), "utf-8")
    page, written = _page(cli, tmp_path, "--portfolio", str(hostile), "--as-of", "2025-08-01")
    assert "script" not in page.tags
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in written
    assert "<script>alert(1)</script>" in page.cells["clients"]


def test_a_section_without_its_input_says_so_in_the_page(cli, tmp_path):
    page, written = _page(cli, tmp_path, "--ledger", str(EXAMPLES / "points-ledger.csv"))
    assert page.sections == ["tier", "points", "clients", "nps"]
    assert page.figures == ["points-over-time", "expiring"]
    assert "not shown: give --portfolio" in written


def test_an_existing_directory_is_refused(cli, tmp_path):
    code, out, err = cli(f"report --html {tmp_path}")
    assert (code, out) == (EXIT_USAGE, "")
    assert "--html" in err
    assert "not a directory" in err
    assert "Traceback" not in err


def test_a_file_that_cannot_be_written_is_a_clean_error(cli, tmp_path):
    target = tmp_path / "missing" / "report.html"
    code, out, err = cli(f"report --html {target}")
    assert (code, out) == (EXIT_OUTPUT, "")
    assert err == (
        f"hubpartner: error: {target} could not be written: No such file or directory; "
        "choose another file, or free room on the disk\n"
    )


def _refused_mid_write(monkeypatch, error):
    """Make the page's write fail with ``error`` once its bytes are on their way."""

    def failing(descriptor):
        raise error

    monkeypatch.setattr(command.os, "fsync", failing)


def test_a_full_disk_leaves_the_page_there_was(cli, tmp_path, monkeypatch):
    target = tmp_path / "r.html"
    target.write_text("the page of yesterday", encoding="utf-8")
    _refused_mid_write(monkeypatch, OSError(28, "No space left on device"))
    code, out, err = cli(f"report --html {target}")
    assert (code, out) == (EXIT_OUTPUT, "")
    assert err == (
        f"hubpartner: error: {target} could not be written: No space left on device; "
        "choose another file, or free room on the disk\n"
    )
    assert target.read_text(encoding="utf-8") == "the page of yesterday"
    assert list(tmp_path.iterdir()) == [target]  # no part of the page is left behind


def test_an_interrupted_write_leaves_no_part_of_the_page(cli, tmp_path, monkeypatch):
    _refused_mid_write(monkeypatch, KeyboardInterrupt())
    code, out, err = cli(f"report --html {tmp_path / 'r.html'}")
    assert (code, out, err) == (130, "", "hubpartner: interrupted\n")
    assert list(tmp_path.iterdir()) == []


def test_a_page_written_again_keeps_the_file_s_permissions(cli, tmp_path):
    target = tmp_path / "r.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o640)
    assert cli(f"report --html {target}")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert target.stat().st_mode & 0o777 == 0o640
    assert list(tmp_path.iterdir()) == [target]


def test_a_private_page_is_never_readable_by_others_while_it_is_written(
    cli, tmp_path, monkeypatch
):
    target = tmp_path / "r.html"
    target.write_text("old", encoding="utf-8")
    target.chmod(0o600)
    modes = []
    sync = os.fsync

    def synced(descriptor):
        modes.append(os.fstat(descriptor).st_mode & 0o777)
        sync(descriptor)

    monkeypatch.setattr(command.os, "fsync", synced)
    assert cli(f"report --html {target}")[0] == 0
    assert modes == [0o600]
    assert target.stat().st_mode & 0o777 == 0o600


def test_a_file_in_a_folder_the_user_may_not_write_to_is_written_where_it_is(
    cli, tmp_path, monkeypatch
):
    target = tmp_path / "r.html"
    target.write_text("old", encoding="utf-8")
    made = os.open

    def refused_in_the_folder(path, flags, mode=0o777):
        if str(path).endswith(".tmp"):  # as if the folder were read-only
            raise PermissionError(13, "Permission denied", path)
        return made(path, flags, mode)

    monkeypatch.setattr(command.os, "open", refused_in_the_folder)
    assert cli(f"report --html {target}")[0] == 0
    assert target.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert list(tmp_path.iterdir()) == [target]
    # a new page there is refused, as making any file there is
    code, _, err = cli(f"report --html {tmp_path / 'new.html'}")
    assert code == 3
    assert "Permission denied" in err


def test_a_new_page_is_made_as_the_user_s_mask_says(cli, tmp_path):
    mask = os.umask(0o027)
    try:
        assert cli(f"report --html {tmp_path / 'r.html'}")[0] == 0
    finally:
        os.umask(mask)
    assert (tmp_path / "r.html").stat().st_mode & 0o777 == 0o640


def test_a_file_the_user_may_not_write_is_not_replaced(cli, tmp_path, monkeypatch):
    target = tmp_path / "r.html"
    target.write_text("kept", encoding="utf-8")
    monkeypatch.setattr(command.os, "access", lambda path, mode: False)  # as if read-only
    code, out, err = cli(f"report --html {target}")
    assert (code, out) == (EXIT_OUTPUT, "")
    assert "could not be written: Permission denied" in err
    assert target.read_text(encoding="utf-8") == "kept"


def test_a_link_is_written_through(cli, tmp_path):
    page = tmp_path / "page.html"
    page.write_text("old", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(page)
    code, out, _ = cli(f"report --html {link}")
    assert (code, out) == (0, f"hubpartner: the report was written to {link}\n")
    assert link.is_symlink()
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


@pytest.mark.skipif(not Path("/dev/null").exists(), reason="needs /dev/null")
def test_a_device_is_written_to_not_replaced(cli):
    code, out, err = cli("report --html /dev/null")
    assert (code, out, err) == (0, "hubpartner: the report was written to /dev/null\n", "")
    assert Path("/dev/null").is_char_device()


def test_a_name_with_a_nul_character_is_a_clean_error(capsys):
    assert main(["report", "--html", "r\x00.html"]) == EXIT_OUTPUT
    err = capsys.readouterr().err
    # the reason is Python's own words, which differ between its versions
    assert err.startswith("hubpartner: error: r\\x00.html could not be written: ")
    assert "null" in err
    assert err.endswith("; choose another file, or free room on the disk\n")
    assert err.count("\n") == 1


def test_the_file_written_is_named_with_its_control_characters_escaped(cli, tmp_path):
    code, out, err = cli("report --html", str(tmp_path / "\x1b[33my.html"))
    assert (code, err) == (0, "")
    assert out == f"hubpartner: the report was written to '{tmp_path}/\\x1b[33my.html'\n"
    assert "\x1b" not in out


@pytest.mark.parametrize("option", FILES)
def test_an_input_file_is_never_overwritten(cli, tmp_path, option):
    given = tmp_path / FILES[option]
    given.write_bytes((EXAMPLES / FILES[option]).read_bytes())
    link = tmp_path / "link"
    link.symlink_to(given)
    for target in (given, link, tmp_path / "." / FILES[option]):
        code, out, err = cli(f"report {option} {given} --as-of 2025-08-01 --html {target}")
        assert (code, out) == (EXIT_USAGE, "")
        assert err == (
            f"hubpartner: error: --html: '{target}' is not accepted; expected a file other "
            f"than the report's {option} file, which it would overwrite\n"
        )
        assert given.read_bytes() == (EXAMPLES / FILES[option]).read_bytes()


def test_the_bundled_example_is_never_overwritten(cli):
    with resources.as_file(
        resources.files("hubpartner") / "data" / "example" / "portfolio.csv"
    ) as bundled:
        before = bundled.read_bytes()
        code, out, err = cli("report --html", str(bundled))
        assert (code, out) == (EXIT_USAGE, "")
        assert "the report's --portfolio file" in err
        assert bundled.read_bytes() == before


def test_standard_input_and_a_new_file_are_not_the_same(cli, tmp_path, monkeypatch):
    import io

    ledger = (EXAMPLES / "points-ledger.csv").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(ledger.encode())))
    target = tmp_path / "r.html"
    code, _, err = cli(f"report --ledger - --as-of 2025-08-01 --html {target}")
    assert (code, err) == (0, "")
    assert target.exists()


def test_control_characters_from_a_file_reach_the_terminal_escaped(cli, tmp_path):
    portfolio = (EXAMPLES / "portfolio.csv").read_text(encoding="utf-8")
    hostile = tmp_path / "portfolio.csv"
    evil = '"\x1b[31mRED\x1b[0m Evil\x07\n\u202e"'
    hostile.write_text(portfolio.replace("Acme AB", evil), "utf-8")
    code, out, err = cli(f"report --portfolio {hostile} --as-of 2025-08-01")
    assert (code, err) == (0, "")
    assert not re.search("[\x00-\x09\x0b-\x1f\x7f\u202e]", out)
    assert "\\x1b[31mRED\\x1b[0m Evil\\x07\\n\\u202e" in out


# -- JSON ----------------------------------------------------------------------------------


def test_the_json_is_made_of_the_results_records(cli):
    from hubpartner.cli._output import json_text
    from hubpartner.records import to_record, to_records

    def printed(value):
        return json.loads(json_text(value))

    code, out, _ = cli("report --json")
    assert code == 0
    data = json.loads(out)
    result, _, _ = command.build(EXAMPLE_OPTIONS)
    assert (data["type"], data["schema"]) == ("standing", 1)
    assert data["as_of"] == "2025-08-01"
    assert data["example"] is True
    assert data["inputs"] == ["ledger", "thresholds", "portfolio", "responses"]
    assert data["tier"]["evaluation"] == printed(to_record(result.tier.evaluation))
    assert data["tier"]["progress"] == printed(to_record(result.tier.progress))
    assert data["points"]["held"] == printed(to_record(result.points.held))
    assert data["points"]["held"]["total"] == "673.85"
    assert data["points"]["expiring_total"] == "50"
    assert data["clients"]["rows"] == printed(to_records(result.clients.rows))
    assert data["clients"]["alerts"] == printed(to_records(result.clients.alerts))
    assert data["clients"]["bands"] == {"low": 2, "medium": 2, "high": 1}
    assert data["nps"]["groups"] == printed(to_records(result.nps.groups))
    assert [g["below_minimum"] for g in data["nps"]["groups"]] == [False, True]
    assert data["nps"]["shown"][0] == {"score": "25", "interval": ["-21.1", "61.1"]}


def test_the_json_is_the_same_in_every_locale(cli):
    assert cli("report --json")[1] == cli("report --json --locale sv")[1]


def test_bad_files_are_reported_by_line(cli, tmp_path):
    bad = tmp_path / "ledger.csv"
    bad.write_text("date,client,track,points\n2025-01-01,c-1,sold,ten\n", "utf-8")
    code, _, err = cli(f"report --ledger {bad}")
    assert code == 1
    assert "line 2" in err


@pytest.mark.parametrize(
    ("day", "files", "expected"),
    [
        # the example's 12 months of points history would start before January 1
        ("0001-06-01", "", "a date at least 11 months after 0001-01-01, the calendar's first day"),
        # its 3 months of expirations ahead would end after December 9999
        ("9999-12-01", "", "a date at least 2 months before 9999-12-31, the calendar's last day"),
        # the renewals due within 30 days, with a portfolio alone
        ("9999-12-31", "--portfolio", "a date at least 30 days before 9999-12-31"),
    ],
)
def test_a_day_too_near_the_calendar_s_ends_is_said_as_the_option(cli, day, files, expected):
    options = f"{files} {EXAMPLES / 'portfolio.csv'}" if files else ""
    code, out, err = cli(f"report {options} --as-of {day}")
    assert (code, out) == (EXIT_USAGE, "")
    assert err.startswith(f"hubpartner: error: --as-of: '{day}' is not accepted; expected ")
    assert expected in err
    assert len(err.splitlines()) == 1  # no traceback


def test_today_too_near_the_calendar_s_end_is_said_as_the_option_s_default(cli, monkeypatch):
    today_is(monkeypatch, date(9999, 12, 20))
    code, out, err = cli(f"report --ledger {EXAMPLES / 'points-ledger.csv'}")
    assert (code, out) == (EXIT_USAGE, "")
    assert err.startswith(
        "hubpartner: error: --as-of (default: today): '9999-12-20' is not accepted; expected "
        "a date at least 2 months before 9999-12-31"
    )


def test_other_refusals_of_the_standing_are_said_as_they_are(cli, tmp_path, monkeypatch):
    def refuse(**_):
        raise InvalidValueError(
            "history_months", 0, message("an int of at least {minimum}", minimum=1)
        )

    monkeypatch.setattr(command, "standing", refuse)
    code, _, err = cli(f"report --ledger {EXAMPLES / 'points-ledger.csv'} --as-of 2025-08-01")
    assert code == EXIT_USAGE
    assert err.startswith("hubpartner: error: history_months: 0 is not accepted")


def test_sections_without_alerts_groups_or_a_ledger(cli, tmp_path):
    only = (
        f"--portfolio {EXAMPLES / 'portfolio.csv'} "
        f"--responses {EXAMPLES / 'nps-responses.csv'} --as-of 2024-06-01"
    )
    code, out, _ = cli(f"report {only}")
    assert code == 0
    assert "not shown: give --ledger, --thresholds" in out
    assert "not shown: give --ledger\n" in out
    assert "Alerts: 0 upcoming renewal decisions within 30 days" in out
    assert "  no answers" in out
    page, written = _page(cli, tmp_path, *only.split())
    assert page.figures == ["bands"]
    assert "days left" not in written
    data = json.loads(cli(f"report --json {only}")[1])
    assert (data["tier"], data["points"]) == (None, None)
    assert data["clients"]["alerts"] == []
    assert data["nps"]["groups"] == []


def test_at_the_top_tier_there_is_nothing_to_reach(cli, tmp_path):
    top = tmp_path / "thresholds.toml"
    top.write_text("schema = 1\n[gold]\ntotal = 100\nsold_minimum = 20\n", "utf-8")
    options = ("--ledger", str(EXAMPLES / "points-ledger.csv"), "--thresholds", str(top))
    page, written = _page(cli, tmp_path, *options, "--as-of", "2025-08-01")
    bars = [a for tag, a in page.attributes if a.get("class") == "hubpartner-bar"]
    assert bars == []
    assert "already at the top tier" in written
    assert "To reach" not in written
    assert "Tier on August 1, 2025: Gold" in written


def test_format_json_is_json_and_table_is_the_default(cli):
    assert cli("report --format json")[1] == cli("report --json")[1]
    assert cli("report --format table")[1] == cli("report")[1]


def test_the_csv_has_a_row_per_number_the_terminal_shows(cli):
    import csv
    import io

    code, out, _ = cli("report --format csv")
    assert code == 0
    header, *rows = list(csv.reader(io.StringIO(out, newline="")))
    assert header == ["section", "item", "detail", "value"]
    assert all(len(row) == len(header) for row in rows)
    assert ["tier", "tier", "", "platinum"] in rows
    assert ["points", "held", "total", "673.85"] in rows
    assert ["points", "expiring", "2025-09-01", "50"] in rows
    assert ["clients", "band", "low", "2"] in rows
    assert ["nps", "2025-Q1", "score", "25"] in rows
    assert ["nps", "2025-Q1", "low", "-21.1"] in rows
    excel = cli("report --format csv --locale sv")[1]
    assert excel.startswith("\ufeff")
    assert "points;held;total;673,85" in excel


def test_html_and_another_format_together_are_refused(cli, tmp_path):
    code, out, err = cli(f"report --format json --html {tmp_path / 'r.html'}")
    assert (code, out) == (EXIT_USAGE, "")
    assert "--html" in err
    assert not (tmp_path / "r.html").exists()


def test_a_ledger_alone_as_csv_and_json(cli):
    import csv
    import io

    only = f"--ledger {EXAMPLES / 'points-ledger.csv'} --as-of 2025-08-01"
    _, out, _ = cli(f"report --format csv {only}")
    rows = list(csv.reader(io.StringIO(out, newline="")))[1:]
    assert {row[0] for row in rows} == {"points"}
    data = json.loads(cli(f"report --json {only}")[1])
    assert (data["tier"], data["clients"], data["nps"]) == (None, None, None)
    assert data["points"]["expiring_total"] == "50"


def test_a_portfolio_and_responses_alone_as_csv(cli):
    import csv
    import io

    only = (
        f"--portfolio {EXAMPLES / 'portfolio.csv'} "
        f"--responses {EXAMPLES / 'nps-responses.csv'} --as-of 2025-08-01"
    )
    _, out, _ = cli(f"report --format csv {only}")
    rows = list(csv.reader(io.StringIO(out, newline="")))[1:]
    assert {row[0] for row in rows} == {"clients", "nps"}
