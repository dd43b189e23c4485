"""In-process evidence that the app stayed offline and kept to its folders (used by ``self-check``).

The OS-level proof is the test suite's strace run (tests/test_offline_strace.py); an installed app
cannot trace itself, so the self-check gathers what a process can see of itself:

* ``foreign_sockets()``: every socket this process holds open that is not AF_UNIX, found in
  ``/proc/self/fd`` and named by the kernel (Linux; elsewhere ``None``);
* ``HomeWatch``: what appeared or changed under the user's home folder outside the app's own
  folders while the check ran, including the device-id folder onnxruntime's telemetry writes.

Nothing here reads file contents; only names, sizes and modification times.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

# Where onnxruntime's telemetry keeps its device id and event queue (issue 15, item 1).
ONNXRUNTIME_FOOTPRINT = Path(".cache") / "Microsoft" / "DeveloperTools" / ".onnxruntime"
# The sound server's shared client cookie: libpulse (under PortAudio's ALSA "pulse" device) creates
# it when a desktop has none yet. It holds random bytes the sound server issued, nothing of the
# app's; every desktop session already has it. Only these paths (under ~/.config or $XDG_CONFIG_HOME)
# and libpulse's "<machine id>-runtime" link beside the cookie are excused.
_SOUND_SERVER_COOKIE = (Path("pulse"), Path("pulse") / "cookie")  # under the config folder
_WATCH_DEPTH = 5  # deep enough for ~/.cache/Microsoft/DeveloperTools/.onnxruntime/<files>
_WATCH_LIMIT = 200_000  # entries: a huge home folder is sampled, never walked for minutes


def _family(fd: int) -> str:
    """The address family of socket ``fd``, read from a duplicate (the original is left alone)."""
    import socket

    try:
        probe = socket.socket(fileno=os.dup(fd))  # the kernel names the family (SO_DOMAIN)
    except OSError:
        return "unknown family"
    try:
        family = probe.family
        return family.name if isinstance(family, socket.AddressFamily) else f"family {int(family)}"
    finally:
        probe.close()  # closes the duplicate only


def foreign_sockets() -> list[str] | None:
    """Open sockets of this process that are not AF_UNIX, described by family; None off Linux."""
    fd_dir = Path("/proc/self/fd")
    if not fd_dir.is_dir():
        return None
    found = []
    for entry in os.scandir(fd_dir):
        try:
            target = os.readlink(entry.path)
        except OSError:  # closed meanwhile (or the listing's own descriptor)
            continue
        if target.startswith("socket:["):
            family = _family(int(entry.name))
            if family not in ("AF_UNIX", "AF_LOCAL"):
                found.append(f"{family} ({target})")
    return found


@dataclass
class HomeWatch:
    """Names, sizes and times under ``home`` (outside ``allowed``) now, to compare with later."""

    home: Path
    allowed: tuple[Path, ...]
    before: dict[str, tuple[int, int]] = field(default_factory=dict)
    footprint_existed: bool = False

    @classmethod
    def start(cls, home: Path, allowed: list[Path]) -> "HomeWatch":
        watch = cls(Path(home), tuple(Path(a) for a in allowed))
        watch.before = watch._snapshot()
        watch.footprint_existed = (watch.home / ONNXRUNTIME_FOOTPRINT).exists()
        return watch

    @property
    def _excused(self) -> tuple[Path, ...]:
        # libpulse writes under $XDG_CONFIG_HOME when it is set, else under ~/.config
        configs = {self.home / ".config", Path(os.environ.get("XDG_CONFIG_HOME") or self.home / ".config")}
        return tuple(config / part for config in configs for part in _SOUND_SERVER_COOKIE)

    def _is_sound_server_link(self, path: Path) -> bool:
        """libpulse's '<machine id>-runtime' link beside its cookie (where its runtime folder lives)."""
        return path.name.endswith("-runtime") and path.parent in self._excused

    def _inside_app(self, path: Path) -> bool:
        return any(path == a or a in path.parents for a in self.allowed)

    def _above_app(self, path: Path) -> bool:
        """A folder holding an app folder (~/.local/share): created with it, so its time changes."""
        return any(path in a.parents for a in self.allowed)

    def _snapshot(self) -> dict[str, tuple[int, int]]:
        found: dict[str, tuple[int, int]] = {}
        stack = [(self.home, 0)]
        while stack and len(found) < _WATCH_LIMIT:
            folder, depth = stack.pop()
            try:
                entries = list(os.scandir(folder))
            except OSError:
                continue
            for entry in entries:
                path = Path(entry.path)
                if self._inside_app(path) or path in self._excused or self._is_sound_server_link(path):
                    continue
                is_dir = entry.is_dir(follow_symlinks=False)
                if self._above_app(path):
                    stack.append((path, depth + 1))
                    continue
                try:
                    stat = entry.stat(follow_symlinks=False)
                except OSError:
                    continue
                # A folder's own time changes with every file its owner adds: its entries speak for it.
                found[entry.path] = (0 if is_dir else stat.st_size, 0 if is_dir else stat.st_mtime_ns)
                if is_dir and depth + 1 < _WATCH_DEPTH:
                    stack.append((path, depth + 1))
        return found

    def changes(self) -> list[str]:
        """Paths under home, outside the app's folders, that appeared, vanished or changed since start."""
        after = self._snapshot()
        changed = set(self.before) ^ set(after)
        changed |= {p for p in self.before.keys() & after.keys() if self.before[p] != after[p]}
        return sorted(changed)

    def footprint(self) -> str | None:
        """What is wrong with onnxruntime's telemetry folder, or None."""
        if not (self.home / ONNXRUNTIME_FOOTPRINT).exists():
            return None
        if not self.footprint_existed:
            return f"onnxruntime's telemetry wrote {ONNXRUNTIME_FOOTPRINT} under the home folder during the check"
        return None


