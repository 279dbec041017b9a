"""The ``penpaper`` command line (see :mod:`penpaper.cli.app`)."""

from __future__ import annotations

import os
import sys

# Importing a command module registers its commands on the app, in this order in --help.
from penpaper.cli import browse as browse  # isort: skip
from penpaper.cli import practice as practice  # isort: skip
from penpaper.cli import answers as answers  # isort: skip
from penpaper.cli import lab as lab  # isort: skip
from penpaper.cli import stats as stats  # isort: skip
from penpaper.cli import record as record  # isort: skip
from penpaper.cli import config as config  # isort: skip
from penpaper.cli.app import app, commands, in_plain_words

in_plain_words(commands)


def main() -> None:
    """Run the CLI; an unexpected error is one line for a person, not a traceback.

    ``PENPAPER_DEBUG=1`` shows the traceback instead, for reporting a bug.
    """
    if os.environ.get("PENPAPER_DEBUG"):
        app()
        return
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:  # drills handle Ctrl-C themselves; this is any other command
        print("\nInterrupted.", file=sys.stderr)
        raise SystemExit(130) from None
    except Exception as error:  # the last resort: every known failure has its own message
        print(
            f"penpaper: unexpected error: {type(error).__name__}: {error}\n"
            "Every verdict shown before this line was saved as it was shown. "
            "Run again with PENPAPER_DEBUG=1 to see the details.",
            file=sys.stderr,
        )
        raise SystemExit(1) from None
