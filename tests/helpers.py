"""Plain constants shared by several test modules (no tests here)."""

from pathlib import Path

#: The example data files under docs/examples/.
EXAMPLES = Path(__file__).parent.parent / "docs" / "examples"

#: A points estimate on the command line, with every option given.
ESTIMATE = (
    "points estimate --amount 1000 --currency EUR --market DE --track sourced --manage "
    "--other-partners 1 --date 2025-08-01"
)
