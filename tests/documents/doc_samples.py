"""Sample clinical documents for the documents tests and bench (fictional people, no real PHI)."""

from __future__ import annotations

from datetime import datetime, timezone

from session_assistant.documents.model import (
    Addendum,
    ClientIdent,
    ClinicalDocument,
    DocumentKind,
    PracticeHeader,
    SignatureBlock,
    TableSection,
)

PRACTICE = PracticeHeader(
    name="Harbourview Counselling",
    address="12 Quay Street, Suite 4, Portland, ME 04101",
    phone="(207) 555-0142",
    email="office@harbourview.example",
)
CLIENT = ClientIdent(name="Zoë Łukasiewicz", client_id=1042, date_of_birth="1988-03-14")
SIGNATURE = SignatureBlock(
    clinician_name="Σοφία Papadopoulou-Müller",
    credentials="LCSW",
    licence_number="LCSW-ME 20417",
    signed_at=datetime(2026, 11, 20, 16, 5, tzinfo=timezone.utc),
)

SOAP = (
    ("Subjective", "Client reports sleeping “about five hours” most nights — better than last week. "
     "She described a conflict with her manager on Tuesday and said she “froze” rather than responding.\n\n"
     "- Mood: “tired but hopeful”\n- Appetite: unchanged\n- No thoughts of self-harm; denies SI/HI."),
    ("Objective", "Alert and oriented ×3. Affect congruent, somewhat constricted; speech normal rate. "
     "Completed the thought record homework for 4 of 7 days."),
    ("Assessment", "Symptoms of generalised anxiety remain moderate (GAD-7 = 11, down from 14). "
     "Avoidance at work persists; engagement with CBT tasks is good."),
    ("Plan", "- Continue weekly CBT; next session 2026-11-27.\n- Practise paced breathing before meetings.\n"
     "- Re-administer GAD-7 in four weeks."),
)


def progress_note(**overrides) -> ClinicalDocument:
    fields = dict(
        kind=DocumentKind.PROGRESS_NOTE, practice=PRACTICE, client=CLIENT, sections=SOAP,
        service_date="2026-11-20", details=(("Session", "50 min · in person"), ("Note format", "SOAP")),
        signature=SIGNATURE, ai_model="qwen2.5-coder-1.5b-instruct", document_ref="Note 17",
    )
    fields.update(overrides)
    return ClinicalDocument(**fields)


def long_note() -> ClinicalDocument:
    paragraph = ("The client explored how early experiences of criticism shape her present self-talk; "
                 "we named the pattern, traced two recent examples, and practised a kinder reframe. ")
    sections = tuple((title, "\n\n".join(paragraph * 4 for _ in range(6))) for title, _ in SOAP)
    addendum = Addendum(author="Σοφία Papadopoulou-Müller, LCSW", created_at="2026-11-21T09:12:00+00:00",
                        reason="Correction of the next appointment date",
                        text="The next session is on 2026-11-28, not 2026-11-27 as written.")
    return progress_note(sections=sections, addenda=(addendum,))


def assessment() -> ClinicalDocument:
    items = (("1", "Feeling nervous, anxious, or on edge", "2"), ("2", "Not being able to stop worrying", "2"),
             ("3", "Worrying too much about different things", "1"), ("4", "Trouble relaxing", "2"),
             ("5", "Being so restless that it is hard to sit still", "1"),
             ("6", "Becoming easily annoyed or irritable", "2"),
             ("7", "Feeling afraid, as if something awful might happen", "1"))
    table = TableSection(title="GAD-7 items", columns=("#", "Over the last two weeks…", "Score"),
                         rows=items, widths=(1, 12, 2), footnote="0 = not at all · 3 = nearly every day")
    return ClinicalDocument(
        kind=DocumentKind.ASSESSMENT, practice=PRACTICE, client=CLIENT, service_date="2026-11-20",
        sections=(table, ("Result", "Total score 11 of 21: moderate anxiety.")), signature=SIGNATURE,
        details=(("Instrument", "GAD-7"),),
    )


# ---- vault helpers (used by conftest.py and the vault-backed tests) ----
PASSPHRASE = "correct horse battery staple"
# Cheap Argon2id for tests that build many archives; one test uses the real default cost.
FAST_KDF = {"name": "argon2id", "time_cost": 1, "memory_kib": 8192, "parallelism": 1}
EXPORT_PASSPHRASE = "otter lantern fjord quilt"


def add_signed_summary(practice, client_id: int, text: str, *, kind: str = "treatment",
                       ai_model: str = "qwen2.5-coder-1.5b-instruct") -> int:
    """Insert a summary draft as the summariser would (no model needed here), then sign it."""
    now = practice.clock.iso()
    sources = '[{"kind": "progress_note", "id": 1, "date": "2026-01-05", "label": "Progress note", "digest": "x"}]'
    with practice.vault.db.transaction() as conn:
        summary_id = conn.execute(
            "INSERT INTO summaries (client_id, kind, date_from, date_to, purpose, text, sources_json, ai_model, "
            "created_at, updated_at) VALUES (?, ?, '2026-01-05', '2026-02-09', 'transfer of care', ?, ?, ?, ?, ?)",
            (client_id, kind, text, sources, ai_model, now, now)).lastrowid
    practice.summaries.sign(summary_id, practice.profile.get().name)
    return summary_id
