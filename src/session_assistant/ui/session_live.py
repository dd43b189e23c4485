"""The session screen's work while recording: load the live transcriber, transcribe closed windows
as they come, and draft the note's facts from the growing transcript (all on the engine pool).

A mixin of ``SessionPage``: it uses the page's ``_ctx``, ``_feed``, ``_active``, ``transcript``,
``rec_warning`` and the worker slots ``_live_worker`` / ``_extract_worker``.
"""

from __future__ import annotations

from session_assistant.ui.engines import session_pipeline
from session_assistant.ui.worker import Worker


class LiveTranscriptMixin:
    def _start_live_transcriber(self) -> None:
        feed, pipeline = self._feed, session_pipeline(self._ctx)
        make_transcriber = self.call_inputs.transcriber_factory()  # by channel for a call, else by voices

        def load(progress, token):
            progress(0.0, "Loading the speech model…")
            return make_transcriber(pipeline.whisper())

        worker = Worker(load, "live load")
        worker.finished.connect(lambda live: feed.attach(live))
        worker.failed.connect(lambda text: self.rec_warning.setText(
            "Live transcript unavailable (" + text + "); the recording continues and is transcribed after Stop."))
        self._ctx.pools.run(worker)

    def _transcribe_live_windows(self) -> None:
        if self._feed is None or self._feed.live is None or self._live_worker is not None:
            return
        live = self._feed.live
        self._live_worker = worker = Worker(lambda p, t: live.transcribe_ready(t), "live windows")
        worker.finished.connect(self._on_live_windows)
        for signal in (worker.failed, worker.cancelled):
            signal.connect(lambda *_: setattr(self, "_live_worker", None))
        self._ctx.pools.run(worker)

    def _on_live_windows(self, windows) -> None:
        self._live_worker = None
        for window in windows:
            for segment in window.segments:
                minutes, seconds = divmod(int(segment.start), 60)
                self.transcript.appendPlainText(f"[{minutes:02d}:{seconds:02d}] {segment.text}")
        if windows:
            self._extract_while_recording()

    def _extract_while_recording(self) -> None:
        """Draft the note's facts from the transcript so far, so after Stop only the tail is left."""
        if not self._live_drafting or self._extract_worker is not None or self._active is None or self._feed is None:
            return
        pipeline, live, recording_id = session_pipeline(self._ctx), self._feed.live, self._active.id
        appointment_id, fmt = self.appointment_id, self._ctx.settings.note_format

        def extract(progress, token):
            return pipeline.extract_while_recording(appointment_id, fmt, recording_id, live.transcript(), token)

        def stop_trying(*_):  # the draft after Stop does this work instead
            self._live_drafting = False
            self._extract_worker = None

        self._extract_worker = worker = Worker(extract, "live drafting")
        worker.finished.connect(lambda _n: setattr(self, "_extract_worker", None))
        worker.failed.connect(stop_trying)
        worker.cancelled.connect(stop_trying)
        self._ctx.pools.run(worker)
