"""Every command in every format: ``--format table|json|csv`` (and ``--json``), JSON by
the one number rule, CSV in the machine form or in Excel's form of a locale."""

import argparse
import csv
import io
import json
import re
import shlex
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from hubpartner import rules
from hubpartner._files import CsvFormat, read_rows
from hubpartner.cli import build_parser
from hubpartner.cli._output import csv_text, decimal_mark
from hubpartner.errors import ThresholdsFileError
from hubpartner.messages import LANGUAGES
from hubpartner.rules import Track

from .helpers import ESTIMATE, EXAMPLES


def groups(data):
    """How many groups a surveys command's JSON has."""
    return len(data["groups"])


#: Every command of the command line on the example data, and how many rows its main
#: table (the rows of its CSV) has, read from its JSON.
COMMANDS = {
    "points estimate": (ESTIMATE, lambda data: 3),
    "points convert": (
        "points convert --amount 1000 --currency EUR --market DE --track sourced "
        "--date 2025-08-01",
        lambda data: 1,
    ),
    "surveys nps": (
        "surveys nps {examples}/nps-responses.csv --exclude-missing --by quarter "
        "--segment region --min-count 3",
        groups,
    ),
    "surveys ces": (
        "surveys ces {examples}/ces-responses.csv --segment team",
        groups,
    ),
    "surveys csat": (
        "surveys csat {examples}/csat-responses.csv --by month",
        groups,
    ),
    "clients": (
        "clients {examples}/portfolio.csv --as-of 2025-08-15",
        lambda data: len(data["clients"]),
    ),
    "engagement": (
        "engagement {examples}/portfolio.csv",
        lambda data: sum(len(clients) for clients in data["bands"].values()),
    ),
    "tiers evaluate": (
        "tiers evaluate --thresholds {examples}/thresholds.toml "
        "--points-file {examples}/points-ledger.csv --as-of 2025-08-01",
        lambda data: len(data["progress"]),
    ),
    "tiers history": (
        "tiers history {examples}/tier-history.csv --thresholds {examples}/thresholds.toml",
        lambda data: len(data["decisions"]),
    ),
    "tiers check": ("tiers check {examples}/thresholds.toml", lambda data: 1),
    "plan": (
        "plan --ledger {examples}/points-ledger.csv --portfolio {examples}/portfolio.csv "
        "--thresholds {examples}/thresholds.toml --prices {examples}/prices.toml "
        "--events {examples}/managed-events.csv --as-of 2025-08-01",
        lambda data: len(data["plan"]["actions"]),
    ),
    "rules show": ("rules show --date 2025-08-01", None),
    "rules check": ("rules check {rules}", lambda data: 1),
}
#: Commands another part of hubpartner adds, with formats of their own.
NOT_HERE = {"report"}
#: A decimal string in plain notation: digits, at most one point, no exponent.
PLAIN = re.compile(r"-?[0-9]+(\.[0-9]+)?")
#: A number written with an exponent, in any text.
EXPONENT = re.compile(r"^-?[0-9.]+[eE][+-]?[0-9]+$")
#: The locales whose numbers have a decimal comma: their CSV is Excel's.
COMMA_LOCALES = ["sv", "nb", "it", "de", "fr", "es", "pt_BR", "nl", "da", "fi"]


