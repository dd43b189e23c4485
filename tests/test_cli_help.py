"""Every command the CLI has is listed in its parent's --help: argparse hides a subcommand added
without help text, so `summary -h` did not show `treatment` or `case` (27 commands were hidden)."""

from __future__ import annotations

import argparse

from sa_testing import run_cli

from session_assistant.cli import build_parser


def _hidden(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            listed = {choice.dest for choice in action._choices_actions}
            for name, sub in action.choices.items():
                if name not in listed:
                    yield " ".join(path + (name,))
                yield from _hidden(sub, path + (name,))


def test_every_subcommand_is_listed_in_its_parents_help():
    assert list(_hidden(build_parser())) == []


def test_summary_help_names_treatment_and_case():
    shown = run_cli("summary", "-h")
    assert shown.returncode == 0
    assert "treatment" in shown.stdout and "case" in shown.stdout and "Treatment Summary" in shown.stdout
