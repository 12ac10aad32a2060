"""The command line reads the Excel exports of Swedish, Norwegian and Italian agencies
(docs/examples/excel-*/: semicolons, decimal commas, grouped thousands, a byte order
mark, CRLF, cp1252) to the same results as their plain twins in docs/examples/."""

import json
import re
from decimal import Decimal

import pytest

from .helpers import EXAMPLES

THRESHOLDS = EXAMPLES / "thresholds.toml"

#: Each command that reads a CSV file, with the file; the file's twin is passed as {}.
COMMANDS = [
    ("clients {} --as-of 2025-08-01 --json", "portfolio.csv"),
    ("engagement {} --json", "portfolio.csv"),
    (
        f"tiers evaluate --thresholds {THRESHOLDS} --as-of 2025-08-15 --certified --json "
        "--points-file {}",
        "points-ledger.csv",
    ),
    (f"tiers history {{}} --thresholds {THRESHOLDS} --json", "tier-history.csv"),
    ("surveys nps {} --exclude-missing --by quarter --segment region --json", "nps-responses.csv"),
    ("surveys ces {} --by month --segment team --json", "ces-responses.csv"),
    ("surveys csat {} --json", "csat-responses.csv"),
]

#: How each locale's export is encoded, as the command is told.
ENCODINGS = {"sv": "utf-8", "nb": "cp1252", "it": "utf-8"}


_PLAIN_NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")


def results(run):
    """A command's exit status and JSON, but for the name of the file it read and the
    places a number is written with (the export writes 890,00 where its twin has 890)."""

    def same(value):
        if isinstance(value, dict):
            return {key: same(item) for key, item in value.items() if key != "file"}
        if isinstance(value, list):
            return [same(item) for item in value]
        if isinstance(value, str) and _PLAIN_NUMBER.fullmatch(value):
            return Decimal(value)
        return value

    code, out, err = run
    assert err == ""
    return code, same(json.loads(out))


@pytest.mark.parametrize(("command", "name"), COMMANDS)
@pytest.mark.parametrize("locale", ["sv", "nb", "it"])
def test_an_excel_export_gives_the_same_json_as_its_plain_twin(cli, command, name, locale):
    plain = results(cli(command.format(EXAMPLES / name)))
    assert plain[0] == 0
    export = EXAMPLES / f"excel-{locale}" / name
    extra = f" --encoding {ENCODINGS[locale]} --locale {locale}"
    assert results(cli(command.format(export) + extra)) == plain
    told = f"{extra} --delimiter semicolon"
    assert results(cli(command.format(export) + told)) == plain


def test_the_exports_are_what_excel_writes():
    swedish = (EXAMPLES / "excel-sv" / "portfolio.csv").read_bytes()
    assert swedish.startswith(b"\xef\xbb\xbfclient;")
    assert "1\xa0350,00".encode() in swedish
    assert b"\r\n" in swedish
    norwegian = (EXAMPLES / "excel-nb" / "points-ledger.csv").read_bytes()
    assert b";9,35;" in norwegian
    assert "1\xa0350,00".encode("cp1252") in (EXAMPLES / "excel-nb" / "portfolio.csv").read_bytes()
    assert b";1.350,00;" in (EXAMPLES / "excel-it" / "portfolio.csv").read_bytes()


def test_a_cp1252_export_read_as_utf_8_is_refused_by_line_naming_the_option(cli):
    export = EXAMPLES / "excel-nb" / "portfolio.csv"
    code, out, err = cli(f"clients {export} --json" + " --locale nb")
    assert code == 1
    assert out == ""
    assert ": linje 5: er ikke UTF-8-tekst: byte 0xA0" in err
    assert "--encoding cp1252" in err
    assert "--encoding cp1252" in err


@pytest.mark.parametrize(
    ("option", "said"),
    [
        ("--delimiter pipe", "'pipe' is not a delimiter"),
        ("--delimiter '|'", "'|' is not a delimiter"),
        ("--encoding utf-16", "'utf-16' is not an encoding hubpartner reads"),
    ],
)
def test_a_delimiter_or_encoding_it_cannot_read_is_a_usage_error(cli, option, said):
    code, _, err = cli(f"surveys csat {EXAMPLES / 'csat-responses.csv'} {option}")
    assert code == 2
    assert said in err
