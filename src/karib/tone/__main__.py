"""``python -m karib.tone analyze ...`` (the same as ``karib tone analyze ...``)."""

import sys

from karib.tone.cli import main

sys.exit(main())