@pytest.fixture
def rules_file(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text(rules.dumps(rules.for_date(date(2025, 8, 1))), encoding="utf-8")
    return path


def command_line(name, rules_file, *options):
    line, _ = COMMANDS[name]
    return [*shlex.split(line.format(examples=EXAMPLES, rules=rules_file)), *options]


@pytest.fixture
def run(capsys, rules_file):
    from hubpartner.cli import main

    def run(name, *options):
        code = main(command_line(name, rules_file, *options))
        out, err = capsys.readouterr()
        assert code == 0, err
        return out

    return run


def leaves(parser, path=()):
    """Each command of ``parser`` that runs (a leaf), with its path of names."""
    found = [
        action for action in parser._actions if isinstance(action, argparse._SubParsersAction)
    ]
    if not found:
        yield path, parser
        return
    for name, sub in found[0].choices.items():
        yield from leaves(sub, (*path, name))


def refuse_floats(number):
    raise AssertionError(f"a JSON float: {number}")


def strings(data):
    """Every string in ``data``, keys and values, however deep."""
    if isinstance(data, str):
        yield data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield key
            yield from strings(value)
    elif isinstance(data, list):
        for value in data:
            yield from strings(value)


def test_every_command_takes_format_and_json():
    names = {" ".join(path): parser for path, parser in leaves(build_parser())}
    assert set(names) - NOT_HERE == set(COMMANDS)
    for name in COMMANDS:
        options = {o for action in names[name]._actions for o in action.option_strings}
        assert {"--format", "--json"} <= options, name


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_table_is_the_default_format(run, name):
    assert run(name) == run(name, "--format", "table")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_json_is_the_same_as_format_json(run, name):
    assert run(name, "--json") == run(name, "--format", "json")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_json_has_no_float_no_exponent_and_no_locale(run, name):
    out = run(name, "--format", "json")
    data = json.loads(out, parse_float=refuse_floats)
    assert not [text for text in strings(data) if EXPONENT.match(text)]
    for language in LANGUAGES:
        assert run(name, "--format", "json", "--locale", language) == out, language


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_csv_has_a_header_and_a_row_per_table_row(run, name):
    out = run(name, "--format", "csv")
    assert out.endswith("\r\n")
    assert "\n" not in out.replace("\r\n", "")
    assert not out.startswith("\ufeff")
    header, *rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows
    assert all(len(row) == len(header) for row in rows)
    assert len(set(header)) == len(header)
    _, count = COMMANDS[name]
    if count is not None:
        assert len(rows) == count(json.loads(run(name, "--format", "json")))


@pytest.mark.parametrize("name", sorted(COMMANDS))
@pytest.mark.parametrize("locale", COMMA_LOCALES)
def test_csv_in_a_decimal_comma_locale_is_excels(run, name, locale):
    out = run(name, "--format", "csv", "--locale", locale)
    machine = run(name, "--format", "csv")
    assert out.startswith("\ufeff")
    excel = list(csv.reader(io.StringIO(out[1:], newline=""), delimiter=";"))
    plain = list(csv.reader(io.StringIO(machine, newline="")))
    assert excel[0] == plain[0]
    for excel_row, plain_row in zip(excel, plain, strict=True):
        for excel_cell, plain_cell in zip(excel_row, plain_row, strict=True):
            numeric = PLAIN.fullmatch(plain_cell) and "." in plain_cell
            assert excel_cell == (plain_cell.replace(".", ",") if numeric else plain_cell)


@pytest.mark.parametrize("locale", ["en", "ja"])
def test_csv_in_a_decimal_point_locale_is_the_machine_form(run, locale):
    assert run("surveys nps", "--format", "csv", "--locale", locale) == run(
        "surveys nps", "--format", "csv"
    )


def test_the_decimal_mark_is_the_locales():
    assert [decimal_mark(locale) for locale in COMMA_LOCALES] == [","] * len(COMMA_LOCALES)
    assert decimal_mark("en") == decimal_mark("ja") == "."


def test_format_and_json_together_are_refused(cli):
    code, out, err = cli(f"{ESTIMATE} --format csv --json")
    assert code == 2
    assert out == ""
    assert "not allowed with argument" in err


def test_an_unknown_format_is_refused_naming_the_formats(cli):
    code, out, err = cli(f"{ESTIMATE} --format xml")
    assert (code, out) == (2, "")
    assert "'xml'" in err
    assert "table" in err
    assert "csv" in err


def test_the_points_estimate_as_csv(run):
    assert run("points estimate", "--format", "csv") == (
        "part,points,exact_points\r\n"
        "sold,56.82,56.81818181818181818181818181818181818182\r\n"
        "managed,5.68,5.681818181818181818181818181818181818182\r\n"
        "total,62.50,62.5\r\n"
    )


def test_points_to_money_as_csv_gives_the_exact_amount(cli):
    code, out, _ = cli(
        "points convert --points 100 --currency EUR --market DE --track sourced "
        "--date 2025-08-01 --format csv --locale sv"
    )
    assert code == 0
    assert out == (
        "\ufeffrules_effective;market;track;amount;currency;points;exact_amount;exact_points\r\n"
        "2025-07-15;DE;sourced;1760,00;EUR;100;1760;\r\n"
    )


def test_rules_show_as_json_is_the_rule_set_with_quantities_as_decimal_strings(cli):
    for published in rules.published():
        code, out, _ = cli(f"rules show --date {published.effective} --format json")
        assert code == 0
        data = json.loads(out, parse_float=refuse_floats)
        assert list(data)[:2] == ["type", "schema"]
        assert data["type"] == "rules"
        assert data["effective"] == published.effective.isoformat()
        for track in Track:
            assert Decimal(data["points_per_usd_100"][track.value]) == published.rate(track)
        for code_, amount in data["currencies"].items():
            assert isinstance(amount, str)
            assert PLAIN.fullmatch(amount)
            assert published.with_currency(code_, amount) == published
        counts = [data["presentation"]["places"], data["sold_points"]["lifetime_months"]]
        assert all(type(count) is int for count in counts)


def test_rules_show_as_csv_is_a_key_and_a_value_per_row(cli):
    code, out, _ = cli("rules show --date 2025-08-01 --format csv --locale de")
    assert code == 0
    rows = list(csv.reader(io.StringIO(out[1:], newline=""), delimiter=";"))
    assert rows[0] == ["key", "value"]
    values = dict(rows[1:])
    assert len(values) == len(rows) - 1
    assert values["currencies.EUR"] == "88"
    assert values["reevaluation.days.1.on"] == "07-15"
    assert values["tiers.sold_minimum_tracks"] == "sourced"


def test_rules_check_as_json_says_ok(cli, rules_file):
    code, out, err = cli("rules check --format json", str(rules_file))
    assert (code, err) == (0, "")
    assert json.loads(out) == {
        "file": str(rules_file),
        "ok": True,
        "effective": "2025-07-15",
        "name": "Solutions Partner Program points, 2025-07-15",
        "problems": [],
    }


def test_rules_check_as_json_lists_each_problem_and_fails_as_before(cli, rules_file):
    text = rules_file.read_text(encoding="utf-8").replace("sourced = 5", "sourced = -5")
    rules_file.write_text(text, encoding="utf-8")
    code, out, err = cli("rules check --format json", str(rules_file))
    table_code, table_out, table_err = cli("rules check", str(rules_file))
    assert code == table_code == 1
    assert (table_out, err) == ("", table_err)
    data = json.loads(out)
    assert data["ok"] is False
    [problem] = data["problems"]
    assert problem["key"] == "points_per_usd_100.sourced"
    assert f"hubpartner: error: {rules_file}: {problem['key']}: {problem['message']}\n" == err
    assert "1E+15" not in problem["message"]


def test_a_line_that_is_no_text_is_a_problem_of_its_line(cli, tmp_path):
    path = tmp_path / "broken.toml"
    path.write_bytes(b"[gold]\n\xff\n")
    code, out, err = cli("tiers check --format json", str(path))
    assert code == 1
    [problem] = json.loads(out)["problems"]
    assert problem["line"] == 2
    assert err == f"hubpartner: error: {path}: line 2: {problem['message']}\n"
    code, out, _ = cli("tiers check --format csv", str(path))
    assert code == 1
    assert list(csv.reader(io.StringIO(out, newline="")))[1][:4] == [str(path), "false", "", "2"]


def test_a_missing_file_is_a_problem_of_the_whole_file(cli, tmp_path):
    code, out, err = cli("rules check --json", str(tmp_path / "missing.toml"))
    assert code == 1
    assert json.loads(out)["problems"] == [{"message": "not found"}]
    assert err.endswith("missing.toml: not found\n")


def test_tiers_check_as_json_and_csv(cli, rules_file):
    thresholds = str(EXAMPLES / "thresholds.toml")
    code, out, _ = cli("tiers check --format json", thresholds)
    assert code == 0
    assert json.loads(out) == {
        "file": thresholds,
        "ok": True,
        "tiers": ["gold", "platinum", "diamond", "elite"],
        "problems": [],
    }
    code, out, _ = cli("tiers check --format csv", thresholds)
    assert out == f"file,ok,key,line,message\r\n{thresholds},true,,,\r\n"
    code, out, err = cli("tiers check --format csv", str(rules_file))
    assert code == 1
    rows = list(csv.reader(io.StringIO(out, newline="")))
    assert rows[1][2] == "(document)"
    assert len(rows) - 1 == len(err.splitlines())


def test_csv_quotes_what_needs_it_and_writes_values_in_one_form():
    rows = [
        ["Acme; AB", 'say "hi"', "two\nlines", Decimal("1E+2"), Decimal("-0.50"), True],
        [None, ("a", "b"), date(2025, 8, 1), Track.SOURCED, 3, 0.1234567891],
    ]
    header = ["a", "b", "c", "d", "e", "f"]
    assert csv_text(header, rows) == (
        "a,b,c,d,e,f\r\n"
        'Acme; AB,"say ""hi""","two\nlines",100,-0.50,true\r\n'
        ",a|b,2025-08-01,sourced,3,0.123457\r\n"
    )
    assert csv_text(header, rows, locale="sv") == (
        "\ufeffa;b;c;d;e;f\r\n"
        '"Acme; AB";"say ""hi""";"two\nlines";100;-0,50;true\r\n'
        ";a|b;2025-08-01;sourced;3;0,123457\r\n"
    )


def test_excels_csv_does_not_run_a_name_as_a_formula():
    names = [['=HYPERLINK("http://x")'], ["+1"], ["-2"], ["@SUM(A1)"], ["Acme"]]
    excel = csv_text(["name"], names, locale="de").splitlines()[1:]
    assert excel == ['"\'=HYPERLINK(""http://x"")"', "'+1", "'-2", "'@SUM(A1)", "Acme"]
    machine = csv_text(["name"], names).splitlines()[1:]
    assert machine == ['"=HYPERLINK(""http://x"")"', "+1", "-2", "@SUM(A1)", "Acme"]


texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",), exclude_characters="\r\x00"),
    max_size=12,
).filter(lambda text: not text.startswith(("=", "+", "-", "@", "\t")))


