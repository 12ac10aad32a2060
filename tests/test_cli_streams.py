"""The command line's standard streams: a result is written whole or the command fails
with status 3 (a file grown to its size limit, a full disk after part of it was
written, no standard output at all); without an error stream the status still says
what happened; and what reaches a terminal holds no control character from a file or
an argument."""

import contextlib
import csv
import errno
import io
import os
import subprocess
import sys

import pytest

from hubpartner import cli

from .helpers import EXAMPLES

CONSOLE = [sys.executable, "-m", "hubpartner"]

#: A program that runs the command line under a file size limit of ``sys.argv[1]``
#: bytes, lifted again before the interpreter writes anything of its own at exit.
UNDER_A_SIZE_LIMIT = """\
import resource, sys
from hubpartner.cli import main
soft, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), hard))
try:
    status = main(sys.argv[2:])
finally:
    resource.setrlimit(resource.RLIMIT_FSIZE, (soft, hard))
sys.exit(status)
"""


@pytest.fixture
def big_portfolio(tmp_path):
    """A portfolio of 300 rows in the shape of the documented example's."""
    example = (EXAMPLES / "portfolio.csv").read_text(encoding="utf-8")
    header, *rows = list(csv.reader(io.StringIO(example, newline="")))
    path = tmp_path / "big.csv"
    with path.open("w", encoding="utf-8", newline="") as written:
        writer = csv.writer(written)
        writer.writerow(header)
        for index in range(300):
            row = list(rows[index % len(rows)])
            row[0], row[1] = f"c-{index:05d}", f"Company {index}"
            writer.writerow(row)
    return path


@pytest.mark.skipif(sys.platform == "win32", reason="needs resource.RLIMIT_FSIZE")
@pytest.mark.parametrize(
    "command",
    [
        ["clients", "{file}", "--as-of", "2025-08-01"],
        ["clients", "{file}", "--as-of", "2025-08-01", "--json"],
        ["report", "--portfolio", "{file}", "--as-of", "2025-08-01", "--html", "-"],
    ],
)
def test_output_cut_short_by_the_file_size_limit_is_status_3(tmp_path, big_portfolio, command):
    argv = [word.format(file=big_portfolio) for word in command]
    target = tmp_path / "out.txt"
    with target.open("wb") as out:
        done = subprocess.run(
            [sys.executable, "-c", UNDER_A_SIZE_LIMIT, "4096", *argv],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
        )
    assert (done.returncode, done.stderr) == (
        cli.EXIT_OUTPUT,
        "hubpartner: error: the output could not be written: File too large\n",
    )
    assert target.stat().st_size == 4096


@contextlib.contextmanager
def stdout_file(path, monkeypatch, encoding="utf-8"):
    """Standard output as a file, as a shell's ``> out.txt`` gives it: the process's
    own (set in the test itself: pytest sets its own standard output again when a
    test starts)."""
    with path.open("w", encoding=encoding) as stream:
        monkeypatch.setattr("sys.stdout", stream)
        monkeypatch.setattr("sys.__stdout__", stream)
        yield stream


def test_a_process_whose_own_output_has_no_descriptor_writes_text(monkeypatch):
    # an embedded interpreter's own standard output may be a stream in memory
    own = io.StringIO()
    monkeypatch.setattr("sys.stdout", own)
    monkeypatch.setattr("sys.__stdout__", own)
    assert cli.main(["rules", "show", "--date", "2025-08-01"]) == 0
    assert own.getvalue().startswith("# ")


def test_a_stream_put_in_place_of_standard_output_is_written_as_text(tmp_path, monkeypatch):
    # a notebook's cell is such a stream: its descriptor is the kernel's own output,
    # not the cell, so what is written through it would never reach the cell
    taken = _patch_write(monkeypatch, piece=10**9)
    with (tmp_path / "cell.txt").open("w", encoding="utf-8") as cell:
        monkeypatch.setattr("sys.stdout", cell)
        assert cli.main(["rules", "show", "--date", "2025-08-01"]) == 0
    assert (tmp_path / "cell.txt").read_text(encoding="utf-8").startswith("# ")
    assert taken["calls"] == 0


def _patch_write(monkeypatch, piece, room=10**9):
    """``os.write`` to a disk that takes at most ``piece`` bytes a call and is full
    after ``room`` bytes; the calls are counted."""
    real = os.write
    taken = {"calls": 0, "room": room}

    def write(descriptor, data):
        taken["calls"] += 1
        if not taken["room"]:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        size = min(len(data), piece, taken["room"])
        taken["room"] -= size
        return real(descriptor, data[:size])

    monkeypatch.setattr("hubpartner.cli.os.write", write)
    return taken


