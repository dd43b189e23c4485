"""The note editor's review of the AI draft: sentence by sentence accept, edit or remove; risk accepted
into the Risk field; the chosen sentence selected in the note and its lines in the transcript.

The list is rebuilt from the note's text (``drafting.note_review``) after every save, so it follows
the clinician's own edits: a reworded sentence is found again, a deleted one leaves the list. What
was accepted is stored with the note (``NoteService.set_review``), so it survives closing the window
and is what the Sign confirmation counts as reviewed.
"""

from __future__ import annotations

import re
from functools import cache

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import QListWidgetItem, QPlainTextEdit, QTextEdit

from session_assistant.drafting.formats import format_names, get_format
from session_assistant.drafting.note_review import (asks_left, empty_state, gone_from_note, locate, review_items,
                                                    risk_key, state_of, without)
from session_assistant.drafting.template_fill import accepted_risk_text, add_line, risk_field
from session_assistant.ui.common.dialogs import edit_sentence
from session_assistant.ui.common.vault_op import VaultOp
from session_assistant.ui.common import theme
from session_assistant.ui.note.evidence_text import chart_facts_of, evidence_text, segment_times
from session_assistant.ui.session.draft_review import is_endorsed, risk_rows

FLAGS_LISTED_AT_SIGN = 4  # quoted in the Sign confirmation; the rest counted (it must fit 1024x600)

ITEM_ROLE = Qt.ItemDataRole.UserRole
FLAG_WORDS = {"ungrounded": "no transcript line supports it", "unsupported_number": "a number not in the transcript",
              "unsupported_dose": "a dose not in the transcript", "unsupported_name": "a name not in the transcript",
              "unsupported_medication": "a medication not in the transcript",
              "unsupported_date": "a date not in the transcript", "cut_short": "the sentence was cut off",
              "count_from_elsewhere": "a count whose number the session says of something else",
              "risk_statement": "risk language: the clinician documents risk",
              "risk_documented": "written by rule from the risk lines and the client's words: check it against them",
              "echoes_instructions": "it repeats the drafting instructions, not the session",
              "unsupported_feeling": "a feeling the client never reported",
              "unevidenced_intervention": "an approach the clinician's lines do not show",
              "unsaid_observation": "an observation in words no clinician line uses",
              "assumed_absence": "says something was absent that nobody said",
              "unsaid_homework_review": "a homework review neither the session nor the last plan holds",
              "planned_as_done": "states as done what was only planned or offered",
              "unsaid_referral": "states a referral no clinician line made",
              "figure_of_speech_retold": "retells a figure of speech (\"nearly killed me\") as a fact",
              "score_of_other": "gives the client another person's score",
              "clinicians_words_as_report": "the clinician said this, the client did not: not the client's report",
              "answer_options_as_amount": "an amount from answer options the clinician read out, not the client's",
              "echoed_instructions": "it reads the drafting instructions back, not the session",
              "uncited_substance": "a substance the lines it cites do not speak of",
              "uncited_span": "a span or count whose number the lines it cites do not give it",
              "uncited_frequency": "a frequency the lines it cites do not give",
              "unsaid_failure": "says something failed where the lines it cites do not",
              "garbled": "the sentence is garbled",
              "another_persons_feeling": "gives the client a feeling that only another person said they felt",
              "act_of_another": "gives the client an act that the client's own words give someone else",
              "wrong_span": "a length of time the session gives to something else",
              "unsaid_time": "a time of day ({}) that no line says as a time: a number said as a rating is no clock time",
              "cause_cut": "the model's closing cause ({}) was said by no line it cites; it was taken out",
              "unsaid_cause": "joins the facts with a cause ({}) that no line it cites gives: check it",
              "report_as_observation": "the client's report given as the clinician's observation",
              "model_observation": "a finding of the client's mood, behaviour or state ({}) that no clinician line "
                                   "voices: mental status is the clinician's to record",
              "unsaid_history": "a history nobody told in the session",
              "negated_act": "says the client never did what the client said they did ({})",
              "unsaid_person": "names a person the session never mentions",
              "misattributed": "gives the clinician what someone else did or lived through",
              "unsaid_term": "a word nobody said in the session or the chart: check it",
              "wrong_person": "says someone did what the session says another person did",
              "who_unsure": "the session does not settle who did this: check who",
              "unsaid_act": "says someone did something ({}) no line of the session says they did",
              "client_misgendered": "uses the other gender's pronoun ({}) where it may mean the client",
              "clause_cut": "the model's closing words ({}) gave someone an act, or the client a pronoun, that no line "
                            "supports; they were taken out",
              "denied_in_session": "the client said no to this when asked: check the no was not lost",
              "labelling_word": "a word that labels the person ({}): reword it person-first",
              "expansion_removed": "the model spelled out an abbreviation in words nobody said; the spelling-out was taken out",
              "questionnaire_item_retold": "it retells a questionnaire's items read aloud; the score is the chart's",
              "subject_corrected": "the model wrote 'the client' for the words of the {}; the sentence now names them: confirm",
              "another_persons_words": "it gives what the {} said to the client",
              "merges_people": "it tells the client's and the {}'s words or tasks as one person's",
              "typed_slot": "found by the model in the lines it cites and checked against them: confirm it",
              "read_aloud_retold": "it copies a letter read aloud in session, in the letter's own voice, as the analysis",
              "unsaid_clinician_label": "gives the clinician a reading ({}) no clinician line gives",
              "judgement_removed": "the model added a verdict nobody in the session gave; it was taken out",
              "label_removed": "the model gave the clinician a reading ({}) no clinician line gives; it was taken out",
              "wrong_count": "a count ({}) the session gives another number",
              "wrong_measure": "gives a measure ({}) a score that is another measure's",
              "wrong_day": "gives an event the day ({}) the session gives another event",
              "day_removed": "the model gave this event the day ({}) the session gives another event; the day was taken out",
              "rule_fact": "written by rule from the lines it cites: confirm it",
              "date_counted": "the date ({}) was counted from the session's date and the day said: check it",
              "relative_day": "a day said relative to the session ({}): write the date before signing",
              "chart_fact": "taken from the chart, not said in the session: confirm it still holds",
              "age_removed": "the model guessed an age ({}) the transcript never states; it was taken out, "
                             "add the real one"}