@given(rows=st.lists(st.lists(texts, min_size=3, max_size=3), max_size=5))
def test_csv_text_reads_back_as_written_in_both_forms(rows):
    for locale, delimiter, start in (("en", ",", 0), ("sv", ";", 1)):
        written = csv_text(["a", "b", "c"], rows, locale=locale)[start:]
        read = list(csv.reader(io.StringIO(written, newline=""), delimiter=delimiter))
        assert read == [["a", "b", "c"], *rows]


def read_back(path, header, *, numbers, counts):
    """The rows of a CSV the command wrote in Swedish, read by the library's own
    reader of CSV files (their numbers in the plain form)."""
    found, problems = read_rows(
        path,
        required=header,
        filled=(),
        error=ThresholdsFileError,
        file_format=CsvFormat(";", "utf-8", "sv"),
        numbers=numbers,
        counts=counts,
    )
    assert problems == []
    return [cells for _, cells in found]


def same(cell, value):
    """Whether a cell read back is the JSON ``value``."""
    if value is None or value == []:
        return cell == ""
    if isinstance(value, bool):
        return cell == str(value).lower()
    if isinstance(value, int):
        return int(cell) == value
    if isinstance(value, list):
        return cell == "|".join(value)
    if PLAIN.fullmatch(value):
        return Decimal(cell) == Decimal(value)
    return cell == value


