"""Entry of the bundle's console executable ``session-assistant``: the CLI, ``self-check`` and ``gui``."""

import sys

from session_assistant.__main__ import main

if __name__ == "__main__":
    sys.exit(main())
