"""The one module that knows where things live.

Nothing here touches the disk at import time; folders are created by ``AppPaths.ensure()``,
which the entry points call from ``main()``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import platformdirs

_APP_DIR_NAME = "SessionAssistant"
_VAULT_DB_NAME = "vault.db"


def is_frozen() -> bool:
    """True inside a PyInstaller bundle."""
    return bool(getattr(sys, "frozen", False))


def install_root() -> Path:
    """The folder that holds ``resources/`` and ``models/``.

    In a source checkout that is the repository root; in a one-folder bundle it is the folder
    of the executable (resources live in the bundle's data folder, models stay beside it).
    """
    if is_frozen():
        return Path(sys.executable).resolve().parent
    return Path(__file__).resolve().parents[2]


def resources_dir() -> Path:
    if is_frozen():
        return Path(getattr(sys, "_MEIPASS", install_root())) / "resources"
    return install_root() / "resources"


def resource(*parts: str) -> Path:
    return resources_dir().joinpath(*parts)


def migrations_dir() -> Path:
    return resource("migrations")


def user_cache_dir() -> Path:
    """The per-user cache folder (model checksums); disposable, never holds PHI."""
    return Path(platformdirs.user_cache_dir(_APP_DIR_NAME, appauthor=False))


def default_models_dir() -> Path:
    return install_root() / "models"


@dataclass(frozen=True)
class AppPaths:
    """Per-user folders. ``vault_dir`` may be overridden with ``--vault DIR``."""

    data_dir: Path
    log_dir: Path
    config_dir: Path
    vault_dir: Path
    models_dir: Path

    @classmethod
    def default(cls, vault_dir: Path | None = None, models_dir: Path | None = None) -> "AppPaths":
        data = Path(platformdirs.user_data_dir(_APP_DIR_NAME, appauthor=False))
        return cls(
            data_dir=data,
            log_dir=Path(platformdirs.user_log_dir(_APP_DIR_NAME, appauthor=False)),
            config_dir=Path(platformdirs.user_config_dir(_APP_DIR_NAME, appauthor=False)),
            vault_dir=Path(vault_dir) if vault_dir else data / "vault",
            models_dir=Path(models_dir) if models_dir else default_models_dir(),
        )

    @property
    def vault_db(self) -> Path:
        return self.vault_dir / _VAULT_DB_NAME

    @property
    def recordings_dir(self) -> Path:
        """Sealed (encrypted) recordings sit beside the vault they belong to."""
        return self.vault_dir / "recordings"

    def ensure(self) -> None:
        """Create the per-user folders (not the vault: ``init`` does that)."""
        for folder in (self.data_dir, self.log_dir, self.config_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
