"""``python -m hubpartner``: the same as the ``hubpartner`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
