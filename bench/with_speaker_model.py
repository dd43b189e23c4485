"""Run a speaker bench with another installed speaker encoder than the registry's default.

    PYTHONPATH=src .venv/bin/python bench/with_speaker_model.py speaker-dvector bench/transcription_speakers.py --old /nonexistent

Every ``load_encoder(models_dir)`` of the run (the engine's, the voice profile's) then loads the
named model; the app itself always uses the registry's default.
"""

from __future__ import annotations

import runpy
import sys

from session_assistant.transcribe import voice_encoder

name, script = sys.argv[1], sys.argv[2]
# SA_BENCH_SET="module.NAME=value,...": try another setting of a constant (e.g. the d-vector's
# session_assistant.transcribe.dvector_encoder.PIECE_WINDOWS=2) without editing the code.
for item in filter(None, __import__("os").environ.get("SA_BENCH_SET", "").split(",")):
    target, value = item.split("=")
    module, constant = target.rsplit(".", 1)
    __import__("importlib").import_module(module).__dict__[constant] = type(getattr(
        __import__("importlib").import_module(module), constant))(value)
_load = voice_encoder.load_encoder
voice_encoder.load_encoder = lambda models_dir, _name=None: _load(models_dir, name)
sys.argv = [script, *sys.argv[3:]]
sys.path.insert(0, str(__import__("pathlib").Path(script).resolve().parent))
runpy.run_path(script, run_name="__main__")
