"""Session Assistant: offline session notes for therapists."""

from importlib import metadata as _metadata

try:
    __version__ = _metadata.version("session-assistant")
except _metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0.0.0+source"

APP_NAME = "Session Assistant"
