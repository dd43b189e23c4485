"""The chart's read-only parts: the latest measures on the overview, the Notes list's rows and the
Documents tab."""

from __future__ import annotations

from PySide6.QtWidgets import QPlainTextEdit, QVBoxLayout, QWidget

from session_assistant.ui.summary.summary_dialogs import local_time

MEASURES = (("phq9", "PHQ-9", 27), ("gad7", "GAD-7", 21))


def latest_measures(practice, client_id: int) -> tuple[str, list]:
    """('PHQ-9 12 (moderate) on 2026-11-02 · ...', plot series)."""
    service = practice.assessments
    words, series = [], []
    for key, title, maximum in MEASURES:
        rows = service.list(client_id, key)
        if rows:
            last = rows[-1]
            flag = " · item 9 answered above 0: review risk" if last.get("self_harm_flag") else ""
            words.append(f"{title} {last['total_score']} ({last.get('severity', '')}) on {last['administered_on']}{flag}")
        series.append((title, service.trend(client_id, key), maximum))
    return (" · ".join(words) or "No PHQ-9 or GAD-7 recorded yet."), series


def note_row(note: dict) -> tuple[str, str, str, str]:
    """(session, template, status, signed) for the Notes list; a signed note with addenda says how many,
    since a correction is read with the note. The signing time is local, as the session's is: a note
    signed at 19:29 in New York was listed as signed "2026-12-04 00:29", the next day (the stored UTC)."""
    status = note["status"].capitalize()
    count = note.get("addenda_count") or 0
    if count:
        status += f" · {count} addend{'um' if count == 1 else 'a'}"
    session = (note.get("starts_at") or note.get("created_at") or "")[:16].replace("T", " ")
    return session, note["template_name"], status, local_time(note.get("signed_at")) if note.get("signed_at") else ""


class TextTab(QWidget):
    """A read-only text view (documents)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(name)
        QVBoxLayout(self).addWidget(self.text)


def fill_documents(tab: TextTab, practice, client_id: int) -> bool:
    """Exports written for this client and the shred log of its recordings (ids and times only)."""
    exports = practice.clients.exports(client_id)
    shreds = practice.clients.shredded_recordings(client_id)
    lines = ["Exports:"] + [f"  {local_time(e['created_at'])}  {e['kind']:<10} {e['file_name']}"
                           f"{'  (shared copy)' if e['shared'] else ''}  sha256 {e['content_sha256'][:12]}…"
                           for e in exports]
    if not exports:
        lines.append("  none yet")
    lines += ["", "Recordings shredded (24-hour rule or on request):"]
    lines += [f"  {local_time(s['shredded_at'])}  recording {s['recording_id'][:8]}…  {s['reason']}"
              for s in shreds]
    if not shreds:
        lines.append("  none yet")
    tab.text.setPlainText("\n".join(lines))
    return True
