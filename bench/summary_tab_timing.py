"""Time from Generate to a treatment-summary draft on screen, in the real window (and screenshots).

    flock /tmp/sa-heavy.lock xvfb-run -a -s "-screen 0 1366x768x24" \
        .venv/bin/python bench/summary_tab_timing.py --llm smollm2-135m-instruct --size 1366x768 \
        [--shots /tmp/shots] [--screenshot docs/screenshots/12-summary-tab.png]

Builds the window through the composition root in a throw-away folder with the fictional sample
practice, opens the first sample client's Summary tab, Add → Treatment Summary with the default
range (the client's whole signed record), presses Generate and waits for the draft in the editor.
Prints the seconds from the click to the draft on screen (the tab's own measure, taken after the
editor was repainted) and the summarizer's defaults in use. Without --llm: the app's default model.

``--weeks 26`` (or 104) adds the sample chart's client with that many weekly signed notes and
summarises their record instead (the issue's 6- and 24-month targets). ``--dwell`` is how long
the form stays open before the click: the form warms the model up once it has rested a second
(``ui/summary/summary_warmup.py``), so a click at 0.3 s measures Generate doing everything itself and a
click after a few seconds what a clinician who looks at the range first waits. Timing runs:

    flock /tmp/sa-heavy.lock taskset -c 1 env QT_QPA_PLATFORM=offscreen \
        .venv/bin/python bench/summary_tab_timing.py --weeks 26 --dwell 10
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
PASSPHRASE = "summary timing passphrase 2026"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--llm", default="", help="note model id (default: the app's default)")
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--weeks", type=int, default=0,
                        help="add the sample chart's client with this many weekly signed notes (26 = 6 months, "
                             "104 = 24 months; about 90 words each, digested as signing does) and summarise "
                             "their whole record; 0: the sample practice's Avery")
    parser.add_argument("--dwell", default="0.3",
                        help="seconds the form stays open before Generate is clicked, or 'warm': until the "
                             "form's warm-up has read the prompt (at most 300 s)")
    parser.add_argument("--shots", type=Path, help="folder for form/progress/editor/sources PNGs")
    parser.add_argument("--screenshot", type=Path, help="the editor shot, scaled to 1100 px wide (README)")
    args = parser.parse_args()
    width, height = (int(v) for v in args.size.split("x"))

    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QApplication

    from session_assistant.app import create_practice
    from session_assistant.paths import AppPaths
    from session_assistant.services.sample_practice import load_sample_practice
    from session_assistant.ui.shell.app_main import build_window

    app = QApplication(sys.argv)
    home = Path(tempfile.mkdtemp(prefix="sa-summary-timing-"))
    paths = AppPaths(data_dir=home / "data", log_dir=home / "log", config_dir=home / "config",
                     vault_dir=home / "data" / "vault", models_dir=REPO / "models")
    paths.ensure()
    practice, _recovery = create_practice(paths, PASSPHRASE)
    practice.profile.update(name="Dr Sample Clinician", credentials="PhD", ai_usage_consent=True)
    load_sample_practice(practice)
    if args.weeks:
        from session_assistant.services.sample_chart import build_sample_chart

        # Ending this week: the form's default range (first item to today) then holds all of it.
        first = datetime.date.today() - datetime.timedelta(weeks=args.weeks)
        build_sample_chart(practice, weeks=args.weeks, start=first.isoformat(), sentences=5)
        practice.digests.run_pending()  # as the window's background pass does after each signing
    practice.close()

    def pump(seconds: float) -> None:
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.02)

    def save(name: str, widget=None) -> None:
        if args.shots:
            args.shots.mkdir(parents=True, exist_ok=True)
            (widget or window).grab().save(str(args.shots / f"{name}-{width}x{height}.png"))

    window = build_window(paths, model_overrides={"llm": args.llm} if args.llm else None)
    window.ctx.settings.auto_lock_minutes = 120
    window.resize(width, height)
    window.show()
    window.unlock_page.passphrase.setText(PASSPHRASE)
    window.unlock_page.unlock_button.click()
    while window.workspace is None:
        pump(0.1)
    workspace = window.workspace
    workspace.go(1)
    chart = workspace.chart
    chart.clients.setCurrentItem(next(chart.clients.item(i) for i in range(chart.clients.count())
                                      if ("Robin" if args.weeks else "Avery") in chart.clients.item(i).text()))
    chart.tabs.setCurrentIndex(chart.optional_tabs["Summary"])
    tab = chart.summary_tab
    tab.add_treatment_action.trigger()
    dwell_cpu, opened = time.process_time(), time.monotonic()
    if args.dwell == "warm":
        while not getattr(tab, "warm_up", None) or not tab.warm_up.finished_keys:
            pump(0.1)
            if time.monotonic() - opened > 300:
                break
    else:
        pump(float(args.dwell))
    dwell_seconds, dwell_cpu = time.monotonic() - opened, time.process_time() - dwell_cpu
    save("form")
    print(f"model: {args.llm or 'default'}; {tab.in_range.text()}")
    started, cpu_started = time.monotonic(), time.process_time()
    tab.generate_button.click()
    progress_shot = False
    while tab.busy_now:
        pump(0.2)
        if not progress_shot and time.monotonic() - started > 5:
            save("progress")
            progress_shot = True
    cpu_seconds = time.process_time() - cpu_started  # every thread of the process: what the click waited on
    if tab.summary is None:
        print(f"failed: {tab.form_error.text()}")
        return 1
    result = window.ctx.practice.summaries.last_result
    print(f"Generate to draft on screen: {tab.last_generate_seconds:.1f} s "
          f"({len(tab.summary['statements'])} lines, {len(tab.summary['sources'])} sources)")
    print(json.dumps({"generate_to_screen_seconds": round(tab.last_generate_seconds, 2),
                      "compose_seconds": round(result.seconds, 2), "model_calls": result.model_calls,
                      "prompt_tokens": result.prompt_tokens, "generated_tokens": result.generated_tokens,
                      "cpu_seconds": round(cpu_seconds, 2), "form_dwell_seconds": round(dwell_seconds, 1),
                      "dwell_cpu_seconds": round(dwell_cpu, 2), "cpus": sorted(os.sched_getaffinity(0)),
                      "load_avg_at_end": round(os.getloadavg()[0], 1)}))
    pump(0.3)
    save("editor")
    if args.screenshot:
        image = window.grab().toImage().scaledToWidth(1100, Qt.TransformationMode.SmoothTransformation)
        image.save(str(args.screenshot), "PNG", 9)
    tab.sources_button.click()
    pump(0.3)
    save("sources", tab.sources_dialog)
    tab.sources_dialog.close()
    window.shutdown()
    return 0


if __name__ == "__main__":
    sys.exit(main())
