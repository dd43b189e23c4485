"""Capture, sealed (encrypted) recordings, import, retention and shredding. No Qt here."""
