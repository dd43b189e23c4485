"""Vault figures: unlock time, size with 1,000 fictional notes, time to list one client's chart.

    .venv/bin/python bench/vault_bench.py [--notes 1000] [--repeat 7]

Prints medians over --repeat runs. Uses a temporary folder; nothing is kept.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from session_assistant.app import create_practice, open_practice
from session_assistant.paths import AppPaths

PASSPHRASE = "benchmark passphrase, fictional practice"


def median_time(fn, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--notes", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        paths = AppPaths.default(vault_dir=Path(tmp) / "vault")
        practice, _ = create_practice(paths, PASSPHRASE)
        practice.profile.update(name="Dr Bench", credentials="PhD")
        profile = practice.profile.get()
        clients = [practice.clients.add(f"First{i}", f"Last{i}", "1980-01-01") for i in range(20)]
        text = ("Client reported improved sleep and fewer panic episodes this week. Discussed cognitive "
                "restructuring of catastrophic thoughts; client practised paced breathing in session. ") * 6
        start = time.perf_counter()
        for i in range(args.notes):
            client = clients[0] if i < args.notes // 2 else clients[i % len(clients)]
            day = 1 + i % 28
            appointment = practice.appointments.add(client, f"2025-{1 + (i // 28) % 12:02d}-{day:02d}T{8 + i % 9:02d}:00", 50)
            note = practice.notes.create(appointment)
            practice.notes.set_field(note, "session_summary", text)
            practice.notes.sign(note, profile)
        write_s = time.perf_counter() - start
        practice.close()
        db = paths.vault_dir / "vault.db"
        size_mb = sum(p.stat().st_size for p in paths.vault_dir.iterdir() if p.is_file()) / 1e6

        unlock_s = median_time(lambda: open_practice(paths, PASSPHRASE).close(), args.repeat)
        practice = open_practice(paths, PASSPHRASE)
        chart_s = median_time(lambda: practice.clients.chart(clients[0]), args.repeat)
        notes_in_chart = len(practice.clients.chart(clients[0])["notes"])
        practice.close()
    print(f"notes written: {args.notes} ({write_s:.1f} s, {1000 * write_s / args.notes:.1f} ms per create+edit+sign)")
    print(f"vault size: {size_mb:.2f} MB ({db.name} and key file, after checkpoint)")
    print(f"unlock (Argon2id + open + integrity check + migrations check), median of {args.repeat}: {unlock_s:.3f} s")
    print(f"list one client's chart ({notes_in_chart} of its notes, {args.notes} in the vault), "
          f"median of {args.repeat}: {1000 * chart_s:.1f} ms")


if __name__ == "__main__":
    main()
