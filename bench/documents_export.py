"""Time signed-document work: one note (render, sign, verify, shared copy) and a whole client export.

    nice .venv/bin/python bench/documents_export.py --notes 200 --repeat 5

Creates a temporary vault with one fictional client (``build_sample_chart``: weekly signed notes,
PHQ-9 and GAD-7 every four weeks, a signed plan, diagnoses), then measures medians for single
documents and the time and size of ``export client`` for that chart, and reads the archive back
with the import check (which re-verifies every PDF). Prints figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "src"))

from session_assistant.app import create_practice  # noqa: E402
from session_assistant.clock import FixedClock  # noqa: E402
from session_assistant.documents.export import check_export  # noqa: E402
from session_assistant.documents.from_chart import note_document  # noqa: E402
from session_assistant.documents.render import render_pdf  # noqa: E402
from session_assistant.documents.share import share_copy  # noqa: E402
from session_assistant.documents.signing import sign_pdf  # noqa: E402
from session_assistant.documents.verify import verify_bytes  # noqa: E402
from session_assistant.paths import AppPaths  # noqa: E402
from session_assistant.services.sample_chart import build_sample_chart  # noqa: E402

PASSPHRASE = "bench vault passphrase"
EXPORT_PASSPHRASE = "bench export passphrase words"


def median_time(fn, repeat: int) -> tuple[float, object]:
    """Median CPU time of this process (user + system) per call.

    CPU time, not wall time: the machines this runs on are shared, and under a load average of
    10+ the wall time says more about the neighbours than about this code.
    """
    times, result = [], None
    for _ in range(repeat):
        start = time.process_time()
        result = fn()
        times.append(time.process_time() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--notes", type=int, default=200, help="weekly signed notes in the chart")
    parser.add_argument("--sentences", type=int, default=6, help="sentences per note")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as work:
        work = Path(work)
        paths = AppPaths(data_dir=work / "data", log_dir=work / "log", config_dir=work / "cfg",
                         vault_dir=work / "vault", models_dir=REPO / "models")
        paths.ensure()
        practice, _ = create_practice(paths, PASSPHRASE, FixedClock(datetime(2026, 11, 22, 9, tzinfo=timezone.utc)))
        practice.profile.update(name="Dr Sam Example", credentials="PsyD", licence_number="PSY-0000",
                                practice_name="Example Psychology", practice_address="1 Main Street")
        start = time.perf_counter()
        chart = build_sample_chart(practice, weeks=args.notes, sentences=args.sentences)
        print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        print(f"chart: {len(chart.notes)} signed notes, {len(chart.assessments)} signed assessments, 1 plan "
              f"(built in {time.perf_counter() - start:.1f} s)")

        service = practice.documents
        identity = service.identity()
        profile = practice.profile.get()
        note = practice.notes.get(chart.notes[-1])
        doc = note_document(note, practice.clients.get(chart.client_id),
                            practice.appointments.get(note["appointment_id"]), profile)
        render_pdf(doc)  # warm imports and the font cache
        t_render, pdf = median_time(lambda: render_pdf(doc), args.repeat)
        t_sign, signed = median_time(lambda: sign_pdf(pdf, identity), args.repeat)
        t_verify, result = median_time(lambda: verify_bytes(signed.data), args.repeat)
        assert result.ok
        t_share, shared = median_time(lambda: share_copy(pdf, identity), args.repeat)
        t_cli_like, _ = median_time(lambda: service.export_note(chart.notes[-1], work / "note.pdf"), args.repeat)
        print(f"one note, median CPU time of {args.repeat}: render {t_render * 1000:.0f} ms, sign {t_sign * 1000:.0f} ms, "
              f"verify {t_verify * 1000:.0f} ms, shared copy (AES-256 + sign) {t_share * 1000:.0f} ms, "
              f"export_note end to end {t_cli_like * 1000:.0f} ms")
        print(f"one note, size: unsigned {len(pdf) / 1024:.1f} KiB, signed {len(signed.data) / 1024:.1f} KiB, "
              f"shared {len(shared.data) / 1024:.1f} KiB")

        out = work / "client.export"
        start, cpu_start = time.perf_counter(), time.process_time()
        record = service.export_client(chart.client_id, out, EXPORT_PASSPHRASE)
        t_export, cpu_export = time.perf_counter() - start, time.process_time() - cpu_start
        size = out.stat().st_size
        docs = record.counts["documents"]
        print(f"export client: {cpu_export:.1f} s CPU ({t_export:.1f} s wall) for {docs} signed PDFs "
              f"({len(chart.notes)} notes), {cpu_export / docs * 1000:.0f} ms CPU per document; archive {size / 1024 / 1024:.2f} MiB "
              f"({size / docs / 1024:.1f} KiB per document, JSON + PDFs deflated, AES-256-GCM)")
        start, cpu_start = time.perf_counter(), time.process_time()
        checked = check_export(out.read_bytes(), EXPORT_PASSPHRASE)
        t_check, cpu_check = time.perf_counter() - start, time.process_time() - cpu_start
        chart_json = len(checked.chart["notes"])
        print(f"export check (decrypt, hashes, verify every PDF): {cpu_check:.1f} s CPU ({t_check:.1f} s wall); {len(checked.documents)} PDFs "
              f"verified, {chart_json} notes in chart.json")
        print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
        practice.close()


if __name__ == "__main__":
    main()
