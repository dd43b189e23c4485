"""Engine calls the window makes, as plain functions for a Worker (they run on the engine pool).

Models are loaded once and kept in ``ctx.models`` (model weights hold no PHI). Only the engine
pool's single thread calls these, so the cache needs no lock.
"""

from __future__ import annotations

from pathlib import Path

from session_assistant.jobs.progress import CancelToken, ProgressFn


def note_model(ctx, on_progress: ProgressFn):
    from session_assistant.drafting import NoteModel

    name = ctx.model_name("llm")
    key = f"llm:{name or ''}"
    if key not in ctx.models:
        on_progress(0.0, "Loading the note model…")
        ctx.models[key] = NoteModel.from_registry(Path(ctx.paths.models_dir), name).load()
    return ctx.models[key]


def whisper_engine(ctx, on_progress: ProgressFn):
    from session_assistant.transcribe.engine import WhisperEngine

    name = ctx.model_name("whisper")
    key = f"whisper:{name or ''}"
    if key not in ctx.models:
        on_progress(0.0, "Loading the speech model…")
        ctx.models[key] = WhisperEngine.from_registry(Path(ctx.paths.models_dir), name)
    return ctx.models[key]


def transcribe_file(ctx, path: Path, on_progress: ProgressFn, token: CancelToken):
    """Decode and transcribe a recording file in memory (nothing is written)."""
    from session_assistant.transcribe.audio_input import load_audio
    from session_assistant.transcribe.pipeline import transcribe_audio

    audio = load_audio(Path(path))
    token.raise_if_cancelled()
    engine = whisper_engine(ctx, on_progress)
    return transcribe_audio(engine, audio, on_progress=on_progress, token=token)


def transcribe_samples(ctx, audio, on_progress: ProgressFn, token: CancelToken):
    from session_assistant.transcribe.pipeline import transcribe_audio

    engine = whisper_engine(ctx, on_progress)
    return transcribe_audio(engine, audio, on_progress=on_progress, token=token)


def draft(ctx, transcript, fmt: str, on_progress: ProgressFn, token: CancelToken):
    """(utterances, Draft) for a transcript."""
    from session_assistant.drafting import draft_note, parse_transcript

    utterances = parse_transcript(transcript)
    model = note_model(ctx, on_progress)
    return utterances, draft_note(model, utterances, fmt, on_progress=on_progress, cancel=token)


def refine(ctx, current, utterances, instruction: str, on_progress: ProgressFn, token: CancelToken):
    from session_assistant.drafting import refine_draft

    model = note_model(ctx, on_progress)
    return refine_draft(model, current, utterances, instruction, on_progress=on_progress, cancel=token)


def enhance(ctx, text: str, fmt: str, on_progress: ProgressFn, token: CancelToken):
    """(note lines the evidence ids point into, Draft) for a hand-written note."""
    from session_assistant.drafting import enhance_note
    from session_assistant.drafting.enhance import note_lines

    model = note_model(ctx, on_progress)
    return note_lines(text), enhance_note(model, text, fmt, on_progress=on_progress, cancel=token)


def measure_note_model(ctx, on_progress: ProgressFn, token: CancelToken) -> tuple[str, float]:
    """(model id, generated tokens per second) for the chosen note model, on a fixed tiny prompt."""
    model = note_model(ctx, on_progress)
    on_progress(0.5, "Generating…")
    schema = {"type": "object", "properties": {"words": {"type": "array", "items": {"type": "string"}}},
              "required": ["words"]}
    messages = [{"role": "user", "content": "Give ten common English words as JSON."}]
    result = model.generate_json(messages, schema, 48, cancel=token)
    return model.model_id, result.tokens / max(result.seconds, 1e-6)
