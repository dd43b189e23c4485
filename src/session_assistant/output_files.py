"""The one way the app writes a file the user named (exports, backups, decrypted audio).

Rules (SECURITY item 20): never into the vault folder, whatever the path looks like (symlinks and
``..`` are resolved, and folders are compared by identity, not by spelling, so a case-insensitive
disk or a second mount cannot sneak past); never over an existing file unless the caller was told
to (``--force``, or a save dialog that already asked); never onto a folder. The bytes go to a
hidden temporary file in the target folder first and are renamed into place only when complete,
so a failed or interrupted write leaves no half file and never damages the file it would replace.
Error messages name no path: a file name may be a client's name.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from session_assistant.errors import UserError

NOTHING_WRITTEN = "Nothing was written."


def checked_output(out: Path | str, vault_dir: Path | str, *, force: bool = False) -> Path:
    """Refuse an output path before any work is done; returns it as an absolute path."""
    out = Path(out).expanduser().absolute()
    if is_inside_vault(out, Path(vault_dir)):
        raise UserError("That path is inside the vault folder; nothing is ever written there. "
                        f"Choose another folder. {NOTHING_WRITTEN}")
    if out.is_dir():
        raise UserError(f"The output path is a folder; give a file name. {NOTHING_WRITTEN}")
    if not out.parent.is_dir():
        raise UserError(f"The output folder does not exist. {NOTHING_WRITTEN}")
    if not os.access(out.parent, os.W_OK | os.X_OK):
        raise UserError(f"The output folder is not writable. {NOTHING_WRITTEN}")
    if os.path.lexists(out) and not force:
        raise UserError(f"That file already exists; choose a new name, or add --force to replace it. {NOTHING_WRITTEN}")
    return out


def is_inside_vault(path: Path, vault_dir: Path) -> bool:
    """True if writing ``path`` could touch the vault folder or anything in it.

    Both where a new directory entry would go (the resolved parent) and where an existing symlink
    points (the resolved path) are checked.
    """
    vault_real = Path(os.path.realpath(vault_dir))
    try:
        vault_stat = os.stat(vault_real)
    except OSError:
        vault_stat = None
    for candidate in (Path(os.path.realpath(path.parent)) / path.name, Path(os.path.realpath(path))):
        if candidate == vault_real or vault_real in candidate.parents:
            return True
        if vault_stat is not None and any(_same_folder(folder, vault_stat) for folder in candidate.parents):
            return True
    return False


def _same_folder(folder: Path, wanted: os.stat_result) -> bool:
    try:
        found = os.stat(folder)
    except OSError:
        return False
    return (found.st_dev, found.st_ino) == (wanted.st_dev, wanted.st_ino)


class StagedOutput:
    """A hidden temporary file beside the target; ``publish()`` renames it into place.

    Use as a context manager: leaving the block normally publishes, an exception discards. Callers
    that must publish at a chosen moment (inside a vault transaction) call ``publish()`` themselves.
    """

    def __init__(self, out: Path | str, vault_dir: Path | str, *, force: bool = False) -> None:
        self.out = checked_output(out, vault_dir, force=force)
        self._vault_dir = Path(vault_dir)
        self._force = force
        self.temp = self.out.with_name(f".{self.out.name}.{secrets.token_hex(4)}.partial")
        try:
            fd = os.open(self.temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except OSError:
            raise UserError(f"The file could not be created there (no permission or disk full). "
                            f"{NOTHING_WRITTEN}") from None
        self.handle = os.fdopen(fd, "wb")

    def write(self, data: bytes) -> None:
        try:
            self.handle.write(data)
        except OSError:
            self.discard()
            raise UserError(f"The file could not be written there (disk full?). {NOTHING_WRITTEN}") from None

    def publish(self) -> Path:
        """Flush, fsync and rename into place; never replaces a file unless ``force`` was given."""
        try:
            self.handle.flush()
            os.fsync(self.handle.fileno())
            self.handle.close()
            # Checked again: the target may have appeared or been swapped for a link while we worked.
            checked_output(self.out, self._vault_dir, force=self._force)
            if self._force:
                os.replace(self.temp, self.out)
            else:
                _rename_no_clobber(self.temp, self.out)
        except UserError:
            self.discard()
            raise
        except OSError:
            self.discard()
            raise UserError(f"The file could not be saved there (disk full or no permission). "
                            f"{NOTHING_WRITTEN}") from None
        _fsync_folder(self.out.parent)
        return self.out

    def discard(self) -> None:
        if not self.handle.closed:
            self.handle.close()
        self.temp.unlink(missing_ok=True)

    def __enter__(self) -> "StagedOutput":
        return self

    def __exit__(self, exc_type, exc, tb) -> None:
        if exc_type is None:
            self.publish()
        else:
            self.discard()


def write_output(out: Path | str, data: bytes, vault_dir: Path | str, *, force: bool = False) -> Path:
    """Write ``data`` to ``out`` under the rules above; returns the absolute path written."""
    with StagedOutput(out, vault_dir, force=force) as staged:
        staged.write(data)
    return staged.out


def _rename_no_clobber(temp: Path, out: Path) -> None:
    """Move ``temp`` to ``out`` only if ``out`` does not exist, without a check-then-act gap."""
    try:
        os.link(temp, out)  # fails with EEXIST if anything (even a dangling link) is there
    except FileExistsError:
        raise UserError(f"That file already exists; choose a new name, or add --force to replace it. "
                        f"{NOTHING_WRITTEN}") from None
    except OSError:
        # No hard links here (FAT/exFAT drives): fall back to check-then-rename.
        if os.path.lexists(out):
            raise UserError(f"That file already exists; choose a new name, or add --force to replace it. "
                            f"{NOTHING_WRITTEN}") from None
        os.replace(temp, out)
        return
    temp.unlink()


def _fsync_folder(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return  # Windows cannot open a folder; its rename is durable enough for an export
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
