"""Session Assistant: offline session notes for therapists."""

# First, before anything can load onnxruntime or huggingface_hub: their phone-home switches only
# work when set before the library loads (see offline.py). This is the one side effect at import.
from session_assistant import offline as _offline

_offline.enforce()

APP_NAME = "Session Assistant"


def __getattr__(name: str) -> str:
    """``__version__``, read from the installed metadata when first asked for: importlib.metadata
    costs tens of milliseconds, and every CLI command would pay it at start-up for ``--version``."""
    if name != "__version__":
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    from importlib import metadata

    try:
        version = metadata.version("session-assistant")
    except metadata.PackageNotFoundError:  # running from a source tree that was never installed
        version = "0.0.0+source"
    globals()["__version__"] = version
    return version
