"""Helpers shared by the window tests (a uniquely named module: ``from conftest import`` is
ambiguous once several test folders have a conftest.py)."""

from __future__ import annotations

from sa_testing import TEST_PASSPHRASE


class FakeTime:
    """Wall and monotonic seconds that a test moves by hand (no real waiting)."""

    def __init__(self, start: float = 1_800_000_000.0) -> None:
        self.wall_now = start
        self.mono_now = 1000.0

    def wall(self) -> float:
        return self.wall_now

    def mono(self) -> float:
        return self.mono_now

    def idle(self, seconds: float) -> None:
        """Time passes with the computer awake."""
        self.wall_now += seconds
        self.mono_now += seconds

    def sleep(self, seconds: float) -> None:
        """The computer is suspended: only the wall clock moves."""
        self.wall_now += seconds


def unlock(qtbot, window, passphrase: str = TEST_PASSPHRASE) -> None:
    page = window.unlock_page
    page.passphrase.setText(passphrase)
    page.unlock_button.click()
    qtbot.waitUntil(lambda: window.workspace is not None, timeout=15000)


def open_todays_session(window, client_name: str):
    """Pick the client's appointment under Today on the agenda and start its session screen."""
    agenda = window.workspace.agenda
    today = agenda.tree.topLevelItem(0)
    agenda.tree.setCurrentItem(next(today.child(j) for j in range(today.childCount())
                                    if client_name in today.child(j).text(1)))
    agenda.start_session.click()
    return window.workspace.session
