"""Plain constants shared by several test modules (no tests here)."""

from pathlib import Path

#: The example data files under docs/examples/.
EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"

#: A points estimate on the command line, with every option given.
ESTIMATE = (
    "points estimate --amount 1000 --currency EUR --market DE --track sourced --manage "
    "--other-partners 1 --date 2025-08-01"
)


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
