"""PyInstaller runtime hook: the offline switches (session_assistant/offline.py) are set before
the entry script runs, so the bundle is silent even if an entry point ever imports a library
before the session_assistant package."""

from session_assistant import offline

offline.enforce()
