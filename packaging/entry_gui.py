"""Entry of the bundle's windowed executable ``SessionAssistant``: opens the window.

A windowed build on Windows and macOS starts with no console, so ``sys.stdout``/``sys.stderr``
are None and the first stray write would crash; they go to the null device instead (the log
file under the user log folder is where diagnostics belong). Any arguments are passed on, so
``SessionAssistant --version`` still works where a console exists.
"""

import os
import sys

from session_assistant.__main__ import main

if __name__ == "__main__":
    if sys.stdout is None or sys.stderr is None:
        sink = open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the process
        sys.stdout = sys.stdout or sink
        sys.stderr = sys.stderr or sink
    sys.exit(main(sys.argv[1:] or ["gui"]))
