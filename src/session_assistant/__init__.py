"""Session Assistant: offline session notes for therapists."""

# First, before anything can load onnxruntime or huggingface_hub: their phone-home switches only
# work when set before the library loads (see offline.py). This is the one side effect at import.
from session_assistant import offline as _offline

_offline.enforce()

from importlib import metadata as _metadata  # noqa: E402

try:
    __version__ = _metadata.version("session-assistant")
except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

APP_NAME = "Session Assistant"
