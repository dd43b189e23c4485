"""Numbered, transactional schema migrations from ``resources/migrations/NNNN_name.sql``.

Before upgrading an existing vault a backup is written; a vault newer than this release is refused.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path

from session_assistant.errors import UserError
from session_assistant.paths import migrations_dir

log = logging.getLogger(__name__)
_NAME = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    path: Path

    def sql(self) -> str:
        return self.path.read_text(encoding="utf-8")


def available(folder: Path | None = None) -> list[Migration]:
    folder = folder or migrations_dir()
    found = []
    for path in sorted(folder.glob("*.sql")):
        match = _NAME.match(path.name)
        if match:
            found.append(Migration(int(match.group(1)), match.group(2), path))
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise UserError(f"Migrations are not numbered 1..N: {versions}")
    return found


def latest_version() -> int:
    return len(available())


def upgrade(conn, current: int, migrations: list[Migration] | None = None) -> list[int]:
    """Apply every migration newer than ``current``, each in its own transaction."""
    migrations = migrations if migrations is not None else available()
    newest = migrations[-1].version if migrations else 0
    if current > newest:
        raise UserError(
            f"This vault was written by a newer Session Assistant (schema {current} > {newest}); "
            "update the app to open it."
        )
    applied = []
    for migration in migrations:
        if migration.version <= current:
            continue
        conn.execute("BEGIN IMMEDIATE")
        try:
            # executescript would commit first; run the statements inside our transaction instead.
            for statement in _statements(migration.sql()):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {migration.version}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
            raise
        log.info("vault migrated to schema %d", migration.version)
        applied.append(migration.version)
    return applied


def _statements(script: str) -> list[str]:
    """Split a migration script into complete statements (triggers contain semicolons)."""
    import sqlcipher3

    statements, buffer = [], ""
    for line in script.splitlines(keepends=True):
        if not buffer and (not line.strip() or line.lstrip().startswith("--")):
            continue
        buffer += line
        if sqlcipher3.complete_statement(buffer):
            statements.append(buffer.strip())
            buffer = ""
    if buffer.strip():
        raise UserError("A migration script ends in an incomplete statement.")
    return statements
