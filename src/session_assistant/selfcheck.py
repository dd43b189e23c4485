"""A headless end-to-end check of an installation: ``session-assistant self-check``.

It proves that the parts a bundle can silently lose (data files, native libraries, models) are
all there and work together, from source or frozen: a temporary vault is created, unlocked,
written and audited; a short synthetic recording is sealed, read back and crypto-shredded;
Whisper and the note model load from ``models/``; Whisper returns nothing for silence (and the
spoken words when espeak-ng can synthesise speech); a four-line transcript is drafted into a
note; a PDF is rendered, signed and verified; Qt draws a widget off screen. Last, the "offline"
step checks what the process can see of itself (SECURITY 19): the telemetry switches were set
before onnxruntime loaded, no socket but AF_UNIX was open after any step, and nothing appeared or
changed under the home folder outside the app's own folders (onnxruntime's device-id folder first).

Everything is written to one temporary folder that is removed afterwards, so nothing lands
beside the executable, and the check itself asserts that the install folder is unchanged.
Every input is synthetic: no PHI is ever involved.

A step whose engine is not in this build reports ``skip`` ("not available"), never ``pass``;
the exit status is 0 only when every step passed.
"""

from __future__ import annotations

import logging
import re
import secrets
import shutil
import subprocess
import tempfile
import time
import wave
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from session_assistant import paths
from session_assistant.privacy_probe import OfflineEvidence

log = logging.getLogger(__name__)

SAMPLE_RATE = 16_000
DEFAULT_LLM = "smollm2-135m-instruct"  # the small test model: the check proves loading, not quality
# Per-generation token cap for the draft step. Grammar-constrained sampling costs 0.1-1 s a token
# on two busy cores (llama-cpp-python checks the grammar against the whole vocabulary), and the
# drafter's own budgets are hundreds of tokens a section with a retry each: many minutes. The check
# proves the model loads and the real drafting pipeline runs end to end, not note quality.
DRAFT_TOKENS = 16
SPOKEN = "Please remember to bring your sleep diary to the next session."
TRANSCRIPT = (
    "Clinician: How has your sleep been since we last met?\n"
    "Client: Better. I slept about six hours most nights and kept the sleep diary.\n"
    "Clinician: That is good progress. Let us keep the same bedtime routine this week.\n"
    "Client: Okay. I will bring the diary again next Tuesday.\n"
)


@dataclass
class StepResult:
    name: str
    status: str  # "pass", "fail" or "skip"
    detail: str
    seconds: float

    def line(self) -> str:
        return f"{self.status.upper():4}  {self.name:<12} {self.detail} ({self.seconds:.1f} s)"

    def to_json(self) -> dict:
        return {"step": self.name, "status": self.status, "detail": self.detail, "seconds": round(self.seconds, 2)}


STEP_NAMES = ("resources", "vault", "recording", "portaudio", "whisper", "draft", "pdf", "qt", "offline",
              "install-dir")


class StepFailed(Exception):
    """A check inside a step did not hold; the message says which (no PHI: all inputs are synthetic)."""


class NotAvailable(Exception):
    """The engine a step exercises is not part of this build yet."""


def _need(condition: bool, message: str) -> None:
    if not condition:
        raise StepFailed(message)


def _import(module: str, names: str):
    """Import ``names`` from ``module``; NotAvailable only when that engine module itself is absent.

    A library missing *underneath* an engine that is present (say pyHanko inside a bundle) is a
    broken installation, so that ImportError propagates and the step fails, naming the library.
    """
    import importlib

    try:
        loaded = importlib.import_module(module)
    except ModuleNotFoundError as error:
        if error.name and (module == error.name or module.startswith(error.name + ".")):
            raise NotAvailable(f"not available: {module} is not in this build") from None
        raise
    missing = [name for name in names.split() if not hasattr(loaded, name)]
    if missing:
        raise NotAvailable(f"not available: {module} has no {', '.join(missing)}")
    return [getattr(loaded, name) for name in names.split()]


