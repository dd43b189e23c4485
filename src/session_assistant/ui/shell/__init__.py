"""The main window's frame: start-up, the workspace and its navigation, lock, backups, help."""
