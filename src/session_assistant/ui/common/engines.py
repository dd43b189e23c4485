"""Engine calls the window makes, as plain functions for a Worker (they run on the engine pool).

Models are loaded once, by the vault's SessionPipeline, and shared by every screen.
"""

from __future__ import annotations

from session_assistant.jobs.progress import CancelToken, ProgressFn


def session_pipeline(ctx):
    """The vault's SessionPipeline, set to the models chosen in Settings. It owns the loaded
    engines, so the session screen, the note editor and Settings share one copy of each model."""
    pipeline = ctx.practice.sessions
    wanted = (ctx.model_name("whisper"), ctx.model_name("llm"))
    if (pipeline.whisper_model, pipeline.note_model) != wanted:
        pipeline.close()  # drop engines loaded for other models
        pipeline.whisper_model, pipeline.note_model = wanted
    return pipeline


def stored_draft(ctx, appointment_id: int):
    """(utterances, Draft) of the newest stored session draft, or (None, None)."""
    pipeline = ctx.practice.sessions
    row = pipeline.latest_draft(appointment_id)
    transcript = pipeline.transcript(appointment_id)
    if row is None or transcript is None:
        return None, None
    from session_assistant.drafting import Draft, parse_transcript

    return parse_transcript(transcript), Draft.from_json(row["draft"])


def note_model(ctx, on_progress: ProgressFn):
    model = session_pipeline(ctx).llm()
    if not model.loaded:
        on_progress(0.0, "Loading the note model…")
    return model.load()


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
