"""Services over the vault: the one API the CLI and the window both call. No Qt here."""