class SelfCheck:
    """Runs the steps in order inside one temporary folder. Not thread-safe; run once."""

    def __init__(self, models_dir: Path, llm: str | None = DEFAULT_LLM, whisper: str | None = None,
                 draft_tokens: int = DRAFT_TOKENS) -> None:
        self.models_dir = Path(models_dir)
        self.llm, self.whisper = llm, whisper
        self.draft_tokens = draft_tokens
        self.work: Path | None = None
        self.practice = None
        self.speech: Path | None = None
        self.engine = None
        self.evidence: OfflineEvidence | None = None

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        """The steps in order; "install-dir" runs last, after the temporary folder is gone."""
        return [("resources", self.check_resources), ("vault", self.check_vault), ("recording", self.check_recording),
                ("portaudio", self.check_portaudio), ("whisper", self.check_whisper),
                ("draft", self.check_draft), ("pdf", self.check_pdf), ("qt", self.check_qt),
                ("offline", self.check_offline)]

    def run(self, on_step: Callable[[StepResult], None] = lambda r: None,
            only: set[str] | None = None) -> list[StepResult]:
        """Run every step (or those named in ``only``), reporting each through ``on_step``."""
        watched = self._watched_folders()
        before = _snapshot(watched)
        app = paths.AppPaths.default()
        self.evidence = OfflineEvidence.start(Path.home(), [app.data_dir, app.log_dir, app.config_dir,
                                                            paths.user_cache_dir()])
        results = []
        with tempfile.TemporaryDirectory(prefix="sa-selfcheck-") as work:
            self.work = Path(work)
            self.evidence.allow(self.work)
            try:
                for name, step in self.steps():
                    if only is None or name in only:
                        results.append(_timed(name, step))
                        self.evidence.note_sockets()  # after every step: a socket opened and kept shows
                        on_step(results[-1])
            finally:
                if self.practice is not None:
                    self.practice.close()
        if only is None or "install-dir" in only:
            results.append(_timed("install-dir", lambda: _unchanged(watched, before)))
            on_step(results[-1])
        return results

    # -- steps ----------------------------------------------------------------------------------
    def check_resources(self) -> str:
        root = paths.resources_dir()
        for folder, pattern in (("migrations", "*.sql"), ("fonts", "*.ttf"), ("prompts", "*.txt")):
            _need(any((root / folder).glob(pattern)), f"no {pattern} in {root / folder}")
        import faster_whisper

        vad = Path(faster_whisper.__file__).parent / "assets"
        _need(any(vad.glob("silero_vad*.onnx")), f"the Silero VAD model is missing from {vad}")
        return f"migrations, fonts, prompts and the VAD model found ({'frozen' if paths.is_frozen() else 'source'})"

    def check_vault(self) -> str:
        from session_assistant.app import create_practice, open_practice

        vault_paths = paths.AppPaths.default(vault_dir=self.work / "vault", models_dir=self.models_dir)
        passphrase = secrets.token_urlsafe(18)
        practice, recovery = create_practice(vault_paths, passphrase)
        _need(bool(recovery), "no recovery key was issued")
        practice.close()
        self.practice = open_practice(vault_paths, passphrase)
        client_id = self.practice.clients.add("Self", "Check")
        _need(self.practice.clients.get(client_id)["last_name"] == "Check", "the record did not read back")
        report = self.practice.verify_audit()
        _need(report.ok, f"audit trail does not verify: {report.message}")
        raw = (self.work / "vault" / "vault.db").read_bytes()[:16]
        _need(not raw.startswith(b"SQLite format 3"), "the vault file is not encrypted")
        return f"created, unlocked, record written, audit verified ({report.rows} rows)"

    def check_recording(self) -> str:
        _need(self.practice is not None, "no vault (the vault step failed or was not run)")
        source = self._speech_or_tone()
        p = self.practice
        p.profile.update(ai_usage_consent=True)
        client_id = p.clients.list()[0]["id"]
        p.clients.record_consent(client_id, "given", note="self-check")
        appointment = p.appointments.add(client_id, "2026-01-05 10:00", 50)
        service = p.recordings
        rec_id = service.import_file(appointment, source)
        sealed_file = next((self.work / "vault" / "recordings").glob(f"{rec_id}*"))
        _need(b"RIFF" not in sealed_file.read_bytes(), "the sealed file holds a WAV header")
        audio = service.load_audio(rec_id, purpose="self-check")
        _need(audio.size > SAMPLE_RATE // 2, f"read back {audio.size} samples")
        service.shred(rec_id, force=True)
        _need(not sealed_file.exists(), "the sealed file is still there after shredding")
        try:
            service.load_audio(rec_id)
        except Exception:  # noqa: BLE001 - any refusal is right; success would be the failure
            pass
        else:
            raise StepFailed("the shredded recording could still be decrypted")
        return f"sealed {audio.size / SAMPLE_RATE:.1f} s, decrypted, shredded, unreadable afterwards"

    def check_portaudio(self) -> str:
        (load,) = _import("session_assistant.audio.devices", "load_sounddevice")
        sd = load()
        return f"{sd.get_portaudio_version()[1]} loaded"

    def check_whisper(self) -> str:
        (engine_cls,) = _import("session_assistant.transcribe.engine", "WhisperEngine")
        self.engine = engine_cls.from_registry(self.models_dir, self.whisper)
        import numpy as np  # here, not at the top: the CLI reads this module's defaults at every start-up

        silent = self.engine.transcribe(np.zeros(SAMPLE_RATE, dtype=np.float32))
        _need(not silent.segments, "Whisper invented text for 1 s of silence")
        detail = f"{self.engine.name} loaded; silence gives no text"
        if self._speech() is None:
            return detail + "; speech check skipped (espeak-ng not installed)"
        (load_audio,) = _import("session_assistant.transcribe.audio_input", "load_audio")
        heard = " ".join(s.text for s in self.engine.transcribe(load_audio(self._speech())).segments)
        wanted, got = set(_words(SPOKEN)), set(_words(heard))
        recall = len(wanted & got) / len(wanted)
        _need(recall >= 0.6, f"synthetic speech recognised poorly ({recall:.0%} of the words)")
        return detail + f"; synthetic speech recognised ({recall:.0%} of the words)"

    def check_draft(self) -> str:
        note_model_cls, draft_note = _import("session_assistant.drafting", "NoteModel draft_note")
        found = _import("session_assistant.model_registry", "resolve")[0](self.models_dir, "llm", self.llm)
        # A 2,048 context sends even this short transcript down the drafter's windowed path (one
        # extraction, then composition): the fewest generations, so the quickest real draft.
        model = _capped(note_model_cls)(found.path, found.id, n_ctx=2048)
        model.cap = self.draft_tokens
        try:
            draft = draft_note(model, TRANSCRIPT, "soap")
        finally:
            model.close()
        sections = draft.sections
        _need(list(sections) == draft.format.keys and all(sections.values()), "the draft lacks sections")
        _need(model.generated > 0, "the note model generated nothing")
        written = sum(1 for s in draft.sentences if s.origin == "model")
        budget = f"at most {self.draft_tokens} a generation" if self.draft_tokens else "full budgets"
        return (f"{model.model_id}: SOAP draft ({draft.mode}), {model.generated} tokens generated ({budget}), "
                f"{written} model sentence(s), {draft.elapsed_s:.1f} s")

    def check_pdf(self) -> str:
        model = _import("session_assistant.documents.model",
                        "ClinicalDocument DocumentKind PracticeHeader ClientIdent SignatureBlock")
        document_cls, kind, practice, client, signature = model
        (render_pdf,) = _import("session_assistant.documents.render", "render_pdf")
        (create_identity,) = _import("session_assistant.documents.identity", "create_identity")
        (sign_pdf,) = _import("session_assistant.documents.signing", "sign_pdf")
        (verify_bytes,) = _import("session_assistant.documents.verify", "verify_bytes")
        doc = document_cls(kind=kind.PROGRESS_NOTE, practice=practice("Self-check Practice"),
                           client=client("Self Check", 1), sections=(("Plan", "Self-check: no clinical content."),),
                           service_date="2026-01-05", signature=signature("Self Check"))
        signed = sign_pdf(render_pdf(doc), create_identity("Self Check"))
        result = verify_bytes(signed.data)
        _need(result.ok, f"the signed PDF does not verify: {result.reason}")
        tampered = bytearray(signed.data)
        tampered[len(tampered) // 3] ^= 0x01
        try:
            rejected = not verify_bytes(bytes(tampered)).ok
        except Exception:  # noqa: BLE001 - refusing to read a damaged file is a rejection too
            rejected = True
        _need(rejected, "a tampered signed PDF still verifies")
        return f"rendered, signed and verified ({len(signed.data) // 1024} KiB); a flipped byte is rejected"

    def check_qt(self) -> str:
        widgets = _import("PySide6.QtWidgets", "QApplication QLabel")
        application_cls, label_cls = widgets
        # "-platform offscreen" as an argument: no display is needed and the environment is untouched.
        app = application_cls.instance() or application_cls(["session-assistant", "-platform", "offscreen"])
        label = label_cls("Session Assistant")
        image = label.grab().toImage()
        _need(not image.isNull() and image.width() > 0, "Qt could not draw a widget")
        import PySide6

        return f"Qt {PySide6.__version__} drew a widget on the '{app.platformName()}' platform"

    def check_offline(self) -> str:
        assert self.evidence is not None
        problems, summary = self.evidence.verdict()
        _need(not problems, "; ".join(problems))
        return summary

    def _watched_folders(self) -> list[Path]:
        """What must stay untouched: the whole bundle when frozen; from source, models/ (the rest of
        a source tree, resources/ included, is the developers' to change while the check runs)."""
        if paths.is_frozen():
            return [paths.install_root()]
        return [self.models_dir]

    # -- inputs ---------------------------------------------------------------------------------
    def _speech(self) -> Path | None:
        """espeak-ng speech as a WAV in the work folder, or None when espeak-ng is not installed."""
        if self.speech is None and shutil.which("espeak-ng"):
            target = self.work / "speech.wav"
            subprocess.run(["espeak-ng", "-v", "en-us", "-s", "150", "-w", str(target), SPOKEN],
                           check=True, capture_output=True, timeout=60)
            self.speech = target
        return self.speech

    def _speech_or_tone(self) -> Path:
        speech = self._speech()
        if speech is not None:
            return speech
        target = self.work / "tone.wav"
        import numpy as np

        t = np.arange(int(1.5 * SAMPLE_RATE)) / SAMPLE_RATE
        pcm = (0.3 * 32767 * np.sin(2 * np.pi * 440 * t)).astype("<i2")
        with wave.open(str(target), "wb") as out:
            out.setnchannels(1)
            out.setsampwidth(2)
            out.setframerate(SAMPLE_RATE)
            out.writeframes(pcm.tobytes())
        return target


def _capped(note_model_cls):
    """A NoteModel that caps every generation at ``cap`` tokens (0: no cap) and counts tokens."""

    class CappedNoteModel(note_model_cls):
        cap = 0
        generated = 0

        def generate_json(self, messages, schema, max_tokens, **kwargs):
            gen = super().generate_json(messages, schema, min(max_tokens, self.cap) if self.cap else max_tokens,
                                        **kwargs)
            self.generated += gen.tokens
            return gen

    return CappedNoteModel


def _words(text: str) -> list[str]:
    return re.findall(r"[a-z]+", text.lower())


def _timed(name: str, step: Callable[[], str]) -> StepResult:
    started = time.monotonic()
    try:
        status, detail = "pass", step()
    except NotAvailable as error:
        status, detail = "skip", str(error)
    except StepFailed as error:
        status, detail = "fail", str(error)
    except Exception as error:  # noqa: BLE001 - a self-check reports every failure, it never crashes
        # The type and the (synthetic-input) message say what broke, e.g. a missing library in a bundle.
        status, detail = "fail", f"{type(error).__name__}: {str(error)[:300]}"
        log.warning("self-check step %s failed: %s", name, type(error).__name__)
    return StepResult(name, status, detail, time.monotonic() - started)


def _snapshot(roots: list[Path]) -> dict[str, tuple[int, int]]:
    """Every path under ``roots`` (following a symlinked models/) with its size and modification time."""
    found = {}
    for root in roots:
        for path in [root, *root.rglob("*")]:
            try:
                stat = path.stat()
            except OSError:
                continue
            found[str(path)] = (stat.st_size, stat.st_mtime_ns)
    return found


def _unchanged(roots: list[Path], before: dict) -> str:
    after = _snapshot(roots)
    changed = sorted(set(before) ^ set(after) | {k for k in before.keys() & after.keys() if before[k] != after[k]})
    where = "the bundle" if paths.is_frozen() else "models/"
    _need(not changed, f"{len(changed)} path(s) written in {where}, e.g. {', '.join(changed[:3])}")
    return f"nothing written in {where} ({len(after)} paths unchanged)"
