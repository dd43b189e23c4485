"""Screenshots of the audit trail in the window (not a test): run under Xvfb.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tests/ui/audit_trail_shots.py [--size 1024x600] [--out DIR]

The fictional sample practice is written three days ago (a clock stepping a few minutes per entry,
so the trail spans hours, not one minute); the window then opens a chart and a note today. Saves
20-chart-activity.png (a chart's Activity tab) and 20b-audit-trail.png (the practice's audit trail,
checked) and 20c-settings-privacy-audit.png (where it is opened from) to docs/screenshots/ or --out, and prints what each list shows.
"""

from __future__ import annotations

import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO / "tests"))
PASSPHRASE = "screenshots passphrase 2026"

from shots_common import shot_options  # noqa: E402


def _practice_written_days_ago():
    from sa_testing import MODELS_DIR
    from session_assistant.app import create_practice
    from session_assistant.clock import Clock
    from session_assistant.paths import AppPaths
    from session_assistant.services.sample_practice import load_sample_practice

    class SteppingClock(Clock):
        def __init__(self, start: datetime) -> None:
            self._now = start

        def now(self) -> datetime:
            self._now += timedelta(minutes=3)
            return self._now

    home = Path(tempfile.mkdtemp(prefix="sa-audit-shots-"))
    paths = AppPaths(data_dir=home / "data", log_dir=home / "log", config_dir=home / "config",
                     vault_dir=home / "data" / "vault", models_dir=MODELS_DIR)
    paths.ensure()
    start = (datetime.now(timezone.utc) - timedelta(days=3)).replace(hour=13, minute=30, second=0, microsecond=0)
    practice, _recovery = create_practice(paths, PASSPHRASE, clock=SteppingClock(start))
    practice.profile.update(name="Dr Sam Rivera", credentials="PsyD", practice_name="Riverside Counselling",
                            ai_usage_consent=True)
    load_sample_practice(practice)
    practice.close()
    return paths


def main() -> int:
    args = shot_options()
    from PySide6.QtWidgets import QApplication

    from session_assistant.ui.common.audit_rows import shown_rows
    from session_assistant.ui.shell.app_main import build_window
    from take_screenshots import wait, wait_until

    app = QApplication(sys.argv)
    window = build_window(_practice_written_days_ago())
    window.resize(args.width, args.height - 28)  # the window manager's title bar
    window.show()
    window.unlock_page.passphrase.setText("a mistyped passphrase")  # shown in the trail, in the error colour
    window.unlock_page.unlock_button.click()
    wait_until(app, lambda: window.unlock_page.unlock_button.isEnabled(), 30)
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.unlock_button.click()
    wait_until(app, lambda: window.workspace is not None, 30)
    practice, workspace = window.ctx.practice, window.workspace
    signed = next(r for r in practice.appointments.list() if r["note_status"] == "signed")
    workspace.open_note(signed["id"])  # an audited view of a signed note, today
    wait(app, 0.3)
    workspace.open_chart(signed["client_id"])
    chart = workspace.chart
    chart.tabs.setCurrentWidget(chart.activity_tab)
    wait_until(app, lambda: chart.activity_tab.loaded, 30)
    size = "" if (args.width, args.height) == (1366, 768) else f"-{args.width}x{args.height}"

    def shot(widget, name: str) -> None:
        wait(app, 0.4)
        path = args.out / f"{name}{size}.png"
        widget.grab().save(str(path), "PNG", 9)
        print(path)

    shot(window, "20-chart-activity")
    for row in shown_rows(chart.activity_tab.tree):
        print("  ", " | ".join(row))
    chart.activity_tab.whole_trail.click()
    from session_assistant.ui.settings.audit_trail import AuditTrailDialog

    dialog = chart.findChild(AuditTrailDialog)
    dialog.client.setCurrentIndex(0)
    wait_until(app, lambda: dialog.checked is not None and dialog.loaded, 30)
    shot(dialog, "20b-audit-trail")
    print("  ", dialog.integrity.text())
    for row in shown_rows(dialog.tree)[:12]:
        print("  ", " | ".join(row))
    dialog.close()
    from session_assistant.ui.settings.settings_dialog import SettingsDialog

    settings = SettingsDialog(window.ctx, workspace)
    settings.tabs.setCurrentIndex(1)
    settings.show()
    shot(settings, "20c-settings-privacy-audit")
    settings.close()
    window.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
