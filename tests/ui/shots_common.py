"""What the screenshot scripts share (not a test): their options and a sample practice to show."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def shot_options(*extra: tuple[str, dict]) -> argparse.Namespace:
    """--size WxH and --out DIR (made if missing), plus ``extra`` (name, add_argument keywords)."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--size", default="1366x768")
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    for name, options in extra:
        parser.add_argument(name, **options)
    args = parser.parse_args()
    args.width, args.height = (int(v) for v in args.size.split("x"))
    args.out = Path(args.out)
    args.out.mkdir(parents=True, exist_ok=True)
    return args


def sample_practice(prefix: str, passphrase: str):
    """A new vault in a temporary folder holding the sample practice, closed; its AppPaths."""
    from sa_testing import MODELS_DIR
    from session_assistant.app import create_practice
    from session_assistant.paths import AppPaths
    from session_assistant.services.sample_practice import load_sample_practice

    home = Path(tempfile.mkdtemp(prefix=prefix))
    paths = AppPaths(data_dir=home / "data", log_dir=home / "log", config_dir=home / "config",
                     vault_dir=home / "data" / "vault", models_dir=MODELS_DIR)
    paths.ensure()
    practice, _recovery = create_practice(paths, passphrase)
    practice.profile.update(name="Dr Sam Rivera", credentials="PsyD", practice_name="Riverside Counselling",
                            ai_usage_consent=True)
    load_sample_practice(practice)
    practice.close()
    return paths