class OfflineEvidence:
    """What a self-check run gathers: sockets seen after each step and the home folder's changes."""

    def __init__(self, watch: HomeWatch) -> None:
        self.watch = watch
        self.sockets: set[str] = set()
        self.sockets_checked = False

    @classmethod
    def start(cls, home: Path, allowed: list[Path]) -> "OfflineEvidence":
        return cls(HomeWatch.start(home, allowed))

    def allow(self, folder: Path) -> None:
        """A folder the check itself writes (its temporary folder, which may lie under home)."""
        self.watch.allowed += (Path(folder), Path(folder).resolve())

    def note_sockets(self) -> None:
        found = foreign_sockets()
        if found is not None:
            self.sockets_checked = True
            self.sockets.update(found)

    def verdict(self) -> tuple[list[str], str]:
        """(problems, summary): problems is empty when everything held."""
        import sys

        from session_assistant import offline

        problems = []
        missing = offline.missing_switches()
        if missing:
            problems.append(f"offline switches not set: {', '.join(missing)}")
        early = offline.telemetry_loaded_too_early()
        if early:
            problems.append(f"{', '.join(early)} loaded before the offline switches were set")
        self.note_sockets()
        if self.sockets:
            problems.append(f"{len(self.sockets)} socket(s) other than AF_UNIX were open: "
                            f"{', '.join(sorted(self.sockets)[:3])}")
        footprint = self.watch.footprint()
        if footprint:
            problems.append(footprint)
        written = self.watch.changes()
        if written:
            problems.append(f"{len(written)} path(s) written under the home folder outside the app's folders, "
                            f"e.g. {', '.join(written[:3])}")
        ort = "onnxruntime loaded after them" if "onnxruntime" in sys.modules else "onnxruntime not loaded"
        sockets = "no socket but AF_UNIX" if self.sockets_checked else "sockets not checkable on this system"
        return problems, (f"offline switches set ({ort}); {sockets}; nothing written under the home folder "
                          "outside the app's folders")
