"""Screenshots of the chart's editing tabs (not a test): run under Xvfb.

    xvfb-run -a -s "-screen 0 1366x768x24" .venv/bin/python tests/ui/chart_forms_shots.py [--size 1024x600] [--out DIR]

Builds the window through the real composition root on the fictional sample practice in a
throw-away folder, fills the forms as a clinician would, and saves 13-assessments.png,
14-treatment-plan.png and 15-client.png (plus 13b-diagnoses.png, 13c-chart-overview.png) to docs/screenshots/ or --out.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(REPO / "tests"))
PASSPHRASE = "screenshots passphrase 2026"


from shots_common import sample_practice, shot_options  # noqa: E402


def main() -> int:
    args = shot_options()
    width, height = args.width, args.height
    out = args.out
    from PySide6.QtWidgets import QApplication

    from session_assistant.ui.shell.app_main import build_window
    from take_screenshots import wait, wait_until

    app = QApplication(sys.argv)
    paths = sample_practice("sa-chart-shots-", PASSPHRASE)
    window = build_window(paths)
    window.resize(width, height - 28)  # the window manager's title bar
    window.show()
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.unlock_button.click()
    wait_until(app, lambda: window.workspace is not None, 30)
    chart = window.workspace.chart
    avery = next(c["id"] for c in window.ctx.practice.clients.list() if c["last_name"] == "Lindqvist")
    window.workspace.open_chart(avery)

    def shot(name: str) -> None:
        wait(app, 0.4)
        path = out / f"{name}.png"
        window.grab().save(str(path), "PNG", 9)
        print(path)

    chart.tabs.setCurrentIndex(chart.optional_tabs["Assessments"])
    shot("13a-assessments-history")
    chart.assessments_tab.new_buttons["phq9"].click()
    wait(app, 0.3)
    form = chart.assessments_tab.form
    for item, value in enumerate([1, 2, 1, 1, 0, 1, 1, 0, 1]):
        form.buttons[item][value].click()
    shot("13-assessments")
    chart.tabs.setCurrentIndex(chart.optional_tabs["Diagnoses"])
    chart.diagnoses_tab.search.setText("F41")
    shot("13b-diagnoses")
    chart.tabs.setCurrentIndex(chart.optional_tabs["Treatment plan"])
    import copy

    from session_assistant.services.sample_chart import PLAN

    plan = copy.deepcopy(PLAN)
    goal = plan["problems"][0]["goals"][0]
    goal["objectives"][0]["interventions"] = [{"intervention": "Coping-skills card rehearsed in session",
                                               "target_date": "2026-12-20"}]
    goal["interventions"][1] = {"intervention": goal["interventions"][1], "target_date": "2027-01-31"}
    plans = window.ctx.practice.plans
    first = plans.create(avery, plan, review_date="2027-02-01")
    plans.sign(first, "Dr Sam Rivera")
    plans.new_version(avery)
    chart._open(avery)
    editor = chart.plan_tab
    tree = editor.tree.tree
    tree.setCurrentItem(tree.topLevelItem(0).child(0))
    editor.tree.target_date.setText("2027-01-15")
    editor.tree.target_date.textEdited.emit("2027-01-15")
    shot("14-treatment-plan")
    chart.tabs.setCurrentIndex(0)
    shot("13c-chart-overview")
    chart.tabs.setCurrentIndex(chart.optional_tabs["Client"])
    window.ctx.practice.clients.record_consent(avery, "given", note="recorded in the chart")
    chart._open(avery)
    chart.client_tab.pronouns.setCurrentText("they/them")
    shot("15-client")
    window.shutdown()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
