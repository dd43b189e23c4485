"""Window settings are typed, validated, and never hold PHI."""

from __future__ import annotations

import json

import pytest

from session_assistant.ui.common.ui_settings import DEFAULT_AUTO_LOCK_MIN, FILE_NAME, UiSettings

from ui_helpers import unlock


def test_settings_round_trip_and_bad_values_fall_back(tmp_path):
    settings = UiSettings(auto_lock_minutes=5, note_model="smollm2-135m-instruct", note_format="dap")
    settings.save(tmp_path)
    again = UiSettings.load(tmp_path)
    assert again == settings
    (tmp_path / FILE_NAME).write_text(json.dumps({"auto_lock_minutes": "soon", "note_model": 7, "unknown": 1}))
    loaded = UiSettings.load(tmp_path)
    assert loaded.auto_lock_minutes == DEFAULT_AUTO_LOCK_MIN and loaded.note_model == ""
    (tmp_path / FILE_NAME).write_text("{not json")
    assert UiSettings.load(tmp_path) == UiSettings()
    assert UiSettings(auto_lock_minutes=100000).auto_lock_minutes == 120


def test_config_folder_holds_no_phi_after_a_day_in_the_window(qtbot, ready_vault, make_window):
    window = make_window(ready_vault)
    unlock(qtbot, window)
    window.workspace.open_chart(window.ctx.practice.clients.list()[0]["id"])
    window.close()
    files = [p for p in ready_vault.config_dir.rglob("*") if p.is_file()]
    assert files, "the window saved no settings at all"
    for path in files:
        text = path.read_text(errors="replace")
        for name in ("Lindqvist", "Okafor", "Castellanos", "Takahashi", "Avery", "Dr Test"):
            assert name not in text


@pytest.mark.slow
def test_models_tab_lists_installed_models_and_measures_speed(qtbot, ready_vault, make_window):
    from session_assistant.ui.settings.settings_dialog import SettingsDialog

    window = make_window(ready_vault, model_overrides={"llm": "smollm2-135m-instruct"})
    unlock(qtbot, window)
    dialog = SettingsDialog(window.ctx, window.workspace)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.note_model.count() > 1, timeout=120000)
    ids = [dialog.note_model.itemData(i) for i in range(dialog.note_model.count())]
    assert "smollm2-135m-instruct" in ids
    assert any(dialog.whisper_model.itemData(i) == "whisper-base" for i in range(dialog.whisper_model.count()))
    dialog.measure_button.click()
    qtbot.waitUntil(lambda: "tokens/s" in dialog.speed.text() or "." in dialog.speed.text(), timeout=300000)
    assert "smollm2-135m-instruct" in dialog.speed.text() and "tokens/s" in dialog.speed.text()


def test_the_models_tab_names_the_model_used_when_none_is_chosen(qtbot, ready_vault, make_window):
    """The note model read "Default": a clinician could not tell which model writes the drafts."""
    from sa_testing import MODELS_DIR
    from session_assistant.model_registry import list_models
    from session_assistant.ui.settings.settings_dialog import SettingsDialog

    window = make_window(ready_vault)
    unlock(qtbot, window)
    dialog = SettingsDialog(window.ctx, window.workspace)
    qtbot.addWidget(dialog)
    qtbot.waitUntil(lambda: dialog.models_message.text().startswith("Installed models"), timeout=120000)
    installed = list_models(MODELS_DIR)
    for combo, kind in ((dialog.note_model, "llm"), (dialog.whisper_model, "whisper")):
        default = next(m for m in installed if m.kind == kind and m.role == "default")
        assert combo.itemData(0) == "" and combo.itemText(0).startswith(f"Recommended: {default.title}"), \
            combo.itemText(0)
