"""The chart's Treatment plan tab: every version, the draft edited as a tree, signing, and which
version is the active plan (the one note drafting reads: ``TreatmentPlanService.active``).

A signed version is shown read-only; "New version" copies the latest into a draft. A plan that
is not yet saved lives only in the tree until "Save draft" creates it.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QVBoxLayout,
                               QWidget)

from session_assistant.errors import UserError
from session_assistant.services.base import parse_date
from session_assistant.services.treatment_plans import REVIEW_NARRATIVE, salvage_plan
from session_assistant.ui.chart.plan_tree import PlanTree
from session_assistant.ui.common.unsaved import settle_unsaved
from session_assistant.ui.common.dialogs import confirm
from session_assistant.ui.chart.tab_write import write_in_form
from session_assistant.ui.common.vault_op import VaultOp
from session_assistant.ui.common.widgets import signed_banner
from session_assistant.ui.summary.summary_dialogs import local_time

UNSAVED = -1  # the combo's data for a plan that is only in the tree so far
NEW_VERSION = -2  # for ``_write``: select the plan id the write returns


class PlanEditor(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._practice = None
        self.client_id: int | None = None
        self.version = QComboBox()
        self.version.setAccessibleName("Plan version")
        self.version.setMinimumContentsLength(28)
        # As wide as its longest version: 28 characters cut the signer's name ("...by Mari").
        self.version.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.active_label = QLabel()
        self.active_label.setAccessibleName("Active plan")
        self.active_label.setWordWrap(True)
        self.new_plan = QPushButton("&New version")
        self.save = QPushButton("&Save draft")
        self.sign = QPushButton("Si&gn…")
        self.delete = QPushButton("&Delete draft")
        self.review_date = QLineEdit()
        self.review_date.setPlaceholderText("YYYY-MM-DD")
        self.review_date.setAccessibleName("Review date")
        self.review_date.setMaximumWidth(120)
        self.tree = PlanTree()
        # What the clinician concluded at a plan review (progress on each goal, what changes and why):
        # without it a version 2 showed new statuses and nobody could read why.
        self.narrative = QPlainTextEdit()
        self.narrative.setTabChangesFocus(True)
        self.narrative.setMaximumHeight(64)
        self.narrative.setAccessibleName("Review narrative")
        self.narrative.setPlaceholderText("At a review: progress on each goal, what you concluded, what this version changes")
        self.status = QLabel()
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Plan status")
        # The version box has its row to itself: beside the active-plan line, the banner and the button it
        # was squeezed below its signer's name at 1024 wide, however wide it asked to be.
        top = QHBoxLayout()
        top.addWidget(QLabel("&Version:", buddy=self.version))
        top.addWidget(self.version)
        top.addStretch(1)
        state = QHBoxLayout()
        state.addWidget(self.active_label, 1)
        self.signed_banner = signed_banner("treatment plan")
        state.addWidget(self.signed_banner)
        state.addWidget(self.new_plan)
        second = QHBoxLayout()
        second.addWidget(QLabel("&Review date:", buddy=self.review_date))
        second.addWidget(self.review_date)
        second.addStretch(1)
        second.addWidget(self.save)
        second.addWidget(self.sign)
        second.addWidget(self.delete)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(state)
        layout.addLayout(second)
        layout.addWidget(self.tree, 1)
        # Shown for a version made at a review (version 2 on) or one that has a narrative: a first plan
        # has no review, and at 600 pixels high its tree needs the room.
        self.narrative_box = QWidget()
        narrative_row = QHBoxLayout(self.narrative_box)
        narrative_row.setContentsMargins(0, 0, 0, 0)
        narrative_row.addWidget(QLabel("Revie&w narrative:", buddy=self.narrative))
        narrative_row.addWidget(self.narrative, 1)
        layout.addWidget(self.narrative_box)
        layout.addWidget(self.status)
        self._dirty = False
        self._active_id: int | None = None
        self._shown_index = -1
        self.version.activated.connect(self._on_version_activated)
        self.new_plan.clicked.connect(self._on_new_plan_clicked)
        self.save.clicked.connect(self._on_save_clicked)
        self.sign.clicked.connect(self._on_sign_clicked)
        self.delete.clicked.connect(self._on_delete_clicked)
        self.tree.changed.connect(self._on_tree_changed)
        self.review_date.textEdited.connect(self._on_tree_changed)
        self.narrative.textChanged.connect(self._on_narrative_changed)

    def fill(self, practice, client_id: int, select: int | None = None) -> bool:
        """List ``client_id``'s versions and show ``select`` (default: the newest)."""
        if getattr(practice, "plans", None) is None:
            return False
        if (practice, client_id) != (self._practice, self.client_id):
            self.status.clear()
        self._practice, self.client_id = practice, client_id
        self.version.clear()
        versions = practice.plans.versions(client_id)
        active = practice.plans.active(client_id)
        self._active_id = active["id"] if active else None
        for plan in reversed(versions):
            words = (f"signed {local_time(plan['signed_at'])[:10]} by {plan['signer_name']}" if plan["status"] == "signed"
                     else "draft")
            self.version.addItem(f"Version {plan['version']} · {words}", plan["id"])
        if select is not None and self.version.findData(select) >= 0:
            self.version.setCurrentIndex(self.version.findData(select))
        self.new_plan.setText("&New version" if versions else "&New plan")
        self._show_selected()
        return True

    def shown_id(self) -> int | None:
        data = self.version.currentData()
        return None if data in (None, UNSAVED) else int(data)

    # ---- showing ---------------------------------------------------------------------------------
    def _show_selected(self) -> None:
        plan_id = self.shown_id()
        self._dirty = False
        self._shown_index = self.version.currentIndex()
        if plan_id is None and self.version.currentData() != UNSAVED:
            self.tree.set_plan(None, editable=False)
            self.review_date.clear()
            self._show_narrative("", reviewed=False)
            self.active_label.setText("No treatment plan yet: start one with New plan.")
        elif plan_id is not None:
            plan = self._practice.plans.get(plan_id)
            self.tree.set_plan(plan["plan"], editable=plan["status"] == "draft")
            self.review_date.setText(plan["review_date"] or "")
            self._show_narrative(plan["plan"].get(REVIEW_NARRATIVE, ""), reviewed=plan["version"] > 1)
            self.active_label.setText(self._standing(plan["status"] == "signed", plan_id == self._active_id))
        else:
            self.active_label.setText(self._standing(False, False))
        self._update_buttons()

    def _show_narrative(self, text: str, reviewed: bool) -> None:
        self.narrative.blockSignals(True)  # shown, not edited: no "Unsaved changes"
        self.narrative.setPlainText(text)
        self.narrative.blockSignals(False)
        self.narrative_box.setVisible(reviewed or bool(text))

    def _plan_shown(self) -> dict:
        """The tree and the review narrative, in the service's shape (UserError from the tree)."""
        narrative = self.narrative.toPlainText().strip()
        return {**self.tree.plan(), **({REVIEW_NARRATIVE: narrative} if narrative else {})}

    def _standing(self, signed: bool, active: bool) -> str:
        """A draft is never called the active plan: signing is what makes it so (the Sign dialog
        says it "becomes the active plan"), even while drafting reads it for want of a signed one."""
        if signed and active:
            return "✓ Active plan: note drafting reads this version."
        if active:
            return "Draft (unsigned): note drafting reads it until a version is signed."
        reads = "the latest signed version" if self._active_id else "none yet"
        return ("Draft (unsigned). " if not signed else "") + f"Not the active plan (note drafting reads {reads})."

    def _update_buttons(self) -> None:
        plan_id = self.shown_id()
        unsaved = self.version.currentData() == UNSAVED
        draft = unsaved or (plan_id is not None and self._practice.plans.get(plan_id)["status"] == "draft")
        has_draft = unsaved or any(self._practice.plans.get(self.version.itemData(i))["status"] == "draft"
                                   for i in range(self.version.count()) if self.version.itemData(i) != UNSAVED)
        self.review_date.setReadOnly(not draft)
        self.narrative.setReadOnly(not draft)
        self.signed_banner.setVisible(plan_id is not None and not draft)
        self.save.setEnabled(draft and (self._dirty or unsaved))
        self.sign.setEnabled(draft)
        self.delete.setEnabled(draft)
        self.new_plan.setEnabled(not has_draft)

    # ---- handlers --------------------------------------------------------------------------------
    def _on_tree_changed(self, *_args) -> None:
        self._dirty = True
        self.status.setText("Unsaved changes.")
        self._update_buttons()

    def _on_narrative_changed(self) -> None:
        if not self.narrative.isReadOnly():
            self._on_tree_changed()

    def _on_version_activated(self, index: int) -> None:
        """Another version chosen: the edited one is saved or discarded first, never dropped."""
        wanted = self.version.itemData(index)
        if self.has_unsaved() and index != self._shown_index:
            self.version.setCurrentIndex(self._shown_index)  # the edited version stays in view while asking
            if not settle_unsaved(self, {"the treatment plan": self}):
                return
            if self.version.findData(wanted) < 0:
                return
            self.version.setCurrentIndex(self.version.findData(wanted))
        self._show_selected()

    def _on_new_plan_clicked(self) -> None:
        if self._practice is None:
            return
        if self.version.count():
            client_id, plans = self.client_id, self._practice.plans
            self._write(lambda: plans.new_version(client_id), client_id, NEW_VERSION,
                        "New version started as a copy of the latest; edit it, then sign.")
            return
        self.version.insertItem(0, "New plan · not saved yet", UNSAVED)
        self.version.setCurrentIndex(0)
        self._shown_index = 0
        self.tree.set_plan(None, editable=True)
        self.review_date.clear()
        self._show_narrative("", reviewed=False)
        self.active_label.setText("Add a problem, its goals, objectives and interventions, then save.")
        problem = self.tree.add_item("problem")
        self.tree.tree.setCurrentItem(problem)
        self.tree.add_item("goal")
        self._on_tree_changed()

    def save_draft(self, wait: bool = False, then: Callable[[], None] | None = None) -> bool:
        """Store the tree (create or update, ``VaultOp``); False with the reason shown when refused.

        True as well while the write waits behind a busy writer (the form is disabled until it
        lands, so no edit is made on a tree about to be reloaded); ``then`` runs once stored.
        """
        try:
            plan = self._plan_shown()
        except UserError as error:
            self.status.setText(f"Not saved: {error}")
            return False
        review, client_id, plans = self.review_date.text().strip() or None, self.client_id, self._practice.plans
        existing = None if self.version.currentData() == UNSAVED else self.shown_id()

        def write() -> int:
            if existing is None:
                return plans.create(client_id, plan, review)
            plans.update(existing, plan, review or "")
            return existing

        at = self.tree.selected_path()

        def stored(plan_id: int) -> None:
            self.fill(self._practice, client_id, select=plan_id)
            self.tree.select_path(at)  # the item being edited stays in hand ("Choose an item" after each save)
            self.status.setText("Draft saved.")

        return write_in_form(self, write, stored, "Plan not saved", after=then, wait=wait)

    def _store(self, plan: dict, review: str | None) -> None:
        """At a lock only (the vault closes next, so this waits for the writer)."""
        if self.version.currentData() == UNSAVED:
            plan_id = self._practice.plans.create(self.client_id, plan, review)
        else:
            plan_id = self.shown_id()
            self._practice.plans.update(plan_id, plan, review or "")
        self.fill(self._practice, self.client_id, select=plan_id)

    def keep_at_lock(self) -> str | None:
        """Before a lock: unsaved edits are stored as a draft, since nobody is there to answer
        Save / Discard. One the service refuses is made storable (``salvage_plan``). Returns what
        to tell the clinician after unlocking, in words holding no clinical text (it outlives the lock)."""
        if not self.has_unsaved():
            return None
        if self.save_draft(wait=True):
            return "Your unsaved plan edits were saved as a draft when the app locked."
        review = self.review_date.text().strip() or None
        try:
            plan, fixes = salvage_plan(self._plan_shown())
            try:
                parse_date(review, "Review date")
            except UserError:
                review, fixes = None, [*fixes, "the review date was not a date and is cleared"]
            self._store(plan, review)
        except UserError:  # e.g. every problem removed: nothing a draft could hold
            return "Your unsaved plan edits could not be kept when the app locked."
        return ("Your unsaved plan edits were saved as a draft when the app locked; "
                + "; ".join(fixes) + ". Check them before signing.")

    def _on_save_clicked(self) -> None:
        self.save_draft()

    # ---- the unsaved-changes contract (ui/unsaved.py) --------------------------------------------
    def has_unsaved(self) -> bool:
        return self._practice is not None and (self._dirty or self.version.currentData() == UNSAVED)

    def save_changes(self) -> bool:
        return self.save_draft()

    def discard_changes(self) -> None:
        self.fill(self._practice, self.client_id, select=self.shown_id())
        self.status.setText("Changes discarded.")

    def _on_sign_clicked(self) -> None:
        if self._dirty or self.version.currentData() == UNSAVED:
            self.save_draft(then=self._confirm_sign)  # sign what the form shows, once it is stored
        else:
            self._confirm_sign()

    def _confirm_sign(self) -> None:
        plan_id, client_id = self.shown_id(), self.client_id
        name = self._practice.profile.get().name or "(no name set)"
        confirmed = confirm(self, "Sign treatment plan",
                                      f"Sign this version as {name}? It becomes the active plan that note drafting "
                                      "reads, and can never be changed; revise it with a new version.")
        if plan_id is None or not confirmed:
            return
        signer, plans = self._practice.profile.get().name, self._practice.plans
        self._write(lambda: plans.sign(plan_id, signer), client_id, plan_id, "Plan signed.")

    def _on_delete_clicked(self) -> None:
        if self.version.currentData() == UNSAVED:
            self.fill(self._practice, self.client_id)
            return
        confirmed = confirm(self, "Delete draft", "Delete this unsigned plan version?")
        if not confirmed:
            return
        plan_id, plans = self.shown_id(), self._practice.plans
        self._write(lambda: plans.delete_draft(plan_id), self.client_id, None, "Draft deleted.")

    def _write(self, fn: Callable[[], object], client_id: int, select: int | None, done: str) -> None:
        """Sign, delete or start a version (``VaultOp``), then show the stored plans and ``done``."""
        def stored(result) -> None:
            self.setEnabled(True)
            if self.client_id == client_id:
                self.fill(self._practice, client_id, select=result if select == NEW_VERSION else select)
                self.status.setText(done)
            self.changed.emit()

        def refused(message: str) -> None:
            self.setEnabled(True)
            if self.client_id == client_id:
                self.status.setText(message)

        self.setEnabled(False)  # one click, one write, even when the writer is busy
        VaultOp(self._practice, fn, parent=self).success(stored).failure(refused).run()
