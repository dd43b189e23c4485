"""Incremental drafting for long sessions: draft each window of the transcript section by section
while the session runs (the same prompts as a whole-note draft, fewer sentences per window), so
that after Stop only the last window and a rule-based composition remain (map-reduce).

Per-window extracts are saved through an ``ExtractStore`` after every window so a restarted app
resumes where it stopped. Each window keeps the speaker of every line it was drafted from: a window
whose lines have another speaker now (the clinician swapped or reassigned speakers, or the live
diarization named them again) is dropped and drafted again, since its sentences were written about
the wrong person; re-mapping them is not exact (the model wrote roles, names and pronouns into
prose). It is composed in its place in the session all the same. Extracts are PHI: the app must
pass a vault-backed store; the JSON file store is for the CLI, tests and benchmarks on non-clinical data.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Any, Iterable, Protocol, Sequence

from session_assistant.drafting.chart_context import ChartContext
from session_assistant.drafting.draft_result import Draft
from session_assistant.drafting.formats import get_format, prompt_text, system_prompt
from session_assistant.drafting.grounding import SourceIndex
from session_assistant.drafting.model_raw import capture
from session_assistant.drafting.note_model import ContextExceeded, NoteModel
from session_assistant.drafting.risk import scan_transcript
from session_assistant.drafting.section_drafting import draft_sections
from session_assistant.drafting.sections import assemble
from session_assistant.drafting.transcript_input import TranscriptUnreadable, Utterance, parse_transcript, source_block
from session_assistant.jobs.progress import CancelToken, ProgressFn, no_progress

STATE_VERSION = 1
MIN_WINDOW_TOKENS = 200
WINDOW_HEADING = "Transcript part"


class ExtractStore(Protocol):
    def load(self) -> dict | None: ...
    def save(self, state: dict) -> None: ...


class MemoryStore:
    """Keeps the state in memory only (a one-shot draft)."""

    def __init__(self) -> None:
        self.state: dict | None = None

    def load(self) -> dict | None:
        return self.state

    def save(self, state: dict) -> None:
        self.state = json.loads(json.dumps(state))


class JsonFileStore:
    """State as a JSON file (mode 0600), written atomically. Not for PHI at rest in the app."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    def load(self) -> dict | None:
        try:
            return json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    def save(self, state: dict) -> None:
        tmp = self.path.with_name(self.path.name + ".partial")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            json.dump(state, handle)
        os.replace(tmp, self.path)


