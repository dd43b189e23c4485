"""Window settings that are not PHI: auto-lock minutes, chosen models, window geometry, appearance.

Stored as a small typed JSON file in the user config folder. Anything clinical lives in the
vault only; nothing here names a client or quotes a note.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

log = logging.getLogger(__name__)

FILE_NAME = "ui-settings.json"
DEFAULT_AUTO_LOCK_MIN = 15
MIN_AUTO_LOCK_MIN, MAX_AUTO_LOCK_MIN = 1, 120
APPEARANCES = ("system", "light", "dark")  # ui/common/theme.py applies them


@dataclass
class UiSettings:
    auto_lock_minutes: int = DEFAULT_AUTO_LOCK_MIN
    whisper_model: str = ""  # "" = the registry's default
    note_model: str = ""
    note_format: str = "soap"
    geometry_hex: str = ""  # QMainWindow.saveGeometry(), hex encoded
    appearance: str = "system"  # "system" (follow the desktop), "light" or "dark"

    def __post_init__(self) -> None:
        try:
            minutes = int(self.auto_lock_minutes)
        except (TypeError, ValueError):
            minutes = DEFAULT_AUTO_LOCK_MIN
        self.auto_lock_minutes = max(MIN_AUTO_LOCK_MIN, min(MAX_AUTO_LOCK_MIN, minutes))
        for name in ("whisper_model", "note_model", "note_format", "geometry_hex"):
            if not isinstance(getattr(self, name), str):
                setattr(self, name, "")
        self.note_format = self.note_format or "soap"
        if self.appearance not in APPEARANCES:
            self.appearance = "system"

    @classmethod
    def load(cls, config_dir: Path) -> "UiSettings":
        path = Path(config_dir) / FILE_NAME
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return cls()
        except (OSError, ValueError):
            log.warning("ui settings unreadable; using defaults")
            return cls()
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known}) if isinstance(data, dict) else cls()

    def save(self, config_dir: Path) -> None:
        folder = Path(config_dir)
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        partial = folder / (FILE_NAME + ".partial")
        partial.write_text(json.dumps(asdict(self), indent=1), encoding="utf-8")
        os.replace(partial, folder / FILE_NAME)
