"""Child process for the kill -9 tests and bench: records a looping signal in real time through
the real Recorder and SealedWriter (fake stream only), until it is killed.

    python kill_child.py PATH KEY_HEX RECORDING_ID

Prints "started <time.time()>" once the stream runs, then "chunk <n> <time.time()>" after each
sealed chunk (the on_chunk hook runs right after the chunk's fdatasync).
"""

from __future__ import annotations

import sys
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audio_fakes import fake_factory, sine  # noqa: E402

from session_assistant.audio.capture import Recorder  # noqa: E402
from session_assistant.audio.sealed import SealedWriter  # noqa: E402


def main() -> None:
    path, key_hex, rec_id = sys.argv[1:4]
    writer = SealedWriter(Path(path), bytes.fromhex(key_hex), rec_id)
    count = [0]

    def on_chunk(_samples) -> None:
        count[0] += 1
        print(f"chunk {count[0]} {time.time():.6f}", flush=True)

    signal_48k = sine(7.3, 48000, freq=330.0, channels=2)
    recorder = Recorder(writer, fake_factory(signal_48k, speed=1.0, loop=True), 48000, 2, on_chunk=on_chunk)
    recorder.start()
    print(f"started {time.time():.6f}", flush=True)
    threading.Event().wait()


if __name__ == "__main__":
    main()