def describe_flags(flags: list[str]) -> str:
    words = []
    for flag in flags:
        kind, _, detail = flag.partition(":")
        phrase = FLAG_WORDS.get(kind, kind.replace("_", " "))
        # "(34)" after "add the real one" would read as the real age, so such a phrase places its detail
        words.append(phrase.format(detail) if "{}" in phrase else phrase + (f" ({detail})" if detail else ""))
    return "; ".join(words)


class DraftReview:
    """Behaviour of the review panel of one ``NoteEditorPage`` (its widgets, note and editors)."""

    def __init__(self, page) -> None:
        self.page = page
        self.draft = None
        self.utterances: list = []
        self.segments: list = []  # the transcript's, so evidence reads as the transcript shows it
        self.items: list = []
        self.risk_accepted: list[str] = []
        self.gone: list[str] = []  # draft sentences the clinician took out of the note
        page.sentences.currentRowChanged.connect(self._on_sentences_row_changed)
        page.accept_button.clicked.connect(self._on_accept_clicked)
        page.edit_button.clicked.connect(self._on_edit_clicked)
        page.remove_button.clicked.connect(self._on_remove_clicked)
        page.accept_risk_button.clicked.connect(self._on_accept_risk_clicked)
        page.risk.currentRowChanged.connect(lambda _row: self._refresh_buttons())

    # ---- what is shown ------------------------------------------------------------------------------
    def show(self, draft, utterances, transcript) -> None:
        """Show the review of ``draft`` for the page's note (None: no AI draft, the panel hides)."""
        page = self.page
        self.draft, self.utterances = draft, list(utterances or [])
        self.segments = list(transcript.segments if transcript else [])
        page.review.setVisible(draft is not None)
        page.transcript.show_segments(transcript.segments if transcript else [], editable=False)
        state = (page.note or {}).get("review") or empty_state()
        self.risk_accepted = list(state.get("risk_accepted", []))
        self.gone = list(state.get("gone", []))
        page.sentences.blockSignals(True)
        page.sentences.setCurrentRow(-1)  # another note: nothing chosen yet
        page.sentences.blockSignals(False)
        self.refresh(state)

    def refresh(self, state: dict | None = None) -> None:
        """Rebuild the list from the note's text as it stands (after an edit, a save or signing)."""
        page = self.page
        if state is None:
            state = state_of(self.items, self.risk_accepted, self.gone)
        row = page.sentences.currentRow()
        page.sentences.blockSignals(True)
        page.sentences.clear()
        page.risk.clear()
        page.evidence.clear()
        self.items = []
        if self.draft is None or page.note is None:
            page.sentences.blockSignals(False)
            return
        self.items = review_items(self.draft, page.note["template"], self.field_texts(), state)
        self.gone = gone_from_note(self.draft, page.note["template"], self.items, state)
        for item in self.items:
            self._add_row(("✓ " if item.accepted else "⚑ " if item.flagged else "") + item.text, item,
                          "warning" if item.flagged and not item.accepted else None,
                          "Check this: " + describe_flags(item.flags) if item.flagged else "")
        for sentence in self.draft.withheld:  # never in the note; shown so nothing is hidden from the clinician
            self._add_row("⊘ Left out of the draft: " + sentence.text, sentence, "muted",
                          "Left out: " + describe_flags(sentence.flags))
        for text, item in zip(risk_rows(self.draft.risk, segment_times(self.segments)), self.draft.risk or [None]):
            accepted = item is not None and risk_key(item) in self.risk_accepted
            row_item = QListWidgetItem(("✓ " if accepted else "") + text)
            row_item.setData(ITEM_ROLE, item)
            if item is not None and is_endorsed(item):  # what was said, not what was asked: it must stand out
                bold = row_item.font()
                bold.setBold(True)
                row_item.setFont(bold)
                row_item.setForeground(QBrush(theme.colour("error")))
            page.risk.addItem(row_item)
        page.review_tabs.setTabText(1, f"Risk ({len(self.open_risk())} open)" if self.open_risk() else "Risk")
        # The first item still open is chosen: with none chosen "Accept into the Risk field" looked
        # disabled under a one-item list, as if there were nothing to accept.
        open_rows = [i for i in range(page.risk.count()) if not page.risk.item(i).text().startswith("✓ ")
                     and page.risk.item(i).data(ITEM_ROLE) is not None]
        if open_rows:
            page.risk.setCurrentRow(open_rows[0])
        if 0 <= row < page.sentences.count():
            # Signals stay blocked: selecting the sentence in the note now would move the cursor of
            # a clinician who is typing (this runs after every autosave).
            page.sentences.setCurrentRow(row)
            self._show_evidence(page.sentences.item(row).data(ITEM_ROLE))
        page.sentences.blockSignals(False)
        reviewed = sum(1 for i in self.items if i.accepted)
        page.review_state.setText(f"{reviewed} of {len(self.items)} reviewed")
        self._refresh_buttons()

    def _add_row(self, text: str, data, colour: str | None, tip: str) -> None:
        """``colour``: a theme colour name ("warning", "muted"), or None for the list's own text colour."""
        item = QListWidgetItem(text)
        item.setData(ITEM_ROLE, data)
        if colour:
            item.setForeground(QBrush(theme.colour(colour)))
        if tip:
            item.setToolTip(tip)
        self.page.sentences.addItem(item)

    def field_texts(self) -> dict[str, str]:
        return {name: editor.toPlainText() for name, editor in self.page._editors.items()}

    def _signed(self) -> bool:
        return self.page.note is None or self.page.note["status"] == "signed"

    def _current(self):
        row = self.page.sentences.currentRow()
        return self.items[row] if 0 <= row < len(self.items) else None

    def _refresh_buttons(self) -> None:
        page, item, editable = self.page, self._current(), not self._signed()
        page.accept_button.setEnabled(editable and item is not None and not item.accepted)
        page.edit_button.setEnabled(editable and item is not None)
        page.remove_button.setEnabled(editable and item is not None)
        risk = page.risk.currentItem().data(ITEM_ROLE) if page.risk.currentItem() else None
        page.accept_risk_button.setEnabled(editable and risk is not None and risk_key(risk) not in self.risk_accepted)
        # A signed note's review is a record to read: greyed-out actions looked like something to wait for.
        for button in (page.accept_button, page.edit_button, page.remove_button, page.accept_risk_button):
            button.setVisible(editable)

    # ---- choosing a sentence -----------------------------------------------------------------------
    def _on_sentences_row_changed(self, row: int) -> None:
        page = self.page
        self._refresh_buttons()
        list_item = page.sentences.item(row) if row >= 0 else None
        for editor in page._editors.values():  # only the chosen sentence stands out
            editor.setExtraSelections([])
            cursor = editor.textCursor()
            if cursor.hasSelection():
                cursor.clearSelection()
                editor.setTextCursor(cursor)
        if list_item is None:
            page.evidence.clear()
            return
        self._show_evidence(list_item.data(ITEM_ROLE))
        page.review_tabs.setCurrentIndex(0)
        if row < len(self.items):
            self.select_in_note(self.items[row])

    def _show_evidence(self, sentence) -> None:
        text = evidence_text(sentence, self.segments, self.utterances, chart_facts_of(self.draft))
        if sentence.flags:
            text += "\n\nFlag: " + describe_flags(sentence.flags)
        self.page.evidence.setPlainText(text)
        self.page.transcript.highlight_segments(sentence.evidence)

    def select_in_note(self, item) -> None:
        """Select the sentence's text in its field, tint it, and scroll the field into view."""
        editor: QPlainTextEdit | None = self.page._editors.get(item.field)
        span = locate(item, self.field_texts(), self.items)
        if editor is None or span is None:
            return
        cursor = editor.textCursor()
        cursor.setPosition(span[0])
        cursor.setPosition(span[1], QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)
        tint = QTextEdit.ExtraSelection()
        tint.cursor = QTextCursor(cursor)
        tint.format = QTextCharFormat()
        tint.format.setBackground(theme.colour("highlight"))
        tint.format.setForeground(theme.colour("text"))
        editor.setExtraSelections([tint])
        editor.ensureCursorVisible()
        self.page.fields_scroll.ensureWidgetVisible(editor)

    # ---- accept, edit, remove ----------------------------------------------------------------------
    def _on_accept_clicked(self) -> None:
        item = self._current()
        if item is None or self._signed():
            return
        item.accepted = True
        self._go_to_next_open()
        self._store()

    def _go_to_next_open(self) -> None:
        """Choose the next sentence still to review (below, then from the top), so a clinician
        reviewing sixteen sentences presses Accept sixteen times, not click-Accept sixteen times."""
        row = self.page.sentences.currentRow()
        order = [*range(row + 1, len(self.items)), *range(0, max(row, 0))]
        following = next((i for i in order if not self.items[i].accepted), None)
        if following is not None:
            self.page.sentences.setCurrentRow(following)

    def _on_edit_clicked(self) -> None:
        item = self._current()
        if item is None or self._signed():
            return
        text = edit_sentence(self.page, item.text)
        if text and text.strip():
            self.replace(item, " ".join(text.split()))
            self._go_to_next_open()

    def replace(self, item, text: str) -> None:
        """Write ``text`` in place of the sentence; an edited sentence counts as reviewed."""
        span = locate(item, self.field_texts(), self.items)
        if span is None:
            return
        editor = self.page._editors[item.field]
        old = editor.toPlainText()
        item.text, item.accepted = text, True
        self._write(item.field, old[:span[0]] + text + old[span[1]:])

    def _on_remove_clicked(self) -> None:
        item = self._current()
        if item is None or self._signed():
            return
        span = locate(item, self.field_texts(), self.items)
        if span is None:
            return
        self.items.remove(item)
        self._write(item.field, without(self.page._editors[item.field].toPlainText(), *span))

    def _on_accept_risk_clicked(self) -> None:
        page = self.page
        risk = page.risk.currentItem().data(ITEM_ROLE) if page.risk.currentItem() else None
        if risk is None or self._signed():
            return
        # No Risk field: the AI field (or the first), where the drafter's risk pointer would have been.
        target = risk_field(page.note["template"]) or page._ai_field() or next(iter(page._editors))
        self.risk_accepted.append(risk_key(risk))
        self._write(target, add_line(page._editors[target].toPlainText(), accepted_risk_text(risk)))

    def _write(self, name: str, text: str) -> None:
        """Put ``text`` in the field and save it; the save stores the review (``after_save``)."""
        self.page._editors[name].setPlainText(text)  # textChanged marks the field dirty
        self.page.save()

    def after_save(self) -> None:
        """The fields were saved: find the sentences again and store the review if it changed."""
        if self.draft is None or self._signed():
            return
        self.refresh()
        if state_of(self.items, self.risk_accepted, self.gone) != (self.page.note.get("review") or empty_state()):
            self._store()

    def _store(self) -> None:
        page = self.page
        state = state_of(self.items, self.risk_accepted, self.gone)
        note_id, notes = page.note["id"], page._ctx.practice.notes

        def stored(_none) -> None:
            if page._shows(note_id):
                page.note["review"] = state
                self.refresh(state)

        VaultOp(page._ctx.practice, lambda: notes.set_review(note_id, state), parent=page).success(stored) \
            .failure(lambda message: page._shows(note_id) and page.save_state.setText(message)).run()

    # ---- signing -------------------------------------------------------------------------------------
    def open_risk(self) -> list:
        return [r for r in (self.draft.risk if self.draft else []) if risk_key(r) not in self.risk_accepted]

    def open_lines(self) -> list[str]:
        """What is still open, for the Sign confirmation: flagged sentences, risk, unreviewed count.

        At most ``FLAGS_LISTED_AT_SIGN`` flagged sentences are quoted, then how many more: with a dozen
        quoted the confirmation grew taller than a 1024x600 screen and its Yes / Cancel fell off it.
        """
        flagged = [f"⚑ {i.text} ({describe_flags(i.flags)})" for i in self.items if i.flagged and i.open]
        lines = flagged[:FLAGS_LISTED_AT_SIGN]
        if len(flagged) > FLAGS_LISTED_AT_SIGN:
            lines.append(f"… and {len(flagged) - FLAGS_LISTED_AT_SIGN} more flagged sentence(s): see the AI draft "
                         "review beside the note.")
        if self.open_risk():
            rows = risk_rows(self.open_risk(), segment_times(self.segments))
            lines += [f"Risk not yet accepted into the note: {row}" for row in rows]
        lines += [f"“{ask}” is still in {label}: do it, then delete those words."
                  for label, ask in asks_left(self.page.note["template"], self.field_texts())]
        unreviewed = sum(1 for i in self.items if not i.flagged and i.open)
        if unreviewed:
            lines.append(f"{unreviewed} more AI sentence(s) not marked reviewed.")
        return lines


@cache
def _section_titles() -> frozenset[str]:
    """Every built-in format's section headings as a drafted note writes them ("SUBJECTIVE", "DATA", ...)."""
    return frozenset(section.title.upper() for name in format_names() for section in get_format(name).sections)


def empty_parts(template: list[dict], fields: dict[str, str]) -> list[str]:
    """The parts of the note that would be signed empty, for the Sign confirmation: a field with no text
    (the PDF leaves it out), and a section heading with nothing under it (left when the clinician removes
    its only sentences; the PDF prints the bare heading)."""
    empty = []
    for field in template:
        lines = [line.strip() for line in fields.get(field["name"], "").splitlines() if line.strip()]
        if not lines:
            empty.append(field["label"])
        for index, line in enumerate(lines):
            heading = line.upper() in _section_titles() and re.fullmatch(r"[A-Z][A-Z /&()-]+", line)
            if heading and (index + 1 == len(lines) or lines[index + 1].upper() in _section_titles()):
                empty.append(f"{field['label']}: nothing under {line.capitalize()}")
    return empty
