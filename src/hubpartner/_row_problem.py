"""The problem of a row of a data file (:class:`hubpartner.errors.RowProblem`), made
when first asked for: only a file with a bad row needs it."""

from __future__ import annotations

import attrs

from .messages import message

__all__ = ["RowProblem"]


@attrs.frozen
class RowProblem:
    """One problem found in a data file: the 1-based ``line`` and what was wrong."""

    line: int
    message: str

    @property
    def where(self) -> str:
        """Where the problem is, for messages: ``'line N'``."""
        return message("line {line}", line=self.line)


RowProblem.__module__ = "hubpartner.errors"
