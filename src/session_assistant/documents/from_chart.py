"""Turn signed chart records (as the services return them) into ``ClinicalDocument`` inputs.

Pure functions over plain dicts: the services read the vault, this module decides what a printed
record shows. Only signed records become documents; drafts are refused by the caller.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from session_assistant.documents.model import (
    Addendum,
    ClientIdent,
    ClinicalDocument,
    DocumentKind,
    PracticeHeader,
    Section,
    SignatureBlock,
    TableSection,
    utc_offset,
)

_MODALITY = {"in_person": "in person", "telehealth": "telehealth"}
# The same short tags the summaries' citations use ("[note 12, 2026-03-02]").
_SOURCE_TAGS = {"progress_note": "note", "assessment": "assessment", "diagnosis": "diagnosis",
                "treatment_plan": "plan"}
_ANSWER_LABELS = ("Not at all", "Several days", "More than half the days", "Nearly every day")


def practice_header(profile) -> PracticeHeader:
    """The letterhead from the clinician's profile (the clinician's name if no practice name)."""
    return PracticeHeader(
        name=profile.practice_name or profile.name or "Private practice",
        address=profile.practice_address,
        phone=profile.phone,
        email=profile.email,
    )


def client_ident(client: dict) -> ClientIdent:
    name = f"{client['first_name']} {client['last_name']}".strip()
    if client.get("preferred_name"):
        name += f" (“{client['preferred_name']}”)"
    return ClientIdent(name=name, client_id=client["id"], date_of_birth=client.get("date_of_birth"))


def _signature(name: str | None, signed_at: str | None, profile, credentials: str | None = None,
               licence: str | None = None) -> SignatureBlock:
    # Summaries, plans and assessments store only the signer's name; credentials and licence come
    # from the profile when it is the same person.
    same = profile is not None and (name or "").strip() == profile.name.strip()
    return SignatureBlock(
        clinician_name=name or "",
        credentials=credentials if credentials is not None else (profile.credentials if same else ""),
        licence_number=licence if licence is not None else (profile.licence_number if same else ""),
        signed_at=signed_at,
    )


def session_times(starts_at: str, minutes: int) -> list[tuple[str, str]]:
    """("Session start", "10:00 UTC+01:00"), ("Session end", "10:50 UTC+01:00"): the practice's
    local time (as booked) with its offset, like the signing time; the end carries its date if it differs."""
    try:
        start = datetime.fromisoformat(starts_at)
    except ValueError:
        return []
    start = start.astimezone()  # a booked time has no zone: it is local, and this gives its offset
    end = (start + timedelta(minutes=int(minutes))).astimezone()
    end_text = end.strftime("%H:%M") if end.date() == start.date() else end.strftime("%Y-%m-%d %H:%M")
    return [("Session start", f"{start:%H:%M} {utc_offset(start)}"), ("Session end", f"{end_text} {utc_offset(end)}")]


def note_document(note: dict, client: dict, appointment: dict | None, profile) -> ClinicalDocument:
    """A signed progress note with its addenda."""
    sections = [Section(field["label"], note["fields"].get(field["name"], "").strip())
                for field in note["template"] if note["fields"].get(field["name"], "").strip()]
    details = [("Note format", note["template_name"])]
    service_date = note["created_at"][:10]
    if appointment:
        service_date = appointment["starts_at"][:10]
        modality = _MODALITY.get(appointment.get("modality", ""), appointment.get("modality", ""))
        details.insert(0, ("Session", f"{appointment['minutes']} min · {modality}".strip(" ·")))
        details[0:0] = session_times(appointment["starts_at"], appointment["minutes"])
    # One row each: the panel gives a long one the full width instead of cutting it short.
    diagnoses = [f"{d['code']} {d['description']}" for d in note.get("diagnoses") or []]
    details += [(f"Diagnosis {n}" if len(diagnoses) > 1 else "Diagnosis", text)
                for n, text in enumerate(diagnoses or ["None recorded"], 1)]
    details.append(("Service code", note.get("service_code") or "—"))
    addenda = tuple(Addendum(author=a["author"], created_at=a["created_at"], reason=a["reason"], text=a["text"])
                    for a in note.get("addenda", []))
    return ClinicalDocument(
        kind=DocumentKind.PROGRESS_NOTE, practice=practice_header(profile), client=client_ident(client),
        sections=tuple(sections), service_date=service_date, details=tuple(details),
        signature=_signature(note["signer_name"], note["signed_at"], profile, note.get("signer_credentials") or "",
                             note.get("signer_licence") or ""),
        ai_model=note["ai_model"] if note.get("ai_assisted") and note.get("ai_model") else None,
        addenda=addenda, document_ref=f"Note {note['id']}",
    )


def summary_document(summary: dict, client: dict, profile) -> ClinicalDocument:
    """A signed treatment or case summary; each statement keeps its source tag."""
    kind = DocumentKind.TREATMENT_SUMMARY if summary["kind"] == "treatment" else DocumentKind.CASE_SUMMARY
    statements = [line.strip() for line in summary["text"].splitlines() if line.strip()]
    sections: list = [Section("Summary", "\n\n".join(statements))]
    sources = summary.get("sources") or []
    if sources:
        rows = tuple((s.get("date", ""), s.get("label", s.get("kind", "")),
                      f"{_SOURCE_TAGS.get(s.get('kind', ''), s.get('kind', ''))} {s.get('id', '')}") for s in sources)
        sections.append(TableSection("Sources", ("Date", "Record", "Reference"), rows, widths=(2, 5, 3),
                                     footnote="Each statement ends with the records it rests on, in brackets."))
    purpose = summary.get("purpose") or ""
    details = (("Purpose", purpose[:1].upper() + purpose[1:]),)
    return ClinicalDocument(
        kind=kind, practice=practice_header(profile), client=client_ident(client), sections=tuple(sections),
        period=(summary.get("date_from"), summary.get("date_to")) if kind is DocumentKind.TREATMENT_SUMMARY else None,
        service_date=None if kind is DocumentKind.TREATMENT_SUMMARY else (summary.get("signed_at") or "")[:10],
        details=details, signature=_signature(summary["signer_name"], summary["signed_at"], profile),
        ai_model=summary.get("ai_model") or None, document_ref=f"Summary {summary['id']}",
    )


def _intervention_line(intervention) -> str:
    """``Intervention: text (target date)``; a bare string is a plan stored before interventions had dates."""
    if isinstance(intervention, str):
        return f"Intervention: {intervention}"
    target = f" (target {intervention['target_date']})" if intervention.get("target_date") else ""
    return f"Intervention: {intervention['intervention']}{target}"


def plan_document(plan: dict, client: dict, profile) -> ClinicalDocument:
    """A signed treatment plan version: one section per problem."""
    sections = []
    for number, problem in enumerate(plan["plan"]["problems"], 1):
        lines = []
        for g_number, goal in enumerate(problem["goals"], 1):
            extra = "; ".join(x for x in (f"measured by {goal['measure']}" if goal.get("measure") else "",
                                          f"target {goal['target_date']}" if goal.get("target_date") else "",
                                          f"status: {goal['status']}") if x)
            lines.append(f"Goal {number}.{g_number}: {goal['goal']} ({extra})")
            for objective in goal.get("objectives", []):
                target = f", target {objective['target_date']}" if objective.get("target_date") else ""
                lines.append(f"- Objective: {objective['objective']} ({objective['status']}{target})")
                lines.extend(f"  - {_intervention_line(i)}" for i in objective.get("interventions", []))
            lines.extend(f"- {_intervention_line(i)}" for i in goal.get("interventions", []))
            lines.append("")
        sections.append(Section(f"Problem {number}: {problem['problem']}", "\n".join(lines).strip()))
    narrative = (plan["plan"].get("review_narrative") or "").strip()
    if narrative:  # what the clinician concluded at the review that made this version
        sections.append(Section("Plan review", narrative))
    return ClinicalDocument(
        kind=DocumentKind.TREATMENT_PLAN, practice=practice_header(profile), client=client_ident(client),
        sections=tuple(sections),
        details=(("Plan date", (plan.get("signed_at") or plan["created_at"])[:10]), ("Version", str(plan["version"])),
                 ("Review date", plan.get("review_date") or "")),
        signature=_signature(plan["signer_name"], plan["signed_at"], profile), document_ref=f"Plan {plan['id']}",
    )


def assessment_document(assessment: dict, client: dict, profile, items: tuple[str, ...] = ()) -> ClinicalDocument:
    """A signed assessment: item answers (for known instruments), total and severity."""
    sections: list = []
    answers = assessment.get("answers") or []
    if items and answers:
        rows = tuple((str(n), text, _ANSWER_LABELS[a] if 0 <= a < 4 else str(a), str(a))
                     for n, (text, a) in enumerate(zip(items, answers), 1))
        sections.append(TableSection(f"{assessment['title']} items", ("#", "Over the last two weeks…", "Answer", "Score"),
                                     rows, widths=(1, 12, 5, 2)))
    maximum = f" of {assessment['max_total']}" if assessment.get("max_total") else ""
    result = f"Total score {assessment['total_score']}{maximum}"
    if assessment.get("severity"):
        result += f": {assessment['severity']}."
    if assessment.get("self_harm_flag"):
        result += ("\n\nItem 9 (thoughts of being better off dead or of self-harm) was answered above "
                   "“Not at all”; see the clinical record for the risk assessment.")
    sections.append(Section("Result", result))
    return ClinicalDocument(
        kind=DocumentKind.ASSESSMENT, practice=practice_header(profile), client=client_ident(client),
        sections=tuple(sections), service_date=assessment["administered_on"],
        details=(("Instrument", assessment["title"]),),
        signature=_signature(assessment["signer_name"], assessment["signed_at"], profile),
        document_ref=f"Assessment {assessment['id']}",
    )
