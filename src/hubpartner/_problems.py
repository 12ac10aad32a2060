"""The problems of a rules file, of a file as a whole and of a row of a table that is
no file (:class:`hubpartner.errors.RulesProblem`, ``FileProblem``, ``IndexProblem``),
and the ``Problem`` of any of them: made when first asked for, as only a refused file
needs them."""

from __future__ import annotations

from typing import Any

import attrs

from ._row_problem import RowProblem
from .errors import shown
from .messages import message

__all__ = ["FileProblem", "IndexProblem", "Problem", "RulesProblem"]


@attrs.frozen
class RulesProblem:
    """One problem found in a rules file: the dotted ``key`` and what was wrong."""

    key: str
    message: str

    @property
    def where(self) -> str:
        """Where the problem is, for messages: the dotted key."""
        return self.key


@attrs.frozen
class FileProblem:
    """A problem of a file as a whole: it cannot be found or read, or is not text of
    the expected kind."""

    message: str

    @property
    def where(self) -> str:
        """Where the problem is: the whole file, so nothing more than its name."""
        return ""


@attrs.frozen
class IndexProblem:
    """One problem found in a row of a table that is no file (a pandas DataFrame):
    the row's ``index`` label and what was wrong."""

    index: Any
    message: str

    @property
    def where(self) -> str:
        """Where the problem is, for messages: ``'row N'``, N the row's index label."""
        return message("row {index}", index=shown(self.index))


Problem = RulesProblem | RowProblem | FileProblem | IndexProblem

for _made in (RulesProblem, FileProblem, IndexProblem):
    _made.__module__ = "hubpartner.errors"
