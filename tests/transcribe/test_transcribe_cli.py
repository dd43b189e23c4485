"""``session-assistant transcribe`` through the real CLI, on real files."""

from __future__ import annotations

import json
import shutil

import pytest

from transcribe_samples import speak, write_wav

import numpy as np

from sa_testing import MODELS_DIR

SENTENCE = "Good morning. How have you been sleeping since our last session?"


def _files(folder):
    return sorted(p.relative_to(folder) for p in folder.rglob("*"))


@pytest.mark.slow
def test_transcribe_prints_json_and_text(cli, tmp_path):
    wav = speak(SENTENCE, "en-us+m3", tmp_path / "speech.wav")
    before = _files(tmp_path)
    result = cli("transcribe", str(wav), "--json", "--language", "en")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert set(data) == {"language", "duration_s", "segments", "speaker_naming"}
    assert data["language"] == "en" and 4 < data["duration_s"] < 8
    text = " ".join(s["text"] for s in data["segments"]).lower()
    assert "sleeping" in text and "session" in text
    assert all(set(s) == {"id", "start", "end", "speaker", "text"} for s in data["segments"])
    assert data["segments"][0]["speaker"] == "clinician"
    # Words, the language found by Whisper, and one voice: no speaker names (the two-voice default
    # writes "clinician: "). One run for the three (each run is ~6 s of CPU: Whisper's start and the clip);
    # the global --json before a command is test_cli_json's.
    text_out = cli("transcribe", str(wav), "--speakers", "1")
    assert text_out.returncode == 0 and "[00:0" in text_out.stdout and "sleeping" in text_out.stdout
    assert "clinician:" not in text_out.stdout and "client:" not in text_out.stdout
    assert _files(tmp_path) == before  # nothing written beside the input


@pytest.mark.slow
def test_transcribe_json_names_the_questioner_clinician_when_the_client_speaks_first(cli, tmp_path):
    from transcribe_samples import dialogue, speaker_at

    turns = ["Sorry I am late. The bus was full and I had to wait for the next one.",
             "That is okay. How has your week been since we last met?",
             "Honestly it was hard. I have not been sleeping and my manager keeps piling on work.",
             "It sounds like the pressure at work is following you home. What do you notice at night?",
             "My chest feels tight and I keep going over the meeting in my head.",
             "Let's try a breathing exercise together. This week, could you write those thoughts down?"]
    wav, truth = dialogue(tmp_path, turns)  # voice A (index 0) is the client here: it speaks first
    result = cli("transcribe", str(wav), "--json", "--language", "en")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["speaker_naming"]["method"] in ("conversation", "profile")
    segments = data["segments"]
    assert segments[0]["speaker"] == "client"
    assert {s["speaker"] for s in segments} == {"clinician", "client"}
    names = ("client", "clinician")  # voice A (index 0 in the truth) is the client
    right = sum(s["end"] - s["start"] for s in segments
                if s["speaker"] == names[speaker_at(truth, (s["start"] + s["end"]) / 2)])
    assert right / sum(s["end"] - s["start"] for s in segments) >= 0.9


def _fails(cli, *args, words: tuple[str, ...]):
    result = cli(*args)
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    assert any(w in lines[0].lower() for w in words), lines[0]
    return lines[0]


def test_bad_inputs_give_one_clear_line(cli, tmp_path):
    empty = tmp_path / "empty.wav"
    empty.write_bytes(b"")
    text = tmp_path / "notes.wav"
    text.write_text("these are not audio samples at all\n" * 50)
    silent = write_wav(tmp_path / "silent.wav", np.zeros(16000 * 3, dtype=np.float32))
    no_samples = write_wav(tmp_path / "nosamples.wav", np.zeros(0, dtype=np.float32))
    unreadable = tmp_path / "locked.wav"
    shutil.copy(silent, unreadable)
    unreadable.chmod(0)
    before = _files(tmp_path)
    _fails(cli, "transcribe", str(tmp_path / "missing.wav"), words=("not found",))
    _fails(cli, "transcribe", str(empty), words=("empty",))
    _fails(cli, "transcribe", str(text), words=("not a readable audio",))
    _fails(cli, "transcribe", str(no_samples), words=("no audio", "not a readable"))
    _fails(cli, "transcribe", str(silent), words=("no speech",))
    _fails(cli, "transcribe", str(tmp_path), words=("folder",))
    import os
    if os.geteuid() != 0:  # root reads a mode-000 file anyway
        _fails(cli, "transcribe", str(unreadable), words=("cannot read",))
    assert _files(tmp_path) == before


def test_model_problems_give_one_clear_line(cli, tmp_path):
    wav = speak("Hello there.", "en-us", tmp_path / "hello.wav")
    line = _fails(cli, "transcribe", str(wav), "--model", "whisper-huge-v9", words=("unknown whisper model",))
    assert "whisper-base" in line  # names what is available
    _fails(cli, "--models-dir", str(tmp_path / "nomodels"), "transcribe", str(wav), words=("missing", "unknown"))
    broken = tmp_path / "models" / "whisper-broken"
    broken.mkdir(parents=True)
    (broken / "model.bin").write_bytes(b"\0" * 1024)
    (broken / "config.json").write_text("{}")
    _fails(cli, "--models-dir", str(tmp_path / "models"), "transcribe", str(wav), "--model", "whisper-broken",
           words=("could not be loaded",))
    _fails(cli, "transcribe", str(wav), "--language", "xx", words=("unknown language",))
    assert (MODELS_DIR / "whisper-base" / "model.bin").is_file()


def test_errors_never_name_the_file(cli, tmp_path, user_home):
    """Issue 15 item 12(b): a file is often named after the client; no error line, and no log line,
    may carry its path or name, whatever is wrong with it."""
    folder = tmp_path / "Jane Marple"
    folder.mkdir()
    damaged = folder / "Jane Marple session 2026-11-20.wav"
    damaged.write_bytes(b"RIFF\x24\x00\x00\x00WAVEfmt " + bytes(range(256)) * 4)
    empty = folder / "Jane Marple empty.m4a"
    empty.write_bytes(b"")
    missing = folder / "Jane Marple missing.wav"
    lines = [_fails(cli, "transcribe", str(damaged), words=("not a readable audio",)),
             _fails(cli, "transcribe", str(empty), words=("empty",)),
             _fails(cli, "transcribe", str(missing), words=("not found",)),
             _fails(cli, "transcribe", str(folder), words=("folder",))]
    logs = [p.read_text(errors="replace") for p in user_home.rglob("*") if p.is_file()]
    for text in lines + logs:
        assert "Marple" not in text and str(tmp_path) not in text, text
