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

if __import__("os").environ.get("SA_BENCH_CENTROIDS"):
    # Print how alike the clusters' centroids are, per clustering (the "is this session clear?" measure).
    import numpy as np

    from session_assistant.transcribe import speakers, voice_clusters

    _cluster = voice_clusters.cluster_rows

    def _reporting(table, count, groups=None):
        labels = _cluster(table, count, groups)
        if table.shape[1] - 2 >= 64 and len(set(labels.tolist())) > 1:
            x = voice_clusters.unit(table[:, 2:])
            weights = np.sqrt(np.clip(table[:, 1] - table[:, 0], 0.3, 10.0))
            centres = voice_clusters.unit(np.array([(x[labels == c] * weights[labels == c, None]).sum(axis=0)
                                                    for c in sorted(set(labels.tolist()))]))
            sims = centres @ centres.T
            print(f"[centroids {sims[np.triu_indices(len(centres), 1)].max():.3f}]", file=sys.stderr, flush=True)
        return labels

    speakers.cluster_rows = voice_clusters.cluster_rows = _reporting

runpy.run_path(script, run_name="__main__")
