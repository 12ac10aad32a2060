"""What a refused argument's error keeps, checked without reading its message (no tests
here).

Every hubpartner error names the parameter (``field``), keeps what was passed
(``value``) and says what would be accepted (``expected``); callers act on those
attributes, so the tests check them rather than the prose of the message.
"""

from contextlib import contextmanager

import pytest


@contextmanager
def refused(kind, field, value, expected=None):
    """Expect ``kind`` raised in the block, naming ``field`` and keeping ``value`` (the
    very object, or an equal one), and saying ``expected`` when that is given."""
    with pytest.raises(kind) as caught:
        yield caught
    error = caught.value
    assert error.field == field
    assert error.value is value or error.value == value
    if expected is not None:
        assert error.expected == expected