class DraftAccumulator:
    """Feed segments as they arrive; call ``finish()`` after Stop for the note.

    Not thread-safe itself: call it from one worker thread (the model has its own lock).
    ``add_segments`` is idempotent: segments whose ids an earlier window covered are skipped, so
    after a restart the caller may simply feed the whole transcript again.
    """

    def __init__(self, model: NoteModel, fmt: str | None = "soap", *, subject: str = "client",
                 store: ExtractStore | None = None, window_tokens: int = 1000, facts_per_section: int = 6,
                 pronouns: str | None = None, chart: ChartContext | None = None) -> None:
        self.model = model
        self.format = get_format(fmt, subject)
        self.subject = subject
        self.store = store or MemoryStore()
        self.facts_per_section = facts_per_section
        self.chart = chart  # used at composition (rule lines), not in each window's prompt: it saves prompt time
        self._system = system_prompt("draft_system", self.format.title, subject, pronouns)
        self.pronouns = pronouns
        capped = get_format(self.format.key, subject, facts_per_section)
        self._budget = max(int(s.max_tokens * 1.5) for s in capped.sections)  # a retry's budget
        self.window_tokens = self._fit_window(window_tokens)
        state = self.store.load()
        if not state or state.get("version") != STATE_VERSION or state.get("format") != self.format.key:
            state = {"version": STATE_VERSION, "format": self.format.key, "model": model.model_id, "windows": []}
        self.state = state
        self._covered = {i for w in state["windows"] for i in w["segment_ids"]}
        self._seen: dict[int, Utterance] = {}
        self._position: dict[int, int] = {}  # transcript order: a redrafted window never spans a kept one
        self.redrafted: list[list[int]] = []  # segment ids of the windows dropped because their speakers changed
        self._pending: list[tuple[Utterance, int]] = []

    def _fit_window(self, wanted: int) -> int:
        overhead = self.model.count_tokens(self._system) + self.model.count_tokens(prompt_text("draft_section")) + 200
        room = self.model.context_size - overhead - self._budget
        if room < MIN_WINDOW_TOKENS:
            raise ContextExceeded(f"Model '{self.model.model_id}' has too small a context "
                                  f"({self.model.context_size} tokens) to draft a session; choose a larger model.")
        return min(wanted, room)

    @property
    def windows_done(self) -> int:
        return len(self.state["windows"])

    @property
    def pending_tokens(self) -> int:
        return sum(n for _, n in self._pending)

    def add_segments(self, segments: Iterable[Any], *, on_progress: ProgressFn = no_progress,
                     cancel: CancelToken | None = None) -> int:
        """Queue new segments and extract every full window. Returns the windows extracted now."""
        self.queue(segments)
        full = self.pending_tokens // self.window_tokens
        done = 0
        while self.pending_tokens >= self.window_tokens:
            self._extract_next(on_progress, cancel, done, max(full, 1))
            done += 1
        return done

    def queue(self, segments: Iterable[Any]) -> None:
        """Queue the segments no earlier window covered (none extracted yet)."""
        items = list(segments)
        utterances = items if all(isinstance(s, Utterance) for s in items) else parse_transcript({"segments": items})
        for utt in utterances:
            if utt.id in self._seen:
                if self._seen[utt.id].speaker != utt.speaker:  # a line not drafted yet must show the new name
                    self._seen[utt.id] = utt
                    self._pending = [(utt, self._tokens(utt)) if u.id == utt.id else (u, n) for u, n in self._pending]
                continue
            self._seen[utt.id] = utt
            self._position[utt.id] = len(self._position)
            if utt.id not in self._covered:
                self._pending.append((utt, self._tokens(utt)))
        self._drop_windows_with_other_speakers()

    def _tokens(self, utt: Utterance) -> int:
        return self.model.count_tokens(utt.line()) + 1

    def _drop_windows_with_other_speakers(self) -> None:
        """Windows drafted from lines whose speaker has changed since go back to pending, in order."""
        def changed(window: dict) -> bool:
            drafted = dict(zip(window["segment_ids"], window.get("speakers") or []))
            return any(i in self._seen and self._seen[i].speaker != who for i, who in drafted.items())

        stale = [w for w in self.state["windows"] if changed(w)]
        if not stale:
            return
        self.state["windows"] = [w for w in self.state["windows"] if not changed(w)]
        self._covered = {i for w in self.state["windows"] for i in w["segment_ids"]}
        for window in stale:
            self.redrafted.append(list(window["segment_ids"]))
            self._pending.extend((self._seen[i], self._tokens(self._seen[i])) for i in window["segment_ids"]
                                 if i in self._seen)
        self._pending.sort(key=lambda item: self._position[item[0].id])
        self.store.save(self.state)

    def _window_size(self, start: int = 0) -> int:
        """How many pending utterances from ``start`` the next window takes (at least one, however long)."""
        count, used, last = 0, 0, None
        for utt, n in self._pending[start:]:
            position = self._position[utt.id]
            # A kept window between two pending lines (one drafted again) ends this window there.
            if count and (used + n > self.window_tokens or position != last + 1):
                break
            count, used, last = count + 1, used + n, position
        return count

    def planned_windows(self, *, tail: bool) -> list[list[Utterance]]:
        """The windows the pending utterances make, in order, cut exactly as extracting one window
        after another cuts them (the full windows; with ``tail``, also what is left after them)."""
        windows, start, left = [], 0, self.pending_tokens
        while left >= self.window_tokens or (tail and start < len(self._pending)):
            taken = self._pending[start:start + self._window_size(start)]
            windows.append([utt for utt, _ in taken])
            left -= sum(n for _, n in taken)
            start += len(taken)
        return windows

    def read_ahead(self, cancel: CancelToken | None = None) -> None:
        """Read the lines waiting for the next window into the model's cache now, while the model is
        idle between windows (the live transcript grows by a few lines at a time): the window's
        sections then read only the lines that came after, and at Stop the tail's do too. Nothing
        is written, so the facts are the same; only when the reading is done moves.

        Raises: Cancelled (``cancel``; the cache is then empty, and the window reads everything)."""
        windows = self.planned_windows(tail=True)
        prefill = getattr(self.model, "prefill", None)  # a scripted model has no cache
        if windows and prefill is not None:
            prefill(self._shared_start(windows[0]), cancel=cancel)

    def _shared_start(self, window: list[Utterance]) -> list[dict]:
        """The messages every section's prompt for ``window`` starts with (``draft_sections``)."""
        return [{"role": "system", "content": self._system},
                {"role": "user", "content": source_block(window, WINDOW_HEADING)}]

    def extract_window(self, model: NoteModel, window: list[Utterance], number: int, on_progress: ProgressFn,
                       cancel: CancelToken | None, helpers: Sequence[NoteModel] = ()) -> dict:
        """One window's facts by ``model`` (this one or another instance of the same GGUF); touches no state,
        so two windows may be extracted at once on two threads, each with its own model. With
        ``helpers`` the window's sections are written side by side (``side_by_side``)."""
        share = min(1.0, sum(model.count_tokens(u.line()) for u in window) / self.window_tokens)
        per_section = max(2, round(self.facts_per_section * share))
        capped = get_format(self.format.key, self.subject, per_section).single_pass()
        started = time.monotonic()
        facts, warnings = draft_sections(
            model, capped, window, system=self._system, heading=WINDOW_HEADING, subject=self.subject,
            on_progress=on_progress, cancel=cancel, stage=f"Drafting part {number}", helpers=helpers)
        facts = {key: [f for f in facts.get(key, []) if not f.get("system")] for key in self.format.keys}
        # The window's cut (size, facts per section) goes with it: a resumed draft goes on cutting the same way.
        return {"segment_ids": [u.id for u in window], "speakers": [u.speaker for u in window], "facts": facts,
                "warning": "; ".join(warnings) or None,
                "seconds": round(time.monotonic() - started, 2), "window_tokens": self.window_tokens,
                "facts_per_section": self.facts_per_section}

    def commit_window(self, record: dict) -> None:
        """Keep an extracted window (the next pending one) and save the state: a checkpoint."""
        size = len(record["segment_ids"])
        assert [u.id for u, _ in self._pending[:size]] == record["segment_ids"], "windows commit in order"
        self.state["windows"].append(record)
        del self._pending[:size]
        self._covered.update(record["segment_ids"])
        self.store.save(self.state)

    def _extract_next(self, on_progress: ProgressFn, cancel: CancelToken | None, index: int, total: int) -> None:
        window = [utt for utt, _ in self._pending[:self._window_size()]]  # left pending until extracted: a cancel loses nothing
        number = self.windows_done + 1
        record = self.extract_window(self.model, window, number,
                                     lambda f, m: on_progress((index + min(f, 0.99)) / total, m), cancel)
        self.commit_window(record)
        on_progress((index + 1) / total, f"Drafting part {number}: done")

    def _window_start(self, window: dict) -> int:
        """Where the window's lines are in the session (a window drafted again is composed there)."""
        return min((self._position[i] for i in window["segment_ids"] if i in self._position), default=len(self._position))

    def finish(self, *, on_progress: ProgressFn = no_progress, cancel: CancelToken | None = None) -> Draft:
        """Extract what is still pending, then compose the note from all windows' facts."""
        started = time.monotonic()
        if self._pending:
            self._extract_next(lambda f, m: on_progress(0.95 * f, m), cancel, 0, 1)
        if not self.state["windows"]:
            raise TranscriptUnreadable("Nothing to draft: no transcript segments were added.")
        on_progress(0.96, "Composing the note")
        raw: dict[str, list[dict]] = {key: [] for key in self.format.keys}
        warnings = []
        for window in sorted(self.state["windows"], key=self._window_start):  # a redrafted window in its place
            for key in self.format.keys:
                raw[key].extend(window["facts"].get(key, []))
            if window.get("warning"):
                warnings.append(window["warning"])
        utterances = sorted(self._seen.values(), key=lambda u: u.id)
        kept = capture(raw, mode="windowed", fmt=self.format.key, subject=self.subject, warnings=warnings,
                       model=self.model.model_id, chart=self.chart, pronouns=self.pronouns)
        draft = assemble(self.format, raw, SourceIndex(utterances), scan_transcript(utterances),
                         model=self.model.model_id, mode="windowed", warnings=warnings, subject=self.subject,
                         chart=self.chart, pronouns=self.pronouns)
        draft.model_raw = kept
        draft.elapsed_s = time.monotonic() - started
        on_progress(1.0, "Draft ready")
        return draft
