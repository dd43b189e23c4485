"""The day: agenda, notes to write, session status."""
