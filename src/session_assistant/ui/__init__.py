"""The desktop window (PySide6 only). The engine below never imports anything from here."""
