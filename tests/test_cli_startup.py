"""CLI start-up stays cheap: a command imports what it uses, not every engine.

Hundreds of real CLI subprocesses run in the suite (and scripts call the CLI in loops); each one
paid ~0.65 s importing numpy, the drafting engine and every service before doing anything. These
tests run the real entry in a fresh interpreter and look at ``sys.modules``: no timing, so a busy
machine cannot fail them, yet a top-level import of an engine in a command module or in the
composition root does.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys

from sa_testing import TEST_PASSPHRASE

from session_assistant.app import create_practice
from session_assistant.cli import build_parser
from session_assistant.commands import COMMANDS, command_module
from session_assistant.paths import AppPaths

# Engines that no parse, no --help and no listing needs (each costs tens to hundreds of ms to import).
ENGINES = ("numpy", "PySide6", "llama_cpp", "faster_whisper", "ctranslate2", "onnxruntime", "pypdf", "fpdf",
           "session_assistant.drafting", "session_assistant.documents", "session_assistant.chart",
           "session_assistant.transcribe", "session_assistant.ui")



def _report(names: tuple[str, ...]) -> str:
    """Code that prints, as the last line on stderr, which of ``names`` the interpreter has loaded."""
    return ("import json, sys\n"
            f"print(json.dumps([name for name in {names!r} if name in sys.modules]), file=sys.stderr)\n")


def _fresh_interpreter(code: str, env: dict | None = None) -> subprocess.CompletedProcess:
    full_env = {**os.environ, **(env or {})}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=full_env,
                          timeout=300)


def _engines_loaded(done: subprocess.CompletedProcess) -> list[str]:
    return json.loads(done.stderr.strip().splitlines()[-1])


def test_parsing_any_command_loads_no_engine(user_home):
    code = ("from session_assistant.cli import build_parser\n"
            "parser = build_parser()\n"
            "args = parser.parse_args(['clients', 'list'])\n"
            "assert args.handler.__name__ == '_clients_list'\n"
            "parser.parse_args(['--json', 'export', 'note', '1', '--out', 'x.pdf'])\n"
            "parser.parse_args(['record', '--appointment', '1', '--transcribe', '--draft', 'soap'])\n"
            "parser.parse_args(['sessions', 'draft', '1'])\n"
            "parser.parse_args(['self-check', '--steps', 'vault'])\n"
            # The composition root and SQLCipher wait for a command that opens the vault.
            + _report(ENGINES + ("session_assistant.app", "sqlcipher3")))
    done = _fresh_interpreter(code)
    assert done.returncode == 0, done.stderr
    assert _engines_loaded(done) == []


def test_reading_commands_on_a_real_vault_load_no_engine(tmp_path, user_home):
    paths = AppPaths.default(vault_dir=tmp_path / "vault")
    paths.ensure()
    practice, _ = create_practice(paths, TEST_PASSPHRASE)
    practice.clients.add("Ada", "Lovelace")
    practice.close()
    runs = {"clients": ["clients", "list", "--json"], "templates": ["notes", "templates", "--json"],
            "audit": ["audit", "verify", "--json"], "recordings": ["recordings", "list", "--json"]}
    for name, argv in runs.items():
        code = ("import sys\n"
                "from session_assistant.__main__ import main\n"
                f"code = main(['--vault', {str(paths.vault_dir)!r}, *{argv!r}])\n"
                "sys.stdout.flush()\n" + _report(ENGINES) + "sys.exit(code)\n")
        done = _fresh_interpreter(code, {"SESSION_ASSISTANT_PASSPHRASE": TEST_PASSPHRASE})
        assert done.returncode == 0, (name, done.stderr)
        output = json.loads(done.stdout)  # the command really ran against the vault
        if name == "clients":
            assert [row["last_name"] for row in output] == ["Lovelace"]
        if name == "audit":
            assert output["ok"] is True
        assert _engines_loaded(done) == [], name


def _all_paths(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every command path of the parser, inner ones (``clients``) and leaves (``clients add``)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, child in action.choices.items():
                yield (*path, name)
                yield from _all_paths(child, (*path, name))


def test_the_command_table_names_what_each_module_registers():
    for module_name, names in COMMANDS.items():
        sub = argparse.ArgumentParser().add_subparsers()
        command_module(module_name).register(sub)
        assert tuple(sub.choices) == names, module_name
    listed = [choice.dest for a in build_parser()._actions if isinstance(a, argparse._SubParsersAction)
              for choice in a._choices_actions]
    assert listed == [name for names in COMMANDS.values() for name in names]  # help order kept


def _answer(parser: argparse.ArgumentParser, argv: list[str]):
    """What parsing ``argv`` prints and returns (exit code, stdout, stderr, the parsed values)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            parsed, code = vars(parser.parse_args(argv)), None
        except SystemExit as stop:
            parsed, code = None, stop.code
    return code, out.getvalue(), err.getvalue(), parsed


def test_building_only_the_given_command_answers_as_the_whole_parser(monkeypatch):
    monkeypatch.setenv("COLUMNS", "100")  # the same wrapping for both
    whole = build_parser()
    samples = [[], ["-h"], ["--version"], ["bogus"], ["-h", "clients"], ["--vau", "v", "--json", "audit", "list"],
               ["--busy-wait", "x", "clients", "list"], ["--bogus", "clients", "list"], ["--vault=v", "notes", "sign"]]
    for path in _all_paths(whole):
        samples += [[*path], [*path, "-h"], ["--json", *path, "--bogus"], ["--vault", "v", *path, "--json"]]
    assert len(samples) > 150
    for argv in samples:
        assert _answer(build_parser(argv), argv) == _answer(whole, argv), argv
