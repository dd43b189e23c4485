"""Recording figures for the closing note: chunk overhead, CPU share, kill -9 loss.

    nice .venv/bin/python bench/recording_bench.py [--seconds 30] [--kills 10] [--device pulse]

1. Overhead: bytes on disk per second of audio beyond the 32,000 B/s of 16 kHz mono int16 PCM.
2. CPU share of recording on this machine's cores, from /proc/self/stat (utime + stime of the
   whole process: callback thread, writer thread, resampling, AES-GCM, fdatasync) over a real-time
   recording: through PortAudio from ``--device`` (the virtual PulseAudio device when
   scripts/virtual-audio.sh has run; PULSE_SERVER must be set) and from a fake 48 kHz stereo
   stream (the resampling path, no device).
3. Kill -9: a child process records in real time (tests/audio/kill_child.py) and is killed at a
   random moment; reports the gap between the kill and the last sealed chunk and the audio lost.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "audio"))

from audio_fakes import fake_factory, sine  # noqa: E402

from session_assistant.audio import devices, sealed  # noqa: E402
from session_assistant.audio.capture import Recorder  # noqa: E402

TICKS = os.sysconf("SC_CLK_TCK")


def cpu_seconds() -> float:
    fields = Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def new_writer(folder: Path):
    key, rec_id = sealed.new_key(), sealed.new_recording_id()
    path = folder / sealed.file_name_for(rec_id)
    return sealed.SealedWriter(path, key, rec_id), key, path


def overhead(folder: Path, seconds: float) -> None:
    writer, key, path = new_writer(folder)
    factory = fake_factory(sine(seconds, 16000))
    recorder = Recorder(writer, factory, 16000, queue_blocks=100_000)
    recorder.start()
    factory.streams[0].exhausted.wait(120)
    result = recorder.stop()
    size = path.stat().st_size
    pcm = int(result.duration_s * 16000) * 2
    print(f"overhead: {result.duration_s:.0f} s of audio -> {size} bytes; PCM {pcm} bytes; "
          f"extra {size - pcm} bytes = {(size - pcm) / result.duration_s:.1f} B/s "
          f"({100 * (size - pcm) / pcm:.3f} % of PCM); per chunk 21 B (5 B frame + 16 B GCM tag), "
          f"header 52 B, end marker 37 B")


def cpu_share(folder: Path, seconds: float, label: str, open_stream, rate: int, channels: int) -> None:
    writer, key, path = new_writer(folder)
    recorder = Recorder(writer, open_stream, rate, channels)
    cpu0, wall0 = cpu_seconds(), time.monotonic()
    recorder.start()
    while recorder.elapsed_s < seconds and not recorder.finished:
        time.sleep(0.2)
    result = recorder.stop()
    cpu, wall = cpu_seconds() - cpu0, time.monotonic() - wall0
    cores = os.cpu_count() or 1
    print(f"cpu [{label}, {rate} Hz x{channels}]: {result.duration_s:.1f} s recorded in {wall:.1f} s wall, "
          f"{cpu:.2f} s CPU = {100 * cpu / wall:.2f} % of one core = {100 * cpu / wall / cores:.2f} % "
          f"of {cores} cores; overruns {result.overruns}")
    assert sealed.SealedReader(path, key).info().complete


def kills(folder: Path, count: int) -> None:
    child = REPO / "tests" / "audio" / "kill_child.py"
    gaps, losses = [], []
    for _ in range(count):
        key, rec_id = sealed.new_key(), sealed.new_recording_id()
        path = folder / sealed.file_name_for(rec_id)
        proc = subprocess.Popen([sys.executable, str(child), str(path), key.hex(), rec_id],
                                stdout=subprocess.PIPE, text=True)
        started = float(proc.stdout.readline().split()[1])
        time.sleep(max(0.0, started + random.uniform(2.0, 6.0) - time.time()))
        killed = time.time()
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        chunk_times = [float(l.split()[2]) for l in proc.stdout.read().splitlines() if l.startswith("chunk")]
        info = sealed.SealedReader(path, key).info()
        assert not info.complete
        gaps.append(killed - (chunk_times[-1] if chunk_times else started))
        losses.append(killed - started - info.duration_s)
    print(f"kill -9 x{count}: kill-to-last-sealed-chunk median {statistics.median(gaps):.2f} s, "
          f"longest {max(gaps):.2f} s; audio lost median {statistics.median(losses):.2f} s, "
          f"most {max(losses):.2f} s (bound: the ~1 s chunk in flight)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--kills", type=int, default=10)
    parser.add_argument("--device", default="pulse", help="PortAudio input for the CPU figure ('' to skip)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        overhead(folder, 600.0)
        if args.device:
            try:
                device = devices.resolve_device(args.device)
                rate, channels = devices.choose_settings(device)
                cpu_share(folder, args.seconds, f"PortAudio {device.name!r}", devices.portaudio_stream_factory(device),
                          rate, channels)
                cpu_share(folder, args.seconds, f"PortAudio {device.name!r}", devices.portaudio_stream_factory(device),
                          48000, 2)
            except Exception as error:  # noqa: BLE001 - a bench reports and goes on
                print(f"cpu [PortAudio]: skipped ({error})")
        cpu_share(folder, args.seconds, "fake stream", fake_factory(sine(7.3, 48000, channels=2), speed=1.0, loop=True),
                  48000, 2)
        kills(folder, args.kills)


if __name__ == "__main__":
    main()
