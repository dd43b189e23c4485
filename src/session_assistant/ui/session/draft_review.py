"""Parts of the note editor's AI review: the risk list's rows and the redraft after a speaker fix.

Functions over a ``NoteEditorPage`` (its ``_ctx``, ``note``, ``_editors`` and ``_run``), kept apart
so the editor stays readable.
"""

from __future__ import annotations

from session_assistant.drafting.risk_after_screen import KIND_WORDS
from session_assistant.drafting.risk_follow_ups import quote
from session_assistant.ui.common import engines

NO_RISK = "No risk phrases found in the transcript."
# Names no section key or title, so refine_draft redrafts exactly the sections listed after it.
SPEAKER_FIX = "Speaker names on some transcript lines were corrected; attribute each statement to whoever said it"


def _value(item, name: str, default=None):
    return item.get(name, default) if isinstance(item, dict) else getattr(item, name, default)


def is_endorsed(item) -> bool:
    return str(_value(item, "status", "") or "").strip().lower() == "endorsed"


def _client_words(item, phrase: str) -> str:
    """What the client said, short: the answer's sentences (from the one holding the risk words), else the phrase."""
    text = str(_value(item, "text", "") or "")
    return quote(text, phrase if phrase.lower() in text.lower() else "")[1:-1] if text.strip() else phrase


def risk_rows(risk, times: dict[int, str] | None = None) -> list[str]:
    """One row per risk item. A screening leads with what was asked and the answer: "Risk screened:
    denied ...: suicidal ideation" read at a glance as if the ideation were present.

    ``times``: each transcript line's start as the transcript shows it ("00:56"), by segment id; a
    row then says "at 00:56", which the clinician finds beside it, not "line 12", which no screen shows.
    """
    rows = []
    for item in risk:
        category = str(_value(item, "category", "")).replace("_", " ")
        line, phrase = _value(item, "segment_id"), _value(item, "phrase", "")
        where = f"at {times[line]}" if times and line in times else f"line {line}"
        status = str(_value(item, "status", "") or "").strip()
        if not status:
            rows.append(f"{_value(item, 'category', '')}: {where} “{phrase}”")
            continue
        if status.lower() == "agreed":  # a safety step after a screen: "Safety step agreed (“coping card”)"
            rows.append(f"Safety step agreed (“{phrase}”) ({where})")
            continue
        category = KIND_WORDS.get(str(_value(item, "category", "")), category)  # "access to means", not "means"
        past, detail = _value(item, "past", "") or "", _value(item, "detail", "") or ""
        if status.lower().startswith("screened"):
            answer = status.split(":", 1)[1].strip() if ":" in status else ""
            answer = f"client {answer}" if answer in ("denied", "endorsed") else answer or "answered"
            if answer == "rated":  # the number is the client's: "rated (“At the worst, a seven.”)"
                answer = f"rated (“{_client_words(item, '')}”)"
            if past and answer == "client denied":  # "No. Not since I was twenty.": no now, a past told
                answer = f"client denied current {category}; told past {category} (“{past}”)"
            check = ", the question's wording to check" if detail == "wording to check" else ""
            rows.append(f"Asked about {category} (“{phrase}”), {answer} ({where}){check}")
        elif status.lower() == "endorsed":
            # the kind and the client's own words, not the question's option ("that you wouldn't wake up")
            kind = " ".join(w for w in ("past" if past else "", detail, category) if w)
            said = f"{'told' if past else 'endorsed'} {kind} (“{_client_words(item, phrase)}”) ({where})"
            asked = len(_value(item, "evidence", []) or []) > 1 and phrase.lower() not in str(_value(item, "text", "")).lower()
            # a yes to the question's words: both, "Asked about ... (“that you wouldn't wake up”), client endorsed ..."
            rows.append(f"Asked about {category} (“{phrase}”), client {said}" if asked else f"Client {said}")
        elif status.lower() == "denied":  # "Risk denied ...: suicidal ideation" misread the same way
            rows.append(f"Client {status.lower()} {category} (“{phrase}”) ({where})")
        else:
            rows.append(f"Risk {status} ({where}): {category} “{phrase}”")
    return rows or [NO_RISK]


def speaker_fix_instruction(draft, keys) -> str:
    titles = [draft.format.section(k).title for k in keys if k in draft.format.keys]
    return f"{SPEAKER_FIX} ({', '.join(titles)})."


def redraft_sections(page, keys) -> bool:
    """Redraft the sections ``keys`` of the page's AI draft (engine pool); only the note text of
    those sections changes, in whichever fields the template put them. False when there is nothing
    to redraft or the note is signed."""
    from session_assistant.ui.note.note_ai import apply_draft, draft_values

    work = page._ctx.sessions.get(page.appointment_id)
    keys = [k for k in keys if work is not None and work.draft is not None and k in work.draft.format.keys]
    if not keys or page.note is None or page.note["status"] == "signed" or page._worker is not None:
        return False
    ctx, current, utterances = page._ctx, work.draft, work.utterances
    instruction = speaker_fix_instruction(current, keys)

    def apply(refined) -> None:  # refine_draft keeps the other sections' sentences as they were
        apply_draft(page, refined, utterances, draft_values(page, refined, keys))

    page._run(lambda p, t: engines.refine(ctx, current, utterances, instruction, p, t),
              "Redrafting the sections whose speakers changed…", apply)
    return True
