"""Run the command line: ``python -m upperback``."""

import sys

from upperback.cli import main

sys.exit(main())
