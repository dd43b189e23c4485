"""Keep every library in the process offline (SECURITY 19): nothing leaves the machine.

Some libraries the app loads phone home on their own, from native code a Python-level guard never
sees. onnxruntime (loaded by faster-whisper for the Silero voice-activity model) writes a device id
under ``~/.cache/Microsoft/DeveloperTools/.onnxruntime/`` and resolves and contacts
``mobile.events.data.microsoft.com`` unless telemetry is switched off in the environment *before*
its library is loaded (``onnxruntime.disable_telemetry_events()`` comes too late). Hugging Face
Hub (imported by faster-whisper) would look for updates and send telemetry without its offline
switches.

``enforce()`` runs first thing when the ``session_assistant`` package is imported, so every entry
point (the CLI, the window, the bundle's executables, a test importing an engine module) is
covered before any of those libraries can load. Values are forced, not defaulted: a stray
``ORT_DISABLE_TELEMETRY=0`` in a user's shell must not switch telemetry back on.

``telemetry_loaded_too_early()`` tells the self-check whether onnxruntime was already loaded when
the switches were set (which would make them useless).
"""

from __future__ import annotations

import os
import sys

OFFLINE_ENVIRONMENT = {
    # onnxruntime's telemetry (1DS uploader, device id file); both spellings its releases have read.
    "ORT_DISABLE_TELEMETRY": "1",
    "ORT_TELEMETRY_DISABLED": "1",
    # Hugging Face Hub: never contact the Hub, never send telemetry, never send a stored token.
    "HF_HUB_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "HF_HUB_DISABLE_IMPLICIT_TOKEN": "1",
    "HF_HUB_DISABLE_UPDATE_CHECK": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    # The cross-tool convention (consoledonottrack.com) that other libraries honour.
    "DO_NOT_TRACK": "1",
}

# Native libraries whose telemetry the switches above must reach before they load.
_TELEMETRY_MODULES = ("onnxruntime",)

_loaded_before_enforce: tuple[str, ...] | None = None


def enforce() -> None:
    """Set every offline switch in this process's environment (inherited by its child processes)."""
    global _loaded_before_enforce
    if _loaded_before_enforce is None:
        _loaded_before_enforce = tuple(name for name in _TELEMETRY_MODULES if name in sys.modules)
    os.environ.update(OFFLINE_ENVIRONMENT)


def missing_switches() -> list[str]:
    """The offline switches not set as required in this process's environment (empty when all hold)."""
    return [name for name, value in OFFLINE_ENVIRONMENT.items() if os.environ.get(name) != value]


def telemetry_loaded_too_early() -> list[str]:
    """Telemetry-carrying modules that were already imported when ``enforce()`` first ran."""
    return list(_loaded_before_enforce or ())
