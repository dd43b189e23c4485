"""Ask before a new recording replaces a session's stored transcript and AI draft.

Walking the window as a therapist (ui30), an import into a session that had its transcript and a
draft from the default model (minutes of drafting) replaced both without a word: a click on the
wrong session's "Import a recording…" or "Record" lost finished work.
"""

from __future__ import annotations

from session_assistant.ui.common.dialogs import confirm
from session_assistant.ui.common.engines import session_pipeline

REPLACES = ("This session already has a transcript and an AI draft. {action} a new recording replaces them "
            "with the new recording's (a note already created stays as it is).\n\n{action} anyway?")


def may_replace_stored_work(page, action: str) -> bool:
    """True when the session has no stored transcript, or the clinician agrees to replace it.
    ``action``: "Import" or "Record", the button's own word."""
    if session_pipeline(page._ctx).transcript(page.appointment_id) is None:
        return True
    verb = {"Import": "Importing", "Record": "Recording"}.get(action, action)
    return confirm(page, f"{action} again?", REPLACES.format(action=verb))
