"""``session-assistant self-check``: prove an installation (or a built bundle) works, headless.

One line per step as it finishes (or one JSON object with ``--json``); exit 0 only when
every step passed, 1 when any step failed or was skipped because its engine is not available.
"""

from __future__ import annotations

import argparse
import sys

from session_assistant.errors import UserError
from session_assistant.selfcheck import DEFAULT_LLM, DRAFT_TOKENS, STEP_NAMES, SelfCheck


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("self-check", help="headless end-to-end check: temporary vault, models, draft, shred")
    p.add_argument("--llm", default=DEFAULT_LLM, metavar="MODEL",
                   help=f"note model to load and draft with (default: {DEFAULT_LLM}, the small test model)")
    p.add_argument("--whisper", default=None, metavar="MODEL", help="Whisper model (default: the default one)")
    p.add_argument("--draft-tokens", type=int, default=DRAFT_TOKENS, metavar="N",
                   help=f"cap each generation of the draft at N tokens so the check is quick (default {DRAFT_TOKENS}; "
                        "0: the drafter's own budgets)")
    p.add_argument("--steps", metavar="A,B", help=f"run only these steps ({','.join(STEP_NAMES)}); "
                                                 "recording needs vault")
    p.add_argument("--json", action="store_true", dest="cmd_json", help="machine-readable output")
    p.set_defaults(handler=_self_check)


def _self_check(ctx, args) -> int:
    as_json = ctx.as_json or args.cmd_json
    only = None
    if args.steps:
        only = {name.strip() for name in args.steps.split(",") if name.strip()}
        unknown = sorted(only - set(STEP_NAMES))
        if unknown or not only:
            raise UserError(f"Unknown self-check step(s): {', '.join(unknown) or '(none given)'}. "
                            f"Steps: {', '.join(STEP_NAMES)}.")
    check = SelfCheck(ctx.paths.models_dir, llm=args.llm, whisper=args.whisper,
                      draft_tokens=args.draft_tokens)

    def show(result) -> None:
        if not as_json:
            print(result.line(), flush=True)

    results = check.run(on_step=show, only=only)
    passed = sum(r.status == "pass" for r in results)
    failed = [r.name for r in results if r.status != "pass"]
    if as_json:
        ctx.as_json = True
        ctx.emit({"passed": not failed, "steps": [r.to_json() for r in results]})
    else:
        verdict = "self-check passed" if not failed else f"self-check FAILED: {', '.join(failed)}"
        scope = "" if only is None else f"; only {', '.join(r.name for r in results)} run, on request"
        print(f"{verdict} ({passed}/{len(results)} steps passed{scope})", file=sys.stdout if not failed else sys.stderr)
    return 0 if not failed else 1
