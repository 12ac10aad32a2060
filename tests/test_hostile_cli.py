"""The command line under hostile input and a hostile environment: every bad command
line ends in a clean error, never a traceback, a silent wrong answer or a hang; a
closed pipe, a full disk, an output encoding that cannot hold the result and Ctrl-C
each end in one line and a documented exit status."""

import io
import os
import signal
import subprocess
import sys
import time

import pytest

from hubpartner import cli

from .hostile_cli import EXAMPLES, cases, run_all, tally

CONSOLE = [sys.executable, "-m", "hubpartner"]


def test_every_hostile_command_line_ends_in_a_clean_error(tmp_path):
    outcomes = run_all(tmp_path)
    counts = tally(outcomes)
    bad = [
        f"{o.kind}: {o.case.argv[:120]!r} -> {o.status} {o.escaped or o.err[:160]!r}"
        for o in outcomes
        if o.kind not in ("clean error", "done")
    ]
    assert bad == [], f"{dict(counts)} of {len(outcomes)}"
    assert counts["clean error"] >= sum(case.must_fail for case in cases())


def test_a_closed_output_is_said_in_one_line(monkeypatch, capsys):
    class Closed(io.StringIO):
        def write(self, text):
            raise BrokenPipeError(32, "Broken pipe")

    monkeypatch.setattr("sys.stdout", Closed())
    status = cli.main(["rules", "show", "--date", "2025-08-01"])
    assert status == cli.EXIT_OUTPUT == 3
    assert capsys.readouterr().err == (
        "hubpartner: the output was closed before all of it was written\n"
    )


#: A command whose output names Côte d'Ivoire, which ASCII cannot hold.
ESTIMATE_IN_COTE_DIVOIRE = [
    *("points", "estimate", "--amount", "1000", "--currency", "USD"),
    *("--market", "CI", "--date", "2025-08-01"),
]


def test_an_output_encoding_that_cannot_hold_the_result_is_said(monkeypatch, capsys):
    ascii_out = io.TextIOWrapper(io.BytesIO(), encoding="ascii")
    monkeypatch.setattr("sys.stdout", ascii_out)
    status = cli.main(ESTIMATE_IN_COTE_DIVOIRE)
    assert status == cli.EXIT_OUTPUT
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "output's encoding (ascii) cannot hold" in err
    assert "PYTHONIOENCODING=utf-8" in err


def test_ctrl_c_is_one_line_and_status_130(monkeypatch, capsys):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr("hubpartner.cli.rules.show", interrupted)
    status = cli.main(["rules", "show"])
    assert (status, capsys.readouterr().err) == (130, "hubpartner: interrupted\n")


def test_ctrl_c_while_the_locale_is_chosen_is_one_line_and_status_130(monkeypatch, capsys):
    def interrupted(arguments, environ):
        raise KeyboardInterrupt

    monkeypatch.setattr("hubpartner.cli._language.chosen_locale", interrupted)
    status = cli.main(["--locale", "sv", "rules", "show"])
    assert (status, capsys.readouterr().err) == (130, "hubpartner: interrupted\n")


def _run(args, **options):
    return subprocess.run([*CONSOLE, *args], capture_output=True, text=True, **options)


def test_a_pipe_closed_by_its_reader_is_no_traceback():
    process = subprocess.Popen(
        [*CONSOLE, "rules", "show", "--date", "2025-08-01"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    process.stdout.close()  # as `| head -0` would, before anything is written
    err = process.stderr.read().decode()
    process.stderr.close()
    assert process.wait(timeout=30) == 3
    assert "Traceback" not in err
    assert err == "hubpartner: the output was closed before all of it was written\n"


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="needs /dev/full")
def test_a_full_disk_is_one_line_and_status_3():
    with open("/dev/full", "w") as full:
        done = subprocess.run(
            [*CONSOLE, "rules", "show"], stdout=full, stderr=subprocess.PIPE, text=True
        )
    assert done.returncode == 3
    assert done.stderr == (
        "hubpartner: error: the output could not be written: No space left on device\n"
    )


def test_an_ascii_terminal_is_told_what_to_do():
    done = _run(
        ESTIMATE_IN_COTE_DIVOIRE,
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    assert "(U+00F4 LATIN SMALL LETTER O WITH CIRCUMFLEX)" in done.stderr
    json_done = _run(
        [*ESTIMATE_IN_COTE_DIVOIRE, "--json"],
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
    )
    assert (json_done.returncode, json_done.stderr) == (0, "")


def _interruptible() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def test_ctrl_c_while_reading_standard_input_is_one_line_and_status_130():
    process = subprocess.Popen(
        [*CONSOLE, "surveys", "nps", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        # A shell running this suite in the background ignores SIGINT, and a child
        # inherits that; the command is tested as a terminal runs it.
        preexec_fn=_interruptible,
    )
    process.stdin.write(b"at,score\n")
    process.stdin.flush()
    time.sleep(2)  # the command has started and waits for more of standard input
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    assert process.returncode == 130
    assert err.decode() == "hubpartner: interrupted\n"


def test_a_closed_error_stream_loses_the_message_but_not_the_status(monkeypatch):
    class Closed(io.StringIO):
        def write(self, text):
            raise OSError(5, "Input/output error")

    monkeypatch.setattr("sys.stderr", Closed())
    assert cli.main(["points", "estimate", "--amount", "x"]) == cli.EXIT_USAGE


@pytest.mark.parametrize("value", ["1000000000", "1000000001", "9999999999", "99999999999"])
def test_a_count_option_stops_at_a_billion(capsys, value):
    nps = str(EXAMPLES / "nps-responses.csv")
    code = cli.main(["surveys", "nps", "--exclude-missing", "--min-count", value, nps])
    err = capsys.readouterr().err
    if value == "1000000000":
        assert (code, err) == (0, "")
    else:
        assert code == 2
        assert "is not a whole number from 0 to 1,000,000,000" in err


@pytest.mark.parametrize(
    "command",
    [
        "plan --ledger - --portfolio - --thresholds - --prices -",
        "tiers evaluate --thresholds - --points-file -",
    ],
)
def test_standard_input_given_for_two_files_is_a_usage_error(cli, monkeypatch, command):
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, out, err = cli(command)
    assert (code, out) == (2, "")
    assert "can be read only once" in err


def test_no_standard_input_is_read_twice_when_there_is_none(cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", None)
    code, _, err = cli("rules show")
    assert (code, err) == (0, "")


def test_a_closed_standard_input_is_a_usage_error_not_no_file(cli, monkeypatch):
    monkeypatch.setattr("sys.stdin", None)
    code, out, err = cli("report --ledger -")
    assert (code, out) == (2, "")
    assert "standard input, which is closed" in err


@pytest.mark.parametrize(
    "command",
    [
        "tiers evaluate --thresholds {thresholds} --sourced \u0661\u0660\u0660",
        "tiers evaluate --thresholds {thresholds} --sourced 1_000",
        "points convert --points 1_000 --currency EUR --market DE --track sourced",
        "tiers evaluate --thresholds {thresholds} --sourced 10 --customer-retention 0.9_0",
    ],
)
def test_a_number_option_is_written_with_the_digits_0_to_9(cli, command):
    thresholds = EXAMPLES / "thresholds.toml"
    code, out, err = cli(command.format(thresholds=thresholds))
    assert (code, out) == (2, "")
    assert "is not a" in err
