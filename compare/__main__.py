"""``python -m compare``: see :mod:`compare.cli`."""

import sys

from .cli import main

sys.exit(main())
