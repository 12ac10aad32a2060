"""Constants and helpers shared by several test modules (no tests here)."""

import subprocess
import sys
from pathlib import Path

#: The example data files under docs/examples/.
EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"

#: A points estimate on the command line, with every option given.
ESTIMATE = (
    "points estimate --amount 1000 --currency EUR --market DE --track sourced --manage "
    "--other-partners 1 --date 2025-08-01"
)


def unsaid_texts(module: object) -> list[str]:
    """The plain texts (str literals and f-strings) that ``module`` passes where a
    sentence for people goes — an error's ``expected``/``reason``/``where``/``hint``,
    what ``each``/``instance_of``/``instance``/``member`` expect, a problem of a file —
    instead of a ``message(...)``; mypy misses those in a branch it deems unreachable.
    Each as ``'line: call'``."""
    import ast
    import inspect

    def plain(node: ast.expr) -> bool:
        return isinstance(node, ast.JoinedStr) or (
            isinstance(node, ast.Constant) and isinstance(node.value, str)
        )

    said = {"expected", "reason", "where", "hint", "allowed"}
    found = []
    for node in ast.walk(ast.parse(inspect.getsource(module))):  # type: ignore[arg-type]
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        texts = [k.value for k in node.keywords if k.arg in said]
        if name.endswith("Error"):
            texts += node.args[2:]
        elif name in ("each", "instance_of", "RowProblem", "add"):
            texts += node.args[1:2]
        if any(plain(text) for text in texts):
            found.append(f"{node.lineno}: {ast.unparse(node)}")
    return found


def refused(read, path, text, error):
    """The ``error`` that ``read(path)`` raises once ``path`` holds ``text``, after
    checking that every problem it reports keeps its message (to be said in any
    language)."""
    import pytest

    from hubpartner.messages import Message

    path.write_text(text)
    with pytest.raises(error) as caught:
        read(path)
    assert all(isinstance(problem.message, Message) for problem in caught.value.problems)
    return caught.value


def assert_imports_none_of(module: str, packages: list[str]) -> None:
    """In a fresh interpreter, ``import hubpartner`` and then ``import module`` load
    none of ``packages`` (the optional extras they must leave to the call)."""
    code = (
        f"import sys, hubpartner; before = sorted(p for p in {packages!r} if p in sys.modules); "
        f"import {module}; print(before, sorted(p for p in {packages!r} if p in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[] []", done.stdout


def refused_without(monkeypatch, modules: list[str], call, extra: str):
    """The MissingExtraError ``call`` raises with ``modules`` not installed, checked to
    be an ImportError that names ``extra`` and the command that installs it."""
    import pytest

    from hubpartner.errors import MissingExtraError

    for module in modules:
        monkeypatch.setitem(sys.modules, module, None)
    with pytest.raises(MissingExtraError) as caught:
        call()
    assert isinstance(caught.value, ImportError)
    assert caught.value.extra == extra
    assert f"pip install 'hubpartner[{extra}]'" in str(caught.value)
    return caught.value