def test_a_full_disk_after_part_was_written_is_status_3(tmp_path, monkeypatch, capsys):
    path = tmp_path / "out.txt"
    taken = _patch_write(monkeypatch, piece=100, room=250)
    with stdout_file(path, monkeypatch):
        status = cli.main(["rules", "show", "--date", "2025-08-01"])
    assert status == cli.EXIT_OUTPUT
    assert capsys.readouterr().err == (
        "hubpartner: error: the output could not be written: No space left on device\n"
    )
    assert path.stat().st_size == 250
    assert taken["calls"] == 4


def test_a_write_taken_in_pieces_is_written_whole(tmp_path, monkeypatch, capsys):
    assert cli.main(["rules", "show", "--date", "2025-08-01"]) == 0
    whole = capsys.readouterr().out.encode()
    path = tmp_path / "out.txt"
    taken = _patch_write(monkeypatch, piece=7)
    with stdout_file(path, monkeypatch):
        assert cli.main(["rules", "show", "--date", "2025-08-01"]) == 0
    assert capsys.readouterr().err == ""
    assert path.read_bytes() == whole
    assert taken["calls"] == -(-len(whole) // 7)


def test_what_the_stream_holds_is_written_first(tmp_path, monkeypatch):
    path = tmp_path / "out.txt"
    with stdout_file(path, monkeypatch) as stream:
        stream.write("held by the stream\n")
        assert cli.main(["rules", "show", "--date", "2025-08-01"]) == 0
    assert path.read_text(encoding="utf-8").startswith("held by the stream\n# ")


#: A command whose output names Côte d'Ivoire.
ESTIMATE_IN_COTE_DIVOIRE = [
    *("points", "estimate", "--amount", "1000", "--currency", "USD"),
    *("--market", "CI", "--date", "2025-08-01"),
]


def test_a_file_is_written_in_the_stream_s_encoding(tmp_path, monkeypatch, capsys):
    path = tmp_path / "out.txt"
    with stdout_file(path, monkeypatch, encoding="cp1252"):
        assert cli.main(ESTIMATE_IN_COTE_DIVOIRE) == 0
    assert "Côte d\u2019Ivoire".encode("cp1252") in path.read_bytes()
    with stdout_file(path, monkeypatch, encoding="ascii"):
        assert cli.main(ESTIMATE_IN_COTE_DIVOIRE) == cli.EXIT_OUTPUT
    err = capsys.readouterr().err
    assert "output's encoding (ascii) cannot hold 'ô' (U+00F4" in err
    assert path.read_bytes() == b""  # nothing of a result that cannot be written whole


def test_a_terminal_is_written_as_a_text_stream(monkeypatch):
    class Terminal(io.StringIO):
        def isatty(self):
            return True

        def fileno(self):
            raise AssertionError("a terminal is written as text")

    terminal = Terminal()
    monkeypatch.setattr("sys.stdout", terminal)
    assert cli.main(["rules", "show", "--date", "2025-08-01"]) == 0
    assert terminal.getvalue().startswith("# ")


def _closing(descriptor):
    def close():
        os.close(descriptor)

    return close


@pytest.mark.skipif(sys.platform == "win32", reason="needs preexec_fn")
def test_a_closed_standard_output_is_status_3():
    done = subprocess.run(
        [*CONSOLE, "report"], stderr=subprocess.PIPE, text=True, preexec_fn=_closing(1)
    )
    assert (done.returncode, done.stderr) == (
        cli.EXIT_OUTPUT,
        "hubpartner: error: the output could not be written: Bad file descriptor\n",
    )


def test_no_standard_output_is_status_3(monkeypatch, capsys):
    monkeypatch.setattr("sys.stdout", None)
    assert cli.main(["rules", "show", "--date", "2025-08-01"]) == cli.EXIT_OUTPUT
    assert capsys.readouterr().err == (
        "hubpartner: error: the output could not be written: Bad file descriptor\n"
    )


@pytest.mark.skipif(sys.platform == "win32", reason="needs preexec_fn")
def test_a_closed_error_stream_keeps_the_status():
    done = subprocess.run(
        [*CONSOLE, "bogus"], stdout=subprocess.PIPE, text=True, preexec_fn=_closing(2)
    )
    assert (done.returncode, done.stdout) == (cli.EXIT_USAGE, "")


def test_no_error_stream_keeps_the_status(monkeypatch):
    monkeypatch.setattr("sys.stderr", None)
    assert cli.main(["bogus"]) == cli.EXIT_USAGE
    assert cli.main(["points", "estimate", "--amount", "x"]) == cli.EXIT_USAGE


def test_an_argument_s_control_characters_reach_standard_error_escaped(capsys):
    portfolio = str(EXAMPLES / "portfolio.csv")
    argv = ["clients", portfolio, "--as-of", "2025-08-01", "\x1b[31mextra\n\u202e"]
    assert cli.main(argv) == cli.EXIT_USAGE
    assert capsys.readouterr().err == (
        "hubpartner: error: unrecognized arguments: \\x1b[31mextra\\n\\u202e\n"
    )
