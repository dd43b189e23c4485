"""The Summary tab's engine calls, as plain functions for a Worker (they run on the engine pool).

Progress: the summary service reports its stages (periods, the overall summary); within one model
call it is silent, which on two cores can mean a minute at the same percentage. ``TokenProgress``
wraps the loaded model so every generated token moves the bar a little within the current stage,
and the message says what is happening and how many tokens are written (the tab adds the time).
"""

from __future__ import annotations

from session_assistant.jobs.progress import CancelToken, ProgressFn
from session_assistant.ui.common import engines

LOADING_SHARE = 0.05  # of the bar before the first stage: loading the model


class TokenProgress:
    """A model proxy that loads the model on first use and turns each generated token into progress.

    Loading lazily lets the service's cheap checks (dates, one draft per client, enough signed
    documentation) fail in milliseconds, before any model is loaded. The engine's own stage reports
    (``stage``) set where the bar stands; tokens then move it toward the end in proportion to the
    call's token budget, never backwards (a model usually stops before its budget, so the bar jumps
    ahead when a call ends rather than ever going back).
    """

    def __init__(self, ctx, on_progress: ProgressFn, *, start: float = LOADING_SHARE) -> None:
        self._ctx = ctx
        self._model = None
        self._report = on_progress
        self._start = start
        self._stage_at = 0.0  # the engine's last fraction (0..1 of its own work)
        self._message = "Starting"
        self._shown = 0.0

    def _loaded(self):
        if self._model is None:
            # engines.note_model says "Loading the note model…" only when it really loads one.
            self._model = engines.note_model(self._ctx, lambda _fraction, message: self._show(self._shown, message))
        return self._model

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self._loaded(), name)

    def _show(self, fraction: float, message: str) -> None:
        self._shown = max(self._shown, min(1.0, fraction))
        self._report(self._shown, message)

    def stage(self, fraction: float, message: str) -> None:
        """The service's ``on_progress``."""
        self._stage_at = max(0.0, min(1.0, fraction))
        self._message = message
        self._show(self._start + (1 - self._start) * self._stage_at, message)

    def generate_json(self, messages, schema, max_tokens: int, *, cancel: CancelToken | None = None,
                      on_token=None, **kwargs):
        model = self._loaded()
        begin = max(self._shown, self._start + (1 - self._start) * self._stage_at)

        def counted(count: int) -> None:
            if on_token is not None:
                on_token(count)
            share = min(1.0, count / max(max_tokens, 1))
            # At most 95 % of the way: the stage is not done until the engine says so.
            self._show(begin + (1 - begin) * 0.95 * share, f"{self._message} · {count} tokens")

        return model.generate_json(messages, schema, max_tokens, cancel=cancel, on_token=counted, **kwargs)


def generate_treatment(ctx, client_id: int, date_from: str, date_to: str, purpose: str,
                       on_progress: ProgressFn, token: CancelToken) -> int:
    """Draft a treatment summary; returns its id. Raises the service's errors (DraftExists,
    TooLittleToSummarize, ...), the cheap ones before the model loads."""
    model = TokenProgress(ctx, on_progress)
    return ctx.practice.summaries.generate_treatment(client_id, date_from, date_to, model, purpose=purpose,
                                                     on_progress=model.stage, cancel=token)


def generate_case(ctx, client_id: int, on_progress: ProgressFn, token: CancelToken) -> int:
    """Draft (or redraft) the client's AI Case Summary over the whole signed record; returns its id."""
    model = TokenProgress(ctx, on_progress)
    return ctx.practice.summaries.case_summary(client_id, model, force=True, on_progress=model.stage, cancel=token)


def refine(ctx, summary_id: int, instruction: str, on_progress: ProgressFn, token: CancelToken) -> str:
    """Rework the draft as the clinician asked (in words); returns the new text."""
    model = TokenProgress(ctx, on_progress)
    model.stage(0.0, "Updating the draft")
    text = ctx.practice.summaries.refine(summary_id, instruction, model, cancel=token)
    model.stage(1.0, "Draft updated")
    return text


def warm_up(ctx, client_id: int, date_from: str | None, date_to: str | None, purpose: str,
            _on_progress: ProgressFn, token: CancelToken) -> bool:
    """Load the note model and read the narrative's prompt for this form into it, ahead of Generate.

    Returns False, having loaded nothing, when Generate would refuse before any model call (too
    little in the range, a draft already there): a refusal never waits for a model. No range: the
    case summary. Cancellable while the prompt is read (not while the model file loads, seconds).
    """
    messages = ctx.practice.summaries.narrative_messages(client_id, date_from, date_to, purpose=purpose)
    if messages is None:
        return False
    token.raise_if_cancelled()
    model = engines.note_model(ctx, lambda _fraction, _message: None)
    token.raise_if_cancelled()
    model.prefill(messages, cancel=token)
    return True
