"""Start the window: QApplication, the exception dialog, and the composition root for the UI.

paths -> pools and settings -> main window; the window unlocks the vault and builds the services.
"""

from __future__ import annotations

import logging
import sys
import time
import traceback

log = logging.getLogger(__name__)

CRASH_TEXT = ("Something unexpected went wrong. Your signed and saved work is safe in the vault. "
              "The details (code locations only, never your records) are in the log folder:\n{log_dir}")


def install_exception_hook(log_dir) -> None:
    """Log unexpected errors (code locations only: messages may quote PHI) and show a calm dialog."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    def hook(kind, value, tb) -> None:
        logging.getLogger("crash").error("unhandled %s in the window\n%s", kind.__name__,
                                         "".join(traceback.format_tb(tb)))
        if QApplication.instance() is not None and not issubclass(kind, KeyboardInterrupt):
            QMessageBox.critical(None, "Session Assistant", CRASH_TEXT.format(log_dir=log_dir))

    sys.excepthook = hook


def build_window(paths, *, clock=None, wall=time.time, model_overrides: dict | None = None, engines=None):
    """The composition root: everything the window needs, built here and passed down.

    ``engines`` (an ``EngineLoaders``) replaces how Whisper and the note model are loaded (tests).
    """
    from session_assistant.ui.common.context import UiContext
    from session_assistant.ui.shell.main_window import MainWindow
    from session_assistant.ui.common.ui_settings import UiSettings
    from session_assistant.ui.common.widgets import ClipboardGuard
    from session_assistant.ui.common.worker import Pools

    ctx = UiContext(paths=paths, pools=Pools(), settings=UiSettings.load(paths.config_dir),
                    clipboard=ClipboardGuard(), clock=clock, wall=wall, model_overrides=dict(model_overrides or {}),
                    engines=engines)
    return MainWindow(ctx)


def fit_to_screen(window, available) -> None:
    """Shrink and move ``window`` so the whole frame lies on ``available`` (a screen's available
    geometry): the first size, 1280x720, and a size restored from a larger monitor put the right and
    bottom edges, Sign & Approve included, off a 1024x600 laptop screen."""
    if window.isMaximized() or window.isFullScreen():
        return
    frame, inner = window.frameGeometry(), window.geometry()
    extra_w, extra_h = frame.width() - inner.width(), frame.height() - inner.height()
    if extra_h == 0 and not window.isVisible():  # no frame yet: allow for the title bar to come
        from PySide6.QtWidgets import QStyle

        extra_h = window.style().pixelMetric(QStyle.PixelMetric.PM_TitleBarHeight)
    width = max(window.minimumWidth(), min(inner.width(), available.width() - extra_w))
    height = max(window.minimumHeight(), min(inner.height(), available.height() - extra_h))
    window.resize(width, height)
    left = max(available.left(), min(frame.left(), available.right() + 1 - width - extra_w))
    top = max(available.top(), min(frame.top(), available.bottom() + 1 - height - extra_h))
    window.move(left, top)


def run_gui(paths, argv: list[str] | None = None, *, startup_stamp: str | None = None) -> int:
    """Create the QApplication, show the window and run the event loop.

    ``startup_stamp`` (benchmark only): a file that receives ``time.time()``, the process CPU time
    and the screen's class name once the first screen has been shown and painted; the app then quits.
    """
    started = time.perf_counter()
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication.instance() or QApplication(argv or [sys.argv[0]])
    app.setApplicationName("Session Assistant")
    app.setOrganizationName("SessionAssistant")
    app.setQuitOnLastWindowClosed(True)
    install_exception_hook(paths.log_dir)
    from session_assistant.ui.common.qt_binding_check import guard_none_refcount

    guard_none_refcount()
    window = build_window(paths)
    fit_to_screen(window, (window.screen() or app.primaryScreen()).availableGeometry())
    window.show()
    # Again once shown: only now are the frame's margins known (and the screen it opened on).
    fit_to_screen(window, (window.screen() or app.primaryScreen()).availableGeometry())
    QTimer.singleShot(0, lambda: log.info("window shown %.3f s after gui start", time.perf_counter() - started))
    if startup_stamp:
        def stamp() -> None:
            window.repaint()  # the first screen is really drawn before the time is taken
            from session_assistant.output_files import write_output

            line = f"{time.time():.6f} {time.process_time():.6f} {type(window.stack.currentWidget()).__name__}"
            try:
                write_output(startup_stamp, line.encode(), paths.vault_dir)
            finally:
                window.close()

        QTimer.singleShot(0, stamp)
    code = app.exec()
    window.shutdown()
    return code
