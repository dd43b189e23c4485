"""``--json`` means the same before the command and after it, for every command (real CLI processes)."""

from __future__ import annotations

import argparse
import json

from sa_testing import run_cli

from session_assistant.cli import build_parser


def _leaf_parsers(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    children = [a for a in parser._actions if isinstance(a, argparse._SubParsersAction)]
    if not children:
        yield path, parser
    for action in children:
        for name, child in action.choices.items():
            yield from _leaf_parsers(child, (*path, name))


def test_every_command_accepts_json_after_it():
    leaves = list(_leaf_parsers(build_parser()))
    assert len(leaves) > 30  # the walk reached the nested commands (clients add, audit list, ...)
    missing = [" ".join(path) for path, parser in leaves if "--json" not in parser._option_string_actions]
    assert not missing, f"commands without --json after them: {missing}"


def test_json_after_the_command_parses_like_json_before_it():
    parser = build_parser()
    after = parser.parse_args(["clients", "add", "--first", "A", "--last", "B", "--json"])
    before = parser.parse_args(["--json", "clients", "add", "--first", "A", "--last", "B"])
    plain = parser.parse_args(["clients", "add", "--first", "A", "--last", "B"])
    assert after.json is True and before.json is True and plain.json is False
    # A subcommand without --json must not reset the global flag given before it.
    assert parser.parse_args(["--json", "audit", "list"]).json is True


def test_real_cli_prints_json_wherever_the_flag_is(tmp_path, user_home):
    vault = str(tmp_path / "vault")
    assert run_cli("--vault", vault, "init").returncode == 0
    added = run_cli("--vault", vault, "clients", "add", "--first", "Ada", "--last", "Lovelace", "--json")
    assert added.returncode == 0, added.stderr
    assert json.loads(added.stdout) == {"id": 1}
    added = run_cli("--vault", vault, "--json", "clients", "add", "--first", "Bo", "--last", "Diddley")
    assert json.loads(added.stdout) == {"id": 2}
    plain = run_cli("--vault", vault, "clients", "add", "--first", "Cy", "--last", "Young")
    assert plain.stdout.strip() == "Client 3 added."  # without the flag: words, not JSON
    listed = run_cli("--vault", vault, "clients", "list", "--json")
    assert [row["last_name"] for row in json.loads(listed.stdout)] == ["Diddley", "Lovelace", "Young"]
    audit = run_cli("--vault", vault, "audit", "list", "--limit", "2", "--json")
    assert len(json.loads(audit.stdout)) == 2
    # A command that declares its own --json (recordings) also honours the global one.
    recordings = run_cli("--vault", vault, "--json", "recordings", "list")
    assert recordings.returncode == 0, recordings.stderr
    assert json.loads(recordings.stdout) == []
