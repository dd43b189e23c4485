"""A treatment plan as an editable tree: problems → goals → objectives → interventions, each goal,
objective and intervention with a target date. An intervention sits under the objective it serves,
or under a goal when it serves the goal as a whole (as plans from before objectives had them do).

The tree is the editing model: each item holds its kind and fields, and ``plan()`` walks it back
into the service's ``plan_json`` shape (validated there, not here). The fields of the selected
item are edited beside the tree.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGroupBox, QHBoxLayout, QHeaderView, QLabel, QLineEdit,
                               QPlainTextEdit, QPushButton, QSplitter, QTreeWidget, QTreeWidgetItem, QVBoxLayout,
                               QWidget)

from session_assistant.services.treatment_plans import GOAL_STATUSES
from session_assistant.ui.common.widgets import WrappingDelegate

KIND, FIELDS = Qt.ItemDataRole.UserRole, Qt.ItemDataRole.UserRole + 1
TITLES = {"problem": "Problem", "goal": "Goal", "objective": "Objective", "intervention": "Intervention"}
DATED = ("goal", "objective", "intervention")  # the service keeps a target date on these
TRACKED = ("goal", "objective")  # ... and progress on these
NEW_TEXT = {"problem": "New problem", "goal": "New goal", "objective": "New objective",
            "intervention": "New intervention"}


class PlanTree(QWidget):
    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(("Plan", "Target date", "Progress"))
        self.tree.setAccessibleName("Treatment plan")
        self.tree.setWordWrap(True)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))  # a goal in the clinician's words, whole
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.add_problem = QPushButton("+ &Problem")
        self.add_goal = QPushButton("+ Go&al")
        self.add_objective = QPushButton("+ O&bjective")
        self.add_intervention = QPushButton("+ &Intervention")
        self.remove = QPushButton("R&emove")
        add_row = QHBoxLayout()
        for button in (self.add_problem, self.add_goal, self.add_objective, self.add_intervention, self.remove):
            add_row.addWidget(button)
        add_row.addStretch(1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree, 1)
        left_layout.addLayout(add_row)

        self.editor = QGroupBox("Selected item")
        self.editor.setMinimumWidth(260)
        self.text = QPlainTextEdit()  # problems and goals are often whole sentences: let them wrap
        self.text.setTabChangesFocus(True)
        self.text.setMaximumHeight(80)
        self.text.setAccessibleName("Item text")
        self.measure = QLineEdit()
        # Short enough to be read whole in the side panel at 1024 wide ("how you will know, e.g. GAD-7
        # below 10" was cut at 1280); the label and the tooltip say what it is for.
        self.measure.setPlaceholderText("e.g. GAD-7 below 10")
        self.measure.setToolTip("How you will know the goal is met, e.g. GAD-7 below 10 on two administrations")
        self.target_date = QLineEdit()
        self.target_date.setPlaceholderText("YYYY-MM-DD")
        self.target_date.setAccessibleName("Target date")
        self.progress = QComboBox()
        self.progress.addItems(GOAL_STATUSES)
        self.progress.setAccessibleName("Progress")
        self.form = QFormLayout()
        editor_layout = QVBoxLayout(self.editor)
        editor_layout.addLayout(self.form)
        editor_layout.addStretch(1)
        self.form.addRow("Te&xt:", self.text)
        self.form.addRow("&Measure:", self.measure)
        self.form.addRow("Target &date:", self.target_date)
        self.form.addRow("Pro&gress:", self.progress)
        self.hint = QLabel("Choose an item in the plan to edit it.")
        self.hint.setWordWrap(True)
        self.form.addRow(self.hint)
        splitter = QSplitter()
        splitter.addWidget(left)
        splitter.addWidget(self.editor)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        # 3:2 from the start (the stretch factors share only what is left over the tree's wide size hint,
        # which left the panel at its 260-pixel minimum on a 1280 screen); the tree's buttons keep their row.
        splitter.setSizes([600, 400])
        splitter.setCollapsible(1, False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(splitter)

        self._editable = False
        self._signed = False
        self._loading = False
        self.add_problem.clicked.connect(lambda: self.add_item("problem"))
        self.add_goal.clicked.connect(lambda: self.add_item("goal"))
        self.add_objective.clicked.connect(lambda: self.add_item("objective"))
        self.add_intervention.clicked.connect(lambda: self.add_item("intervention"))
        self.remove.clicked.connect(self._on_remove_clicked)
        self.tree.currentItemChanged.connect(lambda *_: self._on_current_changed())
        self.text.textChanged.connect(self._on_field_edited)
        for edit in (self.measure, self.target_date):
            edit.textEdited.connect(self._on_field_edited)
        self.progress.activated.connect(self._on_field_edited)
        self.set_plan(None, editable=False)

    # ---- the plan in and out ---------------------------------------------------------------------
    def set_plan(self, plan: dict | None, *, editable: bool) -> None:
        self._editable = editable
        self._signed = plan is not None and not editable  # None: no plan yet (not a signed one)
        self.tree.clear()
        for problem in (plan or {}).get("problems", []):
            p_item = self._item(None, "problem", {"text": problem["problem"]})
            for goal in problem.get("goals", []):
                g_item = self._item(p_item, "goal", {"text": goal["goal"], "measure": goal.get("measure", ""),
                                                     "target_date": goal.get("target_date") or "",
                                                     "status": goal.get("status") or GOAL_STATUSES[0]})
                for objective in goal.get("objectives", []):
                    o_item = self._item(g_item, "objective", {"text": objective["objective"],
                                                              "target_date": objective.get("target_date") or "",
                                                              "status": objective.get("status") or GOAL_STATUSES[0]})
                    self._interventions(o_item, objective.get("interventions", []))
                self._interventions(g_item, goal.get("interventions", []))
        self.tree.expandAll()

        self._on_current_changed()

    def plan(self) -> dict:
        """The tree in the service's shape (unvalidated: the service names what is missing)."""
        problems = []
        for p in range(self.tree.topLevelItemCount()):
            p_item = self.tree.topLevelItem(p)
            goals = []
            for g in range(p_item.childCount()):
                g_item = p_item.child(g)
                fields = g_item.data(0, FIELDS)
                children = [g_item.child(i) for i in range(g_item.childCount())]
                goals.append({"goal": fields["text"], "measure": fields.get("measure", ""),
                              "target_date": fields.get("target_date") or None, "status": fields.get("status"),
                              "objectives": [{"objective": c.data(0, FIELDS)["text"],
                                              "target_date": c.data(0, FIELDS).get("target_date") or None,
                                              "status": c.data(0, FIELDS).get("status"),
                                              "interventions": self._interventions_of(c)}
                                             for c in children if c.data(0, KIND) == "objective"],
                              "interventions": self._interventions_of(g_item)})
            problems.append({"problem": p_item.data(0, FIELDS)["text"], "goals": goals})
        return {"problems": problems}

    def _interventions(self, parent: QTreeWidgetItem, interventions: list[dict]) -> None:
        for intervention in interventions:
            self._item(parent, "intervention", {"text": intervention["intervention"],
                                                "target_date": intervention.get("target_date") or ""})

    @staticmethod
    def _interventions_of(parent: QTreeWidgetItem) -> list[dict]:
        children = (parent.child(i) for i in range(parent.childCount()))
        return [{"intervention": c.data(0, FIELDS)["text"], "target_date": c.data(0, FIELDS).get("target_date") or None}
                for c in children if c.data(0, KIND) == "intervention"]

    def selected_path(self) -> tuple[int, ...]:
        """Where the selected item is (child indices from the top), to select it again after a reload."""
        path, item = [], self.tree.currentItem()
        while item is not None:
            parent = item.parent()
            path.insert(0, (parent or self.tree.invisibleRootItem()).indexOfChild(item))
            item = parent
        return tuple(path)

    def select_path(self, path: tuple[int, ...]) -> None:
        item = self.tree.invisibleRootItem()
        for index in path:
            if not 0 <= index < item.childCount():
                return
            item = item.child(index)
        if path:
            self.tree.setCurrentItem(item)

    def is_empty(self) -> bool:
        return self.tree.topLevelItemCount() == 0

    # ---- editing ---------------------------------------------------------------------------------
    def add_item(self, kind: str) -> QTreeWidgetItem | None:
        """Add a ``kind`` under the selected item's nearest fitting parent, select it, edit its text."""
        if not self._editable:
            return None
        parent = None
        if kind != "problem":
            # An intervention goes under the selected objective, else under the goal.
            wanted = {"goal": ("problem",), "objective": ("goal",), "intervention": ("objective", "goal")}[kind]
            parent = self.tree.currentItem()
            while parent is not None and parent.data(0, KIND) not in wanted:
                parent = parent.parent()
            if parent is None:
                return None
        fields = {"text": NEW_TEXT[kind]}
        if kind in DATED:
            fields["target_date"] = ""
        if kind in TRACKED:
            fields.update(status=GOAL_STATUSES[0], **({"measure": ""} if kind == "goal" else {}))
        item = self._item(parent, kind, fields)
        if parent is not None:
            parent.setExpanded(True)
        self.tree.setCurrentItem(item)
        self.text.setFocus()
        self.text.selectAll()
        self.changed.emit()
        return item

    def _item(self, parent, kind: str, fields: dict) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setData(0, KIND, kind)
        item.setData(0, FIELDS, fields)
        self._label(item)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        return item

    @staticmethod
    def _label(item: QTreeWidgetItem) -> None:
        kind, fields = item.data(0, KIND), item.data(0, FIELDS)
        text = f"{TITLES[kind]}: {fields['text']}"
        if fields.get("measure"):
            text += f"  (measure: {fields['measure']})"
        item.setText(0, text)
        item.setToolTip(0, text)
        item.setText(1, fields.get("target_date") or "")
        item.setText(2, fields.get("status") or "")

    def _on_current_changed(self) -> None:
        item = self.tree.currentItem()
        kind = item.data(0, KIND) if item is not None else None
        self._loading = True
        fields = item.data(0, FIELDS) if item is not None else {}
        self.text.setPlainText(fields.get("text", ""))
        self.measure.setText(fields.get("measure", ""))
        self.measure.setCursorPosition(0)  # the start of a long measure, not its end
        self.target_date.setText(fields.get("target_date", ""))
        self.progress.setCurrentText(fields.get("status") or GOAL_STATUSES[0])
        self._loading = False
        self.editor.setTitle(TITLES[kind] if kind else "Selected item")
        self.form.setRowVisible(self.measure, kind == "goal")
        self.form.setRowVisible(self.target_date, kind in DATED)
        self.form.setRowVisible(self.progress, kind in TRACKED)
        self.hint.setVisible(kind is None or not self._editable)
        self.hint.setText("Choose an item in the plan to edit it." if self._editable
                          else "This version is signed and cannot change; start a new version to revise it."
                          if self._signed else "No treatment plan yet: New plan starts one.")
        for widget in (self.text, self.measure, self.target_date, self.progress):
            widget.setEnabled(self._editable and kind is not None)
        chain = []
        walk = item
        while walk is not None:
            chain.append(walk.data(0, KIND))
            walk = walk.parent()
        self.add_problem.setEnabled(self._editable)
        self.add_goal.setEnabled(self._editable and "problem" in chain)
        self.add_objective.setEnabled(self._editable and "goal" in chain)
        self.add_intervention.setEnabled(self._editable and "goal" in chain)
        self.remove.setEnabled(self._editable and item is not None)

    def _on_field_edited(self, *_args) -> None:
        item = self.tree.currentItem()
        if self._loading or item is None or not self._editable:
            return
        fields = dict(item.data(0, FIELDS))
        fields["text"] = self.text.toPlainText()
        if item.data(0, KIND) == "goal":
            fields["measure"] = self.measure.text()
        if item.data(0, KIND) in DATED:
            fields["target_date"] = self.target_date.text().strip()
        if item.data(0, KIND) in TRACKED:
            fields["status"] = self.progress.currentText()
        item.setData(0, FIELDS, fields)
        self._label(item)
        self.changed.emit()

    def _on_remove_clicked(self) -> None:
        item = self.tree.currentItem()
        if item is None or not self._editable:
            return
        (item.parent() or self.tree.invisibleRootItem()).removeChild(item)
        self.changed.emit()
