"""Screenshots of the themed window (not a test): agenda, chart, session, note editor and a signed note, light and dark,
at 1366x768 and 1024x600, written to docs/screenshots/theme-<screen>-<mode>-<size>.png.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/ui/theme_shots.py [--out DIR]

No model runs: the session's transcript and AI draft are the fictional ones the window tests store,
on the fictional sample practice, so the pictures show the window rather than a model's words.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

REPO = Path(__file__).resolve().parents[2]
SIZES = ((1366, 768), (1024, 600))


from shots_common import sample_practice, shot_options  # noqa: E402
from take_screenshots import wait  # noqa: E402


def main() -> int:
    args = shot_options(("--modes", dict(default="light,dark")))
    out = args.out

    from PySide6.QtWidgets import QApplication

    from sa_testing import TEST_PASSPHRASE
    from session_assistant.app import open_practice
    from session_assistant.ui.common import theme
    from session_assistant.ui.shell.app_main import build_window
    from test_ui_note_review import SOAP_AI, _seed

    app = QApplication(sys.argv)
    paths = sample_practice("sa-theme-shots-", TEST_PASSPHRASE)
    appointment = _seed(paths)
    practice = open_practice(paths, TEST_PASSPHRASE)
    client_id = next(a["client_id"] for a in practice.appointments.list() if a["id"] == appointment)
    practice.close()

    window = build_window(paths)
    window.show()
    wait(app, 0.3)
    window.unlock_page.passphrase.setText(TEST_PASSPHRASE)
    window.unlock_page.unlock_button.click()
    while window.workspace is None:
        wait(app, 0.1)
    workspace = window.workspace
    workspace.open_note(appointment)
    editor = workspace.note
    editor.template.setCurrentIndex(editor.template.findText(SOAP_AI))
    editor.create_button.click()
    editor.sentences.setCurrentRow(1)

    def grab(name: str, mode: str, width: int, height: int) -> None:
        wait(app, 0.4)
        path = out / f"theme-{name}-{mode}-{width}x{height}.png"
        window.grab().save(str(path), "PNG", 9)
        print(f"{path.name}: {path.stat().st_size // 1024} KB")

    for mode in args.modes.split(","):
        theme.apply(app, mode)
        for width, height in SIZES:
            window.resize(width, height)
            workspace.go(0)
            agenda = workspace.agenda
            if agenda.tree.topLevelItemCount():
                agenda.tree.setCurrentItem(agenda.tree.topLevelItem(0).child(0))
            grab("agenda", mode, width, height)
            workspace.open_chart(client_id)
            grab("chart", mode, width, height)
            workspace.open_session(appointment)
            grab("session", mode, width, height)
            workspace.open_note(appointment)
            editor.sentences.setCurrentRow(1)
            grab("note-editor", mode, width, height)
            signed = next(a for a in window.ctx.practice.appointments.list() if a["note_status"] == "signed")
            workspace.open_note(signed["id"])
            grab("note-signed", mode, width, height)
    window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
