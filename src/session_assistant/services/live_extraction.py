"""The note's facts extracted while the session is recorded: the pipeline's live side.

``SessionPipeline`` takes these methods (a mixin) so the live thread and the draft after Stop share
its engines and the accumulators it keeps between live updates; apart from it, the pipeline stays
about the jobs that turn a recording into a note.
"""

from __future__ import annotations

import logging

from session_assistant.jobs.progress import CancelToken

log = logging.getLogger(__name__)


class LiveExtraction:
    """Needs the pipeline's ``llm``, ``jobs``, ``max_sentences``, ``_accumulators``, ``_draft_job`` and
    ``_client_pronouns``."""

    def extract_while_recording(self, appointment_id: int, fmt: str, recording_id: str, transcript,
                                token: CancelToken | None = None) -> int:
        """Extract every full window of the live transcript so far and read the rest ahead
        (``DraftAccumulator.read_ahead``); returns the windows extracted now. Cancel it at Stop."""
        from session_assistant.drafting import parse_transcript
        from session_assistant.services.live_drafting import JobCheckpointStore, accumulator

        if not transcript.segments:
            return 0
        key = (appointment_id, fmt, recording_id)
        if key not in self._accumulators:
            store = JobCheckpointStore(self.jobs, self._draft_job(appointment_id, fmt, recording_id), fmt)
            self._accumulators[key] = accumulator(self.llm(), store, fmt, facts_per_section=self.max_sentences,
                                                  pronouns=self._client_pronouns(appointment_id))
        done = self._accumulators[key].add_segments(parse_transcript(transcript), cancel=token)
        self._accumulators[key].read_ahead(cancel=token)  # a cancelled window is simply redone later
        return done

    def _extract_live(self, appointment_id: int, fmt: str, recording_id: str, live, token: CancelToken) -> bool:
        """One round of live extraction; False when drafting during the session should stop."""
        from session_assistant.errors import Cancelled

        try:
            self.extract_while_recording(appointment_id, fmt, recording_id, live.transcript(), token)
        except Cancelled:
            return False
        except Exception as error:  # noqa: BLE001 - the draft after Stop does this work instead
            log.warning("live drafting stopped: %s", type(error).__name__)
            return False
        return True
