"""The note editor's AI actions: Refine (the draft, in words), Enhance (the clinician's own words) and
writing a new draft into the note's fields where the template wants each section.

Functions over a ``NoteEditorPage`` (its ``_ctx``, ``note``, ``_editors``, ``_run`` and ``review``),
kept apart so the editor stays readable. Both run on the engine pool with progress and cancel.
"""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from session_assistant.drafting.mental_status import carry_block, without_block
from session_assistant.drafting.note_text import replace_sections
from session_assistant.drafting.template_fill import AI, RISK, fill, replace_parts, roles
from session_assistant.ui.common import engines
from session_assistant.ui.common.vault_op import VaultOp


def draft_values(page, draft, keys=None) -> dict[str, str]:
    """The text each field gets from ``draft`` (only the sections ``keys``, when given): a field of
    one section gets it whole; in a field holding several only those sections change (under their
    headings in the AI field, as paragraphs in a field such as Data). The Risk field is never
    written: risk is what the clinician accepts."""
    template = page.note["template"]
    filled = fill(template, draft)
    keys = list(keys) if keys is not None else list(draft.format.keys)
    field_roles = roles(template)
    work = page._ctx.sessions.get(page.appointment_id)
    values: dict[str, str] = {}
    for name in dict.fromkeys(name for k in keys for name in filled.fields_of(k)):
        if field_roles.get(name) == RISK or name not in page._editors:
            continue
        own = list(filled.parts.get(name, {}))
        if len(own) > 1 and set(own) - set(keys):
            current, redrafted = page._editors[name].toPlainText(), [k for k in own if k in keys]
            if field_roles.get(name) in (AI, None):
                values[name] = replace_sections(current, draft, redrafted)
            elif work is not None and work.draft is not None:  # the draft these paragraphs came from
                values[name] = replace_parts(current, fill(template, work.draft), filled, name, redrafted)
        else:
            values[name] = filled.values[name]
    return values


def apply_draft(page, new_draft, utterances, values: dict[str, str]) -> None:
    """Write ``values`` into the fields (the clinician's mental status lines survive any redraft)
    and mark the note AI-assisted by the new draft's model."""
    work = page._ctx.session(page.appointment_id)
    work.draft, work.utterances = new_draft, list(utterances)
    for name, text in values.items():
        if name in page._editors:
            page._editors[name].setPlainText(carry_block(page._editors[name].toPlainText(), text))
            page._dirty.add(name)
    first = next(iter(values), None)
    if page.note is None or first not in page._editors:
        page.show_review()
        return
    note_id, notes, text = page.note["id"], page._ctx.practice.notes, page._editors[first].toPlainText()

    def mark_ai_assisted() -> None:  # after the fields are stored (both through VaultOp, in order)
        VaultOp(page._ctx.practice, lambda: notes.set_field(note_id, first, text, ai_model=new_draft.model),
                parent=page).success(lambda _none: page._shows(note_id) and page.show_review()) \
            .failure(lambda message: page._shows(note_id) and page.save_state.setText(message)).run()

    page.save(then=mark_ai_assisted)


def refine(page) -> None:
    work = page._ctx.sessions.get(page.appointment_id)
    instruction = page.refine_instruction.text().strip()
    if not (work and work.draft and instruction and page.note) or page._worker is not None:
        return
    ctx, current, utterances = page._ctx, work.draft, work.utterances
    page._run(lambda p, t: engines.refine(ctx, current, utterances, instruction, p, t), "Refining…",
              lambda refined: apply_draft(page, refined, utterances, draft_values(page, refined)))


def enhance(page) -> None:
    if page.note is None or page._worker is not None:
        return
    page.save()
    own = [without_block(e.toPlainText()) for e in page._editors.values()]  # never the checklist's lines
    text = "\n".join(t for t in own if t.strip())
    if not text.strip():
        QMessageBox.information(page, "Enhance", "Write your note first; Enhance tidies your own words.")
        return
    ctx, fmt, names = page._ctx, page._ctx.settings.note_format, list(page._editors)

    def done(result) -> None:
        lines, enhanced = result
        values = draft_values(page, enhanced) or {names[0]: enhanced.as_text()}
        apply_draft(page, enhanced, lines, values)

    page._run(lambda p, t: engines.enhance(ctx, text, fmt, p, t), "Enhancing…", done)
