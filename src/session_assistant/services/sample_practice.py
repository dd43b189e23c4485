"""A fictional sample practice to explore the app: a few clients, this week's appointments, notes.

Every name and word here is invented. It goes through the ordinary services, so the sample is
audited and encrypted like real records; each sample client's address line says ``SAMPLE_MARK``.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress

SAMPLE_MARK = "Fictional sample client"

_CLIENTS = [
    {"first_name": "Avery", "last_name": "Lindqvist", "date_of_birth": "1988-04-12", "pronouns": "she/her",
     "phone": "555-0101", "consent": "given"},
    {"first_name": "Jonah", "last_name": "Okafor", "date_of_birth": "1995-09-30", "pronouns": "he/him",
     "phone": "555-0102", "consent": "given"},
    {"first_name": "Rowan", "last_name": "Castellanos", "date_of_birth": "1979-01-05", "pronouns": "they/them",
     "phone": "555-0103", "consent": "declined"},
    {"first_name": "Mira", "last_name": "Takahashi", "date_of_birth": "2001-06-21", "pronouns": "she/her",
     "phone": "555-0104", "consent": None},
]

# (client index, day offset from today, hour, minute, minutes, modality)
_APPOINTMENTS = [
    (0, -7, 9, 0, 50, "in_person"), (1, -6, 14, 0, 50, "telehealth"), (2, -5, 11, 0, 50, "in_person"),
    (0, 0, 9, 0, 50, "in_person"), (1, 0, 11, 0, 50, "telehealth"), (3, 0, 15, 30, 50, "in_person"),
    (2, 1, 10, 0, 50, "in_person"), (0, 3, 9, 0, 50, "telehealth"), (3, 4, 13, 0, 50, "in_person"),
]

_SIGNED_NOTES = {
    0: {"session_summary": "Client reported improved sleep since starting a wind-down routine and described "
                           "fewer evening worries. We reviewed a thought record about a work deadline.",
        "risk_assessment": "Denied thoughts of self-harm. No risk concerns identified.",
        "next_session": "Continue thought records; introduce graded exposure to meetings."},
    1: {"session_summary": "Client discussed adjusting to a new job and feeling low on weekends. Practised "
                           "scheduling two pleasant activities.",
        "risk_assessment": "No risk concerns identified.",
        "next_session": "Review activity schedule; PHQ-9 at next visit."},
}


def load_sample_practice(practice, *, today: datetime | None = None, on_progress: ProgressFn = no_progress,
                         token: CancelToken | None = None) -> dict:
    """Add the fictional clients, appointments (last week, today, this week) and two signed notes.

    Returns counts of what was added. Notes are signed only if the clinician profile has a name.
    """
    token = token or CancelToken()
    now = (today or practice.clock.now().astimezone()).replace(tzinfo=None)
    day0 = now.date()
    client_ids = []
    steps = len(_CLIENTS) + len(_APPOINTMENTS)
    for index, client in enumerate(_CLIENTS):
        token.raise_if_cancelled()
        data = {k: v for k, v in client.items() if k != "consent"}
        client_id = practice.clients.add(address=SAMPLE_MARK, **data)
        if client["consent"]:
            practice.clients.record_consent(client_id, client["consent"], note="sample practice")
        client_ids.append(client_id)
        on_progress((index + 1) / steps, "Adding sample clients")
    appointment_ids = []
    for index, (who, offset, hour, minute, minutes, modality) in enumerate(_APPOINTMENTS):
        token.raise_if_cancelled()
        start = datetime.combine(day0 + timedelta(days=offset), time(hour, minute))
        appointment_ids.append(practice.appointments.add(client_ids[who], start.isoformat(timespec="minutes"),
                                                         minutes, modality))
        on_progress((len(_CLIENTS) + index + 1) / steps, "Adding sample appointments")
    profile = practice.profile.get()
    # Chart records first: a note keeps the diagnoses of its session date as it is signed.
    measures = _add_chart_records(practice, client_ids[0], day0, profile.name)
    signed = 0
    for appointment_index, fields in _SIGNED_NOTES.items():
        note_id = practice.notes.create(appointment_ids[appointment_index])
        for name, text in fields.items():
            practice.notes.set_field(note_id, name, text)
        if profile.name.strip():
            practice.notes.sign(note_id, profile)
            practice.appointments.set_status(appointment_ids[appointment_index], "completed")
            signed += 1
    on_progress(1.0, "Sample practice ready")
    return {"clients": len(client_ids), "appointments": len(appointment_ids), "signed_notes": signed,
            "assessments": measures}


# PHQ-9 / GAD-7 item answers, oldest first: an improving course over two months.
_PHQ9 = ([2, 2, 2, 2, 1, 2, 1, 1, 0], [1, 2, 1, 2, 1, 1, 1, 0, 0], [1, 1, 1, 1, 0, 1, 0, 0, 0])
_GAD7 = ([2, 3, 2, 2, 1, 2, 1], [2, 2, 1, 2, 1, 1, 1], [1, 1, 1, 1, 0, 1, 0])


def _add_chart_records(practice, client_id: int, day0, signer: str) -> int:
    """Diagnosis and PHQ-9/GAD-7 history for the first sample client."""
    added = 0
    for weeks_ago, phq, gad in zip((8, 4, 1), _PHQ9, _GAD7):
        when = (day0 - timedelta(weeks=weeks_ago)).isoformat()
        for instrument, answers in (("phq9", phq), ("gad7", gad)):
            assessment_id = practice.assessments.add(client_id, instrument, answers, administered_on=when)
            if signer.strip():
                practice.assessments.sign(assessment_id, signer)
            added += 1
    practice.diagnoses.add(client_id, "F41.1", onset_date=(day0 - timedelta(weeks=10)).isoformat())
    return added
