"""The session screen's speaker corrections: swap or reassign through the speaker-label service,
then show the stored transcript again and tell the clinician what the draft needs.

A mixin of ``SessionPage``: it uses the page's ``_ctx``, ``appointment_id`` and ``transcript`` (a
``TranscriptPanel``). The draft is never redrafted silently: the panel offers "Redraft them" for the
sections whose sentences cite a changed line, and the workspace runs it in the note editor.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtWidgets import QMessageBox


LOCKED = "The note is signed: its transcript is part of the record and speakers cannot change."


class SpeakerFixMixin:
    affected_sections: tuple[str, ...] = ()

    def _connect_speaker_fix(self) -> None:
        self.transcript.swap_clicked.connect(self._on_swap_clicked)
        self.transcript.reassign_chosen.connect(self._on_reassign_chosen)
        self.transcript.voices_chosen.connect(self._on_voices_chosen)

    def _show_speaker_lines(self, transcript) -> None:
        """The stored transcript, correctable unless the session's note is signed."""
        locked = self.appointment_id is not None and self._ctx.practice.speaker_labels.locked(self.appointment_id)
        self.transcript.show_segments(transcript.segments, editable=not locked, locked_reason=LOCKED)
        check = self._ctx.practice.speaker_labels.speaker_check(self.appointment_id) if self.appointment_id is not None else ""
        self.transcript.show_naming_check("" if locked else check)

    def _on_swap_clicked(self) -> None:
        self._change_speakers(lambda service, session: service.swap_speakers(session))

    def _on_reassign_chosen(self, segment_id: int, speaker: str) -> None:
        self._change_speakers(lambda service, session: service.reassign_segment(session, segment_id, speaker))

    def _on_voices_chosen(self, count: int) -> None:
        """Count the voices again (stored voice prints, or the audio while it exists): on the engine
        pool, as it may decrypt the recording and run the voice encoder."""
        from session_assistant.ui.common.worker import Worker

        if self.appointment_id is None:
            return
        service, appointment_id = self._ctx.practice.voice_count, self.appointment_id
        worker = Worker(lambda p, t: service.set_voice_count(appointment_id, count), "voice count")
        worker.finished.connect(self._follow_speaker_change)
        worker.failed.connect(lambda text: QMessageBox.warning(self, "Voices not counted again", text))
        self._voice_worker = worker  # kept until it reports
        self._ctx.pools.run(worker, "engine")

    def _change_speakers(self, change) -> None:
        """On the vault's writer without waiting behind a busy one (a backup, a digest): the
        transcript panel shows the lines again when the change has landed."""
        from session_assistant.ui.common.vault_op import VaultOp

        if self.appointment_id is None:
            return
        service, appointment_id = self._ctx.practice.speaker_labels, self.appointment_id
        VaultOp(self._ctx.practice, lambda: change(service, appointment_id), parent=self,
                title="Speakers not changed").success(
            lambda result: self._follow_speaker_change(result) if self.appointment_id == appointment_id else None).run()

    def _follow_speaker_change(self, change) -> None:
        """The in-memory session follows the vault: transcript lines, evidence lines, risk speakers."""
        transcript = self._ctx.practice.sessions.transcript(self.appointment_id)
        work = self._ctx.session(self.appointment_id)
        work.transcript = transcript
        speakers = {s.id: s.speaker or "" for s in transcript.segments}
        if work.draft is None:  # the stored draft, read after the change: it already follows it
            from session_assistant.ui.common.engines import stored_draft

            utterances, stored = stored_draft(self._ctx, self.appointment_id)
            if stored is not None:
                work.utterances, work.draft = list(utterances), stored
        elif work.draft.mode != "enhance":  # an enhanced note's evidence cites note lines, not the transcript
            from session_assistant.drafting import parse_transcript

            work.utterances = parse_transcript(transcript)
            work.draft.risk = [replace(r, speaker=speakers.get(r.segment_id, r.speaker)) for r in work.draft.risk]
        self._show_speaker_lines(transcript)
        if not change.changed:
            return
        self.transcript.show_naming_check("")  # the clinician has looked at the names and corrected them
        # Corrections add up until the clinician redrafts: the second must not hide the first's sections.
        pending = set(self.affected_sections if not self.transcript.notice.isHidden() else ())
        if work.draft is not None:  # the draft in the window (perhaps refined since) decides what it cites
            from session_assistant.services.speaker_labels import sections_citing

            pending |= set(sections_citing(work.draft.sentences, change.changed, work.draft.format.keys))
        else:
            pending |= set(change.affected_sections)
        order = list(work.draft.format.keys) if work.draft is not None else []
        self.affected_sections = tuple(sorted(pending, key=lambda k: order.index(k) if k in order else len(order)))
        lines = f"{len(change.changed)} line(s)"
        if self.affected_sections and work.draft is not None:
            titles = ", ".join(_title(work.draft, key) for key in self.affected_sections)
            self.transcript.show_notice(f"Speakers changed on {lines}: redraft the affected sections ({titles})?",
                                        can_redraft=True)
        else:
            self.transcript.show_notice(f"Speakers changed on {lines}. No draft sentence cites them: "
                                        "the draft needs no redraft.", can_redraft=False)


def _title(draft, key: str) -> str:
    try:
        return draft.format.section(key).title
    except KeyError:
        return key.capitalize()