answers = st.lists(
    st.tuples(st.dates(date(2025, 1, 1), date(2025, 6, 30)), st.integers(0, 10)),
    min_size=1,
    max_size=40,
)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
@given(given_answers=answers, by=st.sampled_from(["month", "quarter", "all"]))
def test_nps_as_csv_in_swedish_reads_back_as_its_json(cli, tmp_path, given_answers, by):
    responses = tmp_path / "responses.csv"
    responses.write_text(
        "at,score\n" + "".join(f"{on},{score}\n" for on, score in given_answers), "utf-8"
    )
    written, header, found = in_both_forms(cli, tmp_path, f"surveys nps --by {by}", responses)
    numbers = ["score", "interval_low", "interval_high"]
    counts = ["answers", "promoters", "passives", "detractors"]
    rows = read_back(written, header, numbers=numbers, counts=counts)
    assert len(rows) == len(found["groups"])
    for row, group in zip(rows, found["groups"], strict=True):
        flat = {
            **group,
            "interval_low": group["interval"][0],
            "interval_high": group["interval"][1],
        }
        assert all(same(row[column], flat[column]) for column in header), (row, flat)


def in_both_forms(cli, tmp_path, command, path):
    """The Swedish CSV of ``command`` on ``path`` (written to a file), its header,
    and its JSON."""
    _, out, _ = cli(f"{command} --locale sv --format csv", str(path))
    written = tmp_path / "out.csv"
    written.write_text(out, encoding="utf-8", newline="")
    header = next(csv.reader(io.StringIO(out[1:], newline=""), delimiter=";"))
    _, out, _ = cli(f"{command} --locale sv --format json", str(path))
    return written, header, json.loads(out, parse_float=refuse_floats)


