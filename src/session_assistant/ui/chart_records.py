"""Read-only chart tabs over the chart services when this build has them (issue 6's engines).

Each filler returns False when its service is missing, so the tab stays disabled instead of
showing anything invented.
"""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPlainTextEdit, QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from session_assistant.ui.trend_plot import TrendPlot

MEASURES = (("phq9", "PHQ-9", 27), ("gad7", "GAD-7", 21))


def latest_measures(practice, client_id: int) -> tuple[str, list] | None:
    """('PHQ-9 12 (moderate) on 2026-11-02 · ...', plot series) or None without the service."""
    service = getattr(practice, "assessments", None)
    if service is None:
        return None
    words, series = [], []
    for key, title, maximum in MEASURES:
        rows = service.list(client_id, key)
        if rows:
            last = rows[-1]
            flag = " · item 9 answered above 0: review risk" if last.get("self_harm_flag") else ""
            words.append(f"{title} {last['total_score']} ({last.get('severity', '')}) on {last['administered_on']}{flag}")
        series.append((title, service.trend(client_id, key), maximum))
    return (" · ".join(words) or "No PHQ-9 or GAD-7 recorded yet."), series


class AssessmentsTab(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTreeWidget()
        self.table.setHeaderLabels(("Date", "Instrument", "Total", "Severity", "Status"))
        self.table.setRootIsDecorated(False)
        self.table.setAccessibleName("Assessments")
        self.plot = TrendPlot()
        self.plot.setMinimumHeight(140)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("PHQ-9 and GAD-7 over time:"))
        layout.addWidget(self.plot)
        layout.addWidget(self.table, 1)

    def fill(self, practice, client_id: int) -> bool:
        service = getattr(practice, "assessments", None)
        if service is None:
            return False
        self.table.clear()
        for row in service.list(client_id):
            self.table.addTopLevelItem(QTreeWidgetItem([str(row.get("administered_on", "")), str(row.get("instrument", "")),
                                                        str(row.get("total_score", "")), str(row.get("severity", "") or ""),
                                                        str(row.get("status", ""))]))
        self.plot.set_series([(title, service.trend(client_id, key), maximum) for key, title, maximum in MEASURES])
        return True


class TextTab(QWidget):
    """A read-only text view (treatment plan, summaries)."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.text = QPlainTextEdit()
        self.text.setReadOnly(True)
        self.text.setAccessibleName(name)
        QVBoxLayout(self).addWidget(self.text)


def fill_plan(tab: TextTab, practice, client_id: int) -> bool:
    service = getattr(practice, "plans", None)
    if service is None:
        return False
    from session_assistant.services.treatment_plans import plan_text

    plan = service.latest(client_id)
    if plan is None:
        tab.text.setPlainText("No treatment plan yet.")
        return True
    header = f"Version {plan.get('version', '')} · {plan.get('status', '')}\n\n"
    tab.text.setPlainText(header + (plan.get("text") or plan_text(plan["plan"], plan.get("review_date"))))
    return True


def fill_documents(tab: TextTab, practice, client_id: int) -> bool:
    """Exports written for this client and the shred log of its recordings (ids and times only)."""
    with practice.vault.db.read() as conn:
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "exports" not in tables:
            return False
        exports = conn.execute("SELECT kind, file_name, created_at, shared, content_sha256 FROM exports "
                               "WHERE client_id = ? ORDER BY id DESC", (client_id,)).fetchall()
        shreds = conn.execute("SELECT s.recording_id, s.reason, s.shredded_at FROM shred_log s JOIN appointments a "
                              "ON a.id = s.appointment_id WHERE a.client_id = ? ORDER BY s.id DESC",
                              (client_id,)).fetchall() if "shred_log" in tables else []
    lines = ["Exports:"] + [f"  {created[:16].replace('T', ' ')}  {kind:<10} {name}{'  (shared copy)' if shared else ''}"
                           f"  sha256 {digest[:12]}…" for kind, name, created, shared, digest in exports]
    if not exports:
        lines.append("  none yet")
    lines += ["", "Recordings shredded (24-hour rule or on request):"]
    lines += [f"  {when[:16].replace('T', ' ')}  recording {rec[:8]}…  {reason}" for rec, reason, when in shreds]
    if not shreds:
        lines.append("  none yet")
    tab.text.setPlainText("\n".join(lines))
    return True
