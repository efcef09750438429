"""`python -m svplan` is the `svplan` command."""

import sys

from svplan.cli import main

sys.exit(main())