amounts = st.decimals(min_value=0, max_value=99999, places=2, allow_nan=False)


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture], max_examples=25)
@given(mrr=st.lists(amounts, min_size=7, max_size=7))
def test_clients_as_csv_in_swedish_reads_back_as_their_json(cli, tmp_path, mrr):
    lines = (EXAMPLES / "portfolio.csv").read_text(encoding="utf-8").splitlines()
    rows = list(csv.reader(lines))
    column = rows[0].index("mrr")
    for row, amount in zip(rows[1:], mrr, strict=False):
        row[column] = f"{amount:f}"
    portfolio = tmp_path / "portfolio.csv"
    with portfolio.open("w", encoding="utf-8", newline="") as file:
        csv.writer(file).writerows(rows)
    written, header, found = in_both_forms(cli, tmp_path, "clients --as-of 2025-08-15", portfolio)
    read = read_back(written, header, numbers=["mrr", "engagement"], counts=[])
    assert len(read) == len(found["clients"])
    for row, client in zip(read, found["clients"], strict=True):
        flat = {**client, "mrr": client["mrr"]["amount"]}
        assert all(same(row[column], flat[column]) for column in header), (row, flat)


def test_the_docs_say_every_format():
    docs = Path(__file__).parent.parent / "docs"
    index = (docs / "index.md").read_text(encoding="utf-8")
    assert "--format table|json|csv" in index
    records = (docs / "records.md").read_text(encoding="utf-8")
    formats = records[records.index("## On the command line: JSON and CSV") :]
    for name in COMMANDS:
        assert f"`{name.split()[0]}" in formats, name


def test_add_json_still_gives_the_json_flag():
    from hubpartner.cli._options import add_json

    parser = argparse.ArgumentParser()
    add_json(parser)
    assert parser.parse_args(["--json"]).json is True
    assert parser.parse_args([]).json is False


def test_csv_leaves_crlf_to_an_output_that_writes_it(monkeypatch, run):
    monkeypatch.setattr("os.linesep", "\r\n")
    assert run("clients", "--format", "csv").count("\r") == 0
    monkeypatch.setattr("os.linesep", "\n")
    assert run("clients", "--format", "csv").count("\r\n") == 6


def test_csv_takes_the_locale_of_the_environment_and_locale_en_the_machine_form(capsys):
    from hubpartner.cli import main

    line = command_line("clients", None)
    swedish = {"LANG": "sv_SE.UTF-8"}
    assert main([*line, "--format", "csv"], environ=swedish) == 0
    assert capsys.readouterr().out.startswith("\ufeffclient;name;")
    assert main([*line, "--format", "csv", "--locale", "en"], environ=swedish) == 0
    assert capsys.readouterr().out.startswith("client,name,")
