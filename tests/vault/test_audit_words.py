"""The audit trail's words (services/audit_words.py): every event the app writes has a sentence a
therapist reads, times are on the office clock, and a day filter covers the office's calendar day.
No Qt, no vault: these are the words the window and the CLI both print."""

from __future__ import annotations

import re
from datetime import date, datetime

import pytest

from sa_testing import REPO
from session_assistant.services import audit_words

# Actions whose code is built at run time: (pattern in the source, the codes it makes)
BUILT = {
    'f"{kind}_exported"': [f"{kind}_exported" for kind in ("note", "summary", "plan", "assessment", "client",
                                                           "consent_form")],
    'f"appointment_{status}"': [f"appointment_{s}" for s in ("scheduled", "completed", "cancelled", "no_show")],
    '"consent_recording_" + decision': [f"consent_recording_{d}" for d in ("given", "declined", "revoked")],
    'action = "recording_started" if source == "microphone" else "recording_imported"':
        ["recording_started", "recording_imported"],
    '"backup_verified" if ok else "backup_failed"': ["backup_verified", "backup_failed"],
}


def _written_actions() -> set[str]:
    """Every event code the app's source writes to the trail, found by reading it."""
    found = set()
    literal = re.compile(r'(?:append\(\s*conn,\s*|record_event\(|_rewrap\([^,]+,\s*|"action":\s*)"([a-z_]+)"')
    for path in (REPO / "src" / "session_assistant").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        found.update(code for code in literal.findall(text) if not code.endswith("_"))  # a prefix: in BUILT
        for pattern, codes in BUILT.items():
            if pattern in text:
                found.update(codes)
    return found


def test_every_event_the_app_writes_has_words_and_none_reads_as_a_code():
    actions = _written_actions()
    assert {"chart_viewed", "note_signed", "unlock", "recording_shredded", "client_exported",
            "passphrase_changed", "appointment_no_show"} <= actions  # the scan itself works
    missing = sorted(a for a in actions if a not in audit_words._ACTIONS)
    assert missing == []
    for action in actions:
        words = audit_words.what({"action": action, "session_starts_at": "2026-11-30T14:00"})
        assert "_" not in words and "{" not in words and words[0].isupper(), (action, words)


def test_an_event_without_words_is_still_readable():
    assert audit_words.what({"action": "something_new_happened"}) == "Something new happened"


def test_the_session_and_the_questionnaire_are_named_but_no_hash_or_recording_id():
    entry = {"action": "note_signed", "session_starts_at": "2026-11-30T14:00",
             "detail": "sha256 " + "ab" * 32}
    assert audit_words.what(entry) == "Signed the progress note for the session of Mon 30 Nov 2026"
    assert audit_words.what({"action": "appointment_cancelled", "session_starts_at": "2026-12-04T09:30"}) \
        == "Cancelled the appointment on Fri 4 Dec 2026 at 09:30"
    assert audit_words.what({"action": "assessment_signed", "instrument": "phq9"}) == "Signed a questionnaire (PHQ-9)"
    shred = audit_words.what({"action": "recording_shredded", "session_starts_at": "2026-11-30T14:00",
                              "detail": "recording 3f9c1e2a-77aa; reason requested"})
    assert shred == "Deleted the session's audio of Mon 30 Nov 2026 for good"
    assert audit_words.what({"action": "unlock_failed", "detail": "3 failed attempt(s), last at 2026-12-01T08:00"}) \
        == "3 wrong passphrases were tried before this sign-in"
    assert audit_words.what({"action": "unlock_failed", "detail": "1 failed attempt(s), last at 2026-12-01T08:00"}) \
        == "1 wrong passphrase was tried before this sign-in"
    assert audit_words.who({"actor": "system"}, "Dr A") == "Session Assistant (automatic)"
    assert audit_words.who({"actor": "clinician"}, "Dr A") == "Dr A"
    assert audit_words.who({"actor": "system", "action": "unlock_failed"}, "Dr A") == "Someone not signed in"


def test_times_are_on_the_office_clock_and_a_day_is_the_offices_day(office_in_new_york):
    # 03:00 UTC on 2 December is still the evening of 1 December in New York.
    assert audit_words.when("2026-12-02T03:00:00+00:00") == "Tue 1 Dec 2026, 22:00"
    after, before = audit_words.utc_bounds(date(2026, 12, 1), date(2026, 12, 1))
    assert (after, before) == ("2026-12-01T05:00:00+00:00", "2026-12-02T05:00:00+00:00")
    assert after <= "2026-12-02T03:00:00+00:00" < before  # the evening entry is on that day
    assert datetime.fromisoformat(before) > datetime.fromisoformat(after)


def test_what_an_auditor_needs_from_a_detail_is_kept(office_in_new_york):
    accepted = {"action": "state_accepted",
                "detail": "continued with the vault as found: database at change 5, record at change 7"}
    assert audit_words.what(accepted) == ("Continued with a vault older than its last recorded state "
                                          "(database at change 5, record at change 7)")
    restored = {"action": "vault_restored", "detail": "from backup created 2026-12-02T03:00:00+00:00"}
    assert audit_words.what(restored) == "Restored the vault from a backup (the backup of Tue 1 Dec 2026, 22:00)"


def test_the_entries_worth_a_look_are_ones_the_app_writes():
    assert audit_words.ATTENTION <= _written_actions()
